"""An API token's seal (7.4; contactpolicy.audit.records): every store, the
example stores' too, keeps it as given, replaces it with the revocation's
when it revokes the token and keeps the first when it is revoked again; a
seal that is not one is refused naming the field, nothing written; and a
change to any field the seal covers makes it fail to verify."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.audit.events import Problem
from contactpolicy.audit.keys import UNKEYED, AuditKeys
from contactpolicy.domain.notices import RecordSeal
from contactpolicy.errors import InvalidInput
from contactpolicy.stores.tokens import ApiToken, seal_token, token_digest, token_problem

from support.token_stores import store

__all__ = ["store"]

KEYS = AuditKeys.of({"2026": b"a" * 32, "2027": b"b" * 32})
CREATED = pendulum.datetime(2026, 1, 31, 10, tz="UTC")
REVOKED = CREATED.add(days=3)


def _issued(token_id: str = "tok_1", secret: str = "cp_first") -> ApiToken:
    token = ApiToken(token_id, token_digest(secret), "jsmith", "CRM", CREATED, issued_by="lwong")
    return seal_token(token, KEYS)


def test_a_token_is_kept_with_its_seal_and_revoked_with_the_revocations(store: Any) -> None:
    issued = _issued()
    assert issued.seal is not None
    assert issued.seal.key_id == "2027"
    store.add_token(issued)
    assert store.token(issued.digest) == issued
    revoked = seal_token(attrs.evolve(issued, revoked_at=REVOKED, revoked_by="lwong"), KEYS)
    assert store.revoke_token(issued.id, REVOKED, by="lwong", seal=revoked.seal) is True
    assert store.tokens() == [revoked]
    assert token_problem(store.tokens()[0], KEYS) is None
    # Revoked again: the first time, revoker and seal are kept.
    later = REVOKED.add(days=1)
    assert store.revoke_token(issued.id, later, by="jsmith", seal=issued.seal) is True
    assert store.tokens() == [revoked]


@pytest.mark.parametrize(
    ("seal", "field"),
    [
        ("ab" * 32, "token.seal"),
        (RecordSeal("2027", "not hex"), "token.seal"),
        (RecordSeal("", "ab" * 32), "token.seal.key_id"),
    ],
)
def test_a_seal_that_is_not_one_is_refused_nothing_written(
    store: Any, seal: Any, field: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        store.add_token(attrs.evolve(_issued(), seal=seal))
    assert (raised.value.field, raised.value.section) == (field, "7.4")
    assert store.tokens() == []
    store.add_token(_issued())
    with pytest.raises(InvalidInput) as raised:
        store.revoke_token("tok_1", REVOKED, by="lwong", seal=seal)
    assert raised.value.field == field.replace("token.", "")
    assert store.tokens() == [_issued()]


_CHANGES = st.one_of(
    st.tuples(st.just("id"), st.from_regex(r"tok_[0-9a-f]{16}", fullmatch=True)),
    st.tuples(st.just("digest"), st.from_regex(r"[0-9a-f]{64}", fullmatch=True)),
    st.tuples(st.just("officer_id"), st.text(min_size=1, max_size=20)),
    st.tuples(st.just("label"), st.text(max_size=20)),
    st.tuples(st.just("issued_by"), st.none() | st.text(min_size=1, max_size=20)),
    st.tuples(
        st.just("created_at"),
        st.integers(-(10**6), 10**6).filter(bool).map(lambda s: CREATED.add(seconds=s)),
    ),
    st.tuples(st.just("revoked_at"), st.integers(0, 10**6).map(lambda s: REVOKED.add(seconds=s))),
    st.tuples(st.just("revoked_by"), st.text(min_size=1, max_size=20)),
)


@given(change=_CHANGES)
def test_a_change_to_any_field_the_seal_covers_fails_to_verify(change: tuple[str, Any]) -> None:
    """The boundary: the same token verifies; any field changed, however
    little, does not, under the key it names or any other."""
    field, value = change
    issued = _issued()
    assert token_problem(issued, KEYS) is None
    changed = attrs.evolve(issued, **{field: value})
    if changed == attrs.evolve(issued, seal=issued.seal):
        return  # the same value drawn: nothing changed
    assert token_problem(changed, KEYS) == Problem(
        "API token " + changed.id, "its record was changed after it was issued"
    )


def test_without_a_key_nothing_is_sealed_or_checked() -> None:
    unsealed = seal_token(_issued(), UNKEYED)
    assert unsealed.seal is None
    assert token_problem(unsealed, UNKEYED) is None


def test_a_seal_under_a_key_not_given_is_named() -> None:
    old = AuditKeys.of({"2025": b"c" * 32})
    assert token_problem(seal_token(_issued(), old), KEYS) == Problem(
        "API token tok_1", "its record is sealed with the audit key '2025', not given"
    )
