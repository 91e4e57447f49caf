"""The council's own store keeps contactpolicy's store contract: the same
tests the built-in stores pass, processes racing on one file included."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from council_store import CouncilSQLiteStore

from contactpolicy.stores import Store
from contactpolicy.testing import ProcessRaceContract, StoreContract


class TestCouncilSQLiteStore(StoreContract, ProcessRaceContract):
    """CouncilSQLiteStore, in the CRM's database under the ``ucp_`` prefix."""

    @pytest.fixture
    def make_store(self, tmp_path: Path) -> Callable[[], Store]:
        """Each call opens another store object on this test's own database."""
        return functools.partial(CouncilSQLiteStore, tmp_path / "crm.db")

    @pytest.fixture
    def store_opener(self, make_store: Callable[[], Store]) -> Callable[[], Store]:
        """Another process opens the store the same way (a partial pickles)."""
        return make_store
