"""A store of your own: every case, event and contact in one JSON file.

``JsonFileStore`` implements the whole ``Store`` protocol (cases with a unit
of work, the event feed, the contact log) the way ``MemoryStore`` does, with
the same codec and the same checks, so it refuses the same mistakes with the
same errors (every public method begins with the checks of
``contactpolicy.stores.checks``); ``tests/stores/test_example_custom_store.py``
runs the shared contract suite against it.

It is an example, not a store for production: every call reads the whole
file and every unit of work rewrites it, to a temporary file that then
replaces the old one (``os.replace``), so the file is always whole, and no
query is indexed. The lock serialises the units of work of one store object:
share that object between threads, and let no other object or process write
to the same file.

Run it with ``uv run python examples/custom_store.py``.
"""

from __future__ import annotations

import itertools
import json
import os
import tempfile
import threading
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import attrs
import pendulum

from contactpolicy import (
    ActedOn,
    AuditEvent,
    Behaviour,
    Case,
    CaseState,
    CaseSummary,
    Casework,
    Channel,
    Contact,
    Customer,
    FileRead,
    FrozenClock,
    Incident,
    LoggedContact,
    Officer,
    Role,
)
from contactpolicy.audit import codec
from contactpolicy.audit.contacts import ContactLink, SignedContact, next_link
from contactpolicy.audit.events import GENESIS, Problem
from contactpolicy.audit.keys import UNKEYED
from contactpolicy.audit.seal import StoredContact
from contactpolicy.audit.verify import StoredTrail
from contactpolicy.domain.notices import RecordSeal, Subscription
from contactpolicy.errors import (
    CaseNotFound,
    ConcurrentUpdate,
    InvalidInput,
    StoreDamaged,
    StoreError,
    StoreUnavailable,
)
from contactpolicy.stores import (
    ERASED,
    AppliedCommand,
    AppliedContact,
    ContactCommand,
    ErasedContact,
    Erasure,
    PurgeRun,
    UnitOfWork,
    WaitingContact,
)
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
    subscription_document,
    webhook_recipient,
)
from contactpolicy.stores.reads import check_before, check_reader, check_reads
from contactpolicy.stores.rows import (
    awaiting_since,
    customer_named,
    open_items_since,
    read_contact_key_id,
    readable_subscriptions,
    readable_tokens,
    seal_columns,
    token_row,
    uninformed_since,
    unreadable_token,
)
from contactpolicy.stores.tokens import ApiToken, UnreadableToken

T = TypeVar("T")


class JsonFileStore:
    """Cases, events and the contact log in one JSON file, created on the first save.

    The file holds ``cases`` (each case's version and document), ``events``
    (each case's feed positions), ``feed`` (every event's document, position
    1 first), ``commands`` (each command id's case and fingerprint) and
    ``contacts`` (each customer's log entries, as recorded, each with its
    link in the customer's chain: number, digest and key id), for the
    outbox ``delivered`` (each recipient's position) and ``webhooks`` (each
    subscription's document), ``reads`` (the read log: each read of a case
    file, oldest first), and, once the HTTP API has issued one, ``tokens``
    (each API token's columns).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    @contextmanager
    def unit_of_work(self) -> Iterator[_JsonUnitOfWork]:
        """One command's reads and writes: the lock is held throughout, and
        the file is rewritten once, only if the block ends normally."""
        with self._lock:
            work = _JsonUnitOfWork(self._read())
            yield work
            if work.changed:
                self._write(work.data, work.changed[-1])

    def load(self, case_id: str) -> Case:
        """The case as last saved."""
        check_id(case_id, "case_id")
        return _case(self._read(), case_id)

    def trail(self, case_id: str) -> tuple[Case, list[AuditEvent]]:
        """The case and all its events, from one read of the file."""
        check_id(case_id, "case_id")
        data = self._read()
        case = _case(data, case_id)
        positions = data["events"][case_id]
        return case, [_event(number, data["feed"][number - 1], case_id) for number in positions]

    def stored_trail(self, case_id: str) -> StoredTrail:
        """The case and its events, for verification; a row that cannot be
        read is an error here (the file is read whole or not at all)."""
        case, events = self.trail(case_id)
        return StoredTrail(case_id, case, tuple(events))

    def head(self) -> tuple[int, str]:
        """The position and hash of the feed's last event."""
        feed = self._read()["feed"]
        return (len(feed), _event(len(feed), feed[-1], None).hash) if feed else (0, GENESIS)

    @contextmanager
    def audit_scan(self) -> Iterator[_JsonScan]:
        """Everything in the file, from one read of it."""
        yield _JsonScan(self._read())

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
        data = self._read()
        found = sorted(
            (
                case
                for case in _all(data)
                if (state is None or case.state is state)
                and (customer_id is None or case.customer.id == customer_id)
            ),
            key=lambda case: (case.reported_at, case.id),
        )
        if after is not None:
            last = _case(data, after)
            found = [
                case for case in found if (case.reported_at, case.id) > (last.reported_at, last.id)
            ]
        return found if limit is None else found[:limit]

    def customer_cases(self, customer_id: str) -> list[tuple[Case, AuditEvent]]:
        """The customer's cases, oldest report first, each with the event
        its history ends with, from one read of the file."""
        check_id(customer_id, "customer_id")
        data = self._read()
        theirs = [case for case in _all(data) if case.customer.id == customer_id]
        return [
            _with_last(data, case)
            for case in sorted(theirs, key=lambda case: (case.reported_at, case.id))
        ]

    def cases_with_last(
        self,
        state: CaseState | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[tuple[Case, AuditEvent]]:
        """The page of :meth:`cases`, each case with the event its history
        ends with, from one read of the file."""
        check_listing(state, None, after, limit)
        data = self._read()
        found = sorted(
            (case for case in _all(data) if state is None or case.state is state),
            key=lambda case: (case.reported_at, case.id),
        )
        if after is not None:
            last = _case(data, after)
            found = [
                case for case in found if (case.reported_at, case.id) > (last.reported_at, last.id)
            ]
        return [_with_last(data, case) for case in (found if limit is None else found[:limit])]

    def summaries(
        self,
        state: CaseState | None = None,
        customer_id: str | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[CaseSummary]:
        """The summaries of :meth:`cases`: a store that keeps whole documents
        only summarises the cases it reads (which checks the arguments)."""
        found = self.cases(state, customer_id, after=after, limit=limit)
        return [CaseSummary.of(case) for case in found]

    def due_reviews(self, as_of: pendulum.Date) -> list[Case]:
        """Cases in force whose review is due by ``as_of``, longest overdue first."""
        check_as_of(as_of)
        due = [(case.review_due, case) for case in _all(self._read())]
        found = [(day, case) for day, case in due if day is not None and day <= as_of]
        return [case for _, case in sorted(found, key=lambda pair: (pair[0], pair[1].id))]

    def not_communicated(self) -> list[Case]:
        """Decisions in force not recorded as communicated, oldest first."""
        waiting = [(awaiting_since(case), case) for case in _all(self._read())]
        found = [(since, case) for since, case in waiting if since is not None]
        return [case for _, case in sorted(found, key=lambda pair: (pair[0], pair[1].id))]

    def not_informed(self) -> list[Case]:
        """Decisions the managers are not recorded as told of, oldest first."""
        waiting = [(uninformed_since(case), case) for case in _all(self._read())]
        found = [(since, case) for since, case in waiting if since is not None]
        return [case for _, case in sorted(found, key=lambda pair: (pair[0], pair[1].id))]

    def with_open_items(self) -> list[Case]:
        """Cases on which an item left by a contact waits, the oldest item first."""
        waiting = [(open_items_since(case), case) for case in _all(self._read())]
        found = [(since, case) for since, case in waiting if since is not None]
        return [case for _, case in sorted(found, key=lambda pair: (pair[0], pair[1].id))]

    def missing_cases(self, customer_id: str | None = None) -> list[str]:
        """The cases with events and no case kept, by id; with
        ``customer_id``, those whose history names that customer (nothing
        here is indexed, so their events are read)."""
        check_missing(customer_id)
        data = self._read()
        missing = sorted(data["events"].keys() - data["cases"].keys())
        if customer_id is None:
            return missing
        return [
            case_id
            for case_id in missing
            if any(
                customer_named(_event(number, data["feed"][number - 1], case_id)) == customer_id
                for number in data["events"][case_id]
            )
        ]

    def events_since(self, position: int, limit: int) -> list[AuditEvent]:
        """The feed after ``position``, at most ``limit`` events."""
        check_feed(position, limit)
        texts = self._read()["feed"][position : position + limit]
        return [_event(number, text, None) for number, text in enumerate(texts, position + 1)]

    def newest_key_id(self) -> str | None:
        """The key id of the feed's newest signed event, or ``None``: the
        feed read back from its end, as nothing here is indexed."""
        signed = (event.key_id for event in self._latest_first() if event.key_id is not None)
        return next(signed, None)

    def signed_events(self, key_id: str, limit: int) -> list[AuditEvent]:
        """The latest ``limit`` events signed under ``key_id``, the latest first."""
        check_signed(key_id, limit)
        signed = (event for event in self._latest_first() if event.key_id == key_id)
        return list(itertools.islice(signed, limit))

    def _latest_first(self) -> Iterator[AuditEvent]:
        """The feed's events, read as they are needed, the latest first."""
        feed = self._read()["feed"]
        for number in range(len(feed), 0, -1):
            yield _event(number, feed[number - 1], None)

    def newest_contact_key_id(self) -> str | None:
        """The key id of the contact log's newest signed entry, or ``None``:
        kept in the file as each signed entry is logged; ``StoreDamaged``
        if it is not a key id."""
        found = self._read().get("contact_key_id")
        return None if found is None else read_contact_key_id(found)

    def signed_contacts(self, key_id: str, limit: int) -> list[SignedContact]:
        """The latest ``limit`` entries signed under ``key_id``, the newest
        first: kept in the file, by customer and number, as each signed
        entry is logged."""
        check_signed(key_id, limit)
        data = self._read()
        found = []
        for customer_id, seq in reversed(data.get("signed_contacts", {}).get(key_id, [])[-limit:]):
            entries = data["contacts"][customer_id]
            text, *link = entries[seq - 1]
            prev = entries[seq - 2][2] if seq > 1 else None
            found.append(SignedContact(_loads(text, LoggedContact, None), ContactLink(*link), prev))
        return found

    def record_contact(self, logged: LoggedContact) -> int:
        """Append one entry to the contact log, chained unkeyed; its id, one
        more than the last."""
        check_contact(logged)
        with self.contact_unit(logged.customer_id) as unit:
            return unit.append(logged, next_link(unit.last(), logged, UNKEYED))

    @contextmanager
    def contact_unit(self, customer_id: str) -> Iterator[_JsonContactUnit]:
        """The customer's log under the lock; the file is rewritten once,
        only if the block ends normally."""
        check_id(customer_id, "customer_id", "5.1")
        with self._lock:
            data = self._read()
            unit = _JsonContactUnit(self, data, customer_id)
            yield unit
            if unit.changed:
                self._write(data, None)

    def waiting_contacts(self) -> list[WaitingContact]:
        """The entries waiting to be acted on, in the order logged: kept in
        the file by id, with their customer and number, as each is logged."""
        data = self._read()
        found = []
        for contact_id, (customer_id, seq) in data.get("waiting", {}).items():
            text = data["contacts"][customer_id][seq - 1][0]
            logged = _loads(text, LoggedContact, None)
            found.append(WaitingContact(customer_id, int(contact_id), logged))
        return sorted(found, key=lambda each: each.contact_id)

    def record_acted_on(self, contact_id: int, acted: ActedOn) -> ActedOn | None:
        """Record the waiting entry ``contact_id`` acted on, under the lock,
        the file rewritten once."""
        check_acted_on(contact_id, acted)
        with self._lock:
            data = self._read()
            kept = data.get("acted_on", {}).get(str(contact_id))
            if kept is not None:
                return _loads(kept, ActedOn, None)
            if str(contact_id) not in data.get("waiting", {}):
                return None
            if acted.command_id is not None:
                check_command_free(used=_used(data, acted.command_id))
                data.setdefault("acted_commands", {})[acted.command_id] = contact_id
            del data["waiting"][str(contact_id)]
            data.setdefault("acted_on", {})[str(contact_id)] = codec.dumps(acted)
            self._write(data, None)
        return acted

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        """The customer's logged contacts at or after ``since``, oldest first."""
        check_id(customer_id, "customer_id", "5.1")
        check_since(since)
        return _contacts(self._read(), customer_id, since)

    def contacts_of(
        self, customer_ids: Collection[str], since: pendulum.DateTime | None = None
    ) -> dict[str, list[LoggedContact]]:
        """Each customer's logged contacts at or after ``since``, oldest
        first, from one reading of the file."""
        ids = check_customer_ids(customer_ids)
        check_since(since)
        data = self._read()
        return {customer_id: _contacts(data, customer_id, since) for customer_id in ids}

    def delivered(self, recipient: str) -> int:
        """The feed position last delivered to ``recipient``, 0 if none."""
        check_recipient(recipient)
        return int(self._read().get("delivered", {}).get(recipient, 0))

    def advance(self, recipient: str, position: int) -> None:
        """Record ``recipient`` delivered up to ``position``; never back."""
        check_advance(recipient, position)
        with self._lock:
            data = self._read()
            delivered = data.setdefault("delivered", {})
            delivered[recipient] = max(delivered.get(recipient, 0), position)
            self._write(data, None)

    def log_reads(self, reads: Sequence[FileRead]) -> None:
        """Keep ``reads`` in the read log."""
        check_reads(reads)
        with self._lock:
            data = self._read()
            kept = data.setdefault("reads", [])
            kept.extend(codec.unstructure(each, FileRead) for each in reads)
            kept.sort(key=lambda each: pendulum.parse(each["at"]))
            self._write(data, None)

    def reads(self, customer_id: str | None = None) -> list[FileRead]:
        """The reads kept, of one customer when given, oldest first."""
        check_reader(customer_id)
        found = [codec.structure(each, FileRead) for each in self._read().get("reads", [])]
        return [each for each in found if customer_id in (None, each.customer_id)]

    def erase_reads(self, before: pendulum.DateTime) -> int:
        """Delete the reads made before ``before``; how many went."""
        check_before(before)
        with self._lock:
            data = self._read()
            found = data.get("reads", [])
            kept = [each for each in found if codec.structure(each, FileRead).at >= before]
            data["reads"] = kept
            self._write(data, None)
        return len(found) - len(kept)

    def add_subscription(self, subscription: Subscription) -> None:
        """Keep a webhook subscription; an id kept already is refused."""
        check_subscription(subscription)
        with self._lock:
            data = self._read()
            webhooks = data.setdefault("webhooks", {})
            if subscription.id in webhooks:
                raise InvalidInput("subscription.id", "is taken by another subscription", "9.1")
            webhooks[subscription.id] = subscription_document(subscription)
            self._write(data, None)

    def subscriptions(self) -> list[Subscription]:
        """Every subscription that can be read, by id."""
        return self._subscriptions()[0]

    def unreadable_subscriptions(self) -> list[Problem]:
        """A problem naming each subscription that cannot be read."""
        return self._subscriptions()[1]

    def _subscriptions(self) -> tuple[list[Subscription], list[Problem]]:
        webhooks = self._read().get("webhooks", {})
        return readable_subscriptions([(key, webhooks[key]) for key in sorted(webhooks)])

    def remove_subscription(self, subscription_id: str) -> bool:
        """Remove a subscription and its position; whether there was one."""
        check_id(subscription_id, "subscription_id", "9.1")
        with self._lock:
            data = self._read()
            removed = data.get("webhooks", {}).pop(subscription_id, None) is not None
            data.get("delivered", {}).pop(webhook_recipient(subscription_id), None)
            self._write(data, None)
        return removed

    def erase(
        self,
        cases: Sequence[Erasure],
        contacts: Sequence[ErasedContact],
        run: PurgeRun | None = None,
    ) -> None:
        """Put the erased cases, events and entries in place of the kept ones,
        with the ``run``'s record (7.2); the file is rewritten once, to a new
        file that replaces the old, so the old text is in no file the store
        keeps (the disk's free blocks are the file system's to overwrite)."""
        check_erasure(cases, contacts, run)
        with self._lock:
            data = self._read()
            runs = data.setdefault("purge_runs", {})
            if run is not None:
                check_command_free(used=_used(data, run.command_id))
                runs[run.command_id] = [run.fingerprint, run.report]
            for erasure in cases:
                found = data["cases"].get(erasure.case.id)
                positions = data["events"].get(erasure.case.id, [])
                stored = [_event(n, data["feed"][n - 1], None) for n in positions]
                check_erased(
                    erasure,
                    None if found is None else found[0],
                    [(event.seq, event.hash) for event in stored],
                )
                data["cases"][erasure.case.id] = [erasure.case.version, codec.dumps(erasure.case)]
                for number, event in zip(positions, erasure.events, strict=True):
                    data["feed"][number - 1] = codec.dumps(attrs.evolve(event, position=0))
                for kept in data["commands"].values():
                    if kept[0] == erasure.case.id:
                        kept[1] = ERASED
            for entry in contacts:
                entries = data["contacts"].get(entry.customer_id, [])
                kept = entries[entry.seq - 1] if 0 < entry.seq <= len(entries) else None
                check_erased_contact(entry, None if kept is None else kept[2])
                assert kept is not None, "checked: the entry is stored"
                kept[0] = codec.dumps(entry.logged)
                for command in data.get("contact_commands", {}).values():
                    if command[:2] == [entry.customer_id, entry.seq]:
                        command[3] = ERASED
            self._write(data, None)

    def purge_run(self, command_id: str) -> PurgeRun | None:
        """The purge run kept under ``command_id``, or ``None`` (7.2)."""
        check_command_id(command_id)
        data = self._read()
        found = own_command(
            data.get("purge_runs", {}).get(command_id), used=_used(data, command_id)
        )
        return None if found is None else PurgeRun(command_id, found[0], found[1])

    def add_token(self, token: ApiToken) -> None:
        """Keep a newly issued API token (the HTTP API): its digest, never the secret."""
        check_token(token)
        with self._lock:
            data = self._read()
            kept = data.setdefault("tokens", [])
            if any(row[0] == token.id or row[1] == token.digest for row in kept):
                raise InvalidInput("token", "is kept already: issue a new one")
            kept.append(list(token_row(token)))
            self._write(data, None)

    def token(self, digest: str) -> ApiToken | None:
        """The API token with this digest, or ``None``."""
        check_id(digest, "digest")
        rows = self._read().get("tokens", [])
        found = readable_tokens([row for row in rows if row[1] == digest])[0]
        return found[0] if found else None

    def tokens(self) -> list[ApiToken]:
        """Every API token that can be read, the oldest first."""
        return readable_tokens(self._read().get("tokens", []))[0]

    def unreadable_tokens(self) -> list[Problem]:
        """A problem naming each API token that cannot be read."""
        return readable_tokens(self._read().get("tokens", []))[1]

    def unreadable_token(self, token_id: str) -> UnreadableToken | None:
        """The token kept under ``token_id`` as far as it can be read, when
        its row cannot be read whole; ``None`` otherwise (7.4)."""
        check_id(token_id, "token_id")
        rows = [row for row in self._read().get("tokens", []) if row[0] == token_id]
        return unreadable_token(rows[0]) if rows else None

    def revoke_token(
        self,
        token_id: str,
        at: pendulum.DateTime,
        *,
        by: str | None = None,
        seal: RecordSeal | None = None,
    ) -> bool:
        """Mark the API token revoked at ``at`` by ``by``, sealed with
        ``seal``; whether there was one."""
        check_id(token_id, "token_id")
        check_revoked_at(at, by)
        check_seal(seal, "seal")
        with self._lock:
            data = self._read()
            rows = [row for row in data.get("tokens", []) if row[0] == token_id]
            for row in rows:
                if row[5] is None:
                    # A row kept before the issuer was recorded has six
                    # columns; the issuer stays unknown (None).
                    row[6:] = [row[6] if len(row) > 6 else None, by, *seal_columns(seal)]
                    row[5] = codec.utc_text(at)
                    self._write(data, None)
            return bool(rows)

    def close(self) -> None:
        """Nothing to release: every call opens the file and closes it."""

    def _read(self) -> dict[str, Any]:
        """The whole file; an empty store before the first save. ``os.replace``
        swaps the file in one step, so a read never sees half a write."""
        try:
            data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"cases": {}, "events": {}, "feed": [], "commands": {}, "contacts": {}}
        except ValueError as error:
            raise StoreDamaged(f"cannot read {self.path} ({error})") from error
        except OSError as error:
            raise StoreUnavailable(f"cannot read {self.path} ({error})") from error
        return data

    def _write(self, data: dict[str, Any], case_id: str | None) -> None:
        """Replace the file with ``data``: a crash leaves the old file or the new."""
        try:
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.path.parent, delete=False
            ) as file:
                json.dump(data, file, ensure_ascii=False)
                file.flush()
                os.fsync(file.fileno())
            os.replace(file.name, self.path)
        except OSError as error:
            raise StoreUnavailable(f"cannot write {self.path} ({error})", case_id) from error


class _JsonContactUnit:
    """A customer's contact log held under the store's lock."""

    def __init__(self, store: JsonFileStore, data: dict[str, Any], customer_id: str) -> None:
        self._store = store
        self._data = data
        self._customer_id = customer_id
        self.changed = False

    def contacts(self, since: pendulum.DateTime | None = None) -> list[LoggedContact]:
        check_since(since)
        return _contacts(self._data, self._customer_id, since)

    def last(self) -> ContactLink | None:
        entries = self._data["contacts"].get(self._customer_id, [])
        return ContactLink(*entries[-1][1:]) if entries else None

    def applied(self, command_id: str) -> AppliedContact | None:
        check_command_id(command_id)
        found = self._data.get("contact_commands", {}).get(command_id)
        if own_command(found, used=_used(self._data, command_id)) is None:
            return None
        customer_id, seq, contact_id, fingerprint = found
        text = self._data["contacts"][customer_id][seq - 1][0]
        return AppliedContact(contact_id, _loads(text, LoggedContact, None), fingerprint)

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
        if logged.customer_id != self._customer_id or link.seq != (last.seq if last else 0) + 1:
            raise StoreDamaged("a contact log entry that does not follow the customer's last")
        if command is not None:
            check_command_free(used=_used(self._data, command.command_id))
        entries = self._data["contacts"].setdefault(self._customer_id, [])
        entries.append([codec.dumps(logged), link.seq, link.digest, link.key_id])
        self._data["logged"] = self._data.get("logged", 0) + 1
        if waits:
            waiting = self._data.setdefault("waiting", {})
            waiting[str(self._data["logged"])] = [self._customer_id, link.seq]
        if link.key_id is not None:
            self._data["contact_key_id"] = link.key_id
            signed = self._data.setdefault("signed_contacts", {}).setdefault(link.key_id, [])
            signed.append([self._customer_id, link.seq])
        if command is not None:
            kept = [self._customer_id, link.seq, self._data["logged"], command.fingerprint]
            self._data.setdefault("contact_commands", {})[command.command_id] = kept
        self.changed = True
        return int(self._data["logged"])


class _JsonScan:
    """Everything in the file, for verify_all."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def feed_end(self) -> int:
        return len(self._data["feed"])

    def trails(self) -> Iterator[StoredTrail]:
        for case_id in sorted(self._data["cases"]):
            positions = self._data["events"][case_id]
            events = [
                _event(number, self._data["feed"][number - 1], case_id) for number in positions
            ]
            yield StoredTrail(case_id, _case(self._data, case_id), tuple(events))

    def contacts(self) -> Iterator[StoredContact]:
        for customer_id in sorted(self._data["contacts"]):
            for text, *link in self._data["contacts"][customer_id]:
                logged = _loads(text, LoggedContact, None)
                yield StoredContact(customer_id, logged, ContactLink(*link))

    def storage_problems(self) -> tuple[Problem, ...]:
        """None: a file of JSON has no indexes to damage."""
        return ()


class _JsonUnitOfWork(UnitOfWork):
    """A unit of work over the file's contents, read once at its start."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.changed: list[str] = []

    def applied(self, command_id: str) -> AppliedCommand | None:
        check_command_id(command_id)
        found = own_command(
            self.data["commands"].get(command_id), used=_used(self.data, command_id)
        )
        return None if found is None else AppliedCommand(command_id, *found)

    def feed_head(self) -> str:
        feed = self.data["feed"]
        return _event(len(feed), feed[-1], None).hash if feed else GENESIS

    def load(self, case_id: str) -> tuple[Case, AuditEvent]:
        check_id(case_id, "case_id")
        case = _case(self.data, case_id)
        last = self.data["events"][case_id][-1]
        return case, _event(last, self.data["feed"][last - 1], case_id)

    def save(
        self,
        case: Case,
        events: Sequence[AuditEvent],
        expected_version: int,
        command: AppliedCommand | None = None,
    ) -> None:
        found = self.data["cases"].get(case.id)
        actual = None if found is None else found[0]
        if (actual or 0) != expected_version:
            raise ConcurrentUpdate(case.id, expected_version, actual)
        check_save(case, events, expected_version, command)
        if command is not None:
            check_command_free(used=_used(self.data, command.command_id))
            self.data["commands"][command.command_id] = [command.case_id, command.fingerprint]
        self.data["cases"][case.id] = [case.version, codec.dumps(case)]
        positions = self.data["events"].setdefault(case.id, [])
        for event in events:
            self.data["feed"].append(codec.dumps(event))
            positions.append(len(self.data["feed"]))
        self.changed.append(case.id)


_COMMAND_KINDS = ("commands", "contact_commands", "purge_runs", "acted_commands")
"""Where the file keeps the command ids of each kind of command."""


def _used(data: dict[str, Any], command_id: str) -> bool:
    """Whether a command of any kind is kept under ``command_id``: a case's,
    a contact's decision, a purge run or a contact recorded acted on. Ids
    are unique in the store (7.4)."""
    return any(command_id in data.get(kind, {}) for kind in _COMMAND_KINDS)


def _case(data: dict[str, Any], case_id: str) -> Case:
    found = data["cases"].get(case_id)
    if found is None:
        raise CaseNotFound(case_id)
    return _loads(found[1], Case, case_id)


def _with_last(data: dict[str, Any], case: Case) -> tuple[Case, AuditEvent]:
    """``case`` with the event its history ends with; ``StoreDamaged`` if
    it has none."""
    positions = data["events"].get(case.id)
    if not positions:
        raise StoreDamaged("the case has no events", case.id)
    return case, _event(positions[-1], data["feed"][positions[-1] - 1], case.id)


def _all(data: dict[str, Any]) -> list[Case]:
    return [_loads(text, Case, case_id) for case_id, (_, text) in data["cases"].items()]


def _contacts(
    data: dict[str, Any], customer_id: str, since: pendulum.DateTime | None
) -> list[LoggedContact]:
    entries = [
        _loads(entry[0], LoggedContact, None) for entry in data["contacts"].get(customer_id, [])
    ]
    kept = [entry for entry in entries if since is None or entry.contact.at >= since]
    # sorted() is stable: contacts made at the same time stay in the order recorded.
    return sorted(kept, key=lambda entry: entry.contact.at)


def _event(position: int, text: str, case_id: str | None) -> AuditEvent:
    return attrs.evolve(_loads(text, AuditEvent, case_id), position=position)


def _loads(text: str, kind: type[T], case_id: str | None) -> T:
    """A stored value, or StoreDamaged naming the case if it cannot be read."""
    try:
        return codec.loads(text, kind, case_id)
    except StoreError as error:
        raise StoreDamaged(f"stored {kind.__name__} cannot be read", case_id) from error


def main() -> None:
    """Casework on a JsonFileStore, read back by a second store on the same file."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 5, 9, tz="Europe/London"))
    manager = Officer("jsmith", "Jo Smith", {Role.MANAGER})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.json"
        casework = Casework(JsonFileStore(path), clock=clock)
        calls = Incident(Behaviour.THREATS, clock.now(), Channel.TELEPHONE, "Threatened staff.")
        case = casework.report(Customer("CRM-1", "Sam Taylor"), "council tax", [calls], manager)
        casework.warn(case.id, manager, Channel.LETTER, ["calls limited to 10 minutes"])
        casework.decide_contact("CRM-1", Contact(Channel.TELEPHONE, clock.now()))

        store = JsonFileStore(path)
        reopened = Casework(store, clock=clock)
        intact = "yes" if reopened.verify(case.id).ok else "no"
        feed = ", ".join(f"{event.position} {event.kind}" for event in reopened.events_since(0))
        channels = [logged.contact.channel.value for logged in store.contacts("CRM-1")]
        print(f"A second JsonFileStore on {path.name} reads back:")
        print(f"  the case: {reopened.get(case.id).state.value}, audit trail intact: {intact}")
        print(f"  the feed: {feed}")
        print(f"  the contact log: {', '.join(channels)}")


if __name__ == "__main__":
    main()
