"""A wrong key on a store whose only signed records are contacts or sealed
tokens (7.4).

Before, a key given under the right key id was tried on signed events
only: on a store where staff had only checked customers with the key (or
a token had only been issued), a wrong key verified nothing and was
taken, and the contacts, the case and the token it wrote read as tampered
with the right key. Now, while no event is signed under the key id, the
key is tried on the latest contact log entries signed under it and then
on the live seals of API tokens and webhook subscriptions: a key that
verifies none of them is refused as on a store with signed events, and
nothing is written; the right key is taken.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.domain.contact import Contact
from contactpolicy.domain.vocabulary import Channel
from contactpolicy.errors import InvalidInput
from contactpolicy.stores import MemoryStore, SQLiteStore
from contactpolicy.stores.tokens import ApiToken, seal_token, token_digest

from support.builders import CUSTOMER, MANAGER, incident
from support.tampering import KEY

NOW = pendulum.datetime(2026, 3, 2, 10, tz="UTC")
WRONG = bytes.fromhex("33" * 32)

REFUSED = (
    "[7.4] audit_key: the key given does not match the one the records under key id "
    "'default' were signed with (or those records were changed: verify says which), so "
    "nothing it signed could be verified, and nothing was written: give the key they were "
    "signed with, or a new key under a new key id to rotate (docs/audit.md, Setting up "
    "the key)"
)


def _casework(store: Any, key: bytes) -> Casework:
    return Casework(store, clock=FrozenClock(NOW.add(minutes=10)), audit_key=key)


def _checked(store: Any) -> None:
    """CRM-Z's telephone call checked and logged with the key: the store's
    only signed record."""
    _casework(store, KEY).decide_contact("CRM-Z", Contact(Channel.TELEPHONE, NOW))


def _token(store: Any) -> ApiToken:
    """An API token sealed with the key: the store's only signed record."""
    token = seal_token(
        ApiToken("tok_1", token_digest("cp_tok_1"), "records", "CRM", NOW), AuditKeys.of(KEY)
    )
    store.add_token(token)
    return token


def _held(store: Any) -> tuple[Any, ...]:
    return (
        store.cases(),
        store.events_since(0, 100),
        store.contacts("CRM-Z"),
        store.contacts("CRM-Y"),
        store.tokens(),
    )


WRITES: dict[str, Callable[[Casework], object]] = {
    "the same customer's contact": lambda casework: casework.decide_contact(
        "CRM-Z", Contact(Channel.TELEPHONE, NOW.add(minutes=5))
    ),
    "another customer's contact": lambda casework: casework.decide_contact(
        "CRM-Y", Contact(Channel.TELEPHONE, NOW.add(minutes=5))
    ),
    "a report": lambda casework: casework.report(
        CUSTOMER, "council tax bill", [incident()], MANAGER
    ),
}
"""The writes a wrong key is refused for."""

KEYED_BY = {"a signed contact": _checked, "a sealed token": _token}
"""The store's only signed record, made with the right key."""


@pytest.mark.parametrize("write", list(WRITES.values()), ids=list(WRITES))
@pytest.mark.parametrize("keyed", list(KEYED_BY.values()), ids=list(KEYED_BY))
def test_a_wrong_key_is_refused_and_nothing_is_written(
    store: Any, keyed: Callable[[Any], object], write: Callable[[Casework], object]
) -> None:
    keyed(store)
    assert (store.newest_key_id(), store.signed_events("default", 5)) == (None, [])
    before = _held(store)
    wrong = _casework(store, WRONG)
    with pytest.raises(InvalidInput) as refused:
        write(wrong)
    assert (str(refused.value), refused.value.field) == (REFUSED, "audit_key")
    assert _held(store) == before
    # Readers judge the key by the same records as writers, seals included.
    assert (wrong.key_not_matched(), _casework(store, KEY).key_not_matched()) == ("default", None)


@pytest.mark.parametrize("keyed", list(KEYED_BY.values()), ids=list(KEYED_BY))
def test_the_right_key_is_taken_and_everything_verifies(
    store: Any, keyed: Callable[[Any], object]
) -> None:
    keyed(store)
    right = _casework(store, KEY)
    decision = right.decide_contact("CRM-Y", Contact(Channel.TELEPHONE, NOW.add(minutes=5)))
    assert (decision.allowed, len(store.contacts("CRM-Y"))) == (True, 1)
    checked = right.verify_all()
    assert (checked.problems, checked.unchecked) == ((), ())


def test_a_contact_changed_in_the_database_is_not_taken_for_a_wrong_key(
    tmp_path: Path,
) -> None:
    """Of CRM-Z's two signed calls the newest was edited in the database:
    the right key still verifies the one before, so it is taken."""
    store = SQLiteStore(tmp_path / "cases.db")
    _checked(store)
    _casework(store, KEY).decide_contact("CRM-Z", Contact(Channel.EMAIL, NOW.add(minutes=1)))
    with sqlite3.connect(tmp_path / "cases.db") as database:
        database.execute(
            "UPDATE contact_log SET document = replace(document, 'email', 'letter') WHERE seq = 2"
        )
    right = _casework(store, KEY)
    right.decide_contact("CRM-Y", Contact(Channel.TELEPHONE, NOW.add(minutes=5)))
    assert (right.key_not_matched(), len(store.contacts("CRM-Y"))) == (None, 1)
    assert [str(problem) for problem in right.verify_all().problems] == [
        "contact log of customer CRM-Z, entry 2: was changed, copied or moved after it was logged"
    ]
    store.close()


@settings(max_examples=25, deadline=None)
@given(key=st.binary(min_size=32, max_size=64).filter(lambda key: key != KEY))
def test_any_other_key_is_refused_on_a_store_keyed_by_contacts(key: bytes) -> None:
    """Whatever other key is given under the key id the contacts were
    signed under, it is refused and nothing is logged (7.4)."""
    store = MemoryStore()
    _checked(store)
    with pytest.raises(InvalidInput) as refused:
        _casework(store, key).decide_contact("CRM-Y", Contact(Channel.TELEPHONE, NOW))
    assert (str(refused.value), store.contacts("CRM-Y")) == (REFUSED, [])
