"""SQLiteStore: the contract, its SQLite settings, indexes, migrations, errors
and tamper detection."""

from __future__ import annotations

import functools
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pendulum
import pytest

from contactpolicy.audit import codec
from contactpolicy.casework import Casework
from contactpolicy.domain.contact import Contact, ContactDecision, LoggedContact
from contactpolicy.domain.model import CaseSummary
from contactpolicy.domain.reads import FileRead
from contactpolicy.domain.vocabulary import CaseState, Channel
from contactpolicy.errors import (
    InvalidInput,
    StoreDamaged,
    StoreError,
    StoreReadOnly,
    StoreUnavailable,
)
from contactpolicy.stores import MemoryStore, SQLiteStore, Store
from contactpolicy.stores.rows import event_document
from contactpolicy.stores.sqlite import MIGRATIONS, translate
from contactpolicy.testing.contract import StoreContract
from contactpolicy.testing.examples import START
from contactpolicy.testing.race_contract import ProcessRaceContract

from support.migrations import (
    BEFORE_OPEN_ITEMS,
    SQLITE_BEFORE_ENDS_ON,
    UNMARKED,
    told_and_untold,
)
from support.store_workers import MANAGER
from support.tampering import PROBLEMS, REORDER, ROW_PROBLEMS, said, told


class TestSQLiteStore(StoreContract, ProcessRaceContract):
    """SQLiteStore keeps the store contract, processes racing on one file included."""

    @pytest.fixture
    def make_store(self, tmp_path: Path) -> Callable[[], Store]:
        return lambda: SQLiteStore(tmp_path / "cases.db")

    @pytest.fixture
    def store_opener(self, tmp_path: Path) -> Callable[[], Store]:
        return functools.partial(SQLiteStore, tmp_path / "cases.db")


@contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection to the file, committing each statement."""
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        yield connection


def test_the_database_is_in_wal_mode(tmp_path: Path) -> None:
    """Opening a store puts the file in WAL mode, which stays with the file."""
    SQLiteStore(tmp_path / "cases.db")
    with raw(tmp_path / "cases.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


@pytest.mark.parametrize(
    ("given", "level"), [({}, 2), ({"synchronous": "FULL"}, 2), ({"synchronous": "NORMAL"}, 1)]
)
def test_synchronous_is_full_unless_normal_is_asked_for(
    tmp_path: Path, given: dict[str, Any], level: int
) -> None:
    """Connections commit with synchronous=FULL (2) by default, NORMAL (1) on request."""
    store = SQLiteStore(tmp_path / "cases.db", **given)
    assert store._connection().execute("PRAGMA synchronous").fetchone() == (level,)
    store.close()


def test_an_unknown_synchronous_setting_is_invalid_input(tmp_path: Path) -> None:
    """Only FULL and NORMAL are offered; OFF could corrupt the file."""
    with pytest.raises(InvalidInput, match="must be 'FULL' or 'NORMAL', got 'OFF'"):
        SQLiteStore(tmp_path / "cases.db", synchronous="OFF")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "timeout", [-1, -0.001, 2_147_483.648, float("nan"), float("inf"), "5", True]
)
def test_a_lock_wait_that_is_not_a_time_limit_is_invalid_input(
    tmp_path: Path, timeout: object
) -> None:
    """The lock wait is a number of seconds, 0 or more and at most what
    SQLite's busy timeout holds (2**31 - 1 ms), as for PostgreSQL's limits;
    anything else is refused before any file is made."""
    path = tmp_path / "cases.db"
    with pytest.raises(InvalidInput, match=r"^timeout: must be a number of seconds 0 or more"):
        SQLiteStore(path, timeout=timeout)  # type: ignore[arg-type]
    assert not path.exists()


@pytest.mark.parametrize(
    ("timeout", "milliseconds"),
    [(0, 0), (0.0004, 1), (0.0015, 2), (5, 5000), (2_147_483.647, 2**31 - 1)],
)
def test_the_lock_wait_is_set_in_whole_milliseconds_rounded_up(
    tmp_path: Path, timeout: float, milliseconds: int
) -> None:
    """SQLite waits whole milliseconds: a fraction of one waits one rather
    than not at all, and 0 does not wait."""
    store = SQLiteStore(tmp_path / "cases.db", timeout=timeout)
    try:
        assert store._connection().execute("PRAGMA busy_timeout").fetchone() == (milliseconds,)
    finally:
        store.close()


def test_an_in_memory_database_is_invalid_input() -> None:
    """':memory:' is refused: each call has its own connection, so it would forget."""
    with pytest.raises(InvalidInput, match="use MemoryStore"):
        SQLiteStore(":memory:")


@pytest.mark.parametrize("analysed", [False, True], ids=["no statistics", "analysed when short"])
def test_every_query_searches_an_index(tmp_path: Path, *, analysed: bool) -> None:
    """The filtered and paged listings, the queries of the unit of work, the
    trail, the feed and the contact log search an index; none scans a whole
    table or sorts, so none grows with the store. A page of summaries in
    report order is read from the index alone (migration 10): the first
    page walks it from its start, and stops at the page's end. The plans
    hold with the statistics ``ANALYZE`` gathers while the store is small,
    which once made SQLite find the feed's head by scanning every event's
    index entry, and a customer's last contact by sorting their log."""
    store = SQLiteStore(tmp_path / "cases.db")
    casework, case = told(store, 4)
    contact = LoggedContact("CRM-1", Contact(Channel.EMAIL, START), ContactDecision(), START)
    read = FileRead(START, MANAGER.id, "CRM-1", case.id, "get")
    for _ in range(4):
        store.record_contact(contact)
    store.log_reads([read])
    if analysed:
        store.close()
        with raw(tmp_path / "cases.db") as db:
            db.execute("ANALYZE")
        store = SQLiteStore(tmp_path / "cases.db")
        casework = Casework(store, clock=casework.clock)
    statements: list[str] = []
    store._connection().set_trace_callback(statements.append)
    store.cases(customer_id="CRM-7")
    store.customer_cases("CRM-7")
    store.cases(state=CaseState.WARNED)
    store.cases(state=CaseState.WARNED, customer_id="CRM-7")
    store.cases(after=case.id, limit=10)
    store.summaries(limit=10)
    store.summaries(after=case.id, limit=10)
    store.due_reviews(pendulum.date(2100, 1, 1))
    store.not_communicated()
    store.trail(case.id)
    store.events_since(0, 10)
    store.contacts("CRM-1", pendulum.datetime(2100, 1, 1, tz="UTC"))
    store.record_contact(contact)
    store.reads("CRM-1")
    store.reads()
    casework.add_note(case.id, "another note", MANAGER)
    with store.unit_of_work() as work:
        work.applied("cmd-1")
    store._connection().set_trace_callback(None)
    with raw(tmp_path / "cases.db") as db:
        plans = {
            " ".join(statement.split()): [
                row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {statement}")
            ]
            for statement in statements
            if statement.lstrip().startswith(("SELECT", "UPDATE", "INSERT"))
        }
    steps = {step for plan in plans.values() for step in plan}
    # A new Casework (the analysed store's) checks the key before its first
    # write (7.4): the newest signed event, the first entry from the end of
    # the index of signed events (migration 18), and, with none signed, the
    # newest signed contact log entry, the first from the end of the index
    # of signed entries (migration 19), and the seals of the API tokens and
    # webhook subscriptions (a council's few), which may key the store.
    key_check = {
        "SCAN events USING INDEX events_signed",
        "SCAN contact_log USING INDEX contact_log_signed",
        "SCAN api_tokens USING INDEX sqlite_autoindex_api_tokens_1",
        "SCAN webhooks",
    }
    assert steps - key_check == {
        "SEARCH cases USING INDEX cases_by_customer (customer_id=?)",
        "SEARCH cases USING INDEX cases_by_state (state=?)",
        "SEARCH cases USING INDEX cases_by_customer_state (customer_id=? AND state=?)",
        "SEARCH cases USING INDEX cases_by_report ((reported_at,id)>(?,?))",
        "SCAN cases USING COVERING INDEX cases_by_report",
        "SEARCH cases USING COVERING INDEX cases_by_report ((reported_at,id)>(?,?))",
        "SEARCH cases USING INDEX cases_by_review_due (review_due<?)",
        "SEARCH cases USING INDEX cases_not_communicated (awaiting_since>?)",
        "SEARCH cases USING INDEX sqlite_autoindex_cases_1 (id=?)",
        "SEARCH events USING INDEX sqlite_autoindex_events_1 (case_id=?)",
        # A customer's cases each joined to its last event (the point of contact).
        "SEARCH events USING INDEX sqlite_autoindex_events_1 (case_id=? AND seq=?) LEFT-JOIN",
        "CORRELATED SCALAR SUBQUERY 1",
        "SEARCH later USING COVERING INDEX sqlite_autoindex_events_1 (case_id=?)",
        # A command id: kept at all, of any kind (migration 22), then the
        # event kept with it.
        "SEARCH used USING PRIMARY KEY (command_id=?)",
        "SEARCH kept USING INDEX events_by_command (command_id=?) LEFT-JOIN",
        "SEARCH events USING INTEGER PRIMARY KEY (rowid>?)",
        # The global chain's head: the last position (the max() optimisation), then its row.
        "SCALAR SUBQUERY 1",
        "SEARCH events",
        "SEARCH events USING INTEGER PRIMARY KEY (rowid=?)",
        "SEARCH notes USING PRIMARY KEY (case_id=?)",
        "SEARCH contact_log USING INDEX contact_log_by_customer (customer_id=? AND at>?)",
        # A case's last event and a customer's last contact: the last number
        # (the max() optimisation), then its row.
        "SEARCH events USING COVERING INDEX sqlite_autoindex_events_1 (case_id=?)",
        "SEARCH events USING INDEX sqlite_autoindex_events_1 (case_id=? AND seq=?)",
        "SEARCH contact_log USING COVERING INDEX contact_log_chain (customer_id=?)",
        "SEARCH contact_log USING INDEX contact_log_chain (customer_id=? AND seq=?)",
        "SEARCH read_log USING INDEX read_log_by_customer (customer_id=?)",
        # The whole read log, which reads() returns, in its index's order: no sort.
        "SCAN read_log USING INDEX read_log_by_time",
    }
    assert steps & key_check == (key_check if analysed else set())


def test_the_connection_is_kept_and_closed_with_the_store(tmp_path: Path) -> None:
    """Commands on one thread share one connection, so the WAL file stays
    between commands instead of being checkpointed and removed each time;
    close() closes it."""
    store = SQLiteStore(tmp_path / "cases.db")
    casework, case = told(store, 0)
    connection = store._connection()
    casework.add_note(case.id, "a note", MANAGER)
    assert store._connection() is connection
    assert (tmp_path / "cases.db-wal").exists()
    store.close()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        connection.execute("SELECT 1")


def test_a_command_sets_only_the_columns_it_changes(tmp_path: Path) -> None:
    """SQLite rewrites an index entry for every column an UPDATE sets, so a
    save sets the document and only the indexed columns whose values change,
    the schema version among them (the listing's index holds it); every
    column still says what the document says after each command."""
    store = SQLiteStore(tmp_path / "cases.db")
    updates: list[list[str]] = []

    def traced(sql: str) -> None:
        if sql.startswith("UPDATE cases SET "):
            # The trace has the values in place; a column follows SET or a comma.
            updates.append(re.findall(r"(?:SET |, )(\w+) = ", sql))

    store._connection().set_trace_callback(traced)
    casework, case = told(store, 4)
    assert updates == [
        ["state", "version", "document"],
        ["version", "document"],
        ["version", "document"],
        ["state", "review_due", "awaiting_since", "uninformed_since", "version", "document"],
    ]
    assert casework.verify(case.id).ok
    store.close()


def test_each_thread_has_a_connection_of_its_own(tmp_path: Path) -> None:
    """A connection is used by the thread that opened it only."""
    store = SQLiteStore(tmp_path / "cases.db")
    mine = store._connection()
    with ThreadPoolExecutor(1) as pool:
        theirs = pool.submit(store._connection).result()
    assert theirs is not mine
    store.close()


def test_a_read_inside_a_unit_of_work_reads_in_it(tmp_path: Path) -> None:
    """A read on the thread that holds a unit of work joins its transaction
    instead of failing to begin another."""
    store = SQLiteStore(tmp_path / "cases.db")
    _, case = told(store, 0)
    with store.unit_of_work() as work:
        assert work.load(case.id)[0] == store.load(case.id) == case
    store.close()


def test_a_forked_process_opens_connections_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store object seen from another process id (a forked child) does not
    use the connection its parent opened: its commands open their own."""
    store = SQLiteStore(tmp_path / "cases.db")
    casework, case = told(store, 0)
    parent = store._connection()
    monkeypatch.setattr(os, "getpid", lambda: -1)
    child = store._connection()
    assert child is not parent
    assert casework.add_note(case.id, "a note", MANAGER).version == 2
    assert store._connection() is child
    store.close()


def test_a_database_at_schema_version_1_is_migrated_when_opened(tmp_path: Path) -> None:
    """A file written at schema version 1 gains the review date column, and the
    customer's name and issue the listing reads, filled in from the stored
    cases, and its cases still verify."""
    memory = MemoryStore()
    _, case = told(memory, 4)
    assert case.designation is not None
    path = tmp_path / "old.db"
    with raw(path) as db:
        db.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
            "applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
        )
        for statement in MIGRATIONS[0]:
            db.execute(statement)
        db.execute("INSERT INTO schema_migrations (version) VALUES (1)")
        db.execute(
            "INSERT INTO cases VALUES (?, 'designated', 'CRM-7', ?, ?, ?, 1)",
            (case.id, case.version, "2100-01-04T09:00:00.000000+00:00", codec.dumps(case)),
        )
        db.executemany(
            "INSERT INTO events (case_id, seq, document, schema_version) VALUES (?, ?, ?, 1)",
            [(e.case_id, e.seq, event_document(e)) for e in memory.trail(case.id)[1]],
        )
    store = SQLiteStore(path)
    with raw(path) as db:
        versions = db.execute("SELECT version FROM schema_migrations").fetchall()
        columns = db.execute("SELECT review_due, awaiting_since FROM cases").fetchall()
        listed = db.execute("SELECT customer_name, issue FROM cases").fetchall()
        notes = db.execute("SELECT number, json_extract(document, '$.text') FROM notes")
        assert versions == [(version,) for version in range(1, len(MIGRATIONS) + 1)]
        assert columns == [("2100-04-08", "2100-01-08T09:00:00.000000+00:00")]
        assert listed == [(case.customer.name, case.issue)]
        assert notes.fetchall() == [(1, "a careful note")]
    assert case.designation.review_due == pendulum.date(2100, 4, 8)
    assert store.due_reviews(pendulum.date(2100, 4, 8)) == [case]
    assert store.not_communicated() == [case]
    assert store.summaries() == [CaseSummary.of(case)]
    assert Casework(store).verify(case.id).problems == ()


def test_a_database_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    """A file at a schema version this release does not know is a StoreError
    saying to upgrade, and is left alone."""
    path = tmp_path / "cases.db"
    SQLiteStore(path)
    with raw(path) as db:
        db.execute("INSERT INTO schema_migrations (version) VALUES (?)", (len(MIGRATIONS) + 1,))
        # As a newer release's migration step marks the header too.
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    newer = rf"has schema version {len(MIGRATIONS) + 1}, .* up to {len(MIGRATIONS)}; upgrade"
    with pytest.raises(StoreDamaged, match=newer):
        SQLiteStore(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("UPDATE cases SET schema_version = 2", "stored row has schema version 2"),
        ("UPDATE cases SET document = '{\"id\": 1}'", "the case cannot be read"),
        ("UPDATE cases SET document = 'not json'", "the case cannot be read"),
    ],
)
def test_a_row_that_cannot_be_read_is_a_store_error_naming_the_case(
    tmp_path: Path, change: str, message: str
) -> None:
    """A row from another release, or one that is not a case, is
    StoreDamaged naming the case, never a KeyError or ValueError."""
    store = SQLiteStore(tmp_path / "cases.db")
    _, case = told(store, 0)
    with raw(tmp_path / "cases.db") as db:
        db.execute(change)
    with pytest.raises(StoreDamaged, match=message) as refused:
        store.load(case.id)
    assert refused.value.case_id == case.id


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("UPDATE cases SET schema_version = 2", "stored row has schema version 2"),
        ("UPDATE cases SET customer_name = NULL", "has no customer name or issue text"),
        ("UPDATE cases SET issue = x'41'", "has no customer name or issue text"),
        ("UPDATE cases SET state = 'gone'", "state, report time, review date or last day cannot"),
        ("UPDATE cases SET reported_at = 'soon'", "state, report time, review date or last day"),
        ("UPDATE cases SET reported_at = '2100-01-04T09:00:00'", "report time, review date or"),
        ("UPDATE cases SET review_due = '2100-02-30'", "report time, review date or last day"),
    ],
)
def test_a_summary_that_cannot_be_read_is_a_store_error_naming_the_case(
    tmp_path: Path, change: str, message: str
) -> None:
    """A row whose listing columns are from another release or not what the
    store wrote is StoreDamaged naming the case, never a KeyError or
    ValueError, and the message repeats none of the row's text."""
    store = SQLiteStore(tmp_path / "cases.db")
    _, case = told(store, 0)
    with raw(tmp_path / "cases.db") as db:
        db.execute(change)
    with pytest.raises(StoreDamaged, match=message) as refused:
        store.summaries()
    assert refused.value.case_id == case.id
    assert case.customer.name not in str(refused.value)


def _error(kind: type[sqlite3.Error], code: int | None) -> sqlite3.Error:
    error = kind("the driver's message")
    if code is not None:
        error.sqlite_errorcode = code
    return error


UNAVAILABLE, DAMAGED, READ_ONLY = StoreUnavailable, StoreDamaged, StoreReadOnly
WRITE = "can be read but not written by this user"


@pytest.mark.parametrize(
    ("error", "kind", "meaning"),
    [
        (_error(sqlite3.OperationalError, sqlite3.SQLITE_BUSY), UNAVAILABLE, "is busy: another"),
        (_error(sqlite3.OperationalError, sqlite3.SQLITE_LOCKED), UNAVAILABLE, "is busy: another"),
        (_error(sqlite3.OperationalError, 517), UNAVAILABLE, "is busy: another connection"),
        (_error(sqlite3.OperationalError, sqlite3.SQLITE_CANTOPEN), UNAVAILABLE, "cannot open"),
        (_error(sqlite3.OperationalError, sqlite3.SQLITE_READONLY), READ_ONLY, WRITE),
        (_error(sqlite3.OperationalError, 1544), READ_ONLY, WRITE),
        (_error(sqlite3.OperationalError, 1032), READ_ONLY, WRITE),
        (_error(sqlite3.OperationalError, sqlite3.SQLITE_FULL), UNAVAILABLE, "cannot open"),
        (_error(sqlite3.OperationalError, sqlite3.SQLITE_IOERR), UNAVAILABLE, "cannot open"),
        (_error(sqlite3.OperationalError, sqlite3.SQLITE_PERM), UNAVAILABLE, "cannot open"),
        (_error(sqlite3.DatabaseError, sqlite3.SQLITE_CORRUPT), DAMAGED, "is damaged or is not"),
        (_error(sqlite3.DatabaseError, sqlite3.SQLITE_NOTADB), DAMAGED, "is damaged or is not"),
        (_error(sqlite3.IntegrityError, sqlite3.SQLITE_CONSTRAINT), DAMAGED, "contradicts the"),
        (_error(sqlite3.InterfaceError, None), DAMAGED, "SQLite failed on"),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else str(value)[:40],
)
def test_driver_errors_become_typed_store_errors_that_say_what_to_do(
    error: sqlite3.Error, kind: type[StoreError], meaning: str
) -> None:
    """Each kind of sqlite3 error becomes StoreUnavailable (retrying is safe),
    StoreReadOnly (a file or folder this user may not write, 1544 being
    SQLITE_READONLY_DIRECTORY and 1032 a file moved while open: retrying
    cannot mend it) or StoreDamaged (an operator must look), naming the
    file, the case, what it means and the driver's own words."""
    translated = translate(error, Path("cases.db"), 5.0, "C-1")
    assert type(translated) is kind
    assert translated.case_id == "C-1"
    assert meaning in str(translated)
    assert str(translated).endswith("(the driver's message)")


def test_a_busy_database_is_a_store_error_saying_try_again(tmp_path: Path) -> None:
    """A writer that cannot get the lock within the timeout gets
    StoreUnavailable saying to try again, and nothing is written."""
    path = tmp_path / "cases.db"
    store = SQLiteStore(path, timeout=0)
    with raw(path) as db:
        db.execute("BEGIN IMMEDIATE")
        with pytest.raises(
            StoreUnavailable, match=r"is busy: .* 0 s timeout \(database is locked\)$"
        ):
            told(store, 0)
        db.execute("ROLLBACK")
    assert store.cases() == []


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    """Opening a file that is not SQLite is StoreDamaged saying so."""
    path = tmp_path / "notes.txt"
    path.write_text("Dear Sir or Madam, " * 100)
    with pytest.raises(StoreDamaged, match="is damaged or is not a database"):
        SQLiteStore(path)


def test_another_applications_database_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    """A SQLite file with tables but none of this store's (a CRM's database
    given by mistake) is InvalidInput naming path, and is not changed: not
    migrated, not switched to WAL, so no query answers from it as if no case
    were recorded."""
    path = tmp_path / "crm.db"
    with closing(sqlite3.connect(path)) as other:
        other.execute("CREATE TABLE customers (id TEXT, name TEXT)")
        other.execute("INSERT INTO customers VALUES ('CRM-1', 'Sam Taylor')")
        other.commit()
    before = path.read_bytes()
    with pytest.raises(InvalidInput) as refused:
        SQLiteStore(path)
    assert refused.value.field == "path"
    assert refused.value.message == (
        f"{path} is a database of something else (it has tables, but not this store's): "
        "give the path of the council's contactpolicy database"
    )
    assert "Sam Taylor" not in str(refused.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crm.db"]


OTHER_MIGRATIONS = {
    "golang-migrate": [
        "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean)",
        f"INSERT INTO schema_migrations VALUES ({len(MIGRATIONS)}, 0)",
    ],
    "rails": [
        "CREATE TABLE schema_migrations (version varchar NOT NULL PRIMARY KEY)",
        "INSERT INTO schema_migrations VALUES ('20240101000000')",
    ],
    "no tables but views": ["CREATE VIEW customers AS SELECT 'CRM-1' AS id"],
}
"""Other applications' databases with a table named as this store's record
of its migrations is, or with views only."""


@pytest.mark.parametrize("kind", sorted(OTHER_MIGRATIONS))
def test_another_applications_migrations_table_is_not_taken_for_this_stores(
    tmp_path: Path, kind: str
) -> None:
    """A database whose own migration tool keeps a ``schema_migrations``
    table (Rails, golang-migrate, at any version, this store's latest too),
    or that holds views, is another application's: InvalidInput naming
    path, the file unchanged (not switched to WAL, not migrated)."""
    path = tmp_path / "crm.db"
    with closing(sqlite3.connect(path)) as other:
        for statement in OTHER_MIGRATIONS[kind]:
            other.execute(statement)
        other.commit()
    before = path.read_bytes()
    with pytest.raises(InvalidInput) as refused:
        SQLiteStore(path)
    assert (refused.value.field, refused.value.section) == ("path", "")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crm.db"]


def test_a_sqlite_file_with_no_tables_becomes_a_store(tmp_path: Path) -> None:
    """An empty SQLite database (only its header) holds nothing to keep: the
    store makes its tables in it, as in a new file."""
    path = tmp_path / "blank.db"
    with closing(sqlite3.connect(path)) as blank:
        blank.execute("PRAGMA user_version = 1")
    store = SQLiteStore(path)
    assert store.cases() == []
    store.close()
    with closing(sqlite3.connect(path)) as made:
        found = made.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
    assert found == len(MIGRATIONS)


def test_a_missing_folder_is_a_store_error(tmp_path: Path) -> None:
    """A path in a folder that does not exist is StoreUnavailable naming it."""
    with pytest.raises(StoreUnavailable, match=r"cannot open or write the database .*missing"):
        SQLiteStore(tmp_path / "missing" / "cases.db")


TAMPERING = {
    "edited": [
        "UPDATE events SET document = replace(document, 'careful note', 'careful nose') "
        "WHERE seq = 3"
    ],
    "deleted": ["DELETE FROM events WHERE seq = 3"],
    "reordered": REORDER,
    "last deleted": ["DELETE FROM events WHERE seq = 4"],
    "snapshot edited": [
        "UPDATE cases SET document = replace(document, 'Sam Taylor', 'Sam Tailor')"
    ],
}


NAME_COLUMN = {
    "snapshot edited": (
        "{case}: what it is listed and searched under was changed: the customer name listed for "
        "it no longer matches the case",
    )
}
"""The customer's name is a column of its own in SQLite, which no longer
says what the edited document does."""


@pytest.mark.parametrize("kind", PROBLEMS)
def test_verify_detects_tampering_with_the_rows(tmp_path: Path, kind: str) -> None:
    """An edited, deleted or reordered event, or an edited snapshot, changed
    with plain SQL behind the store's back, is reported by verify."""
    store = SQLiteStore(tmp_path / "cases.db")
    casework, case = told(store, 3)
    assert casework.verify(case.id).problems == ()
    with raw(tmp_path / "cases.db") as db:
        for statement in TAMPERING[kind]:
            db.execute(statement)
    assert said(casework.verify(case.id).problems, case.id) == (
        *NAME_COLUMN.get(kind, ()),
        *ROW_PROBLEMS.get(kind, PROBLEMS[kind]),
    )


def test_an_edited_note_row_is_detected(tmp_path: Path) -> None:
    """A note is kept in a row of its own; editing it behind the store's back
    makes the stored case differ from its history, and verify says so."""
    store = SQLiteStore(tmp_path / "cases.db")
    casework, case = told(store, 3)
    with raw(tmp_path / "cases.db") as db:
        db.execute("UPDATE notes SET document = replace(document, 'careful note', 'careless note')")
    assert said(casework.verify(case.id).problems, case.id) == (
        "{case}: the case as stored differs from what its history records, "
        "in its notes: the case or its history was changed",
    )
    store.close()


def test_every_single_changed_byte_of_a_stored_event_is_detected(tmp_path: Path) -> None:
    """Changing any one byte of a stored event makes verify report a problem
    or the store refuse the row: no edit goes unnoticed."""
    store = SQLiteStore(tmp_path / "cases.db")
    casework, case = told(store, 3)
    unnoticed = []
    with raw(tmp_path / "cases.db") as db:
        (stored,) = db.execute("SELECT document FROM events WHERE seq = 3").fetchone()
        original = stored.encode()
        for index in range(len(original)):
            changed = bytearray(original)
            changed[index] ^= 1
            db.execute("UPDATE events SET document = ? WHERE seq = 3", (bytes(changed),))
            try:
                if casework.verify(case.id).ok:
                    unnoticed.append(chr(original[index]))
            except StoreError:
                pass
    assert len(original) > 300
    assert unnoticed == []


def test_migration_11_lists_each_decision_managers_were_not_told_of(tmp_path: Path) -> None:
    """A database from before the not_informed column gains it filled in:
    a lifted case nobody told the managers of is listed, a designation they
    were told of and a decision of no action are not (9.1)."""
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    lifted, told_of, quiet = told_and_untold(store)
    store.close()
    with raw(path) as db:
        db.execute("DROP INDEX cases_not_informed")
        db.execute("ALTER TABLE cases DROP COLUMN uninformed_since")
        # And steps 12 to 17, which came after it: the database is at version 10.
        db.execute("DROP TABLE purge_runs")
        for statement in (*SQLITE_BEFORE_ENDS_ON, *BEFORE_OPEN_ITEMS):
            db.execute(statement)
        db.execute("ALTER TABLE api_tokens DROP COLUMN issued_by")
        db.execute("ALTER TABLE api_tokens DROP COLUMN revoked_by")
        db.execute("ALTER TABLE api_tokens DROP COLUMN seal_key_id")
        db.execute("ALTER TABLE api_tokens DROP COLUMN seal")
        db.execute("DROP INDEX contact_log_by_command")
        db.execute("ALTER TABLE contact_log DROP COLUMN command_id")
        db.execute("ALTER TABLE contact_log DROP COLUMN fingerprint")
        db.execute("DELETE FROM schema_migrations WHERE version >= 11")
        for statement in UNMARKED:
            db.execute(statement)
    store = SQLiteStore(path)
    with raw(path) as db:
        columns = db.execute("SELECT id, uninformed_since FROM cases ORDER BY id").fetchall()
    decided = lifted.decisions[-1].decided_at
    assert sorted(columns) == sorted(
        [
            (lifted.id, decided.isoformat(timespec="microseconds")),
            (told_of.id, None),
            (quiet.id, None),
        ]
    )
    assert store.not_informed() == [lifted]
    assert Casework(store).not_informed() == [lifted]
