"""A database this user may read but not write is status 6: nothing was
written, and running the command again fails the same way until an operator
makes it writable (once status 3, "run the command again")."""

from __future__ import annotations

import json

import pytest

from contactpolicy.cli import READ_ONLY

from support.command_line import CommandLine
from support.read_only import read_only


def test_a_note_on_a_database_opened_read_only_is_status_6(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the database read-only (a read-only mount), ``note`` is status 6,
    one line naming the file and saying what to do; the case is unchanged."""
    case_id = command.report()
    before = command.record()
    read_only(monkeypatch)
    ran = command("--as", "jsmith", "note", case_id, "Called again.")
    monkeypatch.undo()
    assert (ran.status, READ_ONLY, ran.out) == (6, 6, "")
    assert ran.err == (
        f"not done: case {case_id!r}: the database contactpolicy.db can be read but not "
        "written by this user: the file or its folder is read-only (attempt to write a "
        "readonly database); nothing was written, and running the command again fails "
        "the same way until the database is made writable for this user (a SQLite file "
        "and its folder; on PostgreSQL, a server that writes and the privileges the store "
        "needs)\n"
    )
    assert command.record() == before


def test_a_read_only_database_is_told_as_read_only_in_json(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``--json`` the failure is one JSON object whose kind is ``read_only``."""
    case_id = command.report()
    read_only(monkeypatch)
    ran = command("--as", "jsmith", "note", case_id, "Called again.", "--json")
    monkeypatch.undo()
    told = json.loads(ran.err)
    assert (ran.status, told["status"], told["error"]) == (6, 6, "read_only")
