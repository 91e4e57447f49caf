"""With a key given under the key id the store's records were signed with,
but not the key they were signed with, the whole store's check named every
API token and webhook subscription as changed after it was issued or
added (7.4). A wrong key is not tampering: their seals cannot be checked,
which one problem says, on every store; with the right key a changed
record is still named."""

from __future__ import annotations

import pendulum

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.stores import Store
from contactpolicy.stores.tokens import ApiToken, seal_token
from contactpolicy.testing.examples import RECORDS, START

from support.tampering import KEY, told

WRONG = b"not the council's audit key, 32b"

UNMATCHED = (
    "the audit key given for key id 'default': matches none of the 4 records signed with it: "
    "it is not the key they were signed with (or every one of them was changed)"
)
UNCHECKED = (
    "the API tokens and webhook subscriptions sealed under key id 'default': the seals of "
    "2 records could not be checked: the key given for that id is not the one they were "
    "sealed with (or every record signed under it was changed)"
)


def _sealed(store: Store) -> None:
    """Sam Taylor's case (events 1 to 4), a token for records and a
    webhook subscription ``crm``, all signed with ``KEY``."""
    signed, _case = told(store, 3, key=KEY)
    token = ApiToken("tok_0000000000000001", "0" * 64, "records", "CRM", START)
    store.add_token(seal_token(token, AuditKeys.of(KEY)))  # type: ignore[attr-defined]
    signed.add_webhook("https://crm.example.org/hooks", RECORDS, subscription_id="crm")


def test_a_wrong_key_names_no_token_or_subscription_as_changed(store: Store) -> None:
    _sealed(store)
    wrong = Casework(store, clock=FrozenClock(START.add(days=1)), audit_key=WRONG)
    checked = wrong.verify_all()
    assert ([str(problem) for problem in checked.problems], wrong.key_not_matched()) == (
        [UNMATCHED, UNCHECKED],
        "default",
    )


def test_with_the_right_key_a_changed_token_is_still_named(store: Store) -> None:
    _sealed(store)
    (token,) = store.tokens()  # type: ignore[attr-defined]
    # Revoked in the database, keeping the seal of the token as issued.
    store.revoke_token(token.id, pendulum.datetime(2100, 1, 5), by="records", seal=token.seal)  # type: ignore[attr-defined]
    right = Casework(store, clock=FrozenClock(START.add(days=1)), audit_key=KEY)
    assert ([str(problem) for problem in right.verify_all().problems], right.key_not_matched()) == (
        ["API token tok_0000000000000001: its record was changed after it was issued"],
        None,
    )
