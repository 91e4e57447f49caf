"""The register reads the contact logs of a page of cases' customers in one
store read (``contacts_of``), on every store: what it writes is the same,
byte for byte, as the register built from a ``contacts`` read of each
case's customer for the case's own period, as it was built before; a store
written before the contact log had ``contacts_of`` still gets it; and the
number of store reads follows the pages, not the cases, down to the
statements SQLite runs and the round trips to PostgreSQL (7.4, 6.4)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import Behaviour, Casework, Channel, Contact, Customer, FrozenClock, Incident
from contactpolicy.casework import register as register_module
from contactpolicy.domain.contact import ContactDecision, LoggedContact
from contactpolicy.domain.evidence import DEFAULT_WEEKS, summarise
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.register import write_csv
from contactpolicy.register.rows import RegisterRow, order, row
from contactpolicy.stores import PostgresStore, SQLiteStore, Store
from contactpolicy.testing.examples import fresh_id

from support.builders import (
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RESTRICTIONS,
    START,
    warn_and_continue,
)
from support.round_trips import statements_sent

KINDS = ("warned", "designated", "closed")
"""What becomes of a generated case after its warning."""

_ALLOWED = ContactDecision(allowed=True, register=True, respond=True, reasons=())


class OldProtocolStore:
    """A store written before the contact log had ``contacts_of``: every
    other method is the wrapped store's."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name == "contacts_of":
            raise AttributeError(name)
        return getattr(self._store, name)


class CountedStore:
    """The wrapped store, counting the calls of each of its reads."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.calls: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._store, name)
        if name not in {"cases", "cases_with_last", "due_reviews", "contacts", "contacts_of"}:
            return found

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] = self.calls.get(name, 0) + 1
            return found(*args, **kwargs)

        return counted


def per_case_register(store: Store, now: pendulum.DateTime) -> list[RegisterRow]:
    """The register as it was built before ``contacts_of``: every case warned
    or decided on, with the summary of a ``contacts`` read of its customer
    from 26 weeks before its report, to the day it ended or today."""
    policy = Casework(store).policy
    rows = []
    for state in CaseState:
        for case in store.cases(state=state):
            if case.warning is None and not case.decisions:
                continue
            until = policy.date_of(now) if case.ended is None else policy.date_of(case.ended.at)
            since = policy.date_of(case.reported_at).subtract(weeks=DEFAULT_WEEKS)
            start = pendulum.datetime(since.year, since.month, since.day, tz=policy.timezone)
            contacts = store.contacts(case.customer.id, start)
            cycles = (
                summarise(case.customer.id, (), contacts, since, until, policy)
                if contacts
                else None
            )
            rows.append(row(case, policy, now, None, cycles))
    return sorted(rows, key=order)


def written(rows: list[RegisterRow]) -> bytes:
    """The rows as the CSV file ``write_csv`` writes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "register.csv"
        write_csv(rows, path)
        return path.read_bytes()


def record_case(casework: Casework, clock: FrozenClock, customer: Customer, kind: str) -> str:
    """Report a case for ``customer`` at the clock's time, warn, and then
    designate, close or leave it warned; its id."""
    made = Incident(
        Behaviour.EXCESSIVE_DEMANDS, clock.now().subtract(days=1), Channel.TELEPHONE, "23 calls"
    )
    case = casework.report(customer, "council tax", [made], by=MANAGER)
    warn_and_continue(casework, case.id)
    if kind == "designated":
        casework.designate(
            case.id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
        )
    elif kind == "closed":
        clock.advance(days=3)
        casework.close(case.id, MANAGER, "Contact settled down.")
    return case.id


def record_contacts(
    store: Store, customer_id: str, begins: pendulum.DateTime, days: list[int]
) -> None:
    """A telephone call logged for ``customer_id`` ``days`` after ``begins`` each."""
    for number, day in enumerate(days):
        at = begins.add(days=day, minutes=number)
        store.record_contact(
            LoggedContact(customer_id, Contact(Channel.TELEPHONE, at), _ALLOWED, at)
        )


@settings(
    deadline=None,
    max_examples=12,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    cases=st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 400), st.sampled_from(KINDS)),
        min_size=1,
        max_size=5,
    ),
    contacts=st.lists(
        st.tuples(st.integers(0, 3), st.integers(-200, 500), st.integers(1, 5)), max_size=15
    ),
    page=st.integers(1, 4),
    later=st.integers(0, 300),
)
def test_property_the_register_is_written_as_from_each_case_s_own_read(
    store: Store,
    cases: list[tuple[int, int, str]],
    contacts: list[tuple[int, int, int]],
    page: int,
    later: int,
) -> None:
    """Whatever the cases, their customers' contact logs (days of one to
    five calls, so that busy weeks and their cycles are found), the page
    size and the day it is read, the register written as CSV is byte for byte the
    one built from a ``contacts`` read of each case's customer for its own
    period, and the same through a store without ``contacts_of``. The store
    is shared between examples, so each example's customers are its own."""
    prefix = fresh_id()
    customers = [Customer(f"{prefix}-{number}", f"Customer {number}") for number in range(4)]
    # Each example's story after the last one's: the register reads them all.
    clock = FrozenClock(max([START, *(case.reported_at for case in store.cases())]).add(days=1))
    begins = clock.now()
    casework = Casework(store, clock=clock)
    for number, day, kind in sorted(cases, key=lambda each: each[1]):
        clock.set(max(clock.now(), begins.add(days=day)))
        record_case(casework, clock, customers[number], kind)
    for number, customer in enumerate(customers):
        days = [day for owner, day, calls in contacts if owner == number for _ in range(calls)]
        record_contacts(store, customer.id, begins, days)
    clock.set(clock.now().add(days=later))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(register_module, "PAGE", page)
        found = written(casework.register())
        old = written(Casework(OldProtocolStore(store), clock=clock).register())
    assert found == written(per_case_register(store, clock.now()))
    assert old == found


def test_a_page_of_cases_is_one_read_of_the_contact_logs(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five designated cases of five customers, read two to a page: three
    pages of every case, each with its cases' last events, and one
    ``contacts_of`` for each page, never a ``contacts`` read of a
    customer."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    for number in range(5):
        record_case(casework, clock, Customer(f"CRM-{number}", f"Customer {number}"), "designated")
        record_contacts(store, f"CRM-{number}", START, [number, number + 1])
    monkeypatch.setattr(register_module, "PAGE", 2)
    counted = CountedStore(store)
    rows = Casework(counted, clock=clock).register()
    assert sorted(each.customer.id for each in rows) == [f"CRM-{number}" for number in range(5)]
    assert counted.calls == {"cases_with_last": 3, "contacts_of": 3}


def test_reviews_due_are_read_a_page_at_a_time_too(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``review="due"`` reads every case a page at a time, each with its
    last event (three cases, two a page: two reads), as the whole register
    does, so that a row edited out of the states with restrictions in
    force is checked too, and the contact logs of each page's customers
    whose review is due."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    for number in range(3):
        record_case(casework, clock, Customer(f"CRM-{number}", f"Customer {number}"), "designated")
    clock.set(START.add(months=6))
    monkeypatch.setattr(register_module, "PAGE", 2)
    counted = CountedStore(store)
    rows = Casework(counted, clock=clock).register(review="due")
    assert len(rows) == 3
    assert counted.calls == {"cases_with_last": 2, "contacts_of": 2}


def add_cases(store: Store, clock: FrozenClock, first: int, count: int) -> None:
    """``count`` designated cases, each of a customer of its own with two
    calls logged, numbered from ``first``."""
    casework = Casework(store, clock=clock)
    for number in range(first, first + count):
        customer = Customer(f"CRM-{number}", f"Customer {number}")
        record_case(casework, clock, customer, "designated")
        record_contacts(store, customer.id, START, [number, number + 1])


def test_the_register_s_sqlite_statements_do_not_grow_with_its_cases(tmp_path: Path) -> None:
    """Two designated cases, then twenty: the register sends the same 6
    statements, the cases whose own record is missing while their history
    remains (none; 7.4), a read transaction (BEGIN, the page of every case
    each with its last event, the page's notes, COMMIT), and one read of
    their customers' contact logs."""
    store = SQLiteStore(tmp_path / "cases.db")
    clock = FrozenClock(START)
    sent = []
    for first, count in ((0, 2), (2, 18)):
        add_cases(store, clock, first, count)
        statements: list[str] = []
        store._connection().set_trace_callback(statements.append)
        assert len(Casework(store, clock=clock).register()) == first + count
        store._connection().set_trace_callback(None)
        sent.append(statements)
    assert [len(statements) for statements in sent] == [6, 6]
    assert [sum("NOT EXISTS" in each for each in statements) for statements in sent] == [1, 1]
    assert [sum("FROM contact_log" in each for each in statements) for statements in sent] == [1, 1]
    store.close()


def test_the_register_s_postgresql_round_trips_do_not_grow_with_its_cases(
    postgres_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two designated cases, then twenty: the register makes the same 3
    round trips to the server (the cases whose own record is missing while
    their history remains, 7.4; the page of every case, each with its last
    event and its notes; and one read of the contact logs)."""
    store = PostgresStore(postgres_dsn)
    clock = FrozenClock(START)
    sent = []
    for first, count in ((0, 2), (2, 18)):
        add_cases(store, clock, first, count)
        with statements_sent(monkeypatch) as queries:
            assert len(Casework(store, clock=clock).register()) == first + count
        sent.append(queries)
    assert [len(queries) for queries in sent] == [3, 3]
    assert [sum("FROM contact_log" in each for each in queries) for queries in sent] == [1, 1]
    store.close()
