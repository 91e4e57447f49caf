"""``PostgresStore``: one PostgreSQL database shared by several application servers.

Built on psycopg 3. Each call opens its own connection and runs one
transaction at READ COMMITTED, so the store is safe to share between threads
and holds nothing to close. Put PgBouncer (transaction pooling) in front of
the server if opening connections becomes a cost.

A save locks the case's row (``SELECT ... FOR UPDATE``) before it compares
versions, so of two writers that loaded the same version exactly one succeeds
and the other gets ``ConcurrentUpdate``; a new case is inserted with
``ON CONFLICT DO NOTHING`` for the same reason.

Feed positions come from a single counter row updated in the save's own
transaction, not from a sequence. A sequence hands out numbers outside
transactions: a rolled-back save would leave a gap, and a save that took
position 8 could commit before the one that took position 7, so a follower
that had read 8 would never see 7. The counter row's lock makes saves commit
in position order and a rollback returns its numbers, so followers see every
position, once, in order. The cost is that saves queue for that one row,
which at a council's volume of cases is a few milliseconds each.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pendulum
import psycopg
from psycopg import errors

from contactpolicy.audit import codec
from contactpolicy.audit.events import AuditEvent
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import CaseNotFound, ConcurrentUpdate, StoreError
from contactpolicy.stores.checks import check_contact, check_feed, check_save, check_schema
from contactpolicy.stores.rows import event_document, read_case, read_contact, read_event

__all__ = ["MIGRATIONS", "PostgresStore", "translate"]

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
)
"""The schema's history: the database is brought to version ``n`` by running
steps 1 to ``n`` in order, each once, recorded in ``schema_migrations``."""

_MIGRATION_LOCK = 0x636F6E74616374
"""The advisory lock that lets one process at a time migrate ("contact")."""

_MEANINGS: tuple[tuple[type[psycopg.Error] | tuple[type[psycopg.Error], ...], str], ...] = (
    (
        (errors.SerializationFailure, errors.DeadlockDetected),
        "PostgreSQL aborted the transaction because of a concurrent one; nothing was "
        "written, try again",
    ),
    (errors.IntegrityError, "the write contradicts the data stored in the database"),
    (errors.DataError, "PostgreSQL refused the data"),
    (errors.InsufficientPrivilege, "the database user lacks a privilege the store needs"),
    (psycopg.OperationalError, "cannot use the PostgreSQL server"),
)


def translate(error: psycopg.Error, case_id: str | None) -> StoreError:
    """The library's error for a driver error, in words an operator can act on."""
    meaning = next(
        (words for kind, words in _MEANINGS if isinstance(error, kind)), "PostgreSQL failed"
    )
    code = f"{error.sqlstate}: " if error.sqlstate else ""
    return StoreError(f"{meaning} ({code}{str(error).strip()})", case_id)


class PostgresStore:
    """Cases and events in a PostgreSQL database; the tables are created and
    migrated on first use, in the connection's ``search_path`` schema.

    ``conninfo`` is a libpq connection string or URL, e.g.
    ``postgresql://casework@db.example.org/contactpolicy``.
    """

    def __init__(self, conninfo: str) -> None:
        self._conninfo = conninfo
        with self._transaction(None) as connection:
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            connection.execute(
                """CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )"""
            )
            found = _one(
                connection.execute("SELECT coalesce(max(version), 0) FROM schema_migrations")
            )
            check_schema(found, len(MIGRATIONS), "the PostgreSQL database")
            for version in range(found + 1, len(MIGRATIONS) + 1):
                for statement in MIGRATIONS[version - 1]:
                    connection.execute(statement)
                connection.execute(
                    "INSERT INTO schema_migrations (version) VALUES (%s)", (version,)
                )

    def load(self, case_id: str) -> Case:
        """The case as last saved; ``CaseNotFound`` if there is none."""
        with self._transaction(case_id) as connection:
            row = connection.execute(
                "SELECT document::text, schema_version FROM cases WHERE id = %s", (case_id,)
            ).fetchone()
        if row is None:
            raise CaseNotFound(case_id)
        return read_case(row[0], row[1], case_id)

    def save(self, case: Case, events: Sequence[AuditEvent], expected_version: int) -> None:
        """Write the snapshot and its events in one transaction, or nothing."""
        with self._transaction(case.id) as connection:
            row = connection.execute(
                "SELECT version FROM cases WHERE id = %s FOR UPDATE", (case.id,)
            ).fetchone()
            actual = None if row is None else row[0]
            if (actual or 0) != expected_version:
                raise ConcurrentUpdate(case.id, expected_version, actual)
            check_save(case, events, expected_version)
            values = {
                "id": case.id,
                "state": case.state.value,
                "customer_id": case.customer.id,
                "review_due": case.review_due,
                "version": case.version,
                "reported_at": case.reported_at,
                "document": codec.dumps(case),
                "schema_version": codec.SCHEMA_VERSION,
            }
            if actual is None:
                inserted = connection.execute(
                    """INSERT INTO cases (id, state, customer_id, review_due, version,
                       reported_at, document, schema_version)
                       VALUES (%(id)s, %(state)s, %(customer_id)s, %(review_due)s,
                       %(version)s, %(reported_at)s, %(document)s::jsonb, %(schema_version)s)
                       ON CONFLICT (id) DO NOTHING""",
                    values,
                )
                if inserted.rowcount == 0:
                    # Another writer created the case after the SELECT above.
                    stored = _one(
                        connection.execute("SELECT version FROM cases WHERE id = %s", (case.id,))
                    )
                    raise ConcurrentUpdate(case.id, expected_version, stored)
            else:
                connection.execute(
                    """UPDATE cases SET state = %(state)s, customer_id = %(customer_id)s,
                       review_due = %(review_due)s, version = %(version)s,
                       reported_at = %(reported_at)s, document = %(document)s::jsonb,
                       schema_version = %(schema_version)s
                       WHERE id = %(id)s""",
                    values,
                )
            last = _one(
                connection.execute(
                    """UPDATE feed SET last_position = last_position + %s
                       RETURNING last_position""",
                    (len(events),),
                )
            )
            first = last - len(events) + 1
            with connection.cursor() as cursor:
                cursor.executemany(
                    """INSERT INTO events (position, case_id, seq, document, schema_version)
                       VALUES (%s, %s, %s, %s::jsonb, %s)""",
                    [
                        (
                            position,
                            event.case_id,
                            event.seq,
                            event_document(event),
                            codec.SCHEMA_VERSION,
                        )
                        for position, event in enumerate(events, start=first)
                    ],
                )

    def events(self, case_id: str, after: int = 0) -> list[AuditEvent]:
        """A case's events numbered above ``after``, in order; ``CaseNotFound``
        if there is no case."""
        with self._transaction(case_id) as connection:
            rows = connection.execute(
                """SELECT document::text, schema_version, position, case_id FROM events
                   WHERE case_id = %s AND seq > %s ORDER BY seq""",
                (case_id, after),
            ).fetchall()
            if (
                not rows
                and not connection.execute(
                    "SELECT 1 FROM cases WHERE id = %s", (case_id,)
                ).fetchone()
            ):
                raise CaseNotFound(case_id)
        return [read_event(*row) for row in rows]

    def cases(self, state: CaseState | None = None, customer_id: str | None = None) -> list[Case]:
        """Cases matching every filter given, oldest report first."""
        return self._cases(
            """SELECT document::text, schema_version, id FROM cases
               WHERE (%(state)s::text IS NULL OR state = %(state)s)
               AND (%(customer_id)s::text IS NULL OR customer_id = %(customer_id)s)
               ORDER BY reported_at, id""",
            {"state": None if state is None else state.value, "customer_id": customer_id},
        )

    def due_reviews(self, as_of: pendulum.Date) -> list[Case]:
        """Cases in force whose review is due by ``as_of``, longest overdue first."""
        return self._cases(
            """SELECT document::text, schema_version, id FROM cases
               WHERE review_due <= %(as_of)s ORDER BY review_due, id""",
            {"as_of": as_of},
        )

    def events_since(self, position: int, limit: int) -> list[AuditEvent]:
        """The feed after ``position``, at most ``limit`` events."""
        check_feed(position, limit)
        with self._transaction(None) as connection:
            rows = connection.execute(
                """SELECT document::text, schema_version, position, case_id FROM events
                   WHERE position > %s ORDER BY position LIMIT %s""",
                (position, limit),
            ).fetchall()
        return [read_event(*row) for row in rows]

    def record_contact(self, logged: LoggedContact) -> None:
        """Append one entry to the contact log."""
        check_contact(logged)
        with self._transaction(None) as connection:
            connection.execute(
                """INSERT INTO contact_log (customer_id, at, document, schema_version)
                   VALUES (%s, %s, %s, %s)""",
                (logged.customer_id, logged.contact.at, codec.dumps(logged), codec.SCHEMA_VERSION),
            )

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        """The customer's logged contacts at or after ``since``, oldest first."""
        with self._transaction(None) as connection:
            rows = connection.execute(
                """SELECT document::text, schema_version FROM contact_log
                   WHERE customer_id = %(customer_id)s
                   AND (%(since)s::timestamptz IS NULL OR at >= %(since)s)
                   ORDER BY at, id""",
                {"customer_id": customer_id, "since": since},
            ).fetchall()
        return [read_contact(*row) for row in rows]

    def _cases(self, query: str, values: dict[str, Any]) -> list[Case]:
        with self._transaction(None) as connection:
            rows = connection.execute(query, values).fetchall()
        return [read_case(*row) for row in rows]

    @contextmanager
    def _transaction(self, case_id: str | None) -> Iterator[psycopg.Connection[Any]]:
        """A connection for one call, committed if the call returns and rolled
        back if it raises; driver errors become :class:`StoreError`."""
        try:
            with psycopg.connect(self._conninfo) as connection:
                # The locking above relies on READ COMMITTED, whatever the
                # server's default.
                connection.isolation_level = psycopg.IsolationLevel.READ_COMMITTED
                yield connection
        except psycopg.Error as error:
            raise translate(error, case_id) from error


def _one(cursor: psycopg.Cursor[Any]) -> Any:
    row = cursor.fetchone()
    assert row is not None, "the query returns one row"
    return row[0]
