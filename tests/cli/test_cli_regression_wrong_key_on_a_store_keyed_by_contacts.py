"""A wrong key on a store whose only signed records are contacts (7.4).

Staff checked a customer with the key; then ``check``, ``token create``
and ``report`` were run with another key given under the same key id
(``default``). Before, each was taken with status 0, and ``verify --all``
with the right key then read the new contact, token and case as tampered
with. Now each is refused with status 2, in words naming the key id and
never the key, nothing is written, and ``verify --all`` with the right key
finds the store intact."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from support.command_line import REPORT_NOW, CommandLine

RIGHT = "11" * 32
WRONG = "33" * 32

REFUSED = (
    "error: [7.4] CONTACTPOLICY_AUDIT_KEY: the key given does not match the one the records "
    "under key id 'default' were signed with (or those records were changed: verify says "
    "which), so nothing it signed could be verified, and nothing was written: give the key "
    "they were signed with, or a new key under a new key id to rotate (docs/audit.md, "
    "Setting up the key)"
)

MEANWHILE = (
    ". Meanwhile, the same check with --preview says how to handle the contact without "
    "logging it; ask the records officer for the audit key to log contacts again"
)
"""What ``check`` adds, for staff at the point of contact."""

WRITES = {
    "check": ("--as", "kdaly", "check", "CRM-Y", "--channel", "telephone"),
    "token create": ("--as", "lwong", "token", "create", "--officer", "lwong"),
    "report": REPORT_NOW,
}
"""The writes of the reproduction."""


@pytest.fixture
def checked(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> CommandLine:
    """CRM-Z's call checked and logged with the right key, the store's only
    signed record; the wrong key given since."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", RIGHT)
    ran = command("--as", "kdaly", "check", "CRM-Z", "--channel", "telephone")
    assert ran.status == 0, ran.err
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", WRONG)
    return command


def _held(command: CommandLine) -> tuple[Any, ...]:
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        return tuple(
            database.execute(f"SELECT * FROM {table}").fetchall()
            for table in ("cases", "events", "contact_log", "api_tokens")
        )


@pytest.mark.parametrize("name", WRITES)
def test_a_write_with_a_wrong_key_is_refused_with_status_2(
    checked: CommandLine, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _held(checked)
    ran = checked(*WRITES[name])
    said = REFUSED + (MEANWHILE if name == "check" else "") + "\n"
    assert (ran.status, ran.out, ran.err) == (2, "", said)
    assert _held(checked) == before
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", RIGHT)
    verified = checked("--as", "lwong", "verify", "--all")
    assert (verified.status, verified.out) == (
        0,
        "The audit trail is intact (0 cases, 0 events, 1 contact log entry, 0 seals).\n"
        "Every record was checked with the audit key given.\n",
    )
