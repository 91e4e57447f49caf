"""``SQLiteStore``: the embedded default, one database file on disk.

Built on the standard library's :mod:`sqlite3`. The file is in WAL mode, so
readers never wait for a writer. Each command is one unit of work: a
``BEGIN IMMEDIATE`` transaction that takes the database's write lock
*before* it reads the case, so concurrent writers in any thread or process
are serialised and a stale save is always seen. A writer that finds the lock
taken waits up to ``timeout`` seconds, then gets ``StoreUnavailable``.

Connections are kept: one per thread, opened on the thread's first call and
all closed by :meth:`SQLiteStore.close` (or when the store is garbage
collected). Read-only calls run in read transactions and never take the
write lock.
"""

from __future__ import annotations

import errno
import functools
import json
import math
import os
import re
import sqlite3
import stat
import threading
import weakref
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import attrs
import pendulum

from contactpolicy.audit import codec
from contactpolicy.audit.contacts import ContactLink, SignedContact, next_link
from contactpolicy.audit.events import GENESIS, AuditEvent, Problem
from contactpolicy.audit.keys import UNKEYED
from contactpolicy.audit.seal import StoredContact
from contactpolicy.audit.verify import StoredTrail
from contactpolicy.domain import wording
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case, CaseSummary, Note
from contactpolicy.domain.notices import RecordSeal, Subscription
from contactpolicy.domain.reads import FileRead
from contactpolicy.domain.safeguards import ActedOn
from contactpolicy.domain.validation import describe, kept
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import (
    CaseNotFound,
    ConcurrentUpdate,
    InvalidInput,
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

__all__ = [
    "MIGRATIONS",
    "NAMED",
    "SQLiteStore",
    "check_path",
    "holds_nothing",
    "integrity_problems",
    "translate",
]

APPLICATION_ID = 0x43504C59
"""The number in a store's file header (``PRAGMA application_id``, "CPLY"
in ASCII) that marks the file as this store's, from schema step 16."""


def _backfill(
    connection: sqlite3.Connection, column: str, holding: str, value: Callable[[Case], Any]
) -> None:
    """Fill ``column`` of each stored case with ``value`` of its snapshot,
    worked out by the library's own rule rather than a copy of it in SQL, a
    page of rows at a time. Only the rows whose document is JSON and
    ``holding`` (an SQL condition on it) are decoded, with those whose
    document is not JSON, which are read and left out as any unreadable
    snapshot is: SQLite's JSON functions would refuse them and stop the
    step, and CASE looks inside only once it is JSON. A snapshot that
    cannot be read is left ``NULL``, and ``verify`` reports it."""
    after = ""
    while True:
        rows = connection.execute(
            f"""SELECT id, document, schema_version FROM cases WHERE id > ?
               AND CASE WHEN json_valid(document) THEN
                   json_type(document) = 'object' AND ({holding})
                   ELSE 1 END
               ORDER BY id LIMIT 1000""",
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
                connection.execute(f"UPDATE cases SET {column} = ? WHERE id = ?", (found, case_id))
        after = rows[-1][0]


def _backfill_open_items(connection: sqlite3.Connection) -> None:
    """Step 17's backfill: each stored case's ``open_items_since``, by the
    one rule (:func:`open_items_since`), for the snapshots that list an item."""
    _backfill(
        connection,
        "open_items_since",
        """json_array_length(document, '$.to_read') > 0
           OR json_array_length(document, '$.to_act_on') > 0
           OR json_array_length(document, '$.new_issues') > 0""",
        lambda case: None if (since := open_items_since(case)) is None else _sortable(since),
    )


def _backfill_ends_on(connection: sqlite3.Connection) -> None:
    """Step 21's backfill: each stored case's ``ends_on``, by the one rule
    (:attr:`Case.ends_on`, 6.4), for the snapshots whose designation names a
    last day."""
    _backfill(
        connection,
        "ends_on",
        "json_type(document, '$.designation.ends_on') = 'text'",
        lambda case: None if case.ends_on is None else case.ends_on.isoformat(),
    )


NAMED = """iif(json_valid(document), coalesce(
    json_extract(document, '$.data.customer.id'),
    iif(json_extract(document, '$.data.field') = 'customer.id',
        json_extract(document, '$.data.value'), NULL)), NULL)"""
"""The customer reference an event's row gives its case, as schema step 19
indexes it and :meth:`SQLiteStore.missing_cases` asks for it
(:func:`~contactpolicy.stores.rows.customer_named` in SQL). Part of a
schema step: never change it."""


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
    # 4: command ids kept with their events, unique in the store (safe
    # retries); when a decision in force awaits communication, indexed
    # (not_communicated); an index per filter combination of cases(); and
    # notes in rows of their own, moved out of the snapshots, so a command
    # writes what it adds whatever the length of the case's history.
    (
        "ALTER TABLE events ADD COLUMN command_id TEXT",
        "ALTER TABLE events ADD COLUMN fingerprint TEXT",
        """CREATE UNIQUE INDEX events_by_command ON events (command_id)
           WHERE command_id IS NOT NULL""",
        "ALTER TABLE cases ADD COLUMN awaiting_since TEXT",
        """UPDATE cases SET awaiting_since = CASE
               WHEN length(json_extract(document, '$.designation.decided_at')) = 25
               THEN substr(json_extract(document, '$.designation.decided_at'), 1, 19)
                    || '.000000+00:00'
               ELSE json_extract(document, '$.designation.decided_at') END
           WHERE state IN ('designated', 'under_review', 'appealed')
           AND json_type(document, '$.designation') = 'object'
           AND json_type(document, '$.designation.communicated') = 'null'""",
        """CREATE INDEX cases_not_communicated ON cases (awaiting_since, id)
           WHERE awaiting_since IS NOT NULL""",
        "CREATE INDEX cases_by_customer_state ON cases (customer_id, state, reported_at, id)",
        "CREATE INDEX cases_by_report ON cases (reported_at, id)",
        """CREATE TABLE notes (
            case_id TEXT NOT NULL REFERENCES cases (id),
            number INTEGER NOT NULL,
            document TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            PRIMARY KEY (case_id, number)
        ) WITHOUT ROWID""",
        """INSERT INTO notes (case_id, number, document, schema_version)
           SELECT cases.id, note.key + 1, note.value, cases.schema_version
           FROM cases, json_each(cases.document, '$.notes') AS note""",
        "UPDATE cases SET document = json_set(document, '$.notes', json('[]'))",
    ),
    # 5: the customer's name and the issue as columns, so a listing reads
    # columns only and neither SQLite nor Python parses a case's document
    # (CaseStore.summaries).
    (
        "ALTER TABLE cases ADD COLUMN customer_name TEXT",
        "ALTER TABLE cases ADD COLUMN issue TEXT",
        """UPDATE cases SET customer_name = json_extract(document, '$.customer.name'),
           issue = json_extract(document, '$.issue')""",
    ),
    # 6: the contact log chained per customer (docs/audit.md): each entry's
    # number in its customer's log, its digest and the audit key's id. The
    # entries already there are numbered in the order they were logged and
    # have no digest: they were never chained, and verify says so.
    (
        "ALTER TABLE contact_log ADD COLUMN seq INTEGER",
        "ALTER TABLE contact_log ADD COLUMN digest TEXT",
        "ALTER TABLE contact_log ADD COLUMN key_id TEXT",
        """UPDATE contact_log SET seq = (SELECT count(*) FROM contact_log AS earlier
               WHERE earlier.customer_id = contact_log.customer_id
               AND earlier.id <= contact_log.id)""",
        "CREATE UNIQUE INDEX contact_log_chain ON contact_log (customer_id, seq)",
    ),
    # 7: the outbox (9.1): the feed position last delivered to each
    # recipient, and the webhook subscriptions.
    (
        """CREATE TABLE deliveries (
            recipient TEXT PRIMARY KEY,
            position INTEGER NOT NULL
        ) WITHOUT ROWID""",
        """CREATE TABLE webhooks (
            id TEXT PRIMARY KEY,
            document TEXT NOT NULL
        ) WITHOUT ROWID""",
    ),
    # 8: the HTTP API's tokens, kept as the SHA-256 of the secret only.
    (
        """CREATE TABLE api_tokens (
            id TEXT PRIMARY KEY,
            digest TEXT NOT NULL UNIQUE,
            officer_id TEXT NOT NULL,
            label TEXT NOT NULL,
            created_at TEXT NOT NULL,
            revoked_at TEXT
        )""",
    ),
    # 9: the read log (7.4; UK GDPR Art. 5(1)(f)): who read whose case file,
    # when and by which query; erased by a purge after retention (7.2).
    (
        """CREATE TABLE read_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            officer_id TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            case_id TEXT NOT NULL,
            query TEXT NOT NULL
        )""",
        "CREATE INDEX read_log_by_customer ON read_log (customer_id, at, id)",
        "CREATE INDEX read_log_by_time ON read_log (at, id)",
    ),
    # 10: the listing order's index holds every column a summary reads, so a
    # page of summaries is read from the index alone, without a lookup of
    # each case's row (CaseStore.summaries; `contactpolicy list`).
    (
        "DROP INDEX cases_by_report",
        """CREATE INDEX cases_by_report ON cases (reported_at, id, customer_id, customer_name,
           state, review_due, issue, schema_version)""",
    ),
    # 11: when the latest decision is one managers are told of (every one
    # but no action, 9.1) and nobody is recorded as having told them, in any
    # state (a lift's too), indexed (not_informed). The codec's times compare
    # in time order as text (one without microseconds has "+" where another
    # has "."); the column keeps them fixed-width, as awaiting_since.
    (
        "ALTER TABLE cases ADD COLUMN uninformed_since TEXT",
        """UPDATE cases SET uninformed_since = CASE
               WHEN length(json_extract(document, '$.decisions[#-1].decided_at')) = 25
               THEN substr(json_extract(document, '$.decisions[#-1].decided_at'), 1, 19)
                    || '.000000+00:00'
               ELSE json_extract(document, '$.decisions[#-1].decided_at') END
           WHERE json_array_length(document, '$.decisions') > 0
           AND json_extract(document, '$.decisions[#-1].kind') <> 'no_action'
           AND NOT EXISTS (
               SELECT 1 FROM json_each(document, '$.disseminations') AS told
               WHERE json_extract(told.value, '$.at')
                   >= json_extract(document, '$.decisions[#-1].decided_at'))""",
        """CREATE INDEX cases_not_informed ON cases (uninformed_since, id)
           WHERE uninformed_since IS NOT NULL""",
    ),
    # 12: who issued each API token and who revoked it (7.4; UK GDPR Art.
    # 5(1)(f)). Tokens kept before are left NULL in both: not known.
    (
        "ALTER TABLE api_tokens ADD COLUMN issued_by TEXT",
        "ALTER TABLE api_tokens ADD COLUMN revoked_by TEXT",
    ),
    # 13: the command id a contact's decision was logged under and its
    # fingerprint, unique in the log (safe retries at the point of contact).
    # Entries logged before have neither.
    (
        "ALTER TABLE contact_log ADD COLUMN command_id TEXT",
        "ALTER TABLE contact_log ADD COLUMN fingerprint TEXT",
        """CREATE UNIQUE INDEX contact_log_by_command ON contact_log (command_id)
           WHERE command_id IS NOT NULL""",
    ),
    # 14: each API token's seal with the audit key (7.4): the key's id and
    # the digest. Tokens kept before are left NULL in both: not sealed, so
    # a store with an audit key refuses them until they are issued again.
    (
        "ALTER TABLE api_tokens ADD COLUMN seal_key_id TEXT",
        "ALTER TABLE api_tokens ADD COLUMN seal TEXT",
    ),
    # 15: each purge run kept under the caller's command id (7.2): the
    # fingerprint of its arguments and the report it gave (ids only), kept
    # in the transaction that erases, so a repeat answers with that report.
    (
        """CREATE TABLE purge_runs (
            command_id TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            report TEXT NOT NULL
        ) WITHOUT ROWID""",
    ),
    # 16: the file's header marks it as this store's (its application id),
    # and from here on holds the schema's version too (its user version,
    # set with each step), so that opening a store reads two numbers from
    # the header in place of querying its tables.
    (f"PRAGMA application_id = {APPLICATION_ID}",),
    # 17: when the oldest item a contact left on the case (correspondence to
    # read, 5.1; a contact to act on, 8.1, 6.3; a new-issue marker, 7.3)
    # was left, in any state, indexed (with_open_items), so the queries of
    # what waits read the cases holding an item, not every case. Fixed-width
    # text, as awaiting_since.
    (
        "ALTER TABLE cases ADD COLUMN open_items_since TEXT",
        """CREATE INDEX cases_with_open_items ON cases (open_items_since, id)
           WHERE open_items_since IS NOT NULL""",
    ),
    # 18: the events signed with an audit key, indexed by feed position and
    # by their key id and position, from the key id each event's document
    # names (an expression, so no column can say otherwise), so under which
    # key id the store is signed, and the latest events signed under one,
    # are read from an index however far back they are (7.4). A row that
    # is not JSON has no key id here.
    (
        """CREATE INDEX events_signed ON events (position)
           WHERE iif(json_valid(document), json_extract(document, '$.key_id'), NULL)
               IS NOT NULL""",
        """CREATE INDEX events_by_key_id ON events
           (iif(json_valid(document), json_extract(document, '$.key_id'), NULL), position)
           WHERE iif(json_valid(document), json_extract(document, '$.key_id'), NULL)
               IS NOT NULL""",
    ),
    # 19: the contact log entries signed with an audit key, indexed by id,
    # so a store whose only signed records are contacts is keyed too, read
    # from one row of an index however long the log (7.4).
    (
        """CREATE INDEX contact_log_signed ON contact_log (id)
           WHERE key_id IS NOT NULL""",
    ),
    # 20: the events that give a case its customer reference (a report's or
    # a concern's customer, a correction of the reference), indexed by that
    # reference and case (an expression, so no column can say otherwise), so
    # the cases a customer's history names are found even when a case's own
    # row was deleted, and the point of contact, a new report and the
    # register refuse rather than take that customer as having no case
    # (7.4; CaseStore.missing_cases). A row that is not JSON names nobody.
    (
        f"""CREATE INDEX events_by_customer ON events ({NAMED}, case_id)
           WHERE {NAMED} IS NOT NULL""",
    ),
    # 21: the last day of their own the restrictions in force were decided
    # to end on (6.4), as a column a summary reads, so that a listing says
    # restrictions that ended before their review day ended, not lapsed
    # (7.2); the listing order's index holds it too, so a page of summaries
    # is still read from the index alone (step 10). Filled in from each
    # stored snapshot by the one rule (Case.ends_on).
    (
        "ALTER TABLE cases ADD COLUMN ends_on TEXT",
        "DROP INDEX cases_by_report",
        """CREATE INDEX cases_by_report ON cases (reported_at, id, customer_id, customer_name,
           state, review_due, issue, ends_on, schema_version)""",
    ),
    # 22: every command id the store keeps, of whatever kind (a case's
    # command with its event, a contact's decision with its entry, a purge
    # run), in one table whose key makes it unique in the store (7.4),
    # written in the transaction that keeps the command; filled from the
    # three. An id two kinds shared before this step is kept once, and
    # each still answers its own repeats.
    (
        "CREATE TABLE command_ids (command_id TEXT PRIMARY KEY) WITHOUT ROWID",
        """INSERT OR IGNORE INTO command_ids
           SELECT command_id FROM events WHERE command_id IS NOT NULL""",
        """INSERT OR IGNORE INTO command_ids
           SELECT command_id FROM contact_log WHERE command_id IS NOT NULL""",
        "INSERT OR IGNORE INTO command_ids SELECT command_id FROM purge_runs",
    ),
    # 23: the contact log entries that wait to be acted on (an escalated
    # safeguard no case holds an item for, 5.1): a column set while one
    # waits, indexed where it is set, so what waits is read from the index
    # however long the log; and the record kept once one is acted on (who,
    # when, what was done, the command id), as JSON. Entries logged before
    # wait for nothing.
    (
        "ALTER TABLE contact_log ADD COLUMN waiting INTEGER",
        "ALTER TABLE contact_log ADD COLUMN acted_on TEXT",
        """CREATE INDEX contact_log_waiting ON contact_log (id)
           WHERE waiting IS NOT NULL""",
    ),
)
"""The schema's history: the database is brought to version ``n`` by running
steps 1 to ``n`` in order, each once, recorded in ``schema_migrations`` and,
from step 16 on, in the file header's ``user_version``."""

BACKFILLS: dict[int, Callable[[sqlite3.Connection], None]] = {
    17: _backfill_open_items,
    21: _backfill_ends_on,
}
"""What a step fills in Python, after its statements, from the stored
snapshots: a column whose rule is the library's own, so it is worked out
by that rule and not by a copy of it in SQL."""

_TOKENS = """SELECT id, digest, officer_id, label, created_at, revoked_at, issued_by, revoked_by,
    seal_key_id, seal FROM api_tokens"""

_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
_READ_ONLY = (sqlite3.SQLITE_READONLY,)
_UNREACHABLE = (
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_PERM,
)


def translate(error: sqlite3.Error, path: Path, timeout: float, case_id: str | None) -> StoreError:
    """The library's error for a driver error, in words an operator can act on.

    Busy or locked, and a file that cannot be opened or written just now
    (a full disk, an I/O error), are :class:`StoreUnavailable` (nothing was
    written: SQLite rolls back a transaction it could not finish); a
    database this process may read but not write ("attempt to write a
    readonly database") is :class:`StoreReadOnly`, as trying again cannot
    mend it, naming what this user may not write, as it is when the error
    is raised (:func:`_read_only`); a corrupt file, a file that is not a
    database and a write that contradicts the stored data are
    :class:`StoreDamaged`, as is anything not recognised.
    """
    code = getattr(error, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    kind: type[StoreError] = StoreDamaged
    if primary in _BUSY:
        kind = StoreUnavailable
        meaning = (
            f"the database {path} is busy: another connection held its lock for longer "
            f"than the {timeout:g} s timeout"
        )
    elif primary in _DAMAGED:
        meaning = f"the file {path} is damaged or is not a database"
    elif primary in _READ_ONLY:
        kind = StoreReadOnly
        meaning = f"the database {path} can be read but not written by this user" + _read_only(
            path, code
        )
    elif primary in _UNREACHABLE:
        kind = StoreUnavailable
        meaning = (
            f"cannot open or write the database {path}: "
            "check the folder, its permissions and free space"
        )
    elif isinstance(error, sqlite3.IntegrityError):
        meaning = f"the write contradicts the data stored in {path}"
    else:
        meaning = f"SQLite failed on {path}"
    return kind(f"{meaning} ({error})", case_id)


_DB_MOVED = 1032
"""SQLITE_READONLY_DBMOVED: the database file was moved or deleted while open."""


def _read_only(path: Path, code: int | None) -> str:
    """What makes the database at ``path`` read-only for this user, as it
    is now: each of the file, its ``-wal``, its ``-shm`` and its folder
    that this user may not write (a file that is not there is not named;
    the folder is, where SQLite must make the ``-wal`` and ``-shm``
    files). SQLite gives a ``-wal`` and ``-shm`` it makes the file's own
    permissions, so those of a read-only file stay read-only once the file
    is made writable, and a write fails until they are too. Nothing at all
    when the file was moved while open, or when all four may be written
    now (a connection opened read-only, or permissions changed since)."""
    if code == _DB_MOVED:
        return ": the file was moved or deleted while it was open"
    # SQLite makes the -wal and -shm files beside the file a link names.
    real = Path(os.path.realpath(path))
    base = path if real == Path(os.path.abspath(path)) else real
    beside = [Path(f"{base}-wal"), Path(f"{base}-shm")]
    named = [
        str(file) for file in (base, *beside) if os.path.lexists(file) and not _may_write(file)
    ]
    if not _may_write(base.parent):
        missing = not all(os.path.lexists(file) for file in beside)
        named.append(
            "its folder, where the -wal and -shm files are made" if missing else "its folder"
        )
    if not named:
        return (
            ": it was opened read-only, though this user may now write the file, its -wal "
            "and -shm files and its folder"
        )
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}"
    return f", who may not write {listed}"


_NO_FILE_THERE = {errno.ENAMETOOLONG, errno.ELOOP, errno.ENOTDIR}
"""Why a path can lead to no file, whatever is done but changing the path:
a name too long for the file system, a loop of links, a file on the way
where a folder must be."""


def check_path(path: Path) -> os.stat_result | None:
    """What is at ``path``, the file a database is to be kept in, with one
    look at it: ``None`` when nothing is there yet (a store makes the
    file). :class:`InvalidInput` naming ``path`` for a path that can never
    be the file the electronic record of 7.4 is kept in, so running again
    cannot mend it: a folder, a named pipe, a device or a socket, a name too
    long for the file system, a loop of links, or a file on the way where
    a folder must be. Any other failure to look (a folder this user may
    not search, an I/O error) is the :class:`OSError`, for the caller to
    say or to leave to opening the file; a missing folder is nothing there,
    as it may be a share not mounted yet. The message names ``path`` as
    given, and repeats nothing else.

    >>> import pathlib, tempfile
    >>> check_path(pathlib.Path(tempfile.mkdtemp()) / "cases.db") is None
    True
    >>> check_path(pathlib.Path("/"))
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: path: / is a folder; name a database file in it
    """
    try:
        found = path.stat()
    except OSError as error:
        if error.errno in _NO_FILE_THERE:
            raise InvalidInput("path", f"cannot look at {path}: {error.strerror}") from None
        if error.errno == errno.ENOENT:
            return None
        raise
    if stat.S_ISDIR(found.st_mode):
        raise InvalidInput("path", f"{path} is a folder; name a database file in it")
    if not stat.S_ISREG(found.st_mode):
        raise InvalidInput(
            "path",
            f"{path} is not a regular file (a pipe or a device, say); name a database file",
        )
    return found


class SQLiteStore:
    """Cases and events in one SQLite file; created and migrated on first use.

    ``synchronous="FULL"`` (the default) makes every acknowledged save
    survive a power loss. ``"NORMAL"`` is faster, and a crash of the process
    still loses nothing, but a power loss or operating-system crash may lose
    the last saves acknowledged before it; the database is never corrupted.
    ``timeout`` is how long, in seconds, a writer waits for another's lock:
    0 (not at all) or more, at most :data:`~contactpolicy.stores.checks.LONGEST_WAIT`,
    else :class:`InvalidInput` naming ``timeout``, with no file created.
    A database file the store creates, and its ``-wal`` and ``-shm`` files,
    are readable and writable by their owner only (0600): they hold
    personal data. An existing file keeps its permissions. A path that can
    never be a database file (a folder, a device, a name too long: see
    :func:`check_path`) is :class:`InvalidInput` naming ``path``; one that
    cannot be opened just now (permissions, a folder not there, a full
    disk) :class:`StoreUnavailable`.

    >>> import pathlib, tempfile
    >>> store = SQLiteStore(pathlib.Path(tempfile.mkdtemp()) / "cases.db")
    >>> store.cases()
    []
    >>> store.close()
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        synchronous: Literal["FULL", "NORMAL"] = "FULL",
        timeout: float = 5.0,
    ) -> None:
        if not isinstance(path, str | os.PathLike) or not isinstance(os.fspath(path), str):
            raise InvalidInput("path", f"must be a file path, got {describe(path)}")
        if "\x00" in os.fspath(path):
            raise InvalidInput("path", "must not contain the NUL character (U+0000)")
        if str(path) == ":memory:" or not str(path):
            raise InvalidInput(
                "path", f"must name a file, got {str(path)!r}; use MemoryStore for no file"
            )
        if synchronous not in ("FULL", "NORMAL"):
            raise InvalidInput("synchronous", f"must be 'FULL' or 'NORMAL', got {synchronous!r}")
        # 0 fails at once while another connection holds the lock; SQLite
        # counts whole milliseconds, so a fraction of one waits one.
        self.timeout = check_seconds("timeout", timeout, or_zero=True)
        self._busy = math.ceil(self.timeout * 1000) / 1000
        self.path = Path(path)
        self.synchronous = synchronous
        self._local = threading.local()
        self._pid = os.getpid()
        self._opened: list[sqlite3.Connection] = []
        self._opened_lock = threading.Lock()
        self._decoded = DecodedCases()
        self._finalizer = weakref.finalize(self, _close_all, self._opened, self._opened_lock)
        try:
            found = check_path(self.path)
        except OSError:
            # Permissions, say: opening the file says what is wrong.
            found = None
        if found is None:
            self._create_private()
        try:
            with self._translated(None) as connection:
                current = _marked_current(connection)
                if not current:
                    # Before anything reads the version from a table of that
                    # name: another tool's schema_migrations can hold any number.
                    self._refuse_foreign(connection)
                    current = _current(connection)
                mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if mode != "wal":
                    raise StoreUnavailable(
                        f"the database {self.path} cannot use WAL mode (it is {mode})"
                    )
                if not current:
                    self._migrate(connection)
        finally:
            self._writable_beside()

    @contextmanager
    def unit_of_work(self) -> Iterator[_SQLiteUnitOfWork]:
        """One command's reads and write in one ``BEGIN IMMEDIATE``
        transaction: the write lock is taken before the case is read."""
        connection = self._connection_translated()
        work = _SQLiteUnitOfWork(self, connection)
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield work
                connection.execute("COMMIT")
            finally:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
        except sqlite3.Error as error:
            raise translate(error, self.path, self.timeout, work.case_id) from error
        for case, document, last_event, event in work.written:
            self._decoded.put(case, document, last_event, event)

    def load(self, case_id: str) -> Case:
        """The case as last saved; ``CaseNotFound`` if there is none."""
        check_id(case_id, "case_id")
        with self._reading(case_id) as connection:
            return _read_case(connection, case_id)

    def trail(self, case_id: str) -> tuple[Case, list[AuditEvent]]:
        """The case and all its events, read in one read transaction."""
        check_id(case_id, "case_id")
        with self._reading(case_id) as connection:
            case = _read_case(connection, case_id)
            rows = connection.execute(
                """SELECT document, schema_version, position, case_id, seq FROM events
                   WHERE case_id = ? ORDER BY seq""",
                (case_id,),
            ).fetchall()
        return case, read_history(rows)

    def stored_trail(self, case_id: str) -> StoredTrail:
        """The case, its events and what was found reading their rows, in
        one read transaction."""
        check_id(case_id, "case_id")
        with self._reading(case_id) as connection:
            cases = connection.execute(_SCAN_CASES + " WHERE id = ?", (case_id,)).fetchall()
            events = connection.execute(
                _SCAN_EVENTS + " WHERE case_id = ? ORDER BY seq", (case_id,)
            ).fetchall()
            notes = connection.execute(
                _SCAN_NOTES + " WHERE case_id = ? ORDER BY number", (case_id,)
            ).fetchall()
        if not cases and not events:
            raise CaseNotFound(case_id)
        return next(scanned_trails(map(_case_row, cases), events, notes, _columns))

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
        with self._reading(None) as connection:
            query, values = _listing(
                connection, "id, document, schema_version", state, customer_id, after, limit
            )
            return _read_cases(connection, query, values)

    def customer_cases(self, customer_id: str) -> list[tuple[Case, AuditEvent]]:
        """The customer's cases, oldest report first, each with its last
        event, in one read transaction: one query joining each case row to
        its last event row by the ``(case_id, seq)`` index, and their notes."""
        check_id(customer_id, "customer_id")
        with self._reading(None) as connection:
            return _read_with_last(connection, _CUSTOMER_CASES, [customer_id])

    def cases_with_last(
        self,
        state: CaseState | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[tuple[Case, AuditEvent]]:
        """The page of :meth:`cases`, each case with its last event, in one
        read transaction: the page's query joined to each case's last event
        row by the ``(case_id, seq)`` index, and their notes."""
        check_listing(state, None, after, limit)
        with self._reading(None) as connection:
            query, values = _listing(
                connection, "id, document, schema_version, reported_at", state, None, after, limit
            )
            return _read_with_last(connection, _WITH_LAST % query, values)

    def summaries(
        self,
        state: CaseState | None = None,
        customer_id: str | None = None,
        *,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[CaseSummary]:
        """The summaries of :meth:`cases`, read from the rows' columns only:
        no case's document is parsed."""
        check_listing(state, customer_id, after, limit)
        # One statement reads one committed state on its own; a page after a
        # case takes two, read in one transaction.
        with (self._translated if after is None else self._reading)(None) as connection:
            query, values = _listing(connection, _SUMMARY, state, customer_id, after, limit)
            rows = connection.execute(query, values).fetchall()
        return [read_summary(*row) for row in rows]

    def due_reviews(self, as_of: pendulum.Date) -> list[Case]:
        """Cases in force whose review is due by ``as_of``, longest overdue first."""
        check_as_of(as_of)
        with self._reading(None) as connection:
            return _read_cases(
                connection,
                """SELECT id, document, schema_version FROM cases INDEXED BY cases_by_review_due
                   WHERE review_due <= ? ORDER BY review_due, id""",
                [as_of.isoformat()],
            )

    def not_communicated(self) -> list[Case]:
        """Latest decisions not recorded as communicated, oldest first."""
        with self._reading(None) as connection:
            return _read_cases(
                connection,
                """SELECT id, document, schema_version FROM cases INDEXED BY cases_not_communicated
                   WHERE awaiting_since IS NOT NULL ORDER BY awaiting_since, id""",
                [],
            )

    def not_informed(self) -> list[Case]:
        """Latest decisions managers are not recorded as told of, oldest first."""
        with self._reading(None) as connection:
            return _read_cases(
                connection,
                """SELECT id, document, schema_version FROM cases INDEXED BY cases_not_informed
                   WHERE uninformed_since IS NOT NULL ORDER BY uninformed_since, id""",
                [],
            )

    def with_open_items(self) -> list[Case]:
        """Cases on which an item left by a contact waits, the oldest item first."""
        with self._reading(None) as connection:
            return _read_cases(
                connection,
                """SELECT id, document, schema_version FROM cases INDEXED BY cases_with_open_items
                   WHERE open_items_since IS NOT NULL ORDER BY open_items_since, id""",
                [],
            )

    def events_since(self, position: int, limit: int) -> list[AuditEvent]:
        """The feed after ``position``, at most ``limit`` events."""
        check_feed(position, limit)
        with self._translated(None) as connection:
            rows = connection.execute(
                """SELECT document, schema_version, position, case_id, seq FROM events NOT INDEXED
                   WHERE position > ? ORDER BY position LIMIT ?""",
                (position, limit),
            ).fetchall()
        return [read_event(*row) for row in rows]

    def head(self) -> tuple[int, str]:
        """The position and hash of the feed's last event."""
        with self._reading(None) as connection:
            return _head(connection)

    def missing_cases(self, customer_id: str | None = None) -> list[str]:
        """The ids of the cases with event rows and no case row, by id; with
        ``customer_id``, those whose history names that customer, read from
        the index of the events that name a customer (schema step 19)."""
        check_missing(customer_id)
        with self._translated(None) as connection:
            if customer_id is None:
                rows = connection.execute(_MISSING).fetchall()
            else:
                rows = connection.execute(_MISSING_OF, (customer_id,)).fetchall()
        return [case_id for (case_id,) in rows]

    def newest_key_id(self) -> str | None:
        """The key id of the feed's newest signed event, or ``None``: one
        row of the index of signed events."""
        with self._translated(None) as connection:
            row = connection.execute(_NEWEST_SIGNED).fetchone()
        return None if row is None else read_event(*row).key_id

    def signed_events(self, key_id: str, limit: int) -> list[AuditEvent]:
        """The latest ``limit`` events signed under ``key_id``, the latest
        first, read from the index by key id and position."""
        check_signed(key_id, limit)
        with self._translated(None) as connection:
            rows = connection.execute(_SIGNED_UNDER, (key_id, limit)).fetchall()
        return [read_event(*row) for row in rows]

    def newest_contact_key_id(self) -> str | None:
        """The key id of the contact log's newest signed entry, or ``None``:
        one row of the index of signed entries; ``StoreDamaged`` if it is
        not a key id (:func:`~contactpolicy.stores.rows.read_contact_key_id`)."""
        with self._translated(None) as connection:
            row = connection.execute(_NEWEST_SIGNED_CONTACT).fetchone()
        return None if row is None else read_contact_key_id(row[0])

    def signed_contacts(self, key_id: str, limit: int) -> list[SignedContact]:
        """The latest ``limit`` entries signed under ``key_id``, the newest
        first, read from the index of signed entries by id."""
        check_signed(key_id, limit)
        with self._translated(None) as connection:
            rows = connection.execute(_SIGNED_CONTACTS, (key_id, limit)).fetchall()
        return [read_signed_contact(*row) for row in rows]

    def record_contact(self, logged: LoggedContact) -> int:
        """Append one entry to the contact log, chained unkeyed; its id."""
        check_contact(logged)
        with self.contact_unit(logged.customer_id) as unit:
            return unit.append(logged, next_link(unit.last(), logged, UNKEYED))

    @contextmanager
    def contact_unit(self, customer_id: str) -> Iterator[_SQLiteContactUnit]:
        """The customer's log in a ``BEGIN IMMEDIATE`` transaction: the write
        lock is taken before the recent contacts are read."""
        check_id(customer_id, "customer_id", "5.1")
        connection = self._connection_translated()
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield _SQLiteContactUnit(connection, customer_id)
                connection.execute("COMMIT")
            finally:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
        except sqlite3.Error as error:
            raise translate(error, self.path, self.timeout, None) from error

    def waiting_contacts(self) -> list[WaitingContact]:
        """The entries waiting to be acted on, in the order logged, read from
        the index of those waiting (schema step 23)."""
        with self._translated(None) as connection:
            rows = connection.execute(
                """SELECT id, customer_id, document, schema_version
                   FROM contact_log INDEXED BY contact_log_waiting
                   WHERE waiting IS NOT NULL ORDER BY id"""
            ).fetchall()
        return [
            WaitingContact(customer_id, contact_id, read_contact(document, version))
            for contact_id, customer_id, document, version in rows
        ]

    def record_acted_on(self, contact_id: int, acted: ActedOn) -> ActedOn | None:
        """Record the waiting entry ``contact_id`` acted on, in one ``BEGIN
        IMMEDIATE`` transaction with its command id, if any."""
        check_acted_on(contact_id, acted)
        with self._translated(None) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                row = connection.execute(
                    "SELECT waiting, acted_on FROM contact_log WHERE id = ?", (contact_id,)
                ).fetchone()
                if row is None or (row[0] is None and row[1] is None):
                    return None
                if row[1] is not None:
                    return read_acted_on(row[1])
                if acted.command_id is not None:
                    used = connection.execute(
                        "SELECT 1 FROM command_ids WHERE command_id = ?", (acted.command_id,)
                    ).fetchone()
                    check_command_free(used=used is not None)
                    connection.execute(_KEEP_COMMAND_ID, (acted.command_id,))
                connection.execute(
                    "UPDATE contact_log SET waiting = NULL, acted_on = ? WHERE id = ?",
                    (codec.dumps(acted), contact_id),
                )
                connection.execute("COMMIT")
            finally:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
        return acted

    def erase(
        self,
        cases: Sequence[Erasure],
        contacts: Sequence[ErasedContact],
        run: PurgeRun | None = None,
    ) -> None:
        """Rewrite the erased rows, and keep the ``run``'s record, in one
        ``BEGIN IMMEDIATE`` transaction with
        ``secure_delete`` on, so SQLite overwrites the space the old text
        leaves; then ``VACUUM``, which rebuilds the file without free pages
        (text freed before, without ``secure_delete``, included), and a
        ``TRUNCATE`` checkpoint, which copies the write-ahead log into the
        file and empties it (7.2). ``StoreUnavailable`` if another
        connection's read keeps the log from being emptied: the text is
        erased from the rows, and the next purge empties the log."""
        check_erasure(cases, contacts, run)
        connection = self._connection_translated()
        try:
            connection.execute("PRAGMA secure_delete = ON")
            connection.execute("BEGIN IMMEDIATE")
            try:
                if run is not None:
                    _keep_run(connection, run)
                for erasure in cases:
                    _erase_case(connection, erasure)
                for entry in contacts:
                    _erase_contact(connection, entry)
                connection.execute("COMMIT")
            finally:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
            self._decoded.clear()
            if not (cases or contacts):
                return
            connection.execute("VACUUM")
            busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.Error as error:
            raise translate(error, self.path, self.timeout, None) from error
        if busy:
            raise StoreUnavailable(
                f"the database {self.path}: a reader kept the write-ahead log from being "
                "emptied after erasing (7.2); run the purge again"
            )

    def purge_run(self, command_id: str) -> PurgeRun | None:
        """The purge run kept under ``command_id``, or ``None`` (7.2); an id
        kept with another kind of command is ``InvalidInput`` (7.4)."""
        check_command_id(command_id)
        with self._translated(None) as connection:
            row = connection.execute(
                _APPLIED % ("fingerprint, report", "purge_runs"), (command_id,)
            ).fetchone()
        own = None if row is None or row[0] is None else PurgeRun(command_id, row[0], row[1])
        return own_command(own, used=row is not None)

    @contextmanager
    def audit_scan(self) -> Iterator[_SQLiteScan]:
        """Every row, read once, in one read transaction, with SQLite's own
        check of the file (:func:`integrity_problems`), after which the
        transaction is rolled back (it wrote nothing)."""
        with self._reading(None, "ROLLBACK") as connection:
            yield _SQLiteScan(connection)

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        """The customer's logged contacts at or after ``since``, oldest first."""
        check_id(customer_id, "customer_id", "5.1")
        check_since(since)
        with self._translated(None) as connection:
            return _contacts(connection, customer_id, since)

    def contacts_of(
        self, customer_ids: Collection[str], since: pendulum.DateTime | None = None
    ) -> dict[str, list[LoggedContact]]:
        """Each customer's logged contacts at or after ``since``, oldest
        first, in one query: the ids go as one JSON array (``json_each``),
        so no number of customers meets SQLite's limit on parameters, and
        each is a seek in the ``(customer_id, at, id)`` index."""
        ids = check_customer_ids(customer_ids)
        check_since(since)
        found: dict[str, list[LoggedContact]] = {customer_id: [] for customer_id in ids}
        if not ids:
            return found
        with self._translated(None) as connection:
            rows = connection.execute(
                """SELECT customer_id, document, schema_version FROM contact_log
                   WHERE customer_id IN (SELECT value FROM json_each(?)) AND at >= ?
                   ORDER BY customer_id, at, id""",
                (json.dumps(ids, ensure_ascii=False), "" if since is None else _sortable(since)),
            ).fetchall()
        for customer_id, document, version in rows:
            found[customer_id].append(read_contact(document, version))
        return found

    def delivered(self, recipient: str) -> int:
        """The feed position last delivered to ``recipient``, 0 if none."""
        check_recipient(recipient)
        with self._translated(None) as connection:
            row = connection.execute(
                "SELECT position FROM deliveries WHERE recipient = ?", (recipient,)
            ).fetchone()
        return 0 if row is None else int(row[0])

    def advance(self, recipient: str, position: int) -> None:
        """Record ``recipient`` delivered up to ``position``; never back."""
        check_advance(recipient, position)
        with self._translated(None) as connection:
            connection.execute(
                """INSERT INTO deliveries (recipient, position) VALUES (?, ?)
                   ON CONFLICT (recipient) DO UPDATE
                   SET position = max(position, excluded.position)""",
                (recipient, position),
            )

    def log_reads(self, reads: Sequence[FileRead]) -> None:
        """Keep ``reads``, in one transaction."""
        check_reads(reads)
        if not reads:
            return
        with self._translated(None) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.executemany(
                    """INSERT INTO read_log (at, officer_id, customer_id, case_id, query)
                       VALUES (?, ?, ?, ?, ?)""",
                    [
                        (
                            _sortable(each.at),
                            each.officer_id,
                            each.customer_id,
                            each.case_id,
                            each.query,
                        )
                        for each in reads
                    ],
                )
                connection.execute("COMMIT")
            finally:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")

    def reads(self, customer_id: str | None = None) -> list[FileRead]:
        """The reads kept, of one customer when given, oldest first."""
        check_reader(customer_id)
        where = "" if customer_id is None else "WHERE customer_id = ? "
        with self._translated(None) as connection:
            rows = connection.execute(
                "SELECT at, officer_id, customer_id, case_id, query FROM read_log "
                + where
                + "ORDER BY at, id",
                () if customer_id is None else (customer_id,),
            ).fetchall()
        with kept():
            return [
                FileRead(datetime.fromisoformat(row[0]), row[1], row[2], row[3], row[4])
                for row in rows
            ]

    def erase_reads(self, before: pendulum.DateTime) -> int:
        """Delete the reads made before ``before``, overwriting the freed
        space (``secure_delete``); how many went."""
        check_before(before)
        with self._translated(None) as connection:
            connection.execute("PRAGMA secure_delete = ON")
            cursor = connection.execute("DELETE FROM read_log WHERE at < ?", (_sortable(before),))
            return int(cursor.rowcount)

    def add_subscription(self, subscription: Subscription) -> None:
        """Keep a webhook subscription; an id kept already is refused."""
        check_subscription(subscription)
        with self._translated(None) as connection:
            added = connection.execute(
                "INSERT INTO webhooks (id, document) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
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
        with self._translated(None) as connection:
            rows = connection.execute("SELECT id, document FROM webhooks ORDER BY id").fetchall()
        return readable_subscriptions(rows)

    def remove_subscription(self, subscription_id: str) -> bool:
        """Remove a subscription and its position; whether there was one."""
        check_id(subscription_id, "subscription_id", "9.1")
        with self._translated(None) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.execute(
                    "DELETE FROM deliveries WHERE recipient = ?",
                    (webhook_recipient(subscription_id),),
                )
                removed = connection.execute(
                    "DELETE FROM webhooks WHERE id = ?", (subscription_id,)
                ).rowcount
                connection.execute("COMMIT")
            finally:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
        return bool(removed)

    def close(self) -> None:
        """Close every thread's connection. A call after ``close`` opens a
        connection again."""
        _close_all(self._opened, self._opened_lock)
        self._local = threading.local()
        self._decoded.clear()

    # API tokens (the HTTP API) ---------------------------------------------

    def add_token(self, token: ApiToken) -> None:
        """Keep a newly issued token."""
        check_token(token)
        try:
            with self._translated(None) as connection:
                connection.execute(
                    """INSERT INTO api_tokens
                       (id, digest, officer_id, label, created_at, revoked_at, issued_by,
                        revoked_by, seal_key_id, seal)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    token_row(token),
                )
        except StoreDamaged as error:
            if isinstance(error.__cause__, sqlite3.IntegrityError):
                raise InvalidInput("token", "is kept already: issue a new one") from None
            raise

    def token(self, digest: str) -> ApiToken | None:
        """The token with this digest, or ``None``."""
        check_id(digest, "digest")
        with self._translated(None) as connection:
            row = connection.execute(f"{_TOKENS} WHERE digest = ?", (digest,)).fetchone()
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
        with self._translated(None) as connection:
            row = connection.execute(f"{_TOKENS} WHERE id = ?", (token_id,)).fetchone()
        return None if row is None else unreadable_token(row)

    def _token_rows(self) -> tuple[list[ApiToken], list[Problem]]:
        with self._translated(None) as connection:
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
        with self._translated(None) as connection:
            connection.execute(
                """UPDATE api_tokens SET revoked_at = ?, revoked_by = ?, seal_key_id = ?,
                   seal = ? WHERE id = ? AND revoked_at IS NULL""",
                (codec.utc_text(at), by, *seal_columns(seal), token_id),
            )
            found = connection.execute("SELECT 1 FROM api_tokens WHERE id = ?", (token_id,))
            return found.fetchone() is not None

    def _create_private(self) -> None:
        """Create the database file, if there is none, readable and writable
        by its owner only (0600): it holds personal data. SQLite gives the
        ``-wal`` and ``-shm`` files it makes beside it the database's own
        permissions; an empty file is an empty database to SQLite. Called
        when :func:`check_path` found nothing there: the file opened on
        every run but the first costs that one look at it."""
        try:
            # Through a link to a file not there yet, the file it names.
            target = os.path.realpath(self.path)
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            return
        except OSError as error:
            raise StoreUnavailable(
                f"cannot open or write the database {self.path}: check the folder, its "
                f"permissions and free space ({error.strerror})"
            ) from error

    def _writable_beside(self) -> None:
        """Make the ``-wal`` and ``-shm`` files writable by their owner when
        the database file is read-only for this user, who owns them.

        A connection that may only read a file in WAL mode makes them if
        they are not there (the only way it can read), SQLite gives them
        the file's own permissions (0444 for a file made read-only), and a
        connection that may not write closes without removing them. Left
        so, a write would fail once the file is made writable again, until
        the ``-shm`` were made writable too. Their owner may write them in
        any case, and nothing writes to a database through them unless it
        may write the database file. Only the owner's write permission is
        added; a file another user owns, a link, or a file on a read-only
        mount is left as it is. Done by name: opening and closing either
        file would release this process's SQLite locks on it."""
        if _may_write(self.path):
            return
        owner = os.geteuid() if hasattr(os, "geteuid") else None
        real = os.path.realpath(self.path)
        for name in (f"{real}-wal", f"{real}-shm"):
            try:
                found = os.lstat(name)
                if (
                    stat.S_ISREG(found.st_mode)
                    and found.st_uid == owner
                    and not found.st_mode & stat.S_IWUSR
                ):
                    os.chmod(name, stat.S_IMODE(found.st_mode) | stat.S_IWUSR)
            except OSError:
                continue

    def _refuse_foreign(self, connection: sqlite3.Connection) -> None:
        """:class:`InvalidInput` naming ``path`` if the file is another
        application's database: it has tables or views, but not this store's
        record of its migrations (a ``schema_migrations`` table of this
        store's columns, as another migration tool's is not) beside its
        ``cases`` and ``events``. Such a file is never changed (not even to
        WAL mode): making this store's tables in it would alter that
        application's data and answer every query as if no case were
        recorded. A file whose header another application has marked as its
        own (an application id other than :data:`APPLICATION_ID`) is
        refused the same way, tables or none."""
        application = connection.execute("PRAGMA application_id").fetchone()[0]
        if application not in (0, APPLICATION_ID):
            raise InvalidInput(
                "path",
                f"{self.path} is a database of something else (its header names another "
                f"application, id {application}): give the path of the council's contactpolicy "
                "database",
            )
        names = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master "
                "WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite%'"
            )
        }
        if not names:
            return
        columns = [row[1] for row in connection.execute("PRAGMA table_info(schema_migrations)")]
        if columns != ["version", "applied_at"] or not {"cases", "events"} <= names:
            raise InvalidInput(
                "path",
                f"{self.path} is a database of something else (it has tables, but not "
                "this store's): give the path of the council's contactpolicy database",
            )

    def _migrate(self, connection: sqlite3.Connection) -> None:
        """Bring the schema to the latest version, under the write lock."""
        connection.execute("BEGIN IMMEDIATE")
        try:
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
                if version in BACKFILLS:
                    BACKFILLS[version](connection)
                connection.execute("INSERT INTO schema_migrations (version) VALUES (?)", (version,))
                connection.execute(f"PRAGMA user_version = {version}")
            connection.execute("COMMIT")
        finally:
            if connection.in_transaction:
                connection.execute("ROLLBACK")

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is not None and self._pid != os.getpid():
            # A forked child must not use its parent's connections (SQLite's
            # locks belong to the process); it opens its own.
            self._opened.clear()
            self._local, self._pid, connection = threading.local(), os.getpid(), None
        if connection is None:
            # isolation_level=None: the store issues BEGIN and COMMIT itself.
            # check_same_thread=False only so close() may close every
            # thread's connection; each is used by its own thread.
            connection = sqlite3.connect(
                self.path, timeout=self._busy, isolation_level=None, check_same_thread=False
            )
            try:
                connection.execute(f"PRAGMA synchronous = {self.synchronous}")
                connection.execute("PRAGMA foreign_keys = ON")
            except sqlite3.Error:
                connection.close()
                raise
            with self._opened_lock:
                self._opened.append(connection)
            self._local.connection = connection
        return connection

    def _connection_translated(self) -> sqlite3.Connection:
        """This thread's connection; a failure to open it is a :class:`StoreError`."""
        try:
            return self._connection()
        except sqlite3.Error as error:
            raise translate(error, self.path, self.timeout, None) from error

    @contextmanager
    def _translated(self, case_id: str | None) -> Iterator[sqlite3.Connection]:
        """This thread's connection; driver errors become :class:`StoreError`."""
        try:
            yield self._connection()
        except sqlite3.Error as error:
            raise translate(error, self.path, self.timeout, case_id) from error

    @contextmanager
    def _reading(
        self, case_id: str | None, end: Literal["COMMIT", "ROLLBACK"] = "COMMIT"
    ) -> Iterator[sqlite3.Connection]:
        """This thread's connection in a read transaction, so every query in
        the block sees the same committed state; ended by ``end``, which
        for a block that writes nothing is ``ROLLBACK`` where SQLite may
        have found the file damaged: a ``COMMIT`` then fails with that
        damage again, where ``ROLLBACK`` ends the transaction."""
        with self._translated(case_id) as connection:
            if connection.in_transaction:
                # Called inside this thread's unit of work: read in it.
                yield connection
                return
            connection.execute("BEGIN")
            try:
                yield connection
            finally:
                if connection.in_transaction:
                    connection.execute(end)


class _SQLiteUnitOfWork(UnitOfWork):
    """A :class:`~contactpolicy.stores.protocols.UnitOfWork` inside a
    ``BEGIN IMMEDIATE`` transaction its :class:`SQLiteStore` opened."""

    def __init__(self, store: SQLiteStore, connection: sqlite3.Connection) -> None:
        self._store = store
        self._connection = connection
        self._loaded: dict[str, Case] = {}
        self._stored: dict[str, dict[str, Any]] = {}
        """The indexed columns of each case's row as this transaction last
        read or wrote them, so that a save rewrites only those that change."""
        self.case_id: str | None = None
        """The case the unit of work last loaded or saved, for its errors."""
        self.written: list[tuple[Case, str, str, AuditEvent]] = []
        """What the transaction wrote, for the store's decoded cases once it commits."""

    def applied(self, command_id: str) -> AppliedCommand | None:
        check_command_id(command_id)
        row = self._connection.execute(_APPLIED % ("case_id, fingerprint", "events"), (command_id,))
        found = row.fetchone()
        own = None if found is None or found[0] is None else AppliedCommand(command_id, *found)
        return own_command(own, used=found is not None)

    def feed_head(self) -> str:
        # BEGIN IMMEDIATE holds the write lock: no other event comes between.
        return _head(self._connection)[1]

    def load(self, case_id: str) -> tuple[Case, AuditEvent]:
        check_id(case_id, "case_id")
        self.case_id = case_id
        row = self._connection.execute(_LOAD_CASE, (case_id,)).fetchone()
        if row is None:
            raise CaseNotFound(case_id)
        document, schema_version, *columns = row
        stored = dict(zip(_INDEXED, columns, strict=True), schema_version=schema_version)
        self._stored[case_id] = stored
        version = stored["version"]
        last = self._connection.execute(_LAST_EVENT, (case_id,)).fetchone()
        if last is None:
            raise StoreDamaged("the case has no events", case_id)
        found = self._store._decoded.get(case_id, version, document, last[0])
        if found is None:
            case = read_case(document, schema_version, case_id, _notes(self._connection, case_id))
            found = case, read_event(last[0], last[1], last[2], case_id, last[3])
            self._store._decoded.put(case, document, last[0], found[1])
        # The number column is not in the event's document: a decoded copy is checked too.
        filed(found[1], last[3], case_id)
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
        connection = self._connection
        loaded = self._loaded.get(case.id)
        if loaded is not None:
            # Read in this transaction, which holds the write lock: still current.
            actual: int | None = loaded.version
        else:
            row = connection.execute("SELECT version FROM cases WHERE id = ?", (case.id,))
            actual = _first(row.fetchone())
        if (actual or 0) != expected_version:
            raise ConcurrentUpdate(case.id, expected_version, actual)
        check_save(case, events, expected_version, command)
        if command is not None:
            check_command_free(used=self.applied(command.command_id) is not None)
            connection.execute(_KEEP_COMMAND_ID, (command.command_id,))
        document = case_document(case)
        values = {
            "id": case.id,
            **_columns(case),
            "document": document,
            "schema_version": codec.SCHEMA_VERSION,
        }
        if actual is None:
            connection.execute(
                """INSERT INTO cases (id, state, customer_id, customer_name, issue,
                   review_due, ends_on, awaiting_since, uninformed_since, open_items_since,
                   version, reported_at, document, schema_version)
                   VALUES (:id, :state, :customer_id, :customer_name, :issue, :review_due,
                   :ends_on, :awaiting_since, :uninformed_since, :open_items_since, :version,
                   :reported_at, :document, :schema_version)""",
                values,
            )
        else:
            stored = self._stored.get(case.id, {})
            changed = tuple(
                name
                for name in _SET_IF_CHANGED
                if name not in stored or stored[name] != values[name]
            )
            connection.execute(_update_case(changed), values)
        self._stored[case.id] = {name: values[name] for name in _SET_IF_CHANGED}
        self._save_notes(case, expected_version)
        last_document, position = "", 0
        for index, event in enumerate(events, start=1):
            last_document = event_document(event)
            kept = command if index == len(events) else None
            cursor = connection.execute(
                """INSERT INTO events (case_id, seq, document, schema_version, command_id,
                   fingerprint) VALUES (?, ?, ?, ?, ?, ?)""",
                (
                    event.case_id,
                    event.seq,
                    last_document,
                    codec.SCHEMA_VERSION,
                    None if kept is None else kept.command_id,
                    None if kept is None else kept.fingerprint,
                ),
            )
            position = cursor.lastrowid or 0
        placed = attrs.evolve(events[-1], position=position)
        self._loaded[case.id] = case
        self.written.append((case, document, last_document, placed))

    def _save_notes(self, case: Case, expected_version: int) -> None:
        """Append the notes the case gained; rewrite them all only if the
        stored ones are not where the case's notes begin."""
        loaded = self._loaded.get(case.id)
        if expected_version == 0:
            stored: tuple[Note, ...] = ()
        elif loaded is not None and loaded.version == expected_version:
            stored = loaded.notes
        else:
            stored = _notes(self._connection, case.id)
        start = len(stored)
        if case.notes[:start] != stored:
            self._connection.execute("DELETE FROM notes WHERE case_id = ?", (case.id,))
            start = 0
        if len(case.notes) == start:
            return
        self._connection.executemany(
            "INSERT INTO notes (case_id, number, document, schema_version) VALUES (?, ?, ?, ?)",
            [
                (case.id, number, note_document(note), codec.SCHEMA_VERSION)
                for number, note in enumerate(case.notes[start:], start=start + 1)
            ],
        )


class _SQLiteContactUnit:
    """A :class:`~contactpolicy.stores.protocols.ContactUnit` inside a
    ``BEGIN IMMEDIATE`` transaction its :class:`SQLiteStore` opened."""

    def __init__(self, connection: sqlite3.Connection, customer_id: str) -> None:
        self._connection = connection
        self._customer_id = customer_id

    def contacts(self, since: pendulum.DateTime | None = None) -> list[LoggedContact]:
        check_since(since)
        return _contacts(self._connection, self._customer_id, since)

    def last(self) -> ContactLink | None:
        row = self._connection.execute(_LAST_CONTACT, (self._customer_id,)).fetchone()
        return None if row is None else ContactLink(*row)

    def applied(self, command_id: str) -> AppliedContact | None:
        check_command_id(command_id)
        row = self._connection.execute(
            _APPLIED % ("id, document, schema_version, fingerprint", "contact_log"),
            (command_id,),
        ).fetchone()
        own = None if row is None or row[0] is None else row
        found = own_command(own, used=row is not None)
        if found is None:
            return None
        contact_id, document, version, fingerprint = found
        return AppliedContact(contact_id, read_contact(document, version), fingerprint)

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
        # The unit holds the write lock: an id no command has now is free.
        if command is not None:
            check_command_free(used=self.applied(command.command_id) is not None)
            self._connection.execute(_KEEP_COMMAND_ID, (command.command_id,))
        cursor = self._connection.execute(
            """INSERT INTO contact_log (customer_id, at, document, schema_version, seq,
               digest, key_id, command_id, fingerprint, waiting)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                logged.customer_id,
                _sortable(logged.contact.at),
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


class _SQLiteScan:
    """An :class:`~contactpolicy.audit.seal.AuditScan` in a read transaction:
    each table read once by its key's index, the rows streamed by SQLite as
    they are consumed."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def feed_end(self) -> int:
        row = self._connection.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = 'events'"
        ).fetchone()
        return 0 if row is None else int(row[0])

    def trails(self) -> Iterator[StoredTrail]:
        connection = self._connection
        return scanned_trails(
            map(_case_row, connection.execute(_SCAN_CASES + " ORDER BY id")),
            connection.execute(_SCAN_EVENTS + " ORDER BY case_id, seq"),
            connection.execute(_SCAN_NOTES + " ORDER BY case_id, number"),
            _columns,
        )

    def contacts(self) -> Iterator[StoredContact]:
        rows = self._connection.execute(
            """SELECT id, customer_id, at, document, schema_version, seq, digest, key_id
               FROM contact_log ORDER BY customer_id, seq"""
        )
        return scanned_contacts(rows, lambda logged: _sortable(logged.contact.at))

    def storage_problems(self) -> list[Problem]:
        return integrity_problems(self._connection)


_CHECKED_LINES = 100
"""The most lines SQLite's ``PRAGMA integrity_check`` reports, and so the
most it is asked to find before it stops."""

_INDEX_LINE = re.compile(
    r"(?:row \d+ missing from|non-unique entry in|wrong # of entries in) index (\S+)"
)
"""SQLite's words for an index that does not hold what its table holds:
damage ``REINDEX`` mends, as the table's rows are whole."""


def integrity_problems(connection: sqlite3.Connection, table: str | None = None) -> list[Problem]:
    """What SQLite's own check (``PRAGMA integrity_check``, read-only, in
    the caller's read transaction) finds wrong in the file, or with
    ``table`` in that table and its indexes, for ``verify_all`` (7.4): one
    problem for each index that does not hold what its table holds, and one
    for the file for anything else it says (a damaged page, a row out of
    place, a check failed), or if it could not finish, the damaged pages
    stopping it. SQLite's own lines are each problem's ``detail``. The
    rest of ``verify_all`` reads rows, not indexes: an index through which
    a customer's cases are found at the point of contact (5.1), a listing
    made or a repeated command's id recognised could miss a row while every
    row verifies."""
    argument = _CHECKED_LINES if table is None else f'"{table}"'
    try:
        lines = [line for (line,) in connection.execute(f"PRAGMA integrity_check({argument})")]
    except sqlite3.DatabaseError as error:
        code = getattr(error, "sqlite_errorcode", None)
        if code is None or code & 0xFF not in _DAMAGED:
            raise
        return [Problem(_FILE, f"{_UNFINISHED}: {_RESTORE}", detail=str(error))]
    if lines == ["ok"]:
        return []
    indexes: dict[str, list[str]] = {}
    rest: list[str] = []
    for line in (line.removeprefix(_MAIN) for line in lines):
        found = _INDEX_LINE.fullmatch(line)
        if found is None:
            rest.append(line)
        else:
            indexes.setdefault(found[1], []).append(line)
    problems = [
        Problem(f"the database's index {name}", _INDEX_DAMAGED, detail="; ".join(said))
        for name, said in indexes.items()
    ]
    if rest:
        stopped = f" (it stops at {_CHECKED_LINES} lines)" if len(lines) >= _CHECKED_LINES else ""
        what = (
            f"is damaged: SQLite's own check of it found {wording.count(len(rest), 'problem')} "
            f"outside its indexes{stopped}, so records in it may be unreadable or left out of "
            f"what is read: {_RESTORE}"
        )
        problems.append(Problem(_FILE, what, detail="; ".join(rest)))
    return problems


_MAIN = "*** in database main ***\n"
"""The heading SQLite's check gives the first line it finds in the file."""
_FILE = "the database file"
_RESTORE = "restore it from a backup, then verify again"
_UNFINISHED = (
    "is damaged: SQLite's own check of it could not finish, so records in it may be "
    "unreadable or left out of what is read"
)
_INDEX_DAMAGED = (
    "does not hold what its table holds: it was damaged, so what is looked up through it "
    "(a customer's cases at the point of contact, a listing, a repeated command's id) can be "
    "missed: keep a copy of the file, rebuild the index (SQLite's REINDEX) and verify again, "
    "or restore a backup"
)


_INDEXED = (
    "state",
    "customer_id",
    "customer_name",
    "issue",
    "review_due",
    "ends_on",
    "awaiting_since",
    "uninformed_since",
    "open_items_since",
    "version",
    "reported_at",
)
"""The columns of a ``cases`` row that say what its document says."""

_SET_IF_CHANGED = (*_INDEXED, "schema_version")
"""The columns an update of a case's row sets only when their values change
(:func:`_update_case`): the indexed ones, and the schema version, which the
listing's covering index holds (migration 10)."""

_LAST_EVENT = """SELECT document, schema_version, position, seq FROM events
    WHERE case_id = ?1 AND seq = (SELECT max(seq) FROM events WHERE case_id = ?1)"""
_APPLIED = """SELECT %s FROM command_ids AS used
    LEFT JOIN %s AS kept ON kept.command_id = ?1 WHERE used.command_id = ?1"""
"""What a kind of command keeps under an id (its columns and its table in
place of each ``%s``), and whether the id is kept at all: no row when no
command of any kind is kept under it, a row of NULLs when one of another
kind is (7.4). Two lookups, each by an index."""

_KEEP_COMMAND_ID = "INSERT INTO command_ids (command_id) VALUES (?)"
"""Keep a command's id with the command, in its transaction (schema step 22)."""

_LAST_CONTACT = """SELECT seq, digest, key_id FROM contact_log INDEXED BY contact_log_chain
    WHERE customer_id = ?1 AND seq = (SELECT max(seq) FROM contact_log INDEXED BY contact_log_chain
    WHERE customer_id = ?1)"""
"""A case's last event and a customer's last contact-log entry, each one
seek: as ``ORDER BY seq DESC LIMIT 1``, statistics gathered on a small store
make SQLite read and sort every event of the case, or entry of the
customer, to find the last."""

_CUSTOMER_CASES = """SELECT cases.id, cases.document, cases.schema_version,
        events.document, events.schema_version, events.position, events.seq
    FROM cases INDEXED BY cases_by_customer
    LEFT JOIN events ON events.case_id = cases.id
        AND events.seq = (SELECT max(seq) FROM events AS later WHERE later.case_id = cases.id)
    WHERE cases.customer_id = ? ORDER BY cases.reported_at, cases.id"""
"""A customer's cases, each with its last event (none: NULLs), one seek
of the events' ``(case_id, seq)`` index per case
(:meth:`SQLiteStore.customer_cases`)."""

_WITH_LAST = """SELECT page.id, page.document, page.schema_version,
        events.document, events.schema_version, events.position, events.seq
    FROM (%s) AS page
    LEFT JOIN events ON events.case_id = page.id
        AND events.seq = (SELECT max(seq) FROM events AS later WHERE later.case_id = page.id)
    ORDER BY page.reported_at, page.id"""
"""A page of a listing (:func:`_listing`, selecting ``id, document,
schema_version, reported_at``), each case with its last event (none:
NULLs), one seek of the events' ``(case_id, seq)`` index per case
(:meth:`SQLiteStore.cases_with_last`)."""

_SCAN_CASES = f"SELECT id, document, schema_version, {', '.join(_INDEXED)} FROM cases"
_LOAD_CASE = f"SELECT document, schema_version, {', '.join(_INDEXED)} FROM cases WHERE id = ?"


@functools.cache
def _update_case(changed: tuple[str, ...]) -> str:
    """The ``UPDATE`` of a case's row that writes its document and only the
    indexed columns in ``changed``: SQLite rewrites an index entry for every
    column set, changed or not, and a command usually changes one or two of
    them, so setting them all would write about twice the pages to the
    WAL at every commit."""
    assigned = ", ".join(f"{name} = :{name}" for name in (*changed, "document"))
    return f"UPDATE cases SET {assigned} WHERE id = :id"


_SCAN_EVENTS = "SELECT position, case_id, seq, document, schema_version FROM events"
_SCAN_NOTES = "SELECT case_id, number, document, schema_version FROM notes"


def _case_row(row: tuple[Any, ...]) -> tuple[str, str, int, dict[str, Any]]:
    return row[0], row[1], row[2], dict(zip(_INDEXED, row[3:], strict=True))


def _columns(case: Case) -> dict[str, Any]:
    """The indexed columns of a case's row, as :meth:`_SQLiteUnitOfWork.save` writes them."""
    due, awaiting, uninformed = case.review_due, awaiting_since(case), uninformed_since(case)
    waiting, last = open_items_since(case), case.ends_on
    return {
        "state": case.state.value,
        "customer_id": case.customer.id,
        "customer_name": case.customer.name,
        "issue": case.issue,
        "review_due": None if due is None else due.isoformat(),
        "ends_on": None if last is None else last.isoformat(),
        "awaiting_since": None if awaiting is None else _sortable(awaiting),
        "uninformed_since": None if uninformed is None else _sortable(uninformed),
        "open_items_since": None if waiting is None else _sortable(waiting),
        "version": case.version,
        "reported_at": _sortable(case.reported_at),
    }


def _erase_case(connection: sqlite3.Connection, erasure: Erasure) -> None:
    """Rewrite one case's snapshot, notes and events as ``erasure`` has them."""
    case = erasure.case
    version = _first(
        connection.execute("SELECT version FROM cases WHERE id = ?", (case.id,)).fetchone()
    )
    stored = connection.execute(
        "SELECT seq, json_extract(document, '$.hash') FROM events WHERE case_id = ? ORDER BY seq",
        (case.id,),
    ).fetchall()
    check_erased(erasure, version, stored)
    values = {"id": case.id, **_columns(case), "document": case_document(case)}
    connection.execute(
        """UPDATE cases SET customer_name = :customer_name, issue = :issue,
           document = :document WHERE id = :id""",
        values,
    )
    connection.execute("DELETE FROM notes WHERE case_id = ?", (case.id,))
    connection.executemany(
        "INSERT INTO notes (case_id, number, document, schema_version) VALUES (?, ?, ?, ?)",
        [
            (case.id, number, note_document(note), codec.SCHEMA_VERSION)
            for number, note in enumerate(case.notes, start=1)
        ],
    )
    connection.executemany(
        "UPDATE events SET document = ? WHERE case_id = ? AND seq = ?",
        [(event_document(event), case.id, event.seq) for event in erasure.events],
    )
    connection.execute(
        "UPDATE events SET fingerprint = ? WHERE case_id = ? AND fingerprint IS NOT NULL",
        (ERASED, case.id),
    )


def _keep_run(connection: sqlite3.Connection, run: PurgeRun) -> None:
    """Keep a purge run's record, first in its erasing transaction: an id
    already kept is refused before anything is erased (7.2)."""
    found = connection.execute("SELECT 1 FROM command_ids WHERE command_id = ?", (run.command_id,))
    check_command_free(used=found.fetchone() is not None)
    connection.execute(_KEEP_COMMAND_ID, (run.command_id,))
    connection.execute(
        "INSERT INTO purge_runs (command_id, fingerprint, report) VALUES (?, ?, ?)",
        (run.command_id, run.fingerprint, run.report),
    )


def _erase_contact(connection: sqlite3.Connection, entry: ErasedContact) -> None:
    """Rewrite one contact-log entry as ``entry`` has it."""
    found = connection.execute(
        "SELECT digest FROM contact_log WHERE customer_id = ? AND seq = ?",
        (entry.customer_id, entry.seq),
    ).fetchone()
    check_erased_contact(entry, _first(found))
    connection.execute(
        """UPDATE contact_log SET document = ?,
           fingerprint = CASE WHEN fingerprint IS NULL THEN NULL ELSE ? END
           WHERE customer_id = ? AND seq = ?""",
        (codec.dumps(entry.logged), ERASED, entry.customer_id, entry.seq),
    )


def holds_nothing(path: str | os.PathLike[str]) -> bool:
    """Whether the file at ``path`` is an SQLite database that holds nothing
    yet: no table or view, and a header marked as no application's
    (``PRAGMA application_id`` 0), as a database another tool has just
    made is (``VACUUM`` on a new connection). A file marked as this store's
    (:data:`APPLICATION_ID`) is answered from its first 100 bytes. Opening
    :class:`SQLiteStore` on such a file makes this store's database in it,
    as in an empty file; a caller that must not create a database by
    accident asks this first. The file is read without being written, and
    without any ``-wal`` or ``-shm`` file being made beside it; ``False``
    for a file SQLite cannot read as a database (the store says what is
    wrong with it), for one another application marked as its own (the
    store refuses it naming that), and for one whose write-ahead log beside
    it holds pages not yet copied into it, which may hold its tables."""
    target = Path(os.path.realpath(path))
    try:
        with open(target, "rb") as file:
            if file.read(100)[68:72] == APPLICATION_ID.to_bytes(4, "big"):
                return False
        if os.path.getsize(f"{target}-wal") > 0:
            return False
    except OSError:
        pass
    try:
        connection = sqlite3.connect(f"{target.as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return False
    try:
        application = connection.execute("PRAGMA application_id").fetchone()[0]
        found = connection.execute(
            "SELECT count(*) FROM sqlite_master "
            "WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite%'"
        ).fetchone()[0]
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return bool(application == 0 and found == 0)


def _marked_current(connection: sqlite3.Connection) -> bool:
    """Whether the file's header marks it as this store's
    (:data:`APPLICATION_ID`) at the latest schema version (its
    ``user_version``, which each migration step sets with its row in
    ``schema_migrations``): two numbers read from the header, where
    :func:`_current` and :meth:`SQLiteStore._refuse_foreign` query tables.
    Any other answer, a file made before step 16 or a newer schema among
    them, is left to those to decide."""
    application = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    return bool(application == APPLICATION_ID and version == len(MIGRATIONS))


def _current(connection: sqlite3.Connection) -> bool:
    """Whether the schema is at the latest version: seen by a plain read,
    as it is on every open but the first, so opening a store to read takes
    no write lock. No such table yet, or busy: :meth:`SQLiteStore._migrate`
    decides under the lock."""
    try:
        found = connection.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
    except sqlite3.OperationalError:
        return False
    return bool(found == len(MIGRATIONS))


_KEY_ID = "iif(json_valid(document), json_extract(document, '$.key_id'), NULL)"
"""The key id an event's row names, as the indexes of signed events (schema
step 18) hold it: the queries name the same expression, so SQLite reads
those indexes."""

_MISSING = """SELECT DISTINCT case_id FROM events
    WHERE NOT EXISTS (SELECT 1 FROM cases WHERE cases.id = events.case_id) ORDER BY case_id"""

_MISSING_OF = f"""SELECT DISTINCT case_id FROM events INDEXED BY events_by_customer
    WHERE {NAMED} = ? AND {NAMED} IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM cases WHERE cases.id = events.case_id) ORDER BY case_id"""

_NEWEST_SIGNED = f"""SELECT document, schema_version, position, case_id, seq
    FROM events INDEXED BY events_signed WHERE {_KEY_ID} IS NOT NULL
    ORDER BY position DESC LIMIT 1"""

_NEWEST_SIGNED_CONTACT = """SELECT key_id FROM contact_log INDEXED BY contact_log_signed
    WHERE key_id IS NOT NULL ORDER BY id DESC LIMIT 1"""

_SIGNED_CONTACTS = """SELECT entry.document, entry.schema_version, entry.seq, entry.digest,
    entry.key_id, (SELECT before.digest FROM contact_log AS before INDEXED BY contact_log_chain
    WHERE before.customer_id = entry.customer_id AND before.seq = entry.seq - 1)
    FROM contact_log AS entry INDEXED BY contact_log_signed
    WHERE entry.key_id = ? AND entry.key_id IS NOT NULL ORDER BY entry.id DESC LIMIT ?"""

_SIGNED_UNDER = f"""SELECT document, schema_version, position, case_id, seq
    FROM events INDEXED BY events_by_key_id WHERE {_KEY_ID} = ? AND {_KEY_ID} IS NOT NULL
    ORDER BY position DESC LIMIT ?"""


def _head(connection: sqlite3.Connection) -> tuple[int, str]:
    """The position and hash of the feed's last event, ``(0, GENESIS)`` if
    none; :class:`StoreDamaged` naming its position, and no case (a
    command on any case needs the head), if its row is not JSON or has no
    hash. ``NOT INDEXED`` keeps the last position a seek at the end of the
    table: statistics gathered while the feed was short make SQLite's planner
    prefer scanning the whole of the ``(case_id, seq)`` index for ``max()``,
    and every command would then read every event in the store."""
    row = connection.execute(
        """SELECT position, iif(json_valid(document), json_extract(document, '$.hash'), NULL)
           FROM events WHERE position = (SELECT max(position) FROM events NOT INDEXED)"""
    ).fetchone()
    if row is None:
        return 0, GENESIS
    if not isinstance(row[1], str):
        raise StoreDamaged(
            f"the feed's last event, at position {row[0]}, cannot be read: its row is not "
            "JSON or has no hash, and every new event chains to it"
        )
    return row[0], row[1]


def _contacts(
    connection: sqlite3.Connection, customer_id: str, since: pendulum.DateTime | None
) -> list[LoggedContact]:
    rows = connection.execute(
        """SELECT document, schema_version FROM contact_log
           WHERE customer_id = ? AND at >= ? ORDER BY at, id""",
        (customer_id, "" if since is None else _sortable(since)),
    ).fetchall()
    return [read_contact(*row) for row in rows]


def _first(row: tuple[Any, ...] | None) -> Any:
    return None if row is None else row[0]


def _notes(connection: sqlite3.Connection, case_id: str) -> tuple[Note, ...]:
    rows = connection.execute(
        "SELECT document, schema_version FROM notes WHERE case_id = ? ORDER BY number",
        (case_id,),
    ).fetchall()
    return tuple(read_note(document, version, case_id) for document, version in rows)


def _read_case(connection: sqlite3.Connection, case_id: str) -> Case:
    row = connection.execute(
        "SELECT document, schema_version FROM cases WHERE id = ?", (case_id,)
    ).fetchone()
    if row is None:
        raise CaseNotFound(case_id)
    return read_case(row[0], row[1], case_id, _notes(connection, case_id))


_SUMMARY = """id, customer_id, customer_name, state, reported_at, review_due, issue, ends_on,
    schema_version"""
"""The columns :func:`~contactpolicy.stores.rows.read_summary` reads."""


def _listing(
    connection: sqlite3.Connection,
    columns: str,
    state: CaseState | None,
    customer_id: str | None,
    after: str | None,
    limit: int | None,
) -> tuple[str, list[Any]]:
    """The query selecting ``columns`` of a page of cases, in listing order,
    and its values, through the index kept for its filters
    (:data:`_LISTED_BY`); ``CaseNotFound`` if ``after`` names no case."""
    clauses: list[str] = []
    values: list[Any] = []
    if state is not None:
        clauses.append("state = ?")
        values.append(state.value)
    if customer_id is not None:
        clauses.append("customer_id = ?")
        values.append(customer_id)
    if after is not None:
        start = connection.execute(
            "SELECT reported_at FROM cases WHERE id = ?", (after,)
        ).fetchone()
        if start is None:
            raise CaseNotFound(after)
        clauses.append("(reported_at, id) > (?, ?)")
        values += [start[0], after]
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    page = "" if limit is None else f"LIMIT {int(limit)}"
    index = _LISTED_BY[state is not None, customer_id is not None]
    query = f"SELECT {columns} FROM cases INDEXED BY {index} {where} ORDER BY reported_at, id"
    return f"{query} {page}", values


_LISTED_BY = {
    (False, False): "cases_by_report",
    (True, False): "cases_by_state",
    (False, True): "cases_by_customer",
    (True, True): "cases_by_customer_state",
}
"""The index a listing reads, by whether it is filtered by state and by
customer. Each query that could read a whole table names its index
(``INDEXED BY``, or ``NOT INDEXED`` for the feed's own order): the store
gathers no planner statistics, and statistics someone gathers with
``ANALYZE`` while the store is small make SQLite plan scans, which a
server holding its connection open would keep as the store grows."""


_CHUNK = 500
"""How many cases' notes one query reads."""


def _read_cases(connection: sqlite3.Connection, query: str, values: Sequence[Any]) -> list[Case]:
    """The cases ``query`` selects (id, document, schema_version), with their notes."""
    rows = connection.execute(query, values).fetchall()
    notes = _notes_of(connection, [row[0] for row in rows])
    return [
        read_case(document, version, case_id, notes.get(case_id, ()))
        for case_id, document, version in rows
    ]


def _read_with_last(
    connection: sqlite3.Connection, query: str, values: Sequence[Any]
) -> list[tuple[Case, AuditEvent]]:
    """The cases ``query`` selects (id, document, schema_version, then the
    last event's document, schema_version, position and seq), with their
    notes, each with its last event (:func:`read_last_event`)."""
    rows = connection.execute(query, values).fetchall()
    notes = _notes_of(connection, [row[0] for row in rows])
    return [
        (
            read_case(document, version, case_id, notes.get(case_id, ())),
            read_last_event(case_id, event),
        )
        for case_id, document, version, *event in rows
    ]


def _notes_of(connection: sqlite3.Connection, case_ids: Sequence[str]) -> dict[str, list[Note]]:
    """The notes of the cases ``case_ids``, by case id, each case's in order."""
    notes: dict[str, list[Note]] = {}
    for start in range(0, len(case_ids), _CHUNK):
        ids = case_ids[start : start + _CHUNK]
        for case_id, document, version in connection.execute(
            f"""SELECT case_id, document, schema_version FROM notes
                WHERE case_id IN ({", ".join("?" * len(ids))}) ORDER BY case_id, number""",
            ids,
        ):
            notes.setdefault(case_id, []).append(read_note(document, version, case_id))
    return notes


def _may_write(path: str | os.PathLike[str]) -> bool:
    """Whether this process's user may write the file or folder at
    ``path``, as SQLite would (by the effective ids where they differ)."""
    return os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids)


def _close_all(connections: list[sqlite3.Connection], lock: threading.Lock) -> None:
    with lock:
        for connection in connections:
            connection.close()
        connections.clear()


def _sortable(at: datetime) -> str:
    """A time as fixed-width UTC text, so text order is time order."""
    return datetime.isoformat(codec.in_utc(at), timespec="microseconds")
