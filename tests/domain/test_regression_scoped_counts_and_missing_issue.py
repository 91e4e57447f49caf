"""Regression: point-of-contact decisions applied restrictions beyond or
short of what was decided (5.1).

A call limit scoped to one service counted the calls taken by other
services, so the customer's first call to the restricted service was
refused; and no further enquiries on an issue was silently skipped for a
contact whose issue was not given, the decision saying nothing of it.
"""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Case, Channel, Contact, ContactDecision, LoggedContact
from contactpolicy.restrictions import CallLimit, NoFurtherEnquiriesOnIssue, Restriction

from support.contact_cases import AT, case, run

REVENUES = "Revenues and Benefits"
DAY = pendulum.duration(days=1)
TWO_A_DAY = CallLimit(2, DAY)
REACHED = (
    "The limit of 2 calls in any day is reached (5.1): do not take this call. Calls can "
    "be taken again from 8:00 on 3 March 2026."
)
"""The reason line of a third call at :data:`AT` after calls at 8:00 and
9:00 that count."""


def _scoped(*restrictions: Restriction, services: tuple[str, ...] = (REVENUES,)) -> Case:
    """:func:`case`, its restrictions covering ``services`` only (none:
    every service)."""
    made = case(*restrictions)
    assert made.designation is not None
    return attrs.evolve(made, designation=attrs.evolve(made.designation, services=services))


def _call(department: str | None, hour: int) -> LoggedContact:
    """A call taken at ``hour`` o'clock on the day of :data:`AT`, by ``department``."""
    at = AT.set(hour=hour)
    return LoggedContact("CRM-1", Contact(Channel.TELEPHONE, at, department), ContactDecision(), at)


def _revenues_call(recent: list[LoggedContact], cases: list[Case] | None = None) -> ContactDecision:
    return run(cases or [_scoped(TWO_A_DAY)], Contact(Channel.TELEPHONE, AT, REVENUES), recent)


def test_calls_to_another_service_do_not_count_against_a_limit_for_one_service() -> None:
    """Two Housing calls this morning; the first Revenues and Benefits call
    is call 1 of 2, as the limit covers that service only."""
    decision = _revenues_call([_call("Housing", 8), _call("Housing", 9)])
    assert decision == ContactDecision(reasons=("This is call 1 of at most 2 in any day (5.1).",))


def test_calls_to_the_service_covered_count_however_its_name_is_typed() -> None:
    """Two calls to the service covered, one typed in another case and
    spacing: the third is refused."""
    decision = _revenues_call([_call(REVENUES, 8), _call("revenues  AND benefits", 9)])
    assert decision.allowed is False
    assert decision.reasons == (REACHED,)


def test_a_call_whose_service_was_not_known_does_not_count_under_a_scoped_limit() -> None:
    """Calls logged with no department were not decided under the limit
    (its line asked for them to be decided again naming the service): the
    next Revenues and Benefits call is call 1."""
    decision = _revenues_call([_call(None, 8), _call(None, 9)])
    assert decision.reasons == ("This is call 1 of at most 2 in any day (5.1).",)


def test_a_council_wide_limit_counts_calls_to_every_service_and_none_named() -> None:
    """Restrictions for every service count every call taken."""
    council_wide = [_scoped(TWO_A_DAY, services=())]
    decision = _revenues_call([_call("Housing", 8), _call(None, 9)], council_wide)
    assert decision.allowed is False
    assert decision.reasons == (REACHED,)


def test_each_case_counts_the_calls_to_its_own_services() -> None:
    """One case limits Revenues and Benefits calls to two a day, another
    Housing calls to one a day: two Housing calls use up Housing's limit,
    not Revenues and Benefits'."""
    housing = attrs.evolve(_scoped(CallLimit(1, DAY), services=("Housing",)), id="C-2")
    cases = [_scoped(TWO_A_DAY), housing]
    recent = [_call("Housing", 8), _call("Housing", 9)]
    assert _revenues_call(recent, cases).reasons == (
        "This is call 1 of at most 2 in any day (5.1).",
    )
    refused = run(cases, Contact(Channel.TELEPHONE, AT, "Housing"), recent)
    assert refused.allowed is False
    assert refused.reasons == (
        "The limit of 1 call in any day is reached (5.1): do not take this call. Calls can "
        "be taken again from 9:00 on 3 March 2026.",
    )


DEPARTMENTS = st.sampled_from([None, "Housing", REVENUES, "REVENUES and benefits"])


@given(st.lists(DEPARTMENTS, max_size=4))
def test_property_a_scoped_limit_counts_exactly_the_calls_to_its_services(
    departments: list[str | None],
) -> None:
    """Whatever departments the calls taken this morning were for, the
    limit counts exactly those for the service it covers."""
    recent = [_call(department, 5 + hour) for hour, department in enumerate(departments)]
    counted = sum(
        department is not None and department.lower() == REVENUES.lower()
        for department in departments
    )
    decision = _revenues_call(recent)
    assert decision.allowed is (counted < 2)
    if counted < 2:
        assert decision.reasons == (f"This is call {counted + 1} of at most 2 in any day (5.1).",)


NOT_KNOWN = (
    "Further enquiries or complaints about 'council tax' are not registered (5.1): this "
    "contact's issue is not known, so that restriction is not applied; if it is about "
    "'council tax', decide it again naming the issue."
)


def test_no_further_enquiries_on_an_issue_says_so_when_the_contact_names_no_issue() -> None:
    """An email to the service covered naming no issue: registered and
    answered, and a line says the restriction was not applied and to decide
    it again naming the issue, never silence."""
    cases = [_scoped(NoFurtherEnquiriesOnIssue("council tax"))]
    decision = run(cases, Contact(Channel.EMAIL, AT, REVENUES), [])
    assert decision == ContactDecision(reasons=(NOT_KNOWN,))
    named = run(cases, Contact(Channel.EMAIL, AT, REVENUES, "Council Tax"), [])
    assert named.register is False


def test_a_new_issue_naming_no_issue_gets_no_line_on_the_issue_restricted() -> None:
    """A contact raising a new issue is registered and answered whatever
    issue it names (7.3): the issue restricted does not bear on it."""
    cases = [_scoped(NoFurtherEnquiriesOnIssue("council tax"))]
    decision = run(cases, Contact(Channel.EMAIL, AT, REVENUES, new_issue=True), [])
    assert NOT_KNOWN not in decision.reasons
    assert decision.register is True
