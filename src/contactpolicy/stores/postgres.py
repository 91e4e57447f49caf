"""``PostgresStore``: one PostgreSQL database shared by several application servers.

Built on psycopg 3, with its connections kept in a
:class:`psycopg_pool.ConnectionPool` (opened on first use, a new one made
when that fails, closed by :meth:`PostgresStore.close`). Each command is one unit of work: one
transaction at READ COMMITTED on one connection, which locks the case's row
(``SELECT ... FOR UPDATE``) as it reads the case, so of two writers that
loaded the same version exactly one succeeds and the other gets
``ConcurrentUpdate``; a new case is inserted with ``ON CONFLICT DO NOTHING``
for the same reason. Read-only queries run without a write transaction;
``trail`` reads the case and its events in one REPEATABLE READ, READ ONLY
transaction.

A case the store last read or wrote itself is not read again: the unit of
work hands out the decoded copy it holds, with the feed's head as the store
last wrote or read it, and the command's one statement writes only if the
case's row is still at that version and document and the feed's head is
still at that position (``ConcurrentUpdate`` otherwise, having written
nothing), so such a command is one round trip. ``Casework`` then decides
the command again, once, and this time the row and the head are read under
their locks, as a store that always locks would have read them (see
:meth:`PostgresStore.unit_of_work`).

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
each ends in ``StoreUnavailable``. The last two are the server's to
enforce, so the store also waits for any answer of the server's at most
``statement_timeout`` plus :data:`ANSWER_MARGIN` seconds on its own side
(:class:`NoAnswer`): a server that stopped answering (frozen, or cut off by
a firewall that drops its packets) fails a command in that time, and the
connection is thrown away.
"""

from __future__ import annotations

import math
import re
import select
import threading
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any

import attrs
import pendulum

try:
    import psycopg
    from psycopg import errors, pq
    from psycopg.abc import RV, PQGen
    from psycopg_pool import ConnectionPool, PoolTimeout
except ModuleNotFoundError as missing:
    # The driver is an extra: an SQLite-only council does not install it.
    raise ModuleNotFoundError(
        f"PostgresStore needs {missing.name}, which is not installed; install "
        "contactpolicy with its postgres extra: pip install 'contactpolicy[postgres]'",
        name=missing.name,
    ) from None

from contactpolicy.audit import codec
from contactpolicy.audit.contacts import ContactLink, SignedContact, next_link
from contactpolicy.audit.events import GENESIS, AuditEvent, Problem
from contactpolicy.audit.keys import UNKEYED
from contactpolicy.audit.seal import StoredContact
from contactpolicy.audit.verify import StoredTrail
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case, CaseSummary, Note
from contactpolicy.domain.notices import RecordSeal, Subscription
from contactpolicy.domain.reads import FileRead
from contactpolicy.domain.safeguards import ActedOn
from contactpolicy.domain.validation import command_id_used, kept, require_command_id
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import (
    CaseNotFound,
    ConcurrentUpdate,
    InvalidInput,
    OutcomeUnknown,
    PolicyError,
    StoreDamaged,
    StoreError,
    StoreReadOnly,
    StoreUnavailable,
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
    check_schema,
    check_seal,
    check_seconds,
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
from contactpolicy.stores.protocols import (
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
from contactpolicy.stores.reads import check_before, check_reader, check_reads
from contactpolicy.stores.rows import (
    DecodedCases,
    awaiting_since,
    case_document,
    event_document,
    filed,
    note_document,
    open_items_since,
    read_acted_on,
    read_case,
    read_contact,
    read_contact_key_id,
    read_event,
    read_history,
    read_last_event,
    read_note,
    read_signed_contact,
    read_summary,
    readable_subscriptions,
    readable_tokens,
    scanned_contacts,
    scanned_trails,
    seal_columns,
    token_row,
    uninformed_since,
    unreadable_token,
)
from contactpolicy.stores.tokens import ApiToken, UnreadableToken
from contactpolicy.stores.url import check_conninfo, elide, redact

__all__ = [
    "ANSWER_MARGIN",
    "MIGRATIONS",
    "NAMED",
    "NoAnswer",
    "PostgresStore",
    "server_words",
    "translate",
]


def _backfill(
    connection: psycopg.Connection[Any],
    column: str,
    holding: str,
    value: Callable[[Case], Any],
) -> None:
    """Fill ``column`` of each stored case with ``value`` of its snapshot,
    worked out by the library's own rule rather than a copy of it in SQL, a
    page of rows at a time; only the rows whose document is ``holding`` (an
    SQL condition on it) are decoded. A snapshot that cannot be read is
    left ``NULL``, and ``verify`` reports it."""
    after = ""
    while True:
        rows = connection.execute(
            f"""SELECT id, document::text, schema_version FROM cases WHERE id > %s
               AND ({holding}) ORDER BY id LIMIT 1000""",
            (after,),
        ).fetchall()
        if not rows:
            return
        for case_id, document, schema_version in rows:
            try:
                found = value(read_case(document, schema_version, case_id))
            except StoreDamaged:
                continue
            if found is not None:
                update = f"UPDATE cases SET {column} = %s WHERE id = %s"
                connection.execute(update, (found, case_id))
        after = rows[-1][0]


def _backfill_open_items(connection: psycopg.Connection[Any]) -> None:
    """Step 14's backfill: each stored case's ``open_items_since``, by the
    one rule (:func:`open_items_since`), for the snapshots that list an item."""
    _backfill(
        connection,
        "open_items_since",
        """document -> 'to_read' -> 0 IS NOT NULL
           OR document -> 'to_act_on' -> 0 IS NOT NULL
           OR document -> 'new_issues' -> 0 IS NOT NULL""",
        open_items_since,
    )


def _backfill_ends_on(connection: psycopg.Connection[Any]) -> None:
    """Step 18's backfill: each stored case's ``ends_on``, by the one rule
    (:attr:`Case.ends_on`, 6.4), for the snapshots whose designation names a
    last day."""
    _backfill(
        connection,
        "ends_on",
        "jsonb_typeof(document #> '{designation,ends_on}') = 'string'",
        lambda case: case.ends_on,
    )


NAMED = """coalesce(document #>> '{data,customer,id}',
    CASE WHEN document #>> '{data,field}' = 'customer.id'
    THEN document #>> '{data,value}' END)"""
"""The customer reference an event's row gives its case, as schema step 16
indexes it and :meth:`PostgresStore.missing_cases` asks for it
(:func:`~contactpolicy.stores.rows.customer_named` in SQL). Part of a
schema step: never change it."""


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
    # 7: the HTTP API's tokens, kept as the SHA-256 of the secret only.
    (
        """CREATE TABLE api_tokens (
            id text COLLATE "C" PRIMARY KEY,
            digest text COLLATE "C" NOT NULL UNIQUE,
            officer_id text COLLATE "C" NOT NULL,
            label text NOT NULL,
            created_at timestamptz NOT NULL,
            revoked_at timestamptz
        )""",
    ),
    # 8: the read log (7.4; UK GDPR Art. 5(1)(f)): who read whose case file,
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
    # 9: when the latest decision is one managers are told of (every one but
    # no action, 9.1) and nobody is recorded as having told them, in any
    # state (a lift's too), indexed (not_informed).
    (
        "ALTER TABLE cases ADD COLUMN uninformed_since timestamptz",
        """UPDATE cases
           SET uninformed_since = (document -> 'decisions' -> -1 ->> 'decided_at')::timestamptz
           WHERE document -> 'decisions' -> -1 ->> 'kind' <> 'no_action'
           AND NOT EXISTS (
               SELECT FROM jsonb_array_elements(document -> 'disseminations') AS told
               WHERE (told ->> 'at')::timestamptz
                   >= (document -> 'decisions' -> -1 ->> 'decided_at')::timestamptz)""",
        """CREATE INDEX cases_not_informed ON cases (uninformed_since, id)
           WHERE uninformed_since IS NOT NULL""",
    ),
    # 10: who issued each API token and who revoked it (7.4; UK GDPR Art.
    # 5(1)(f)). Tokens kept before are left NULL in both: not known.
    (
        'ALTER TABLE api_tokens ADD COLUMN issued_by text COLLATE "C", '
        'ADD COLUMN revoked_by text COLLATE "C"',
    ),
    # 11: the command id a contact's decision was logged under and its
    # fingerprint, unique in the log (safe retries at the point of contact).
    # Entries logged before have neither.
    (
        """ALTER TABLE contact_log ADD COLUMN command_id text COLLATE "C",
           ADD COLUMN fingerprint text""",
        """CREATE UNIQUE INDEX contact_log_by_command ON contact_log (command_id)
           WHERE command_id IS NOT NULL""",
    ),
    # 12: each API token's seal with the audit key (7.4): the key's id and
    # the digest. Tokens kept before are left NULL in both: not sealed, so
    # a store with an audit key refuses them until they are issued again.
    ('ALTER TABLE api_tokens ADD COLUMN seal_key_id text COLLATE "C", ADD COLUMN seal text',),
    # 13: each purge run kept under the caller's command id (7.2): the
    # fingerprint of its arguments and the report it gave (ids only), kept
    # in the transaction that erases, so a repeat answers with that report.
    (
        """CREATE TABLE purge_runs (
            command_id text COLLATE "C" PRIMARY KEY,
            fingerprint text NOT NULL,
            report text NOT NULL
        )""",
    ),
    # 14: when the oldest item a contact left on the case (correspondence to
    # read, 5.1; a contact to act on, 8.1, 6.3; a new-issue marker, 7.3)
    # was left, in any state, indexed (with_open_items), so the queries of
    # what waits read the cases holding an item, not every case.
    (
        "ALTER TABLE cases ADD COLUMN open_items_since timestamptz",
        """CREATE INDEX cases_with_open_items ON cases (open_items_since, id)
           WHERE open_items_since IS NOT NULL""",
    ),
    # 15: the events signed with an audit key, indexed by feed position and
    # by their key id and position, from the key id each event's document
    # names (an expression, so no column can say otherwise), so under which
    # key id the store is signed, and the latest events signed under one,
    # are read from an index however far back they are (7.4).
    (
        """CREATE INDEX events_signed ON events (position)
           WHERE (document ->> 'key_id') IS NOT NULL""",
        """CREATE INDEX events_by_key_id ON events ((document ->> 'key_id'), position)
           WHERE (document ->> 'key_id') IS NOT NULL""",
    ),
    # 16: the contact log entries signed with an audit key, indexed by id,
    # so a store whose only signed records are contacts is keyed too, read
    # from one row of an index however long the log (7.4).
    ("CREATE INDEX contact_log_signed ON contact_log (id) WHERE key_id IS NOT NULL",),
    # 17: the events that give a case its customer reference (a report's or
    # a concern's customer, a correction of the reference), indexed by that
    # reference and case, so the cases a customer's history names are found
    # even when a case's own row was deleted (7.4; CaseStore.missing_cases).
    (
        f"""CREATE INDEX events_by_customer ON events (({NAMED}), case_id)
           WHERE ({NAMED}) IS NOT NULL""",
    ),
    # 18: the last day of their own the restrictions in force were decided
    # to end on (6.4), as a column a summary reads, so that a listing says
    # restrictions that ended before their review day ended, not lapsed
    # (7.2). Filled in from each stored snapshot by the one rule
    # (Case.ends_on).
    ("ALTER TABLE cases ADD COLUMN ends_on date",),
    # 19: every command id the store keeps, of whatever kind (a case's
    # command with its event, a contact's decision with its entry, a purge
    # run), in one table whose key makes it unique in the store (7.4),
    # written by the statement that keeps the command, so two writers of
    # different kinds under one id meet at the key: one wins, the other
    # waits for it and is refused. Filled from the three; an id two kinds
    # shared before this step is kept once, and each still answers its
    # own repeats.
    (
        'CREATE TABLE command_ids (command_id text COLLATE "C" PRIMARY KEY)',
        """INSERT INTO command_ids SELECT command_id FROM events
           WHERE command_id IS NOT NULL ON CONFLICT DO NOTHING""",
        """INSERT INTO command_ids SELECT command_id FROM contact_log
           WHERE command_id IS NOT NULL ON CONFLICT DO NOTHING""",
        "INSERT INTO command_ids SELECT command_id FROM purge_runs ON CONFLICT DO NOTHING",
    ),
    # 20: the contact log entries that wait to be acted on (an escalated
    # safeguard no case holds an item for, 5.1): a column set while one
    # waits, indexed where it is set, so what waits is read from the index
    # however long the log; and the record kept once one is acted on (who,
    # when, what was done, the command id). Entries logged before wait for
    # nothing.
    (
        "ALTER TABLE contact_log ADD COLUMN waiting boolean",
        "ALTER TABLE contact_log ADD COLUMN acted_on jsonb",
        "CREATE INDEX contact_log_waiting ON contact_log (id) WHERE waiting IS NOT NULL",
    ),
)
"""The schema's history: the database is brought to version ``n`` by running
steps 1 to ``n`` in order, each once, recorded in ``schema_migrations``."""

BACKFILLS: dict[int, Callable[[psycopg.Connection[Any]], None]] = {
    14: _backfill_open_items,
    18: _backfill_ends_on,
}
"""What a step fills in Python, after its statements, from the stored
snapshots: a column whose rule is the library's own, so it is worked out
by that rule and not by a copy of it in SQL."""

_TOKENS = """SELECT id, digest, officer_id, label, to_json(created_at) #>> '{}',
    to_json(revoked_at) #>> '{}', issued_by, revoked_by, seal_key_id, seal FROM api_tokens"""
"""Every column of a token row, its times as ISO 8601 text (whatever the
server's DateStyle), so one Python cannot hold ('infinity', a year past
9999) is an unreadable token (:func:`~contactpolicy.stores.rows.read_token`),
not an error for every token (7.4)."""

_MIGRATION_LOCK = 0x636F6E74616374
"""The advisory lock that lets one process at a time migrate ("contact")."""

_CONTACT_LOCK = 0x636C6F67
"""The class of the advisory locks on a customer's contact log ("clog"),
with the hash of the customer id as the lock's other key."""

_COMMAND_IDS_CONSTRAINT = "command_ids_pkey"
_COMMAND_CONSTRAINTS = frozenset({_COMMAND_IDS_CONSTRAINT, "events_by_command"})
"""The unique indexes a case's command under an id already kept breaks:
the store's one of every command id (schema step 19), and the events'."""
_CONTACT_COMMAND_CONSTRAINTS = frozenset({_COMMAND_IDS_CONSTRAINT, "contact_log_by_command"})
"""Likewise for a contact's decision: every command id's, and the log's."""

_APPLIED = """SELECT %s FROM command_ids AS used
    LEFT JOIN %s AS kept ON kept.command_id = %%(id)s WHERE used.command_id = %%(id)s"""
"""What a kind of command keeps under an id (its columns and its table in
place of each ``%s``), and whether the id is kept at all: no row when no
command of any kind is kept under it, a row of NULLs when one of another
kind is (7.4). One statement, two lookups, each by an index."""

ANSWER_MARGIN = 3.0
"""Seconds the store waits for the server's answer beyond
``statement_timeout``, after which it gives up on the connection
(:class:`NoAnswer`). The server ends any statement at ``statement_timeout``
and answers with its error: an answer that has not come a little after that
will not come. The margin is for the network and a busy server's reply."""


class NoAnswer(psycopg.OperationalError):
    """The server sent no answer within the store's bound (``statement_timeout``
    plus :data:`ANSWER_MARGIN`), and the connection was closed: a server that
    accepts connections and stops answering, as a frozen process, an
    overloaded host or a firewall dropping packets would. It is
    ``StoreUnavailable`` when nothing can have been written, and
    ``OutcomeUnknown`` when it was COMMIT's answer that did not come
    (:func:`translate`)."""


class _BoundedConnection(psycopg.Connection[Any]):
    """A connection that waits for the server's answers at most
    :attr:`answer_within` seconds (unbounded until it is set, which
    :func:`_configure` does first of all). psycopg waits for the answer of
    every statement, COMMIT and ROLLBACK through :meth:`wait`; connecting
    does not, and is bounded by ``connect_timeout``. When the time runs out
    the connection is closed at once (``broken``, so the pool throws it away
    and opens another instead of handing it out again in an unknown state)
    and the wait is :class:`NoAnswer`. An interruption (Ctrl-C) is handled by
    psycopg as for any connection: it asks the server to cancel the query,
    waiting up to 5 s for that and 5 s for its answer, then closes the
    connection."""

    answer_within: float | None = None

    def wait(self, gen: PQGen[RV], interval: float = 0.1, timeout: float | None = None) -> RV:
        bound = self.answer_within
        if timeout is not None or bound is None:
            # A wait psycopg bounds itself, which may expect its timeout
            # (waiting for notifications does): not the store's.
            return super().wait(gen, interval, timeout)
        try:
            return super().wait(gen, interval, bound)
        except errors._WaitTimeout:
            # What Connection.wait raises when its timeout expires (an
            # OperationalError; the regression tests of a frozen server pin
            # it). libpq is mid-exchange: nothing more can be sent on it.
            self.pgconn.finish()
            raise NoAnswer(
                f"no answer within {bound:g} seconds, the statement timeout and "
                f"{ANSWER_MARGIN:g} more; the connection was closed"
            ) from None


_Meaning = tuple[type[psycopg.Error] | tuple[type[psycopg.Error], ...], type[StoreError], str]

_MEANINGS: tuple[_Meaning, ...] = (
    (
        (errors.SerializationFailure, errors.DeadlockDetected),
        StoreUnavailable,
        "PostgreSQL aborted the transaction because of a concurrent one",
    ),
    (
        errors.LockNotAvailable,
        StoreUnavailable,
        "another session held a lock the command needs for longer than the lock timeout",
    ),
    (
        errors.QueryCanceled,
        StoreUnavailable,
        "a statement ran longer than the statement timeout",
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
        "the PostgreSQL server is restarting, shutting down or out of connections",
    ),
    (
        PoolTimeout,
        StoreUnavailable,
        "no connection to the PostgreSQL server became free within the connect timeout",
    ),
    (
        errors.ReadOnlySqlTransaction,
        StoreReadOnly,
        "the PostgreSQL server or session only reads (a standby, or a read-only default)",
    ),
    (
        errors.InsufficientPrivilege,
        StoreReadOnly,
        "the database user lacks a privilege the store needs",
    ),
    (
        (errors.DataCorrupted, errors.IndexCorrupted),
        StoreDamaged,
        "PostgreSQL found its data corrupted",
    ),
    (errors.IntegrityError, StoreDamaged, "the write contradicts the data stored in the database"),
    (errors.DataError, StoreDamaged, "PostgreSQL refused the data"),
    (NoAnswer, StoreUnavailable, "the PostgreSQL server did not answer in time"),
    (psycopg.OperationalError, StoreUnavailable, "cannot use the PostgreSQL server"),
)


def translate(
    error: psycopg.Error,
    case_id: str | None,
    *,
    committing: bool = False,
    command_id: str | None = None,
) -> StoreError:
    """The library's error for a driver error, saying what happened; what to
    do about it is the error's type (docs/stores.md, "When the store fails"),
    which a caller such as the command line turns into advice.

    Locks and statements that ran out of time, a server restarting, full,
    unreachable or not answering in time (:class:`NoAnswer`), and a
    transaction aborted by a concurrent one are
    :class:`StoreUnavailable` (nothing was written); a server or session
    that only reads (a standby), and a database user without a privilege
    the store needs, are :class:`StoreReadOnly`; corrupted data and
    writes that contradict the stored data are :class:`StoreDamaged`, as is
    anything not recognised. ``committing`` says the connection was lost
    with COMMIT sent and before its reply (or that COMMIT's answer did not
    come in time): the error is then :class:`OutcomeUnknown` for the command
    ``command_id``, for the server may have committed. The message holds the
    SQLSTATE and the server's words (:func:`server_words`), never a password
    or the data.
    """
    code = f"{error.sqlstate}: " if error.sqlstate else ""
    words = f"({code}{server_words(error)})"
    if committing and isinstance(error, NoAnswer):
        return OutcomeUnknown(
            "the PostgreSQL server did not answer COMMIT in time, so the command may or "
            f"may not have been saved {words}",
            case_id,
            command_id,
        )
    if committing and isinstance(error, psycopg.OperationalError):
        return OutcomeUnknown(
            "the connection to the PostgreSQL server was lost during COMMIT, so the "
            f"command may or may not have been saved {words}",
            case_id,
            command_id,
        )
    kind, meaning = next(
        ((kind, said) for errors_, kind, said in _MEANINGS if isinstance(error, errors_)),
        (StoreDamaged, "PostgreSQL failed"),
    )
    return kind(f"{meaning} {words}", case_id)


_QUOTED = re.compile(r'"[^"]*"')


def server_words(error: psycopg.Error) -> str:
    """What the server or driver said, safe to show and to log: only the
    first line of the primary message (libpq adds lines of advice to a lost
    connection's), never the DETAIL (which quotes rows and keys, so
    customers' names and ids), with quoted values of refused data left
    out and any password redacted.

    >>> server_words(errors.InvalidTextRepresentation('invalid input syntax: "Sam Taylor"'))
    'invalid input syntax: "…"'
    """
    words = error.diag.message_primary or str(error).split("\nDETAIL:")[0]
    if isinstance(error, errors.DataError):
        words = _QUOTED.sub('"…"', words)
    return redact(words.strip().split("\n", 1)[0])


_PREFIX = re.compile(
    r"^(?:connection is bad|connection failed): (?:connection to server (?:at|on socket) "
    r".*? failed: )?(?:FATAL:  )?"
)
"""What psycopg and libpq put before the words about a failed connection."""

_SERVICE = "names no service libpq knows"

_SETTINGS: tuple[tuple[re.Pattern[str], str | None, str], ...] = (
    (
        re.compile(r'invalid integer value ".*" for connection option "(?P<name>[a-z_]+)"'),
        None,
        "is not a whole number libpq can read",
    ),
    (re.compile(r'invalid "?(?P<name>[a-z_]+)"? value: ".*"'), None, "is not a value libpq takes"),
    (re.compile(r'(?:definition of service|service file) ".*" not found'), "service", _SERVICE),
    (
        re.compile(r'could not parse network address ".*?": .*'),
        "hostaddr",
        "is not an IP address",
    ),
    (
        re.compile(r'invalid value for parameter "(?P<name>[a-z_]+)": ".*"'),
        None,
        "is not a value the PostgreSQL server takes",
    ),
    (
        re.compile(r'unrecognized configuration parameter ".*"'),
        "options",
        "sets a parameter the PostgreSQL server does not know",
    ),
    (
        re.compile(r"invalid command-line argument for server process: …"),
        "options",
        "is not an argument the PostgreSQL server takes (write settings as -c name=value)",
    ),
    (
        re.compile(r'database ".*" does not exist'),
        "dbname",
        "names no database on the PostgreSQL server",
    ),
    (re.compile(r'role ".*" does not exist'), "user", "names no role on the PostgreSQL server"),
)
"""What libpq, or the server as the connection starts, says of a connection
parameter that trying again cannot mend (an ``sslnegotiation`` libpq does not
know, a ``service`` not in the service file, a ``client_encoding`` the server
does not know, a database or role the server does not have): the parameter
it is about (a name the words give when ``None``) and what to say of it."""

_UNQUOTED = re.compile(r"(invalid command-line argument for server process: ).*")
"""Words of the server's that give a value without quotes, which is left out."""


def refused_setting(error: psycopg.Error) -> InvalidInput | None:
    """:class:`InvalidInput` naming the connection parameter ``error`` (a
    failure to connect) is about, when its words say that libpq or the
    server refused a parameter's value, which trying again cannot mend;
    ``None`` for anything else (a server out of reach, a password refused).
    libpq's and the server's words are given with the values they quote left
    out (a value may be part of a password).

    >>> refused = refused_setting(psycopg.OperationalError(
    ...     'connection is bad: definition of service "council" not found'))
    >>> print(refused)
    service: names no service libpq knows (definition of service "…" not found)
    """
    if not isinstance(error, psycopg.OperationalError) or error.sqlstate is not None:
        return None
    words = str(error).strip().split("\n", 1)[0]
    said = _UNQUOTED.sub(r"\1…", _PREFIX.sub("", words))
    for pattern, field, meaning in _SETTINGS:
        found = pattern.fullmatch(said)
        if found is not None:
            name = field or found["name"]
            return InvalidInput(name, f"{meaning} ({elide(redact(said), name)})")
    return None


class PostgresStore:
    """Cases and events in a PostgreSQL database; the tables are created and
    migrated on first use, in the connection's ``search_path`` schema.

    ``conninfo`` is a libpq connection string or URL, e.g.
    ``postgresql://casework@db.example.org/contactpolicy``. Connecting waits
    at most ``connect_timeout`` seconds (libpq counts whole seconds, at
    least 2), waiting for a lock ``lock_timeout`` and a statement
    ``statement_timeout``; each ends in ``StoreUnavailable``. Each limit is
    seconds above 0 and at most
    :data:`~contactpolicy.stores.checks.LONGEST_WAIT` (about 24.8 days, the
    most PostgreSQL keeps), else ``InvalidInput`` naming it. As the server
    enforces the last two, the store waits for any of its answers at most
    ``statement_timeout`` plus :data:`ANSWER_MARGIN` seconds as well, then
    closes the connection: :class:`NoAnswer`, which is ``StoreUnavailable``,
    or ``OutcomeUnknown`` when COMMIT's answer did not come. The pool keeps
    ``min_connections`` to ``max_connections`` connections; a command that
    finds them all busy waits up to ``connect_timeout`` for one. The pool is
    opened on first use: if its first connections do not come within
    ``connect_timeout`` (the server stopped, or a lock held on the tables as
    they are set up), the call is ``StoreUnavailable`` and a later call opens
    a new pool. After :meth:`close`, every call is ``StoreUnavailable``
    saying the store was closed.
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
        self._answer_within = self.statement_timeout + ANSWER_MARGIN
        self._new_pool = partial(
            ConnectionPool,
            conninfo,
            connection_class=_BoundedConnection,
            kwargs=self._connect,
            min_size=min_connections,
            max_size=max_connections,
            open=False,
            # Not a method of the store: the pool must not keep the store alive.
            configure=partial(_configure_pooled, self._settings, self._answer_within),
            timeout=self.connect_timeout,
            num_workers=1,
            name="contactpolicy",
        )
        self._fresh_pool()
        self._opening = threading.Lock()
        self._opened = False
        self._closed = False
        """Whether :meth:`close` was called: the store opens no pool again."""
        self._decoded = DecodedCases()
        self._feed: tuple[int, str] | None = None
        """The feed's head (position and hash) as this store last wrote or
        read it under its lock; none until it has."""
        self._stale = threading.local()
        """The case whose held copy this thread last found stale."""
        self._migrate()

    def _fresh_pool(self) -> None:
        """A new pool, not open yet, closed when the store is garbage
        collected."""
        self._pool: ConnectionPool[_BoundedConnection] = self._new_pool()
        self._finalizer = weakref.finalize(self, self._pool.close)

    @contextmanager
    def unit_of_work(self) -> Iterator[_PostgresUnitOfWork]:
        """One command's reads and write in one transaction on one pooled
        connection; the case's row is locked as it is read, unless the store
        holds the case decoded (it wrote or read it last).

        Round trips are few: BEGIN goes with the first read, and the writes
        go with COMMIT when the block ends. A held case is not read: the
        unit of work loads the held copy and gives the feed's head as the
        store last knew it, and when its one write is that case's, the
        write's statement checks that the case's row is still at the copy's
        version and document and the feed's head at that position, and
        writes nothing if not, all with BEGIN and COMMIT in one round trip;
        otherwise the held rows and the head are locked and checked before
        the writes. A copy found stale is ``ConcurrentUpdate`` (nothing was
        written) and is dropped, and this thread's next load of that case
        reads the rows under their locks, so a command decided again at once
        cannot fail the same way. A command refused on a held copy (a
        :class:`PolicyError`) is rechecked against its row: a refusal
        decided on a stale copy is ``ConcurrentUpdate`` as well.

        With several application servers (or threads writing) a held copy
        is stale whenever another changed the case or the feed since: such
        a command costs the failed write and one read more than a locked
        one, and ``Casework`` decides it again on the case as it now is."""
        with self._connection(None) as connection:
            work = _PostgresUnitOfWork(self, connection)
            try:
                try:
                    yield work
                except BaseException as error:
                    work.abandon()
                    if isinstance(error, PolicyError):
                        work.recheck(error)
                    raise
                work.commit()
            except psycopg.Error as error:
                raise translate(error, work.case_id) from error
        for case, document, last_event, event in work.written:
            self._decoded.put(case, document, last_event, event)
            self._feed = (event.position, event.hash)

    def _held(self, case_id: str) -> tuple[Case, str, AuditEvent] | None:
        """The copy of the case a unit of work may decide on without reading
        its row: none if the store does not know the feed's head, or if this
        thread's last attempt found the copy stale."""
        if getattr(self._stale, "case_id", None) == case_id:
            self._stale.case_id = None
            return None
        if self._feed is None:
            return None
        return self._decoded.held(case_id)

    def _dropped(self, case_id: str, expected: int, actual: int | None) -> ConcurrentUpdate:
        """Forget a held copy found stale; this thread's next load of the
        case reads its row under lock."""
        self._decoded.drop(case_id)
        self._stale.case_id = case_id
        return ConcurrentUpdate(case_id, expected, actual)

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
                    """SELECT document::text, schema_version, position, case_id, seq FROM events
                       WHERE case_id = %s ORDER BY seq""",
                    (case_id,),
                ).fetchall()
            finally:
                if not connection.broken:
                    connection.execute("COMMIT")
        return case, read_history(rows)

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

    def erase(
        self,
        cases: Sequence[Erasure],
        contacts: Sequence[ErasedContact],
        run: PurgeRun | None = None,
    ) -> None:
        """Rewrite the erased rows, and keep the ``run``'s record, in one
        transaction, each case's row locked (``FOR UPDATE``) as it is
        checked, and each customer's log under its advisory lock (7.2). The
        run's record goes in first: a run under the same id kept by another
        transaction meanwhile makes this one wait for it, then refuse. The
        old row versions stay in the table's files as dead tuples until
        ``VACUUM`` reclaims them (autovacuum does, in time;
        ``docs/data-protection.md`` says when to run it)."""
        check_erasure(cases, contacts, run)
        with self._connection(None) as connection, connection.transaction():
            if run is not None:
                kept = connection.execute(
                    """WITH claimed AS (
                           INSERT INTO command_ids (command_id) VALUES (%s)
                           ON CONFLICT DO NOTHING RETURNING command_id
                       )
                       INSERT INTO purge_runs (command_id, fingerprint, report)
                       SELECT command_id, %s, %s FROM claimed RETURNING command_id""",
                    (run.command_id, run.fingerprint, run.report),
                ).fetchone()
                check_command_free(used=kept is None)
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
                    """UPDATE contact_log SET document = %s::jsonb,
                       fingerprint = CASE WHEN fingerprint IS NULL THEN NULL ELSE %s END
                       WHERE customer_id = %s AND seq = %s""",
                    (codec.dumps(entry.logged), ERASED, entry.customer_id, entry.seq),
                )
        self._decoded.clear()

    def waiting_contacts(self) -> list[WaitingContact]:
        """The entries waiting to be acted on, in the order logged, read from
        the index of those waiting (schema step 20)."""
        with self._connection(None) as connection:
            rows = connection.execute(
                """SELECT id, customer_id, document::text, schema_version FROM contact_log
                   WHERE waiting IS NOT NULL ORDER BY id"""
            ).fetchall()
        return [
            WaitingContact(customer_id, int(contact_id), read_contact(document, version))
            for contact_id, customer_id, document, version in rows
        ]

    def record_acted_on(self, contact_id: int, acted: ActedOn) -> ActedOn | None:
        """Record the waiting entry ``contact_id`` acted on, in one
        transaction holding its row (``FOR UPDATE``), with its command id, if
        any."""
        check_acted_on(contact_id, acted)
        with self._connection(None) as connection, connection.transaction():
            row = connection.execute(
                "SELECT waiting, acted_on::text FROM contact_log WHERE id = %s FOR UPDATE",
                (contact_id,),
            ).fetchone()
            if row is None or (row[0] is None and row[1] is None):
                return None
            if row[1] is not None:
                return read_acted_on(row[1])
            if acted.command_id is not None:
                kept = connection.execute(
                    """INSERT INTO command_ids (command_id) VALUES (%s)
                       ON CONFLICT DO NOTHING RETURNING command_id""",
                    (acted.command_id,),
                ).fetchone()
                check_command_free(used=kept is None)
            connection.execute(
                "UPDATE contact_log SET waiting = NULL, acted_on = %s::jsonb WHERE id = %s",
                (codec.dumps(acted), contact_id),
            )
        return acted

    def purge_run(self, command_id: str) -> PurgeRun | None:
        """The purge run kept under ``command_id``, or ``None`` (7.2); an id
        kept with another kind of command is ``InvalidInput`` (7.4)."""
        check_command_id(command_id)
        with self._connection(None) as connection:
            row = connection.execute(
                _APPLIED % ("fingerprint, report", "purge_runs"), {"id": command_id}
            ).fetchone()
        own = None if row is None or row[0] is None else PurgeRun(command_id, row[0], row[1])
        return own_command(own, used=row is not None)

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
        """The position and hash of the feed's last event; ``StoreDamaged``
        naming its position if it has no hash."""
        with self._connection(None) as connection:
            row = connection.execute(
                "SELECT position, document ->> 'hash' FROM events ORDER BY position DESC LIMIT 1"
            ).fetchone()
        if row is None:
            return 0, GENESIS
        if row[1] is None:
            raise StoreDamaged(
                f"the feed's last event, at position {row[0]}, cannot be read: it has no hash"
            )
        return row[0], row[1]

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
        with self._connection(None) as connection:
            condition, values = _listing(connection, state, customer_id, after, limit)
            return _read_cases(connection, condition, values)

    def customer_cases(self, customer_id: str) -> list[tuple[Case, AuditEvent]]:
        """The customer's cases, oldest report first, each with its last
        event, in one statement: each case row joined to its last event row
        by the ``(case_id, seq)`` index, with its notes."""
        check_id(customer_id, "customer_id")
        with self._connection(None) as connection:
            return _read_with_last(
                connection,
                "WHERE cases.customer_id = %(customer_id)s ORDER BY cases.reported_at, cases.id",
                {"customer_id": customer_id},
            )

    def cases_with_last(
        self,
        state: CaseState | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[tuple[Case, AuditEvent]]:
        """The page of :meth:`cases`, each case with its last event, in the
        page's one statement: each case row joined to its last event row by
        the ``(case_id, seq)`` index, with its notes."""
        check_listing(state, None, after, limit)
        with self._connection(None) as connection:
            condition, values = _listing(connection, state, None, after, limit)
            return _read_with_last(connection, condition, values)

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

    def not_informed(self) -> list[Case]:
        """Latest decisions managers are not recorded as told of, oldest first."""
        with self._connection(None) as connection:
            return _read_cases(
                connection,
                "WHERE uninformed_since IS NOT NULL ORDER BY uninformed_since, id",
                {},
            )

    def with_open_items(self) -> list[Case]:
        """Cases on which an item left by a contact waits, the oldest item first."""
        with self._connection(None) as connection:
            return _read_cases(
                connection,
                "WHERE open_items_since IS NOT NULL ORDER BY open_items_since, id",
                {},
            )

    def events_since(self, position: int, limit: int) -> list[AuditEvent]:
        """The feed after ``position``, at most ``limit`` events."""
        check_feed(position, limit)
        with self._connection(None) as connection:
            rows = connection.execute(
                """SELECT document::text, schema_version, position, case_id, seq FROM events
                   WHERE position > %s ORDER BY position LIMIT %s""",
                (position, limit),
            ).fetchall()
        return [read_event(*row) for row in rows]

    def missing_cases(self, customer_id: str | None = None) -> list[str]:
        """The ids of the cases with event rows and no case row, by id; with
        ``customer_id``, those whose history names that customer, read from
        the index of the events that name a customer (schema step 16)."""
        check_missing(customer_id)
        with self._connection(None) as connection:
            if customer_id is None:
                rows = connection.execute(
                    """SELECT DISTINCT case_id FROM events WHERE NOT EXISTS
                       (SELECT 1 FROM cases WHERE cases.id = events.case_id) ORDER BY case_id"""
                ).fetchall()
            else:
                rows = connection.execute(
                    f"""SELECT DISTINCT case_id FROM events WHERE ({NAMED}) = %s AND NOT EXISTS
                        (SELECT 1 FROM cases WHERE cases.id = events.case_id) ORDER BY case_id""",
                    (customer_id,),
                ).fetchall()
        return [case_id for (case_id,) in rows]

    def newest_key_id(self) -> str | None:
        """The key id of the feed's newest signed event, or ``None``: one
        row of the index of signed events."""
        with self._connection(None) as connection:
            row = connection.execute(
                """SELECT document::text, schema_version, position, case_id, seq FROM events
                   WHERE (document ->> 'key_id') IS NOT NULL ORDER BY position DESC LIMIT 1"""
            ).fetchone()
        return None if row is None else read_event(*row).key_id

    def newest_contact_key_id(self) -> str | None:
        """The key id of the contact log's newest signed entry, or ``None``:
        one row of the index of signed entries; ``StoreDamaged`` if it is
        not a key id (:func:`~contactpolicy.stores.rows.read_contact_key_id`)."""
        with self._connection(None) as connection:
            row = connection.execute(
                """SELECT key_id FROM contact_log WHERE key_id IS NOT NULL
                   ORDER BY id DESC LIMIT 1"""
            ).fetchone()
        return None if row is None else read_contact_key_id(row[0])

    def signed_contacts(self, key_id: str, limit: int) -> list[SignedContact]:
        """The latest ``limit`` entries signed under ``key_id``, the newest
        first, read from the index of signed entries by id."""
        check_signed(key_id, limit)
        with self._connection(None) as connection:
            rows = connection.execute(
                """SELECT entry.document::text, entry.schema_version, entry.seq, entry.digest,
                   entry.key_id, (SELECT before.digest FROM contact_log AS before
                   WHERE before.customer_id = entry.customer_id AND before.seq = entry.seq - 1)
                   FROM contact_log AS entry WHERE entry.key_id = %s AND entry.key_id IS NOT NULL
                   ORDER BY entry.id DESC LIMIT %s""",
                (key_id, limit),
            ).fetchall()
        return [read_signed_contact(*row) for row in rows]

    def signed_events(self, key_id: str, limit: int) -> list[AuditEvent]:
        """The latest ``limit`` events signed under ``key_id``, the latest
        first, read from the index by key id and position."""
        check_signed(key_id, limit)
        with self._connection(None) as connection:
            rows = connection.execute(
                """SELECT document::text, schema_version, position, case_id, seq FROM events
                   WHERE (document ->> 'key_id') = %s ORDER BY position DESC LIMIT %s""",
                (key_id, limit),
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
        the customer, taken before the recent contacts are read. The
        connection lost, or no answer in time, once COMMIT is sent after an
        entry was appended is :class:`OutcomeUnknown` for the entry's
        command id: the server may have logged it."""
        check_id(customer_id, "customer_id", "5.1")
        with self._connection(None) as connection:
            unit = _PostgresContactUnit(connection, customer_id)
            committing = False
            try:
                with connection.transaction():
                    connection.execute(
                        "SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                        (_CONTACT_LOCK, customer_id),
                    )
                    yield unit
                    committing = unit.appended
            except psycopg.OperationalError as error:
                if not committing:
                    raise
                raise translate(error, None, committing=True, command_id=unit.command_id) from error

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        """The customer's logged contacts at or after ``since``, oldest first."""
        check_id(customer_id, "customer_id", "5.1")
        check_since(since)
        with self._connection(None) as connection:
            return _contacts(connection, customer_id, since)

    def contacts_of(
        self, customer_ids: Collection[str], since: pendulum.DateTime | None = None
    ) -> dict[str, list[LoggedContact]]:
        """Each customer's logged contacts at or after ``since``, oldest
        first, in one round trip: the ids go as one array (``= ANY``), so
        no number of customers meets a limit on parameters, and each is a
        seek in the ``(customer_id, at, id)`` index."""
        ids = check_customer_ids(customer_ids)
        check_since(since)
        found: dict[str, list[LoggedContact]] = {customer_id: [] for customer_id in ids}
        if not ids:
            return found
        with self._connection(None) as connection:
            rows = connection.execute(
                """SELECT customer_id, document::text, schema_version FROM contact_log
                   WHERE customer_id = ANY(%(ids)s::text[])
                   AND (%(since)s::timestamptz IS NULL OR at >= %(since)s)
                   ORDER BY customer_id, at, id""",
                {"ids": ids, "since": since},
            ).fetchall()
        for customer_id, document, version in rows:
            found[customer_id].append(read_contact(document, version))
        return found

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
        with kept():
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
        """Every subscription that can be read, by id."""
        return self._subscription_rows()[0]

    def unreadable_subscriptions(self) -> list[Problem]:
        """A problem for each subscription row that cannot be read, by id."""
        return self._subscription_rows()[1]

    def _subscription_rows(self) -> tuple[list[Subscription], list[Problem]]:
        with self._connection(None) as connection:
            rows = connection.execute("SELECT id, document FROM webhooks ORDER BY id").fetchall()
        return readable_subscriptions(rows)

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
        """Close the pool and its connections. A call after ``close`` is
        ``StoreUnavailable`` saying the store was closed: open another."""
        self._closed = True
        self._pool.close()
        self._decoded.clear()

    # API tokens (the HTTP API) ---------------------------------------------

    def add_token(self, token: ApiToken) -> None:
        """Keep a newly issued token."""
        check_token(token)
        try:
            with self._connection(None) as connection:
                connection.execute(
                    """INSERT INTO api_tokens
                       (id, digest, officer_id, label, created_at, revoked_at, issued_by,
                        revoked_by, seal_key_id, seal)
                       VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
                    token_row(token),
                )
        except StoreDamaged as error:
            if isinstance(error.__cause__, errors.UniqueViolation):
                raise InvalidInput("token", "is kept already: issue a new one") from None
            raise

    def token(self, digest: str) -> ApiToken | None:
        """The token with this digest, or ``None``."""
        check_id(digest, "digest")
        with self._connection(None) as connection:
            row = connection.execute(f"{_TOKENS} WHERE digest = %s", (digest,)).fetchone()
        # A row that cannot be read gives no access: verify --all names it.
        found = readable_tokens([] if row is None else [row])[0]
        return found[0] if found else None

    def tokens(self) -> list[ApiToken]:
        """Every token that can be read, the oldest first."""
        return self._token_rows()[0]

    def unreadable_tokens(self) -> list[Problem]:
        """A problem for each token row that cannot be read."""
        return self._token_rows()[1]

    def unreadable_token(self, token_id: str) -> UnreadableToken | None:
        """The token kept under ``token_id`` as far as it can be read, when
        its row cannot be read whole; ``None`` otherwise (7.4)."""
        check_id(token_id, "token_id")
        with self._connection(None) as connection:
            row = connection.execute(f"{_TOKENS} WHERE id = %s", (token_id,)).fetchone()
        return None if row is None else unreadable_token(row)

    def _token_rows(self) -> tuple[list[ApiToken], list[Problem]]:
        with self._connection(None) as connection:
            rows = connection.execute(f"{_TOKENS} ORDER BY id").fetchall()
        return readable_tokens(rows)

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
        with self._connection(None) as connection:
            connection.execute(
                """UPDATE api_tokens SET revoked_at = %s, revoked_by = %s, seal_key_id = %s,
                   seal = %s WHERE id = %s AND revoked_at IS NULL""",
                (codec.utc_text(at), by, *seal_columns(seal), token_id),
            )
            found = connection.execute("SELECT 1 FROM api_tokens WHERE id = %s", (token_id,))
            return found.fetchone() is not None

    def _migrate(self) -> None:
        """Bring the schema up to date on a connection of its own, so a server
        that cannot be reached says why at once, not after the pool's wait.
        A schema at this release's version, as it is on every open but the
        first, is seen by a plain read and left alone, with no lock taken
        and nothing written: a database user who may only read, and a
        standby, open the store to read it."""
        try:
            with _BoundedConnection.connect(self._conninfo, **self._connect) as connection:
                _configure(self._settings, self._answer_within, connection)
                with connection.transaction():
                    _refuse_foreign(connection)
                    found = _schema_version(connection)
                if found is not None:
                    check_schema(found, len(MIGRATIONS), "the PostgreSQL database")
                    if found == len(MIGRATIONS):
                        return
                with connection.transaction():
                    connection.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                    _refuse_foreign(connection)
                    connection.execute(
                        """CREATE TABLE IF NOT EXISTS schema_migrations (
                            version integer PRIMARY KEY,
                            applied_at timestamptz NOT NULL DEFAULT now()
                        )"""
                    )
                    found = _schema_version(connection) or 0
                    check_schema(found, len(MIGRATIONS), "the PostgreSQL database")
                    for version in range(found + 1, len(MIGRATIONS) + 1):
                        for statement in MIGRATIONS[version - 1]:
                            connection.execute(statement)
                        if version in BACKFILLS:
                            BACKFILLS[version](connection)
                        connection.execute(
                            "INSERT INTO schema_migrations (version) VALUES (%s)", (version,)
                        )
        except errors.InvalidSchemaName as error:
            raise InvalidInput(
                "search_path",
                "names no schema that exists for the store's tables: create the schema, or "
                "correct the search_path (the URL's options, or the role's or the database's "
                f"setting) (3F000: {server_words(error)})",
            ) from None
        except psycopg.Error as error:
            refused = refused_setting(error)
            if refused is not None:
                raise refused from None
            raise translate(error, None) from error

    def _open(self, case_id: str | None) -> None:
        """Open the pool and wait up to ``connect_timeout`` for its first
        connections, once; :class:`StoreUnavailable` if they did not come,
        or if the store was closed.

        Waiting fails within the connect timeout on a server out of reach,
        and means no connection is being opened behind the first command's
        back. Other threads wait for the pool to be ready: one that took its
        first connection meanwhile would leave it never ready. A pool whose
        wait ran out is closed by psycopg_pool and cannot be opened again, so
        the store makes a new one, which the next call opens: once the server
        is back (started again, or a lock on the tables released), that call
        succeeds, as ``StoreUnavailable`` promises."""
        with self._opening:
            if self._closed:
                raise StoreUnavailable(
                    "the store was closed (close() was called); open a new one", case_id
                )
            if self._opened:
                return
            try:
                self._pool.open(wait=True, timeout=self.connect_timeout)
            except psycopg.Error as error:  # PoolTimeout, having closed the pool
                self._finalizer.detach()
                self._fresh_pool()
                raise translate(error, case_id) from error
            self._opened = True

    @contextmanager
    def _connection(self, case_id: str | None) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection in autocommit mode for one call; driver errors
        become :class:`StoreError`."""
        if self._closed or not self._opened:
            self._open(case_id)
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
                       reported_at, review_due, document ->> 'issue', ends_on, schema_version
                    FROM cases {where} ORDER BY reported_at, id {page}""",
                values,
            ).fetchall()
        return [read_summary(*row) for row in rows]


class _PostgresUnitOfWork(UnitOfWork):
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
        self._held: dict[str, tuple[int, str]] = {}
        """The version and document of each case loaded from a held copy."""
        self._held_head: tuple[int, str] | None = None
        """The feed's head handed out as the store held it, not read under lock."""
        self._saves: list[tuple[Case, Sequence[AuditEvent], int, AppliedCommand | None]] = []
        self.written: list[tuple[Case, str, str, AuditEvent]] = []
        """What the transaction wrote, for the store's decoded cases once it commits."""
        self._free: set[str] = set()
        """The command ids :meth:`applied` found unused in this unit of work."""

    def applied(self, command_id: str) -> AppliedCommand | None:
        check_command_id(command_id)
        # A read on its own: it needs no lock, so it opens no transaction.
        row = self._connection.execute(
            _APPLIED % ("case_id, fingerprint", "events"), {"id": command_id}
        ).fetchone()
        if row is None:
            self._free.add(command_id)
            return None
        own = None if row[0] is None else AppliedCommand(command_id, *row)
        return own_command(own, used=True)

    def feed_head(self) -> str:
        if self._head is None:
            held = self._store._feed
            if self._held and not self._begun and held is not None:
                # Decided on held copies: the head as the store last knew
                # it, checked as the write is made.
                self._held_head = held
                self._head = held[1]
                return self._head
            statements = [b"EXECUTE contactpolicy_feed_head"]
            if not self._begun:
                statements.insert(0, b"BEGIN")
            cursor = self._connection.execute(b"; ".join(statements), prepare=False)
            if not self._begun:
                cursor.nextset()
            self._begun = True
            self._head = self._read_head(cursor)
        return self._head

    def _read_head(self, cursor: psycopg.Cursor[Any]) -> str:
        """The feed's head from the row ``contactpolicy_feed_head`` locked
        and read, which the store then knows."""
        row = cursor.fetchone()
        if row is None:
            # Not the case being written: a command on any case needs the head.
            raise StoreDamaged("the feed's row, which holds its last position and hash, is missing")
        self._store._feed = (row[0], row[1])
        return str(row[1])

    def load(self, case_id: str) -> tuple[Case, AuditEvent]:
        check_id(case_id, "case_id")
        self.case_id = case_id
        held = None if self._begun else self._store._held(case_id)
        if held is not None:
            case, document, last = held
            self._held[case_id] = (case.version, document)
            self._loaded[case_id] = case
            return case, last
        row, event_row = self._lock(case_id, last_event=True)
        if row is None:
            raise CaseNotFound(case_id)
        version, document, schema_version = row
        if event_row is None:
            raise StoreDamaged("the case has no events", case_id)
        event, event_version, position, seq = event_row
        found = self._store._decoded.get(case_id, version, document, event)
        if found is None:
            case = read_case(document, schema_version, case_id, _notes(self._connection, case_id))
            found = case, read_event(event, event_version, position, case_id, seq)
            self._store._decoded.put(case, document, event, found[1])
        # The number column is not in the event's document: a decoded copy is checked too.
        filed(found[1], seq, case_id)
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
        """Send the writes kept by :meth:`save` and COMMIT, in one round trip
        (BEGIN too, when the one write is of a held case).

        Text a literal cannot carry is ``InvalidInput`` naming its field, and
        nothing is sent; a held case whose row or the feed's head has moved
        on, or a case another writer created meanwhile, is
        ``ConcurrentUpdate``, as is a command id :meth:`applied` found
        unused and another transaction saved meanwhile (a command id
        already used before is ``InvalidInput``), all having written
        nothing; a connection
        lost before COMMIT's reply is ``OutcomeUnknown``."""
        connection = self._connection
        rows: list[tuple[Any, ...] | None] = []
        # One save of the one held case, appending notes if any, checks its
        # row and the feed's head in its own statement; anything else locks
        # and checks them first.
        alone = (
            not self._begun
            and [save[0].id for save in self._saves] == list(self._held)
            and all(self._appends_notes(save[0]) for save in self._saves)
            and _quiet(connection)
        )
        head = None if self._held_head is None or not alone else self._held_head[0]
        statements: list[bytes] = []
        wanted: set[int] = set()
        try:
            for case, events, expected, command in self._saves:
                held = self._held.get(case.id) if alone else None
                statements += self._write(case, events, expected, command, held, head)
                wanted.add(len(statements) - 1)
        except InvalidInput:
            self.abandon()
            raise
        if alone and self._saves:
            statements.insert(0, b"BEGIN")
            wanted = {index + 1 for index in wanted}
            self._begun = True
        elif not alone:
            self._hold()
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
        except errors.NotNullViolation as error:
            # The case's row was still the held copy's, but the feed's head
            # had moved: the events take no position, and nothing is written.
            self.abandon()
            if head is None or error.diag.column_name != "position":
                raise
            case, _, expected, _ = self._saves[-1]
            raise self._store._dropped(case.id, expected, expected) from None
        except psycopg.OperationalError as error:
            if not connection.broken or not self._saves:
                self.abandon()
                raise
            case, *_, command = self._saves[-1]
            raise translate(
                error,
                case.id,
                committing=True,
                command_id=None if command is None else command.command_id,
            ) from error
        except psycopg.Error:
            self.abandon()
            raise
        for (case, events, expected, _), row in zip(self._saves, rows, strict=True):
            if row is None:
                # Only the statement of a held case finds nothing to update;
                # alone in its transaction, it committed nothing.
                found = connection.execute(
                    "SELECT version FROM cases WHERE id = %s", (case.id,)
                ).fetchone()
                raise self._store._dropped(case.id, expected, None if found is None else found[0])
            document, position, event_text = row
            self.written.append(
                (case, document, event_text, attrs.evolve(events[-1], position=position))
            )

    def recheck(self, refusal: PolicyError) -> None:
        """After ``refusal``, decided on held copies: ``ConcurrentUpdate``
        if one of them is stale, for the command was then refused on a case
        that had moved on and is to be decided again; one read a held case,
        on refusals only."""
        for case_id, (version, document) in self._held.items():
            row = self._connection.execute(
                "SELECT version, document::text FROM cases WHERE id = %s", (case_id,)
            ).fetchone()
            if row is None or (row[0], row[1]) != (version, document):
                actual = None if row is None else row[0]
                raise self._store._dropped(case_id, version, actual) from refusal

    def _hold(self) -> None:
        """Lock the rows of the cases loaded from held copies, and the feed's
        row if its head was handed out as held, one round trip each, and
        check that they are still what was handed out; ``ConcurrentUpdate``
        (after rolling back) if one is not."""
        for case_id, (version, document) in self._held.items():
            row, _ = self._lock(case_id, last_event=False)
            if row is None or (row[0], row[1]) != (version, document):
                self.abandon()
                raise self._store._dropped(case_id, version, None if row is None else row[0])
        if self._held_head is not None:
            cursor = self._connection.execute(b"EXECUTE contactpolicy_feed_head", prepare=False)
            row = cursor.fetchone()
            if row is None or (row[0], row[1]) != self._held_head:
                self.abandon()
                case_id, (version, _) = next(iter(self._held.items()))
                raise self._store._dropped(case_id, version, version)
        self._held.clear()

    def _appends_notes(self, case: Case) -> bool:
        """Whether saving ``case`` only adds notes after those it was loaded
        with (the usual change), rather than rewriting them."""
        loaded = self._loaded.get(case.id)
        return loaded is not None and case.notes[: len(loaded.notes)] == loaded.notes

    def _write(
        self,
        case: Case,
        events: Sequence[AuditEvent],
        expected_version: int,
        command: AppliedCommand | None,
        held: tuple[int, str] | None = None,
        head: int | None = None,
    ) -> list[bytes]:
        """The statements of one save, the last of which writes the
        snapshot, the new notes, the feed positions and the events and
        returns the snapshot's and the last event's stored text and the
        position (:data:`_SAVE`); nothing, and no row, if the case's row is
        not at the version and document ``held``, and an error if the feed's
        head is not at position ``head``, when given."""
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
        awaiting, uninformed = awaiting_since(case), uninformed_since(case)
        waiting = open_items_since(case)
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
            ("case", None if held is None else held[1]),
            ("feed", head),
            ("uninformed_since", None if uninformed is None else uninformed.isoformat()),
            ("open_items_since", None if waiting is None else waiting.isoformat()),
            ("ends_on", None if case.ends_on is None else case.ends_on.isoformat()),
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
        if constraint in _COMMAND_CONSTRAINTS and command is not None:
            if command.command_id in self._free:
                # Free when this unit of work looked, taken as it wrote:
                # another transaction saved a command under the id and
                # committed first (the unique index waits for it). The
                # command is to be decided again, which finds that one: a
                # true repeat returns the case as saved, another command
                # under the id is refused.
                found = self._connection.execute(
                    "SELECT version FROM cases WHERE id = %s", (case.id,)
                ).fetchone()
                actual = None if found is None else found[0]
                return self._store._dropped(case.id, expected_version, actual)
            # The id is taken: the unique index is the check, so a command
            # with an id needs no read of its own, even when it is refused.
            return command_id_used()
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
                self._head = self._read_head(cursor)
        return row, event_row


_INSERT_CASE = """INSERT INTO cases (id, state, customer_id, review_due, awaiting_since,
        version, reported_at, document, schema_version, uninformed_since, open_items_since,
        ends_on)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $20, $21, $22)
    RETURNING document::text"""

_UPDATE_CASE = """UPDATE cases SET state = $2, customer_id = $3, review_due = $4,
        awaiting_since = $5, version = $6, reported_at = $7, document = $8,
        schema_version = $9, uninformed_since = $20, open_items_since = $21, ends_on = $22
    WHERE id = $1 AND version = $6 - $12 AND ($18::text IS NULL OR document::text = $18)
    RETURNING document::text"""

_SAVE = """(text, text, text, date, timestamptz, integer, timestamptz, jsonb, integer,
        integer, jsonb, integer, integer, jsonb, text, text, text, text, bigint, timestamptz,
        timestamptz, date) AS
    WITH snapshot AS (%s),
    new_notes AS (
        INSERT INTO notes (case_id, number, document, schema_version)
        SELECT $1, $10 + note.number - 1, note.document, $9
        FROM snapshot, jsonb_array_elements($11) WITH ORDINALITY AS note (document, number)
    ),
    next AS (
        UPDATE feed SET last_position = last_position + $12, last_hash = $17
        WHERE EXISTS (SELECT FROM snapshot) AND ($19::bigint IS NULL OR last_position = $19)
        RETURNING last_position
    ),
    claimed AS (
        INSERT INTO command_ids (command_id) SELECT $15 FROM snapshot WHERE $15 IS NOT NULL
    ),
    placed AS (
        INSERT INTO events (position, case_id, seq, document, schema_version, command_id,
            fingerprint)
        SELECT (SELECT last_position FROM next) - $12 + event.number, $1,
            $13 + event.number - 1, event.document, $9,
            CASE WHEN event.number = $12 THEN $15 END,
            CASE WHEN event.number = $12 THEN $16 END
        FROM snapshot, jsonb_array_elements($14) WITH ORDINALITY AS event (document, number)
        RETURNING position, document::text
    )
    SELECT snapshot.document, placed.position, placed.document
    FROM snapshot, placed ORDER BY placed.position DESC LIMIT 1"""
"""One save in one statement, given the case row's columns ($1-$9: id,
state, customer, review date, awaiting since, version, reported at,
document, schema version), the number of its first new note ($10), its new
notes as a JSON array ($11), the number of events ($12), the first one's
sequence number ($13), the events as a JSON array ($14), the command id
and fingerprint ($15, $16) kept with the last event (the id in the store's
table of every command id too, whose key refuses one already kept, of
whatever kind) and its hash, the global
chain's new head ($17), and for a command decided on a held copy the
document the case's row must still hold ($18, text) and the position the
feed's head must still be at ($19); both NULL when the rows were locked and
read; and when the managers are still to be told of the latest decision
($20), when the oldest item a contact left on the case was left ($21),
and the last day of their own the restrictions in force were decided to
end on ($22): columns of the case's row added later. It writes the snapshot (an
INSERT, or an UPDATE in place of ``%s`` if the row is at the version before
the new events and, given $18, holds that document), the new notes, the
next feed positions taken from the counter row (whose lock orders the
commits) and the events at them, and returns the
stored text of the snapshot and of the last event, and that event's
position. A row's foreign keys are checked at the end of the statement, so
the events of a new case may reference it.

Everything depends on the snapshot: when the UPDATE finds no such row, the
statement writes nothing and returns no row. When it does but the feed's
head is not at $19 (another write came first), the counter is not moved and
the events find no position: a NOT NULL violation, which ends the
transaction with nothing written. The case's row is locked (by the UPDATE)
before the feed's, as a unit of work that locks the row as it reads it does,
so the two never wait for each other in a cycle."""

_PREPARED = (
    """PREPARE contactpolicy_lock (text) AS
       SELECT version, document::text, schema_version FROM cases WHERE id = $1 FOR UPDATE""",
    "PREPARE contactpolicy_feed_head AS SELECT last_position, last_hash FROM feed FOR UPDATE",
    """PREPARE contactpolicy_last_event (text) AS
       SELECT document::text, schema_version, position, seq FROM events
       WHERE case_id = $1 ORDER BY seq DESC LIMIT 1""",
    "PREPARE contactpolicy_insert_case " + _SAVE % _INSERT_CASE,
    "PREPARE contactpolicy_update_case " + _SAVE % _UPDATE_CASE,
)
"""The statements of a unit of work, prepared on each pooled connection: a
unit of work sends them in simple queries, several to a round trip, with the
values as quoted literals, and the server neither parses nor plans them
again."""


def _quiet(connection: psycopg.Connection[Any]) -> bool:
    """Whether the server has sent nothing since its last reply. A pooled
    connection the server ended meanwhile (a restart, an operator) holds its
    farewell: a unit of work must then find out by a read, which fails with
    nothing written (``StoreUnavailable``), not by the write it would send
    with COMMIT, whose failure is ``OutcomeUnknown``."""
    descriptor = connection.fileno()
    if not hasattr(select, "poll"):  # Windows, whose select takes any socket
        return not select.select([descriptor], [], [], 0)[0]
    # poll, not select: select refuses descriptors past 1023, which a busy
    # application server's connections may have.
    watch = select.poll()
    watch.register(descriptor, select.POLLIN)
    return not watch.poll(0)


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


def _refuse_foreign(connection: psycopg.Connection[Any]) -> None:
    """:class:`InvalidInput` naming ``conninfo`` if the ``schema_migrations``
    table the connection's ``search_path`` finds is another application's
    (its migration tool's, such as Rails' or golang-migrate's): not of this
    store's columns, or without this store's ``cases`` and ``events``
    beside it. Its version is then never read as this store's, which would
    migrate that application's schema, fail reading text as a number, or
    take the schema for this store's. Other tables in the schema are
    allowed: a PostgreSQL schema is often shared."""
    columns = [
        name
        for (name,) in connection.execute(
            """SELECT attname FROM pg_attribute
               WHERE attrelid = to_regclass('schema_migrations') AND attnum > 0
               AND NOT attisdropped ORDER BY attnum"""
        ).fetchall()
    ]
    if not columns:
        return
    ours = _one(
        connection.execute(
            "SELECT to_regclass('cases') IS NOT NULL AND to_regclass('events') IS NOT NULL"
        )
    )
    if columns != ["version", "applied_at"] or not ours:
        raise InvalidInput(
            "conninfo",
            "the database's schema_migrations table is another application's (not this "
            "store's, beside its cases and events): give the council's contactpolicy "
            "database, or a schema of its own with the connection's search_path",
        )


def _schema_version(connection: psycopg.Connection[Any]) -> int | None:
    """The latest version the ``schema_migrations`` table records (0 for
    none), or ``None`` if the connection's ``search_path`` finds no such
    table."""
    if not _one(connection.execute("SELECT to_regclass('schema_migrations') IS NOT NULL")):
        return None
    found: int = _one(connection.execute("SELECT coalesce(max(version), 0) FROM schema_migrations"))
    return found


def _configure(
    settings: dict[str, str], answer_within: float, connection: _BoundedConnection
) -> None:
    """Bound every wait of a new connection, the wait for any answer
    (``answer_within`` seconds) first, and turn JIT compilation off (the
    pool calls this). The store's queries are short index lookups:
    compiling one to machine code takes longer than running it many times
    over, which the planner may choose to do on a table whose size it
    misjudges, such as one just filled in bulk."""
    connection.answer_within = answer_within
    connection.execute(
        """SELECT set_config('lock_timeout', %s, false),
               set_config('statement_timeout', %s, false), set_config('jit', 'off', false)""",
        (settings["lock_timeout"], settings["statement_timeout"]),
    )


def _configure_pooled(
    settings: dict[str, str], answer_within: float, connection: _BoundedConnection
) -> None:
    """Configure a pooled connection (:func:`_configure`) and prepare the
    statements units of work begin with (:data:`_PREPARED`)."""
    _configure(settings, answer_within, connection)
    # psycopg's own statement preparation is off: it answers every ROLLBACK
    # with DEALLOCATE ALL, which would drop the store's statements too, and
    # a refused command rolls back.
    connection.prepare_threshold = None
    # The prepared statements' plans depend little on the values, and
    # planning one afresh (as PostgreSQL otherwise keeps choosing to for the
    # save) costs more than running it; the store prepares no others.
    connection.execute("SET plan_cache_mode = force_generic_plan")
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


def _listing(
    connection: psycopg.Connection[Any],
    state: CaseState | None,
    customer_id: str | None,
    after: str | None,
    limit: int | None,
) -> tuple[str, dict[str, Any]]:
    """The condition (WHERE, ORDER BY and LIMIT) selecting a page of cases
    in listing order, and its values; ``CaseNotFound`` if ``after`` names
    no case (its report time read first, a round trip of its own)."""
    clauses: list[str] = []
    values: dict[str, Any] = {"state": None if state is None else state.value}
    if state is not None:
        clauses.append("cases.state = %(state)s")
    if customer_id is not None:
        clauses.append("cases.customer_id = %(customer_id)s")
        values["customer_id"] = customer_id
    if after is not None:
        start = connection.execute("SELECT reported_at FROM cases WHERE id = %s", (after,))
        found = start.fetchone()
        if found is None:
            raise CaseNotFound(after)
        clauses.append("(cases.reported_at, cases.id) > (%(after_at)s, %(after)s)")
        values |= {"after_at": found[0], "after": after}
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    page = "" if limit is None else f"LIMIT {int(limit)}"
    return f"{where} ORDER BY cases.reported_at, cases.id {page}", values


_NOTES = """coalesce((SELECT array_agg(document::text ORDER BY number)
                  FROM notes WHERE notes.case_id = cases.id), '{}'),
        coalesce((SELECT array_agg(schema_version ORDER BY number)
                  FROM notes WHERE notes.case_id = cases.id), '{}')"""
"""A case's notes, in order: their documents and schema versions."""


def _read_with_last(
    connection: psycopg.Connection[Any], condition: str, values: dict[str, Any]
) -> list[tuple[Case, AuditEvent]]:
    """The cases ``condition`` (a WHERE, ORDER BY and LIMIT on ``cases``)
    selects, with their notes, each with its last event (none: NULLs,
    :func:`read_last_event`), in one statement: one seek of the events'
    ``(case_id, seq)`` index per case."""
    rows = connection.execute(
        f"""SELECT cases.id, cases.document::text, cases.schema_version, {_NOTES},
                last.document, last.schema_version, last.position, last.seq
            FROM cases LEFT JOIN LATERAL
                (SELECT document::text, schema_version, position, seq FROM events
                 WHERE events.case_id = cases.id ORDER BY seq DESC LIMIT 1) AS last ON true
            {condition}""",
        values,
    ).fetchall()
    return [
        (_case_of(case_id, document, version, notes, versions), read_last_event(case_id, event))
        for case_id, document, version, notes, versions, *event in rows
    ]


def _read_cases(
    connection: psycopg.Connection[Any], condition: str, values: dict[str, Any]
) -> list[Case]:
    """The cases ``condition`` (a WHERE, ORDER BY and LIMIT) selects, with
    their notes, in one statement."""
    rows = connection.execute(
        f"""SELECT cases.id, cases.document::text, cases.schema_version, {_NOTES}
            FROM cases {condition}""",
        values,
    ).fetchall()
    return [_case_of(*row) for row in rows]


def _case_of(
    case_id: str, document: str, version: int, notes: list[str], versions: list[int]
) -> Case:
    """The case a row and its notes' documents and schema versions hold."""
    return read_case(
        document,
        version,
        case_id,
        [read_note(text, kept, case_id) for text, kept in zip(notes, versions, strict=True)],
    )


class _PostgresContactUnit:
    """A :class:`~contactpolicy.stores.protocols.ContactUnit` in a
    transaction holding the customer's advisory lock."""

    def __init__(self, connection: psycopg.Connection[Any], customer_id: str) -> None:
        self._connection = connection
        self._customer_id = customer_id
        self.appended = False
        """Whether an entry was appended, which COMMIT then saves."""
        self.command_id: str | None = None
        """The command id the entry was appended under, if any, for the
        error of a COMMIT whose answer is lost."""

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

    def applied(self, command_id: str) -> AppliedContact | None:
        check_command_id(command_id)
        row = self._connection.execute(
            _APPLIED % ("id, document::text, schema_version, fingerprint", "contact_log"),
            {"id": command_id},
        ).fetchone()
        own = None if row is None or row[0] is None else row
        found = own_command(own, used=row is not None)
        if found is None:
            return None
        contact_id, document, version, fingerprint = found
        return AppliedContact(int(contact_id), read_contact(document, version), fingerprint)

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
        try:
            row = self._connection.execute(
                """WITH claimed AS (
                       INSERT INTO command_ids (command_id)
                       SELECT %(command_id)s WHERE %(command_id)s::text IS NOT NULL
                   )
                   INSERT INTO contact_log (customer_id, at, document, schema_version, seq,
                   digest, key_id, command_id, fingerprint, waiting)
                   VALUES (%(customer_id)s, %(at)s, %(document)s, %(schema_version)s, %(seq)s,
                   %(digest)s, %(key_id)s, %(command_id)s, %(fingerprint)s, %(waiting)s)
                   RETURNING id""",
                {
                    "customer_id": logged.customer_id,
                    "at": logged.contact.at,
                    "document": codec.dumps(logged),
                    "schema_version": codec.SCHEMA_VERSION,
                    "seq": link.seq,
                    "digest": link.digest,
                    "key_id": link.key_id,
                    "command_id": None if command is None else command.command_id,
                    "fingerprint": None if command is None else command.fingerprint,
                    "waiting": True if waits else None,
                },
            ).fetchone()
        except errors.UniqueViolation as error:
            # Another command took the id as this one was written (the lock
            # held is on this customer's log only): another customer's
            # entry, a case's command or a purge run.
            if command is None or error.diag.constraint_name not in _CONTACT_COMMAND_CONSTRAINTS:
                raise
            raise command_id_used() from None
        assert row is not None, "an INSERT ... RETURNING gives its row"
        self.appended = True
        self.command_id = None if command is None else command.command_id
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

    def storage_problems(self) -> tuple[Problem, ...]:
        """None: PostgreSQL's indexes and files are checked by its
        administrator with its own tools (the ``amcheck`` extension, data
        checksums; ``docs/audit.md``)."""
        return ()


_PAGE = 2000
"""How many rows a scan's cursor fetches at a time."""

_INDEXED = (
    "state",
    "customer_id",
    "review_due",
    "ends_on",
    "awaiting_since",
    "uninformed_since",
    "open_items_since",
    "version",
    "reported_at",
)
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
        "ends_on": case.ends_on,
        "awaiting_since": awaiting_since(case),
        "uninformed_since": uninformed_since(case),
        "open_items_since": open_items_since(case),
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
