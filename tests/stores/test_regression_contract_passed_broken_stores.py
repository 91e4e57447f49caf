"""Issue 15: the store contract passed two broken stores. One saves after
checking the version without holding a lock (under 16 threads it ended at
version 3 with 5 events and a failing ``verify``); the other matches customer
references ignoring case, as a default SQL Server collation would. Both must
fail the contract, and for their one fault alone: each keeps every other
part of it. ``MemoryStore`` must pass the same tests."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pendulum
import pytest

from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case, CaseSummary
from contactpolicy.stores import MemoryStore, Store
from contactpolicy.stores.checks import check_id, check_listing, check_since
from contactpolicy.stores.memory import _MemoryUnitOfWork
from contactpolicy.testing.boundary_contract import HostileCallsContract
from contactpolicy.testing.contact_log_contract import ContactLogContract
from contactpolicy.testing.contract import CaseStoreContract, FeedContract
from contactpolicy.testing.race_contract import RaceContract
from contactpolicy.testing.reference_contract import CustomerReferenceContract


class UnlockedStore(MemoryStore):
    """The MemoryStore's own unit of work, with one fault: the store's lock
    is not held from the version check to the write. A unit of work checks
    the stored version and the feed's head, then writes a moment later (a
    round trip to a database), taking the lock only to write."""

    @contextmanager
    def unit_of_work(self) -> Iterator[_MemoryUnitOfWork]:
        work = _MemoryUnitOfWork(self)
        yield work
        time.sleep(0.001)
        with self._lock:
            for case, events, command, leaves in work.pending:
                self._write(case, events, command, leaves=leaves)


class CaseFoldingStore(MemoryStore):
    """Keeps references as given but finds them ignoring case, as a
    case-insensitive collation compares them; it checks its arguments as
    every store does."""

    def cases(
        self,
        state: Any = None,
        customer_id: str | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[Case]:
        check_listing(state, customer_id, after, limit)
        if customer_id is None:
            return super().cases(state, after=after, limit=limit)
        found = [
            case
            for case in super().cases(state)
            if case.customer.id.casefold() == customer_id.casefold()
        ]
        if after is not None:
            self.load(after)
            ids = [case.id for case in found]
            found = found[ids.index(after) + 1 :] if after in ids else []
        return found if limit is None else found[:limit]

    def summaries(
        self,
        state: Any = None,
        customer_id: str | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[CaseSummary]:
        found = self.cases(state, customer_id, after=after, limit=limit)
        return [CaseSummary.of(case) for case in found]

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        check_id(customer_id, "customer_id", "5.1")
        check_since(since)
        with self._lock:
            everyone = list(self._contacts)
        found = [
            logged
            for reference in everyone
            if reference.casefold() == customer_id.casefold()
            for logged in MemoryStore.contacts(self, reference, since)
        ]
        return sorted(found, key=lambda logged: logged.contact.at)


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


class TestUnlockedStoreKeepsTheRestOfTheContract(
    CaseStoreContract,
    FeedContract,
    ContactLogContract,
    HostileCallsContract,
    CustomerReferenceContract,
):
    """Apart from racing writers, the unlocked store keeps the contract: it
    fails for the race alone."""

    @pytest.fixture
    def make_store(self) -> Callable[[], Store]:
        store = UnlockedStore()
        return lambda: store


class TestCaseFoldingStoreKeepsTheRestOfTheContract(
    CaseStoreContract,
    FeedContract,
    ContactLogContract,
    HostileCallsContract,
    RaceContract,
):
    """Apart from references differing in case, the case-folding store keeps
    the contract: it fails for the folding alone."""

    @pytest.fixture
    def make_store(self) -> Callable[[], Store]:
        store = CaseFoldingStore()
        return lambda: store
