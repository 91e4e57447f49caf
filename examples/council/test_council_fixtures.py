"""The kit's pytest fixtures, as the council's tests use them: no import,
no conftest.py; installing contactpolicy[testing] provides them."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from contactpolicy import (
    Behaviour,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    Incident,
    Officer,
    Role,
)
from contactpolicy.stores import open_store

MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER})


def report(casework: Casework) -> str:
    """Report a customer who threatened staff by telephone an hour ago."""
    at = casework.clock.now().subtract(hours=1)
    threats = Incident(Behaviour.THREATS, at, Channel.TELEPHONE, "Threatened staff.")
    return casework.report(Customer("CRM-1", "Sam Taylor"), "bins", [threats], MANAGER).id


def test_the_clock_stands_still_until_moved(frozen_clock: FrozenClock) -> None:
    """frozen_clock stands at 10:00 on 31 January 2026, London time."""
    assert frozen_clock.now() == pendulum.datetime(2026, 1, 31, 10, tz="Europe/London")
    frozen_clock.advance(days=1)
    assert frozen_clock.now().day == 1


def test_memory_casework_runs_the_maidstone_policy(memory_casework: Casework) -> None:
    """memory_casework is an empty store under the Maidstone policy."""
    case_id = report(memory_casework)
    decision = memory_casework.decide_contact(
        "CRM-1", Contact(Channel.TELEPHONE, memory_casework.clock.now())
    )
    assert memory_casework.get(case_id).state.value == "reported"
    assert decision.allowed


def test_sqlite_casework_keeps_cases_in_a_file(sqlite_casework: Casework, tmp_path: Path) -> None:
    """sqlite_casework's cases are in tmp_path / "cases.db": a second store reads them."""
    case_id = report(sqlite_casework)
    reopened = open_store(f"sqlite:///{tmp_path / 'cases.db'}")
    assert reopened.load(case_id) == sqlite_casework.get(case_id)
    reopened.close()


def test_postgres_url_is_an_empty_database(postgres_url: str, frozen_clock: FrozenClock) -> None:
    """postgres_url names a new, empty database on a throwaway server; a
    council that installed only ``contactpolicy[testing]`` has no driver
    for it (``contactpolicy[postgres]``), and skips this test."""
    pytest.importorskip("psycopg", reason="PostgresStore needs contactpolicy[postgres]")
    store = open_store(postgres_url)
    casework = Casework(store, clock=frozen_clock)
    assert casework.cases() == []
    case_id = report(casework)
    assert [case.id for case in casework.cases()] == [case_id]
    store.close()
