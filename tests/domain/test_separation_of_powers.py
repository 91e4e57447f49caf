"""Separation of powers in a council's permissions (8.1): a role that may
both designate and decide appeals could hear appeals against decisions of
its own kind, so a policy giving one role both is refused unless the file
says why (``appeal_decider_designates_because``), whichever way the
overlap arises: ``designate`` given to the appeal decider's role,
``decide_appeal`` to the decision maker's, or both to another role. The
per-officer rule (an officer involved in a case never decides its appeal)
is separate and applies whatever the policy says."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    AppealOutcome,
    CaseState,
    Casework,
    Command,
    FrozenClock,
    InvalidPolicy,
    NotAuthorised,
    Officer,
    Policy,
    Role,
)
from contactpolicy.domain.policy import PERMISSIONS
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    START,
    incident,
    warn_and_continue,
)

REASON = "One director in a small council."
"""Why a role may both designate and decide appeals."""
SHAPE = (
    "may {}, so could hear appeals against decisions of their own kind: state why in "
    "appeal_decider_designates_because"
)
"""Every refusal's message after the role it names."""


def _refused(values: dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_mapping(values)
    return [(p.field, p.section, p.message) for p in refused.value.problems]


@pytest.mark.parametrize(
    ("permissions", "expected"),
    [
        (
            {"designate": ["decision_maker", "appeal_decider"]},
            [
                (
                    "Policy.permissions.designate",
                    "8.1",
                    "the appeal decider " + SHAPE.format("designate"),
                )
            ],
        ),
        (
            {"decide_appeal": ["appeal_decider", "decision_maker"]},
            [
                (
                    "Policy.permissions.decide_appeal",
                    "8.1",
                    "the decision maker " + SHAPE.format("decide appeals"),
                )
            ],
        ),
        (
            {"designate": ["records"], "decide_appeal": ["records"]},
            [
                (
                    "Policy.permissions.designate",
                    "8.1",
                    "the records team " + SHAPE.format("designate and decide appeals"),
                )
            ],
        ),
        (
            {
                "designate": ["decision_maker", "appeal_decider"],
                "decide_appeal": ["appeal_decider", "decision_maker"],
            },
            [
                (
                    "Policy.permissions.decide_appeal",
                    "8.1",
                    "the decision maker " + SHAPE.format("decide appeals"),
                ),
                (
                    "Policy.permissions.designate",
                    "8.1",
                    "the appeal decider " + SHAPE.format("designate"),
                ),
            ],
        ),
    ],
    ids=["designate-to-appeal-decider", "decide-appeal-to-decision-maker", "both-to-one", "swap"],
)
def test_a_role_that_designates_and_decides_appeals_is_refused_without_a_reason(
    permissions: dict[str, list[str]], expected: list[tuple[str, str, str]]
) -> None:
    """Either direction is refused, each role holding both named with the
    command it holds beyond the policy's own split; a reason of white space
    only is no reason."""
    assert _refused({"permissions": permissions}) == expected
    blank = {"permissions": permissions, "appeal_decider_designates_because": "   "}
    assert _refused(blank) == expected


@pytest.mark.parametrize(
    "permissions",
    [
        {"designate": ["decision_maker", "appeal_decider"]},
        {"decide_appeal": ["appeal_decider", "decision_maker"]},
        {"designate": ["records"], "decide_appeal": ["records"]},
    ],
    ids=["designate-to-appeal-decider", "decide-appeal-to-decision-maker", "both-to-one"],
)
def test_with_a_reason_either_direction_loads_and_keeps_it(
    permissions: dict[str, list[str]],
) -> None:
    policy = Policy.from_mapping(
        {"permissions": permissions, "appeal_decider_designates_because": REASON}
    )
    assert policy.appeal_decider_designates_because == REASON
    both = policy.permissions[Command.DESIGNATE] & policy.permissions[Command.DECIDE_APPEAL]
    assert both


def test_a_policy_file_giving_the_decision_maker_appeals_is_refused(tmp_path: Any) -> None:
    """The same from a council's file (``Policy.from_toml``)."""
    path = tmp_path / "council.toml"
    path.write_text(
        '[permissions]\ndecide_appeal = ["appeal_decider", "decision_maker"]\n', encoding="utf-8"
    )
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_toml(path)
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("Policy.permissions.decide_appeal", "the decision maker " + SHAPE.format("decide appeals"))
    ]
    path.write_text(
        f'appeal_decider_designates_because = "{REASON}"\n'
        '[permissions]\ndecide_appeal = ["appeal_decider", "decision_maker"]\n',
        encoding="utf-8",
    )
    assert Role.DECISION_MAKER in Policy.from_toml(path).permissions[Command.DECIDE_APPEAL]


def test_the_officer_who_designated_still_cannot_decide_the_appeal() -> None:
    """With a reason the decision maker's role may decide appeals, but the
    officer who designated the customer is involved and never hears the
    appeal (8.1); another decision maker may."""
    policy = Policy(
        permissions={Command.DECIDE_APPEAL: [Role.APPEAL_DECIDER, Role.DECISION_MAKER]},
        appeal_decider_designates_because=REASON,
    )
    casework = Casework(MemoryStore(), policy, FrozenClock(START))
    designer = Officer("one", "One Decider", {Role.DECISION_MAKER})
    other = Officer("two", "Two Decider", {Role.DECISION_MAKER})
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id, designer, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    casework.appeal(case.id, RECORDS, "Unfair.")
    with pytest.raises(NotAuthorised) as refused:
        casework.decide_appeal(case.id, designer, AppealOutcome.DISMISSED, "Stands.")
    assert (refused.value.section, str(refused.value)) == (
        "8.1",
        "[8.1] officer 'one' may not decide_appeal: an appeal is heard by an officer not "
        "involved in the case; this officer designated the customer",
    )
    decided = casework.decide_appeal(case.id, other, AppealOutcome.DISMISSED, "Stands.")
    assert decided.state is CaseState.DESIGNATED


GRANTS = st.dictionaries(
    st.sampled_from(Role), st.frozensets(st.sampled_from(Command)), max_size=len(Role)
)
"""A council's permissions as each role's commands (roles not given hold none)."""


def _named(role: str) -> str:
    """How a refusal names a role."""
    return "the records team" if role == "records" else f"the {role.replace('_', ' ')}"


@given(GRANTS, st.sampled_from(["", "  ", REASON]))
def test_property_loading_succeeds_iff_no_role_designates_and_decides_appeals_or_a_reason_is_given(
    grants: dict[Role, frozenset[Command]], reason: str
) -> None:
    """Whatever the mapping, the policy loads exactly when no role holds both
    ``designate`` and ``decide_appeal`` (a command no role is given keeps
    Maidstone's roles) or a reason is written; a refusal names each such
    role once, under 8.1, and nothing else."""
    permissions = {
        command.value: sorted(
            role.value for role, commands in grants.items() if command in commands
        )
        for command in Command
    }
    permissions = {command: roles for command, roles in permissions.items() if roles}
    effective = {
        command: set(
            permissions.get(command, [role.value for role in PERMISSIONS[Command(command)]])
        )
        for command in ("designate", "decide_appeal")
    }
    both = effective["designate"] & effective["decide_appeal"]
    values = {"permissions": permissions, "appeal_decider_designates_because": reason}
    if not both or reason.strip():
        policy = Policy.from_mapping(values)
        for command, roles in effective.items():
            assert {role.value for role in policy.permissions[Command(command)]} == roles
        return
    problems = _refused(values)
    assert sorted(message.split(" may ")[0] for _, _, message in problems) == sorted(
        _named(role) for role in both
    )
    for field, section, message in problems:
        assert field in ("Policy.permissions.designate", "Policy.permissions.decide_appeal")
        assert section == "8.1"
        assert message.endswith(SHAPE.split("}", 1)[1])
