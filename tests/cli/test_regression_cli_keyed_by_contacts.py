"""A database in which a contact was checked with the audit key, and
nothing else was signed, is keyed (7.4). Before, without the key ``check``
logged unsigned entries there (for the same customer and another) and
``token create`` issued an unsealed token, and ``verify --all`` did not
name the other customer's entry. Now each is refused with status 2, in the
words of every write without the key, and nothing is written."""

from __future__ import annotations

import sqlite3

import pytest

from support.command_line import CommandLine

HEX_KEY = "ab" * 32

REFUSED = (
    "error: [7.4] the audit key: the records are signed under key id 'default', which was "
    "not given, and nothing was written: give the audit key (the file the configuration's "
    "audit_key_file names, or CONTACTPOLICY_AUDIT_KEY) to write (docs/audit.md, Setting up "
    "the key)"
)
CHECK_REFUSED = (
    f"{REFUSED}. Meanwhile, the same check with --preview says how to handle the contact "
    "without logging it; ask the records officer for the audit key to log contacts again\n"
)


def _rows(command: CommandLine) -> tuple[list[tuple[object, ...]], int]:
    """The contact log (id, customer, number, key id) and how many tokens."""
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        log = database.execute(
            "SELECT id, customer_id, seq, key_id FROM contact_log ORDER BY id"
        ).fetchall()
        tokens = database.execute("SELECT count(*) FROM api_tokens").fetchone()[0]
    return log, tokens


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--as", "kdaly", "check", "CRM-Z", "--channel", "telephone"), CHECK_REFUSED),
        (("--as", "kdaly", "check", "CRM-Y", "--channel", "telephone"), CHECK_REFUSED),
        (("--as", "lwong", "token", "create", "--officer", "lwong"), f"{REFUSED}\n"),
    ],
    ids=["check the same customer", "check another", "token create"],
)
def test_a_write_without_the_key_after_a_signed_contact_is_refused(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], said: str
) -> None:
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", HEX_KEY)
    checked = command("--as", "kdaly", "check", "CRM-Z", "--channel", "telephone")
    assert checked.status == 0, checked.err
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    assert _rows(command) == ([(1, "CRM-Z", 1, "default")], 0)
    refused = command(*args)
    assert (refused.status, refused.out, refused.err) == (2, "", said)
    assert _rows(command) == ([(1, "CRM-Z", 1, "default")], 0)
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", HEX_KEY)
    verified = command("--as", "lwong", "verify", "--all")
    assert (verified.status, verified.out) == (
        0,
        "The audit trail is intact (0 cases, 0 events, 1 contact log entry, 0 seals).\n"
        "Every record was checked with the audit key given.\n",
    )
