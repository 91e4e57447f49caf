"""The step that keeps every command id in one table (SQLite's 22,
PostgreSQL's 19): a database from before it gains the table when opened,
filled with the ids of its case commands, contact decisions and purge runs,
each once; an id two kinds shared before the step (they could, then) still
answers each kind's repeat, and an id of one kind is refused to another
(7.4)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from functools import partial
from pathlib import Path

import pendulum
import psycopg
import pytest

from contactpolicy import (
    Behaviour,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    Incident,
)
from contactpolicy.errors import InvalidInput
from contactpolicy.stores import PostgresStore, SQLiteStore, Store
from contactpolicy.stores import postgres as postgres_store
from contactpolicy.stores import sqlite as sqlite_store
from contactpolicy.testing.command_id_contract import REFUSAL

from support.builders import MANAGER, RECORDS
from support.migrations import BEFORE_COMMAND_IDS

NOW = pendulum.datetime(2026, 2, 2, 10, tz="Europe/London")
SHARE = "UPDATE contact_log SET command_id = 'crm-note-1' WHERE command_id = 'crm-call-1'"
"""What a database from before the step could hold: a contact's decision
logged under the id of a case's command."""
IDS = "SELECT command_id FROM command_ids ORDER BY command_id"


def _sqlite(path: Path, *statements: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        for statement in statements:
            db.execute(statement)
        return db.execute(IDS).fetchall() if not statements else []


def _postgres(dsn: str, *statements: str) -> list[tuple[object, ...]]:
    with psycopg.connect(dsn, autocommit=True) as db:
        for statement in statements:
            db.execute(statement)
        return db.execute(IDS).fetchall() if not statements else []


@pytest.mark.parametrize(("kind", "step"), [("sqlite", 22), ("postgres", 19)])
def test_a_database_from_before_the_step_keeps_each_id_once_and_refuses_it_to_other_kinds(
    kind: str, step: int, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """A note under crm-note-1, a call logged under crm-call-1 then given
    crm-note-1 too, and a purge run under crm-run-1, taken back to before
    the step; opened after it: the table holds crm-note-1 and crm-run-1,
    the note's and the call's repeats each answer as first given, and a
    purge run under crm-note-1 is refused."""
    opener: Callable[[], Store]
    sql: Callable[..., list[tuple[object, ...]]]
    if kind == "sqlite":
        path = tmp_path / "cases.db"
        opener, sql = partial(SQLiteStore, path), partial(_sqlite, path)
        migrations = sqlite_store.MIGRATIONS
    else:
        dsn = request.getfixturevalue("postgres_dsn")
        opener = partial(PostgresStore, dsn, max_connections=2)
        sql, migrations = partial(_postgres, dsn), postgres_store.MIGRATIONS
    call = Contact(Channel.TELEPHONE, NOW)
    first = opener()
    casework = Casework(first, clock=FrozenClock(NOW))
    shouted = Incident(Behaviour.THREATS, NOW.subtract(days=1), Channel.TELEPHONE, "Shouted.")
    case = casework.report(Customer("CRM-9", "Sam Taylor"), "rent", [shouted], MANAGER)
    noted = casework.add_note(case.id, "Called twice.", MANAGER, command_id="crm-note-1")
    decided = casework.decide_contact("CRM-9", call, by=MANAGER, command_id="crm-call-1")
    casework.purge(by=RECORDS, command_id="crm-run-1")
    first.close()
    sql(
        *BEFORE_COMMAND_IDS,
        SHARE,
        f"DELETE FROM schema_migrations WHERE version >= {step}",
        *(["PRAGMA user_version = 21"] if kind == "sqlite" else []),
    )
    store = opener()
    try:
        casework = Casework(store, clock=FrozenClock(NOW))
        again = casework.add_note(case.id, "Called twice.", MANAGER, command_id="crm-note-1")
        repeated = casework.decide_contact("CRM-9", call, by=MANAGER, command_id="crm-note-1")
        with pytest.raises(InvalidInput) as refused:
            casework.purge(by=RECORDS, command_id="crm-note-1")
    finally:
        store.close()
    assert (again, repeated, str(refused.value)) == (noted, decided, REFUSAL)
    assert "CREATE TABLE command_ids" in migrations[step - 1][0]
    assert sql() == [("crm-note-1",), ("crm-run-1",)]
