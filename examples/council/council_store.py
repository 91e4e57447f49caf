"""A council's own store: contactpolicy's cases kept in the council's own
SQLite database, beside its CRM's tables, under table names of its choosing.

``CouncilSQLiteStore`` implements the whole ``Store`` protocol (cases with a
unit of work, the event feed with its head, the chained contact log with a
unit per customer, and the audit scan ``verify_all`` reads) in five tables
whose names start with ``prefix`` (``ucp_`` unless told): ``ucp_case`` (each
case's version, the columns its queries use, and its document),
``ucp_event`` (the audit events, whose row id is the feed position, with the
command id of the last event of a command), ``ucp_contact`` (the contact
log: each entry's id, its number, digest and key id in its customer's
chain), for the outbox (9.1) ``ucp_delivery`` (each recipient's
delivered position) and ``ucp_webhook`` (each subscription), ``ucp_token``
the HTTP API's tokens, by digest, with who issued and who revoked each,
and ``ucp_read`` (the read log: who read whose case file, when, by which
query). Every row of the case, event and
contact tables keeps the schema version of its document, so the library's
row readers (``contactpolicy.stores.rows``) refuse one written by another
release. It checks every argument with ``contactpolicy.stores.checks``, so
it refuses the same mistakes with the same errors as the built-in stores,
and ``test_council_store.py`` holds it to the whole store contract.

A unit of work, and a customer's contact unit, is ``BEGIN IMMEDIATE`` on the
thread's own connection: the write lock is held from the moment the case (or
the customer's log, or the feed's head) is read, so of two writers of one
version exactly one wins (the contract's racing tests check it), and two
contacts decided at once are counted against each other (5.1). Feed
positions and contact ids are ``AUTOINCREMENT`` keys, never reused. A read
on a thread whose unit of work is open is made in that transaction, as the
store protocol asks (a command reads the customer's other cases before it
writes). Times are kept in UTC as fixed-width text, so they sort as they
compare.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pendulum

from contactpolicy import (
    ActedOn,
    AuditEvent,
    Case,
    CaseState,
    CaseSummary,
    FileRead,
    LoggedContact,
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
    event_document,
    open_items_since,
    read_case,
    read_contact,
    read_event,
    read_last_event,
    read_signed_contact,
    readable_subscriptions,
    readable_tokens,
    scanned_contacts,
    scanned_trails,
    seal_columns,
    token_row,
    uninformed_since,
    unreadable_token,
)
from contactpolicy.stores.sqlite import NAMED, integrity_problems
from contactpolicy.stores.tokens import ApiToken, UnreadableToken

SCHEMA = """
CREATE TABLE IF NOT EXISTS {p}case (
    case_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    customer_ref TEXT NOT NULL,
    state TEXT NOT NULL,
    reported_at TEXT NOT NULL,
    review_due TEXT,
    awaiting_since TEXT,
    uninformed_since TEXT,
    open_items_since TEXT,
    document TEXT NOT NULL,
    schema_version INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS {p}case_by_customer ON {p}case (customer_ref, reported_at, case_id);
CREATE INDEX IF NOT EXISTS {p}case_by_state ON {p}case (state, reported_at, case_id);
CREATE INDEX IF NOT EXISTS {p}case_by_listing ON {p}case (reported_at, case_id);
CREATE INDEX IF NOT EXISTS {p}case_by_review ON {p}case (review_due, case_id);
CREATE INDEX IF NOT EXISTS {p}case_awaiting ON {p}case (awaiting_since, case_id);
CREATE INDEX IF NOT EXISTS {p}case_uninformed ON {p}case (uninformed_since, case_id);
CREATE INDEX IF NOT EXISTS {p}case_open_items ON {p}case (open_items_since, case_id);
CREATE TABLE IF NOT EXISTS {p}event (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    command_id TEXT UNIQUE,
    fingerprint TEXT,
    document TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    UNIQUE (case_id, seq)
);
CREATE INDEX IF NOT EXISTS {p}event_signed ON {p}event (position)
    WHERE iif(json_valid(document), json_extract(document, '$.key_id'), NULL) IS NOT NULL;
CREATE INDEX IF NOT EXISTS {p}event_by_key_id
    ON {p}event (iif(json_valid(document), json_extract(document, '$.key_id'), NULL), position)
    WHERE iif(json_valid(document), json_extract(document, '$.key_id'), NULL) IS NOT NULL;
CREATE INDEX IF NOT EXISTS {p}event_by_customer ON {p}event ({named}, case_id)
    WHERE {named} IS NOT NULL;
CREATE TABLE IF NOT EXISTS {p}contact (
    entry INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_ref TEXT NOT NULL,
    at TEXT NOT NULL,
    document TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    digest TEXT,
    key_id TEXT,
    command_id TEXT UNIQUE,
    fingerprint TEXT,
    waiting INTEGER,
    acted_on TEXT,
    acted_command_id TEXT UNIQUE,
    UNIQUE (customer_ref, seq)
);
CREATE INDEX IF NOT EXISTS {p}contact_by_customer ON {p}contact (customer_ref, at, entry);
CREATE INDEX IF NOT EXISTS {p}contact_waiting ON {p}contact (entry) WHERE waiting IS NOT NULL;
CREATE INDEX IF NOT EXISTS {p}contact_signed ON {p}contact (entry) WHERE key_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS {p}delivery (
    recipient TEXT PRIMARY KEY,
    position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS {p}webhook (
    webhook_id TEXT PRIMARY KEY,
    document TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS {p}token (
    token_id TEXT PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    officer_id TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    issued_by TEXT,
    revoked_by TEXT,
    seal_key_id TEXT,
    seal TEXT
);
CREATE TABLE IF NOT EXISTS {p}read (
    entry INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    officer_id TEXT NOT NULL,
    customer_ref TEXT NOT NULL,
    case_id TEXT NOT NULL,
    query TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS {p}read_by_customer ON {p}read (customer_ref, at, entry);
CREATE TABLE IF NOT EXISTS {p}purge_run (
    command_id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    report TEXT NOT NULL
);
"""

_KEY_ID = "iif(json_valid(document), json_extract(document, '$.key_id'), NULL)"
"""The key id an event's row names, as the indexes of signed events hold it."""

_INDEXED = (
    "version",
    "customer_ref",
    "state",
    "reported_at",
    "review_due",
    "awaiting_since",
    "uninformed_since",
    "open_items_since",
)
"""The columns of a case's row that say what its document says."""


def _used(connection: sqlite3.Connection, prefix: str, command_id: str) -> bool:
    """Whether a command of any kind is kept under ``command_id``: a case's
    (with its event), a contact's decision, a contact recorded acted on or a
    purge run. Ids are unique in the store (7.4); every write holds SQLite's
    write lock (``BEGIN IMMEDIATE``), so a look at the tables in its
    transaction is the check, one lookup each by its unique index."""
    row = connection.execute(
        f"SELECT EXISTS (SELECT 1 FROM {prefix}event WHERE command_id = ?1) "
        f"OR EXISTS (SELECT 1 FROM {prefix}contact WHERE command_id = ?1) "
        f"OR EXISTS (SELECT 1 FROM {prefix}contact WHERE acted_command_id = ?1) "
        f"OR EXISTS (SELECT 1 FROM {prefix}purge_run WHERE command_id = ?1)",
        (command_id,),
    ).fetchone()
    return bool(row[0])


def _utc(at: datetime) -> str:
    """An aware time as fixed-width UTC text, which sorts as the times do."""
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


class CouncilSQLiteStore:
    """contactpolicy's store in the council's SQLite database, in tables
    named ``prefix`` + ``case``, ``event`` and ``contact``; safe to share
    between threads, and several processes may open the same file."""

    def __init__(self, path: str | os.PathLike[str], prefix: str = "ucp_") -> None:
        if not prefix.isidentifier():
            raise ValueError("the table prefix must be letters, digits and underscores")
        self.path = os.fspath(path)
        self.prefix = prefix
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        with self._translated(None):
            self._connection().executescript(SCHEMA.format(p=prefix, named=NAMED))

    @contextmanager
    def unit_of_work(self) -> Iterator[_CouncilUnitOfWork]:
        """One command's reads and writes in one ``BEGIN IMMEDIATE``
        transaction, committed only if the block ends normally."""
        with self._immediate() as connection:
            yield _CouncilUnitOfWork(self, connection)

    def load(self, case_id: str) -> Case:
        """The case as last saved."""
        check_id(case_id, "case_id")
        with self._translated(case_id):
            return self._case(self._connection(), case_id)

    def trail(self, case_id: str) -> tuple[Case, list[AuditEvent]]:
        """The case and all its events, read in one transaction."""
        check_id(case_id, "case_id")
        with self._reading(case_id) as connection:
            case = self._case(connection, case_id)
            rows = connection.execute(
                f"SELECT document, schema_version, position FROM {self.prefix}event "
                "WHERE case_id = ? ORDER BY seq",
                (case_id,),
            ).fetchall()
        return case, [
            read_event(text, version, position, case_id) for text, version, position in rows
        ]

    def stored_trail(self, case_id: str) -> StoredTrail:
        """The case, its events and what was found reading their rows (a
        row that cannot be read, a column that differs from the document),
        read in one transaction."""
        check_id(case_id, "case_id")
        with self._reading(case_id) as connection:
            cases = connection.execute(self._scan_cases("WHERE case_id = ?"), (case_id,)).fetchall()
            events = connection.execute(
                self._scan_events("WHERE case_id = ? ORDER BY seq"), (case_id,)
            ).fetchall()
        if not cases and not events:
            raise CaseNotFound(case_id)
        return next(scanned_trails(map(_case_row, cases), events, (), _columns))

    def head(self) -> tuple[int, str]:
        """The position and hash of the feed's last event."""
        with self._reading(None) as connection:
            return self._head(connection)

    @contextmanager
    def audit_scan(self) -> Iterator[_CouncilScan]:
        """Every row, read once, in one read transaction (rolled back: it
        writes nothing)."""
        with self._reading(None, "ROLLBACK") as connection:
            yield _CouncilScan(self, connection)

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
        where, values = ["1 = 1"], []
        if state is not None:
            where.append("state = ?")
            values.append(state.value)
        if customer_id is not None:
            where.append("customer_ref = ?")
            values.append(customer_id)
        with self._translated(after):
            connection = self._connection()
            if after is not None:
                last = connection.execute(
                    f"SELECT reported_at FROM {self.prefix}case WHERE case_id = ?", (after,)
                ).fetchone()
                if last is None:
                    raise CaseNotFound(after)
                where.append("(reported_at, case_id) > (?, ?)")
                values += [last[0], after]
            rows = connection.execute(
                f"SELECT case_id, document, schema_version FROM {self.prefix}case "
                f"WHERE {' AND '.join(where)} ORDER BY reported_at, case_id LIMIT ?",
                (*values, -1 if limit is None else limit),
            ).fetchall()
        return [read_case(text, version, case_id) for case_id, text, version in rows]

    def customer_cases(self, customer_id: str) -> list[tuple[Case, AuditEvent]]:
        """The customer's cases, oldest report first, each with the event
        its history ends with, in one query joining each case to its last
        event by the ``(case_id, seq)`` key."""
        check_id(customer_id, "customer_id")
        with self._reading(None) as connection:
            rows = connection.execute(
                f"SELECT kept.case_id, kept.document, kept.schema_version, last.document, "
                f"last.schema_version, last.position, last.seq FROM {self.prefix}case AS kept "
                f"LEFT JOIN {self.prefix}event AS last ON last.case_id = kept.case_id "
                f"AND last.seq = (SELECT max(seq) FROM {self.prefix}event AS later "
                "WHERE later.case_id = kept.case_id) "
                "WHERE kept.customer_ref = ? ORDER BY kept.reported_at, kept.case_id",
                (customer_id,),
            ).fetchall()
        return [
            (read_case(text, version, case_id), read_last_event(case_id, event))
            for case_id, text, version, *event in rows
        ]

    def cases_with_last(
        self,
        state: CaseState | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[tuple[Case, AuditEvent]]:
        """The page of :meth:`cases`, each case with the event its history
        ends with, in one read transaction: the page's query joining each
        case to its last event by the ``(case_id, seq)`` key."""
        check_listing(state, None, after, limit)
        where, values = ["1 = 1"], []
        if state is not None:
            where.append("kept.state = ?")
            values.append(state.value)
        with self._reading(after) as connection:
            if after is not None:
                start = connection.execute(
                    f"SELECT reported_at FROM {self.prefix}case WHERE case_id = ?", (after,)
                ).fetchone()
                if start is None:
                    raise CaseNotFound(after)
                where.append("(kept.reported_at, kept.case_id) > (?, ?)")
                values += [start[0], after]
            rows = connection.execute(
                f"SELECT kept.case_id, kept.document, kept.schema_version, last.document, "
                f"last.schema_version, last.position, last.seq FROM {self.prefix}case AS kept "
                f"LEFT JOIN {self.prefix}event AS last ON last.case_id = kept.case_id "
                f"AND last.seq = (SELECT max(seq) FROM {self.prefix}event AS later "
                f"WHERE later.case_id = kept.case_id) WHERE {' AND '.join(where)} "
                "ORDER BY kept.reported_at, kept.case_id LIMIT ?",
                (*values, -1 if limit is None else limit),
            ).fetchall()
        return [
            (read_case(text, version, case_id), read_last_event(case_id, event))
            for case_id, text, version, *event in rows
        ]

    def summaries(
        self,
        state: CaseState | None = None,
        customer_id: str | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[CaseSummary]:
        """The summaries of :meth:`cases`, made from the cases read."""
        found = self.cases(state, customer_id, after=after, limit=limit)
        return [CaseSummary.of(case) for case in found]

    def due_reviews(self, as_of: pendulum.Date) -> list[Case]:
        """Cases in force whose review is due by ``as_of``, longest overdue first."""
        check_as_of(as_of)
        return self._listed("review_due IS NOT NULL AND review_due <= ?", "review_due", as_of)

    def not_communicated(self) -> list[Case]:
        """Decisions in force not recorded as communicated, oldest first."""
        return self._listed("awaiting_since IS NOT NULL", "awaiting_since")

    def not_informed(self) -> list[Case]:
        """Decisions the managers are not recorded as told of, oldest first."""
        return self._listed("uninformed_since IS NOT NULL", "uninformed_since")

    def with_open_items(self) -> list[Case]:
        """Cases on which an item left by a contact waits, the oldest item first."""
        return self._listed("open_items_since IS NOT NULL", "open_items_since")

    def events_since(self, position: int, limit: int) -> list[AuditEvent]:
        """The feed after ``position``, at most ``limit`` events."""
        check_feed(position, limit)
        with self._translated(None):
            rows = self._connection().execute(
                f"SELECT document, schema_version, position, case_id FROM {self.prefix}event "
                "WHERE position > ? ORDER BY position LIMIT ?",
                (position, limit),
            )
            return [read_event(*row) for row in rows]

    def missing_cases(self, customer_id: str | None = None) -> list[str]:
        """The cases with events and no case row, by id; with
        ``customer_id``, those whose history names that customer, from the
        index of the events that name one (the library's own expression,
        ``NAMED``)."""
        check_missing(customer_id)
        orphan = (
            f"NOT EXISTS (SELECT 1 FROM {self.prefix}case AS kept "
            f"WHERE kept.case_id = {self.prefix}event.case_id)"
        )
        with self._translated(None):
            if customer_id is None:
                rows = self._connection().execute(
                    f"SELECT DISTINCT case_id FROM {self.prefix}event WHERE {orphan} "
                    "ORDER BY case_id"
                )
            else:
                rows = self._connection().execute(
                    f"SELECT DISTINCT case_id FROM {self.prefix}event "
                    f"INDEXED BY {self.prefix}event_by_customer "
                    f"WHERE {NAMED} = ? AND {NAMED} IS NOT NULL AND {orphan} ORDER BY case_id",
                    (customer_id,),
                )
            return [case_id for (case_id,) in rows]

    def newest_key_id(self) -> str | None:
        """The key id of the feed's newest signed event, or ``None``, from
        the index of signed events."""
        with self._translated(None):
            row = (
                self._connection()
                .execute(
                    f"SELECT document, schema_version, position, case_id "
                    f"FROM {self.prefix}event INDEXED BY {self.prefix}event_signed "
                    f"WHERE {_KEY_ID} IS NOT NULL ORDER BY position DESC LIMIT 1"
                )
                .fetchone()
            )
            return None if row is None else read_event(*row).key_id

    def signed_events(self, key_id: str, limit: int) -> list[AuditEvent]:
        """The latest ``limit`` events signed under ``key_id``, the latest
        first, from the index by key id and position."""
        check_signed(key_id, limit)
        with self._translated(None):
            rows = self._connection().execute(
                f"SELECT document, schema_version, position, case_id "
                f"FROM {self.prefix}event INDEXED BY {self.prefix}event_by_key_id "
                f"WHERE {_KEY_ID} = ? AND {_KEY_ID} IS NOT NULL ORDER BY position DESC LIMIT ?",
                (key_id, limit),
            )
            return [read_event(*row) for row in rows]

    def newest_contact_key_id(self) -> str | None:
        """The key id of the contact log's newest signed entry, or ``None``,
        from the index of signed entries."""
        with self._translated(None):
            row = (
                self._connection()
                .execute(
                    f"SELECT key_id FROM {self.prefix}contact "
                    f"INDEXED BY {self.prefix}contact_signed "
                    "WHERE key_id IS NOT NULL ORDER BY entry DESC LIMIT 1"
                )
                .fetchone()
            )
            return None if row is None else str(row[0])

    def signed_contacts(self, key_id: str, limit: int) -> list[SignedContact]:
        """The latest ``limit`` entries signed under ``key_id``, the newest
        first, from the index of signed entries."""
        check_signed(key_id, limit)
        table = f"{self.prefix}contact"
        with self._translated(None):
            rows = self._connection().execute(
                "SELECT entry.document, entry.schema_version, entry.seq, entry.digest, "
                f"entry.key_id, (SELECT before.digest FROM {table} AS before "
                "WHERE before.customer_ref = entry.customer_ref AND before.seq = entry.seq - 1) "
                f"FROM {table} AS entry INDEXED BY {self.prefix}contact_signed "
                "WHERE entry.key_id = ? AND entry.key_id IS NOT NULL "
                "ORDER BY entry.entry DESC LIMIT ?",
                (key_id, limit),
            )
            return [read_signed_contact(*row) for row in rows]

    def record_contact(self, logged: LoggedContact) -> int:
        """Append one entry to the contact log, chained unkeyed after the
        customer's last; its id."""
        check_contact(logged)
        with self.contact_unit(logged.customer_id) as unit:
            return unit.append(logged, next_link(unit.last(), logged, UNKEYED))

    @contextmanager
    def contact_unit(self, customer_id: str) -> Iterator[_CouncilContactUnit]:
        """The customer's log in a ``BEGIN IMMEDIATE`` transaction: the write
        lock is taken before their recent contacts are read."""
        check_id(customer_id, "customer_id", "5.1")
        with self._immediate() as connection:
            yield _CouncilContactUnit(self, connection, customer_id)

    def waiting_contacts(self) -> list[WaitingContact]:
        """The entries waiting to be acted on, in the order logged, read from
        the index of those waiting."""
        with self._translated(None):
            rows = self._connection().execute(
                "SELECT entry, customer_ref, document, schema_version "
                f"FROM {self.prefix}contact WHERE waiting IS NOT NULL ORDER BY entry"
            )
            found = rows.fetchall()
        return [
            WaitingContact(customer_id, contact_id, read_contact(document, version))
            for contact_id, customer_id, document, version in found
        ]

    def record_acted_on(self, contact_id: int, acted: ActedOn) -> ActedOn | None:
        """Record the waiting entry ``contact_id`` acted on, in one ``BEGIN
        IMMEDIATE`` transaction."""
        check_acted_on(contact_id, acted)
        with self._immediate() as connection:
            row = connection.execute(
                f"SELECT waiting, acted_on FROM {self.prefix}contact WHERE entry = ?",
                (contact_id,),
            ).fetchone()
            if row is None or row == (None, None):
                return None
            if row[1] is not None:
                return codec.loads(row[1], ActedOn, None)
            if acted.command_id is not None:
                check_command_free(used=_used(connection, self.prefix, acted.command_id))
            with self._translated(None):
                connection.execute(
                    f"UPDATE {self.prefix}contact SET waiting = NULL, acted_on = ?, "
                    "acted_command_id = ? WHERE entry = ?",
                    (codec.dumps(acted), acted.command_id, contact_id),
                )
        return acted

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        """The customer's logged contacts at or after ``since``, oldest first."""
        check_id(customer_id, "customer_id", "5.1")
        check_since(since)
        with self._translated(None):
            return self._contacts(self._connection(), customer_id, since)

    def contacts_of(
        self, customer_ids: Collection[str], since: pendulum.DateTime | None = None
    ) -> dict[str, list[LoggedContact]]:
        """Each customer's logged contacts at or after ``since``, oldest
        first: a query per customer, in one read transaction."""
        ids = check_customer_ids(customer_ids)
        check_since(since)
        with self._reading(None) as connection:
            return {
                customer_id: self._contacts(connection, customer_id, since) for customer_id in ids
            }

    def delivered(self, recipient: str) -> int:
        """The feed position last delivered to ``recipient``, 0 if none."""
        check_recipient(recipient)
        with self._translated(None):
            row = (
                self._connection()
                .execute(
                    f"SELECT position FROM {self.prefix}delivery WHERE recipient = ?",
                    (recipient,),
                )
                .fetchone()
            )
        return 0 if row is None else int(row[0])

    def advance(self, recipient: str, position: int) -> None:
        """Record ``recipient`` delivered up to ``position``; never back."""
        check_advance(recipient, position)
        with self._immediate() as connection:
            connection.execute(
                f"INSERT INTO {self.prefix}delivery (recipient, position) VALUES (?, ?) "
                "ON CONFLICT (recipient) DO UPDATE SET position = max(position, excluded.position)",
                (recipient, position),
            )

    def log_reads(self, reads: Sequence[FileRead]) -> None:
        """Keep ``reads`` in the read log, in one transaction."""
        check_reads(reads)
        with self._immediate() as connection:
            connection.executemany(
                f"INSERT INTO {self.prefix}read (at, officer_id, customer_ref, case_id, query) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (_utc(each.at), each.officer_id, each.customer_id, each.case_id, each.query)
                    for each in reads
                ],
            )

    def reads(self, customer_id: str | None = None) -> list[FileRead]:
        """The reads kept, of one customer when given, oldest first."""
        check_reader(customer_id)
        where = "" if customer_id is None else "WHERE customer_ref = ? "
        with self._translated(None):
            rows = (
                self._connection()
                .execute(
                    f"SELECT at, officer_id, customer_ref, case_id, query FROM {self.prefix}read "
                    + where
                    + "ORDER BY at, entry",
                    () if customer_id is None else (customer_id,),
                )
                .fetchall()
            )
        return [
            FileRead(datetime.fromisoformat(row[0]).replace(tzinfo=UTC), *row[1:]) for row in rows
        ]

    def erase_reads(self, before: pendulum.DateTime) -> int:
        """Delete the reads made before ``before``; how many went."""
        check_before(before)
        with self._immediate() as connection:
            cursor = connection.execute(
                f"DELETE FROM {self.prefix}read WHERE at < ?", (_utc(before),)
            )
        return int(cursor.rowcount)

    def add_subscription(self, subscription: Subscription) -> None:
        """Keep a webhook subscription; an id kept already is refused."""
        check_subscription(subscription)
        with self._immediate() as connection:
            added = connection.execute(
                f"INSERT INTO {self.prefix}webhook (webhook_id, document) VALUES (?, ?) "
                "ON CONFLICT (webhook_id) DO NOTHING",
                (subscription.id, subscription_document(subscription)),
            ).rowcount
        if not added:
            raise InvalidInput("subscription.id", "is taken by another subscription", "9.1")

    def subscriptions(self) -> list[Subscription]:
        """Every subscription that can be read, by id."""
        return self._subscriptions()[0]

    def unreadable_subscriptions(self) -> list[Problem]:
        """A problem naming each subscription that cannot be read."""
        return self._subscriptions()[1]

    def _subscriptions(self) -> tuple[list[Subscription], list[Problem]]:
        with self._translated(None):
            rows = self._connection().execute(
                f"SELECT webhook_id, document FROM {self.prefix}webhook ORDER BY webhook_id"
            )
            return readable_subscriptions(list(rows))

    def remove_subscription(self, subscription_id: str) -> bool:
        """Remove a subscription and its position; whether there was one."""
        check_id(subscription_id, "subscription_id", "9.1")
        with self._immediate() as connection:
            connection.execute(
                f"DELETE FROM {self.prefix}delivery WHERE recipient = ?",
                (webhook_recipient(subscription_id),),
            )
            removed = connection.execute(
                f"DELETE FROM {self.prefix}webhook WHERE webhook_id = ?", (subscription_id,)
            ).rowcount
        return bool(removed)

    def erase(
        self,
        cases: Sequence[Erasure],
        contacts: Sequence[ErasedContact],
        run: PurgeRun | None = None,
    ) -> None:
        """Rewrite the erased rows, and keep the ``run``'s record, in one
        transaction with ``secure_delete`` on, then ``VACUUM`` and empty the
        write-ahead log, so the old text is in none of the files (7.2)."""
        check_erasure(cases, contacts, run)
        p = self.prefix
        connection = self._connection()
        with self._translated(None):
            connection.execute("PRAGMA secure_delete = ON")
        with self._immediate() as connection:
            if run is not None:
                check_command_free(used=_used(connection, p, run.command_id))
                connection.execute(
                    f"INSERT INTO {p}purge_run (command_id, fingerprint, report) VALUES (?, ?, ?)",
                    (run.command_id, run.fingerprint, run.report),
                )
            for erasure in cases:
                case = erasure.case
                found = connection.execute(
                    f"SELECT version FROM {p}case WHERE case_id = ?", (case.id,)
                ).fetchone()
                stored = connection.execute(
                    f"SELECT seq, json_extract(document, '$.hash') FROM {p}event "
                    "WHERE case_id = ? ORDER BY seq",
                    (case.id,),
                ).fetchall()
                check_erased(erasure, None if found is None else found[0], stored)
                connection.execute(
                    f"UPDATE {p}case SET document = ? WHERE case_id = ?",
                    (codec.dumps(case), case.id),
                )
                connection.executemany(
                    f"UPDATE {p}event SET document = ? WHERE case_id = ? AND seq = ?",
                    [(event_document(event), case.id, event.seq) for event in erasure.events],
                )
                connection.execute(
                    f"UPDATE {p}event SET fingerprint = ? "
                    "WHERE case_id = ? AND fingerprint IS NOT NULL",
                    (ERASED, case.id),
                )
            for entry in contacts:
                found = connection.execute(
                    f"SELECT digest FROM {p}contact WHERE customer_ref = ? AND seq = ?",
                    (entry.customer_id, entry.seq),
                ).fetchone()
                check_erased_contact(entry, None if found is None else found[0])
                connection.execute(
                    f"UPDATE {p}contact SET document = ?, fingerprint = "
                    "CASE WHEN fingerprint IS NULL THEN NULL ELSE ? END "
                    "WHERE customer_ref = ? AND seq = ?",
                    (codec.dumps(entry.logged), ERASED, entry.customer_id, entry.seq),
                )
        with self._translated(None):
            connection.execute("VACUUM")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def purge_run(self, command_id: str) -> PurgeRun | None:
        """The purge run kept under ``command_id``, or ``None`` (7.2)."""
        check_command_id(command_id)
        with self._translated(None):
            connection = self._connection()
            row = connection.execute(
                f"SELECT fingerprint, report FROM {self.prefix}purge_run WHERE command_id = ?",
                (command_id,),
            ).fetchone()
            used = row is not None or _used(connection, self.prefix, command_id)
        found = own_command(row, used=used)
        return None if found is None else PurgeRun(command_id, found[0], found[1])

    def add_token(self, token: ApiToken) -> None:
        """Keep a newly issued API token (the HTTP API): its digest, never the secret."""
        check_token(token)
        try:
            with self._immediate() as connection:
                connection.execute(
                    f"INSERT INTO {self.prefix}token VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    token_row(token),
                )
        except sqlite3.IntegrityError:
            raise InvalidInput("token", "is kept already: issue a new one") from None

    def token(self, digest: str) -> ApiToken | None:
        """The API token with this digest, or ``None``."""
        check_id(digest, "digest")
        with self._reading(None) as connection:
            row = connection.execute(
                f"SELECT * FROM {self.prefix}token WHERE digest = ?", (digest,)
            ).fetchone()
        found = readable_tokens([] if row is None else [row])[0]
        return found[0] if found else None

    def tokens(self) -> list[ApiToken]:
        """Every API token that can be read, the oldest first."""
        return self._tokens()[0]

    def unreadable_tokens(self) -> list[Problem]:
        """A problem naming each API token that cannot be read."""
        return self._tokens()[1]

    def unreadable_token(self, token_id: str) -> UnreadableToken | None:
        """The token kept under ``token_id`` as far as it can be read, when
        its row cannot be read whole; ``None`` otherwise (7.4)."""
        check_id(token_id, "token_id")
        with self._reading(None) as connection:
            row = connection.execute(
                f"SELECT * FROM {self.prefix}token WHERE token_id = ?", (token_id,)
            ).fetchone()
        return None if row is None else unreadable_token(row)

    def _tokens(self) -> tuple[list[ApiToken], list[Problem]]:
        with self._reading(None) as connection:
            rows = connection.execute(
                f"SELECT * FROM {self.prefix}token ORDER BY token_id"
            ).fetchall()
        return readable_tokens(rows)

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
        with self._immediate() as connection:
            connection.execute(
                f"UPDATE {self.prefix}token SET revoked_at = ?, revoked_by = ?, "
                "seal_key_id = ?, seal = ? WHERE token_id = ? AND revoked_at IS NULL",
                (codec.utc_text(at), by, *seal_columns(seal), token_id),
            )
            found = connection.execute(
                f"SELECT 1 FROM {self.prefix}token WHERE token_id = ?", (token_id,)
            ).fetchone()
        return found is not None

    def close(self) -> None:
        """Close every thread's connection."""
        with self._lock:
            for connection in self._opened:
                connection.close()
            self._opened.clear()
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use, in WAL mode."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                self.path, isolation_level=None, timeout=10, check_same_thread=False
            )
            connection.execute("PRAGMA journal_mode = WAL")
            self._local.connection = connection
            with self._lock:
                self._opened.append(connection)
        return connection

    @contextmanager
    def _immediate(self) -> Iterator[sqlite3.Connection]:
        """A ``BEGIN IMMEDIATE`` transaction, committed only if the block
        ends normally."""
        connection = self._connection()
        with self._translated(None):
            connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        with self._translated(None):
            connection.execute("COMMIT")

    @contextmanager
    def _reading(self, case_id: str | None, end: str = "COMMIT") -> Iterator[sqlite3.Connection]:
        """A read transaction: every read in the block sees the same
        database. ``end`` is ``ROLLBACK`` for the audit scan: once SQLite's
        check has found the file damaged, a ``COMMIT`` fails again. On a
        thread whose unit of work is open (a command weighing the
        customer's other cases, 5.1) the reads are made in its transaction,
        which they neither begin again nor end."""
        connection = self._connection()
        if connection.in_transaction:
            with self._translated(case_id):
                yield connection
            return
        with self._translated(case_id):
            connection.execute("BEGIN")
            try:
                yield connection
            finally:
                connection.execute(end)

    def _case(self, connection: sqlite3.Connection, case_id: str) -> Case:
        row = connection.execute(
            f"SELECT document, schema_version FROM {self.prefix}case WHERE case_id = ?",
            (case_id,),
        ).fetchone()
        if row is None:
            raise CaseNotFound(case_id)
        return read_case(row[0], row[1], case_id)

    def _head(self, connection: sqlite3.Connection) -> tuple[int, str]:
        row = connection.execute(
            f"SELECT position, document, schema_version, case_id FROM {self.prefix}event "
            "ORDER BY position DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return 0, GENESIS
        position, document, version, case_id = row
        return position, read_event(document, version, position, case_id).hash

    def _contacts(
        self, connection: sqlite3.Connection, customer_id: str, since: pendulum.DateTime | None
    ) -> list[LoggedContact]:
        rows = connection.execute(
            f"SELECT document, schema_version FROM {self.prefix}contact "
            "WHERE customer_ref = ? AND at >= ? ORDER BY at, entry",
            (customer_id, "" if since is None else _utc(since)),
        )
        return [read_contact(*row) for row in rows]

    def _listed(self, condition: str, order: str, *values: Any) -> list[Case]:
        with self._translated(None):
            rows = self._connection().execute(
                f"SELECT case_id, document, schema_version FROM {self.prefix}case "
                f"WHERE {condition} ORDER BY {order}, case_id",
                tuple(str(value) for value in values),
            )
            return [read_case(text, version, case_id) for case_id, text, version in rows]

    def _scan_cases(self, clause: str) -> str:
        return (
            f"SELECT case_id, document, schema_version, {', '.join(_INDEXED)} "
            f"FROM {self.prefix}case {clause}"
        )

    def _scan_events(self, clause: str) -> str:
        return (
            f"SELECT position, case_id, seq, document, schema_version FROM {self.prefix}event "
            f"{clause}"
        )

    @contextmanager
    def _translated(self, case_id: str | None) -> Iterator[None]:
        """The driver's errors as the library's: a busy or unreachable file
        may be tried again, anything else needs an operator."""
        try:
            yield
        except sqlite3.OperationalError as error:
            raise StoreUnavailable(
                f"the database is busy or unreachable ({error})", case_id
            ) from error
        except sqlite3.DatabaseError as error:
            raise StoreDamaged(f"the database cannot be read ({error})", case_id) from error


class _CouncilUnitOfWork(UnitOfWork):
    """A unit of work inside an open ``BEGIN IMMEDIATE`` transaction."""

    def __init__(self, store: CouncilSQLiteStore, connection: sqlite3.Connection) -> None:
        self._store = store
        self._connection = connection
        self._tables = store.prefix

    def applied(self, command_id: str) -> AppliedCommand | None:
        check_command_id(command_id)
        row = self._connection.execute(
            f"SELECT case_id, fingerprint FROM {self._tables}event WHERE command_id = ?",
            (command_id,),
        ).fetchone()
        used = row is not None or _used(self._connection, self._tables, command_id)
        found = own_command(row, used=used)
        return None if found is None else AppliedCommand(command_id, *found)

    def feed_head(self) -> str:
        # BEGIN IMMEDIATE holds the write lock: no other event comes between.
        return self._store._head(self._connection)[1]

    def load(self, case_id: str) -> tuple[Case, AuditEvent]:
        check_id(case_id, "case_id")
        case = self._store._case(self._connection, case_id)
        row = self._connection.execute(
            f"SELECT document, schema_version, position FROM {self._tables}event "
            "WHERE case_id = ? ORDER BY seq DESC LIMIT 1",
            (case_id,),
        ).fetchone()
        if row is None:
            raise StoreDamaged("the case has no events", case_id)
        document, version, position = row
        return case, read_event(document, version, position, case_id)

    def save(
        self,
        case: Case,
        events: Sequence[AuditEvent],
        expected_version: int,
        command: AppliedCommand | None = None,
    ) -> None:
        row = self._connection.execute(
            f"SELECT version FROM {self._tables}case WHERE case_id = ?", (case.id,)
        ).fetchone()
        actual = None if row is None else row[0]
        if (actual or 0) != expected_version:
            raise ConcurrentUpdate(case.id, expected_version, actual)
        check_save(case, events, expected_version, command)
        if command is not None:
            check_command_free(used=_used(self._connection, self._tables, command.command_id))
        columns = _columns(case)
        self._connection.execute(
            f"INSERT INTO {self._tables}case (case_id, {', '.join(_INDEXED)}, document, "
            "schema_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, "
            "state = excluded.state, review_due = excluded.review_due, "
            "awaiting_since = excluded.awaiting_since, "
            "uninformed_since = excluded.uninformed_since, "
            "open_items_since = excluded.open_items_since, document = excluded.document, "
            "schema_version = excluded.schema_version",
            (
                case.id,
                *(columns[name] for name in _INDEXED),
                codec.dumps(case),
                codec.SCHEMA_VERSION,
            ),
        )
        for number, event in enumerate(events, 1):
            last = command if number == len(events) else None
            self._connection.execute(
                f"INSERT INTO {self._tables}event (case_id, seq, command_id, fingerprint, "
                "document, schema_version) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    case.id,
                    event.seq,
                    None if last is None else last.command_id,
                    None if last is None else last.fingerprint,
                    event_document(event),
                    codec.SCHEMA_VERSION,
                ),
            )


class _CouncilContactUnit:
    """A customer's contact log inside an open ``BEGIN IMMEDIATE`` transaction."""

    def __init__(
        self, store: CouncilSQLiteStore, connection: sqlite3.Connection, customer_id: str
    ) -> None:
        self._store = store
        self._connection = connection
        self._customer_id = customer_id

    def contacts(self, since: pendulum.DateTime | None = None) -> list[LoggedContact]:
        check_since(since)
        return self._store._contacts(self._connection, self._customer_id, since)

    def last(self) -> ContactLink | None:
        row = self._connection.execute(
            f"SELECT seq, digest, key_id FROM {self._store.prefix}contact "
            "WHERE customer_ref = ? ORDER BY seq DESC LIMIT 1",
            (self._customer_id,),
        ).fetchone()
        return None if row is None else ContactLink(*row)

    def applied(self, command_id: str) -> AppliedContact | None:
        check_command_id(command_id)
        row = self._connection.execute(
            f"SELECT entry, document, schema_version, fingerprint FROM {self._store.prefix}"
            "contact WHERE command_id = ?",
            (command_id,),
        ).fetchone()
        used = row is not None or _used(self._connection, self._store.prefix, command_id)
        if own_command(row, used=used) is None:
            return None
        return AppliedContact(row[0], read_contact(row[1], row[2]), row[3])

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
            check_command_free(used=_used(self._connection, self._store.prefix, command.command_id))
        cursor = self._connection.execute(
            f"INSERT INTO {self._store.prefix}contact (customer_ref, at, document, "
            "schema_version, seq, digest, key_id, command_id, fingerprint, waiting) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                logged.customer_id,
                _utc(logged.contact.at),
                codec.dumps(logged),
                codec.SCHEMA_VERSION,
                link.seq,
                link.digest,
                link.key_id,
                None if command is None else command.command_id,
                None if command is None else command.fingerprint,
                1 if waits else None,
            ),
        )
        assert cursor.lastrowid is not None, "an INSERT gives its row id"
        return cursor.lastrowid


class _CouncilScan:
    """Every row for ``verify_all``, in the read transaction its store opened."""

    def __init__(self, store: CouncilSQLiteStore, connection: sqlite3.Connection) -> None:
        self._store = store
        self._connection = connection

    def feed_end(self) -> int:
        row = self._connection.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = ?", (f"{self._store.prefix}event",)
        ).fetchone()
        return 0 if row is None else int(row[0])

    def trails(self) -> Iterator[StoredTrail]:
        return scanned_trails(
            map(_case_row, self._connection.execute(self._store._scan_cases("ORDER BY case_id"))),
            self._connection.execute(self._store._scan_events("ORDER BY case_id, seq")),
            (),
            _columns,
        )

    def contacts(self) -> Iterator[StoredContact]:
        rows = self._connection.execute(
            "SELECT entry, customer_ref, at, document, schema_version, seq, digest, key_id "
            f"FROM {self._store.prefix}contact ORDER BY customer_ref, seq"
        )
        return scanned_contacts(rows, lambda logged: _utc(logged.contact.at))

    def storage_problems(self) -> list[Problem]:
        """SQLite's own check of the store's case, event and contact tables
        and their indexes, not of the CRM's tables beside them."""
        return [
            problem
            for table in ("case", "event", "contact")
            for problem in integrity_problems(self._connection, f"{self._store.prefix}{table}")
        ]


def _case_row(row: tuple[Any, ...]) -> tuple[str, str, int, dict[str, Any]]:
    return row[0], row[1], row[2], dict(zip(_INDEXED, row[3:], strict=True))


def _columns(case: Case) -> dict[str, Any]:
    """The indexed columns of a case's row, as the unit of work writes them."""
    awaiting, uninformed = awaiting_since(case), uninformed_since(case)
    waiting = open_items_since(case)
    return {
        "version": case.version,
        "customer_ref": case.customer.id,
        "state": case.state.value,
        "reported_at": _utc(case.reported_at),
        "review_due": None if case.review_due is None else str(case.review_due),
        "awaiting_since": None if awaiting is None else _utc(awaiting),
        "uninformed_since": None if uninformed is None else _utc(uninformed),
        "open_items_since": None if waiting is None else _utc(waiting),
    }
