"""The step that indexes the events signed with an audit key (SQLite's 18,
PostgreSQL's 15): a database from before it, whose only signed event is
far back in its feed, gains both indexes when opened, and is then found
keyed: a write without the key is refused (7.4). The step writes no row:
the indexes are of the key id each event's own document names."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import attrs
import psycopg
import pytest

from contactpolicy import Casework, FrozenClock
from contactpolicy.errors import InvalidInput
from contactpolicy.stores import PostgresStore, SQLiteStore, Store
from contactpolicy.testing.examples import MANAGER, START, example_case, history

from support.migrations import (
    BEFORE_SIGNED_INDEXES,
    POSTGRES_BEFORE_ENDS_ON,
    SQLITE_BEFORE_ENDS_ON,
)
from support.tampering import CUSTOMER, INCIDENT, KEY

_INDEXES = ["events_by_key_id", "events_signed"]


def _signed_far_back(store: Store) -> list[object]:
    """One signed case, then 1,200 unsigned events; the feed as it is."""
    keyed = Casework(store, clock=FrozenClock(START), audit_key=KEY)
    keyed.report(CUSTOMER, "Repeated calls.", [INCIDENT], by=MANAGER)
    other = attrs.evolve(example_case(), version=1_200)
    with store.unit_of_work() as work:
        work.save(other, history(other), expected_version=0)
    return list(store.events_since(0, 10_000))


def _opened_and_checked(store: Store, feed: list[object]) -> None:
    """The store opened after the step: keyed under ``default``, its feed
    as it was, and a write without the key refused."""
    try:
        assert (store.newest_key_id(), store.events_since(0, 10_000)) == ("default", feed)
        assert [event.position for event in store.signed_events("default", 5)] == [1]
        with pytest.raises(InvalidInput) as refused:
            Casework(store, clock=FrozenClock(START)).report(
                CUSTOMER, "Another issue.", [INCIDENT], by=MANAGER
            )
        assert refused.value.field == "audit_key"
    finally:
        store.close()


def test_a_sqlite_file_from_before_the_step_gains_the_indexes(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    feed = _signed_far_back(store)
    store.close()
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        for statement in (*SQLITE_BEFORE_ENDS_ON, *BEFORE_SIGNED_INDEXES):
            db.execute(statement)
        db.execute("DELETE FROM schema_migrations WHERE version >= 18")
        db.execute("PRAGMA user_version = 17")
    _opened_and_checked(SQLiteStore(path), feed)
    with closing(sqlite3.connect(path)) as db:
        found = db.execute(
            "SELECT name FROM sqlite_master WHERE tbl_name = 'events' AND name LIKE 'events_%' "
            "AND name NOT IN ('events_by_command', 'events_by_customer') ORDER BY name"
        ).fetchall()
        assert (found, db.execute("PRAGMA user_version").fetchone()) == (
            [(name,) for name in _INDEXES],
            (23,),
        )


def test_a_sqlite_row_that_is_not_json_has_no_key_id(tmp_path: Path) -> None:
    """An event row that is not JSON (written behind the store's back) is
    left out of the indexes, not an error writing it: the newest signed
    event is the one before it."""
    store = SQLiteStore(tmp_path / "cases.db")
    _signed_far_back(store)
    with closing(sqlite3.connect(tmp_path / "cases.db", isolation_level=None)) as db:
        db.execute("UPDATE events SET document = 'not JSON' WHERE position = 1")
    try:
        assert (store.newest_key_id(), store.signed_events("default", 5)) == (None, [])
    finally:
        store.close()


def test_a_postgres_database_from_before_the_step_gains_the_indexes(postgres_dsn: str) -> None:
    store = PostgresStore(postgres_dsn, max_connections=2)
    feed = _signed_far_back(store)
    store.close()
    with psycopg.connect(postgres_dsn, autocommit=True) as db:
        for statement in (*POSTGRES_BEFORE_ENDS_ON, *BEFORE_SIGNED_INDEXES):
            db.execute(statement)
        db.execute("DELETE FROM schema_migrations WHERE version >= 15")
    _opened_and_checked(PostgresStore(postgres_dsn, max_connections=2), feed)
    with psycopg.connect(postgres_dsn) as db:
        found = db.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'events' "
            "AND indexname IN ('events_by_key_id', 'events_signed') ORDER BY indexname"
        ).fetchall()
    assert found == [(name,) for name in _INDEXES]
