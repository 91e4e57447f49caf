"""Who may run each command (6.1, 7.2, 7.3, 8.1): refusals name the role needed."""

import pytest

from contactpolicy import (
    MAIDSTONE,
    AppealOutcome,
    CaseState,
    Casework,
    Command,
    NotAuthorised,
    Officer,
    Policy,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)

from conftest import CaseIn
from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    HEAD_OF_SERVICE,
    KEPT_UP,
    ONE_OF_EACH,
    PASSED,
    RESTRICTIONS,
    incident,
)
from support.runners import RUN, Impersonating

SOURCE = {
    Command.ADD_INCIDENT: CaseState.REPORTED,
    Command.ADD_NOTE: CaseState.REPORTED,
    Command.WARN: CaseState.REPORTED,
    Command.CLOSE: CaseState.REPORTED,
    Command.DESIGNATE: CaseState.WARNED,
    Command.RECORD_COMMUNICATED: CaseState.DESIGNATED,
    Command.START_REVIEW: CaseState.DESIGNATED,
    Command.COMPLETE_REVIEW: CaseState.UNDER_REVIEW,
    Command.APPEAL: CaseState.DESIGNATED,
    Command.DECIDE_APPEAL: CaseState.APPEALED,
    Command.LIFT: CaseState.DESIGNATED,
    Command.RECORD_INFORMED: CaseState.DESIGNATED,
    Command.REASSIGN: CaseState.DESIGNATED,
    Command.DECIDE_NO_ACTION: CaseState.REPORTED,
    Command.REQUEST: CaseState.CONCERN,
}
MAY = {
    Command.REPORT: {Role.MANAGER, Role.HEAD_OF_SERVICE},
    Command.ADD_INCIDENT: set(Role),
    Command.ADD_NOTE: set(Role) - {Role.STAFF},
    Command.WARN: {Role.MANAGER, Role.HEAD_OF_SERVICE, Role.DECISION_MAKER},
    Command.CLOSE: {Role.MANAGER, Role.HEAD_OF_SERVICE},
    Command.DESIGNATE: {Role.DECISION_MAKER},
    Command.RECORD_COMMUNICATED: {Role.DECISION_MAKER, Role.RECORDS},
    Command.RECORD_NOT_TOLD: {Role.DECISION_MAKER},
    Command.START_REVIEW: {Role.DECISION_MAKER, Role.RECORDS},
    Command.COMPLETE_REVIEW: {Role.DECISION_MAKER},
    Command.APPEAL: set(Role),
    Command.DECIDE_APPEAL: {Role.APPEAL_DECIDER},
    Command.LIFT: {Role.DECISION_MAKER},
    Command.RECORD_INFORMED: {Role.DECISION_MAKER, Role.APPEAL_DECIDER, Role.RECORDS},
    Command.REASSIGN: {Role.DECISION_MAKER, Role.RECORDS},
    Command.CONTACT_RECEIVED: set(Role),
    Command.RECORD_READ: set(Role),
    Command.DECIDE_NO_ACTION: {Role.DECISION_MAKER},
    Command.RAISE_CONCERN: set(Role),
    Command.REQUEST: {Role.MANAGER, Role.HEAD_OF_SERVICE},
    Command.PURGE: {Role.RECORDS},
    Command.RECTIFY: {Role.DECISION_MAKER, Role.RECORDS},
    Command.RECORD_CORRECTION_TOLD: {Role.DECISION_MAKER, Role.RECORDS},
}
"""DESIGN §3: who may run each command under the Maidstone policy."""


ACTING_UP = Policy(appeal_decider_designates_because="The decision maker acts as Director.")
"""A policy that lets one officer hold both the decision maker's and the
appeal decider's roles (8.1)."""

UNAUTHORISED = [(c, role) for c in SOURCE for role in Role if role not in MAY[c]]


@pytest.mark.parametrize("command", list(Command))
def test_the_maidstone_permissions_are_those_of_the_design(command: Command) -> None:
    """MAIDSTONE gives each command to exactly the roles DESIGN §3 lists."""
    assert set(MAIDSTONE.permissions[command]) == MAY[command]


@pytest.mark.parametrize("role", list(Role))
def test_only_managers_and_heads_of_service_report(casework: Casework, role: Role) -> None:
    """6.1: a manager or head of service requests action; staff inform their manager."""
    officer = ONE_OF_EACH[role]
    if role in MAY[Command.REPORT]:
        assert (
            casework.report(CUSTOMER, "bins", [incident()], by=officer).state is CaseState.REPORTED
        )
        return
    with pytest.raises(NotAuthorised) as refused:
        casework.report(CUSTOMER, "bins", [incident()], by=officer)
    assert refused.value.section == "6.1"
    assert refused.value.roles == ("Head of Service", "Manager")
    assert casework.cases() == []


@pytest.mark.parametrize(("command", "role"), UNAUTHORISED)
def test_each_unauthorised_role_is_refused(
    casework: Casework, case_in: CaseIn, command: Command, role: Role
) -> None:
    """An officer without a role that may run the command is refused with
    NotAuthorised naming the roles by their titles, and nothing changes."""
    case = case_in(SOURCE[command])
    history = casework.history(case.id)
    bare = Officer("someone", "Some One", {role})
    with pytest.raises(NotAuthorised) as refused:
        RUN[command](Impersonating(casework, bare), case.id)  # type: ignore[arg-type]
    titles = tuple(sorted(MAIDSTONE.title(r) for r in MAY[command]))
    assert refused.value.roles == titles
    assert refused.value.officer_id == "someone"
    assert casework.get(case.id) == case
    assert casework.history(case.id) == history


def test_the_decision_maker_who_designated_cannot_decide_the_appeal(
    casework: Casework, case_in: CaseIn
) -> None:
    """8.1: an appeal is heard by an officer not involved in the decision, even
    one who also holds the appeal decider's role under a policy that says why."""
    both = Officer("both", "Bo Both", {Role.DECISION_MAKER, Role.APPEAL_DECIDER})
    case = case_in(CaseState.WARNED)
    casework = Casework(casework.store, ACTING_UP, casework.clock)
    casework.designate(
        case.id, both, PASSED, RESTRICTIONS, "Calls continued.", council_wide_because=EVERY_SERVICE
    )
    casework.appeal(case.id, DIRECTOR, "Unfair.")
    with pytest.raises(NotAuthorised) as refused:
        casework.decide_appeal(case.id, both, AppealOutcome.ALLOWED, "Quash it.")
    assert refused.value.section == "8.1"
    assert str(refused.value) == (
        "[8.1] officer 'both' may not decide_appeal: an appeal is heard by an officer not "
        "involved in the case; this officer designated the customer"
    )
    assert casework.get(case.id).state is CaseState.APPEALED
    decided = casework.decide_appeal(case.id, DIRECTOR, AppealOutcome.ALLOWED, "Quash it.")
    assert decided.state is CaseState.LIFTED


def test_an_officer_who_completed_a_review_cannot_decide_the_appeal(
    casework: Casework, case_in: CaseIn
) -> None:
    """8.1: a review that continued the restrictions is part of the decision under appeal."""
    both = Officer("both", "Bo Both", {Role.DECISION_MAKER, Role.APPEAL_DECIDER})
    case = case_in(CaseState.DESIGNATED)
    casework = Casework(casework.store, ACTING_UP, casework.clock)
    casework.start_review(case.id, DECIDER, ReviewTrigger.REQUESTED)
    casework.complete_review(
        case.id, both, ReviewOutcome.CONTINUE, "Still needed.", overrides=KEPT_UP
    )
    casework.appeal(case.id, DIRECTOR, "Unfair.")
    with pytest.raises(NotAuthorised):
        casework.decide_appeal(case.id, both, AppealOutcome.DISMISSED, "Stands.")


def test_a_council_can_give_a_power_to_another_role(case_in: CaseIn, casework: Casework) -> None:
    """Permissions come from the Policy: a council may let heads of service designate."""
    policy = Policy(permissions={Command.DESIGNATE: frozenset({Role.HEAD_OF_SERVICE})})
    council = Casework(casework.store, policy, casework.clock)
    case = case_in(CaseState.WARNED)
    designated = council.designate(
        case.id, HEAD_OF_SERVICE, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    assert designated.state is CaseState.DESIGNATED
    with pytest.raises(NotAuthorised):
        council.designate(
            case_in(CaseState.WARNED).id,
            DECIDER,
            PASSED,
            RESTRICTIONS,
            "Calls.",
            council_wide_because=EVERY_SERVICE,
        )
