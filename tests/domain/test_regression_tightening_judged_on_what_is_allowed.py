"""Regression: replacing a restriction with a milder one of another kind
counted as tightening.

``tightened`` judged each new restriction only against restrictions of its
own kind, so a call limit in place of "email only" (no ordinary call taken at
all) counted as added: an appeal could not vary to it (8.1,
``appeal_tightens``) and a review needed a fresh 6.2 assessment and an
incident since the last decision (7.2). What tightens is now judged on what
each set lets the customer do on each channel, issue and call, as the point
of contact decides it (5.1, 7.3): ``tightened(old, new)`` is empty exactly
when the contact decision under ``new`` is never more restrictive than under
``old``.
"""

from __future__ import annotations

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import Channel, Contact, ContactDecision, LoggedContact
from contactpolicy.domain.restrictions import only_relaxed, tightened, until_told
from contactpolicy.restrictions import (
    CallLimit,
    CallTimeLimit,
    NoFurtherEnquiriesOnIssue,
    ReadAndFile,
    Restriction,
    SingleContactMethod,
    SinglePointOfContact,
)

from support.contact_cases import AT, case, run

DAY, WEEK = pendulum.duration(days=1), pendulum.duration(weeks=1)
EMAIL = SingleContactMethod(Channel.EMAIL)
TELEPHONE = SingleContactMethod(Channel.TELEPHONE)
ISSUES = ("council tax bill", "bin collection")


def test_a_call_limit_in_place_of_email_only_relaxes_it() -> None:
    """The reproduction: email only takes no ordinary call, so any call
    limit in its place limits nothing it allowed and relaxes it (7.2)."""
    assert tightened([EMAIL], [CallLimit(2, WEEK)]) == ()
    assert tightened([EMAIL, SinglePointOfContact("lwong")], [CallLimit(1, DAY)]) == ()
    assert only_relaxed([EMAIL], [CallLimit(2, WEEK)]) is True
    assert until_told([EMAIL], [CallLimit(2, WEEK)]) == (CallLimit(2, WEEK),)


def test_a_call_time_limit_or_no_further_enquiries_in_place_of_email_only_tightens() -> None:
    """Email only takes a call on a new issue in full (7.3), which a call
    time limit cuts short; and it registers every email, which no further
    enquiries on an issue does not for that issue: each limits something
    email only allowed."""
    time_limit, enquiries = CallTimeLimit(10), NoFurtherEnquiriesOnIssue("council tax bill")
    assert tightened([EMAIL], [time_limit]) == (time_limit,)
    assert tightened([EMAIL], [enquiries]) == (enquiries,)
    assert tightened([EMAIL], [CallLimit(2, WEEK), time_limit]) == (time_limit,)
    assert only_relaxed([EMAIL], [CallLimit(2, WEEK), time_limit]) is False


def test_another_single_contact_method_still_tightens() -> None:
    """Telephone in place of email takes email away: the customer loses the
    method they had (5.1)."""
    assert tightened([EMAIL], [TELEPHONE]) == (TELEPHONE,)
    assert tightened([CallLimit(2, WEEK)], [EMAIL]) == (EMAIL,)
    assert tightened([EMAIL, TELEPHONE], [SingleContactMethod(Channel.LETTER)]) == ()


def test_a_call_limit_is_judged_on_the_calls_it_allows_in_its_period() -> None:
    """One call a day allows at most seven in any week: seven a week refuses
    nothing it allowed, six a week does."""
    assert tightened([CallLimit(1, DAY)], [CallLimit(7, WEEK)]) == ()
    assert tightened([CallLimit(1, DAY)], [CallLimit(6, WEEK)]) == (CallLimit(6, WEEK),)
    assert only_relaxed([CallLimit(1, DAY)], [CallLimit(7, WEEK)]) is True
    assert tightened([CallLimit(5, WEEK)], [CallLimit(5, DAY)]) == ()


def test_no_further_enquiries_bound_by_what_refuses_or_files_every_contact() -> None:
    """Letters only, read and filed, leave no contact on any issue registered
    but one on a new issue, as no further enquiries does; email only alone
    registers every email."""
    enquiries = NoFurtherEnquiriesOnIssue("Council tax  bill")
    filed: list[Restriction] = [SingleContactMethod(Channel.LETTER), ReadAndFile("lwong")]
    assert tightened(filed, [enquiries]) == ()
    assert tightened([EMAIL, TELEPHONE], [enquiries]) == ()
    assert tightened([NoFurtherEnquiriesOnIssue("council tax bill")], [enquiries]) == ()
    assert tightened([SingleContactMethod(Channel.LETTER)], [enquiries]) == (enquiries,)


def test_read_and_file_bound_by_a_named_officer_when_no_correspondence_is_taken() -> None:
    """Telephone only with a single point of contact refuses every ordinary
    letter and passes the rest to that officer: read-and-file refuses no
    more; without the officer it routes what went to no one."""
    filing = ReadAndFile("kdaly")
    assert tightened([TELEPHONE, SinglePointOfContact("lwong")], [filing]) == ()
    assert tightened([TELEPHONE], [filing]) == (filing,)
    assert tightened([ReadAndFile("lwong")], [filing]) == ()


OFFICERS = ("amir", "beth")
RESTRICTIONS: st.SearchStrategy[Restriction] = st.one_of(
    st.builds(NoFurtherEnquiriesOnIssue, st.sampled_from(ISSUES)),
    st.builds(CallTimeLimit, st.sampled_from([5, 10, 20])),
    st.builds(
        CallLimit,
        st.integers(1, 8),
        st.sampled_from([pendulum.duration(hours=6), DAY, pendulum.duration(days=3), WEEK]),
    ),
    st.builds(SingleContactMethod, st.sampled_from(Channel)),
    st.builds(SinglePointOfContact, st.sampled_from(OFFICERS)),
    st.builds(ReadAndFile, st.sampled_from(OFFICERS)),
)
SETS = st.lists(RESTRICTIONS, max_size=4)
CALLS = st.lists(st.integers(1, 60 * 24 * 10), max_size=10).map(
    lambda minutes: [
        LoggedContact(
            "CRM-1", Contact(Channel.TELEPHONE, AT.subtract(minutes=m)), ContactDecision(), AT
        )
        for m in minutes
    ]
)
GRID = [
    Contact(channel, AT, issue=issue, new_issue=new_issue)
    for channel in Channel
    for issue in (None, *ISSUES)
    for new_issue in (False, True)
]
"""Every kind of contact restrictions tell apart: each channel, on each
issue restricted or none, raising a new issue or not."""


def _no_stricter(
    old: list[Restriction], new: list[Restriction], calls: list[LoggedContact]
) -> bool:
    """The oracle: on every contact of the grid, after ``calls``, the point
    of contact decides under ``old`` at least as restrictively as under
    ``new`` (5.1)."""
    return all(
        run([case(*old)], contact, calls).is_at_least_as_restrictive_as(
            run([case(*new)], contact, calls)
        )
        for contact in GRID
    )


@settings(max_examples=300, deadline=None)
@given(SETS, SETS, CALLS)
def test_property_nothing_tightened_means_no_contact_handled_more_strictly(
    old: list[Restriction], new: list[Restriction], calls: list[LoggedContact]
) -> None:
    """When ``tightened`` gives nothing, no contact of any channel, issue or
    new issue, after any calls, is handled more restrictively under ``new``
    than under ``old``: so for ``new`` less what it gives, always."""
    kept = [each for each in new if each not in tightened(old, new)]
    assert tightened(old, kept) == ()
    assert _no_stricter(old, kept, calls)


@settings(max_examples=300, deadline=None)
@given(SETS, RESTRICTIONS)
def test_property_a_restriction_tightened_handles_some_contact_more_strictly(
    old: list[Restriction], added: Restriction
) -> None:
    """A restriction ``tightened`` gives limits some contact ``old``
    allows: one of the grid, with no call before it, or, for a call limit
    where ``old`` limits no call, one after as many calls as it allows."""
    if not tightened(old, [added]):
        return
    if not isinstance(added, CallLimit):
        assert not _no_stricter(old, [*old, added], [])
    elif not any(isinstance(each, CallLimit) for each in old):
        calls = [
            LoggedContact(
                "CRM-1", Contact(Channel.TELEPHONE, AT.subtract(minutes=1)), ContactDecision(), AT
            )
        ] * added.calls
        assert not _no_stricter(old, [*old, added], calls)
