"""MemoryStore: the contract, and tampering with what it holds."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from contactpolicy.stores import MemoryStore, Store
from contactpolicy.testing.contract import StoreContract


class TestMemoryStore(StoreContract):
    """MemoryStore keeps the store contract."""

    @pytest.fixture
    def make_store(self) -> Callable[[], Store]:
        store = MemoryStore()
        return lambda: store
