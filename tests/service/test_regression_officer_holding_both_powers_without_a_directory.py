"""Regression: without an officer directory (``Casework()`` with no
``officers=``) an ``Officer`` given to a command was taken as it was, so
one built with both the decision maker's and the appeal decider's roles
designated customers and decided the appeals of cases they took no part in,
though the directory and the configuration file refuse such an officer (8.1:
an appeal is heard by a senior officer not involved in the decision). Now
every command given an officer whose roles together may designate and
decide appeals, with no reason in the policy (``Policy.blurs_separation``),
is ``NotAuthorised`` naming 8.1 and the officer by id alone, and nothing is
written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    MAIDSTONE,
    AppealOutcome,
    CaseState,
    Casework,
    Command,
    FrozenClock,
    NotAuthorised,
    Officer,
    Policy,
    Role,
)
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DIRECTOR,
    EVERY_SERVICE,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    START,
    in_state,
    incident,
)
from support.runners import RUN, Impersonating

BOTH = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER, Role.APPEAL_DECIDER})
"""The Head of Policy, also given the Director's role."""
BLURRED = (
    "the officer, holding decision_maker and appeal_decider, may designate and decide "
    "appeals, so could hear appeals against decisions of their own kind: state why in "
    "appeal_decider_designates_because"
)
"""Why :data:`BOTH` runs no command under the Maidstone policy."""


def _written(casework: Casework) -> list[Any]:
    """Every event the store holds."""
    return casework.store.events_since(0, 10_000)


def test_an_officer_holding_both_may_not_decide_the_appeal_of_another_case(
    casework: Casework,
) -> None:
    """The reproduction: an appeal against another decision maker's
    designation, which :data:`BOTH` took no part in, was dismissed by them;
    now refused, naming the Director's title, 8.1 and the id, never the
    name, and the appeal still waits."""
    case = in_state(casework, CaseState.APPEALED)
    before = _written(casework)
    with pytest.raises(NotAuthorised) as refused:
        casework.decide_appeal(case.id, BOTH, AppealOutcome.DISMISSED, "It stands.")
    assert str(refused.value) == f"[8.1] officer 'apatel' may not decide_appeal: {BLURRED}"
    assert (refused.value.section, refused.value.officer_id, refused.value.roles) == (
        "8.1",
        "apatel",
        ("Director of Finance and Business Improvement",),
    )
    assert "Asha" not in str(refused.value)
    assert _written(casework) == before
    assert casework.get(case.id).state is CaseState.APPEALED
    decided = casework.decide_appeal(case.id, DIRECTOR, AppealOutcome.DISMISSED, "It stands.")
    assert decided.state is CaseState.DESIGNATED


def test_an_officer_holding_both_may_not_designate(casework: Casework) -> None:
    """Designating is refused the same way, and the case stays warned."""
    case = in_state(casework, CaseState.WARNED)
    before = _written(casework)
    with pytest.raises(NotAuthorised) as refused:
        casework.designate(
            case.id, BOTH, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
        )
    assert str(refused.value) == f"[8.1] officer 'apatel' may not designate: {BLURRED}"
    assert refused.value.roles == ("Head of Policy, Communications and Governance",)
    assert _written(casework) == before
    assert casework.get(case.id).state is CaseState.WARNED


def test_with_a_reason_in_the_policy_the_officer_acts_and_never_hears_their_own_case() -> None:
    """Where the policy says why (``appeal_decider_designates_because``),
    such an officer designates and decides the appeals of other cases, but
    not the appeal against their own designation (8.1)."""
    policy = Policy(appeal_decider_designates_because="One director in a small council.")
    casework = Casework(MemoryStore(), policy, FrozenClock(START))
    case = in_state(casework, CaseState.WARNED)
    designated = casework.designate(
        case.id, BOTH, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    assert designated.state is CaseState.DESIGNATED
    casework.appeal(case.id, RECORDS, "Unfair.")
    with pytest.raises(NotAuthorised) as refused:
        casework.decide_appeal(case.id, BOTH, AppealOutcome.DISMISSED, "Stands.")
    assert str(refused.value) == (
        "[8.1] officer 'apatel' may not decide_appeal: an appeal is heard by an officer not "
        "involved in the case; this officer designated the customer"
    )
    other = in_state(casework, CaseState.APPEALED)
    decided = casework.decide_appeal(other.id, BOTH, AppealOutcome.DISMISSED, "Stands.")
    assert decided.state is CaseState.DESIGNATED


Run = Callable[[Casework, str, Officer], object]

_OTHERS: dict[Command, Run] = {
    Command.REPORT: lambda cw, _id, by: cw.report(CUSTOMER, "bins", [incident()], by=by),
    Command.RAISE_CONCERN: lambda cw, _id, by: cw.raise_concern(CUSTOMER, [incident()], by=by),
    Command.RECORD_NOT_TOLD: lambda cw, case_id, by: cw.record_not_told(
        case_id, by, "The customer has no known address."
    ),
    Command.RECTIFY: lambda cw, case_id, by: cw.rectify(
        case_id, by, "issue", "council tax bill", "Typed wrongly."
    ),
    Command.PURGE: lambda cw, _id, by: cw.purge(by=by),
}
"""The commands :data:`RUN` leaves out that an officer runs on their own
authority, each with valid arguments."""

COMMANDS = sorted([*RUN, *_OTHERS], key=lambda command: command.value)
"""Every command an officer runs on their own authority."""


def _run(command: Command, casework: Casework, case_id: str, by: Officer) -> object:
    """Run ``command`` as ``by``, on ``case_id`` where it acts on a case."""
    if command in _OTHERS:
        return _OTHERS[command](casework, case_id, by)
    return RUN[command](Impersonating(casework, by), case_id)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def designated() -> tuple[Casework, str]:
    """A Maidstone casework without a directory, and its designated case."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    return casework, in_state(casework, CaseState.DESIGNATED).id


@given(
    roles=st.frozensets(st.sampled_from(Role)).filter(MAIDSTONE.blurs_separation),
    command=st.sampled_from(COMMANDS),
)
def test_property_every_role_set_that_blurs_separation_runs_no_command(
    designated: tuple[Casework, str], roles: frozenset[Role], command: Command
) -> None:
    """Whatever else an officer holds, roles that together may designate
    and decide appeals are refused at every command, naming 8.1, and
    nothing is written."""
    casework, case_id = designated
    officer = Officer("dual", "Dee Dual", roles)
    before = _written(casework)
    with pytest.raises(NotAuthorised) as refused:
        _run(command, casework, case_id, officer)
    assert (refused.value.section, refused.value.command) == ("8.1", command.value)
    assert "may designate and decide appeals" in str(refused.value)
    assert _written(casework) == before
