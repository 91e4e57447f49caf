"""A store whose records are signed with the audit key, written to from the
command line without it (7.4). Before, a report, a contact checked and
logged, a token issued or revoked and a webhook added or removed were all
written unsigned or unsealed, and only ``verify`` flagged them afterwards.
Now each is refused with status 2, in words naming the key id and never the
key, and nothing is written; reads still answer."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from support.command_line import CUSTOMER, REPORT_NOW, CommandLine

HEX_KEY = "ab" * 32

REFUSED = (
    "error: [7.4] the audit key: the records are signed under key id 'default', which was "
    "not given, and nothing was written: give the audit key (the file the configuration's "
    "audit_key_file names, or CONTACTPOLICY_AUDIT_KEY) to write (docs/audit.md, Setting up "
    "the key)\n"
)
"""What every write without the key says."""

MEANWHILE = (
    ". Meanwhile, the same check with --preview says how to handle the contact without "
    "logging it; ask the records officer for the audit key to log contacts again"
)
"""What ``check`` adds, for staff at the point of contact."""


@pytest.fixture
def keyed(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> tuple[CommandLine, str]:
    """A store with a case, a token for kdaly and a webhook ``wh-kept``, all
    signed with the key, and the key then taken away; the case's id."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", HEX_KEY)
    case_id = command.report()
    issued = command("--as", "lwong", "token", "create", "--officer", "kdaly")
    assert issued.status == 0, issued.err
    added = command(
        "--as", "lwong", "webhook", "add", "https://crm.example.org/kept", "--id", "wh-kept"
    )
    assert added.status == 0, added.err
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    return command, case_id


def _held(command: CommandLine) -> tuple[Any, ...]:
    """Everything the database holds: cases, events, contacts, tokens and
    webhook subscriptions."""
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        tokens = database.execute("SELECT * FROM api_tokens ORDER BY id").fetchall()
        webhooks = database.execute("SELECT * FROM webhooks ORDER BY id").fetchall()
    return (*command.record(), tokens, webhooks)


def _token_id(command: CommandLine) -> str:
    listed = command("--as", "lwong", "token", "list", "--json")
    assert listed.status == 0, listed.err
    (token,) = listed.json
    token_id = token["id"]
    assert isinstance(token_id, str)
    return token_id


WRITES = {
    "report": REPORT_NOW,
    "note": ("--as", "jsmith", "note", "{case}", "Not signed."),
    "check": ("--as", "kdaly", "check", CUSTOMER, "--channel", "telephone", "--department",
              "Revenues and Benefits"),
    "token create": ("--as", "lwong", "token", "create", "--officer", "jsmith"),
    "token revoke": ("--as", "lwong", "token", "revoke", "{token}"),
    "webhook add": ("--as", "lwong", "webhook", "add", "https://crm.example.org/hooks"),
    "webhook remove": ("--as", "lwong", "webhook", "remove", "wh-kept"),
    "purge": ("--as", "lwong", "purge"),
}  # fmt: skip
"""Each command that writes, ``{case}`` and ``{token}`` standing for the
case's and the token's ids."""


@pytest.mark.parametrize("name", WRITES)
def test_a_write_without_the_key_is_refused_with_status_2(
    keyed: tuple[CommandLine, str], name: str
) -> None:
    command, case_id = keyed
    ids = {"{case}": case_id, "{token}": _token_id(command)}
    argv = [ids.get(each, each) for each in WRITES[name]]
    before = _held(command)
    ran = command(*argv)
    said = REFUSED if name != "check" else f"{REFUSED[:-1]}{MEANWHILE}\n"
    assert (ran.status, ran.out, ran.err) == (2, "", said)
    assert _held(command) == before


def test_reads_without_the_key_still_answer(keyed: tuple[CommandLine, str]) -> None:
    command, case_id = keyed
    shown = command("--as", "lwong", "show", case_id, "--json")
    assert (shown.status, shown.json["id"]) == (0, case_id)
    listed = command("--as", "lwong", "list", "--json")
    assert (listed.status, [each["id"] for each in listed.json]) == (0, [case_id])
