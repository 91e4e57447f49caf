"""``PostgresStore``: one PostgreSQL database shared by several application servers.

Built on psycopg 3, with its connections kept in a
:class:`psycopg_pool.ConnectionPool` (opened on first use, closed by
:meth:`PostgresStore.close`). Each command is one unit of work: one
transaction at READ COMMITTED on one connection, which locks the case's row
(``SELECT ... FOR UPDATE``) as it reads the case, so of two writers that
loaded the same version exactly one succeeds and the other gets
``ConcurrentUpdate``; a new case is inserted with ``ON CONFLICT DO NOTHING``
for the same reason. Read-only queries run without a write transaction;
``trail`` reads the case and its events in one REPEATABLE READ, READ ONLY
transaction.

Feed positions come from a single counter row updated in the save's own
transaction, not from a sequence. A sequence hands out numbers outside
transactions: a rolled-back save would leave a gap, and a save that took
position 8 could commit before the one that took position 7, so a follower
that had read 8 would never see 7. The counter row's lock makes saves commit
in position order and a rollback returns its numbers, so followers see every
position, once, in order. The same row keeps the global audit chain's head
(the last event's hash), which a command locks as it loads its case, in the
same round trip, so that its event chains to the one before it in the feed
(``docs/audit.md``). The cost is that saves queue for that one row
(``docs/stores.md``, "Design limits").

Waits are bounded: connecting by ``connect_timeout``, waiting for a lock by
``lock_timeout`` and any one statement by ``statement_timeout`` (seconds);
each ends in ``StoreUnavailable``.
"""

from __future__ import annotations

import math
import re
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any

import attrs
import pendulum

try:
    import psycopg
    from psycopg import errors, pq
    from psycopg_pool import ConnectionPool, PoolTimeout
except ModuleNotFoundError as missing:
    # The driver is an extra: an SQLite-only council does not install it.
    raise ModuleNotFoundError(
        f"PostgresStore needs {missing.name}, which is not installed; install "
        "contactpolicy with its postgres extra: pip install 'contactpolicy[postgres]'",
        name=missing.name,
    ) from None

from contactpolicy.audit import codec
from contactpolicy.audit.contacts import ContactLink, next_link
from contactpolicy.audit.events import GENESIS, AuditEvent
from contactpolicy.audit.keys import UNKEYED
from contactpolicy.audit.seal import StoredContact
from contactpolicy.audit.verify import StoredTrail
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case, CaseSummary, Note
from contactpolicy.domain.notices import Subscription
from contactpolicy.domain.reads import FileRead
from contactpolicy.domain.validation import require_command_id
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import (
    CaseNotFound,
    ConcurrentUpdate,
    InvalidInput,
    OutcomeUnknown,
    PolicyError,
    StoreDamaged,
    StoreError,
    StoreUnavailable,
)
from contactpolicy.stores.checks import (
    check_as_of,
    check_command_id,
    check_contact,
    check_erased,
    check_erased_contact,
    check_erasure,
    check_feed,
    check_id,
    check_listing,
    check_save,
    check_schema,
    check_seconds,
    check_since,
    check_unique_command,
)
from contactpolicy.stores.deliveries import (
    check_advance,
    check_recipient,
    check_subscription,
    read_subscription,
    subscription_document,
    webhook_recipient,
)
from contactpolicy.stores.protocols import ERASED, AppliedCommand, ErasedContact, Erasure
from contactpolicy.stores.reads import check_before, check_reader, check_reads
from contactpolicy.stores.rows import (
    DecodedCases,
    awaiting_since,
    case_document,
    event_document,
    note_document,
    read_case,
    read_contact,
    read_event,
    read_note,
    read_summary,
    scanned_contacts,
    scanned_trails,
)
from contactpolicy.stores.url import check_conninfo, redact

__all__ = ["MIGRATIONS", "PostgresStore", "server_words", "translate"]

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: each case as a snapshot row and its append-only events, and the feed
    # counter. Identifiers sort by code point (COLLATE "C"), as in every store.
    (
        """CREATE TABLE cases (
            id text COLLATE "C" PRIMARY KEY,
            state text NOT NULL,
            customer_id text COLLATE "C" NOT NULL,
            version integer NOT NULL,
            reported_at timestamptz NOT NULL,
            document jsonb NOT NULL,
            schema_version integer NOT NULL
        )""",
        "CREATE INDEX cases_by_customer ON cases (customer_id, reported_at, id)",
        "CREATE INDEX cases_by_state ON cases (state, reported_at, id)",
        """CREATE TABLE events (
            position bigint PRIMARY KEY,
            case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
            seq integer NOT NULL,
            document jsonb NOT NULL,
            schema_version integer NOT NULL,
            UNIQUE (case_id, seq)
        )""",
        """CREATE TABLE feed (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            last_position bigint NOT NULL
        )""",
        "INSERT INTO feed (last_position) VALUES (0)",
    ),
    # 2: the review date as a column, so due_reviews is an indexed query. The
    # states are spelled out because a migration must not change with the code.
    (
        "ALTER TABLE cases ADD COLUMN review_due date",
        """UPDATE cases SET review_due = (document #>> '{designation,review_due}')::date
           WHERE state IN ('designated', 'under_review', 'appealed')""",
        "CREATE INDEX cases_by_review_due ON cases (review_due, id)",
    ),
    # 3: the contact log, read by customer and time to count calls (5.1).
    (
        """CREATE TABLE contact_log (
            id bigserial PRIMARY KEY,
            customer_id text COLLATE "C" NOT NULL,
            at timestamptz NOT NULL,
            document jsonb NOT NULL,
            schema_version integer NOT NULL
        )""",
        "CREATE INDEX contact_log_by_customer ON contact_log (customer_id, at, id)",
    ),
    # 4: command ids kept with their events, unique in the store (safe
    # retries); when a decision in force awaits communication, indexed
    # (not_communicated); an index per filter combination of cases(); and
    # notes in rows of their own, moved out of the snapshots, so a command
    # writes what it adds whatever the length of the case's history.
    (
        """ALTER TABLE events ADD COLUMN command_id text COLLATE "C",
           ADD COLUMN fingerprint text""",
        """CREATE UNIQUE INDEX events_by_command ON events (command_id)
           WHERE command_id IS NOT NULL""",
        "ALTER TABLE cases ADD COLUMN awaiting_since timestamptz",
        """UPDATE cases
           SET awaiting_since = (document #>> '{designation,decided_at}')::timestamptz
           WHERE state IN ('designated', 'under_review', 'appealed')
           AND jsonb_typeof(document -> 'designation') = 'object'
           AND jsonb_typeof(document #> '{designation,communicated}') = 'null'""",
        """CREATE INDEX cases_not_communicated ON cases (awaiting_since, id)
           WHERE awaiting_since IS NOT NULL""",
        "CREATE INDEX cases_by_customer_state ON cases (customer_id, state, reported_at, id)",
        "CREATE INDEX cases_by_report ON cases (reported_at, id)",
        """CREATE TABLE notes (
            case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
            number integer NOT NULL,
            document jsonb NOT NULL,
            schema_version integer NOT NULL,
            PRIMARY KEY (case_id, number)
        )""",
        """INSERT INTO notes (case_id, number, document, schema_version)
           SELECT cases.id, note.number, note.document, cases.schema_version
           FROM cases, jsonb_array_elements(cases.document -> 'notes')
               WITH ORDINALITY AS note (document, number)""",
        """UPDATE cases SET document = jsonb_set(document, '{notes}', '[]')
           WHERE document -> 'notes' <> '[]'""",
    ),
    # 5: the global chain's head kept with the feed counter, locked as a
    # command loads its case (docs/audit.md); and the contact log chained
    # per customer: each entry's number in its customer's log, its digest and
    # the audit key's id. Entries already there are numbered in the order
    # they were logged and have no digest: they were never chained.
    (
        "ALTER TABLE feed ADD COLUMN last_hash text",
        """UPDATE feed SET last_hash = coalesce(
               (SELECT document ->> 'hash' FROM events ORDER BY position DESC LIMIT 1),
               repeat('0', 64))""",
        "ALTER TABLE feed ALTER COLUMN last_hash SET NOT NULL",
        "ALTER TABLE contact_log ADD COLUMN seq integer, ADD COLUMN digest text, "
        "ADD COLUMN key_id text",
        """UPDATE contact_log SET seq = numbered.seq FROM (
               SELECT id, row_number() OVER (PARTITION BY customer_id ORDER BY id) AS seq
               FROM contact_log) AS numbered
           WHERE contact_log.id = numbered.id""",
        "CREATE UNIQUE INDEX contact_log_chain ON contact_log (customer_id, seq)",
    ),
    # 6: the outbox (9.1): the feed position last delivered to each
    # recipient, and the webhook subscriptions.
    (
        """CREATE TABLE deliveries (
            recipient text COLLATE "C" PRIMARY KEY,
            position bigint NOT NULL
        )""",
        """CREATE TABLE webhooks (
            id text COLLATE "C" PRIMARY KEY,
            document text NOT NULL
        )""",
    ),
    # 7: the read log (7.4; UK GDPR Art. 5(1)(f)): who read whose case file,
    # when and by which query; erased by a purge after retention (7.2).
    (
        """CREATE TABLE read_log (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at timestamptz NOT NULL,
            officer_id text COLLATE "C" NOT NULL,
            customer_id text COLLATE "C" NOT NULL,
            case_id text COLLATE "C" NOT NULL,
            query text COLLATE "C" NOT NULL
        )""",
        "CREATE INDEX read_log_by_customer ON read_log (customer_id, at, id)",
        "CREATE INDEX read_log_by_time ON read_log (at, id)",
    ),
)
"""The schema's history: the database is brought to version ``n`` by running
steps 1 to ``n`` in order, each once, recorded in ``schema_migrations``."""

_MIGRATION_LOCK = 0x636F6E74616374
"""The advisory lock that lets one process at a time migrate ("contact")."""

_CONTACT_LOCK = 0x636C6F67
"""The class of the advisory locks on a customer's contact log ("clog"),
with the hash of the customer id as the lock's other key."""

_COMMAND_CONSTRAINT = "events_by_command"

_Meaning = tuple[type[psycopg.Error] | tuple[type[psycopg.Error], ...], type[StoreError], str]

_MEANINGS: tuple[_Meaning, ...] = (
    (
        (errors.SerializationFailure, errors.DeadlockDetected),
        StoreUnavailable,
        "PostgreSQL aborted the transaction because of a concurrent one; nothing was "
        "written, try again",
    ),
    (
        errors.LockNotAvailable,
        StoreUnavailable,
        "another session held a lock the command needs for longer than the lock "
        "timeout; nothing was written, try again",
    ),
    (
        errors.QueryCanceled,
        StoreUnavailable,
        "a statement ran longer than the statement timeout; nothing was written, try again",
    ),
    (
        (
            errors.AdminShutdown,
            errors.CrashShutdown,
            errors.CannotConnectNow,
            errors.TooManyConnections,
            errors.InsufficientResources,
        ),
        StoreUnavailable,
        "the PostgreSQL server is restarting, shutting down or out of connections; "
        "nothing was written, try again",
    ),
    (
        PoolTimeout,
        StoreUnavailable,
        "no connection to the PostgreSQL server became free within the connect timeout; "
        "nothing was written, try again",
    ),
    (
        errors.InsufficientPrivilege,
        StoreUnavailable,
        "the database user lacks a privilege the store needs",
    ),
    (
        (errors.DataCorrupted, errors.IndexCorrupted),
        StoreDamaged,
        "PostgreSQL found its data corrupted",
    ),
    (errors.IntegrityError, StoreDamaged, "the write contradicts the data stored in the database"),
    (errors.DataError, StoreDamaged, "PostgreSQL refused the data"),
    (psycopg.OperationalError, StoreUnavailable, "cannot use the PostgreSQL server"),
)


def translate(error: psycopg.Error, case_id: str | None) -> StoreError:
    """The library's error for a driver error, in words an operator can act on.

    Locks and statements that ran out of time, a server restarting, full or
    unreachable, and a transaction aborted by a concurrent one are
    :class:`StoreUnavailable` (nothing was written); corrupted data and
    writes that contradict the stored data are :class:`StoreDamaged`, as is
    anything not recognised. The message holds the SQLSTATE and the
    server's words (:func:`server_words`), never a password or the data.
    """
    kind, meaning = next(
        ((kind, words) for errors_, kind, words in _MEANINGS if isinstance(error, errors_)),
        (StoreDamaged, "PostgreSQL failed"),
    )
    code = f"{error.sqlstate}: " if error.sqlstate else ""
    return kind(f"{meaning} ({code}{server_words(error)})", case_id)


_QUOTED = re.compile(r'"[^"]*"')


def server_words(error: psycopg.Error) -> str:
    """What the server or driver said, safe to show and to log: only the
    primary message, never the DETAIL (which quotes rows and keys, so
    customers' names and ids), with quoted values of refused data left
    out and any password redacted.

    >>> server_words(errors.InvalidTextRepresentation('invalid input syntax: "Sam Taylor"'))
    'invalid input syntax: "…"'
    """
    words = error.diag.message_primary or str(error).split("\nDETAIL:")[0]
    if isinstance(error, errors.DataError):
        words = _QUOTED.sub('"…"', words)
    return redact(words.strip())


class PostgresStore:
    """Cases and events in a PostgreSQL database; the tables are created and
    migrated on first use, in the connection's ``search_path`` schema.

    ``conninfo`` is a libpq connection string or URL, e.g.
    ``postgresql://casework@db.example.org/contactpolicy``. Connecting waits
    at most ``connect_timeout`` seconds (libpq counts whole seconds, at
    least 2), waiting for a lock ``lock_timeout`` and a statement
    ``statement_timeout``; each ends in ``StoreUnavailable``. The pool keeps
    ``min_connections`` to ``max_connections`` connections; a command that
    finds them all busy waits up to ``connect_timeout`` for one.
    """

    def __init__(
        self,
        conninfo: str,
        *,
        connect_timeout: float = 5,
        lock_timeout: float = 5,
        statement_timeout: float = 30,
        min_connections: int = 1,
        max_connections: int = 10,
    ) -> None:
        check_conninfo(conninfo, "conninfo")
        self.connect_timeout = check_seconds("connect_timeout", connect_timeout)
        self.lock_timeout = check_seconds("lock_timeout", lock_timeout)
        self.statement_timeout = check_seconds("statement_timeout", statement_timeout)
        for name, size, least in (
            ("min_connections", min_connections, 0),
            ("max_connections", max_connections, max(1, min_connections)),
        ):
            if isinstance(size, bool) or not isinstance(size, int) or size < least:
                raise InvalidInput(
                    name, f"must be a whole number of at least {least}, got {size!r}"
                )
        self._conninfo = conninfo
        self._settings = {
            "lock_timeout": f"{math.ceil(self.lock_timeout * 1000)}ms",
            "statement_timeout": f"{math.ceil(self.statement_timeout * 1000)}ms",
        }
        self._connect: dict[str, Any] = {
            "connect_timeout": math.ceil(self.connect_timeout),
            "autocommit": True,
        }
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            conninfo,
            kwargs=self._connect,
            min_size=min_connections,
            max_size=max_connections,
            open=False,
            # Not a method of the store: the pool must not keep the store alive.
            configure=partial(_configure_pooled, self._settings),
            timeout=self.connect_timeout,
            num_workers=1,
            name="contactpolicy",
        )
        self._opening = threading.Lock()
        self._opened = False
        self._decoded = DecodedCases()
        self._finalizer = weakref.finalize(self, self._pool.close)
        self._migrate()

    @contextmanager
    def unit_of_work(self) -> Iterator[_PostgresUnitOfWork]:
        """One command's reads and write in one transaction on one pooled
        connection; the case's row is locked as it is read.

        Round trips are few: BEGIN goes with the first read, and the writes
        go with COMMIT when the block ends, so the feed counter's row is
        locked only while they are applied."""
        with self._connection(None) as connection:
            work = _PostgresUnitOfWork(self, connection)
            try:
                try:
                    yield work
                except BaseException:
                    work.abandon()
                    raise
                work.commit()
            except psycopg.Error as error:
                raise translate(error, work.case_id) from error
        for case, document, last_event, event in work.written:
            self._decoded.put(case, document, last_event, event)

    def load(self, case_id: str) -> Case:
        """The case as last saved; ``CaseNotFound`` if there is none."""
        check_id(case_id, "case_id")
        with self._connection(case_id) as connection:
            return _read_case(connection, case_id)

    def trail(self, case_id: str) -> tuple[Case, list[AuditEvent]]:
        """The case and all its events, read in one REPEATABLE READ snapshot."""
        check_id(case_id, "case_id")
        with self._connection(case_id) as connection:
            connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            try:
                case = _read_case(connection, case_id)
                rows = connection.execute(
                    """SELECT document::text, schema_version, position, case_id FROM events
                       WHERE case_id = %s ORDER BY seq""",
                    (case_id,),
                ).fetchall()
            finally:
                if not connection.broken:
                    connection.execute("COMMIT")
        return case, [read_event(*row) for row in rows]

    def stored_trail(self, case_id: str) -> StoredTrail:
        """The case, its events and what was found reading their rows, in
        one REPEATABLE READ snapshot."""
        check_id(case_id, "case_id")
        with self._snapshot(case_id) as connection:
            cases = connection.execute(_SCAN_CASES + " WHERE id = %s", (case_id,)).fetchall()
            events = connection.execute(
                _SCAN_EVENTS + " WHERE case_id = %s ORDER BY seq", (case_id,)
            ).fetchall()
            notes = connection.execute(
                _SCAN_NOTES + " WHERE case_id = %s ORDER BY number", (case_id,)
            ).fetchall()
        if not cases and not events:
            raise CaseNotFound(case_id)
        return next(scanned_trails(map(_case_row, cases), events, notes, _columns))

    def erase(self, cases: Sequence[Erasure], contacts: Sequence[ErasedContact]) -> None:
        """Rewrite the erased rows in one transaction, each case's row locked
        (``FOR UPDATE``) as it is checked, and each customer's log under its
        advisory lock (7.2). The old row versions stay in the table's files
        as dead tuples until ``VACUUM`` reclaims them (autovacuum does, in
        time; ``docs/data-protection.md`` says when to run it)."""
        check_erasure(cases, contacts)
        with self._connection(None) as connection, connection.transaction():
            for erasure in cases:
                _erase_case(connection, erasure)
            for entry in contacts:
                connection.execute(
                    "SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                    (_CONTACT_LOCK, entry.customer_id),
                )
                found = connection.execute(
                    "SELECT digest FROM contact_log WHERE customer_id = %s AND seq = %s",
                    (entry.customer_id, entry.seq),
                ).fetchone()
                check_erased_contact(entry, None if found is None else found[0])
                connection.execute(
                    """UPDATE contact_log SET document = %s::jsonb
                       WHERE customer_id = %s AND seq = %s""",
                    (codec.dumps(entry.logged), entry.customer_id, entry.seq),
                )
        self._decoded.clear()

    @contextmanager
    def audit_scan(self) -> Iterator[_PostgresScan]:
        """Every row, read once, in one REPEATABLE READ snapshot, streamed
        through server-side cursors."""
        with self._snapshot(None) as connection:
            scan = _PostgresScan(connection)
            try:
                yield scan
            finally:
                scan.close()

    def head(self) -> tuple[int, str]:
        """The position and hash of the feed's last event."""
        with self._connection(None) as connection:
            row = connection.execute(
                "SELECT position, document ->> 'hash' FROM events ORDER BY position DESC LIMIT 1"
            ).fetchone()
        return (0, GENESIS) if row is None else (row[0], row[1])

    @contextmanager
    def _snapshot(self, case_id: str | None) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection in a REPEATABLE READ, READ ONLY transaction."""
        with self._connection(case_id) as connection:
            connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            try:
                yield connection
            finally:
                if not connection.broken:
                    connection.execute("COMMIT")

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
        clauses: list[str] = []
        values: dict[str, Any] = {"state": None if state is None else state.value}
        if state is not None:
            clauses.append("state = %(state)s")
        if customer_id is not None:
            clauses.append("customer_id = %(customer_id)s")
            values["customer_id"] = customer_id
        if after is not None:
            clauses.append("(reported_at, id) > (%(after_at)s, %(after)s)")
        with self._connection(None) as connection:
            if after is not None:
                start = connection.execute(
                    "SELECT reported_at FROM cases WHERE id = %s", (after,)
                ).fetchone()
                if start is None:
                    raise CaseNotFound(after)
                values |= {"after_at": start[0], "after": after}
            where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
            page = "" if limit is None else f"LIMIT {int(limit)}"
            return _read_cases(connection, f"{where} ORDER BY reported_at, id {page}", values)

    def due_reviews(self, as_of: pendulum.Date) -> list[Case]:
        """Cases in force whose review is due by ``as_of``, longest overdue first."""
        check_as_of(as_of)
        with self._connection(None) as connection:
            return _read_cases(
                connection,
                "WHERE review_due <= %(as_of)s ORDER BY review_due, id",
                {"as_of": as_of},
            )

    def not_communicated(self) -> list[Case]:
        """Latest decisions not recorded as communicated, oldest first."""
        with self._connection(None) as connection:
            return _read_cases(
                connection,
                "WHERE awaiting_since IS NOT NULL ORDER BY awaiting_since, id",
                {},
            )

    def events_since(self, position: int, limit: int) -> list[AuditEvent]:
        """The feed after ``position``, at most ``limit`` events."""
        check_feed(position, limit)
        with self._connection(None) as connection:
            rows = connection.execute(
                """SELECT document::text, schema_version, position, case_id FROM events
                   WHERE position > %s ORDER BY position LIMIT %s""",
                (position, limit),
            ).fetchall()
        return [read_event(*row) for row in rows]

    def record_contact(self, logged: LoggedContact) -> int:
        """Append one entry to the contact log, chained unkeyed; its id."""
        check_contact(logged)
        with self.contact_unit(logged.customer_id) as unit:
            return unit.append(logged, next_link(unit.last(), logged, UNKEYED))

    @contextmanager
    def contact_unit(self, customer_id: str) -> Iterator[_PostgresContactUnit]:
        """The customer's log in one transaction holding an advisory lock on
        the customer, taken before the recent contacts are read."""
        check_id(customer_id, "customer_id", "5.1")
        with self._connection(None) as connection, connection.transaction():
            connection.execute(
                "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_CONTACT_LOCK, customer_id)
            )
            yield _PostgresContactUnit(connection, customer_id)

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        """The customer's logged contacts at or after ``since``, oldest first."""
        check_id(customer_id, "customer_id", "5.1")
        check_since(since)
        with self._connection(None) as connection:
            return _contacts(connection, customer_id, since)

    def delivered(self, recipient: str) -> int:
        """The feed position last delivered to ``recipient``, 0 if none."""
        check_recipient(recipient)
        with self._connection(None) as connection:
            row = connection.execute(
                "SELECT position FROM deliveries WHERE recipient = %s", (recipient,)
            ).fetchone()
        return 0 if row is None else int(row[0])

    def advance(self, recipient: str, position: int) -> None:
        """Record ``recipient`` delivered up to ``position``; never back."""
        check_advance(recipient, position)
        with self._connection(None) as connection:
            connection.execute(
                """INSERT INTO deliveries (recipient, position) VALUES (%s, %s)
                   ON CONFLICT (recipient) DO UPDATE
                   SET position = greatest(deliveries.position, excluded.position)""",
                (recipient, position),
            )

    def log_reads(self, reads: Sequence[FileRead]) -> None:
        """Keep ``reads``, in one transaction."""
        check_reads(reads)
        if not reads:
            return
        with self._connection(None) as connection, connection.cursor() as cursor:
            cursor.executemany(
                """INSERT INTO read_log (at, officer_id, customer_id, case_id, query)
                   VALUES (%s, %s, %s, %s, %s)""",
                [
                    (each.at, each.officer_id, each.customer_id, each.case_id, each.query)
                    for each in reads
                ],
            )

    def reads(self, customer_id: str | None = None) -> list[FileRead]:
        """The reads kept, of one customer when given, oldest first."""
        check_reader(customer_id)
        where = "" if customer_id is None else "WHERE customer_id = %s "
        with self._connection(None) as connection:
            rows = connection.execute(
                "SELECT at, officer_id, customer_id, case_id, query FROM read_log "
                + where
                + "ORDER BY at, id",
                () if customer_id is None else (customer_id,),
            ).fetchall()
        return [FileRead(row[0], row[1], row[2], row[3], row[4]) for row in rows]

    def erase_reads(self, before: pendulum.DateTime) -> int:
        """Delete the reads made before ``before``; how many went."""
        check_before(before)
        with self._connection(None) as connection:
            deleted = connection.execute("DELETE FROM read_log WHERE at < %s", (before,))
            return int(deleted.rowcount)

    def add_subscription(self, subscription: Subscription) -> None:
        """Keep a webhook subscription; an id kept already is refused."""
        check_subscription(subscription)
        with self._connection(None) as connection:
            added = connection.execute(
                """INSERT INTO webhooks (id, document) VALUES (%s, %s)
                   ON CONFLICT (id) DO NOTHING""",
                (subscription.id, subscription_document(subscription)),
            ).rowcount
        if not added:
            raise InvalidInput("subscription.id", "is taken by another subscription", "9.1")

    def subscriptions(self) -> list[Subscription]:
        """Every subscription, by id."""
        with self._connection(None) as connection:
            rows = connection.execute("SELECT document FROM webhooks ORDER BY id").fetchall()
        return [read_subscription(row[0]) for row in rows]

    def remove_subscription(self, subscription_id: str) -> bool:
        """Remove a subscription and its position; whether there was one."""
        check_id(subscription_id, "subscription_id", "9.1")
        with self._connection(None) as connection, connection.transaction():
            connection.execute(
                "DELETE FROM deliveries WHERE recipient = %s",
                (webhook_recipient(subscription_id),),
            )
            removed = connection.execute(
                "DELETE FROM webhooks WHERE id = %s", (subscription_id,)
            ).rowcount
        return bool(removed)

    def close(self) -> None:
        """Close the pool and its connections."""
        self._pool.close()
        self._decoded.clear()

    def _migrate(self) -> None:
        """Bring the schema up to date on a connection of its own, so a server
        that cannot be reached says why at once, not after the pool's wait."""
        try:
            with psycopg.connect(self._conninfo, **self._connect) as connection:
                _configure(self._settings, connection)
                with connection.transaction():
                    connection.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                    connection.execute(
                        """CREATE TABLE IF NOT EXISTS schema_migrations (
                            version integer PRIMARY KEY,
                            applied_at timestamptz NOT NULL DEFAULT now()
                        )"""
                    )
                    found = _one(
                        connection.execute(
                            "SELECT coalesce(max(version), 0) FROM schema_migrations"
                        )
                    )
                    check_schema(found, len(MIGRATIONS), "the PostgreSQL database")
                    for version in range(found + 1, len(MIGRATIONS) + 1):
                        for statement in MIGRATIONS[version - 1]:
                            connection.execute(statement)
                        connection.execute(
                            "INSERT INTO schema_migrations (version) VALUES (%s)", (version,)
                        )
        except psycopg.Error as error:
            raise translate(error, None) from error

    @contextmanager
    def _connection(self, case_id: str | None) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection in autocommit mode for one call; driver errors
        become :class:`StoreError`."""
        if not self._opened:
            with self._opening:
                if not self._opened:
                    self._opened = True
                    # Waiting for the first connections fails fast on a
                    # server out of reach, and means no connection is being
                    # opened behind the first command's back.
                    try:
                        self._pool.open(wait=True, timeout=self.connect_timeout)
                    except PoolTimeout as error:
                        raise translate(error, case_id) from error
        try:
            with self._pool.connection() as connection:
                yield connection
        except psycopg.Error as error:
            raise translate(error, case_id) from error

    def summaries(
        self,
        state: CaseState | None = None,
        customer_id: str | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[CaseSummary]:
        """The summaries of :meth:`cases`, read from the rows' columns; the
        customer's name and the issue are read out of the document by the
        server (``#>>``, ``->>``), so no case file is decoded."""
        check_listing(state, customer_id, after, limit)
        clauses: list[str] = []
        values: dict[str, Any] = {}
        if state is not None:
            clauses.append("state = %(state)s")
            values["state"] = state.value
        if customer_id is not None:
            clauses.append("customer_id = %(customer_id)s")
            values["customer_id"] = customer_id
        with self._connection(None) as connection:
            if after is not None:
                start = connection.execute(
                    "SELECT reported_at FROM cases WHERE id = %s", (after,)
                ).fetchone()
                if start is None:
                    raise CaseNotFound(after)
                clauses.append("(reported_at, id) > (%(after_at)s, %(after)s)")
                values |= {"after_at": start[0], "after": after}
            where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
            page = "" if limit is None else f"LIMIT {int(limit)}"
            rows = connection.execute(
                f"""SELECT id, customer_id, document #>> '{{customer,name}}', state,
                       reported_at, review_due, document ->> 'issue', schema_version
                    FROM cases {where} ORDER BY reported_at, id {page}""",
                values,
            ).fetchall()
        return [read_summary(*row) for row in rows]


class _PostgresUnitOfWork:
    """A :class:`~contactpolicy.stores.protocols.UnitOfWork` on one pooled
    connection: reads run as they are asked for, inside a transaction begun
    with the first of them; writes are kept until :meth:`commit`, which
    sends them and COMMIT together."""

    def __init__(self, store: PostgresStore, connection: psycopg.Connection[Any]) -> None:
        self._store = store
        self._connection = connection
        self._begun = False
        self._head: str | None = None
        self.case_id: str | None = None
        """The case the unit of work last loaded or saved, for its errors."""
        self._loaded: dict[str, Case] = {}
        self._saves: list[tuple[Case, Sequence[AuditEvent], int, AppliedCommand | None]] = []
        self.written: list[tuple[Case, str, str, AuditEvent]] = []
        """What the transaction wrote, for the store's decoded cases once it commits."""

    def applied(self, command_id: str) -> AppliedCommand | None:
        check_command_id(command_id)
        # A read on its own: it needs no lock, so it opens no transaction.
        row = self._connection.execute(
            "SELECT command_id, case_id, fingerprint FROM events WHERE command_id = %s",
            (command_id,),
        ).fetchone()
        return None if row is None else AppliedCommand(*row)

    def feed_head(self) -> str:
        if self._head is None:
            statements = [b"EXECUTE contactpolicy_feed_head"]
            if not self._begun:
                statements.insert(0, b"BEGIN")
            cursor = self._connection.execute(b"; ".join(statements), prepare=False)
            if not self._begun:
                cursor.nextset()
            self._begun = True
            self._head = _one(cursor)
        return self._head

    def load(self, case_id: str) -> tuple[Case, AuditEvent]:
        check_id(case_id, "case_id")
        self.case_id = case_id
        row, event_row = self._lock(case_id, last_event=True)
        if row is None:
            raise CaseNotFound(case_id)
        version, document, schema_version = row
        if event_row is None:
            raise StoreDamaged("the case has no events", case_id)
        event, event_version, position = event_row
        found = self._store._decoded.get(case_id, version, document, event)
        if found is None:
            case = read_case(document, schema_version, case_id, _notes(self._connection, case_id))
            found = case, read_event(event, event_version, position, case_id)
            self._store._decoded.put(case, document, event, found[1])
        self._loaded[case_id] = found[0]
        return found

    def save(
        self,
        case: Case,
        events: Sequence[AuditEvent],
        expected_version: int,
        command: AppliedCommand | None = None,
    ) -> None:
        self.case_id = case.id
        loaded = self._loaded.get(case.id)
        if loaded is not None:
            actual: int | None = loaded.version
        else:
            row, _ = self._lock(case.id, last_event=False)
            actual = None if row is None else row[0]
        if (actual or 0) != expected_version:
            raise ConcurrentUpdate(case.id, expected_version, actual)
        check_save(case, events, expected_version, command)
        if command is not None:
            require_command_id(command.command_id)
        # The notes stored now: a case loaded here has them; otherwise read them.
        if expected_version != 0 and loaded is None:
            self._loaded[case.id] = attrs.evolve(case, notes=_notes(self._connection, case.id))
        elif expected_version == 0:
            self._loaded.pop(case.id, None)
        self._saves.append((case, tuple(events), expected_version, command))

    def abandon(self) -> None:
        """Roll back: the block ended with an exception; nothing is written."""
        if self._begun and not self._connection.broken:
            self._connection.execute("ROLLBACK")

    def commit(self) -> None:
        """Send the writes kept by :meth:`save` and COMMIT, in one round trip.

        Text a literal cannot carry is ``InvalidInput`` naming its field, and
        nothing is sent; a command id another transaction saved meanwhile
        is ``InvalidInput``, a case another created meanwhile
        ``ConcurrentUpdate``; a connection lost before COMMIT's reply is
        ``OutcomeUnknown``."""
        connection = self._connection
        rows: list[tuple[Any, ...] | None] = []
        statements = [_GENERIC_PLANS] if self._saves else []
        wanted: set[int] = set()
        try:
            for save in self._saves:
                statements += self._write(*save)
                wanted.add(len(statements) - 1)
        except InvalidInput:
            self.abandon()
            raise
        try:
            if self._begun:
                statements.append(b"COMMIT")
                cursor = connection.execute(b"; ".join(statements), prepare=False)
                for index in range(len(statements)):
                    if index in wanted:
                        rows.append(cursor.fetchone())
                    cursor.nextset()
        except errors.UniqueViolation as error:
            self.abandon()
            raise self._refusal(error) from None
        except psycopg.OperationalError as error:
            if not connection.broken or not self._saves:
                self.abandon()
                raise
            case, *_, command = self._saves[-1]
            raise OutcomeUnknown(
                "the connection to the PostgreSQL server was lost during COMMIT, so the "
                "command may or may not have been saved; repeat it with the same "
                f"command id ({type(error).__name__})",
                case.id,
                None if command is None else command.command_id,
            ) from error
        except psycopg.Error:
            self.abandon()
            raise
        for (case, events, _, _), row in zip(self._saves, rows, strict=True):
            document, position, event_text = row or ("", 0, "")
            self.written.append(
                (case, document, event_text, attrs.evolve(events[-1], position=position))
            )

    def _write(
        self,
        case: Case,
        events: Sequence[AuditEvent],
        expected_version: int,
        command: AppliedCommand | None,
    ) -> list[bytes]:
        """The statements of one save, the last of which writes the
        snapshot, the new notes, the feed positions and the events and
        returns the snapshot's and the last event's stored text and the
        position (:data:`_SAVE`)."""
        connection = self._connection
        escaping = pq.Escaping(connection.pgconn)
        encoding = connection.info.encoding

        def literal(field: str, value: str | int | None) -> bytes:
            if value is None:
                return b"NULL"
            if isinstance(value, int):
                return str(value).encode()
            encoded = _encoded(field, value, encoding)
            if b"\x00" in encoded:
                # A literal would end at the NUL, and the statement with it.
                raise InvalidInput(
                    field,
                    "must not contain the NUL character (U+0000), which PostgreSQL cannot store",
                )
            return escaping.escape_literal(encoded)

        new = expected_version == 0
        stored = () if new else self._loaded[case.id].notes
        statements: list[bytes] = []
        if case.notes[: len(stored)] != stored:
            statements.append(b"DELETE FROM notes WHERE case_id = " + literal("id", case.id))
            stored = ()
        awaiting = awaiting_since(case)
        values = (
            ("id", case.id),
            ("state", case.state.value),
            ("customer.id", case.customer.id),
            ("review_due", None if case.review_due is None else case.review_due.isoformat()),
            ("awaiting_since", None if awaiting is None else awaiting.isoformat()),
            ("version", case.version),
            ("reported_at", case.reported_at.isoformat()),
            ("case", case_document(case)),
            ("schema_version", codec.SCHEMA_VERSION),
            ("notes", len(stored) + 1),
            ("notes", _array(note_document(note) for note in case.notes[len(stored) :])),
            ("events", len(events)),
            ("events", events[0].seq),
            ("events", _array(event_document(event) for event in events)),
            ("command_id", None if command is None else command.command_id),
            ("fingerprint", None if command is None else command.fingerprint),
            ("events", events[-1].hash),
        )
        self._loaded[case.id] = case
        statement = (
            b"EXECUTE contactpolicy_insert_case ("
            if new
            else b"EXECUTE contactpolicy_update_case ("
        )
        statements.append(statement + b", ".join(literal(*value) for value in values) + b")")
        return statements

    def _refusal(self, error: errors.UniqueViolation) -> PolicyError:
        """What a unique violation at COMMIT means for the caller."""
        constraint = error.diag.constraint_name
        case, _, expected_version, command = self._saves[-1]
        if constraint == _COMMAND_CONSTRAINT and command is not None:
            # The id is taken: the unique index is the check, so a command
            # with an id needs no read of its own unless it is refused.
            try:
                check_unique_command(command, self.applied(command.command_id))
            except InvalidInput as refused:
                return refused
            return InvalidInput(
                "command_id",
                f"{command.command_id!r} was already used for another command; "
                "give each command its own id",
            )
        if constraint == "cases_pkey":
            # Another writer created the case after the check in save.
            found = self._connection.execute(
                "SELECT version FROM cases WHERE id = %s", (case.id,)
            ).fetchone()
            return ConcurrentUpdate(case.id, expected_version, None if found is None else found[0])
        return translate(error, case.id)

    def _lock(
        self, case_id: str, *, last_event: bool
    ) -> tuple[tuple[Any, ...] | None, tuple[Any, ...] | None]:
        """Lock the case's row and read it (version, document, schema
        version) and, if asked, its last event (document, schema version,
        position), beginning the transaction if it is not yet begun; ``None``
        for what is not there.

        One round trip: the statements go as one simple query, the id as a
        quoted literal. At READ COMMITTED the event is read with a snapshot
        taken after the row's lock is held, so it is the last event of the
        version locked, never an older one. An id no stored case can have
        (one holding NUL, which a literal would cut short, or text the
        connection cannot carry) finds nothing without a query."""
        connection = self._connection
        try:
            encoded = _encoded("id", case_id, connection.info.encoding)
        except InvalidInput:
            return None, None
        if b"\x00" in encoded:
            return None, None
        key = pq.Escaping(connection.pgconn).escape_literal(encoded)
        statements = [b"EXECUTE contactpolicy_lock (" + key + b")"]
        if last_event:
            statements.append(b"EXECUTE contactpolicy_last_event (" + key + b")")
            if self._head is None:
                # The global chain's head, locked in the same round trip.
                statements.append(b"EXECUTE contactpolicy_feed_head")
        if not self._begun:
            statements.insert(0, b"BEGIN")
        cursor = connection.execute(b"; ".join(statements), prepare=False)
        if not self._begun:
            cursor.nextset()
        self._begun = True
        row = cursor.fetchone()
        event_row = None
        if last_event:
            cursor.nextset()
            event_row = cursor.fetchone()
            if self._head is None:
                cursor.nextset()
                self._head = _one(cursor)
        return row, event_row


_GENERIC_PLANS = b"SET LOCAL plan_cache_mode = force_generic_plan"
"""Sent before a unit of work's writes: the save statements' plans depend
little on the values, and planning one afresh (as PostgreSQL otherwise
keeps choosing to) costs more than running it."""

_INSERT_CASE = """INSERT INTO cases (id, state, customer_id, review_due, awaiting_since,
        version, reported_at, document, schema_version)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
    RETURNING document::text"""

_UPDATE_CASE = """UPDATE cases SET state = $2, customer_id = $3, review_due = $4,
        awaiting_since = $5, version = $6, reported_at = $7, document = $8,
        schema_version = $9
    WHERE id = $1
    RETURNING document::text"""

_SAVE = """(text, text, text, date, timestamptz, integer, timestamptz, jsonb, integer,
        integer, jsonb, integer, integer, jsonb, text, text, text) AS
    WITH snapshot AS (%s),
    new_notes AS (
        INSERT INTO notes (case_id, number, document, schema_version)
        SELECT $1, $10 + note.number - 1, note.document, $9
        FROM jsonb_array_elements($11) WITH ORDINALITY AS note (document, number)
    ),
    next AS (
        UPDATE feed SET last_position = last_position + $12, last_hash = $17
        RETURNING last_position
    ),
    placed AS (
        INSERT INTO events (position, case_id, seq, document, schema_version, command_id,
            fingerprint)
        SELECT next.last_position - $12 + event.number, $1, $13 + event.number - 1,
            event.document, $9,
            CASE WHEN event.number = $12 THEN $15 END,
            CASE WHEN event.number = $12 THEN $16 END
        FROM next, jsonb_array_elements($14) WITH ORDINALITY AS event (document, number)
        RETURNING position, document::text
    )
    SELECT snapshot.document, placed.position, placed.document
    FROM snapshot, placed ORDER BY placed.position DESC LIMIT 1"""
"""One save in one statement, given the case row's columns ($1-$9: id,
state, customer, review date, awaiting since, version, reported at,
document, schema version), the number of its first new note ($10), its new
notes as a JSON array ($11), the number of events ($12), the first one's
sequence number ($13), the events as a JSON array ($14), the command id
and fingerprint ($15, $16) kept with the last event and its hash, the global
chain's new head ($17). It writes the snapshot
(an INSERT or UPDATE in place of ``%s``), the new notes, the next feed
positions taken from the counter row (whose lock orders the commits) and the
events at them, and returns the stored text of the snapshot and of the last
event, and that event's position. A row's foreign keys are checked at the
end of the statement, so the events of a new case may reference it."""

_PREPARED = (
    """PREPARE contactpolicy_lock (text) AS
       SELECT version, document::text, schema_version FROM cases WHERE id = $1 FOR UPDATE""",
    "PREPARE contactpolicy_feed_head AS SELECT last_hash FROM feed FOR UPDATE",
    """PREPARE contactpolicy_last_event (text) AS
       SELECT document::text, schema_version, position FROM events
       WHERE case_id = $1 ORDER BY seq DESC LIMIT 1""",
    "PREPARE contactpolicy_insert_case " + _SAVE % _INSERT_CASE,
    "PREPARE contactpolicy_update_case " + _SAVE % _UPDATE_CASE,
)
"""The statements of a unit of work, prepared on each pooled connection: a
unit of work sends them in simple queries, several to a round trip, with the
values as quoted literals, and the server neither parses nor plans them
again."""


def _encoded(field: str, text: str, encoding: str) -> bytes:
    """``text`` in the connection's encoding; :class:`InvalidInput` naming
    ``field`` if it cannot be (a lone surrogate is not Unicode text)."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        raise InvalidInput(
            field,
            f"must be text the database can store, in {encoding}; it holds a character that is not",
        ) from None


def _array(documents: Iterable[str]) -> str:
    """JSON documents as the text of one JSON array, which the save
    statement takes apart again (cheaper to build than a ``text[]``)."""
    return "[" + ",".join(documents) + "]"


def _configure(settings: dict[str, str], connection: psycopg.Connection[Any]) -> None:
    """Bound every wait of a new connection and turn JIT compilation off
    (the pool calls this). The store's queries are short index lookups:
    compiling one to machine code takes longer than running it many times
    over, which the planner may choose to do on a table whose size it
    misjudges, such as one just filled in bulk."""
    connection.execute(
        """SELECT set_config('lock_timeout', %s, false),
               set_config('statement_timeout', %s, false), set_config('jit', 'off', false)""",
        (settings["lock_timeout"], settings["statement_timeout"]),
    )


def _configure_pooled(settings: dict[str, str], connection: psycopg.Connection[Any]) -> None:
    """Configure a pooled connection (:func:`_configure`) and prepare the
    statements units of work begin with (:data:`_PREPARED`)."""
    _configure(settings, connection)
    # psycopg's own statement preparation is off: it answers every ROLLBACK
    # with DEALLOCATE ALL, which would drop the store's statements too, and
    # a refused command rolls back.
    connection.prepare_threshold = None
    for statement in _PREPARED:
        connection.execute(statement)


def _erase_case(connection: psycopg.Connection[Any], erasure: Erasure) -> None:
    """Rewrite one case's snapshot, notes and events as ``erasure`` has them."""
    case = erasure.case
    version = connection.execute(
        "SELECT version FROM cases WHERE id = %s FOR UPDATE", (case.id,)
    ).fetchone()
    stored = connection.execute(
        "SELECT seq, document ->> 'hash' FROM events WHERE case_id = %s ORDER BY seq",
        (case.id,),
    ).fetchall()
    check_erased(erasure, None if version is None else version[0], stored)
    connection.execute(
        "UPDATE cases SET document = %s::jsonb WHERE id = %s", (case_document(case), case.id)
    )
    connection.execute("DELETE FROM notes WHERE case_id = %s", (case.id,))
    with connection.cursor() as cursor:
        cursor.executemany(
            """INSERT INTO notes (case_id, number, document, schema_version)
               VALUES (%s, %s, %s::jsonb, %s)""",
            [
                (case.id, number, note_document(note), codec.SCHEMA_VERSION)
                for number, note in enumerate(case.notes, start=1)
            ],
        )
        cursor.executemany(
            "UPDATE events SET document = %s::jsonb WHERE case_id = %s AND seq = %s",
            [(event_document(event), case.id, event.seq) for event in erasure.events],
        )
    connection.execute(
        "UPDATE events SET fingerprint = %s WHERE case_id = %s AND fingerprint IS NOT NULL",
        (ERASED, case.id),
    )


def _notes(connection: psycopg.Connection[Any], case_id: str) -> tuple[Note, ...]:
    rows = connection.execute(
        """SELECT document::text, schema_version FROM notes
           WHERE case_id = %s ORDER BY number""",
        (case_id,),
    ).fetchall()
    return tuple(read_note(document, version, case_id) for document, version in rows)


def _read_case(connection: psycopg.Connection[Any], case_id: str) -> Case:
    row = connection.execute(
        "SELECT document::text, schema_version FROM cases WHERE id = %s", (case_id,)
    ).fetchone()
    if row is None:
        raise CaseNotFound(case_id)
    return read_case(row[0], row[1], case_id, _notes(connection, case_id))


def _read_cases(
    connection: psycopg.Connection[Any], condition: str, values: dict[str, Any]
) -> list[Case]:
    """The cases ``condition`` (a WHERE, ORDER BY and LIMIT) selects, with
    their notes, in one statement."""
    rows = connection.execute(
        f"""SELECT cases.id, cases.document::text, cases.schema_version,
               coalesce((SELECT array_agg(document::text ORDER BY number)
                         FROM notes WHERE notes.case_id = cases.id), '{{}}'),
               coalesce((SELECT array_agg(schema_version ORDER BY number)
                         FROM notes WHERE notes.case_id = cases.id), '{{}}')
            FROM cases {condition}""",
        values,
    ).fetchall()
    return [
        read_case(
            document,
            version,
            case_id,
            [read_note(text, kept, case_id) for text, kept in zip(notes, versions, strict=True)],
        )
        for case_id, document, version, notes, versions in rows
    ]


class _PostgresContactUnit:
    """A :class:`~contactpolicy.stores.protocols.ContactUnit` in a
    transaction holding the customer's advisory lock."""

    def __init__(self, connection: psycopg.Connection[Any], customer_id: str) -> None:
        self._connection = connection
        self._customer_id = customer_id

    def contacts(self, since: pendulum.DateTime | None = None) -> list[LoggedContact]:
        check_since(since)
        return _contacts(self._connection, self._customer_id, since)

    def last(self) -> ContactLink | None:
        row = self._connection.execute(
            """SELECT seq, digest, key_id FROM contact_log WHERE customer_id = %s
               ORDER BY seq DESC LIMIT 1""",
            (self._customer_id,),
        ).fetchone()
        return None if row is None else ContactLink(*row)

    def append(self, logged: LoggedContact, link: ContactLink) -> int:
        check_contact(logged)
        last = self.last()
        if logged.customer_id != self._customer_id or link.seq != (last.seq if last else 0) + 1:
            raise StoreDamaged("a contact log entry that does not follow the customer's last")
        row = self._connection.execute(
            """INSERT INTO contact_log (customer_id, at, document, schema_version, seq,
               digest, key_id) VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id""",
            (
                logged.customer_id,
                logged.contact.at,
                codec.dumps(logged),
                codec.SCHEMA_VERSION,
                link.seq,
                link.digest,
                link.key_id,
            ),
        ).fetchone()
        assert row is not None, "an INSERT ... RETURNING gives its row"
        return int(row[0])


class _PostgresScan:
    """An :class:`~contactpolicy.audit.seal.AuditScan` in a REPEATABLE READ
    snapshot: each table read once, in key order, through a server-side
    cursor that fetches a page at a time."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self._connection = connection
        self._cursors: list[psycopg.ServerCursor[Any]] = []

    def close(self) -> None:
        """Close the cursors the scan opened."""
        if not self._connection.broken:
            for cursor in self._cursors:
                cursor.close()

    def feed_end(self) -> int:
        return int(_one(self._connection.execute("SELECT last_position FROM feed")))

    def _stream(self, name: str, query: str) -> Iterator[Any]:
        cursor = self._connection.cursor(name=f"contactpolicy_scan_{name}")
        self._cursors.append(cursor)
        cursor.itersize = _PAGE
        cursor.execute(query)
        return iter(cursor)

    def trails(self) -> Iterator[StoredTrail]:
        return scanned_trails(
            map(_case_row, self._stream("cases", _SCAN_CASES + " ORDER BY id")),
            self._stream("events", _SCAN_EVENTS + " ORDER BY case_id, seq"),
            self._stream("notes", _SCAN_NOTES + " ORDER BY case_id, number"),
            _columns,
        )

    def contacts(self) -> Iterator[StoredContact]:
        rows = self._stream(
            "contacts",
            """SELECT id, customer_id, at, document::text, schema_version, seq, digest, key_id
               FROM contact_log ORDER BY customer_id, seq""",
        )
        return scanned_contacts(rows, lambda logged: logged.contact.at)


_PAGE = 2000
"""How many rows a scan's cursor fetches at a time."""

_INDEXED = ("state", "customer_id", "review_due", "awaiting_since", "version", "reported_at")
"""The columns of a ``cases`` row that say what its document says."""

_SCAN_CASES = f"SELECT id, document::text, schema_version, {', '.join(_INDEXED)} FROM cases"
_SCAN_EVENTS = "SELECT position, case_id, seq, document::text, schema_version FROM events"
_SCAN_NOTES = "SELECT case_id, number, document::text, schema_version FROM notes"


def _case_row(row: tuple[Any, ...]) -> tuple[str, str, int, dict[str, Any]]:
    return row[0], row[1], row[2], dict(zip(_INDEXED, row[3:], strict=True))


def _columns(case: Case) -> dict[str, Any]:
    """The indexed columns of a case's row, as the save statement writes them."""
    return {
        "state": case.state.value,
        "customer_id": case.customer.id,
        "review_due": case.review_due,
        "awaiting_since": awaiting_since(case),
        "version": case.version,
        "reported_at": case.reported_at,
    }


def _contacts(
    connection: psycopg.Connection[Any], customer_id: str, since: pendulum.DateTime | None
) -> list[LoggedContact]:
    rows = connection.execute(
        """SELECT document::text, schema_version FROM contact_log
           WHERE customer_id = %(customer_id)s
           AND (%(since)s::timestamptz IS NULL OR at >= %(since)s)
           ORDER BY at, id""",
        {"customer_id": customer_id, "since": since},
    ).fetchall()
    return [read_contact(*row) for row in rows]


def _one(cursor: psycopg.Cursor[Any]) -> Any:
    row = cursor.fetchone()
    assert row is not None, "the query returns one row"
    return row[0]
