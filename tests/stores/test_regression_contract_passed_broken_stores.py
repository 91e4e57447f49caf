"""Issue 15: the store contract passed two broken stores. One saves after
checking the version without holding a lock (under 16 threads it ended at
version 3 with 5 events and a failing ``verify``); the other matches customer
references ignoring case, as a default SQL Server collation would. Both must
fail the contract; ``MemoryStore`` must pass the same tests."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pendulum
import pytest

from contactpolicy.audit.events import AuditEvent
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case
from contactpolicy.errors import ConcurrentUpdate
from contactpolicy.stores import MemoryStore, Store
from contactpolicy.stores.checks import check_save
from contactpolicy.stores.protocols import AppliedCommand
from contactpolicy.testing.race_contract import RaceContract
from contactpolicy.testing.reference_contract import CustomerReferenceContract


class UnlockedStore(MemoryStore):
    """Checks the stored version, then writes a moment later (a round trip
    to a database) without holding a lock between the two."""

    @contextmanager
    def unit_of_work(self) -> Iterator[Any]:
        yield _UnlockedWork(self)


class _UnlockedWork:
    """Reads and writes the MemoryStore's own dictionaries, taking its lock
    only to write."""

    def __init__(self, store: UnlockedStore) -> None:
        self._store = store

    def applied(self, command_id: str) -> AppliedCommand | None:
        return self._store._commands.get(command_id)

    def load(self, case_id: str) -> tuple[Case, AuditEvent]:
        return self._store._cases[case_id], self._store._events[case_id][-1]

    def save(
        self,
        case: Case,
        events: Sequence[AuditEvent],
        expected_version: int,
        command: AppliedCommand | None = None,
    ) -> None:
        stored = self._store._cases.get(case.id)
        actual = None if stored is None else stored.version
        if (actual or 0) != expected_version:
            raise ConcurrentUpdate(case.id, expected_version, actual)
        check_save(case, events, expected_version, command)
        time.sleep(0.001)
        with self._store._lock:
            self._store._write(case, events, command)


class CaseFoldingStore(MemoryStore):
    """Keeps references as given but finds them ignoring case, as a
    case-insensitive collation compares them."""

    def cases(self, state: Any = None, customer_id: str | None = None, **page: Any) -> list[Case]:
        if customer_id is None:
            return super().cases(state, **page)
        return [
            case
            for case in super().cases(state, **page)
            if case.customer.id.casefold() == customer_id.casefold()
        ]

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        with self._lock:
            everyone = list(self._contacts)
        return [
            logged
            for reference in everyone
            if reference.casefold() == customer_id.casefold()
            for logged in super().contacts(reference, since)
        ]


def fails(check: Any, store: Store) -> bool:
    """Whether ``check`` fails an assertion on ``store``."""
    try:
        check(store)
    except AssertionError:
        return True
    return False


RACES = RaceContract()


@pytest.mark.parametrize(
    "check",
    [
        RACES.test_one_of_many_threads_saving_the_same_version_wins,
        RACES.test_commands_racing_on_one_case_each_land_once,
    ],
    ids=["saves", "commands"],
)
def test_a_store_saving_without_holding_a_lock_fails_the_race_contract(check: Any) -> None:
    """A store that checks the version and writes without holding a lock
    lets several racing writers of one version win, and fails; the
    MemoryStore passes the same test."""
    assert fails(check, UnlockedStore())
    assert not fails(check, MemoryStore())


def test_a_store_matching_references_ignoring_case_fails_the_reference_contract() -> None:
    """A store whose customer references match ignoring case, as a default
    SQL Server collation does, gives one customer's cases and contacts to
    another, and fails; the MemoryStore passes the same test."""
    contract = CustomerReferenceContract()
    check = contract.test_references_differing_only_in_case_or_form_are_different_customers
    assert fails(check, CaseFoldingStore())
    assert not fails(check, MemoryStore())
