"""The step that keeps a contact's command id with its entry in the log
(SQLite's 13, PostgreSQL's 11): a database from before it gains the two
columns when opened, its entries kept with neither; a decision logged
after it under an id is repeated once (5.1, 7.4)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from functools import partial
from pathlib import Path

import psycopg
import pytest

from contactpolicy import Casework, Channel, Contact, FrozenClock
from contactpolicy.stores import PostgresStore, SQLiteStore, Store
from contactpolicy.stores import postgres as postgres_store
from contactpolicy.stores import sqlite as sqlite_store
from contactpolicy.testing.examples import START

from support.migrations import (
    BEFORE_OPEN_ITEMS,
    POSTGRES_BEFORE_ENDS_ON,
    SQLITE_BEFORE_ENDS_ON,
    UNMARKED,
)

CALL = Contact(Channel.TELEPHONE, START.subtract(minutes=5))
LETTER = Contact(Channel.LETTER, START.subtract(minutes=1))


def _downgrade_sqlite(path: Path) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("DROP TABLE purge_runs")
        db.execute("DROP INDEX contact_log_by_command")
        db.execute("ALTER TABLE contact_log DROP COLUMN command_id")
        db.execute("ALTER TABLE contact_log DROP COLUMN fingerprint")
        # And steps 14 to 17, which came after it (the tokens' seals, the purge
        # runs, the header marks, the open items' column).
        db.execute("ALTER TABLE api_tokens DROP COLUMN seal_key_id")
        db.execute("ALTER TABLE api_tokens DROP COLUMN seal")
        db.execute("DELETE FROM schema_migrations WHERE version >= 13")
        for statement in (*SQLITE_BEFORE_ENDS_ON, *BEFORE_OPEN_ITEMS, *UNMARKED):
            db.execute(statement)


def _columns_sqlite(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        versions = db.execute("SELECT max(version) FROM schema_migrations").fetchall()
        rows = db.execute("SELECT id, command_id, fingerprint IS NULL FROM contact_log ORDER BY id")
        return versions + rows.fetchall()


def _downgrade_postgres(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute("DROP TABLE purge_runs")
        db.execute("DROP INDEX contact_log_by_command")
        db.execute("ALTER TABLE contact_log DROP COLUMN command_id, DROP COLUMN fingerprint")
        # And steps 12 to 14, which came after it (the tokens' seals, the purge
        # runs, the open items' column).
        db.execute("ALTER TABLE api_tokens DROP COLUMN seal_key_id, DROP COLUMN seal")
        for statement in (*POSTGRES_BEFORE_ENDS_ON, *BEFORE_OPEN_ITEMS):
            db.execute(statement)
        db.execute("DELETE FROM schema_migrations WHERE version >= 11")


def _columns_postgres(dsn: str) -> list[tuple[object, ...]]:
    with psycopg.connect(dsn, autocommit=True) as db:
        versions = db.execute("SELECT max(version) FROM schema_migrations").fetchall()
        rows = db.execute("SELECT id, command_id, fingerprint IS NULL FROM contact_log ORDER BY id")
        return versions + rows.fetchall()


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_log_from_before_the_step_keeps_its_entries_and_takes_command_ids(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    opener: Callable[[], Store]
    downgrade: Callable[[], None]
    columns: Callable[[], list[tuple[object, ...]]]
    if kind == "sqlite":
        path = tmp_path / "cases.db"
        latest = len(sqlite_store.MIGRATIONS)
        opener = partial(SQLiteStore, path)
        downgrade, columns = partial(_downgrade_sqlite, path), partial(_columns_sqlite, path)
    else:
        dsn = request.getfixturevalue("postgres_dsn")
        latest = len(postgres_store.MIGRATIONS)
        opener = partial(PostgresStore, dsn, max_connections=2)
        downgrade, columns = partial(_downgrade_postgres, dsn), partial(_columns_postgres, dsn)
    first = opener()
    before = Casework(first, clock=FrozenClock(START)).decide_contact("CRM-7", CALL)
    first.close()
    downgrade()
    store = opener()
    try:
        casework = Casework(store, clock=FrozenClock(START))
        logged = casework.decide_contact("CRM-7", LETTER, command_id="crm-letter-1")
        again = casework.decide_contact("CRM-7", LETTER, command_id="crm-letter-1")
        assert (before.contact_id, logged.contact_id, again) == (1, 2, logged)
        assert [each.contact for each in store.contacts("CRM-7")] == [CALL, LETTER]
    finally:
        store.close()
    assert columns() == [(latest,), (1, None, True), (2, "crm-letter-1", False)]
