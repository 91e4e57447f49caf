"""Whether a store keeps API tokens (7.4;
contactpolicy.stores.tokens.token_store), the one check the whole store's
verification, ``token`` commands, ``serve`` and the HTTP API make: every
store of this package and the example stores keep them and are given back
as they are; an object lacking any method of ``TokenStore`` keeps none."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from contactpolicy.stores import MemoryStore, PostgresStore, SQLiteStore
from contactpolicy.stores.tokens import token_store

from support.example_modules import load_example

custom_store = load_example("custom_store")
council_store = load_example("council/council_store")

METHODS = (
    "add_token",
    "token",
    "tokens",
    "unreadable_tokens",
    "unreadable_token",
    "revoke_token",
)


@pytest.fixture(params=["memory", "sqlite", "postgresql", "json file", "council"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    opened: Any
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


def test_every_store_keeps_api_tokens(store: Any) -> None:
    """Each store of this package and each example store is a token store,
    given back as it is (7.4)."""
    assert token_store(store) is store


@pytest.mark.parametrize("missing", METHODS)
def test_a_store_lacking_one_method_keeps_no_tokens(missing: str) -> None:
    """A store with every method of ``TokenStore`` but one keeps no tokens:
    none is issued, read or checked on it (7.4)."""
    partial = type("Partial", (), {name: lambda *_: None for name in METHODS})()
    assert token_store(partial) is partial
    setattr(type(partial), missing, None)
    assert token_store(partial) is None


def test_a_store_of_cases_alone_keeps_no_tokens() -> None:
    """An object with no token methods at all keeps no tokens (7.4)."""
    assert token_store(object()) is None
