"""The fixtures every part of the store contract shares: ``make_store``,
which a store's test class overrides, and ``store``. Needs pytest."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from contactpolicy.stores.protocols import Store

__all__ = ["StoreFixtures"]


class StoreFixtures:
    """The ``make_store`` fixture to override and the ``store`` it opens."""

    @pytest.fixture
    def make_store(self) -> Callable[[], Store]:
        """Override: a function that opens a store on this test's own database,
        empty at the start of the test; called again, it opens another store
        object on the same database."""
        raise NotImplementedError("a store contract subclass must override the make_store fixture")

    @pytest.fixture
    def store(self, make_store: Callable[[], Store]) -> Iterator[Store]:
        """The store under test, closed after the test if it can be (a
        contact log alone need not have ``close``)."""
        opened = make_store()
        yield opened
        close = getattr(opened, "close", None)
        if close is not None:
            close()
