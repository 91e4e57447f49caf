"""``MemoryStore``: the store for tests, simulations and trying things out.

A faithful fake: it raises the same errors for the same mistakes as the
database stores, keeps the same indexes (by customer, by state, by review
date, decisions not communicated, managers not informed, items waiting), so
no query reads every case, and is safe to share between threads. It keeps
the immutable values themselves rather than their JSON, so it costs little
beside the lifecycle. Nothing survives the process.

For the same reason it takes the digest of the case a command's event
leaves (the event's ``snapshot``) only when the event is first read: until
then it keeps the case itself with the event, and a command on the case
that very object still is decides on it as its history ends with it,
reading no digest (:func:`~contactpolicy.audit.replay.kept_as_left`,
7.4). An event read is read with its digest, as a database store wrote
it.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import attrs
import pendulum

from contactpolicy.audit.codec import case_digest
from contactpolicy.audit.contacts import ContactLink, SignedContact, next_link
from contactpolicy.audit.events import GENESIS, AuditEvent, Problem
from contactpolicy.audit.keys import UNKEYED
from contactpolicy.audit.replay import kept_as_left
from contactpolicy.audit.seal import StoredContact
from contactpolicy.audit.verify import StoredTrail
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case, CaseSummary
from contactpolicy.domain.notices import RecordSeal, Subscription
from contactpolicy.domain.reads import FileRead
from contactpolicy.domain.safeguards import ActedOn
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import CaseNotFound, ConcurrentUpdate, InvalidInput, StoreDamaged
from contactpolicy.stores.checks import (
    check_acted_on,
    check_as_of,
    check_command_free,
    check_command_id,
    check_contact,
    check_customer_ids,
    check_erased,
    check_erased_contact,
    check_erasure,
    check_feed,
    check_id,
    check_listing,
    check_missing,
    check_revoked_at,
    check_save,
    check_seal,
    check_signed,
    check_since,
    check_token,
    own_command,
)
from contactpolicy.stores.deliveries import (
    check_advance,
    check_recipient,
    check_subscription,
    webhook_recipient,
)
from contactpolicy.stores.protocols import (
    ERASED,
    AppliedCommand,
    AppliedContact,
    ContactCommand,
    ErasedContact,
    Erasure,
    PurgeRun,
    WaitingContact,
)
from contactpolicy.stores.reads import check_before, check_reader, check_reads
from contactpolicy.stores.rows import (
    awaiting_since,
    customer_named,
    open_items_since,
    uninformed_since,
)
from contactpolicy.stores.tokens import ApiToken, UnreadableToken

__all__ = ["MemoryStore"]

_T = TypeVar("_T", bound=tuple[Any, ...])

_Key = tuple[pendulum.DateTime, str]
"""Where a case sorts in a listing: its report time, then its id."""

_HELD_NOTES = 100_000
"""The most notes the cases kept for digests not yet taken may hold between
them before the digests are taken: each keeps its own tuple of its notes,
so a case noted thousands of times and never read would otherwise hold
them over and over."""


class MemoryStore:
    """Cases, events and the contact log in memory.

    >>> store = MemoryStore()
    >>> store.cases()
    []
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._cases: dict[str, Case] = {}
        self._events: dict[str, list[AuditEvent]] = {}
        self._feed: list[AuditEvent] = []
        self._left: dict[int, tuple[Case, int]] = {}
        """Each event :meth:`_MemoryUnitOfWork.record` kept whose digest of
        the case it leaves is not taken yet, by feed position: that case,
        and the event's place in its case's history (:meth:`_settle`)."""
        self._held = 0
        """The notes the cases in :attr:`_left` hold between them."""
        self._signed: dict[str, list[int]] = {}
        """The feed positions of the events signed under each key id, in order."""
        self._named: dict[str, set[str]] = {}
        """The cases whose history names each customer reference
        (:func:`~contactpolicy.stores.rows.customer_named`)."""
        self._commands: dict[str, AppliedCommand] = {}
        self._everyone: list[_Key] = []
        self._by_state: dict[CaseState, list[_Key]] = {state: [] for state in CaseState}
        self._by_customer: dict[str, list[_Key]] = {}
        self._by_review: list[tuple[pendulum.Date, str]] = []
        self._not_communicated: list[tuple[pendulum.DateTime, str]] = []
        self._not_informed: list[tuple[pendulum.DateTime, str]] = []
        self._open_items: list[tuple[pendulum.DateTime, str]] = []
        self._contacts: dict[str, list[tuple[pendulum.DateTime, int, LoggedContact]]] = {}
        self._chains: dict[str, list[tuple[LoggedContact, ContactLink]]] = {}
        self._contact_commands: dict[str, tuple[str, int, str]] = {}
        """Each contact's command id: its customer, its entry's id, its fingerprint."""
        self._logged = 0
        self._waiting: dict[int, str] = {}
        """The entries waiting to be acted on: each id's customer, in the order logged."""
        self._acted: dict[int, ActedOn] = {}
        """The record kept with each entry recorded acted on."""
        self._acted_commands: set[str] = set()
        self._contact_key_id: str | None = None
        """The key id of the newest contact log entry signed with a key."""
        self._signed_contacts: dict[str, list[tuple[str, int]]] = {}
        """The entries signed under each key id, by customer and number, in
        the order they were logged."""
        self._delivered: dict[str, int] = {}
        self._subscriptions: dict[str, Subscription] = {}
        self._tokens: dict[str, ApiToken] = {}
        self._reads: list[FileRead] = []
        self._purge_runs: dict[str, PurgeRun] = {}

    @contextmanager
    def unit_of_work(self) -> Iterator[_MemoryUnitOfWork]:
        """One command's reads and write; the store's lock is held throughout,
        and nothing is kept unless the block ends normally."""
        with self._lock:
            work = _MemoryUnitOfWork(self)
            yield work
            for case, events, command, leaves in work.pending:
                self._write(case, events, command, leaves=leaves)

    def load(self, case_id: str) -> Case:
        """The case as last saved."""
        check_id(case_id, "case_id")
        with self._lock:
            found = self._cases.get(case_id)
        if found is None:
            raise CaseNotFound(case_id)
        return found

    def trail(self, case_id: str) -> tuple[Case, list[AuditEvent]]:
        """The case and all its events, read together."""
        check_id(case_id, "case_id")
        with self._lock:
            found = self._cases.get(case_id)
            if found is None:
                raise CaseNotFound(case_id)
            self._settle()
            return found, list(self._events[case_id])

    def stored_trail(self, case_id: str) -> StoredTrail:
        """The case and its events; nothing can be unreadable in memory."""
        check_id(case_id, "case_id")
        with self._lock:
            if case_id not in self._cases and case_id not in self._events:
                raise CaseNotFound(case_id)
            self._settle()
            return self._stored_trail(case_id)

    def _stored_trail(self, case_id: str) -> StoredTrail:
        case = self._cases.get(case_id)
        events = tuple(self._events.get(case_id, ()))
        if case is None:
            return StoredTrail(
                case_id,
                None,
                events,
                (Problem(f"case {case_id}", "the case itself was deleted; its history is left"),),
            )
        return StoredTrail(case_id, case, events)

    def cases(
        self,
        state: CaseState | None = None,
        customer_id: str | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[Case]:
        """Cases matching every filter given, oldest report first, a page at a time."""
        check_listing(state, customer_id, after, limit)
        with self._lock:
            return [self._cases[key] for key in self._page(state, customer_id, after, limit)]

    def customer_cases(self, customer_id: str) -> list[tuple[Case, AuditEvent]]:
        """The customer's cases, oldest report first, each with its last event."""
        check_id(customer_id, "customer_id")
        with self._lock:
            return self._with_last(self._page(None, customer_id, None, None))

    def cases_with_last(
        self,
        state: CaseState | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[tuple[Case, AuditEvent]]:
        """The page of :meth:`cases`, each case with its last event."""
        check_listing(state, None, after, limit)
        with self._lock:
            return self._with_last(self._page(state, None, after, limit))

    def _with_last(self, case_ids: list[str]) -> list[tuple[Case, AuditEvent]]:
        """The cases ``case_ids``, each with its last event, its digest of
        the case it leaves taken; the caller holds the lock."""
        found = []
        for case_id in case_ids:
            events = self._events.get(case_id)
            if not events:
                raise StoreDamaged("the case has no events", case_id)
            self._settle_one(events[-1].position)
            found.append((self._cases[case_id], events[-1]))
        return found

    def summaries(
        self,
        state: CaseState | None = None,
        customer_id: str | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[CaseSummary]:
        """The summaries of :meth:`cases`, made from the cases kept."""
        check_listing(state, customer_id, after, limit)
        with self._lock:
            page = [self._cases[key] for key in self._page(state, customer_id, after, limit)]
        return [CaseSummary.of(case) for case in page]

    def due_reviews(self, as_of: pendulum.Date) -> list[Case]:
        """Cases in force whose review is due by ``as_of``, longest overdue first."""
        check_as_of(as_of)
        with self._lock:
            end = bisect.bisect_right(self._by_review, (as_of, "\U0010ffff"))
            return [self._cases[case_id] for _, case_id in self._by_review[:end]]

    def not_communicated(self) -> list[Case]:
        """Cases with a decision the customer is owed, by the oldest, oldest first."""
        with self._lock:
            return [self._cases[case_id] for _, case_id in self._not_communicated]

    def not_informed(self) -> list[Case]:
        """Latest decisions managers are not recorded as told of, oldest first."""
        with self._lock:
            return [self._cases[case_id] for _, case_id in self._not_informed]

    def with_open_items(self) -> list[Case]:
        """Cases on which an item left by a contact waits, the oldest item first."""
        with self._lock:
            return [self._cases[case_id] for _, case_id in self._open_items]

    def missing_cases(self, customer_id: str | None = None) -> list[str]:
        """The ids of the cases with events and no case kept, by id; with
        ``customer_id``, those whose history names that customer."""
        check_missing(customer_id)
        with self._lock:
            if customer_id is None:
                return sorted(self._events.keys() - self._cases.keys())
            named = self._named.get(customer_id, set())
            return sorted(case_id for case_id in named if case_id not in self._cases)

    def events_since(self, position: int, limit: int) -> list[AuditEvent]:
        """The feed after ``position``, at most ``limit`` events."""
        check_feed(position, limit)
        with self._lock:
            self._settle()
            return self._feed[position : position + limit]

    def head(self) -> tuple[int, str]:
        """The position and hash of the feed's last event."""
        with self._lock:
            return len(self._feed), self._feed[-1].hash if self._feed else GENESIS

    def newest_key_id(self) -> str | None:
        """The key id of the feed's newest signed event, or ``None``."""
        with self._lock:
            newest = max(self._signed.items(), key=lambda signed: signed[1][-1], default=None)
        return None if newest is None else newest[0]

    def signed_events(self, key_id: str, limit: int) -> list[AuditEvent]:
        """The latest ``limit`` events signed under ``key_id``, the latest first."""
        check_signed(key_id, limit)
        with self._lock:
            self._settle()
            positions = self._signed.get(key_id, [])[-limit:]
            return [self._feed[position - 1] for position in reversed(positions)]

    def newest_contact_key_id(self) -> str | None:
        """The key id of the contact log's newest signed entry, or ``None``."""
        with self._lock:
            return self._contact_key_id

    def signed_contacts(self, key_id: str, limit: int) -> list[SignedContact]:
        """The latest ``limit`` entries signed under ``key_id``, the newest first."""
        check_signed(key_id, limit)
        with self._lock:
            found = []
            for customer_id, seq in reversed(self._signed_contacts.get(key_id, [])[-limit:]):
                chain = self._chains[customer_id]
                logged, link = chain[seq - 1]
                found.append(
                    SignedContact(logged, link, chain[seq - 2][1].digest if seq > 1 else None)
                )
            return found

    def record_contact(self, logged: LoggedContact) -> int:
        """Append one entry to the contact log, chained unkeyed; its id."""
        check_contact(logged)
        with self.contact_unit(logged.customer_id) as unit:
            return unit.append(logged, next_link(unit.last(), logged, UNKEYED))

    @contextmanager
    def contact_unit(self, customer_id: str) -> Iterator[_MemoryContactUnit]:
        """The customer's log under the store's lock; appends are kept only
        if the block ends normally."""
        check_id(customer_id, "customer_id", "5.1")
        with self._lock:
            unit = _MemoryContactUnit(self, customer_id)
            yield unit
            for logged, link, command, waits in unit.pending:
                self._logged += 1  # the id append gave: pending ids follow the last
                if waits:
                    self._waiting[self._logged] = logged.customer_id
                rows = self._contacts.setdefault(logged.customer_id, [])
                bisect.insort(rows, (logged.contact.at, self._logged, logged), key=_contact_order)
                self._chains.setdefault(logged.customer_id, []).append((logged, link))
                if link.key_id is not None:
                    self._contact_key_id = link.key_id
                    signed = self._signed_contacts.setdefault(link.key_id, [])
                    signed.append((logged.customer_id, link.seq))
                if command is not None:
                    kept = (logged.customer_id, self._logged, command.fingerprint)
                    self._contact_commands[command.command_id] = kept

    def waiting_contacts(self) -> list[WaitingContact]:
        """The entries waiting to be acted on, in the order logged."""
        with self._lock:
            return [
                WaitingContact(customer_id, contact_id, self._entry(customer_id, contact_id))
                for contact_id, customer_id in self._waiting.items()
            ]

    def record_acted_on(self, contact_id: int, acted: ActedOn) -> ActedOn | None:
        """Record the waiting entry ``contact_id`` acted on, under the lock."""
        check_acted_on(contact_id, acted)
        with self._lock:
            if contact_id in self._acted:
                return self._acted[contact_id]
            if contact_id not in self._waiting:
                return None
            if acted.command_id is not None:
                check_command_free(used=self._used(acted.command_id))
                self._acted_commands.add(acted.command_id)
            del self._waiting[contact_id]
            self._acted[contact_id] = acted
            return acted

    def _entry(self, customer_id: str, contact_id: int) -> LoggedContact:
        """The entry ``contact_id`` of ``customer_id``'s log. The caller holds the lock."""
        return next(row[2] for row in self._contacts[customer_id] if row[1] == contact_id)

    @contextmanager
    def audit_scan(self) -> Iterator[_MemoryScan]:
        """Everything held, under the store's lock."""
        with self._lock:
            self._settle()
            yield _MemoryScan(self)

    def erase(
        self,
        cases: Sequence[Erasure],
        contacts: Sequence[ErasedContact],
        run: PurgeRun | None = None,
    ) -> None:
        """Put the erased cases, events and entries in place of the kept ones,
        and keep the ``run``'s record, all or nothing, under the store's
        lock; the values replaced are dropped, so nothing else holds their
        text (7.2)."""
        check_erasure(cases, contacts, run)
        with self._lock:
            self._settle()
            if run is not None:
                check_command_free(used=self._used(run.command_id))
            for erasure in cases:
                stored = self._cases.get(erasure.case.id)
                history = self._events.get(erasure.case.id, [])
                check_erased(
                    erasure,
                    None if stored is None else stored.version,
                    [(event.seq, event.hash) for event in history],
                )
            for entry in contacts:
                chain = self._chains.get(entry.customer_id, [])
                found = chain[entry.seq - 1][1] if 0 < entry.seq <= len(chain) else None
                check_erased_contact(entry, None if found is None else found.digest)
            for erasure in cases:
                case_id = erasure.case.id
                self._unindex(self._cases[case_id])
                self._cases[case_id] = erasure.case
                self._index(erasure.case)
                history = self._events[case_id]
                for index, event in enumerate(erasure.events):
                    placed = attrs.evolve(event, position=history[index].position)
                    history[index] = self._feed[placed.position - 1] = placed
                for command_id, applied in list(self._commands.items()):
                    if applied.case_id == case_id:
                        self._commands[command_id] = attrs.evolve(applied, fingerprint=ERASED)
            for entry in contacts:
                chain = self._chains[entry.customer_id]
                kept, link = chain[entry.seq - 1]
                chain[entry.seq - 1] = (entry.logged, link)
                rows = self._contacts[entry.customer_id]
                index = next(i for i, row in enumerate(rows) if row[2] is kept)
                rows[index] = (rows[index][0], rows[index][1], entry.logged)
                for command_id, (customer_id, contact_id, _) in self._contact_commands.items():
                    if contact_id == rows[index][1]:
                        self._contact_commands[command_id] = (customer_id, contact_id, ERASED)
            if run is not None:
                self._purge_runs[run.command_id] = run

    def purge_run(self, command_id: str) -> PurgeRun | None:
        """The purge run kept under ``command_id``, or ``None`` (7.2)."""
        check_command_id(command_id)
        with self._lock:
            return own_command(self._purge_runs.get(command_id), used=self._used(command_id))

    def _used(self, command_id: str) -> bool:
        """Whether a command of any kind is kept under ``command_id``: ids
        are unique in the store (7.4). The caller holds the lock."""
        return (
            command_id in self._commands
            or command_id in self._contact_commands
            or command_id in self._purge_runs
            or command_id in self._acted_commands
        )

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        """The customer's logged contacts at or after ``since``, oldest first."""
        check_id(customer_id, "customer_id", "5.1")
        check_since(since)
        with self._lock:
            return self._since(customer_id, since)

    def contacts_of(
        self, customer_ids: Collection[str], since: pendulum.DateTime | None = None
    ) -> dict[str, list[LoggedContact]]:
        """Each customer's logged contacts at or after ``since``, oldest first."""
        ids = check_customer_ids(customer_ids)
        check_since(since)
        with self._lock:
            return {customer_id: self._since(customer_id, since) for customer_id in ids}

    def _since(self, customer_id: str, since: pendulum.DateTime | None) -> list[LoggedContact]:
        rows = self._contacts.get(customer_id, [])
        start = 0 if since is None else bisect.bisect_left(rows, (since, -1), key=_contact_order)
        return [logged for _, _, logged in rows[start:]]

    def delivered(self, recipient: str) -> int:
        """The feed position last delivered to ``recipient``, 0 if none."""
        check_recipient(recipient)
        with self._lock:
            return self._delivered.get(recipient, 0)

    def advance(self, recipient: str, position: int) -> None:
        """Record ``recipient`` delivered up to ``position``; never back."""
        check_advance(recipient, position)
        with self._lock:
            self._delivered[recipient] = max(self._delivered.get(recipient, 0), position)

    def log_reads(self, reads: Sequence[FileRead]) -> None:
        """Keep ``reads``."""
        check_reads(reads)
        with self._lock:
            self._reads.extend(reads)
            self._reads.sort(key=lambda each: each.at)

    def reads(self, customer_id: str | None = None) -> list[FileRead]:
        """The reads kept, of one customer when given, oldest first."""
        check_reader(customer_id)
        with self._lock:
            return [each for each in self._reads if customer_id in (None, each.customer_id)]

    def erase_reads(self, before: pendulum.DateTime) -> int:
        """Delete the reads made before ``before``; how many went."""
        check_before(before)
        with self._lock:
            kept = [each for each in self._reads if each.at >= before]
            erased = len(self._reads) - len(kept)
            self._reads = kept
            return erased

    def add_subscription(self, subscription: Subscription) -> None:
        """Keep a webhook subscription; an id kept already is refused."""
        check_subscription(subscription)
        with self._lock:
            if subscription.id in self._subscriptions:
                raise InvalidInput("subscription.id", "is taken by another subscription", "9.1")
            self._subscriptions[subscription.id] = subscription

    def subscriptions(self) -> list[Subscription]:
        """Every subscription, by id."""
        with self._lock:
            return [self._subscriptions[key] for key in sorted(self._subscriptions)]

    def unreadable_subscriptions(self) -> list[Problem]:
        """None: nothing can be unreadable in memory."""
        return []

    def remove_subscription(self, subscription_id: str) -> bool:
        """Remove a subscription and its position; whether there was one."""
        check_id(subscription_id, "subscription_id", "9.1")
        with self._lock:
            self._delivered.pop(webhook_recipient(subscription_id), None)
            return self._subscriptions.pop(subscription_id, None) is not None

    def close(self) -> None:
        """Nothing to release."""

    # API tokens (the HTTP API) ---------------------------------------------

    def add_token(self, token: ApiToken) -> None:
        """Keep a newly issued token."""
        check_token(token)
        with self._lock:
            if token.digest in self._tokens or any(
                kept.id == token.id for kept in self._tokens.values()
            ):
                raise InvalidInput("token", "is kept already: issue a new one")
            self._tokens[token.digest] = token

    def token(self, digest: str) -> ApiToken | None:
        """The token with this digest, or ``None``."""
        check_id(digest, "digest")
        with self._lock:
            return self._tokens.get(digest)

    def tokens(self) -> list[ApiToken]:
        """Every token, the oldest first."""
        with self._lock:
            return sorted(self._tokens.values(), key=lambda kept: (kept.created_at, kept.id))

    def unreadable_tokens(self) -> list[Problem]:
        """None: nothing can be unreadable in memory."""
        return []

    def unreadable_token(self, token_id: str) -> UnreadableToken | None:
        """None: nothing can be unreadable in memory."""
        check_id(token_id, "token_id")
        return None

    def revoke_token(
        self,
        token_id: str,
        at: pendulum.DateTime,
        *,
        by: str | None = None,
        seal: RecordSeal | None = None,
    ) -> bool:
        """Mark the token revoked at ``at`` by ``by``, sealed with ``seal``;
        whether there was one."""
        check_id(token_id, "token_id")
        check_revoked_at(at, by)
        check_seal(seal, "seal")
        with self._lock:
            for digest, kept in self._tokens.items():
                if kept.id == token_id:
                    if kept.revoked_at is None:
                        self._tokens[digest] = attrs.evolve(
                            kept, revoked_at=at, revoked_by=by, seal=seal
                        )
                    return True
        return False

    def _page(
        self,
        state: CaseState | None,
        customer_id: str | None,
        after: str | None,
        limit: int | None,
    ) -> list[str]:
        """The ids of a page of :meth:`cases`, read from the indexes; the
        caller holds the lock."""
        if customer_id is not None:
            keys = self._by_customer.get(customer_id, [])
            if state is not None:
                keys = [key for key in keys if self._cases[key[1]].state is state]
        elif state is not None:
            keys = self._by_state[state]
        else:
            keys = self._everyone
        start = 0
        if after is not None:
            if after not in self._cases:
                raise CaseNotFound(after)
            start = bisect.bisect_right(keys, _key(self._cases[after]))
        stop = len(keys) if limit is None else start + limit
        return [case_id for _, case_id in keys[start:stop]]

    def _last(self, case_id: str) -> AuditEvent:
        """The last event of the case ``case_id`` as a command checks the
        case kept against it (7.4): with its digest of the case it leaves,
        or without while that digest is not taken and the case kept is the
        very case the event left (the object, immutable), which has that
        digest."""
        last = self._events[case_id][-1]
        left = self._left.get(last.position)
        if left is not None and left[0] is not self._cases.get(case_id):
            self._settle()
            last = self._events[case_id][-1]
        return last

    def _settle(self) -> None:
        """Record in each event whose digest of the case it leaves is not
        taken yet that digest (:func:`~contactpolicy.audit.codec.case_digest`),
        in its case's history and in the feed alike: each where it was put,
        as it is there (damage done to one of them behind the store's back
        is kept, and found by ``verify``)."""
        for position in list(self._left):
            self._settle_one(position)

    def _settle_one(self, position: int) -> None:
        """:meth:`_settle` for the event at ``position`` alone, if its digest
        is not taken yet: what reading one case's last event needs."""
        left = self._left.pop(position, None)
        if left is None:
            return
        case, index = left
        self._held -= len(case.notes)
        digest = case_digest(case)
        history = self._events.get(case.id, [])
        old = settled = None
        for events, at in ((history, index), (self._feed, position - 1)):
            if at < len(events) and events[at].position == position:
                if settled is None or events[at] is not old:
                    old = events[at]
                    settled = attrs.evolve(old, snapshot=digest)
                events[at] = settled

    def _write(
        self,
        case: Case,
        events: Sequence[AuditEvent],
        command: AppliedCommand | None,
        *,
        leaves: bool,
    ) -> None:
        before = self._cases.get(case.id)
        if before is not None:
            self._unindex(before)
        self._cases[case.id] = case
        self._index(case)
        history = self._events.setdefault(case.id, [])
        for event in events:
            placed = attrs.evolve(event, position=len(self._feed) + 1)
            self._feed.append(placed)
            history.append(placed)
            if placed.key_id is not None:
                self._signed.setdefault(placed.key_id, []).append(placed.position)
            named = customer_named(placed)
            if named is not None:
                self._named.setdefault(named, set()).add(case.id)
        if leaves:
            kept_as_left(case, history[-1])
            self._left[len(self._feed)] = (case, len(history) - 1)
            self._held += len(case.notes)
            if self._held > _HELD_NOTES:
                self._settle()
        if command is not None:
            self._commands[command.command_id] = command

    def _index(self, case: Case) -> None:
        key = _key(case)
        bisect.insort(self._everyone, key)
        bisect.insort(self._by_state[case.state], key)
        bisect.insort(self._by_customer.setdefault(case.customer.id, []), key)
        if case.review_due is not None:
            bisect.insort(self._by_review, (case.review_due, case.id))
        awaiting = awaiting_since(case)
        if awaiting is not None:
            bisect.insort(self._not_communicated, (awaiting, case.id))
        uninformed = uninformed_since(case)
        if uninformed is not None:
            bisect.insort(self._not_informed, (uninformed, case.id))
        waiting = open_items_since(case)
        if waiting is not None:
            bisect.insort(self._open_items, (waiting, case.id))

    def _unindex(self, case: Case) -> None:
        key = _key(case)
        _remove(self._everyone, key)
        _remove(self._by_state[case.state], key)
        _remove(self._by_customer[case.customer.id], key)
        if case.review_due is not None:
            _remove(self._by_review, (case.review_due, case.id))
        awaiting = awaiting_since(case)
        if awaiting is not None:
            _remove(self._not_communicated, (awaiting, case.id))
        uninformed = uninformed_since(case)
        if uninformed is not None:
            _remove(self._not_informed, (uninformed, case.id))
        waiting = open_items_since(case)
        if waiting is not None:
            _remove(self._open_items, (waiting, case.id))


class _MemoryUnitOfWork:
    """A :class:`~contactpolicy.stores.protocols.UnitOfWork` over a
    :class:`MemoryStore` whose lock its caller holds."""

    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self.pending: list[tuple[Case, Sequence[AuditEvent], AppliedCommand | None, bool]] = []
        """What each save and record keeps, and whether its last event
        records the digest of the case it leaves once read."""

    def applied(self, command_id: str) -> AppliedCommand | None:
        check_command_id(command_id)
        found = self._store._commands.get(command_id)
        return own_command(found, used=self._store._used(command_id))

    def feed_head(self) -> str:
        feed = self._store._feed
        return feed[-1].hash if feed else GENESIS

    def load(self, case_id: str) -> tuple[Case, AuditEvent]:
        check_id(case_id, "case_id")
        case = self._store._cases.get(case_id)
        if case is None:
            raise CaseNotFound(case_id)
        return case, self._store._last(case_id)

    def save(
        self,
        case: Case,
        events: Sequence[AuditEvent],
        expected_version: int,
        command: AppliedCommand | None = None,
    ) -> None:
        self._keep(case, events, expected_version, command, leaves=False)

    def record(
        self,
        case: Case,
        event: AuditEvent,
        expected_version: int,
        command: AppliedCommand | None = None,
    ) -> None:
        # The digest of the case is taken when the event is first read.
        if event.snapshot is not None:
            event = attrs.evolve(event, snapshot=None)
        self._keep(case, [event], expected_version, command, leaves=True)

    def _keep(
        self,
        case: Case,
        events: Sequence[AuditEvent],
        expected_version: int,
        command: AppliedCommand | None,
        *,
        leaves: bool,
    ) -> None:
        stored = self._store._cases.get(case.id)
        actual = None if stored is None else stored.version
        if (actual or 0) != expected_version:
            raise ConcurrentUpdate(case.id, expected_version, actual)
        check_save(case, events, expected_version, command)
        if command is not None:
            check_command_free(used=self._store._used(command.command_id))
        self.pending.append((case, tuple(events), command, leaves))


class _MemoryContactUnit:
    """A :class:`~contactpolicy.stores.protocols.ContactUnit` over a
    :class:`MemoryStore` whose lock its caller holds."""

    def __init__(self, store: MemoryStore, customer_id: str) -> None:
        self._store = store
        self._customer_id = customer_id
        self.pending: list[tuple[LoggedContact, ContactLink, ContactCommand | None, bool]] = []

    def contacts(self, since: pendulum.DateTime | None = None) -> list[LoggedContact]:
        return self._store.contacts(self._customer_id, since)

    def last(self) -> ContactLink | None:
        if self.pending:
            return self.pending[-1][1]
        chain = self._store._chains.get(self._customer_id)
        return chain[-1][1] if chain else None

    def applied(self, command_id: str) -> AppliedContact | None:
        check_command_id(command_id)
        for offset, (logged, _, command, _waits) in enumerate(self.pending, start=1):
            if command is not None and command.command_id == command_id:
                return AppliedContact(self._store._logged + offset, logged, command.fingerprint)
        found = own_command(
            self._store._contact_commands.get(command_id), used=self._store._used(command_id)
        )
        if found is None:
            return None
        customer_id, contact_id, fingerprint = found
        return AppliedContact(contact_id, self._store._entry(customer_id, contact_id), fingerprint)

    def append(
        self,
        logged: LoggedContact,
        link: ContactLink,
        command: ContactCommand | None = None,
        *,
        waits: bool = False,
    ) -> int:
        check_contact(logged, command)
        last = self.last()
        if (
            logged.customer_id != self._customer_id
            or link.seq != (0 if last is None else last.seq) + 1
        ):
            raise StoreDamaged("a contact log entry that does not follow the customer's last")
        if command is not None:
            check_command_free(used=self.applied(command.command_id) is not None)
        self.pending.append((logged, link, command, waits))
        return self._store._logged + len(self.pending)


class _MemoryScan:
    """A :class:`~contactpolicy.audit.seal.AuditScan` of a :class:`MemoryStore`
    whose lock its caller holds."""

    def __init__(self, store: MemoryStore) -> None:
        self._store = store

    def feed_end(self) -> int:
        return len(self._store._feed)

    def trails(self) -> Iterator[StoredTrail]:
        for case_id in sorted(self._store._cases.keys() | self._store._events.keys()):
            yield self._store._stored_trail(case_id)

    def contacts(self) -> Iterator[StoredContact]:
        for customer_id in sorted(self._store._chains):
            for logged, link in self._store._chains[customer_id]:
                yield StoredContact(customer_id, logged, link)

    def storage_problems(self) -> tuple[Problem, ...]:
        return ()


def _key(case: Case) -> _Key:
    return case.reported_at, case.id


def _contact_order(
    row: tuple[pendulum.DateTime, int, LoggedContact],
) -> tuple[pendulum.DateTime, int]:
    """Contacts sort by their time, then by the order they were recorded."""
    return row[0], row[1]


def _remove(rows: list[_T], value: _T) -> None:
    index = bisect.bisect_left(rows, value)
    assert rows[index] == value, "the indexes follow the cases"
    del rows[index]
