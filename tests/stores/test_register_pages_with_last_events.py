"""The register reads each page of cases with each case's last event in
the page's own statement (``cases_with_last``), so checking every case
against its history (7.4) adds no statement and no round trip per case:
for two designated cases and then twenty, the same statements on SQLite
and the same round trips to PostgreSQL, for the whole register and for
the reviews due, which reads every case as the whole register does, so
that no row edited out of the states it asks for is left out unchecked."""

from __future__ import annotations

from pathlib import Path

import pytest

from contactpolicy import Casework, Customer, FrozenClock
from contactpolicy.stores import PostgresStore, SQLiteStore, Store

from support.builders import (
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RESTRICTIONS,
    START,
    incident,
    warn_and_continue,
)
from support.round_trips import statements_sent


def add_cases(store: Store, clock: FrozenClock, first: int, count: int) -> None:
    """``count`` designated cases, each of a customer of its own, numbered
    from ``first``."""
    casework = Casework(store, clock=clock)
    for number in range(first, first + count):
        customer = Customer(f"CRM-{number}", f"Customer {number}")
        case = casework.report(customer, "council tax", [incident()], by=MANAGER)
        warn_and_continue(casework, case.id)
        casework.designate(
            case.id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
        )


def test_sqlite_statements_of_the_reviews_due_do_not_grow_with_the_cases(
    tmp_path: Path,
) -> None:
    """Six months on, the register of reviews due sends the same 6
    statements for 2 cases and for 20: the cases whose own record is
    missing (none), a read transaction (BEGIN, the page of every case,
    COMMIT), the notes of the page, and one read of their customers'
    contact logs. The page's statement joins its cases' last events."""
    store = SQLiteStore(tmp_path / "cases.db")
    clock = FrozenClock(START)
    sent = []
    for first, count in ((0, 2), (2, 18)):
        add_cases(store, clock, first, count)
        statements: list[str] = []
        store._connection().set_trace_callback(statements.append)
        later = FrozenClock(START.add(months=6))
        assert len(Casework(store, clock=later).register(review="due")) == first + count
        store._connection().set_trace_callback(None)
        sent.append(statements)
    assert [len(statements) for statements in sent] == [6, 6]
    assert [sum("LEFT JOIN events" in each for each in statements) for statements in sent] == [
        1,
        1,
    ]
    store.close()


@pytest.mark.parametrize("review", [None, "due"])
def test_postgresql_round_trips_do_not_grow_with_the_cases(
    postgres_dsn: str, monkeypatch: pytest.MonkeyPatch, review: str | None
) -> None:
    """The whole register and the reviews due each make 3 round trips for
    2 cases and for 20 (the missing cases, the page of every case with its
    last events and notes, the contact logs)."""
    store = PostgresStore(postgres_dsn)
    clock = FrozenClock(START)
    sent = []
    for first, count in ((0, 2), (2, 18)):
        add_cases(store, clock, first, count)
        later = FrozenClock(START.add(months=6))
        with statements_sent(monkeypatch) as queries:
            assert len(Casework(store, clock=later).register(review=review)) == first + count
        sent.append(queries)
    assert [len(queries) for queries in sent] == [3, 3]
    assert [sum("LEFT JOIN LATERAL" in each for each in queries) for queries in sent] == [1, 1]
    store.close()
