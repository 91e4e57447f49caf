"""The contact log of the ``Store`` protocol: what is kept, in which order,
and what ``contacts`` returns. Written against the protocol so every store can
be added to the ``store`` fixture."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pendulum
import pytest

from contactpolicy import Channel, Contact, ContactDecision, LoggedContact
from contactpolicy.stores import MemoryStore, Store

AT = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")


@pytest.fixture(params=[MemoryStore], ids=["memory"])
def store(request: pytest.FixtureRequest) -> Store:
    factory: Callable[[], Store] = request.param
    return factory()


def logged(
    minutes: int, customer_id: str = "CRM-1", channel: Channel = Channel.TELEPHONE
) -> LoggedContact:
    """A contact ``minutes`` after ``AT``, refused, logged a minute later."""
    at = AT.add(minutes=minutes)
    decision = ContactDecision(
        allowed=False,
        register=False,
        respond=False,
        reasons=("Contact is limited to email (5.1).",),
        accepted_channels={Channel.EMAIL},
    )
    contact = Contact(channel, at, department="Revenues", issue="council tax bill")
    return LoggedContact(customer_id, contact, decision, at.add(minutes=1))


def test_a_logged_contact_reads_back_equal(store: Store) -> None:
    """The contact, the decision given and when it was logged are all kept."""
    entry = logged(0)
    store.record_contact(entry)
    assert store.contacts("CRM-1") == [entry]


def test_contacts_are_ordered_by_when_they_were_made(store: Store) -> None:
    """Contacts come back in the order they were made, whatever the order they
    were logged; for the same time, in the order they were logged."""
    late, early, same = logged(30), logged(5), logged(30, channel=Channel.EMAIL)
    for entry in (late, early, same):
        store.record_contact(entry)
    assert store.contacts("CRM-1") == [early, late, same]


def test_contacts_since_includes_that_moment(store: Store) -> None:
    """``since`` keeps contacts made at or after it, compared as instants
    whatever the time zone."""
    entries = [logged(minutes) for minutes in (0, 10, 20)]
    for entry in entries:
        store.record_contact(entry)
    since = AT.add(minutes=10).in_timezone("America/New_York")
    assert store.contacts("CRM-1", since) == entries[1:]


def test_contacts_are_kept_per_customer(store: Store) -> None:
    """A customer sees only their own contacts; an unknown customer has none."""
    mine, theirs = logged(0), logged(0, customer_id="CRM-2")
    store.record_contact(mine)
    store.record_contact(theirs)
    assert store.contacts("CRM-1") == [mine]
    assert store.contacts("CRM-9") == []


def test_contacts_recorded_from_many_threads_are_all_kept(store: Store) -> None:
    """The log is safe to share between threads: nothing is lost."""

    def record(start: int) -> None:
        for minutes in range(start, start + 25):
            store.record_contact(logged(minutes))

    threads = [threading.Thread(target=record, args=(n * 25,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [entry.contact.at for entry in store.contacts("CRM-1")] == [
        AT.add(minutes=minutes) for minutes in range(100)
    ]
