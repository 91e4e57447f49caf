"""A database this user may read but not write is status 6: nothing was
written, and running the command again fails the same way until an operator
makes it writable (once status 3, "run the command again")."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from contactpolicy.cli import READ_ONLY

from support.command_line import CommandLine
from support.read_only import bound_by_permissions, read_only


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
        "written by this user: it was opened read-only, though this user may now write the "
        "file, its -wal and -shm files and its folder (attempt to write a readonly "
        "database); nothing was written, and running the command again fails the same way "
        "until the database is made writable for this user (on SQLite, the file, its -wal "
        "and -shm files and its folder; on PostgreSQL, a server that writes and the "
        "privileges the store needs)\n"
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


@bound_by_permissions
def test_a_database_listed_while_read_only_takes_a_note_once_writable(
    command: CommandLine,
) -> None:
    """``list`` on a database made read-only (0444) reads it; a note then is
    status 6 naming the file alone, and once the file is writable (0600)
    again the note is saved: the -wal and -shm files the reads left behind
    are writable by their owner."""
    case_id = command.report()
    database = Path("contactpolicy.db")
    database.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        assert command("--as", "lwong", "list").status == 0
        refused = command("--as", "lwong", "note", case_id, "Called again.")
        assert (refused.status, refused.err.split(";")[0]) == (
            6,
            f"not done: case {case_id!r}: the database contactpolicy.db can be read but not "
            "written by this user, who may not write contactpolicy.db (attempt to write a "
            "readonly database)",
        )
    finally:
        database.chmod(stat.S_IRUSR | stat.S_IWUSR)
    ran = command("--as", "lwong", "note", case_id, "Called again.")
    assert (ran.status, ran.err) == (0, "")


@bound_by_permissions
def test_a_database_in_a_read_only_folder_is_status_6_for_a_read_too(
    command: CommandLine,
) -> None:
    """A writable database (0600) in a folder this user may not write (0555)
    is status 6 for ``list`` too, naming the folder: SQLite cannot open a
    database in WAL mode without making its -shm file there."""
    command.report()
    folder = Path.cwd()
    folder.chmod(
        stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH
    )
    try:
        ran = command("--as", "lwong", "list")
    finally:
        folder.chmod(stat.S_IRWXU)
    assert (ran.status, ran.out, ran.err.split(";")[0]) == (
        6,
        "",
        "not done: the database contactpolicy.db can be read but not written by this user, "
        "who may not write its folder, where the -wal and -shm files are made (attempt to "
        "write a readonly database)",
    )
