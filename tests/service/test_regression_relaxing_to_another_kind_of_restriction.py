"""Regression: a restriction replaced with a milder one of another kind was
refused as tightening, on appeal and on review.

A customer limited to email (no call taken at all) appeals, as email is
hard, and asks for the telephone. Varying to a call limit was refused on
appeal (8.1, ``appeal_tightens``), and on review needed a fresh 6.2
assessment and an override of ``no_incident_since_decision`` (7.2), whose
letter then said "The decision was taken although not every usual condition
was met". A call limit refuses nothing email only allowed, so both now
accept it as a relaxation, applied at once (6.3, 7.2). What limits anything
email only allowed still tightens: a call time limit (it cuts short a call
on a new issue, 7.3, that email only takes in full), no further enquiries on
an issue (emails on it are no longer registered) and telephone in place of
email.
"""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import (
    AppealOutcome,
    CaseState,
    Casework,
    Channel,
    Contact,
    FrozenClock,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy import restrictions as r
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    incident,
    warn_and_continue,
)

EMAIL = r.SingleContactMethod(Channel.EMAIL)
TWO_A_WEEK = r.CallLimit(2, pendulum.duration(weeks=1))
STRICTER: dict[r.Restriction, str] = {
    r.CallTimeLimit(10): "a call time limit of 10 minutes (cutting short a call those in force "
    "let last longer)",
    r.NoFurtherEnquiriesOnIssue("council tax"): "no further enquiries on an issue (leaving "
    "unregistered enquiries on it those in force register)",
    r.SingleContactMethod(Channel.TELEPHONE): "telephone as the single contact method (refusing "
    "contact those in force take by another method)",
}
APPEAL_TIGHTENS = (
    ": an appeal may remove or relax the restrictions, or replace them with ones no stricter; "
    "restrictions are made stricter only by the decision maker (6.1), on a review with "
    "evidence (7.2, 7.3)"
)
LIMITED = (
    "- Restricting the number of telephone calls that will be taken: at most 2 calls in any 7 days."
)
NOT_MET = "not every usual condition was met"


def _email_only() -> tuple[Casework, str]:
    """A case designated with email only on 2 February 2026, its letter recorded."""
    clock = FrozenClock(pendulum.datetime(2026, 2, 2, 10, tz="Europe/London"))
    casework = Casework(MemoryStore(), clock=clock)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        [EMAIL],
        "Calls continued after the warning.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    clock.advance(days=1)
    return casework, case.id


def _call_taken(casework: Casework) -> bool:
    call = Contact(Channel.TELEPHONE, casework.clock.now())
    return casework.decide_contact(CUSTOMER.id, call, record=False).allowed


def test_an_appeal_varied_from_email_only_to_a_call_limit_is_accepted_and_applies_at_once() -> None:
    """The reproduction on appeal: the variation is accepted, the call limit
    is all that applies, at once, and the letter tells of it as the appeal
    allowed in part."""
    casework, case_id = _email_only()
    casework.appeal(case_id, RECORDS, "Email is hard for me.")
    assert _call_taken(casework) is False
    case = casework.decide_appeal(
        case_id, DIRECTOR, AppealOutcome.VARIED, "Phone allowed, limited.", [TWO_A_WEEK]
    )
    assert (case.state, case.restrictions) == (CaseState.DESIGNATED, (TWO_A_WEEK,))
    assert case.restrictions_in_force(casework.clock.now()) == (TWO_A_WEEK,)
    assert _call_taken(casework) is True
    [summary] = [i.summary for i in casework.work_queue(RECORDS) if i.kind == "not_communicated"]
    assert summary == (
        "The appeal decision of 3 February 2026 is not recorded as communicated (6.3): write "
        "to the customer, then record it; it adds or tightens no restriction, so it applies "
        "already."
    )
    text = casework.letter(case_id, "appeal", by=RECORDS).text
    assert "your appeal was allowed in part: the restrictions are changed as set out below." in (
        text
    )
    assert LIMITED in text.splitlines()
    assert NOT_MET not in text


def test_an_appeal_varied_from_email_only_to_what_limits_more_is_refused() -> None:
    """Each of a call time limit, no further enquiries on an issue and
    telephone only limits contact email only allows: refused, nothing
    written."""
    casework, case_id = _email_only()
    casework.appeal(case_id, RECORDS, "Email is hard for me.")
    before = casework.get(case_id)
    for stricter, named in STRICTER.items():
        with pytest.raises(PreconditionsNotMet) as refused:
            casework.decide_appeal(
                case_id, DIRECTOR, AppealOutcome.VARIED, "Phone allowed.", [TWO_A_WEEK, stricter]
            )
        assert [(f.section, f.code, f.message) for f in refused.value.failures] == [
            ("8.1", "appeal_tightens", f"the variation sets {named}{APPEAL_TIGHTENS}")
        ]
    assert casework.get(case_id) == before


def test_a_review_varied_from_email_only_to_a_call_limit_needs_no_override() -> None:
    """The reproduction on review: with no incident since the designation
    and no fresh assessment, the variation only relaxes, so it is accepted
    with no override, and its letter gives no exception."""
    casework, case_id = _email_only()
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    case = casework.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.VARY,
        "Calmer; phone allowed again, limited.",
        [TWO_A_WEEK],
    )
    assert case.restrictions == (TWO_A_WEEK,)
    assert case.review is not None
    assert (case.review.overrides, case.review.assessment, case.review.incidents_since) == (
        (),
        None,
        0,
    )
    assert _call_taken(casework) is True
    text = casework.letter(case_id, "review", by=RECORDS).text
    assert LIMITED in text.splitlines()
    assert NOT_MET not in text


def test_a_review_varied_from_email_only_to_a_call_time_limit_still_needs_grounds() -> None:
    """A call time limit in place of email only limits a call on a new issue
    (7.3): a fresh assessment and an incident since, or an override, are
    still needed."""
    casework, case_id = _email_only()
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.complete_review(
            case_id, DECIDER, ReviewOutcome.VARY, "Calls of ten minutes.", [r.CallTimeLimit(10)]
        )
    assert [(f.section, f.code, f.message) for f in refused.value.failures] == [
        (
            "6.2",
            "assessment_missing",
            "the new restrictions set a call time limit of 10 minutes (cutting short a call "
            "those in force let last longer), limiting contact those in force allow, so the 6.2 "
            "checks and reasonable adjustments must be assessed afresh (assessment=)",
        ),
        (
            "7.2",
            "no_incident_since_decision",
            "no incident is recorded since the last decision; restrictions are not kept longer "
            "than necessary, so a variation only removes or relaxes them without one",
        ),
    ]
    assert casework.get(case_id).state is CaseState.UNDER_REVIEW
