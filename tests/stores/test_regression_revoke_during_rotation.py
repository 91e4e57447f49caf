"""A token revoked during a key rotation, with the new key only (7.4).

The store was keyed under ``default``, a token sealed under it, and a key
``k2`` rotated in (a note signed under it). Before, revoking the token with
``k2`` alone was taken: its seal could not be checked, so the revocation
kept the old seal, and ``verify --all`` with both keys said the token's
record was changed, while clearing the revocation in the database made it
verify again (and the token work). Now the revocation is refused, naming
the key id to give beside the current one, and nothing is written; with
both keys it is sealed under ``k2`` and verifies.
"""

from __future__ import annotations

from typing import Any

import pendulum
import pytest

from contactpolicy.audit.keys import AuditKeys
from contactpolicy.casework import Casework
from contactpolicy.casework.tokens import Revocation
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.notices import RecordSeal
from contactpolicy.errors import InvalidInput
from contactpolicy.stores.tokens import ApiToken, seal_token, token_digest, token_problem
from contactpolicy.testing.examples import RECORDS

from support.builders import CUSTOMER, MANAGER, incident

K1 = b"1" * 32
K2 = b"2" * 32
BOTH = {"default": K1, "k2": K2}
CREATED = pendulum.datetime(2026, 11, 10, 10, tz="UTC")
NOW = pendulum.datetime(2026, 11, 10, 11, 5, tz="UTC")

REFUSED = (
    "[7.4] audit_key: API token tok_1 is sealed under key id 'default', which was not given, "
    "so its seal cannot be checked and its change could not be sealed, and nothing was "
    "written: give the key of key id 'default' beside the current one (docs/audit.md, "
    "Setting up the key)"
)


def _casework(store: Any, key: Any) -> Casework:
    return Casework(store, clock=FrozenClock(NOW), audit_key=key, officers=(MANAGER, RECORDS))


def _rotated(store: Any) -> ApiToken:
    """A token sealed under ``default``, then a case reported under ``k2``."""
    token = ApiToken("tok_1", token_digest("cp_tok_1"), "records", "CRM", CREATED)
    sealed = seal_token(token, AuditKeys.of(K1))
    store.add_token(sealed)
    _casework(store, BOTH).report(CUSTOMER, "council tax bill", [incident()], MANAGER)
    return sealed


def test_a_revocation_with_the_new_key_alone_is_refused(store: Any) -> None:
    sealed = _rotated(store)
    with pytest.raises(InvalidInput) as refused:
        _casework(store, {"k2": K2}).revoke_token("tok_1", RECORDS)
    assert (str(refused.value), refused.value.field) == (REFUSED, "audit_key")
    assert store.tokens() == [sealed]


def test_with_both_keys_the_revocation_is_sealed_under_the_new_one(store: Any) -> None:
    _rotated(store)
    revocation = _casework(store, BOTH).revoke_token("tok_1", RECORDS)
    assert revocation == Revocation("tok_1", NOW, "records", revoked_now=True)
    [revoked] = store.tokens()
    assert (revoked.revoked_at, revoked.revoked_by) == (NOW, "records")
    assert isinstance(revoked.seal, RecordSeal)
    assert revoked.seal.key_id == "k2"
    assert revoked.seal == seal_token(revoked, AuditKeys.of(BOTH)).seal
    assert token_problem(revoked, AuditKeys.of(BOTH)) is None
