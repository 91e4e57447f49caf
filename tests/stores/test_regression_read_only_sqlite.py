"""Regression: a SQLite database this user may read but not write ("attempt
to write a readonly database": the file, or its folder, read-only) was
``StoreUnavailable``, which the command line words as status 3, "run the
command again", though running it again can never succeed. It is now
``StoreReadOnly``: nothing written, retrying pointless, status 6.

Regression: its message said "the file or its folder is read-only" when the
file and its folder were writable and the ``-shm`` file, left read-only by a
read of the file while it was read-only, was not; it names what this user
may not write. And that read left the ``-wal`` and ``-shm`` files read-only,
so the database could not be written once the file was writable again."""

from __future__ import annotations

import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from contactpolicy import Casework, FrozenClock, StoreReadOnly
from contactpolicy.stores import SQLiteStore
from contactpolicy.stores import sqlite as sqlite_store
from contactpolicy.stores.sqlite import translate

from support.builders import CUSTOMER, MANAGER, START, incident
from support.read_only import bound_by_permissions, read_only

OPENED_READ_ONLY = (
    "can be read but not written by this user: it was opened read-only, though this user "
    "may now write the file, its -wal and -shm files and its folder"
)
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
"""0444, as ``chmod 444`` leaves a file."""


def _reported(path: Path) -> str:
    """A database at ``path`` with one reported case; its id."""
    store = SQLiteStore(path)
    case_id = (
        Casework(store, clock=FrozenClock(START))
        .report(CUSTOMER, "council tax", [incident()], by=MANAGER)
        .id
    )
    store.close()
    return case_id


def test_a_write_to_a_database_opened_read_only_is_store_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case is read, but a note is StoreReadOnly naming the case, with
    the file's path and the driver's words; the case is as it was."""
    path = tmp_path / "cases.db"
    case_id = _reported(path)
    read_only(monkeypatch)
    casework = Casework(SQLiteStore(path), clock=FrozenClock(START))
    assert casework.get(case_id).version == 1
    with pytest.raises(StoreReadOnly) as refused:
        casework.add_note(case_id, "Called again.", MANAGER)
    assert refused.value.case_id == case_id
    assert str(refused.value) == (
        f"case {case_id!r}: the database {path} {OPENED_READ_ONLY} "
        "(attempt to write a readonly database)"
    )
    monkeypatch.undo()
    assert SQLiteStore(path).load(case_id).version == 1


@bound_by_permissions
def test_a_file_this_user_may_not_write_is_store_read_only(tmp_path: Path) -> None:
    """A database file made read-only (0400) is read; a write is StoreReadOnly."""
    path = tmp_path / "cases.db"
    case_id = _reported(path)
    path.chmod(stat.S_IRUSR)
    try:
        casework = Casework(SQLiteStore(path), clock=FrozenClock(START))
        assert casework.get(case_id).version == 1
        with pytest.raises(StoreReadOnly) as refused:
            casework.add_note(case_id, "Called again.", MANAGER)
        assert str(refused.value) == (
            f"case {case_id!r}: the database {path} can be read but not written by this "
            f"user, who may not write {path} (attempt to write a readonly database)"
        )
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


@bound_by_permissions
def test_a_folder_this_user_may_not_write_is_store_read_only(tmp_path: Path) -> None:
    """A database in a read-only folder (0500) cannot make its write-ahead
    log: opening it is StoreReadOnly, not "try again"."""
    folder = tmp_path / "records"
    folder.mkdir()
    _reported(folder / "cases.db")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(StoreReadOnly) as refused:
            Casework(SQLiteStore(folder / "cases.db")).cases()
        assert str(refused.value) == (
            f"the database {folder / 'cases.db'} can be read but not written by this user, "
            "who may not write its folder, where the -wal and -shm files are made "
            "(attempt to write a readonly database)"
        )
    finally:
        folder.chmod(stat.S_IRWXU)


@bound_by_permissions
def test_a_database_read_while_read_only_is_written_once_the_file_is_writable(
    tmp_path: Path,
) -> None:
    """Reading a file made read-only (0444) leaves its -wal and -shm behind,
    as SQLite gives them the file's permissions and a connection that may
    not write does not remove them; the store makes them writable by their
    owner (0644), so once the file is writable (0600) a note is saved."""
    path = tmp_path / "cases.db"
    case_id = _reported(path)
    path.chmod(READ_ONLY)
    store = SQLiteStore(path)
    assert Casework(store, clock=FrozenClock(START)).get(case_id).version == 1
    store.close()
    modes = {
        name: stat.S_IMODE((tmp_path / name).stat().st_mode)
        for name in ("cases.db", "cases.db-wal", "cases.db-shm")
    }
    assert modes == {"cases.db": 0o444, "cases.db-wal": 0o644, "cases.db-shm": 0o644}
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    store = SQLiteStore(path)
    Casework(store, clock=FrozenClock(START)).add_note(case_id, "Called again.", MANAGER)
    store.close()
    assert SQLiteStore(path).load(case_id).version == 2


@bound_by_permissions
def test_a_read_only_shm_left_beside_a_writable_file_is_named(tmp_path: Path) -> None:
    """A -shm file left read-only (as SQLite leaves one made by a read of the
    file while it was read-only) beside a writable file and -wal, in a
    writable folder: a note is StoreReadOnly naming the -shm file alone."""
    path = tmp_path / "cases.db"
    case_id = _reported(path)
    path.chmod(READ_ONLY)
    with closing(sqlite3.connect(path)) as reader:
        reader.execute("SELECT count(*) FROM cases").fetchone()
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    Path(f"{path}-wal").chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert stat.S_IMODE(Path(f"{path}-shm").stat().st_mode) == 0o444
    store = SQLiteStore(path)
    with pytest.raises(StoreReadOnly) as refused:
        Casework(store, clock=FrozenClock(START)).add_note(case_id, "Called again.", MANAGER)
    store.close()
    assert str(refused.value) == (
        f"the database {path} can be read but not written by this user, who may not write "
        f"{path}-shm (attempt to write a readonly database)"
    )


def _readonly_error() -> sqlite3.Error:
    error = sqlite3.OperationalError("attempt to write a readonly database")
    error.sqlite_errorcode = sqlite3.SQLITE_READONLY
    return error


@pytest.mark.parametrize(
    ("read_only", "named"),
    [
        ({"cases.db"}, "{db}"),
        ({"cases.db-wal"}, "{db}-wal"),
        ({"cases.db-shm"}, "{db}-shm"),
        ({"."}, "its folder"),
        ({"cases.db", "cases.db-shm"}, "{db} or {db}-shm"),
        (
            {"cases.db", "cases.db-wal", "cases.db-shm", "."},
            "{db}, {db}-wal, {db}-shm or its folder",
        ),
    ],
    ids=["file", "wal", "shm", "folder", "file-and-shm", "all"],
)
def test_the_message_names_each_file_and_the_folder_this_user_may_not_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_only: set[str], named: str
) -> None:
    """With the database, its -wal and its -shm all there, a read-only
    error names exactly those of the four this user may not write, as they
    are when it is translated, and never a value from the database. What
    this user may write is answered for the test (root may write anything),
    from the names in ``read_only``."""
    folder = tmp_path / "records"
    folder.mkdir()
    path = folder / "cases.db"
    for name in ("cases.db", "cases.db-wal", "cases.db-shm"):
        (folder / name).write_bytes(b"")
    refused = {folder / name for name in read_only}
    monkeypatch.setattr(sqlite_store, "_may_write", lambda found: Path(found) not in refused)
    translated = translate(_readonly_error(), path, 5.0, None)
    assert type(translated) is StoreReadOnly
    assert str(translated) == (
        f"the database {path} can be read but not written by this user, who may not write "
        f"{named.format(db=path)} (attempt to write a readonly database)"
    )


def test_a_file_moved_while_open_is_named_as_moved(tmp_path: Path) -> None:
    """SQLITE_READONLY_DBMOVED (1032): the file was moved or deleted while
    open, whatever the permissions now."""
    error = sqlite3.OperationalError("attempt to write a readonly database")
    error.sqlite_errorcode = 1032
    translated = translate(error, tmp_path / "cases.db", 5.0, "C-1")
    assert type(translated) is StoreReadOnly
    assert str(translated) == (
        f"case 'C-1': the database {tmp_path / 'cases.db'} can be read but not written by "
        "this user: the file was moved or deleted while it was open "
        "(attempt to write a readonly database)"
    )
