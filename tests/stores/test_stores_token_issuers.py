"""Who issued an API token and who revoked it (``ApiToken.issued_by`` and
``revoked_by``) are kept and read back exactly by every store, the
example stores too: a token lets a program act as an officer, so who gave
it that power and who took it away is part of the record (7.4; UK GDPR
Art. 5(1)(f)). A token built as before, without them, reads with neither
known, and a malformed issuer or revoker is refused with nothing kept."""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy.errors import InvalidInput
from contactpolicy.stores.tokens import ApiToken, token_digest

from support.token_stores import TokenKeepingStore, store

__all__ = ["store"]

CREATED = pendulum.datetime(2026, 1, 31, 10, tz="UTC")
REVOKED = CREATED.add(hours=2)


def _issued(token_id: str, secret: str, issued_by: str | None, minutes: int = 0) -> ApiToken:
    return ApiToken(
        token_id,
        token_digest(secret),
        "jsmith",
        "Dynamics 365",
        CREATED.add(minutes=minutes),
        issued_by=issued_by,
    )


def test_the_issuer_is_kept_and_read_back_exactly(store: TokenKeepingStore) -> None:
    """The issuer's id as given, a space and a non-ASCII letter included."""
    first = _issued("tok_1", "cp_first", "lwong")
    second = _issued("tok_2", "cp_second", "Siân O'Neill", minutes=1)
    store.add_token(first)
    store.add_token(second)

    assert store.token(token_digest("cp_first")) == first
    assert store.token(token_digest("cp_second")) == second
    assert [(each.id, each.issued_by, each.revoked_by) for each in store.tokens()] == [
        ("tok_1", "lwong", None),
        ("tok_2", "Siân O'Neill", None),
    ]


def test_the_revoker_is_kept_and_the_first_one_stays(store: TokenKeepingStore) -> None:
    """Revoking records who revoked the token; revoking it again, by
    another officer and later, keeps the first time and revoker."""
    store.add_token(_issued("tok_1", "cp_first", "lwong"))
    store.add_token(_issued("tok_2", "cp_second", "lwong"))

    assert store.revoke_token("tok_1", REVOKED, by="apatel") is True
    assert store.revoke_token("tok_1", REVOKED.add(hours=1), by="lwong") is True
    assert store.revoke_token("tok_9", REVOKED, by="apatel") is False

    assert store.token(token_digest("cp_first")) == ApiToken(
        "tok_1",
        token_digest("cp_first"),
        "jsmith",
        "Dynamics 365",
        CREATED,
        REVOKED,
        issued_by="lwong",
        revoked_by="apatel",
    )
    assert [
        (each.id, each.issued_by, each.revoked_at, each.revoked_by) for each in store.tokens()
    ] == [
        ("tok_1", "lwong", REVOKED, "apatel"),
        ("tok_2", "lwong", None, None),
    ]


def test_a_token_built_as_before_reads_with_neither_known(store: TokenKeepingStore) -> None:
    """``ApiToken``'s positional constructor is unchanged; a token built
    without an issuer, and revoked without a revoker (``revoke_token``
    called as before), reads with both ``None``."""
    old = ApiToken("tok_1", token_digest("cp_first"), "jsmith", "CRM", CREATED)
    store.add_token(old)
    assert (old.issued_by, old.revoked_by) == (None, None)
    assert store.revoke_token("tok_1", REVOKED) is True
    found = store.token(token_digest("cp_first"))
    assert found == ApiToken("tok_1", token_digest("cp_first"), "jsmith", "CRM", CREATED, REVOKED)
    assert found is not None
    assert (found.issued_by, found.revoked_by) == (None, None)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"issued_by": ""}, "token.issued_by"),
        ({"issued_by": "   "}, "token.issued_by"),
        ({"issued_by": "nul\x00"}, "token.issued_by"),
        ({"issued_by": ["lwong"]}, "token.issued_by"),
        ({"revoked_at": REVOKED, "revoked_by": ""}, "token.revoked_by"),
        ({"revoked_by": "apatel"}, "token.revoked_by"),
    ],
    ids=["empty", "spaces", "nul", "list", "empty revoker", "revoker of an active token"],
)
def test_a_malformed_issuer_or_revoker_is_refused_and_nothing_kept(
    store: TokenKeepingStore, changes: dict[str, object], field: str
) -> None:
    token = ApiToken(
        "tok_1",
        token_digest("cp_first"),
        "jsmith",
        "",
        CREATED,
        **changes,  # type: ignore[arg-type]
    )
    with pytest.raises(InvalidInput) as refused:
        store.add_token(token)
    assert refused.value.field == field
    assert store.tokens() == []


@pytest.mark.parametrize("by", ["", "nul\x00", 7], ids=["empty", "nul", "number"])
def test_a_malformed_revoker_is_refused_and_the_token_stays_active(
    store: TokenKeepingStore, by: object
) -> None:
    store.add_token(_issued("tok_1", "cp_first", "lwong"))
    with pytest.raises(InvalidInput) as refused:
        store.revoke_token("tok_1", REVOKED, by=by)  # type: ignore[arg-type]
    assert refused.value.field == "by"
    [kept] = store.tokens()
    assert (kept.revoked_at, kept.revoked_by) == (None, None)
