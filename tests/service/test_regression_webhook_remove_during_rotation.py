"""Removing a webhook subscription during a key rotation, with the new key
only (7.4, 9.1).

A subscription was sealed under ``default``, then ``k2`` rotated in and a
note signed under it. Before, ``remove_webhook`` with ``k2`` alone removed
the subscription, leaving no trace, while revoking a token sealed the same
way was refused. Now it is refused as the token's revocation is
(``seal_checkable``): ``InvalidInput`` naming ``audit_key`` and the key id
to give beside ``k2``, and the subscription is kept. With both keys it is
removed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Casework, FrozenClock
from contactpolicy.errors import InvalidInput
from contactpolicy.stores import MemoryStore, Store
from contactpolicy.testing.examples import MANAGER, START

from support.builders import RECORDS
from support.tampering import CUSTOMER, INCIDENT

OLD = b"the council's audit key, 32 byte"
NEW = b"the council's newer key, 32 byte"
URL = "https://crm.example.gov.uk/hook"

REFUSED = (
    "[7.4] audit_key: webhook subscription wh1 is sealed under key id 'default', which was "
    "not given, so its seal cannot be checked and its change could not be sealed, and nothing "
    "was written: give the key of key id 'default' beside the current one "
    "(docs/audit.md, Setting up the key)"
)


def _rotated(store: Store) -> None:
    """A subscription ``wh1`` sealed under ``default``, then a note signed
    under ``k2`` with both keys given."""
    first = Casework(store, clock=FrozenClock(START), audit_key={"default": OLD})
    case_id = first.report(CUSTOMER, "Repeated calls.", [INCIDENT], by=MANAGER).id
    first.add_webhook(URL, RECORDS, subscription_id="wh1")
    both = Casework(store, clock=FrozenClock(START), audit_key={"default": OLD, "k2": NEW})
    both.add_note(case_id, "Key rotated.", MANAGER)


def test_removing_with_the_new_key_alone_is_refused(store: Store) -> None:
    _rotated(store)
    casework = Casework(store, clock=FrozenClock(START), audit_key={"k2": NEW})
    with pytest.raises(InvalidInput) as refused:
        casework.remove_webhook("wh1", RECORDS)
    assert (str(refused.value), refused.value.field, refused.value.section) == (
        REFUSED,
        "audit_key",
        "7.4",
    )
    assert [
        (each.id, each.seal.key_id if each.seal else None) for each in store.subscriptions()
    ] == [("wh1", "default")]


def test_with_both_keys_it_is_removed(store: Store) -> None:
    _rotated(store)
    casework = Casework(store, clock=FrozenClock(START), audit_key={"default": OLD, "k2": NEW})
    removed = casework.remove_webhook("wh1", RECORDS)
    assert removed is not None
    assert (removed.subscription_id, removed.damaged, store.subscriptions()) == ("wh1", None, [])


@given(st.sets(st.sampled_from(["default", "k3"])))
def test_removed_only_when_the_key_of_its_seal_is_given(others: set[str]) -> None:
    """Whatever keys are given beside the current one, ``k2``, the
    subscription is removed exactly when the key of its seal's key id,
    ``default``, is among them; otherwise nothing is removed (7.4)."""
    store = MemoryStore()
    _rotated(store)
    keys = {"default": OLD, "k3": b"a third audit key for the tests!"}
    given_ids = others | {"k2"}
    casework = Casework(
        store,
        clock=FrozenClock(START),
        audit_key={"k2": NEW} | {key_id: keys[key_id] for key_id in others},
    )
    if "default" in given_ids:
        assert casework.remove_webhook("wh1", RECORDS) is not None
        assert store.subscriptions() == []
    else:
        with pytest.raises(InvalidInput) as refused:
            casework.remove_webhook("wh1", RECORDS)
        assert refused.value.field == "audit_key"
        assert [each.id for each in store.subscriptions()] == ["wh1"]
