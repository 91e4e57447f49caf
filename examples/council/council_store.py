"""A council's own store: contactpolicy's cases kept in the council's own
SQLite database, beside its CRM's tables, under table names of its choosing.

``CouncilSQLiteStore`` implements the whole ``Store`` protocol (cases with a
unit of work, the event feed, the contact log) in three tables whose names
start with ``prefix`` (``ucp_`` unless told): ``ucp_case`` (each case's
version, the columns its queries use, and its document), ``ucp_event`` (the
audit events, whose row id is the feed position, with the command id of
the last event of a command) and ``ucp_contact`` (the contact log). It
checks every argument with ``contactpolicy.stores.checks``, so it refuses
the same mistakes with the same errors as the built-in stores, and
``test_council_store.py`` holds it to the whole store contract.

A unit of work is ``BEGIN IMMEDIATE`` on the thread's own connection: the
write lock is held from the moment the case is read, so of two writers of
one version exactly one wins (the contract's racing tests check it). Times
are kept in UTC as fixed-width text, so they sort as they compare.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

import attrs
import pendulum

from contactpolicy import AuditEvent, Case, CaseState, CaseSummary, LoggedContact
from contactpolicy.audit import codec
from contactpolicy.errors import (
    CaseNotFound,
    ConcurrentUpdate,
    StoreDamaged,
    StoreError,
    StoreUnavailable,
)
from contactpolicy.stores import AppliedCommand
from contactpolicy.stores.checks import (
    check_as_of,
    check_command_id,
    check_contact,
    check_feed,
    check_id,
    check_listing,
    check_save,
    check_since,
    check_unique_command,
)
from contactpolicy.stores.rows import awaiting_since

T = TypeVar("T")

SCHEMA = """
CREATE TABLE IF NOT EXISTS {p}case (
    case_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    customer_ref TEXT NOT NULL,
    state TEXT NOT NULL,
    reported_at TEXT NOT NULL,
    review_due TEXT,
    awaiting_since TEXT,
    document TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS {p}case_by_customer ON {p}case (customer_ref, reported_at, case_id);
CREATE INDEX IF NOT EXISTS {p}case_by_state ON {p}case (state, reported_at, case_id);
CREATE INDEX IF NOT EXISTS {p}case_by_listing ON {p}case (reported_at, case_id);
CREATE INDEX IF NOT EXISTS {p}case_by_review ON {p}case (review_due, case_id);
CREATE INDEX IF NOT EXISTS {p}case_awaiting ON {p}case (awaiting_since, case_id);
CREATE TABLE IF NOT EXISTS {p}event (
    position INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    command_id TEXT UNIQUE,
    fingerprint TEXT,
    document TEXT NOT NULL,
    UNIQUE (case_id, seq)
);
CREATE TABLE IF NOT EXISTS {p}contact (
    entry INTEGER PRIMARY KEY,
    customer_ref TEXT NOT NULL,
    at TEXT NOT NULL,
    document TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS {p}contact_by_customer ON {p}contact (customer_ref, at, entry);
"""


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
            self._connection().executescript(SCHEMA.format(p=prefix))

    @contextmanager
    def unit_of_work(self) -> Iterator[_CouncilUnitOfWork]:
        """One command's reads and writes in one ``BEGIN IMMEDIATE``
        transaction, committed only if the block ends normally."""
        connection = self._connection()
        with self._translated(None):
            connection.execute("BEGIN IMMEDIATE")
        try:
            yield _CouncilUnitOfWork(self, connection)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        with self._translated(None):
            connection.execute("COMMIT")

    def load(self, case_id: str) -> Case:
        """The case as last saved."""
        check_id(case_id, "case_id")
        with self._translated(case_id):
            return self._case(self._connection(), case_id)

    def trail(self, case_id: str) -> tuple[Case, list[AuditEvent]]:
        """The case and all its events, read in one transaction."""
        check_id(case_id, "case_id")
        connection = self._connection()
        with self._translated(case_id):
            connection.execute("BEGIN")
            try:
                case = self._case(connection, case_id)
                rows = connection.execute(
                    f"SELECT position, document FROM {self.prefix}event "
                    "WHERE case_id = ? ORDER BY seq",
                    (case_id,),
                ).fetchall()
            finally:
                connection.execute("COMMIT")
        return case, [_event(position, text, case_id) for position, text in rows]

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
                f"SELECT case_id, document FROM {self.prefix}case WHERE {' AND '.join(where)} "
                "ORDER BY reported_at, case_id LIMIT ?",
                (*values, -1 if limit is None else limit),
            ).fetchall()
        return [_loads(text, Case, case_id) for case_id, text in rows]

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

    def events_since(self, position: int, limit: int) -> list[AuditEvent]:
        """The feed after ``position``, at most ``limit`` events."""
        check_feed(position, limit)
        with self._translated(None):
            rows = self._connection().execute(
                f"SELECT position, case_id, document FROM {self.prefix}event "
                "WHERE position > ? ORDER BY position LIMIT ?",
                (position, limit),
            )
            return [_event(number, text, case_id) for number, case_id, text in rows]

    def record_contact(self, logged: LoggedContact) -> None:
        """Append one entry to the contact log."""
        check_contact(logged)
        with self._translated(None):
            self._connection().execute(
                f"INSERT INTO {self.prefix}contact (customer_ref, at, document) VALUES (?, ?, ?)",
                (logged.customer_id, _utc(logged.contact.at), codec.dumps(logged)),
            )

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        """The customer's logged contacts at or after ``since``, oldest first."""
        check_id(customer_id, "customer_id", "5.1")
        check_since(since)
        earliest = "" if since is None else _utc(since)
        with self._translated(None):
            rows = self._connection().execute(
                f"SELECT document FROM {self.prefix}contact "
                "WHERE customer_ref = ? AND at >= ? ORDER BY at, entry",
                (customer_id, earliest),
            )
            return [_loads(text, LoggedContact, None) for (text,) in rows]

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

    def _case(self, connection: sqlite3.Connection, case_id: str) -> Case:
        row = connection.execute(
            f"SELECT document FROM {self.prefix}case WHERE case_id = ?", (case_id,)
        ).fetchone()
        if row is None:
            raise CaseNotFound(case_id)
        return _loads(row[0], Case, case_id)

    def _listed(self, condition: str, order: str, *values: Any) -> list[Case]:
        with self._translated(None):
            rows = self._connection().execute(
                f"SELECT case_id, document FROM {self.prefix}case WHERE {condition} "
                f"ORDER BY {order}, case_id",
                tuple(str(value) for value in values),
            )
            return [_loads(text, Case, case_id) for case_id, text in rows]

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


class _CouncilUnitOfWork:
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
        return None if row is None else AppliedCommand(command_id, *row)

    def load(self, case_id: str) -> tuple[Case, AuditEvent]:
        check_id(case_id, "case_id")
        case = self._store._case(self._connection, case_id)
        position, text = self._connection.execute(
            f"SELECT position, document FROM {self._tables}event "
            "WHERE case_id = ? ORDER BY seq DESC LIMIT 1",
            (case_id,),
        ).fetchone()
        return case, _event(position, text, case_id)

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
            check_unique_command(command, self.applied(command.command_id))
        awaiting = awaiting_since(case)
        self._connection.execute(
            f"INSERT INTO {self._tables}case VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, "
            "state = excluded.state, review_due = excluded.review_due, "
            "awaiting_since = excluded.awaiting_since, document = excluded.document",
            (
                case.id,
                case.version,
                case.customer.id,
                case.state.value,
                _utc(case.reported_at),
                None if case.review_due is None else str(case.review_due),
                None if awaiting is None else _utc(awaiting),
                codec.dumps(case),
            ),
        )
        for number, event in enumerate(events, 1):
            last = command if number == len(events) else None
            self._connection.execute(
                f"INSERT INTO {self._tables}event (case_id, seq, command_id, fingerprint, "
                "document) VALUES (?, ?, ?, ?, ?)",
                (
                    case.id,
                    event.seq,
                    None if last is None else last.command_id,
                    None if last is None else last.fingerprint,
                    codec.dumps(event),
                ),
            )


def _event(position: int, text: str, case_id: str | None) -> AuditEvent:
    return attrs.evolve(_loads(text, AuditEvent, case_id), position=position)


def _loads(text: str, kind: type[T], case_id: str | None) -> T:
    """A stored value, or StoreDamaged naming the case if it cannot be read."""
    try:
        return codec.loads(text, kind, case_id)
    except StoreError as error:
        raise StoreDamaged(f"stored {kind.__name__} cannot be read", case_id) from error
