"""The store protocols: how cases, the event feed and the contact log are kept.

A store keeps each case as a snapshot plus its append-only audit events,
written together in one transaction, and a global feed of every event in the
order the store accepted them. Beside the cases it keeps the contact log:
every contact decided at the point of contact, with the decision given.

The protocols are split the way the store's users are (eventsourcing splits
its recorders the same way): :class:`CaseStore` for the service's commands
and queries, with a :class:`UnitOfWork` per command; :class:`EventFeed` for
integrations that follow every event; :class:`ContactLog` for the point of
contact. :class:`Store` is all three, which every store in this package
implements. Each passes the matching part of the shared contract suite in
:mod:`contactpolicy.testing`; ``docs/stores.md`` describes the guarantees of
each implementation.

Implementations raise only the library's errors: ``CaseNotFound``,
``ConcurrentUpdate``, ``InvalidInput`` and the three kinds of ``StoreError``
(``StoreUnavailable``, ``StoreDamaged``, ``OutcomeUnknown``); a driver's own
errors are translated where they arise, and never quote a password or the
data. They are safe to share between threads.

Every method checks its arguments before it reads or writes anything, with
the functions of :mod:`contactpolicy.stores.checks`, so the same bad call is
the same ``InvalidInput``, naming the same argument, on every store: ids are
text of 1 to :data:`~contactpolicy.domain.validation.IDENTIFIER_LENGTH`
characters, states :class:`CaseState` members, limits whole numbers from 1
to :data:`~contactpolicy.stores.checks.LIMIT`, ``as_of`` a date and
``since`` an aware ``pendulum.DateTime`` (``docs/stores.md``, "What every
store refuses").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
from typing import Protocol

import attrs
import pendulum

from contactpolicy.audit.contacts import ContactLink, SignedContact
from contactpolicy.audit.events import AuditEvent, Problem
from contactpolicy.audit.replay import leaving
from contactpolicy.audit.seal import AuditScan
from contactpolicy.audit.verify import StoredTrail
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case, CaseSummary
from contactpolicy.domain.notices import Subscription
from contactpolicy.domain.reads import FileRead
from contactpolicy.domain.safeguards import ActedOn
from contactpolicy.domain.vocabulary import CaseState

__all__ = [
    "ERASED",
    "AppliedCommand",
    "AppliedContact",
    "CaseStore",
    "ContactCommand",
    "ContactLog",
    "ContactUnit",
    "DeliveryLog",
    "ErasedContact",
    "Erasure",
    "EventFeed",
    "PurgeRun",
    "ReadLog",
    "Store",
    "UnitOfWork",
    "WaitingContact",
]


@attrs.frozen
class AppliedCommand:
    """A command saved under a caller's ``command_id``: which case it changed
    and the fingerprint of what it was asked to do, so a repeat with the same
    id is recognised and a different request under the same id refused."""

    command_id: str
    case_id: str
    fingerprint: str


ERASED = "erased"
"""The fingerprint of a command whose case a purge erased (7.2), and of a
contact's decision whose entry in the log a purge erased."""


@attrs.frozen
class ContactCommand:
    """The caller's ``command_id`` a contact's decision is logged under and
    the fingerprint of what was asked (the customer, the contact and the
    officer asking), kept with the entry, unique in the store's log, so a
    repeat with the id is recognised and a different request under it
    refused (5.1, 7.4)."""

    command_id: str
    fingerprint: str


@attrs.frozen
class AppliedContact:
    """The entry logged under a command id (:meth:`ContactUnit.applied`):
    its ``contact_id``, the entry as kept (erased, if a purge erased it) and
    the fingerprint kept with it (:data:`ERASED` once erased)."""

    contact_id: int
    logged: LoggedContact
    fingerprint: str


@attrs.frozen
class Erasure:
    """A case whose personal text a purge erases (7.2): the ``case`` as its
    erased events replay to, at the version stored, and every one of its
    ``events``, in order, with the text of its personal fields erased and
    its digest unchanged (:func:`~contactpolicy.audit.events.erased_event`),
    each recording the digest of the erased case it leaves (its
    ``snapshot``, :func:`~contactpolicy.audit.replay.restated`)."""

    case: Case
    events: tuple[AuditEvent, ...]


@attrs.frozen
class ErasedContact:
    """A contact-log entry whose personal text a purge erases (7.2): the
    entry ``seq`` of ``customer_id``'s log, its ``digest`` as stored, and the
    entry with its text erased
    (:func:`~contactpolicy.audit.contacts.erased_contact`)."""

    customer_id: str
    seq: int
    digest: str
    logged: LoggedContact


@attrs.frozen
class PurgeRun:
    """A purge run kept under the caller's ``command_id`` (7.2): the
    ``fingerprint`` of what it was asked (whether a dry run, the time
    retention was counted to, the officer), and the ``report`` it gave, as
    JSON text holding ids only (case ids, a customer reference and a contact
    number), never erased text
    (:func:`~contactpolicy.casework.retention.run_record`). A repeat under
    the id answers with the report kept; other arguments under it are
    refused."""

    command_id: str
    fingerprint: str
    report: str


@attrs.frozen
class WaitingContact:
    """An entry of the contact log that waits to be acted on
    (:meth:`ContactLog.waiting_contacts`): a safeguard exercised at the
    point of contact, escalated, that no case holds an item for (5.1): the
    ``customer_id`` it was logged under, its ``contact_id`` and the entry as
    kept."""

    customer_id: str
    contact_id: int
    logged: LoggedContact


class UnitOfWork(Protocol):
    """Protocol: one command's reads and its write, in one transaction on one
    connection. A store writes :meth:`applied`, :meth:`load`,
    :meth:`feed_head` and :meth:`save`; a class that subclasses this
    protocol gets :meth:`record` as written here.

    Opened by :meth:`CaseStore.unit_of_work` as a context manager: leaving
    the block normally commits what :meth:`save` wrote; leaving it with an
    exception rolls everything back, so a refused command writes nothing. A
    failure during COMMIT whose result cannot be known is ``OutcomeUnknown``.

    While it is open, the thread that opened it may call the store's own
    reads (:class:`CaseStore`'s ``load``, ``trail``, ``cases``,
    ``customer_cases``, ``cases_with_last``, ``summaries``,
    ``missing_cases`` and the work lists), and ``Casework`` does: a
    decision weighs the customer's other cases before it is written
    (``no_channel_left``, 5.1). Each answers, before the unit of work
    saves, as it would outside it, and it neither ends the unit's
    transaction nor refuses for want of a transaction of
    its own: a store with one connection per thread reads in the unit's
    transaction, as ``SQLiteStore`` does (``CaseStoreContract`` holds every
    store to it).
    """

    def applied(self, command_id: str) -> AppliedCommand | None:
        """The command already saved under ``command_id`` in this store, or
        ``None``. Command ids are unique in the store, whatever the kind of
        command: an id kept with a contact's decision or a purge run is
        ``InvalidInput`` naming ``command_id`` (7.4,
        :func:`~contactpolicy.stores.checks.own_command`)."""
        ...

    def load(self, case_id: str) -> tuple[Case, AuditEvent]:
        """The case and the audit event it ends with, held against other
        writers until the unit of work ends; ``CaseNotFound`` if there is no
        case."""
        ...

    def feed_head(self) -> str:
        """The hash of the feed's last event (``GENESIS`` for an empty feed),
        which the next event saved chains to, held against other writers
        until the unit of work ends, so no other event can come between."""
        ...

    def save(
        self,
        case: Case,
        events: Sequence[AuditEvent],
        expected_version: int,
        command: AppliedCommand | None = None,
    ) -> None:
        """Write the new snapshot, its new events and their feed positions.

        ``expected_version`` is the version the caller loaded (0 for a new
        case). If the stored version differs, raise ``ConcurrentUpdate``
        before checking anything else, and write nothing. The events continue
        the case's sequence and ``case.version == expected_version +
        len(events)``; anything else is ``StoreDamaged``. Text holding a NUL
        character or a lone surrogate is ``InvalidInput``. ``command``, when
        given, is kept with the last event under a constraint that makes its
        id unique in the store, whatever the kind of command: an id already
        kept, with a case's command, a contact's decision or a purge run, is
        ``InvalidInput`` naming ``command_id`` (7.4), and nothing is written.
        """
        ...

    def record(
        self,
        case: Case,
        event: AuditEvent,
        expected_version: int,
        command: AppliedCommand | None = None,
    ) -> None:
        """Save a command's one new ``event`` and the ``case`` it leaves, as
        :meth:`save` does, the event recording the digest of that case
        (its ``snapshot``, :func:`~contactpolicy.audit.codec.case_digest`,
        as :func:`~contactpolicy.audit.replay.leaving` gives it), whatever
        ``event`` holds there: read back, the event has it, and
        the next command checks the case :meth:`load` gives against it
        (:func:`~contactpolicy.audit.replay.check_continues`, 7.4). The
        event was hashed saying it records that digest
        (:func:`~contactpolicy.audit.events.next_event`'s ``leaves``), so
        one saved without it reads as changed. Raises as :meth:`save` does.

        A unit of work that subclasses this protocol gets this method as
        written here, and need not write it: the stores of this package
        and the example stores do. The codec keeps the text it encoded
        last, so a database store that writes the case's row takes the
        digest of that text without encoding it again. ``MemoryStore``
        writes its own, taking the digest when the event is first read."""
        self.save(case, [leaving(case, event)], expected_version, command)


class CaseStore(Protocol):
    """Protocol: cases, their audit trails, and the queries the service asks."""

    def unit_of_work(self) -> AbstractContextManager[UnitOfWork]:
        """A write transaction for one command (see :class:`UnitOfWork`)."""
        ...

    def load(self, case_id: str) -> Case:
        """The case as last saved; ``CaseNotFound`` if there is none."""
        ...

    def trail(self, case_id: str) -> tuple[Case, list[AuditEvent]]:
        """The case and all its events, oldest first, read together in one
        consistent read (never a snapshot newer or older than its events);
        ``CaseNotFound`` if there is no case."""
        ...

    def stored_trail(self, case_id: str) -> StoredTrail:
        """The case, its events and what the store found reading their rows,
        for verification (7.4): like :meth:`trail`, in one consistent read,
        but a row that cannot be read, an indexed column (customer, state,
        review date...) that differs from the case's document, or an event
        row whose columns differ from its document is a problem in the
        result rather than an error. ``CaseNotFound`` if the case has no row
        and no events."""
        ...

    def cases(
        self,
        state: CaseState | None = None,
        customer_id: str | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[Case]:
        """Cases matching every filter given, oldest report first (then by
        id). A page: at most ``limit`` of them, starting after the case whose
        id is ``after`` in that order (pass the last id of the previous
        page); an ``after`` that names no case is ``CaseNotFound``. Indexed,
        so the cost follows the rows returned, not the store's size."""
        ...

    def customer_cases(self, customer_id: str) -> list[tuple[Case, AuditEvent]]:
        """Every case of ``customer_id``, in the order of
        ``cases(customer_id=...)``, each with the audit event its history
        ends with, read together in one consistent read: what the point of
        contact decides on (5.1), so that it decides only on a case that is
        the one its history ends with
        (:func:`~contactpolicy.audit.replay.check_continues`, 7.4). One
        query joining each case to its last event by the ``(case id,
        number)`` index, so the cost follows the customer's cases, not their
        histories. A case with no events is ``StoreDamaged``; ``customer_id``
        as :func:`~contactpolicy.stores.checks.check_id` takes it, else
        ``InvalidInput``."""
        ...

    def cases_with_last(
        self,
        state: CaseState | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[tuple[Case, AuditEvent]]:
        """The page of cases :meth:`cases` returns for ``state``, ``after``
        and ``limit`` (oldest report first, then by id; at most ``limit``,
        starting after the case whose id is ``after``), each as ``(case,
        last event)``: the audit event its history ends with, read with it
        in one consistent read. What the register reads a page at a time
        (7.4), so that it lists only cases that are the ones their
        histories end with (:func:`~contactpolicy.audit.replay.check_continues`).
        One query per page, as :meth:`cases` makes, joining each case to
        its last event by the ``(case id, number)`` index, so a page costs
        what reading its rows costs, not their histories. A case with no
        events is ``StoreDamaged`` naming it; the arguments as :meth:`cases`
        takes them (:func:`~contactpolicy.stores.checks.check_listing`),
        else ``InvalidInput``; an ``after`` that names no case is
        ``CaseNotFound``."""
        ...

    def summaries(
        self,
        state: CaseState | None = None,
        customer_id: str | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[CaseSummary]:
        """What a listing shows of the cases :meth:`cases` returns for the
        same arguments, in the same order and pages, with the same errors:
        ``[CaseSummary.of(case) for case in cases(...)]``, read without
        decoding whole case files, so a page costs what reading its rows
        costs."""
        ...

    def due_reviews(self, as_of: pendulum.Date) -> list[Case]:
        """Cases with restrictions in force whose review falls due on or
        before ``as_of``, the longest overdue first (7.2). ``as_of`` is a
        calendar date; a date and time is ``InvalidInput``."""
        ...

    def not_communicated(self) -> list[Case]:
        """Cases with a decision the customer is owed: not recorded as
        communicated to them nor as not told (``Case.untold``, 6.3, 7.4,
        8.1), by the oldest such decision (``Case.awaiting_communication``),
        oldest first."""
        ...

    def not_informed(self) -> list[Case]:
        """Cases, in any state, whose latest decision is one managers are
        told of and nobody is recorded as having told them
        (``Case.awaiting_managers``, 9.1), the oldest decision first: an
        indexed read, whose cost follows the cases it returns."""
        ...

    def with_open_items(self) -> list[Case]:
        """Cases, in any state, on which an item left by a contact or a
        correction still waits: correspondence to read (5.1), a contact to
        act on (8.1, 6.3, 5.1; UK GDPR Art. 12(3)), a new-issue marker (7.3)
        or a letter corrected since it was sent (7.4), the case whose
        oldest item was left first, then by id
        (:func:`~contactpolicy.stores.rows.open_items_since`). An indexed
        read, whose cost follows the cases it returns: ``Casework.to_read``,
        ``to_act_on``, ``new_issues`` and the work queue read these, not
        every case."""
        ...

    def missing_cases(self, customer_id: str | None = None) -> list[str]:
        """The ids of the cases whose own record is missing while their
        history remains (a case row deleted outside the system, its events
        kept), by id: what no read of a case finds, so that nothing takes
        "no row" for "no case" (7.4). With ``customer_id``, only those whose
        history names that customer: a report's or a concern's customer, or
        a correction moving the case to that reference
        (:func:`~contactpolicy.stores.rows.customer_named`; a case moved
        since is named under both), read from an index of those events, so
        its cost follows the cases returned: the point of contact (5.1) and
        a new report or concern (6.1) ask it. Without, every case's
        events are looked at (the register and ``verify_all`` read the whole
        store anyway). ``customer_id`` as :func:`~contactpolicy.stores.checks.check_missing`
        takes it, else ``InvalidInput``."""
        ...

    def close(self) -> None:
        """Release the store's connections; the store is not used after."""
        ...


class EventFeed(Protocol):
    """Protocol: the ordered feed of every case's events, for followers."""

    def events_since(self, position: int, limit: int) -> list[AuditEvent]:
        """Up to ``limit`` events with a feed position greater than
        ``position``, in position order.

        Positions start at 1, never repeat, and have no gaps; a reader never
        sees a position before every lower one is visible, so a follower
        that resumes after the last position it read misses nothing. A
        ``position`` outside 0 to :data:`~contactpolicy.stores.checks.POSITION`
        (2**63 - 1) or a ``limit`` outside 1 to
        :data:`~contactpolicy.stores.checks.LIMIT` (10,000) is ``InvalidInput``.
        """
        ...

    def head(self) -> tuple[int, str]:
        """The position and hash of the feed's last event, ``(0, GENESIS)``
        for an empty feed: what a seal records."""
        ...

    def newest_key_id(self) -> str | None:
        """The key id (``AuditEvent.key_id``) of the feed's newest event
        signed with an audit key, however far back it is, or ``None`` when
        no event is signed with one: under which key id the store's records
        are signed now (7.4). Indexed, so its cost does not follow the
        feed's length: a database store reads one row of an index of the
        signed events by position. ``StoreDamaged`` if that event cannot be
        read."""
        ...

    def signed_events(self, key_id: str, limit: int) -> list[AuditEvent]:
        """Up to ``limit`` of the events signed under ``key_id``, the latest
        (highest feed position) first, with their positions, however far
        back they are: what an audit key given under that id is tried on
        (7.4). Indexed by key id and position, so its cost follows the
        events returned. ``key_id`` as an id (1 to
        :data:`~contactpolicy.domain.validation.IDENTIFIER_LENGTH`
        characters) and ``limit`` from 1 to
        :data:`~contactpolicy.stores.checks.LIMIT`, else ``InvalidInput``
        (:func:`~contactpolicy.stores.checks.check_signed`); ``StoreDamaged``
        if one of them cannot be read."""
        ...


class ContactUnit(Protocol):
    """Protocol: one customer's contact log held against other writers for a
    decision at the point of contact: read their recent contacts and append
    the new one in one transaction, so two contacts decided at once are
    counted against each other (5.1). Opened by
    :meth:`ContactLog.contact_unit`; leaving the block normally commits,
    with an exception rolls back."""

    def contacts(self, since: pendulum.DateTime | None = None) -> list[LoggedContact]:
        """As :meth:`ContactLog.contacts`, for the customer held."""
        ...

    def last(self) -> ContactLink | None:
        """The link of the customer's last logged entry, ``None`` if none."""
        ...

    def applied(self, command_id: str) -> AppliedContact | None:
        """The entry logged under ``command_id`` in the store's log, whoever
        the customer, or ``None``. ``command_id`` as for
        :meth:`UnitOfWork.applied` (``InvalidInput`` otherwise); an id kept
        with a case's command or a purge run is ``InvalidInput`` naming
        ``command_id`` (7.4)."""
        ...

    def append(
        self,
        logged: LoggedContact,
        link: ContactLink,
        command: ContactCommand | None = None,
        *,
        waits: bool = False,
    ) -> int:
        """Append ``logged`` with its ``link`` (which follows :meth:`last`)
        and return its id (as :meth:`ContactLog.record_contact`); a link that
        does not follow is ``StoreDamaged``. With ``waits`` true the entry
        waits to be acted on (:meth:`ContactLog.waiting_contacts`) until
        :meth:`ContactLog.record_acted_on` records it was. With ``command``, its id and
        fingerprint are kept with the entry, found by :meth:`applied`; an id
        already kept with another entry, or with a command of another kind
        (a case's, a purge run), is ``InvalidInput`` naming ``command_id``
        (7.4), and nothing is written. A purge that erases the
        entry (:meth:`Store.erase`) sets its fingerprint to :data:`ERASED`."""
        ...


class ContactLog(Protocol):
    """Protocol: the log of contacts decided at the point of contact (5.1, 2.1)."""

    def record_contact(self, logged: LoggedContact) -> int:
        """Append one entry to the contact log, chained unkeyed after the
        customer's last (:meth:`contact_unit` with the audit key for a keyed
        chain), and return its id: a whole number from 1, unique in the
        store's log, greater than every id given before
        (``ContactDecision.contact_id``, which ``record_read`` names).

        The whole :class:`~contactpolicy.domain.contact.LoggedContact` is kept
        and read back equal; entries are never changed or removed by this
        protocol. Contacts are logged for any customer id, with or without a
        case. A database store keeps the customer id and the contact's time
        (``logged.contact.at``, in UTC) in columns of their own, with an index
        on (customer id, contact time, insertion order) for :meth:`contacts`.
        """
        ...

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        """The customer's logged contacts made at or after ``since`` (all of
        them when ``None``), ordered by the contact's time and, for the same
        time, by the order they were recorded. An unknown customer has none."""
        ...

    def contacts_of(
        self, customer_ids: Collection[str], since: pendulum.DateTime | None = None
    ) -> dict[str, list[LoggedContact]]:
        """The logged contacts of many customers at once, for reports that
        read the logs of every customer in a page of cases (the register's
        cyclical contacts, 6.4, 7.4): each customer id given, once, mapped
        to what :meth:`contacts` gives for it and ``since`` (an empty list
        for a customer with none), read in one consistent read. A database
        store reads them in one query, whatever the number of customers.
        ``customer_ids`` is a list, tuple, set or frozenset of ids
        (:func:`~contactpolicy.stores.checks.check_customer_ids`)."""
        ...

    def contact_unit(self, customer_id: str) -> AbstractContextManager[ContactUnit]:
        """The customer's log held for one decision (:class:`ContactUnit`):
        SQLite's write lock, a PostgreSQL advisory lock on the customer, a
        lock in memory."""
        ...

    def waiting_contacts(self) -> list[WaitingContact]:
        """The entries appended with ``waits`` (:meth:`ContactUnit.append`)
        not yet recorded acted on, whoever the customer, in the order logged
        (by id): escalated safeguards no case holds an item for (5.1).
        Indexed, so its cost follows the entries waiting, not the log: a
        database store keeps a column set while an entry waits, with a
        partial index on it (SQLite's schema step 23, PostgreSQL's 20)."""
        ...

    def record_acted_on(self, contact_id: int, acted: ActedOn) -> ActedOn | None:
        """Record the waiting entry ``contact_id`` acted on, in one
        transaction: it leaves :meth:`waiting_contacts`, and ``acted`` is
        kept with it; returns ``acted``. For an entry already recorded acted
        on, the record kept then, nothing written (the caller tells a repeat
        from another request); ``None`` for an id naming no entry that waits
        or waited. ``acted.command_id``, when given, is kept unique in the
        store as every command id is: one kept with any command is
        ``InvalidInput`` naming ``command_id`` (7.4), nothing written.
        ``contact_id`` a whole number from 1 and ``acted`` an
        :class:`~contactpolicy.domain.safeguards.ActedOn`
        (``InvalidInput`` otherwise)."""
        ...

    def newest_contact_key_id(self) -> str | None:
        """The key id (``ContactLink.key_id``) of the newest entry of the
        log, whoever the customer, signed with an audit key, or ``None``
        when no entry is signed with one: a store whose only signed records
        are contacts logged with the key (staff checking customers before
        any case exists) is keyed all the same (7.4). Indexed, so its cost
        does not follow the log's length: a database store reads one row of
        an index of the signed entries by id (SQLite's schema step 19,
        PostgreSQL's 16)."""
        ...

    def signed_contacts(self, key_id: str, limit: int) -> list[SignedContact]:
        """Up to ``limit`` of the log's entries signed under ``key_id``,
        whoever the customer, the newest (highest id) first, each with the
        digest of the entry before it in its customer's chain: what an audit
        key given under that id is tried on while no event is signed under
        it (7.4). Indexed: a database store reads the index of the signed
        entries by id (SQLite's schema step 19, PostgreSQL's 16) and one row
        of the chain index per entry returned. Arguments as for
        :meth:`EventFeed.signed_events` (``InvalidInput``
        otherwise); ``StoreDamaged`` if an entry cannot be read."""
        ...


class DeliveryLog(Protocol):
    """Protocol: the outbox's durable state (9.1): how far along the feed
    each recipient has been delivered, and the webhook subscriptions.

    A recipient is an identifier the outbox chooses (``"manager:ID"``,
    ``"webhook:ID"``); its position is the feed position of the last event
    delivered to it, 0 before the first. Arguments are checked with
    :mod:`contactpolicy.stores.deliveries`.
    """

    def delivered(self, recipient: str) -> int:
        """The position last recorded for ``recipient``, 0 if none."""
        ...

    def advance(self, recipient: str, position: int) -> None:
        """Record that ``recipient`` has been delivered everything up to
        ``position``, durably (committed before it returns). A position
        lower than the one recorded changes nothing: positions never go back."""
        ...

    def add_subscription(self, subscription: Subscription) -> None:
        """Keep a webhook subscription; an id already kept is ``InvalidInput``."""
        ...

    def subscriptions(self) -> list[Subscription]:
        """Every subscription kept that can be read, by id."""
        ...

    def unreadable_subscriptions(self) -> list[Problem]:
        """A :class:`~contactpolicy.audit.events.Problem` for each
        subscription kept whose row cannot be read, by id
        (:func:`~contactpolicy.stores.rows.readable_subscriptions`): it is
        left out of :meth:`subscriptions`, so nothing is sent to it and
        the others are still delivered to (9.1, 7.4)."""
        ...

    def remove_subscription(self, subscription_id: str) -> bool:
        """Remove a subscription and its recorded position; whether there
        was one."""
        ...


class ReadLog(Protocol):
    """Protocol: the read log (7.4; UK GDPR Art. 5(1)(f)): who read whose
    case file, when, and by which query. Arguments are checked with
    :mod:`contactpolicy.stores.reads`."""

    def log_reads(self, reads: Sequence[FileRead]) -> None:
        """Keep ``reads``, durably (committed before it returns)."""
        ...

    def reads(self, customer_id: str | None = None) -> list[FileRead]:
        """The reads kept, of one customer's files when ``customer_id`` is
        given, oldest first (those logged at the same time in the order
        logged)."""
        ...

    def erase_reads(self, before: pendulum.DateTime) -> int:
        """Delete the reads made before ``before`` (7.2); how many went."""
        ...


class Store(CaseStore, EventFeed, ContactLog, DeliveryLog, ReadLog, Protocol):
    """Protocol: a whole store, as :class:`~contactpolicy.Casework` uses it."""

    def audit_scan(self) -> AbstractContextManager[AuditScan]:
        """Every case, event and contact log entry, read once in one
        consistent read, a page at a time, for ``verify_all`` (7.4)."""
        ...

    def erase(
        self,
        cases: Sequence[Erasure],
        contacts: Sequence[ErasedContact],
        run: PurgeRun | None = None,
    ) -> None:
        """Replace stored personal text by what a purge keeps of it (7.2), in
        one transaction: each case's snapshot, notes and events, and each
        contact-log entry; with ``run``, the run's record is kept in the same
        transaction (:meth:`purge_run` finds it), so a run's erasures and its
        record are kept together or not at all. A ``run`` whose command id
        is already kept, with a run or a command of any kind, is
        ``InvalidInput`` naming ``command_id`` (7.4), and
        nothing is written. With no case, no entry and a ``run``, only the
        record is kept. Nothing else changes: versions, feed positions,
        digests and indexed columns other than the text stay, but the
        fingerprint kept with each of the case's command ids (a SHA-256 of
        its arguments, text included) becomes :data:`ERASED`, so a retry
        under such an id is refused rather than matched.

        A case whose stored version is not ``case.version`` is
        ``ConcurrentUpdate``, and one whose stored events are not the same
        (case, numbers, digests) as ``events``, or an entry not stored with
        that customer, number and digest, ``StoreDamaged``; either way
        nothing is written. ``CaseNotFound`` for a case not stored.

        The text must be gone from the store's files, not only from its
        rows: SQLite overwrites freed space (``secure_delete``), rebuilds
        the file (``VACUUM``) and empties its write-ahead log (checkpoint
        ``TRUNCATE``); PostgreSQL leaves the old row versions to ``VACUUM``
        (``docs/data-protection.md``). Memory keeps nothing else.
        """
        ...

    def purge_run(self, command_id: str) -> PurgeRun | None:
        """The purge run kept under ``command_id`` by :meth:`erase`, or
        ``None``. ``command_id`` as for :meth:`UnitOfWork.applied`
        (``InvalidInput`` otherwise); an id kept with a case's command or a
        contact's decision is ``InvalidInput`` naming ``command_id`` (7.4)."""
        ...
