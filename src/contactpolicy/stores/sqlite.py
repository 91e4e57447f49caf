"""``SQLiteStore``: the embedded default, one database file on disk.

Built on the standard library's :mod:`sqlite3`. The file is in WAL mode, so
readers never wait for a writer; every write is one ``BEGIN IMMEDIATE``
transaction that takes the database's write lock before it reads the stored
version, so concurrent writers in any thread or process are serialised and a
stale save is always seen. A writer that finds the lock taken waits up to
``timeout`` seconds.

Each call opens its own connection and closes it before returning. Nothing is
shared between threads, so the store is safe to share, and there is nothing to
close. Opening a connection costs about a tenth of a millisecond.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Literal

import pendulum

from contactpolicy.audit import codec
from contactpolicy.audit.events import AuditEvent
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import CaseNotFound, ConcurrentUpdate, InvalidInput, StoreError
from contactpolicy.stores.checks import check_contact, check_feed, check_save, check_schema
from contactpolicy.stores.rows import event_document, read_case, read_contact, read_event

__all__ = ["MIGRATIONS", "SQLiteStore", "translate"]

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: each case as a snapshot row and its append-only events; the feed
    # position is the events table's AUTOINCREMENT key, which never reuses a
    # number.
    (
        """CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            reported_at TEXT NOT NULL,
            document TEXT NOT NULL,
            schema_version INTEGER NOT NULL
        )""",
        "CREATE INDEX cases_by_customer ON cases (customer_id, reported_at, id)",
        "CREATE INDEX cases_by_state ON cases (state, reported_at, id)",
        """CREATE TABLE events (
            position INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id TEXT NOT NULL REFERENCES cases (id),
            seq INTEGER NOT NULL,
            document TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            UNIQUE (case_id, seq)
        )""",
    ),
    # 2: the review date as a column, so due_reviews is an indexed query. The
    # states are spelled out because a migration must not change with the code.
    (
        "ALTER TABLE cases ADD COLUMN review_due TEXT",
        """UPDATE cases SET review_due = json_extract(document, '$.designation.review_due')
           WHERE state IN ('designated', 'under_review', 'appealed')""",
        "CREATE INDEX cases_by_review_due ON cases (review_due, id)",
    ),
    # 3: the contact log, read by customer and time to count calls (5.1).
    (
        """CREATE TABLE contact_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            customer_id TEXT NOT NULL,
            at TEXT NOT NULL,
            document TEXT NOT NULL,
            schema_version INTEGER NOT NULL
        )""",
        "CREATE INDEX contact_log_by_customer ON contact_log (customer_id, at, id)",
    ),
)
"""The schema's history: the database is brought to version ``n`` by running
steps 1 to ``n`` in order, each once, recorded in ``schema_migrations``."""

_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
_UNREACHABLE = (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL)


def translate(error: sqlite3.Error, path: Path, timeout: float, case_id: str | None) -> StoreError:
    """The library's error for a driver error, in words an operator can act on."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    if primary in _BUSY:
        meaning = (
            f"the database {path} is busy: another connection held its lock for longer "
            f"than the {timeout:g} s timeout; try again"
        )
    elif primary in _DAMAGED:
        meaning = f"the file {path} is damaged or is not a database"
    elif primary in _UNREACHABLE:
        meaning = (
            f"cannot open or write the database {path}: "
            "check the folder, its permissions and free space"
        )
    elif isinstance(error, sqlite3.IntegrityError):
        meaning = f"the write contradicts the data stored in {path}"
    else:
        meaning = f"SQLite failed on {path}"
    return StoreError(f"{meaning} ({error})", case_id)


class SQLiteStore:
    """Cases and events in one SQLite file; created and migrated on first use.

    ``synchronous="FULL"`` (the default) makes every acknowledged save
    survive a power loss. ``"NORMAL"`` is faster, and a crash of the process
    still loses nothing, but a power loss or operating-system crash may lose
    the last saves acknowledged before it; the database is never corrupted.

    >>> import pathlib, tempfile
    >>> store = SQLiteStore(pathlib.Path(tempfile.mkdtemp()) / "cases.db")
    >>> store.cases()
    []
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        synchronous: Literal["FULL", "NORMAL"] = "FULL",
        timeout: float = 5.0,
    ) -> None:
        if str(path) == ":memory:" or not str(path):
            raise InvalidInput(
                "path", f"must name a file, got {str(path)!r}; use MemoryStore for no file"
            )
        if synchronous not in ("FULL", "NORMAL"):
            raise InvalidInput("synchronous", f"must be 'FULL' or 'NORMAL', got {synchronous!r}")
        self.path = Path(path)
        self.synchronous = synchronous
        self.timeout = timeout
        with self._connection(None) as connection:
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":
                raise StoreError(f"the database {self.path} cannot use WAL mode (it is {mode})")
            self._migrate(connection)

    def load(self, case_id: str) -> Case:
        """The case as last saved; ``CaseNotFound`` if there is none."""
        with self._connection(case_id) as connection:
            row = connection.execute(
                "SELECT document, schema_version FROM cases WHERE id = ?", (case_id,)
            ).fetchone()
        if row is None:
            raise CaseNotFound(case_id)
        return read_case(row[0], row[1], case_id)

    def save(self, case: Case, events: Sequence[AuditEvent], expected_version: int) -> None:
        """Write the snapshot and its events in one transaction, or nothing."""
        with self._connection(case.id) as connection:
            connection.execute("BEGIN IMMEDIATE")
            row = connection.execute(
                "SELECT version FROM cases WHERE id = ?", (case.id,)
            ).fetchone()
            actual = None if row is None else row[0]
            if (actual or 0) != expected_version:
                raise ConcurrentUpdate(case.id, expected_version, actual)
            check_save(case, events, expected_version)
            due = case.review_due
            values = {
                "id": case.id,
                "state": case.state.value,
                "customer_id": case.customer.id,
                "review_due": None if due is None else due.isoformat(),
                "version": case.version,
                "reported_at": _sortable(case.reported_at),
                "document": codec.dumps(case),
                "schema_version": codec.SCHEMA_VERSION,
            }
            if actual is None:
                connection.execute(
                    """INSERT INTO cases (id, state, customer_id, review_due, version,
                       reported_at, document, schema_version)
                       VALUES (:id, :state, :customer_id, :review_due, :version,
                       :reported_at, :document, :schema_version)""",
                    values,
                )
            else:
                connection.execute(
                    """UPDATE cases SET state = :state, customer_id = :customer_id,
                       review_due = :review_due, version = :version,
                       reported_at = :reported_at, document = :document,
                       schema_version = :schema_version
                       WHERE id = :id""",
                    values,
                )
            connection.executemany(
                "INSERT INTO events (case_id, seq, document, schema_version) VALUES (?, ?, ?, ?)",
                [(e.case_id, e.seq, event_document(e), codec.SCHEMA_VERSION) for e in events],
            )
            connection.execute("COMMIT")

    def events(self, case_id: str, after: int = 0) -> list[AuditEvent]:
        """A case's events numbered above ``after``, in order; ``CaseNotFound``
        if there is no case."""
        with self._connection(case_id) as connection:
            rows = connection.execute(
                """SELECT document, schema_version, position, case_id FROM events
                   WHERE case_id = ? AND seq > ? ORDER BY seq""",
                (case_id, after),
            ).fetchall()
            if (
                not rows
                and not connection.execute(
                    "SELECT 1 FROM cases WHERE id = ?", (case_id,)
                ).fetchone()
            ):
                raise CaseNotFound(case_id)
        return [read_event(*row) for row in rows]

    def cases(self, state: CaseState | None = None, customer_id: str | None = None) -> list[Case]:
        """Cases matching every filter given, oldest report first."""
        clauses, values = [], []
        if state is not None:
            clauses.append("state = ?")
            values.append(state.value)
        if customer_id is not None:
            clauses.append("customer_id = ?")
            values.append(customer_id)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return self._cases(
            f"SELECT document, schema_version, id FROM cases {where} ORDER BY reported_at, id",
            values,
        )

    def due_reviews(self, as_of: pendulum.Date) -> list[Case]:
        """Cases in force whose review is due by ``as_of``, longest overdue first."""
        return self._cases(
            """SELECT document, schema_version, id FROM cases
               WHERE review_due <= ? ORDER BY review_due, id""",
            [as_of.isoformat()],
        )

    def events_since(self, position: int, limit: int) -> list[AuditEvent]:
        """The feed after ``position``, at most ``limit`` events."""
        check_feed(position, limit)
        with self._connection(None) as connection:
            rows = connection.execute(
                """SELECT document, schema_version, position, case_id FROM events
                   WHERE position > ? ORDER BY position LIMIT ?""",
                (position, limit),
            ).fetchall()
        return [read_event(*row) for row in rows]

    def record_contact(self, logged: LoggedContact) -> None:
        """Append one entry to the contact log."""
        check_contact(logged)
        with self._connection(None) as connection:
            connection.execute(
                """INSERT INTO contact_log (customer_id, at, document, schema_version)
                   VALUES (?, ?, ?, ?)""",
                (
                    logged.customer_id,
                    _sortable(logged.contact.at),
                    codec.dumps(logged),
                    codec.SCHEMA_VERSION,
                ),
            )

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        """The customer's logged contacts at or after ``since``, oldest first."""
        with self._connection(None) as connection:
            rows = connection.execute(
                """SELECT document, schema_version FROM contact_log
                   WHERE customer_id = ? AND at >= ? ORDER BY at, id""",
                (customer_id, "" if since is None else _sortable(since)),
            ).fetchall()
        return [read_contact(*row) for row in rows]

    def _cases(self, query: str, values: Sequence[str]) -> list[Case]:
        with self._connection(None) as connection:
            rows = connection.execute(query, values).fetchall()
        return [read_case(*row) for row in rows]

    def _migrate(self, connection: sqlite3.Connection) -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            """CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
            )"""
        )
        found = connection.execute(
            "SELECT coalesce(max(version), 0) FROM schema_migrations"
        ).fetchone()[0]
        check_schema(found, len(MIGRATIONS), f"the database {self.path}")
        for version in range(found + 1, len(MIGRATIONS) + 1):
            for statement in MIGRATIONS[version - 1]:
                connection.execute(statement)
            connection.execute("INSERT INTO schema_migrations (version) VALUES (?)", (version,))
        connection.execute("COMMIT")

    @contextmanager
    def _connection(self, case_id: str | None) -> Iterator[sqlite3.Connection]:
        """A connection for one call; driver errors become :class:`StoreError`."""
        try:
            # isolation_level=None: the store issues BEGIN and COMMIT itself.
            connection = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as error:
            raise translate(error, self.path, self.timeout, case_id) from error
        try:
            connection.execute(f"PRAGMA synchronous = {self.synchronous}")
            connection.execute("PRAGMA foreign_keys = ON")
            yield connection
        except sqlite3.Error as error:
            raise translate(error, self.path, self.timeout, case_id) from error
        finally:
            if connection.in_transaction:
                connection.rollback()
            connection.close()


def _sortable(at: pendulum.DateTime) -> str:
    """A time as fixed-width UTC text, so text order is time order."""
    return datetime.isoformat(at.in_timezone("UTC"), timespec="microseconds")
