"""What looking for a customer's cases whose own record is missing (7.4)
costs the point of contact (5.1): one more statement, a search of the
index of the events that name a customer (SQLite's schema step 19,
PostgreSQL's 16), whatever the number of events in the store."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from contactpolicy import Channel, Contact
from contactpolicy.stores import PostgresStore, SQLiteStore

from support.round_trips import statements_sent
from support.row_deleted import CUSTOMER, designated


def test_a_sqlite_preview_sends_one_more_statement_searching_the_index(tmp_path: Path) -> None:
    """The customer's cases in one read transaction (BEGIN, the cases
    each joined to its last event, their notes, COMMIT), then the search:
    five statements, the last one read from ``events_by_customer``."""
    store = SQLiteStore(tmp_path / "cases.db")
    casework, clock, _ = designated(store)
    statements: list[str] = []
    store._connection().set_trace_callback(statements.append)
    casework.decide_contact(CUSTOMER.id, Contact(Channel.TELEPHONE, clock.now()), record=False)
    store._connection().set_trace_callback(None)
    assert [" ".join(statement.split()[:8]) for statement in statements] == [
        "BEGIN",
        "SELECT cases.id, cases.document, cases.schema_version, events.document, "
        "events.schema_version, events.position, events.seq",
        "SELECT case_id, document, schema_version FROM notes WHERE case_id",
        "COMMIT",
        "SELECT DISTINCT case_id FROM events INDEXED BY events_by_customer",
    ]
    with closing(sqlite3.connect(tmp_path / "cases.db")) as db:
        plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {statements[-1]}")]
    assert plan == [
        "SEARCH events USING INDEX events_by_customer (<expr>=?)",
        "CORRELATED SCALAR SUBQUERY 1",
        "SEARCH cases USING COVERING INDEX sqlite_autoindex_cases_1 (id=?)",
    ]
    store.close()


def test_a_postgresql_preview_makes_one_more_round_trip(
    postgres_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The customer's cases with their notes in one round trip, then the
    search of the index."""
    store = PostgresStore(postgres_dsn, max_connections=2)
    casework, clock, _ = designated(store)
    with statements_sent(monkeypatch) as queries:
        casework.decide_contact(CUSTOMER.id, Contact(Channel.TELEPHONE, clock.now()), record=False)
    assert [" ".join(query.split()[:3]) for query in queries] == [
        "SELECT cases.id, cases.document::text,",
        "SELECT DISTINCT case_id",
    ]
    store.close()
