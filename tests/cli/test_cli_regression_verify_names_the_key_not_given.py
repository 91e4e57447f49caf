"""After a key rotation with only the new key given, ``verify`` said "the
audit trail cannot be fully checked without the key", though a key was
given and the records signed with it were checked, and ``--json`` gave
``"keyed": false`` as it does with no key at all. The first line names the
key id whose key was not given, and ``keys_given`` tells "no key given"
from "not every key given" (7.4); ``keyed`` keeps its meaning."""

from __future__ import annotations

import pytest

from support.command_line import CommandLine

OLD = "11" * 32
NEW = "22" * 32


@pytest.fixture
def rotated(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> tuple[CommandLine, str]:
    """A case designated (events 1 to 4) under key id ``default``, then a
    note signed under ``k2`` after a rotation; only ``k2`` given since."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", OLD)
    case_id = command.designated()
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", f"default={OLD},k2={NEW}")
    assert command("--as", "lwong", "note", case_id, "After the rotation.").status == 0
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", f"k2={NEW}")
    return command, case_id


def test_only_the_new_key_names_the_old_key_id_first(rotated: tuple[CommandLine, str]) -> None:
    command, case_id = rotated
    ran = command("verify", case_id)
    assert (ran.status, ran.out.splitlines()[0]) == (
        7,
        f"Case {case_id}: the audit trail cannot be fully checked without the key for key id "
        "'default' (5 events): nothing was found wrong in what could be checked.",
    )
    whole = command("verify", "--all")
    assert (whole.status, whole.out.splitlines()[0]) == (
        7,
        "The audit trail cannot be fully checked without the key for key id 'default' (1 case, "
        "5 events, 0 contact log entries, 0 seals): nothing was found wrong in what could be "
        "checked.",
    )


def test_the_json_tells_not_every_key_from_no_key(
    rotated: tuple[CommandLine, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    command, case_id = rotated
    found = command("verify", case_id, "--json").json
    assert (found["ok"], found["keyed"], found["keys_given"], found["unchecked"]) == (
        False,
        False,
        ["k2"],
        {"default": 4},
    )
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    found = command("verify", "--all", "--json").json
    assert (found["ok"], found["keyed"], found["keys_given"], found["unchecked"]) == (
        False,
        False,
        [],
        {"default": 4, "k2": 1},
    )
