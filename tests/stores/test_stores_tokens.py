"""The HTTP API's tokens (stores/tokens.py): kept hashed, found by digest,
listed oldest first and revoked, the same on every store, and refused when
malformed without anything written."""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy.errors import InvalidInput
from contactpolicy.stores.tokens import ApiToken, new_secret, token_digest

from support.token_stores import TokenKeepingStore, store

__all__ = ["store"]

CREATED = pendulum.datetime(2026, 1, 31, 10, tz="UTC")


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
