"""``ReadLogContract``: the read log's part of the store contract
(:class:`~contactpolicy.stores.protocols.ReadLog`): who read whose case
file, when and by which query (7.4; UK GDPR Art. 5(1)(f)), erased after
retention (7.2).

Subclass it alone to test a read log, or
:class:`~contactpolicy.testing.contract.StoreContract` for a whole store;
either way override the ``make_store`` fixture.
"""

from __future__ import annotations

from collections.abc import Callable

import pendulum
import pytest

from contactpolicy.domain.reads import FileRead
from contactpolicy.errors import InvalidInput
from contactpolicy.stores.protocols import Store
from contactpolicy.testing.store_fixtures import StoreFixtures

__all__ = ["ReadLogContract"]

AT = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")


def _read(minutes: int, customer_id: str = "CRM-1", officer_id: str = "lwong") -> FileRead:
    return FileRead(AT.add(minutes=minutes), officer_id, customer_id, f"C-{minutes}", "get")


class ReadLogContract(StoreFixtures):
    """What every store's read log does: reads kept whole, oldest first,
    by customer, surviving the store object, and erased before a time."""

    def test_an_empty_log_has_no_reads(self, store: Store) -> None:
        """A new store has read nothing."""
        assert store.reads() == []

    def test_reads_come_back_whole_oldest_first_and_by_customer(self, store: Store) -> None:
        """Reads logged out of order come back oldest first, each exactly as
        logged (its time in UTC), and only the customer's when asked."""
        later, earlier, other = _read(5), _read(1), _read(3, customer_id="CRM-2")
        store.log_reads([later, earlier])
        store.log_reads([other])
        assert store.reads() == [earlier, other, later]
        assert store.reads("CRM-2") == [other]
        assert store.reads()[0].at == pendulum.datetime(2026, 3, 2, 10, 1, tz="UTC")

    def test_reads_survive_the_store_object(
        self, store: Store, make_store: Callable[[], Store]
    ) -> None:
        """Another store object on the same database reads the same log."""
        store.log_reads([_read(1), _read(2)])
        assert make_store().reads() == [_read(1), _read(2)]

    def test_erasing_takes_the_reads_before_a_time_only(self, store: Store) -> None:
        """``erase_reads`` deletes the reads strictly before the time and
        says how many; the rest stay."""
        store.log_reads([_read(1), _read(2), _read(3)])
        assert store.erase_reads(AT.add(minutes=2)) == 1
        assert store.reads() == [_read(2), _read(3)]
        assert store.erase_reads(AT) == 0

    @pytest.mark.parametrize(
        ("call", "field"),
        [
            (lambda store: store.log_reads("get"), "reads"),
            (lambda store: store.log_reads(["get"]), "reads"),
            (lambda store: store.reads(7), "customer_id"),
            (lambda store: store.erase_reads("2026-01-01"), "before"),
            (lambda store: store.erase_reads(pendulum.naive(2026, 1, 1)), "before"),
        ],
    )
    def test_bad_arguments_are_invalid_input_naming_them(
        self, store: Store, call: Callable[[Store], object], field: str
    ) -> None:
        """A bad argument is ``InvalidInput`` naming it, and logs nothing."""
        with pytest.raises(InvalidInput) as refused:
            call(store)
        assert refused.value.field == field
        assert store.reads() == []
