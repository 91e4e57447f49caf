"""Regression: an officer directory given to ``Casework(officers=...)``
accepted an officer holding the decision maker's and the appeal decider's
roles, who could then designate customers and decide the appeals of other
cases, though the policy refuses any one role both (8.1: an appeal is heard
by a senior officer not involved in the decision). Now an officer whose
roles together may designate and decide appeals under the policy's
permissions is ``InvalidInput`` naming ``officers``, the officer's id and
8.1, unless the policy says why in ``appeal_decider_designates_because``;
an officer involved in a case still never decides its appeal."""

from __future__ import annotations

import pytest

from contactpolicy import (
    AppealOutcome,
    CaseState,
    Casework,
    Command,
    FrozenClock,
    InvalidInput,
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
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    START,
    incident,
    warn_and_continue,
)

ACTING = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER, Role.APPEAL_DECIDER})
"""The Head of Policy, also given the Director's role."""
REASON = "One director in a small council."
"""Why an officer may both designate and decide appeals."""
SHAPE = (
    "may designate and decide appeals, so could hear appeals against decisions of their "
    "own kind: state why in appeal_decider_designates_because"
)
"""Every officer's refusal after the officer and their roles."""


def _refused(policy: Policy, officers: list[Officer] | dict[str, Officer]) -> tuple[str, str, str]:
    """The field, section and text of the refusal of a ``Casework`` with
    ``officers`` under ``policy``."""
    with pytest.raises(InvalidInput) as refused:
        Casework(MemoryStore(), policy, FrozenClock(START), officers=officers)
    return refused.value.field, refused.value.section, str(refused.value)


def test_casework_refuses_an_officer_who_may_designate_and_decide_appeals() -> None:
    """The reproduction, in Python: the directory is refused, as a list or
    as a mapping by id, naming the officer by id with their roles and never
    by name."""
    expected = (
        "officers",
        "8.1",
        f"[8.1] officers: officer 'apatel', holding decision_maker and appeal_decider, {SHAPE}",
    )
    assert _refused(Policy(), [MANAGER, ACTING, RECORDS]) == expected
    assert _refused(Policy(), {"manager": MANAGER, "apatel": ACTING}) == expected
    assert "Asha" not in expected[2]


def test_every_officer_holding_both_is_named_in_the_directory_order() -> None:
    """Two such officers, one holding a third role as well, are both named
    at once, each with all their roles."""
    records_too = Officer(
        "kdaly", "Kim Daly", {Role.RECORDS, Role.APPEAL_DECIDER, Role.DECISION_MAKER}
    )
    assert _refused(Policy(), [records_too, MANAGER, ACTING]) == (
        "officers",
        "8.1",
        "[8.1] officers: officer 'kdaly', holding decision_maker, appeal_decider and records, "
        f"{SHAPE}; officer 'apatel', holding decision_maker and appeal_decider, {SHAPE}",
    )


def test_the_council_s_permissions_decide_which_roles_together_hold_both() -> None:
    """Where heads of service designate, a head of service who also decides
    appeals is refused, and the decision maker who also does is not, as
    that council's decision maker does not designate."""
    policy = Policy(permissions={Command.DESIGNATE: [Role.HEAD_OF_SERVICE]})
    head = Officer("hhead", "Hana Head", {Role.HEAD_OF_SERVICE, Role.APPEAL_DECIDER})
    assert _refused(policy, [head, ACTING]) == (
        "officers",
        "8.1",
        f"[8.1] officers: officer 'hhead', holding head_of_service and appeal_decider, {SHAPE}",
    )
    casework = Casework(MemoryStore(), policy, FrozenClock(START), officers=[ACTING])
    assert casework.officers == {"apatel": ACTING}


def test_with_a_reason_the_officer_is_accepted_and_still_never_hears_their_own_case() -> None:
    """With ``appeal_decider_designates_because`` the directory is used: the
    officer designates, may not decide the appeal against their own
    designation (8.1), and the Director may."""
    policy = Policy(appeal_decider_designates_because=REASON)
    casework = Casework(
        MemoryStore(), policy, FrozenClock(START), officers=[MANAGER, ACTING, RECORDS, DIRECTOR]
    )
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id, ACTING, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    casework.appeal(case.id, RECORDS, "Unfair.")
    with pytest.raises(NotAuthorised) as refused:
        casework.decide_appeal(case.id, ACTING, AppealOutcome.DISMISSED, "Stands.")
    assert str(refused.value) == (
        "[8.1] officer 'apatel' may not decide_appeal: an appeal is heard by an officer not "
        "involved in the case; this officer designated the customer"
    )
    decided = casework.decide_appeal(case.id, DIRECTOR, AppealOutcome.DISMISSED, "Stands.")
    assert decided.state is CaseState.DESIGNATED
