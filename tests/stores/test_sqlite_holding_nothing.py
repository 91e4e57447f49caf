"""``holds_nothing``: an SQLite file with no table or view, whatever its
header settings, holds nothing; one with a table, this store's database, or
one marked as an application's (another's or this store's) does not; and asking writes nothing."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy.stores import SQLiteStore
from contactpolicy.stores.sqlite import APPLICATION_ID, holds_nothing

_HEADERS = st.fixed_dictionaries(
    {
        "page_size": st.sampled_from([512, 1024, 4096, 65536]),
        "user_version": st.integers(min_value=0, max_value=2**31 - 1),
        "journal_mode": st.sampled_from(["DELETE", "WAL", "TRUNCATE"]),
        "auto_vacuum": st.sampled_from(["NONE", "FULL", "INCREMENTAL"]),
        "encoding": st.sampled_from(["UTF-8", "UTF-16le", "UTF-16be"]),
    }
)


def _made(path: Path, header: dict[str, object], *, table: str | None) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA encoding = '{header['encoding']}'")
        for name in ("page_size", "user_version", "auto_vacuum"):
            connection.execute(f"PRAGMA {name} = {header[name]}")
        connection.execute(f"PRAGMA journal_mode = {header['journal_mode']}")
        if table is not None:
            connection.execute(table)
            connection.commit()
        connection.execute("VACUUM")


def _files(folder: Path) -> dict[str, bytes]:
    return {found.name: found.read_bytes() for found in sorted(folder.iterdir())}


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=_HEADERS,
    table=st.sampled_from([None, "CREATE TABLE t (x)", "CREATE VIEW v AS SELECT 1"]),
)
def test_a_file_holds_nothing_exactly_when_it_has_no_table_or_view(
    tmp_path: Path, header: dict[str, object], table: str | None
) -> None:
    folder = tmp_path / "made"
    folder.mkdir(exist_ok=True)
    for found in folder.iterdir():
        found.unlink()
    path = folder / "other.db"
    _made(path, header, table=table)
    before = _files(folder)
    assert holds_nothing(path) is (table is None)
    assert _files(folder) == before


def test_another_applications_file_without_tables_is_left_to_the_store(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA application_id = 12345")
        connection.execute("VACUUM")
    assert holds_nothing(path) is False


def test_a_file_marked_as_this_stores_is_taken_as_its_own(tmp_path: Path) -> None:
    """Answered from the header: its tables are the store's to check."""
    path = tmp_path / "cases.db"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("VACUUM")
    assert holds_nothing(path) is False


def test_this_stores_database_holds_something(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    SQLiteStore(path).close()
    assert holds_nothing(path) is False


@pytest.mark.parametrize(
    "content",
    [b"", b"SQLite format 3\x00", b"hello world\n"],
    ids=["empty", "magic only", "text"],
)
def test_a_file_sqlite_cannot_read_as_a_database_does_not_hold_nothing(
    tmp_path: Path, content: bytes
) -> None:
    """An empty file is a database holding nothing to SQLite; a file that is
    not a database is the store's to name as damaged."""
    path = tmp_path / "odd.db"
    path.write_bytes(content)
    expected = content == b""
    assert holds_nothing(path) is expected
    assert path.read_bytes() == content


def test_pages_still_in_the_write_ahead_log_are_not_judged(tmp_path: Path) -> None:
    """A database whose tables are still only in its ``-wal`` file (a server
    has it open) is not taken for one holding nothing."""
    path = tmp_path / "cases.db"
    with closing(sqlite3.connect(path)) as writer:
        writer.execute("PRAGMA journal_mode = WAL")
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("CREATE TABLE t (x)")
        writer.commit()
        assert (tmp_path / "cases.db-wal").stat().st_size > 0
        assert holds_nothing(path) is False
