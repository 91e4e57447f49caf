"""Regression: ``verify CASE`` without the key on a store signed with it
said "the audit trail is NOT intact", listed every untouched event as a
problem and exited 1; after a rotation, with only the new key given,
``verify --all`` ended "Unkeyed: not every record is signed with the audit
key", though the records are signed, under a key id not given (7.4). Now
it says the trail cannot be fully checked without the key for that key id,
which records
could not be checked under which key id, what was checked, and exits 7; a
change found without the key is still "NOT intact", status 1."""

from __future__ import annotations

import sqlite3

import pytest

from support.command_line import CommandLine

RIGHT = "11" * 32
NEW = "22" * 32


def _not_checked(records: int) -> str:
    return (
        f"Not checked with the key: the signatures of {records} records under key id 'default' "
        "could not be checked, as that key was not given (CONTACTPOLICY_AUDIT_KEY), so whether "
        "they were changed cannot be told. Checked without it: each record's number and its "
        "link to the one before it, the times, and each case as stored against its history. "
        "Give the key to check the rest (7.4)."
    )


@pytest.fixture
def designated(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> tuple[CommandLine, str]:
    """A case designated (events 1 to 4) on a store signed with ``RIGHT``."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", RIGHT)
    return command, command.designated()


def test_verify_without_the_key_says_it_cannot_be_fully_checked(
    designated: tuple[CommandLine, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    command, case_id = designated
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    ran = command("verify", case_id)
    assert (ran.status, ran.out.splitlines(), ran.err) == (
        7,
        [
            f"Case {case_id}: the audit trail cannot be fully checked without the key for key "
            "id 'default' (4 events): nothing was found wrong in what could be checked.",
            _not_checked(4),
        ],
        "",
    )
    found = command("verify", case_id, "--json")
    assert (found.status, found.json["ok"], found.json["unchecked"], found.json["problems"]) == (
        7,
        False,
        {"default": 4},
        [],
    )


def test_a_deleted_event_is_still_not_intact_without_the_key(
    designated: tuple[CommandLine, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    command, case_id = designated
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        database.execute("DELETE FROM events WHERE case_id = ? AND seq = 4", (case_id,))
    ran = command("verify", case_id)
    lines = ran.out.splitlines()
    assert (ran.status, lines[0], lines[-1]) == (
        1,
        f"Case {case_id}: the audit trail is NOT intact:",
        _not_checked(3),
    )


def test_after_a_rotation_only_the_new_key_names_the_old_key_id(
    designated: tuple[CommandLine, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    command, case_id = designated
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", f"default={RIGHT},2027={NEW}")
    noted = command("--as", "lwong", "note", case_id, "After the rotation.")
    assert noted.status == 0, noted.err
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", f"2027={NEW}")
    ran = command("verify", "--all")
    assert (ran.status, ran.out.splitlines()) == (
        7,
        [
            "The audit trail cannot be fully checked without the key for key id 'default' (1 "
            "case, 5 events, 0 contact log entries, 0 seals): nothing was found wrong in what "
            "could be checked.",
            _not_checked(4),
        ],
    )
