"""Regression: a configuration whose officer ``apatel`` had the roles
``decision_maker`` and ``appeal_decider`` loaded with no reason asked
(``contactpolicy --config d.toml --as lwong list`` exited 0), so that one
officer could designate and later decide appeals of other cases, though no
role was allowed both (8.1: an appeal is heard by a senior officer not
involved in the decision). Now an officer whose roles together may
designate and decide appeals is refused as the role would be, unless the
policy says why in ``appeal_decider_designates_because``: the command
stops with the status for a configuration that cannot be used (2), naming
the officer by id and never by name, and nothing is written."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from contactpolicy import Casework, InvalidInput, Officer, Policy, Role
from contactpolicy.cli.config import STARTER, load
from contactpolicy.cli.parse import BadInput
from contactpolicy.stores import MemoryStore

from support.command_line import REPORT_NOW, CommandLine

REASON = "One director in a small council."
"""Why an officer may both designate and decide appeals."""
BOTH = 'roles = ["decision_maker", "appeal_decider"]'
"""Asha Patel's roles, acting as Director."""
REFUSED = (
    "error: d.toml: [8.1] officers: officer 'apatel', holding decision_maker and "
    "appeal_decider, may designate and decide appeals, so could hear appeals against "
    "decisions of their own kind: state why in appeal_decider_designates_because\n"
)


def _both_powers(reason: str = "") -> str:
    """The starter configuration with Asha Patel also the appeal decider,
    and ``reason`` as the policy's, if any."""
    text = STARTER.replace('roles = ["decision_maker"]', BOTH)
    if reason:
        text = text.replace(
            "[policy]\n", f'[policy]\nappeal_decider_designates_because = "{reason}"\n'
        )
    return text


def test_a_configuration_whose_officer_may_designate_and_decide_appeals_stops_with_status_2(
    command: CommandLine,
) -> None:
    """The reproduction: ``list`` as another officer stops with status 2,
    the message naming ``apatel`` and 8.1, never Asha Patel's name; a
    command that would write writes nothing."""
    Path("d.toml").write_text(_both_powers(), encoding="utf-8")
    held = command.record()
    ran = command("--config", "d.toml", "--as", "lwong", "list")
    assert (ran.status, ran.out, ran.err) == (2, "", REFUSED)
    assert "Asha" not in ran.err
    reported = command("--config", "d.toml", *REPORT_NOW)
    assert (reported.status, reported.out, reported.err) == (2, "", REFUSED)
    assert command.record() == held


def test_with_a_reason_the_configuration_loads_and_the_officer_acts(
    command: CommandLine,
) -> None:
    """With ``appeal_decider_designates_because`` the same file is used:
    ``list`` exits 0, and Asha Patel designates, though she still may not
    decide the appeal against her own designation."""
    Path("contactpolicy.toml").write_text(_both_powers(REASON), encoding="utf-8")
    listed = command("--as", "lwong", "list")
    assert (listed.status, listed.err) == (0, "")
    case_id = command.designated()
    appealed = command("--as", "lwong", "appeal", "record", case_id, "--grounds", "Unfair.")
    assert appealed.status == 0
    refused = command("--as", "apatel", "appeal", "decide", case_id, "--outcome", "dismissed")
    assert (refused.status, refused.err) == (
        1,
        "refused: [8.1] officer 'apatel' may not run 'appeal decide': an appeal is heard by an "
        "officer not involved in the case; this officer designated the customer\n",
    )


GRANTS = st.lists(
    st.sampled_from(["neither", "designate", "decide_appeal"]), min_size=6, max_size=6
)
"""For each role in turn, which of the two powers the council gives it; a
power given to no role keeps Maidstone's."""
OFFICERS = st.lists(st.frozensets(st.sampled_from(Role), min_size=1), max_size=4)
"""The roles of each officer of a directory."""


def _listed(names: list[str]) -> str:
    """Role names in a sentence: ``a``, ``a and b``, ``a, b and c``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


@given(GRANTS, OFFICERS, st.sampled_from(["", "  ", REASON]))
def test_property_loading_succeeds_iff_no_officer_holds_both_powers_or_a_reason_is_given(
    grants: list[str], held: list[frozenset[Role]], reason: str
) -> None:
    """Whatever the permissions (no role given both, which the policy's own
    check refuses) and whatever the officers' roles, the configuration file
    and ``Casework(officers=...)`` both load exactly when no officer's roles
    together may designate and decide appeals, or a reason is written; a
    refusal names each such officer, in order, by id, with their roles, and
    nothing else."""
    given_to = {
        power: [role.value for role, grant in zip(Role, grants, strict=True) if grant == power]
        for power in ("designate", "decide_appeal")
    }
    permissions = {power: roles for power, roles in given_to.items() if roles}
    maidstone = {"designate": ["decision_maker"], "decide_appeal": ["appeal_decider"]}
    effective = {power: set(permissions.get(power, maidstone[power])) for power in maidstone}
    assume(not effective["designate"] & effective["decide_appeal"])
    officers = [Officer(f"o{number}", "An Officer", roles) for number, roles in enumerate(held)]
    blurred = [
        f"officer {officer.id!r}, holding "
        f"{_listed([role.value for role in Role if role in officer.roles])}, may designate and "
        "decide appeals, so could hear appeals against decisions of their own kind: state why "
        "in appeal_decider_designates_because"
        for officer in officers
        if not reason.strip()
        and {role.value for role in officer.roles} & effective["designate"]
        and {role.value for role in officer.roles} & effective["decide_appeal"]
    ]
    policy = Policy.from_mapping(
        {"permissions": permissions, "appeal_decider_designates_because": reason}
    )
    table = "".join(f'"{power}" = {roles!r}\n' for power, roles in permissions.items())
    text = (
        f"[policy]\nappeal_decider_designates_because = {reason!r}\n"
        f"[policy.permissions]\n{table}"
        + "".join(
            f'[[officers]]\nid = "{officer.id}"\nname = "An Officer"\nroles = '
            f"{sorted(role.value for role in officer.roles)!r}\n"
            for officer in officers
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.toml"
        path.write_text(text, encoding="utf-8")
        if not blurred:
            directory = {officer.id: officer for officer in officers}
            assert load(path).officers == directory
            assert Casework(MemoryStore(), policy, officers=officers).officers == directory
            return
        with pytest.raises(BadInput) as refused:
            load(path)
        assert str(refused.value) == f"{path}: [8.1] officers: {'; '.join(blurred)}"
    with pytest.raises(InvalidInput) as raised:
        Casework(MemoryStore(), policy, officers=officers)
    assert (raised.value.field, raised.value.section, raised.value.message) == (
        "officers",
        "8.1",
        "; ".join(blurred),
    )
