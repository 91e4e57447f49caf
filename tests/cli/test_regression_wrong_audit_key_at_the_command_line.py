"""Regression: ``note`` run with the WRONG ``CONTACTPOLICY_AUDIT_KEY`` on a
store signed with another key exited 0 and wrote an event that could never
verify; ``verify --all`` with the wrong key then named every event as
changed after it was recorded (7.4). Now the command is refused with the
status for wrong input (2), naming where the key came from and the key id,
never the key, and nothing is written; and verify says once that the key
matches none of the records."""

from __future__ import annotations

import json

import pytest

from support.command_line import REPORT_NOW, CommandLine

RIGHT = "11" * 32
WRONG = "33" * 32
KEYED = "Every record was checked with the audit key given."
UNMATCHED = (
    "Not checked with the key: the audit key given for key id 'default' matched none of the "
    "records signed under it, so whether they were changed cannot be told. Give the key they "
    "were signed with to check them (7.4)."
)
REFUSED = (
    "the key given does not match the one the records under key id 'default' were signed "
    "with (or those records were changed: verify says which), so nothing it signed could be "
    "verified, and nothing was written: give the key "
    "they were signed with, or a new key under a new key id to rotate (docs/audit.md, "
    "Setting up the key)"
)


def test_a_note_with_the_wrong_key_is_refused_with_status_2(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wrong key in CONTACTPOLICY_AUDIT_KEY: the note is refused with
    status 2, the message naming the variable and the key id, never the
    key; the history is as it was, and verifies with the right key."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", RIGHT)
    case_id = command.designated()
    held = command.record()
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", WRONG)
    ran = command("--as", "lwong", "note", case_id, "Offered a meeting.")
    assert (ran.status, ran.out, ran.err) == (
        2,
        "",
        f"error: [7.4] CONTACTPOLICY_AUDIT_KEY: {REFUSED}\n",
    )
    assert command.record() == held
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", RIGHT)
    checked = command("verify", "--all")
    assert (checked.status, checked.out) == (
        0,
        f"The audit trail is intact (1 case, 4 events, 0 contact log entries, 0 seals).\n{KEYED}\n",
    )


def test_a_report_with_the_wrong_key_file_is_refused_naming_the_file(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wrong key in the configuration's audit_key_file: the report is
    refused with status 2, naming the file."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", RIGHT)
    command.designated()
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    config = command.folder / "contactpolicy.toml"
    config.write_text(
        'audit_key_file = "audit.key"\n' + config.read_text(encoding="utf-8"), encoding="utf-8"
    )
    (command.folder / "audit.key").write_text(WRONG + "\n")
    ran = command(*REPORT_NOW, "--json")
    assert (ran.status, ran.out) == (2, "")
    assert json.loads(ran.err) == {
        "status": 2,
        "error": "wrong_input",
        "message": f"[7.4] the audit key file audit.key: {REFUSED}",
    }


def test_verify_all_with_the_wrong_key_says_so_in_one_line(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An untouched store checked with the wrong key: one problem, not one
    line per event; status 1."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", RIGHT)
    case_id = command.designated()
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", WRONG)
    checked = command("verify", "--all")
    assert (checked.status, checked.out) == (
        1,
        "The audit trail is NOT intact (1 case, 4 events, 0 contact log entries, 0 seals):\n"
        "  - the audit key given for key id 'default': matches none of the 4 records signed "
        "with it: it is not the key they were signed with (or every one of them was changed)\n"
        f"{UNMATCHED}\n",
    )
    one = command("verify", case_id)
    assert (one.status, one.out.splitlines()[1]) == (
        1,
        "  - the audit key given for key id 'default': matches none of the 4 records signed "
        "with it: it is not the key they were signed with (or every one of them was changed)",
    )
