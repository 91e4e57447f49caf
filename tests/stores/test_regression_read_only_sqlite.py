"""Regression: a SQLite database this user may read but not write ("attempt
to write a readonly database": the file, or its folder, read-only) was
``StoreUnavailable``, which the command line words as status 3, "run the
command again", though running it again can never succeed. It is now
``StoreReadOnly``: nothing written, retrying pointless, status 6."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from contactpolicy import Casework, FrozenClock, StoreReadOnly
from contactpolicy.stores import SQLiteStore

from support.builders import CUSTOMER, MANAGER, START, incident
from support.read_only import ROOT, read_only

MEANING = "can be read but not written by this user: the file or its folder is read-only"


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
        f"case {case_id!r}: the database {path} {MEANING} (attempt to write a readonly database)"
    )
    monkeypatch.undo()
    assert SQLiteStore(path).load(case_id).version == 1


@pytest.mark.skipif(ROOT, reason="root writes to a file whatever its permissions")
def test_a_file_this_user_may_not_write_is_store_read_only(tmp_path: Path) -> None:
    """A database file made read-only (0400) is read; a write is StoreReadOnly."""
    path = tmp_path / "cases.db"
    case_id = _reported(path)
    path.chmod(stat.S_IRUSR)
    try:
        casework = Casework(SQLiteStore(path), clock=FrozenClock(START))
        assert casework.get(case_id).version == 1
        with pytest.raises(StoreReadOnly):
            casework.add_note(case_id, "Called again.", MANAGER)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.mark.skipif(ROOT, reason="root writes in a folder whatever its permissions")
def test_a_folder_this_user_may_not_write_is_store_read_only(tmp_path: Path) -> None:
    """A database in a read-only folder (0500) cannot make its write-ahead
    log: opening it is StoreReadOnly, not "try again"."""
    folder = tmp_path / "records"
    folder.mkdir()
    _reported(folder / "cases.db")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(StoreReadOnly, match="can be read but not written"):
            Casework(SQLiteStore(folder / "cases.db")).cases()
    finally:
        folder.chmod(stat.S_IRWXU)
