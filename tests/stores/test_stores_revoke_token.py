"""Revoking an API token through the library (``Casework.revoke_token``,
7.4) on every store, the example stores' too: an officer revokes their own
token and the records team anyone's, each recorded with who and when and
sealed with the revocation; a token revoked already keeps its first
revocation; an id no token has is ``None``; an id that is not one is
refused naming ``token_id`` with nothing written; and a store holding no
unreadable row has no unreadable token by any id."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest

from contactpolicy.audit.keys import AuditKeys
from contactpolicy.casework import Casework
from contactpolicy.casework.tokens import Revocation
from contactpolicy.clock import FrozenClock
from contactpolicy.errors import InvalidInput, NotAuthorised
from contactpolicy.stores.tokens import ApiToken, seal_token, token_digest
from contactpolicy.testing.examples import DECISION_MAKER, MANAGER, RECORDS

from support.tampering import KEY
from support.token_stores import store

__all__ = ["store"]

KEYS = AuditKeys.of(KEY)
CREATED = pendulum.datetime(2026, 1, 31, 10, tz="UTC")
NOW = pendulum.datetime(2026, 3, 2, 10, tz="UTC")


def _issued(store: Any, token_id: str, officer_id: str) -> ApiToken:
    token = ApiToken(
        token_id, token_digest(f"cp_{token_id}"), officer_id, "CRM", CREATED, issued_by="records"
    )
    sealed = seal_token(token, KEYS)
    store.add_token(sealed)
    return sealed


def _casework(store: Any) -> Casework:
    return Casework(
        store,
        clock=FrozenClock(NOW),
        audit_key=KEY,
        officers=(MANAGER, DECISION_MAKER, RECORDS),
    )


def test_tokens_are_revoked_with_who_and_when_and_sealed(store: Any) -> None:
    """The manager revokes their own token, the records team the decision
    maker's: each kept revoked now by them, sealed over the revocation; a
    second revocation changes nothing and says when the first was."""
    own = _issued(store, "tok_own", "manager")
    other = _issued(store, "tok_other", "decider")
    casework = _casework(store)

    assert casework.revoke_token("tok_own", MANAGER) == Revocation(
        "tok_own", NOW, "manager", revoked_now=True
    )
    assert casework.revoke_token("tok_other", RECORDS) == Revocation(
        "tok_other", NOW, "records", revoked_now=True
    )
    assert casework.revoke_token("tok_other", DECISION_MAKER) == Revocation(
        "tok_other", NOW, "records", revoked_now=False
    )
    assert store.tokens() == [
        seal_token(attrs.evolve(other, revoked_at=NOW, revoked_by="records"), KEYS),
        seal_token(attrs.evolve(own, revoked_at=NOW, revoked_by="manager"), KEYS),
    ]
    assert store.unreadable_token("tok_own") is None
    assert store.unreadable_tokens() == []


def test_another_officers_token_is_the_records_teams_to_revoke(store: Any) -> None:
    """The manager may not revoke the decision maker's token; it stays
    active."""
    other = _issued(store, "tok_other", "decider")
    with pytest.raises(NotAuthorised) as refused:
        _casework(store).revoke_token("tok_other", MANAGER)
    assert refused.value.command == "revoke a token for another officer"
    assert store.tokens() == [other]


def test_an_id_no_token_has_is_none_and_one_that_is_not_an_id_is_refused(store: Any) -> None:
    """``tok_none`` names no token: ``None``; an empty id is ``InvalidInput``
    naming ``token_id`` (7.4)."""
    issued = _issued(store, "tok_own", "manager")
    casework = _casework(store)
    assert casework.revoke_token("tok_none", RECORDS) is None
    assert store.unreadable_token("tok_none") is None
    with pytest.raises(InvalidInput) as refused:
        casework.revoke_token(" ", RECORDS)
    assert (refused.value.field, refused.value.section) == ("token_id", "7.4")
    assert store.tokens() == [issued]
