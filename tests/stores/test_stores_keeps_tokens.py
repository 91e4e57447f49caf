"""Whether a store keeps API tokens (7.4;
contactpolicy.stores.tokens.token_store), the one check the whole store's
verification, ``token`` commands, ``serve`` and the HTTP API make: every
store of this package and the example stores keep them and are given back
as they are; an object lacking any method of ``TokenStore`` keeps none."""

from __future__ import annotations

from typing import Any

import pytest

from contactpolicy.stores.tokens import token_store

from support.token_stores import store

__all__ = ["store"]

METHODS = (
    "add_token",
    "token",
    "tokens",
    "unreadable_tokens",
    "unreadable_token",
    "revoke_token",
)


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
