"""Issue 12, finding 6: a manager or head of service could close a case with
"no action" although 6.1 gives that decision to the Head of Policy, and staff
had no way to tell their manager but an incident on an existing case."""

import pytest

from contactpolicy import (
    Behaviour,
    CaseState,
    Casework,
    Closure,
    Concern,
    NotAuthorised,
    Officer,
    PreconditionsNotMet,
    Role,
)

from conftest import CaseIn
from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    HEAD_OF_SERVICE,
    MANAGER,
    PASSED,
    RESTRICTIONS,
    STAFF,
    START,
    incident,
    warn_and_continue,
)

OTHER_MANAGER = Officer("omanager", "Ola Manager", {Role.MANAGER}, team="Planning")


@pytest.mark.parametrize("state", [CaseState.REPORTED, CaseState.WARNED])
def test_closing_by_the_requester_before_a_decision_is_a_withdrawal(
    casework: Casework, case_in: CaseIn, state: CaseState
) -> None:
    """6.1: the manager who asked for action withdraws the request."""
    case = case_in(state)
    closed = casework.close(case.id, MANAGER, "The bill was settled.")
    assert closed.state is CaseState.CLOSED
    assert closed.ended is not None
    assert (closed.ended.closure, closed.ended.by, closed.ended.reason) == (
        Closure.WITHDRAWN,
        "manager",
        "The bill was settled.",
    )


@pytest.mark.parametrize("officer", [OTHER_MANAGER, HEAD_OF_SERVICE])
def test_no_other_manager_or_head_of_service_closes_with_no_action(
    casework: Casework, case_in: CaseIn, officer: Officer
) -> None:
    """The reproduction: a manager or head of service who did not ask for
    action cannot close the case: no action is the decision maker's (6.1)."""
    case = case_in(CaseState.WARNED)
    with pytest.raises(NotAuthorised) as refused:
        casework.close(case.id, officer, "No action.")
    assert refused.value.section == "6.1"
    assert str(refused.value).endswith(
        "only the officer who requested action may withdraw the request; a decision of no "
        "action is the decision maker's (decide_no_action)"
    )
    assert casework.get(case.id) == case


def test_the_decision_maker_decides_no_action_with_reasons(
    casework: Casework, case_in: CaseIn
) -> None:
    """6.1: decide_no_action records the decision and its reasons as an event
    of its own, a decision to communicate."""
    case = case_in(CaseState.WARNED)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.decide_no_action(case.id, DECIDER, " ")
    assert [(f.section, f.code) for f in refused.value.failures] == [("6.1", "reasons_missing")]
    with pytest.raises(NotAuthorised):
        casework.decide_no_action(case.id, MANAGER, "No.")
    decided = casework.decide_no_action(case.id, DECIDER, "An unanswered complaint explains it.")
    assert decided.ended is not None
    assert (decided.state, decided.ended.closure, decided.ended.by) == (
        CaseState.CLOSED,
        Closure.NO_ACTION,
        "decider",
    )
    event = casework.history(case.id)[-1]
    assert (event.kind, event.actor, dict(event.data)) == (
        "decide_no_action",
        "decider",
        {"reasons": "An unanswered complaint explains it.", "state": "closed"},
    )


def test_a_member_of_staff_raises_a_concern_with_their_managers(casework: Casework) -> None:
    """6.1: a concern is a case of its own, shown to the managers of the
    raiser's team only, until one takes it up."""
    raised = casework.raise_concern(CUSTOMER, [incident(Behaviour.INTIMIDATION)], by=STAFF)
    assert raised.state is CaseState.CONCERN
    assert raised.concern == Concern(START, "staff", "Revenues")
    assert casework.concerns(MANAGER) == [raised]
    assert casework.concerns(OTHER_MANAGER) == []
    assert casework.concerns(HEAD_OF_SERVICE) == [raised]
    assert casework.concerns(STAFF) == []


def test_a_manager_of_the_team_requests_action_on_a_concern(casework: Casework) -> None:
    """6.1: the request makes the case reported, the manager its requester;
    a manager of another team may not; the decision maker then decides."""
    raised = casework.raise_concern(CUSTOMER, [incident()], by=STAFF)
    with pytest.raises(NotAuthorised) as refused:
        casework.request(raised.id, OTHER_MANAGER, "council tax")
    assert str(refused.value).endswith(
        "a concern is taken up by a manager of the team that raised it, 'Revenues', "
        "or by a head of service"
    )
    requested = casework.request(raised.id, MANAGER, "council tax")
    assert (requested.state, requested.reported_by, requested.issue) == (
        CaseState.REPORTED,
        "manager",
        "council tax",
    )
    assert casework.concerns(MANAGER) == []
    warn_and_continue(casework, raised.id)
    designated = casework.designate(
        raised.id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    assert designated.state is CaseState.DESIGNATED


def test_a_manager_may_set_a_concern_aside(casework: Casework) -> None:
    """6.1: a concern not taken further closes as not_taken_up."""
    raised = casework.raise_concern(CUSTOMER, [incident()], by=STAFF)
    closed = casework.close(raised.id, MANAGER, "A misunderstanding; spoken to the customer.")
    assert closed.ended is not None
    assert closed.ended.closure is Closure.NOT_TAKEN_UP


def test_a_concern_rests_on_an_incident_and_names_the_team(casework: Casework) -> None:
    """4.1 and 6.1: no incident, or an officer of no team, is refused."""
    loner = Officer("loner", "Lo Ner", {Role.STAFF})
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.raise_concern(CUSTOMER, [], by=loner)
    assert [(f.section, f.code) for f in refused.value.failures] == [
        ("4.1", "incidents_missing"),
        ("6.1", "team_missing"),
    ]
    assert casework.cases() == []


def test_a_manager_of_another_team_is_told_which_team_takes_the_concern_up(
    casework: Casework,
) -> None:
    """6.1: refusing a manager of another team names the team the concern
    came from and says a head of service may take it up too, so the officer
    knows whom to pass it to; a head of service then requests action."""
    raised = casework.raise_concern(CUSTOMER, [incident()], by=STAFF)
    with pytest.raises(NotAuthorised) as refused:
        casework.close(raised.id, OTHER_MANAGER, "Not for us.")
    assert str(refused.value) == (
        "[6.1] officer 'omanager' may not close: a concern is taken up by a manager of the "
        "team that raised it, 'Revenues', or by a head of service"
    )
    assert casework.request(raised.id, HEAD_OF_SERVICE, "council tax").state is CaseState.REPORTED
