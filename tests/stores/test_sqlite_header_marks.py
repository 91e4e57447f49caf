"""The SQLite file header's marks (schema step 16): the application id that
says the file is this store's and the user version that mirrors its schema
version, read on opening in place of querying the tables."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from contactpolicy.errors import InvalidInput, StoreDamaged
from contactpolicy.stores import SQLiteStore
from contactpolicy.stores.sqlite import APPLICATION_ID, MIGRATIONS

from support.migrations import BEFORE_OPEN_ITEMS, SQLITE_BEFORE_ENDS_ON, UNMARKED


def _header(path: Path) -> tuple[int, int, int]:
    with closing(sqlite3.connect(path)) as db:
        application = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        recorded = db.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
    return application, version, recorded


def test_a_new_file_is_marked_as_this_stores_at_the_latest_version(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    SQLiteStore(path).close()
    assert len(MIGRATIONS) == 23
    assert _header(path) == (0x43504C59, 23, 23)
    assert APPLICATION_ID.to_bytes(4, "big") == b"CPLY"


def test_a_file_from_before_the_marks_is_marked_when_opened(tmp_path: Path) -> None:
    """A file at step 15, as the release before left it (no marks in its
    header), is checked against its tables, migrated by steps 16 to 23 and
    marked."""
    path = tmp_path / "cases.db"
    SQLiteStore(path).close()
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("DELETE FROM schema_migrations WHERE version >= 16")
        for statement in (*SQLITE_BEFORE_ENDS_ON, *BEFORE_OPEN_ITEMS, *UNMARKED):
            db.execute(statement)
    assert _header(path) == (0, 0, 15)
    store = SQLiteStore(path)
    assert store.cases() == []
    store.close()
    assert _header(path) == (APPLICATION_ID, 23, 23)


def test_a_file_marked_at_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    """A newer release's step sets the user version with its row: such a
    file is checked against its tables, which refuse it."""
    path = tmp_path / "cases.db"
    SQLiteStore(path).close()
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("INSERT INTO schema_migrations (version) VALUES (24)")
        db.execute("PRAGMA user_version = 24")
    before = path.read_bytes()
    with pytest.raises(StoreDamaged, match=r"has schema version 24, .* up to 23; upgrade"):
        SQLiteStore(path)
    assert path.read_bytes() == before


def test_another_applications_file_with_a_version_is_still_refused(tmp_path: Path) -> None:
    """A user version alone, with another application id (or none), marks
    nothing: another application's file is refused by its tables, unchanged."""
    path = tmp_path / "crm.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("CREATE TABLE customers (id TEXT)")
        db.execute("PRAGMA user_version = 16")
        db.execute("PRAGMA application_id = 7")
    before = path.read_bytes()
    with pytest.raises(InvalidInput) as refused:
        SQLiteStore(path)
    assert refused.value.field == "path"
    assert path.read_bytes() == before


@pytest.mark.parametrize("tables", [(), ("CREATE TABLE customers (id TEXT)",)])
def test_a_file_another_application_marked_as_its_own_is_refused_untouched(
    tmp_path: Path, tables: tuple[str, ...]
) -> None:
    """A header that names another application (here id 42), with tables or
    none, is that application's file: refused naming ``path``, byte for
    byte as it was, and no -wal or -shm file made beside it."""
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("PRAGMA application_id = 42")
        for statement in tables:
            db.execute(statement)
    before = path.read_bytes()
    with pytest.raises(InvalidInput) as refused:
        SQLiteStore(path)
    assert (refused.value.field, refused.value.message) == (
        "path",
        f"{path} is a database of something else (its header names another application, "
        "id 42): give the path of the council's contactpolicy database",
    )
    assert path.read_bytes() == before
    assert sorted(found.name for found in tmp_path.iterdir()) == ["other.db"]
