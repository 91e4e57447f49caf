"""The step that adds the cases' ``ends_on`` (SQLite's 21, PostgreSQL's 18):
a database from before it gains the column, filled in from each stored
snapshot by the one rule (``Case.ends_on``), exactly as a fresh write
fills it, so that its summaries say restrictions that ended before their
review day ended, not lapsed (6.4, 7.2); a snapshot that cannot be read is
left out, for ``verify`` to report, and does not stop the store opening."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pendulum
import psycopg
import pytest

from contactpolicy import Casework, FrozenClock
from contactpolicy.errors import StoreDamaged
from contactpolicy.stores import PostgresStore, SQLiteStore, Store
from contactpolicy.stores import postgres as postgres_store
from contactpolicy.stores import sqlite as sqlite_store

from support.builders import START, designated_and_told, designated_to_end
from support.migrations import POSTGRES_BEFORE_ENDS_ON, SQLITE_BEFORE_ENDS_ON

LAST_DAY = pendulum.Date(2026, 2, 27)
"""The last day decided for the restrictions of the scene's first case (6.4)."""
AFTER_REVIEW = pendulum.datetime(2026, 5, 1, 10, tz="Europe/London")
"""The day after both cases' review day, 30 April 2026 (7.2)."""


def _scene(store: Store) -> tuple[str, str]:
    """Two cases designated on 31 January 2026, reviewed on 30 April: one
    decided to end after :data:`LAST_DAY`, one to run until its review;
    their ids. The store is left open."""
    casework = Casework(store, clock=FrozenClock(START))
    ending = designated_to_end(casework, LAST_DAY)
    running = designated_and_told(casework, "parking")
    return ending, running


def _listed(store: Store) -> dict[str, tuple[pendulum.Date | None, bool, pendulum.Date | None]]:
    """Each summary's last day, whether it lapsed after the review day and
    the last day it ended on before it, by case id."""
    return {
        summary.id: (
            summary.ends_on,
            summary.lapsed(AFTER_REVIEW),
            summary.ended_before_review(AFTER_REVIEW.date()),
        )
        for summary in store.summaries()
    }


def _sqlite_columns(path: Path) -> dict[str, str | None]:
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        rows = db.execute("SELECT id, ends_on FROM cases").fetchall()
    return dict(rows)


def _sqlite_before_the_step(path: Path, *changes: str) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        for statement in (*SQLITE_BEFORE_ENDS_ON, *changes):
            db.execute(statement)
        db.execute("DELETE FROM schema_migrations WHERE version >= 21")
        db.execute("PRAGMA user_version = 20")


def test_a_sqlite_file_from_before_the_step_is_filled_in_as_a_fresh_write(
    tmp_path: Path,
) -> None:
    """Both cases, written at the last step, then taken back to step 20:
    opened, the first has its last day again as ``YYYY-MM-DD`` text, the
    other none; the summaries say the first ended on it and did not lapse,
    the other lapsed; the file is at step 21, and a page of summaries is
    still read from the listing's index alone."""
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    ending, running = _scene(store)
    store.close()
    fresh = _sqlite_columns(path)
    assert fresh == {ending: "2026-02-27", running: None}
    _sqlite_before_the_step(path)
    store = SQLiteStore(path)
    try:
        assert _listed(store) == {
            ending: (LAST_DAY, False, LAST_DAY),
            running: (None, True, None),
        }
    finally:
        store.close()
    assert _sqlite_columns(path) == fresh
    assert sqlite_store.MIGRATIONS[20][0] == "ALTER TABLE cases ADD COLUMN ends_on TEXT"
    with closing(sqlite3.connect(path)) as db:
        plan = db.execute(
            f"EXPLAIN QUERY PLAN SELECT {sqlite_store._SUMMARY} FROM cases "
            "INDEXED BY cases_by_report ORDER BY reported_at, id"
        ).fetchall()
        assert (db.execute("PRAGMA user_version").fetchone(), [row[3] for row in plan]) == (
            (23,),
            ["SCAN cases USING COVERING INDEX cases_by_report"],
        )


@pytest.mark.parametrize(
    "damage",
    [
        "json_set(document, '$.designation.restrictions[0].kind', 'pigeon')",
        "'{'",
        "x'00ff'",
    ],
)
def test_a_sqlite_snapshot_that_cannot_be_read_is_left_out_and_the_store_opens(
    tmp_path: Path, damage: str
) -> None:
    """A snapshot that cannot be read (a restriction the codec does not
    know, text that is not JSON, bytes) is left without a last day: the
    store opens, the other case reads as before, and reading that one is
    ``StoreDamaged``."""
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    ending, running = _scene(store)
    store.close()
    _sqlite_before_the_step(path, f"UPDATE cases SET document = {damage} WHERE id = '{ending}'")
    store = SQLiteStore(path)
    try:
        assert store.load(running).ends_on is None
        with pytest.raises(StoreDamaged):
            store.load(ending)
    finally:
        store.close()
    assert _sqlite_columns(path) == {ending: None, running: None}


def test_a_postgresql_database_from_before_the_step_is_filled_in_as_a_fresh_write(
    postgres_dsn: str,
) -> None:
    """Both cases written at the last step, then taken back to step 17:
    opened, the first has its last day again, the other none, and the
    summaries say the first ended on it and did not lapse."""
    store = PostgresStore(postgres_dsn, max_connections=2)
    ending, running = _scene(store)
    store.close()

    def columns() -> dict[str, date | None]:
        with psycopg.connect(postgres_dsn, autocommit=True) as db:
            return {str(key): value for key, value in db.execute("SELECT id, ends_on FROM cases")}

    fresh = columns()
    assert fresh == {ending: date(2026, 2, 27), running: None}
    with psycopg.connect(postgres_dsn, autocommit=True) as db:
        for statement in POSTGRES_BEFORE_ENDS_ON:
            db.execute(statement)
        db.execute("DELETE FROM schema_migrations WHERE version >= 18")
    store = PostgresStore(postgres_dsn, max_connections=2)
    try:
        assert _listed(store) == {
            ending: (LAST_DAY, False, LAST_DAY),
            running: (None, True, None),
        }
    finally:
        store.close()
    assert columns() == fresh
    assert postgres_store.MIGRATIONS[17] == ("ALTER TABLE cases ADD COLUMN ends_on date",)


def test_a_changed_column_is_found_by_verify(tmp_path: Path) -> None:
    """The column says what the snapshot says: changed behind the store's
    back, ``verify`` names the case and what it is listed under, the
    column's name in the detail only (7.4)."""
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    ending, _ = _scene(store)
    store.close()
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("UPDATE cases SET ends_on = '2026-04-30' WHERE id = ?", (ending,))
    store = SQLiteStore(path)
    try:
        problems = Casework(store).verify(ending).problems
    finally:
        store.close()
    assert [(str(problem), problem.detail) for problem in problems] == [
        (
            f"case {ending}: what it is listed and searched under was changed: the last day "
            "decided for the restrictions listed for it no longer matches the case",
            "columns differ from the document: ends_on",
        )
    ]
