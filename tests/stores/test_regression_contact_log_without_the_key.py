"""On a store whose events are signed with the audit key, every contact log
entry logged since is signed too: ``verify_all`` names each one logged
without the key, by customer and entry number, whatever that customer's
other entries, as it names an event written without the key (7.4). Call
limits are counted from the log (5.1) and the evidence rests on it (2.1,
6.4), so an unsigned entry for a customer with no signed one yet is as
much a forgery as one after signed entries. An entry logged before the
store's first signed event was logged before the store was keyed: it only
makes the log unkeyed."""

from __future__ import annotations

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit.contacts import ContactLink, contact_problems
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.domain.contact import Contact, ContactDecision, LoggedContact
from contactpolicy.domain.model import Officer
from contactpolicy.domain.vocabulary import Channel, Role
from contactpolicy.stores import Store
from contactpolicy.testing.examples import START

from support.insider import a_call
from support.tampering import CUSTOMER, KEY, told

STAFF = Officer("staff", "Kim Lee", {Role.STAFF}, team="Revenues")
"""An officer at the point of contact."""

WITHOUT = (
    "is not signed with the audit key, logged after the store's records were signed with it: "
    "it was written without the key"
)


def _entry(customer_id: str, at: pendulum.DateTime) -> LoggedContact:
    """A refused email from ``customer_id`` at ``at``, logged then."""
    decision = ContactDecision(
        allowed=False,
        register=False,
        respond=False,
        reasons=("Contact is limited to letters (5.1).",),
        accepted_channels={Channel.LETTER},
    )
    return LoggedContact(customer_id, Contact(Channel.EMAIL, at), decision, at)


def test_each_unsigned_entry_since_the_store_was_keyed_is_named(store: Store) -> None:
    signed, _case = told(store, 3, key=KEY)
    later = START.add(days=9)
    Casework(store, clock=FrozenClock(later), audit_key=KEY).decide_contact(
        CUSTOMER.id, a_call(later), record=True, by=STAFF
    )
    # Logged before the first signed event: before the store was keyed.
    store.record_contact(_entry("CRM-2", START.subtract(days=1)))
    # Logged without the key since: one for a customer with no signed entry
    # (three times), one after a signed entry of Sam Taylor's.
    for minutes in (1, 2, 3):
        store.record_contact(_entry("CRM-1", later.add(minutes=minutes)))
    store.record_contact(_entry(CUSTOMER.id, later.add(minutes=4)))
    checked = signed.verify_all()
    assert [str(problem) for problem in checked.problems] == [
        f"contact log of customer CRM-1, entry 1: {WITHOUT}",
        f"contact log of customer CRM-1, entry 2: {WITHOUT}",
        f"contact log of customer CRM-1, entry 3: {WITHOUT}",
        "contact log of customer CRM-7, entry 2: is unkeyed, after entries signed with the "
        "audit key",
    ]
    assert (checked.ok, checked.keyed, checked.contacts) == (False, False, 6)


def test_a_store_keyed_after_contacts_were_logged_names_none_of_them(store: Store) -> None:
    store.record_contact(_entry("CRM-2", START.subtract(days=1)))
    signed, _case = told(store, 3, key=KEY)
    checked = signed.verify_all()
    assert (checked.problems, checked.ok, checked.keyed, checked.contacts) == ((), True, False, 1)


@settings(max_examples=50, deadline=None)
@given(
    offsets=st.lists(st.integers(min_value=-5, max_value=5), min_size=1, max_size=6),
    since=st.integers(min_value=-5, max_value=5),
)
def test_an_unsigned_entry_is_named_exactly_when_logged_since_the_first_signed_event(
    offsets: list[int], since: int
) -> None:
    entries = [
        (_entry("CRM-1", START.add(minutes=offset)), ContactLink(number, "ab" * 32, None))
        for number, offset in enumerate(offsets, start=1)
    ]
    # Unkeyed digests are not recomputed here: only which entries are named.
    found, keyed = contact_problems(
        "CRM-1", entries, AuditKeys.of(KEY), None, START.add(minutes=since)
    )
    named = [problem.where for problem in found if problem.what == WITHOUT]
    assert named == [
        f"contact log of customer CRM-1, entry {number}"
        for number, offset in enumerate(offsets, start=1)
        if offset >= since
    ]
    assert keyed is False
