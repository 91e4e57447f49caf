"""``ContactLogContract``: the contact log's part of the store contract
(:class:`~contactpolicy.stores.protocols.ContactLog`).

Subclass it alone to test a contact log, or
:class:`~contactpolicy.testing.contract.StoreContract` for a whole store;
either way override the ``make_store`` fixture.
"""

from __future__ import annotations

import threading

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy.audit.contacts import (
    ContactLink,
    SignedContact,
    contact_intact,
    contact_problems,
    erased_contact,
    next_link,
)
from contactpolicy.audit.keys import UNKEYED, AuditKeys
from contactpolicy.domain.contact import Contact, ContactDecision, LoggedContact
from contactpolicy.domain.safeguards import ActedOn
from contactpolicy.domain.vocabulary import Channel
from contactpolicy.errors import InvalidInput, StoreDamaged
from contactpolicy.stores.protocols import (
    ERASED,
    AppliedContact,
    ContactCommand,
    ErasedContact,
    Store,
    WaitingContact,
)
from contactpolicy.testing.boundary_contract import ContactLogBoundary
from contactpolicy.testing.examples import fresh_id

__all__ = ["ContactLogContract"]

AT = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")

_CUSTOMERS = ("a", "b", "c", "d")
"""Customer references, after a prefix of each example's own (references
that differ only in case or form are the reference contract's)."""


def logged(
    minutes: int,
    customer_id: str = "CRM-1",
    channel: Channel = Channel.TELEPHONE,
    issue: str = "council tax bill",
) -> LoggedContact:
    """A contact ``minutes`` after 10:00 on 2 March 2026, refused, logged a
    minute later."""
    at = AT.add(minutes=minutes)
    decision = ContactDecision(
        allowed=False,
        register=False,
        respond=False,
        reasons=("Contact is limited to email (5.1).",),
        accepted_channels={Channel.EMAIL},
    )
    contact = Contact(channel, at, department="Revenues", issue=issue)
    return LoggedContact(customer_id, contact, decision, at.add(minutes=1))


def _append_then_fail(store: Store, command: ContactCommand) -> None:
    """Append CRM-2's first entry under ``command`` in a unit left with an
    error (``RuntimeError``), which writes nothing."""
    with store.contact_unit("CRM-2") as unit:
        unit.append(logged(1, "CRM-2"), next_link(None, logged(1, "CRM-2"), UNKEYED), command)
        raise RuntimeError("the caller failed after appending")


def _signed(
    store: Store, customer_id: str, key_id: str | None, minutes: int, *, fail: bool = False
) -> None:
    """Log a contact ``minutes`` after 10:00 for ``customer_id``, its link
    made with a key under ``key_id`` (unkeyed for ``None``); with ``fail``,
    in a unit left with an error (``RuntimeError``), which writes nothing."""
    keys = UNKEYED if key_id is None else AuditKeys.of({key_id: key_id.encode() * 8})
    entry = logged(minutes, customer_id)
    with store.contact_unit(customer_id) as unit:
        unit.append(entry, next_link(unit.last(), entry, keys))
        if fail:
            raise RuntimeError("the caller failed after appending")


def _waiting(store: Store, *customer_ids: str) -> list[WaitingContact]:
    """The entries of ``customer_ids`` waiting to be acted on."""
    return [each for each in store.waiting_contacts() if each.customer_id in customer_ids]


class ContactLogContract(ContactLogBoundary):
    """What every store's contact log does (5.1 call limits count from it)."""

    def test_an_entry_appended_to_wait_waits_until_acted_on(self, store: Store) -> None:
        """An entry appended with ``waits`` is in ``waiting_contacts``, in
        the order logged, whoever the customer, until ``record_acted_on``
        keeps its record, which a second call returns unchanged; an entry
        appended without it, or an id naming none, is ``None`` (5.1, 7.4)."""
        ids = {}
        for minutes, customer_id, waits in ((0, "CRM-1", True), (1, "CRM-2", False)):
            entry = logged(minutes, customer_id)
            with store.contact_unit(customer_id) as unit:
                link = next_link(unit.last(), entry, UNKEYED)
                ids[customer_id] = unit.append(entry, link, waits=waits)
        entry = logged(2, "CRM-2")
        with store.contact_unit("CRM-2") as unit:
            ids["CRM-2 again"] = unit.append(
                entry, next_link(unit.last(), entry, UNKEYED), waits=True
            )
        assert _waiting(store, "CRM-1", "CRM-2") == [
            WaitingContact("CRM-1", ids["CRM-1"], logged(0, "CRM-1")),
            WaitingContact("CRM-2", ids["CRM-2 again"], logged(2, "CRM-2")),
        ]
        acted = ActedOn("records", AT.add(hours=1), "Passed to the safeguarding team.", "act-1")
        assert store.record_acted_on(ids["CRM-1"], acted) == acted
        later = ActedOn("other", AT.add(hours=2), "Again.", None)
        assert store.record_acted_on(ids["CRM-1"], later) == acted
        assert store.record_acted_on(ids["CRM-2"], later) is None
        assert [each.contact_id for each in _waiting(store, "CRM-1", "CRM-2")] == [
            ids["CRM-2 again"]
        ]

    def test_a_contact_acted_on_keeps_its_command_id_unique(self, store: Store) -> None:
        """``record_acted_on`` under a command id kept with another command
        (a contact's decision) is InvalidInput naming ``command_id``, nothing
        written; its own id is then used, so a contact's decision under it
        is refused (7.4)."""
        command = ContactCommand("crm-call-4711", "f" * 64)
        entry = logged(0)
        with store.contact_unit("CRM-1") as unit:
            contact_id = unit.append(entry, next_link(None, entry, UNKEYED), command, waits=True)
        taken = ActedOn("records", AT.add(hours=1), "Done.", "crm-call-4711")
        with pytest.raises(InvalidInput) as refused:
            store.record_acted_on(contact_id, taken)
        assert refused.value.field == "command_id"
        assert [each.contact_id for each in _waiting(store, "CRM-1")] == [contact_id]
        acted = attrs.evolve(taken, command_id="act-4711")
        assert store.record_acted_on(contact_id, acted) == acted
        second = logged(1, "CRM-2")
        with (
            pytest.raises(InvalidInput) as reused,
            store.contact_unit("CRM-2") as unit,
        ):
            unit.append(
                second, next_link(None, second, UNKEYED), ContactCommand("act-4711", "e" * 64)
            )
        assert reused.value.field == "command_id"

    def test_a_logged_contact_reads_back_equal(self, store: Store) -> None:
        """The contact, the decision given and when it was logged are all kept."""
        entry = logged(0)
        store.record_contact(entry)
        assert store.contacts("CRM-1") == [entry]

    def test_each_logged_contact_gets_a_larger_id(self, store: Store) -> None:
        """``record_contact`` returns the entry's id: a whole number from 1,
        larger than every id given before, whoever the customer and whenever
        the contact was made (``record_read`` names contacts by it)."""
        ids = [
            store.record_contact(entry)
            for entry in (logged(30), logged(0, customer_id="CRM-2"), logged(5))
        ]
        assert all(isinstance(each, int) and not isinstance(each, bool) for each in ids)
        assert ids[0] >= 1
        assert ids == sorted(set(ids))

    def test_contacts_are_ordered_by_when_they_were_made(self, store: Store) -> None:
        """Contacts come back in the order they were made, whatever the order
        they were logged; for the same time, in the order they were logged."""
        late, early, same = logged(30), logged(5), logged(30, channel=Channel.EMAIL)
        for entry in (late, early, same):
            store.record_contact(entry)
        assert store.contacts("CRM-1") == [early, late, same]

    def test_contacts_since_includes_that_moment(self, store: Store) -> None:
        """``since`` keeps contacts made at or after it, compared as instants
        whatever the time zone."""
        entries = [logged(minutes) for minutes in (0, 10, 20)]
        for entry in entries:
            store.record_contact(entry)
        since = AT.add(minutes=10).in_timezone("America/New_York")
        assert store.contacts("CRM-1", since) == entries[1:]

    def test_contacts_are_kept_per_customer(self, store: Store) -> None:
        """A customer sees only their own contacts; an unknown customer has none."""
        mine, theirs = logged(0), logged(0, customer_id="CRM-2")
        store.record_contact(mine)
        store.record_contact(theirs)
        assert store.contacts("CRM-1") == [mine]
        assert store.contacts("CRM-9") == []

    def test_a_contact_a_database_cannot_keep_is_refused(self, store: Store) -> None:
        """Text with NUL is InvalidInput naming where it is; nothing is logged."""
        with pytest.raises(InvalidInput) as refused:
            store.record_contact(logged(0, customer_id="CRM-1\x00"))
        assert refused.value.field == "logged.customer_id"
        assert store.contacts("CRM-1") == []

    def test_contacts_recorded_from_many_threads_are_all_kept(self, store: Store) -> None:
        """The log is safe to share between threads: nothing is lost."""

        ids: list[int] = []

        def record(start: int) -> None:
            for minutes in range(start, start + 10):
                ids.append(store.record_contact(logged(minutes)))

        threads = [threading.Thread(target=record, args=(n * 10,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [entry.contact.at for entry in store.contacts("CRM-1")] == [
            AT.add(minutes=minutes) for minutes in range(40)
        ]
        assert len(set(ids)) == 40

    def test_each_customer_s_contacts_are_chained_in_the_order_logged(self, store: Store) -> None:
        """Entries are numbered from 1 in each customer's log, in the order
        recorded (not the contacts' times), each digest following the one
        before; the scan gives them by customer, then number."""
        for minutes, customer_id in ((5, "CRM-1"), (0, "CRM-2"), (1, "CRM-1"), (2, "CRM-1")):
            store.record_contact(logged(minutes, customer_id=customer_id))
        with store.audit_scan() as scan:
            entries = list(scan.contacts())
        assert [(entry.customer_id, entry.link.seq) for entry in entries] == [
            ("CRM-1", 1),
            ("CRM-1", 2),
            ("CRM-1", 3),
            ("CRM-2", 1),
        ]
        assert [entry.logged for entry in entries[:3]] == [logged(5), logged(1), logged(2)]
        chain = [(entry.logged, entry.link) for entry in entries[:3]]
        assert contact_problems("CRM-1", chain, UNKEYED) == ([], False)

    def test_a_contact_unit_appends_after_the_customer_s_last_entry(self, store: Store) -> None:
        """A unit holding a customer's log reads their contacts and last link
        and appends a keyed entry after it, giving its id; an entry that does
        not follow the last is StoreDamaged, and the unit writes nothing."""
        keys = AuditKeys.of(b"k" * 16)
        with store.contact_unit("CRM-1") as unit:
            assert (unit.last(), unit.contacts()) == (None, [])
            link = next_link(None, logged(0), keys)
            first = unit.append(logged(0), link)
        with store.contact_unit("CRM-1") as unit:
            assert (unit.last(), unit.contacts()) == (link, [logged(0)])
        with pytest.raises(StoreDamaged), store.contact_unit("CRM-1") as unit:
            unit.append(logged(1), ContactLink(1, link.digest, link.key_id))
        assert store.contacts("CRM-1") == [logged(0)]
        assert store.record_contact(logged(2)) > first

    def test_the_newest_contact_key_id_is_that_of_the_newest_signed_entry(
        self, store: Store
    ) -> None:
        """No entry signed: ``None``; then the key id of the entry last
        logged with a key, whoever its customer and whatever unsigned
        entries follow it; an entry in a unit that failed is not one (7.4)."""
        assert store.newest_contact_key_id() is None
        store.record_contact(logged(0))
        assert store.newest_contact_key_id() is None
        _signed(store, "CRM-1", "2026", 1)
        store.record_contact(logged(2, "CRM-2"))
        assert store.newest_contact_key_id() == "2026"
        _signed(store, "CRM-2", "2027", 3)
        assert store.newest_contact_key_id() == "2027"
        _signed(store, "CRM-1", "2026", 4)
        assert store.newest_contact_key_id() == "2026"
        with pytest.raises(RuntimeError):
            _signed(store, "CRM-3", "2028", 5, fail=True)
        assert store.newest_contact_key_id() == "2026"

    @settings(
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.differing_executors,
        ],
    )
    @given(
        log=st.lists(
            st.tuples(st.sampled_from(_CUSTOMERS), st.sampled_from([None, "2026", "2027"])),
            max_size=8,
        )
    )
    def test_the_newest_contact_key_id_follows_whatever_was_logged(
        self, store: Store, log: list[tuple[str, str | None]]
    ) -> None:
        """Whatever entries were logged, for whichever customers, signed
        under whichever key ids or not: the newest contact key id is that
        of the last signed one, or what it was before when none is."""
        prefix = fresh_id()
        before = store.newest_contact_key_id()
        for minutes, (suffix, key_id) in enumerate(log):
            _signed(store, prefix + suffix, key_id, minutes)
        signed = [key_id for _, key_id in log if key_id is not None]
        assert store.newest_contact_key_id() == (signed[-1] if signed else before)

    def test_the_signed_contacts_are_the_newest_under_the_key_id_with_their_prev(
        self, store: Store
    ) -> None:
        """``signed_contacts`` gives the entries signed under the key id
        only, whoever the customer, the newest first, at most ``limit``,
        each with the digest of its customer's entry before it (``None``
        for a first entry): the key they were signed with verifies each,
        another key under the same id none (7.4)."""
        _signed(store, "CRM-1", "2026", 0)
        _signed(store, "CRM-2", None, 1)
        _signed(store, "CRM-2", "2026", 2)
        _signed(store, "CRM-1", "2027", 3)
        _signed(store, "CRM-1", "2026", 4)
        with store.audit_scan() as scan:
            chains: dict[str, list[ContactLink]] = {"CRM-1": [], "CRM-2": []}
            for entry in scan.contacts():
                chains[entry.customer_id].append(entry.link)
        found = store.signed_contacts("2026", 5)
        assert found == [
            SignedContact(logged(4, "CRM-1"), chains["CRM-1"][2], chains["CRM-1"][1].digest),
            SignedContact(logged(2, "CRM-2"), chains["CRM-2"][1], chains["CRM-2"][0].digest),
            SignedContact(logged(0, "CRM-1"), chains["CRM-1"][0], None),
        ]
        assert store.signed_contacts("2026", 2) == found[:2]
        assert store.signed_contacts("2028", 5) == []
        right = AuditKeys.of({"2026": b"2026" * 8})
        wrong = AuditKeys.of({"2026": b"2028" * 8})
        assert [contact_intact(each, right) for each in found] == [True, True, True]
        assert [contact_intact(each, wrong) for each in found] == [False, False, False]
        for key_id, limit in (("", 5), ("2026", 0)):
            with pytest.raises(InvalidInput):
                store.signed_contacts(key_id, limit)

    @settings(
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.differing_executors,
        ],
    )
    @given(
        log=st.lists(
            st.tuples(st.sampled_from(_CUSTOMERS), st.sampled_from([None, "2026", "2027"])),
            max_size=8,
        ),
        limit=st.integers(1, 9),
    )
    def test_the_signed_contacts_follow_whatever_was_logged(
        self, store: Store, log: list[tuple[str, str | None]], limit: int
    ) -> None:
        """Whatever entries were logged, for whichever customers, signed
        under whichever key ids or not: ``signed_contacts`` gives the last
        ``limit`` of those signed under the key id, the newest first, each
        verified by its key (7.4)."""
        prefix = fresh_id()
        for minutes, (suffix, key_id) in enumerate(log):
            _signed(store, prefix + suffix, key_id, minutes)
        expected = [
            logged(minutes, prefix + suffix)
            for minutes, (suffix, key_id) in enumerate(log)
            if key_id == "2027"
        ]
        found = store.signed_contacts("2027", limit)
        mine = [each for each in found if each.logged.customer_id.startswith(prefix)]
        assert [each.logged for each in mine] == expected[::-1][:limit]
        keys = AuditKeys.of({"2027": b"2027" * 8})
        assert all(contact_intact(each, keys) for each in found)

    def test_an_entry_logged_under_a_command_id_is_found_by_it(self, store: Store) -> None:
        """``applied`` finds the entry logged under an id, with its id and
        fingerprint, from any customer's unit; an id nothing was logged
        under, or one of an entry whose unit was left with an error, finds
        nothing."""
        keys = AuditKeys.of(b"k" * 16)
        command = ContactCommand("crm-call-4711", "f" * 64)
        with store.contact_unit("CRM-1") as unit:
            assert unit.applied("crm-call-4711") is None
            contact_id = unit.append(logged(0), next_link(None, logged(0), keys), command)
        with pytest.raises(RuntimeError):
            _append_then_fail(store, ContactCommand("crm-call-4712", "e" * 64))
        with store.contact_unit("CRM-2") as unit:
            assert unit.applied("crm-call-4711") == AppliedContact(contact_id, logged(0), "f" * 64)
            assert unit.applied("crm-call-4712") is None
        assert (store.contacts("CRM-1"), store.contacts("CRM-2")) == ([logged(0)], [])

    def test_a_command_id_is_kept_with_one_entry_only(self, store: Store) -> None:
        """An id already kept with an entry, appended with another (another
        customer's, or the same customer's), is InvalidInput naming
        ``command_id``, and that unit writes nothing."""
        command = ContactCommand("crm-call-4711", "f" * 64)
        with store.contact_unit("CRM-1") as unit:
            unit.append(logged(0), next_link(None, logged(0), UNKEYED), command)
        for customer_id in ("CRM-2", "CRM-1"):
            entry = logged(1, customer_id)
            with pytest.raises(InvalidInput) as refused, store.contact_unit(customer_id) as unit:
                unit.append(entry, next_link(unit.last(), entry, UNKEYED), command)
            assert refused.value.field == "command_id"
        assert (store.contacts("CRM-1"), store.contacts("CRM-2")) == ([logged(0)], [])

    def test_erasing_an_entry_logged_under_a_command_id_erases_its_fingerprint(
        self, store: Store
    ) -> None:
        """A purge's erasure of the entry (7.2) leaves the id kept, found with
        the erased entry and the fingerprint ``ERASED``: a repeat can no
        longer be told from another request."""
        keys = AuditKeys.of(b"k" * 16)
        link = next_link(None, logged(0), keys)
        with store.contact_unit("CRM-1") as unit:
            contact_id = unit.append(logged(0), link, ContactCommand("crm-1", "f" * 64))
        erased = erased_contact(logged(0), link, keys)
        store.erase([], [ErasedContact("CRM-1", 1, link.digest or "", erased)])
        with store.contact_unit("CRM-1") as unit:
            assert unit.applied("crm-1") == AppliedContact(contact_id, erased, ERASED)

    def test_the_contacts_of_many_customers_are_each_one_s_own(self, store: Store) -> None:
        """``contacts_of`` gives each customer asked for, once, their own
        contacts at or after ``since`` in the order ``contacts`` gives them,
        and an empty list for a customer with none."""
        for minutes, customer_id in ((30, "CRM-1"), (5, "CRM-2"), (10, "CRM-1"), (0, "CRM-1")):
            store.record_contact(logged(minutes, customer_id=customer_id))
        found = store.contacts_of(["CRM-2", "CRM-1", "CRM-9", "CRM-2"], AT.add(minutes=5))
        assert found == {
            "CRM-2": [logged(5, customer_id="CRM-2")],
            "CRM-1": [logged(10), logged(30)],
            "CRM-9": [],
        }
        assert store.contacts_of({"CRM-1"}) == {"CRM-1": [logged(0), logged(10), logged(30)]}
        assert store.contacts_of(()) == {}

    @settings(
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.differing_executors,
        ],
    )
    @given(
        log=st.lists(
            st.tuples(st.sampled_from(_CUSTOMERS), st.integers(0, 40), st.sampled_from(Channel)),
            max_size=12,
        ),
        asked=st.lists(st.sampled_from(_CUSTOMERS), max_size=6),
        since=st.none() | st.integers(-5, 45),
    )
    def test_contacts_of_many_customers_are_what_each_customer_s_read_gives(
        self,
        store: Store,
        log: list[tuple[str, int, Channel]],
        asked: list[str],
        since: int | None,
    ) -> None:
        """Whatever the log, the customers asked for and ``since``, the
        read of many customers at once equals a ``contacts`` read of each,
        which holds the customer's own entries at or after ``since``, by
        time and then in the order they were logged."""
        prefix = fresh_id()
        entries = [
            logged(minutes, customer_id=prefix + suffix, channel=channel)
            for suffix, minutes, channel in log
        ]
        for entry in entries:
            store.record_contact(entry)
        start = None if since is None else AT.add(minutes=since)
        customer_ids = [prefix + suffix for suffix in asked]
        found = store.contacts_of(customer_ids, start)
        assert found == {each: store.contacts(each, start) for each in customer_ids}
        assert found == {
            each: sorted(
                (
                    entry
                    for entry in entries
                    if entry.customer_id == each and (start is None or entry.contact.at >= start)
                ),
                key=lambda entry: entry.contact.at,
            )
            for each in customer_ids
        }
