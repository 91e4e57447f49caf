"""Fixtures the store tests share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from contactpolicy.stores import MemoryStore, PostgresStore, SQLiteStore
from contactpolicy.stores.protocols import Store

STORES = ["memory", "sqlite", "postgresql"]
"""The library's stores, by the name a test's id shows."""


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each kind, closed after the test. A PostgreSQL
    store pools ``POOL_CONNECTIONS`` connections when the test module sets
    it (one for each thread a test runs at once), else 2."""
    opened: Store
    if request.param == "memory":
        opened = MemoryStore()
    elif request.param == "sqlite":
        opened = SQLiteStore(tmp_path / "cases.db")
    else:
        connections = getattr(request.module, "POOL_CONNECTIONS", 2)
        opened = PostgresStore(request.getfixturevalue("postgres_dsn"), max_connections=connections)
    yield opened
    opened.close()
