"""A case's own row deleted behind the store's back, its events kept: what
someone with the database does with ``PRAGMA foreign_keys=OFF; DELETE FROM
cases`` (7.4). And a designated case of one customer, restricted to email,
to do it to."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import psycopg

from contactpolicy import Casework, Channel, Customer, FrozenClock
from contactpolicy.restrictions import SingleContactMethod
from contactpolicy.stores import MemoryStore, PostgresStore, SQLiteStore, Store
from contactpolicy.testing.examples import tell

from support.builders import RECORDS
from support.tampering import INCIDENT

__all__ = ["CUSTOMER", "delete_row", "designated"]

CUSTOMER = Customer("CRM-5", "Sam Taylor", "12 Week Street")
"""The customer whose case loses its row."""


def designated(store: Store) -> tuple[Casework, FrozenClock, str]:
    """A case of :data:`CUSTOMER`'s designated on ``store`` (email only,
    5.1) and told by letter: the casework, its clock and the case's id."""
    clock = FrozenClock(INCIDENT.occurred_at)
    casework = Casework(store, clock=clock)
    case = tell(
        casework, clock, CUSTOMER, INCIDENT, "council tax", (SingleContactMethod(Channel.EMAIL),), 4
    )
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    return casework, clock, case.id


def delete_row(store: Store, case_id: str, dsn: str | None = None) -> None:
    """Delete ``case_id``'s own row, keeping its events (and notes), on a
    memory, SQLite or (through ``dsn``) PostgreSQL store."""
    if isinstance(store, MemoryStore):
        store._unindex(store._cases[case_id])
        del store._cases[case_id]
    elif isinstance(store, SQLiteStore):
        with closing(sqlite3.connect(store.path, isolation_level=None)) as db:
            db.execute("PRAGMA foreign_keys = OFF")
            db.execute("DELETE FROM cases WHERE id = ?", (case_id,))
    else:
        assert isinstance(store, PostgresStore)
        assert dsn is not None
        with psycopg.connect(dsn, autocommit=True) as db:
            # Foreign keys are triggers, which a replica's session does not fire.
            db.execute("SET session_replication_role = replica")
            db.execute("DELETE FROM cases WHERE id = %s", (case_id,))
