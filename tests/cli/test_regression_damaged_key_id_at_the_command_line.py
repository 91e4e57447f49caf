"""Regression: a contact log entry's key id edited in the database to an
empty string made every command that reads whether the store is keyed
fail with "error: [7.4] key_id: must be 1 to 200 characters ...", an
input error for input nobody gave, and ``verify --all`` found nothing
wrong (7.4). Now the entry cannot be read: ``verify --all`` names it, and
a command that meets it ends with status 4 saying what is wrong with the
key id, never the value, with nothing written."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from support.command_line import CommandLine

KEY = "11" * 32
DAMAGED = (
    "not done: a contact log entry cannot be read: its key id is empty or only spaces: it was "
    "changed outside the system, or damaged; verify the audit trail to see all that was found; "
    "trying again will fail the same way: ask an operator to look\n"
)


@pytest.fixture
def damaged(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> CommandLine:
    """A call from the customer checked and logged with ``KEY``, no case;
    then the entry's key id set to an empty string in the database."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", KEY)
    command.checked("telephone", "enquiry")
    with closing(sqlite3.connect(command.folder / "contactpolicy.db")) as connection:
        connection.execute("UPDATE contact_log SET key_id = ''")
        connection.commit()
    return command


def test_verify_all_names_the_entry(damaged: CommandLine) -> None:
    """The entry is named as one that cannot be read, in words; the check
    ends with status 1."""
    ran = damaged("--as", "lwong", "verify", "--all")
    assert (ran.status, ran.out.splitlines()) == (
        1,
        [
            "The audit trail is NOT intact (0 cases, 0 events, 1 contact log entry, 0 seals):",
            "  - contact log of customer CRM-104233, entry 1: cannot be read: it was changed "
            "outside the system, or damaged",
            "Every record was checked with the audit key given.",
        ],
    )


def test_a_check_is_refused_as_damage_and_nothing_is_logged(damaged: CommandLine) -> None:
    """Another customer's call checked with the key: status 4, the damage
    said in words, and the log still holds the one entry."""
    ran = damaged("--as", "kdaly", "check", "CRM-1", "--channel", "telephone")
    assert (ran.status, ran.err) == (4, DAMAGED)
    with closing(sqlite3.connect(damaged.folder / "contactpolicy.db")) as connection:
        assert connection.execute("SELECT count(*) FROM contact_log").fetchall() == [(1,)]


def test_token_list_without_the_key_is_refused_as_damage(
    damaged: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read without the key, whether the store is keyed cannot be told:
    status 4, the damage said in words."""
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    ran = damaged("--as", "lwong", "token", "list")
    assert (ran.status, ran.err) == (4, DAMAGED)
