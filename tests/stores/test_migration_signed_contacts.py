"""The step that indexes the contact log entries signed with an audit key
(SQLite's 19, PostgreSQL's 16): a database from before it, whose only
signed records are contacts logged with the key, gains the index when
opened, and is then found keyed: a write without the key is refused (7.4).
The step writes no row: the index is of each entry's own key id column."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg
import pytest

from contactpolicy import Casework, FrozenClock
from contactpolicy.casework.signing import keyed_under
from contactpolicy.domain.contact import Contact
from contactpolicy.domain.vocabulary import Channel
from contactpolicy.errors import InvalidInput
from contactpolicy.stores import PostgresStore, SQLiteStore, Store
from contactpolicy.testing.examples import START

from support.migrations import (
    BEFORE_SIGNED_CONTACTS,
    POSTGRES_BEFORE_ENDS_ON,
    SQLITE_BEFORE_ENDS_ON,
)
from support.tampering import KEY

_PLAN = (
    "EXPLAIN QUERY PLAN SELECT key_id FROM contact_log WHERE key_id IS NOT NULL "
    "ORDER BY id DESC LIMIT 1"
)


def _checked_with_the_key(store: Store) -> None:
    """A contact for CRM-Z logged with the key, then 300 without it."""
    Casework(store, clock=FrozenClock(START), audit_key=KEY).decide_contact(
        "CRM-Z", Contact(Channel.TELEPHONE, START)
    )
    for _ in range(300):
        store.record_contact(store.contacts("CRM-Z")[0])


def _opened_and_checked(store: Store) -> None:
    """The store opened after the step: keyed under ``default`` by its
    signed entry, and a contact logged without the key refused."""
    try:
        assert (store.newest_contact_key_id(), keyed_under(store)) == ("default", "default")
        with pytest.raises(InvalidInput) as refused:
            Casework(store, clock=FrozenClock(START)).decide_contact(
                "CRM-Y", Contact(Channel.TELEPHONE, START)
            )
        assert (refused.value.field, store.contacts("CRM-Y")) == ("audit_key", [])
    finally:
        store.close()


def test_a_sqlite_file_from_before_the_step_gains_the_index(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    _checked_with_the_key(store)
    store.close()
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        for statement in (*SQLITE_BEFORE_ENDS_ON, *BEFORE_SIGNED_CONTACTS):
            db.execute(statement)
        db.execute("DELETE FROM schema_migrations WHERE version >= 19")
        db.execute("PRAGMA user_version = 18")
    _opened_and_checked(SQLiteStore(path))
    with closing(sqlite3.connect(path)) as db:
        plan = [row[3] for row in db.execute(_PLAN)]
        assert (plan, db.execute("PRAGMA user_version").fetchone()) == (
            ["SCAN contact_log USING INDEX contact_log_signed"],
            (23,),
        )


def test_a_postgres_database_from_before_the_step_gains_the_index(postgres_dsn: str) -> None:
    store = PostgresStore(postgres_dsn, max_connections=2)
    _checked_with_the_key(store)
    store.close()
    with psycopg.connect(postgres_dsn, autocommit=True) as db:
        for statement in (*POSTGRES_BEFORE_ENDS_ON, *BEFORE_SIGNED_CONTACTS):
            db.execute(statement)
        db.execute("DELETE FROM schema_migrations WHERE version >= 16")
    _opened_and_checked(PostgresStore(postgres_dsn, max_connections=2))
    with psycopg.connect(postgres_dsn) as db:
        found = db.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'contact_log_signed'"
        ).fetchall()
    assert found == [
        (
            "CREATE INDEX contact_log_signed ON public.contact_log USING btree (id) "
            "WHERE (key_id IS NOT NULL)",
        )
    ]
