"""A store whose only signed records are contacts logged with the key (7.4).

Staff check customers before any case exists: ``check`` with the key logs
a signed contact entry, and nothing else is signed. Before, the store was
keyed only by signed events (or sealed tokens), so without the key a
contact was logged unsigned, a token issued unsealed, and ``verify_all``
did not name an unsigned entry of another customer logged since. Now any
signed record keys the store (``keyed_under``): every write without the key
is refused as on a store with signed events, nothing written; and
``verify_all`` names every unsigned entry logged at or after the store's
first signed record of any kind: an event, a contact entry, a sealed API
token or webhook subscription.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pendulum
import pytest

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.casework.signing import keyed_under
from contactpolicy.domain.contact import Contact, ContactDecision, LoggedContact
from contactpolicy.domain.vocabulary import Channel
from contactpolicy.errors import InvalidInput
from contactpolicy.stores.tokens import ApiToken, seal_token, token_digest

from support.builders import CUSTOMER, MANAGER, incident
from support.tampering import KEY

NOW = pendulum.datetime(2026, 3, 2, 10, tz="UTC")

REFUSED = (
    "[7.4] audit_key: the records are signed under key id 'default', which was not given, "
    "and nothing was written: give Casework the audit key (audit_key=, or "
    "CONTACTPOLICY_AUDIT_KEY for the command line) to write (docs/audit.md, Setting up the key)"
)
WITHOUT_THE_KEY = (
    "is not signed with the audit key, logged after the store's records were signed with it: "
    "it was written without the key"
)


def _casework(store: Any, key: bytes | None = None) -> Casework:
    return Casework(store, clock=FrozenClock(NOW), audit_key=key)


def _call(customer_id: str, minutes: int) -> LoggedContact:
    """A call from ``customer_id`` ``minutes`` after 10:00, allowed, logged then."""
    at = NOW.add(minutes=minutes)
    return LoggedContact(customer_id, Contact(Channel.TELEPHONE, at), ContactDecision(), at)


def _named(store: Any) -> list[str]:
    """What ``verify_all`` with the key names."""
    return [str(problem) for problem in _casework(store, KEY).verify_all().problems]


WRITES: dict[str, Callable[[Casework], object]] = {
    "the same customer's contact": lambda casework: casework.decide_contact(
        "CRM-Z", Contact(Channel.TELEPHONE, NOW)
    ),
    "another customer's contact": lambda casework: casework.decide_contact(
        "CRM-Y", Contact(Channel.TELEPHONE, NOW)
    ),
    "a report": lambda casework: casework.report(
        CUSTOMER, "council tax bill", [incident()], MANAGER
    ),
}
"""The writes a store keyed by one signed contact refuses without the key."""


@pytest.mark.parametrize("write", list(WRITES.values()), ids=list(WRITES))
def test_a_signed_contact_keys_the_store_and_writes_without_the_key_are_refused(
    store: Any, write: Callable[[Casework], object]
) -> None:
    _casework(store, KEY).decide_contact("CRM-Z", Contact(Channel.TELEPHONE, NOW))
    assert (store.newest_key_id(), store.newest_contact_key_id()) == (None, "default")
    assert keyed_under(store) == "default"
    before = store.contacts("CRM-Z")
    with pytest.raises(InvalidInput) as refused:
        write(_casework(store))
    assert (str(refused.value), refused.value.field) == (REFUSED, "audit_key")
    assert (store.contacts("CRM-Z"), store.contacts("CRM-Y"), store.cases()) == (before, [], [])


def test_verify_all_names_unsigned_entries_since_the_first_signed_contact(store: Any) -> None:
    """CRM-X's entry logged before the first signed one only makes the log
    unkeyed; CRM-Y's, logged after it, and CRM-Z's second are named."""
    store.record_contact(_call("CRM-X", -60))
    _casework(store, KEY).decide_contact("CRM-Z", Contact(Channel.TELEPHONE, NOW))
    store.record_contact(_call("CRM-Y", 5))
    store.record_contact(_call("CRM-Z", 5))
    assert _named(store) == [
        f"contact log of customer CRM-Y, entry 1: {WITHOUT_THE_KEY}",
        "contact log of customer CRM-Z, entry 2: is unkeyed, after entries signed with the "
        "audit key",
    ]


def test_verify_all_names_unsigned_entries_since_the_first_sealed_token(store: Any) -> None:
    """A token sealed at 10:00 keys the store from then: CRM-Y's entry
    logged at 10:05 is named, CRM-X's logged at 09:00 is not."""
    token = ApiToken("tok_1", token_digest("cp_tok_1"), "records", "CRM", NOW)
    store.add_token(seal_token(token, AuditKeys.of(KEY)))
    store.record_contact(_call("CRM-X", -60))
    store.record_contact(_call("CRM-Y", 5))
    assert _named(store) == [f"contact log of customer CRM-Y, entry 1: {WITHOUT_THE_KEY}"]
