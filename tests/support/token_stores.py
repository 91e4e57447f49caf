"""Every store that keeps API tokens (7.4; contactpolicy.stores.tokens), for
the token tests: the library's three and the example stores'. A test module
takes the fixture by importing it (``from support.token_stores import
store``), in place of the library's three of ``tests/conftest.py``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest

from contactpolicy.stores import MemoryStore, PostgresStore, SQLiteStore
from contactpolicy.stores.tokens import TokenStore

from support.example_modules import load_example

custom_store = load_example("custom_store")
council_store = load_example("council/council_store")


class TokenKeepingStore(TokenStore, Protocol):
    """A store that keeps tokens and can be closed."""

    def close(self) -> None: ...


@pytest.fixture(params=["memory", "sqlite", "postgresql", "json file", "council"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TokenKeepingStore]:
    """An empty store of each kind, the example stores' too, closed after
    the test: a PostgreSQL store on a database of the test's own, pooling
    two connections."""
    opened: TokenKeepingStore
    if request.param == "memory":
        opened = MemoryStore()
    elif request.param == "sqlite":
        opened = SQLiteStore(tmp_path / "cases.db")
    elif request.param == "postgresql":
        opened = PostgresStore(request.getfixturevalue("postgres_dsn"), max_connections=2)
    elif request.param == "json file":
        opened = custom_store.JsonFileStore(tmp_path / "cases.json")
    else:
        opened = council_store.CouncilSQLiteStore(tmp_path / "council.db")
    yield opened
    opened.close()
