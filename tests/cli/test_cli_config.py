"""The council's configuration file: its policy, its officers and the starter."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from contactpolicy import MAIDSTONE, Officer, Policy, Role
from contactpolicy.cli.config import STARTER, Config, load
from contactpolicy.cli.parse import BadInput

from support.command_line import CommandLine


@pytest.fixture(autouse=True)
def _in_a_folder_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _load(text: str) -> Config:
    path = Path("contactpolicy.toml")
    path.write_text(text, encoding="utf-8")
    return load(path)


def _refused(text: str) -> str:
    with pytest.raises(BadInput) as refused:
        _load(text)
    return str(refused.value)


def test_the_starter_is_the_maidstone_policy_and_five_officers() -> None:
    """The file ``init`` writes loads: Maidstone's policy, an officer for
    each role that decides, and a member of staff of the manager's team (6.1)."""
    config = _load(STARTER)
    assert config.policy == MAIDSTONE
    assert dict(config.officers) == {
        "jsmith": Officer(
            "jsmith",
            "Jo Smith",
            {Role.MANAGER},
            team="Revenues and Benefits",
            telephone="01632 960001",
            email="jo.smith@council.example",
        ),
        "kdaly": Officer("kdaly", "Kim Daly", {Role.STAFF}, team="Revenues and Benefits"),
        "apatel": Officer("apatel", "Asha Patel", {Role.DECISION_MAKER}),
        "lwong": Officer("lwong", "Lee Wong", {Role.RECORDS}, team="Policy and Information"),
        "mobrien": Officer("mobrien", "Morgan O'Brien", {Role.APPEAL_DECIDER}),
    }


def test_the_policy_table_changes_what_it_names() -> None:
    """Keys in [policy] are the policy file's keys; the rest stay Maidstone's."""
    policy = _load(
        '[policy]\nname = "Example District Council"\nreview_interval_months = 6\n'
        'letterhead = "Example District Council\\nMarket Square, Exampleton EX1 1AA"\n'
        '[policy.titles]\ndecision_maker = "Monitoring Officer"\n',
    ).policy
    assert (policy.name, policy.review_interval_months, policy.initial_period_months) == (
        "Example District Council",
        6,
        3,
    )
    assert policy.title(Role.DECISION_MAKER) == "Monitoring Officer"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[[officers]]\nid = 'kdaly'\nname = 'Kim Daly'\nroles = ['receptionist']\n",
            "contactpolicy.toml: officer 1 (kdaly) roles: is not one "
            "of: staff, manager, head_of_service, decision_maker, appeal_decider, records",
        ),
        (
            "[[officers]]\nid = 'a'\nname = 'A'\nroles = ['staff']\n"
            "[[officers]]\nid = 'a'\nname = 'B'\nroles = ['staff']\n",
            "contactpolicy.toml: officer 2: the id 'a' is used twice",
        ),
        (
            "[[officers]]\nid = 'a'\nname = 'A'\nroles = ['staff']\nphone = '01632 960002'\n",
            "contactpolicy.toml: officer 1: unknown key 'phone'; "
            "the keys are id, name, roles, team, telephone, email",
        ),
        (
            "[[officers]]\nid = 'a'\nname = 'A'\nroles = ['staff']\nemail = 7\n",
            "contactpolicy.toml: officer 1 (a): email must be text",
        ),
        (
            "[[officers]]\nid = 'a'\nroles = ['staff']\n",
            "contactpolicy.toml: officer 1: name must be non-empty text",
        ),
        (
            "[officer]\nid = 'a'\n",
            "contactpolicy.toml: unknown key 'officer'; the keys are policy, officers, "
            "audit_key_file and smtp",
        ),
        (
            "[policy\n",
            "contactpolicy.toml: is not valid TOML: Expected ']' at the end of a table "
            "declaration (at line 1, column 8)",
        ),
    ],
)
def test_a_configuration_written_wrongly_is_one_line(text: str, message: str) -> None:
    """Each mistake is one line naming the file, the officer and what is accepted."""
    assert _refused(text) == message


_FIRST = "[[officers]]\nid = 'jsmith'\nname = 'Jo Smith'\nroles = ['manager']\n"
"""An officer as written correctly, before the second that is not."""
_INVISIBLE = "must not contain invisible characters: U+200B at character 3"
_NUL = "must not contain the NUL character (U+0000), which databases cannot store"


@pytest.mark.parametrize(
    ("officer", "message"),
    [
        (
            'id = "kd\\u200baly"\nname = "Kim Daly"\nroles = ["staff"]',
            f"contactpolicy.toml: officer 2: id {_INVISIBLE}",
        ),
        (
            'id = "kd\\u0007aly"\nname = "Kim Daly"\nroles = ["staff"]',
            "contactpolicy.toml: officer 2: id must not contain control characters: U+0007 at "
            "character 3",
        ),
        (
            'id = "kd\\u200baly"\nname = "Kim Daly"\nroles = ["stafff"]',
            f"contactpolicy.toml: officer 2: id {_INVISIBLE}",
        ),
        (
            f'id = "{"k" * 900}"\nname = "Kim Daly"\nroles = ["staff"]',
            "contactpolicy.toml: officer 2: id must be at most 200 characters, "
            "got a str of 900 characters",
        ),
        (
            'id = "kdaly"\nname = "Kim\\u0000Daly"\nroles = ["staff"]',
            f"contactpolicy.toml: officer 2 (kdaly): name {_NUL}",
        ),
        (
            'id = "kdaly"\nname = "Kim Daly"\nroles = ["staff"]\nteam = "  "',
            "contactpolicy.toml: officer 2 (kdaly): team must be non-empty text, "
            "got a str of only white space",
        ),
        (
            'id = "kdaly"\nname = "Kim Daly"\nroles = ["staff"]\ntelephone = "01632\\u0000"',
            f"contactpolicy.toml: officer 2 (kdaly): telephone {_NUL}",
        ),
        (
            'id = "kdaly"\nname = "Kim Daly"\nroles = ["staff"]\nemail = "k\\u0000@x"',
            f"contactpolicy.toml: officer 2 (kdaly): email {_NUL}",
        ),
    ],
    ids=[
        "invisible-id",
        "control-id",
        "invisible-id-and-wrong-role",
        "long-id",
        "name",
        "team",
        "telephone",
        "email",
    ],
)
def test_an_officer_with_a_field_the_model_refuses_names_the_file_officer_and_field(
    officer: str, message: str
) -> None:
    """Reproduction: an invisible or control character in an officer's id
    (or a field the model refuses) was "[6.1] Officer.id: ...", naming
    neither the file nor the officer. The line names the file, the officer
    by number (and by id once the id is valid) and the field, and never
    repeats the value: an id that is itself wrong is not echoed, even when
    the roles are wrong too."""
    assert _refused(f"{_FIRST}[[officers]]\n{officer}\n") == message


def test_an_invalid_officer_id_in_a_config_named_by_option_is_status_2(
    command: CommandLine,
) -> None:
    """``--config c2.toml`` with an officer id holding a zero-width space:
    status 2 and one line naming c2.toml and the officer by number, the id
    not repeated."""
    Path("c2.toml").write_text(
        f'{_FIRST}[[officers]]\nid = "kd\\u200baly"\nname = "Kim Daly"\nroles = ["staff"]\n',
        encoding="utf-8",
    )
    ran = command("--config", "c2.toml", "--as", "jsmith", "list")
    assert (ran.status, ran.out, ran.err) == (
        2,
        "",
        f"error: c2.toml: officer 2: id {_INVISIBLE}\n",
    )


def test_a_policy_key_written_wrongly_names_the_keys() -> None:
    """An unknown policy key is refused with the keys a policy has."""
    assert _refused("[policy]\nreview_months = 6\n") == (
        "contactpolicy.toml [policy]: extra fields found (review_months). Accepted keys: name, "
        "titles, permissions, initial_period_months, review_interval_months, timezone, "
        "immediate_action_behaviours, require_reasonable_adjustments, retention_months, "
        "contact_retention_months, customer_reference_case, enforce_before_communicated, "
        "on_review_overdue, "
        "appeal_decision_days, bank_holidays, closure_days, evidence_window_months, "
        "warning_valid_months, report_stale_months, "
        "requester_may_decide, soft_preconditions, appeal_decider_designates_because, "
        "immediate_action_because, adjustments_not_required_because, letter_templates, "
        "letterhead, signatory"
    )


def test_the_starter_shows_where_to_set_the_letterhead_and_signatory() -> None:
    """Reproduction: nothing in the starter file said letters need the
    council's address; its commented letterhead is Maidstone's own."""
    commented = {
        line.removeprefix("# ").split(" = ")[0]: line.removeprefix("# ")
        for line in STARTER.splitlines()
        if line.startswith(("# letterhead = ", "# signatory = "))
    }
    assert sorted(commented) == ["letterhead", "signatory"]
    assert Policy.from_mapping(tomllib.loads(commented["letterhead"])) == MAIDSTONE


def test_the_starter_shows_how_long_records_are_kept() -> None:
    """Reproduction: the starter file never mentioned retention, so a council
    could not see where to set it; its commented values are Maidstone's."""
    commented = {
        line.removeprefix("# ").split(" = ")[0]: line.removeprefix("# ").split("#")[0]
        for line in STARTER.splitlines()
        if line.startswith(("# retention_months = ", "# contact_retention_months = "))
    }
    assert sorted(commented) == ["contact_retention_months", "retention_months"]
    policy = Policy.from_mapping(tomllib.loads("\n".join(commented.values())))
    assert (policy.retention_months, policy.contact_retention_months) == (24, 12)
    assert policy == MAIDSTONE


def test_init_writes_the_starter_and_will_not_replace_it(command: CommandLine) -> None:
    """``init`` refuses to overwrite a configuration unless given --force."""
    path = command.folder / "contactpolicy.toml"
    assert path.read_text(encoding="utf-8") == STARTER
    path.write_text("# the council's own\n", encoding="utf-8")
    ran = command("init")
    assert ran.status == 2
    assert ran.err == (
        "error: contactpolicy.toml exists already; edit it, or replace it with 'init --force'\n"
    )
    assert path.read_text(encoding="utf-8") == "# the council's own\n"
    ran = command("init", "--force")
    assert (ran.status, ran.out) == (
        0,
        "Wrote contactpolicy.toml: name the council's officers in it.\n"
        "The database contactpolicy.db is there already: kept as it is.\n",
    )
    assert path.read_text(encoding="utf-8") == STARTER
