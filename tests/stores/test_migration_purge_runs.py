"""The step that keeps purge runs under their command ids (SQLite's 14,
PostgreSQL's 12): a database from before it gains the ``purge_runs`` table
when opened, and a run under an id then keeps its report and repeats it
(7.2)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from functools import partial
from pathlib import Path

import pendulum
import psycopg
import pytest

from contactpolicy import Casework, Channel, Contact, FrozenClock
from contactpolicy.casework.retention import Erased
from contactpolicy.stores import PostgresStore, SQLiteStore, Store
from contactpolicy.stores import postgres as postgres_store
from contactpolicy.stores import sqlite as sqlite_store

from support.builders import RECORDS
from support.migrations import (
    BEFORE_OPEN_ITEMS,
    POSTGRES_BEFORE_ENDS_ON,
    SQLITE_BEFORE_ENDS_ON,
    UNMARKED,
)

CONTACT_DAY = pendulum.datetime(2026, 2, 2, 10, tz="Europe/London")


def _downgrade_sqlite(path: Path) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("DROP TABLE purge_runs")
        db.execute("DELETE FROM schema_migrations WHERE version >= 15")
        for statement in (*SQLITE_BEFORE_ENDS_ON, *BEFORE_OPEN_ITEMS, *UNMARKED):
            db.execute(statement)


def _versions_sqlite(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        found = db.execute("SELECT max(version) FROM schema_migrations").fetchall()
        return found + db.execute("SELECT command_id FROM purge_runs").fetchall()


def _downgrade_postgres(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute("DROP TABLE purge_runs")
        for statement in (*POSTGRES_BEFORE_ENDS_ON, *BEFORE_OPEN_ITEMS):
            db.execute(statement)
        db.execute("DELETE FROM schema_migrations WHERE version >= 13")


def _versions_postgres(dsn: str) -> list[tuple[object, ...]]:
    with psycopg.connect(dsn, autocommit=True) as db:
        found = db.execute("SELECT max(version) FROM schema_migrations").fetchall()
        return found + db.execute("SELECT command_id FROM purge_runs").fetchall()


@pytest.mark.parametrize(("kind", "step"), [("sqlite", 15), ("postgres", 13)])
def test_a_database_from_before_the_step_keeps_purge_runs_once_opened(
    kind: str, step: int, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """CRM-99's call of 2 February 2026 logged before the step; opened
    after it, on 1 March 2027, the run under K erases it and its repeat
    answers alike; the database is at the last step."""
    opener: Callable[[], Store]
    downgrade: Callable[[], None]
    versions: Callable[[], list[tuple[object, ...]]]
    if kind == "sqlite":
        path = tmp_path / "cases.db"
        latest = len(sqlite_store.MIGRATIONS)
        opener = partial(SQLiteStore, path)
        downgrade, versions = partial(_downgrade_sqlite, path), partial(_versions_sqlite, path)
    else:
        dsn = request.getfixturevalue("postgres_dsn")
        latest = len(postgres_store.MIGRATIONS)
        opener = partial(PostgresStore, dsn, max_connections=2)
        downgrade, versions = partial(_downgrade_postgres, dsn), partial(_versions_postgres, dsn)
    first = opener()
    Casework(first, clock=FrozenClock(CONTACT_DAY)).decide_contact(
        "CRM-99", Contact(Channel.TELEPHONE, CONTACT_DAY)
    )
    first.close()
    downgrade()
    store = opener()
    try:
        casework = Casework(store, clock=FrozenClock(CONTACT_DAY.add(months=13)))
        run = casework.purge(by=RECORDS, command_id="K")
        assert casework.purge(by=RECORDS, command_id="K") == run
        assert run.erased == (Erased("contact", "CRM-99#1"),)
    finally:
        store.close()
    migrations = sqlite_store.MIGRATIONS if kind == "sqlite" else postgres_store.MIGRATIONS
    assert "CREATE TABLE purge_runs" in migrations[step - 1][0]
    assert versions() == [(latest,), ("K",)]
