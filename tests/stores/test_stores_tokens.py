"""The HTTP API's tokens (stores/tokens.py): kept hashed, found by digest,
listed oldest first and revoked, the same on every store, and refused when
malformed without anything written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pendulum
import pytest

from contactpolicy.errors import InvalidInput
from contactpolicy.stores import MemoryStore, PostgresStore, SQLiteStore
from contactpolicy.stores.tokens import ApiToken, TokenStore, new_secret, token_digest

from support.example_modules import load_example

CREATED = pendulum.datetime(2026, 1, 31, 10, tz="UTC")


class TokenKeepingStore(TokenStore, Protocol):
    """A store that keeps tokens and can be closed."""

    def close(self) -> None: ...


custom_store = load_example("custom_store")
council_store = load_example("council/council_store")


@pytest.fixture(params=["memory", "sqlite", "postgresql", "json file", "council"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TokenKeepingStore]:
    """An empty store of each kind, the example stores' too."""
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


def _token(token_id: str, secret: str, officer_id: str = "manager", minutes: int = 0) -> ApiToken:
    return ApiToken(token_id, token_digest(secret), officer_id, "CRM", CREATED.add(minutes=minutes))


def test_a_token_is_found_by_its_digest_listed_and_revoked(store: TokenKeepingStore) -> None:
    first = _token("tok_1", "cp_first", minutes=1)
    second = _token("tok_2", "cp_second", officer_id="decider")
    store.add_token(first)
    store.add_token(second)

    assert store.token(token_digest("cp_first")) == first
    assert store.token(token_digest("cp_other")) is None
    assert store.tokens() == [second, first]

    revoked_at = CREATED.add(hours=1)
    assert store.revoke_token("tok_1", revoked_at) is True
    assert store.revoke_token("tok_1", revoked_at.add(hours=1)) is True
    assert store.revoke_token("tok_9", revoked_at) is False
    assert store.token(token_digest("cp_first")) == ApiToken(
        "tok_1", token_digest("cp_first"), "manager", "CRM", CREATED.add(minutes=1), revoked_at
    )


def test_a_token_kept_twice_is_refused(store: TokenKeepingStore) -> None:
    store.add_token(_token("tok_1", "cp_first"))
    with pytest.raises(InvalidInput, match="is kept already") as refused:
        store.add_token(_token("tok_2", "cp_first"))
    assert refused.value.field == "token"
    with pytest.raises(InvalidInput, match="is kept already"):
        store.add_token(_token("tok_1", "cp_second"))
    assert [each.id for each in store.tokens()] == ["tok_1"]


@pytest.mark.parametrize(
    ("token", "field"),
    [
        ("not a token", "token"),
        (ApiToken("", "0" * 64, "manager", "", CREATED), "token.id"),
        (ApiToken("tok_1", "short", "manager", "", CREATED), "token.digest"),
        (ApiToken("tok_1", "0" * 64, "", "", CREATED), "token.officer_id"),
        (ApiToken("tok_1", "0" * 64, "manager", "nul\x00", CREATED), "token.label"),
    ],
)
def test_a_malformed_token_is_refused_and_nothing_kept(
    store: TokenKeepingStore, token: ApiToken, field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        store.add_token(token)
    assert refused.value.field == field
    assert store.tokens() == []


def test_a_new_secret_is_random_and_prefixed() -> None:
    secrets = {new_secret() for _ in range(50)}
    assert len(secrets) == 50
    assert all(secret.startswith("cp_") and len(secret) == 46 for secret, _ in secrets)
    assert all(token_digest(secret) == digest for secret, digest in secrets)
