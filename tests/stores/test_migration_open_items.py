"""The step that adds the cases' ``open_items_since`` (SQLite's 17,
PostgreSQL's 14): a database from before it gains the column, filled in
from each stored snapshot by the one rule, exactly as a fresh write fills
it; a snapshot that cannot be read is left out, for ``verify`` to report,
and does not stop the store opening (5.1, 7.3, 8.1)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pendulum
import psycopg
import pytest

from contactpolicy import Casework, FrozenClock
from contactpolicy.errors import StoreDamaged
from contactpolicy.stores import PostgresStore, SQLiteStore
from contactpolicy.stores import postgres as postgres_store
from contactpolicy.stores import sqlite as sqlite_store

from support.builders import START
from support.migrations import BEFORE_OPEN_ITEMS, POSTGRES_BEFORE_ENDS_ON, SQLITE_BEFORE_ENDS_ON
from support.open_items import Scene, scene


def _sqlite_columns(path: Path) -> list[tuple[str, str | None]]:
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        rows = db.execute("SELECT id, open_items_since FROM cases ORDER BY id").fetchall()
    return [(case_id, since) for case_id, since in rows]


def _sqlite_scene(path: Path) -> Scene:
    store = SQLiteStore(path)
    clock = FrozenClock(START)
    found = scene(Casework(store, clock=clock), clock)
    store.close()
    return found


def _sqlite_before_the_step(path: Path, *changes: str) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        for statement in (*SQLITE_BEFORE_ENDS_ON, *BEFORE_OPEN_ITEMS, *changes):
            db.execute(statement)
        db.execute("DELETE FROM schema_migrations WHERE version >= 17")
        db.execute("PRAGMA user_version = 16")


def test_a_sqlite_file_from_before_the_step_is_filled_in_as_a_fresh_write(
    tmp_path: Path,
) -> None:
    """The scene's three cases, written at the last step, then taken back
    to step 16: opened, each has the time of its oldest item again, as
    fixed-width UTC text, and the store lists them in that order."""
    path = tmp_path / "cases.db"
    found = _sqlite_scene(path)
    fresh = _sqlite_columns(path)
    assert sorted(fresh, key=lambda row: str(row[1])) == [
        (found.restricted, "2026-01-31T11:00:00.000000+00:00"),
        (found.reported, "2026-01-31T14:00:00.000000+00:00"),
        (found.lifted, "2026-01-31T15:00:00.000000+00:00"),
    ]
    _sqlite_before_the_step(path)
    store = SQLiteStore(path)
    try:
        assert [case.id for case in store.with_open_items()] == [
            found.restricted,
            found.reported,
            found.lifted,
        ]
    finally:
        store.close()
    assert _sqlite_columns(path) == fresh
    assert sqlite_store.MIGRATIONS[16][0] == "ALTER TABLE cases ADD COLUMN open_items_since TEXT"
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (23,)


def test_a_sqlite_snapshot_that_cannot_be_read_is_left_out_and_the_store_opens(
    tmp_path: Path,
) -> None:
    """A snapshot whose letter to read names no channel the codec knows is
    left without a time: the store opens, lists the other two cases, and
    reading that case is ``StoreDamaged``."""
    path = tmp_path / "cases.db"
    found = _sqlite_scene(path)
    damaged = (
        "UPDATE cases SET document = json_set(document, '$.to_read[0].channel', 'pigeon') "
        f"WHERE id = '{found.restricted}'"
    )
    _sqlite_before_the_step(path, damaged)
    store = SQLiteStore(path)
    try:
        assert [case.id for case in store.with_open_items()] == [found.reported, found.lifted]
        with pytest.raises(StoreDamaged):
            store.load(found.restricted)
    finally:
        store.close()
    assert dict(_sqlite_columns(path))[found.restricted] is None


@pytest.mark.parametrize("document", ["{", "[1, 2]", "42", "x'00ff'"])
def test_a_sqlite_snapshot_that_is_not_json_is_left_out_and_the_store_opens(
    tmp_path: Path, document: str
) -> None:
    """A snapshot that is not a JSON object at all (text cut short, an
    array, a number, bytes) does not stop the step: the store opens, lists
    the other two cases, reading that one is ``StoreDamaged``, and its
    column stays empty."""
    path = tmp_path / "cases.db"
    found = _sqlite_scene(path)
    value = document if document.startswith("x'") else "'" + document + "'"
    damaged = f"UPDATE cases SET document = {value} WHERE id = '{found.restricted}'"
    _sqlite_before_the_step(path, damaged)
    store = SQLiteStore(path)
    try:
        assert [case.id for case in store.with_open_items()] == [found.reported, found.lifted]
        with pytest.raises(StoreDamaged):
            store.load(found.restricted)
    finally:
        store.close()
    assert dict(_sqlite_columns(path))[found.restricted] is None


def _postgres_columns(dsn: str) -> list[tuple[str, datetime | None]]:
    with psycopg.connect(dsn, autocommit=True) as db:
        rows = db.execute("SELECT id, open_items_since FROM cases ORDER BY id").fetchall()
    return [(str(case_id), since) for case_id, since in rows]


def test_a_postgresql_database_from_before_the_step_is_filled_in_as_a_fresh_write(
    postgres_dsn: str,
) -> None:
    """The scene written at the last step, then taken back to step 13:
    opened, each case has the time of its oldest item again, and the store
    lists them in that order."""
    store = PostgresStore(postgres_dsn, max_connections=2)
    clock = FrozenClock(START)
    found = scene(Casework(store, clock=clock), clock)
    store.close()
    fresh = _postgres_columns(postgres_dsn)
    assert dict(fresh) == {
        found.restricted: pendulum.datetime(2026, 1, 31, 11),
        found.reported: pendulum.datetime(2026, 1, 31, 14),
        found.lifted: pendulum.datetime(2026, 1, 31, 15),
    }
    with psycopg.connect(postgres_dsn, autocommit=True) as db:
        for statement in (*POSTGRES_BEFORE_ENDS_ON, *BEFORE_OPEN_ITEMS):
            db.execute(statement)
        db.execute("DELETE FROM schema_migrations WHERE version >= 14")
    store = PostgresStore(postgres_dsn, max_connections=2)
    try:
        assert [case.id for case in store.with_open_items()] == [
            found.restricted,
            found.reported,
            found.lifted,
        ]
    finally:
        store.close()
    assert _postgres_columns(postgres_dsn) == fresh
    assert postgres_store.MIGRATIONS[13][0] == (
        "ALTER TABLE cases ADD COLUMN open_items_since timestamptz"
    )


def test_a_cleared_column_is_found_by_verify(tmp_path: Path) -> None:
    """The column says what the snapshot says: cleared behind the store's
    back on the restricted case, ``verify`` names the case and what it is
    listed under, the column's name in the detail only (7.4)."""
    path = tmp_path / "cases.db"
    found = _sqlite_scene(path)
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("UPDATE cases SET open_items_since = NULL WHERE id = ?", (found.restricted,))
    store = SQLiteStore(path)
    try:
        problems = Casework(store).verify(found.restricted).problems
    finally:
        store.close()
    assert [(str(problem), problem.detail) for problem in problems] == [
        (
            f"case {found.restricted}: what it is listed and searched under was changed: the "
            "date an item has waited on it since listed for it no longer matches the case",
            "columns differ from the document: open_items_since",
        )
    ]
