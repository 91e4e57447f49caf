"""The custom store of examples/custom_store.py keeps the store contract."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from contactpolicy.stores import Store
from contactpolicy.testing.contract import StoreContract

from support.example_modules import load_example

custom_store = load_example("custom_store")


class TestJsonFileStore(StoreContract):
    """JsonFileStore passes every test the built-in stores pass."""

    @pytest.fixture
    def make_store(self, tmp_path: Path) -> Callable[[], Store]:
        """Each call opens another JsonFileStore on this test's own file."""
        return lambda: custom_store.JsonFileStore(tmp_path / "cases.json")
