"""PostgresStore: the contract on a real server, its schema, migrations,
errors and tamper detection."""

from __future__ import annotations

import functools
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import attrs
import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from psycopg import errors
from psycopg_pool import PoolTimeout

from contactpolicy.audit import codec
from contactpolicy.casework import Casework
from contactpolicy.domain.model import Case
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import (
    CaseNotFound,
    ConcurrentUpdate,
    InvalidInput,
    OutcomeUnknown,
    StoreDamaged,
    StoreError,
    StoreReadOnly,
    StoreUnavailable,
)
from contactpolicy.stores import AppliedCommand, MemoryStore, PostgresStore, Store, UnitOfWork
from contactpolicy.stores.postgres import MIGRATIONS, translate
from contactpolicy.stores.rows import event_document
from contactpolicy.testing import strategies
from contactpolicy.testing.contract import StoreContract
from contactpolicy.testing.examples import (
    example_case,
    history,
    saved,
)
from contactpolicy.testing.race_contract import ProcessRaceContract

from support.migrations import BEFORE_OPEN_ITEMS, POSTGRES_BEFORE_ENDS_ON, told_and_untold
from support.network import commit_reply_lost, silent_server
from support.store_workers import MANAGER
from support.tampering import PROBLEMS, REORDER, ROW_PROBLEMS, said, told


class TestPostgresStore(StoreContract, ProcessRaceContract):
    """PostgresStore keeps the store contract, processes racing on one
    database included."""

    @pytest.fixture
    def make_store(self, postgres_dsn: str) -> Callable[[], Store]:
        return lambda: PostgresStore(postgres_dsn, max_connections=4)

    @pytest.fixture
    def store_opener(self, postgres_dsn: str) -> Callable[[], Store]:
        return functools.partial(PostgresStore, postgres_dsn, max_connections=4)


@contextmanager
def raw(dsn: str) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """A plain connection to the database, committing each statement."""
    with psycopg.connect(dsn, autocommit=True) as connection:
        yield connection


def test_the_schema_has_the_tables_and_indexes_the_queries_need(postgres_dsn: str) -> None:
    """Opening a store creates the cases, events, notes, feed, contact_log,
    deliveries, webhooks, read_log, purge_runs, command_ids (every command
    id, 7.4) and schema_migrations tables, with an
    index for every filter of the listings, the review date, decisions
    awaiting communication, decisions the managers are to be told of,
    command ids, the signed events by position and by key id (7.4), the
    events naming a customer by that customer (7.4), a customer's contacts
    by time and in their chain, and the read log by customer and by time."""
    PostgresStore(postgres_dsn).close()
    with raw(postgres_dsn) as db:
        tables = db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
        indexes = db.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' "
            "AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%key' ORDER BY 1"
        ).fetchall()
    assert tables == [
        ("api_tokens",),
        ("cases",),
        ("command_ids",),
        ("contact_log",),
        ("deliveries",),
        ("events",),
        ("feed",),
        ("notes",),
        ("purge_runs",),
        ("read_log",),
        ("schema_migrations",),
        ("webhooks",),
    ]
    assert indexes == [
        ("cases_by_customer",),
        ("cases_by_customer_state",),
        ("cases_by_report",),
        ("cases_by_review_due",),
        ("cases_by_state",),
        ("cases_not_communicated",),
        ("cases_not_informed",),
        ("cases_with_open_items",),
        ("contact_log_by_command",),
        ("contact_log_by_customer",),
        ("contact_log_chain",),
        ("contact_log_signed",),
        ("contact_log_waiting",),
        ("events_by_command",),
        ("events_by_customer",),
        ("events_by_key_id",),
        ("events_signed",),
        ("read_log_by_customer",),
        ("read_log_by_time",),
    ]


def test_the_store_keeps_its_tables_in_the_search_path_schema(postgres_dsn: str) -> None:
    """A council can keep the tables in a schema of its own with the
    connection's search_path."""
    with raw(postgres_dsn) as db:
        db.execute("CREATE SCHEMA casework")
    dsn = psycopg.conninfo.make_conninfo(postgres_dsn, options="-c search_path=casework")
    store = PostgresStore(dsn)
    _, case = told(store, 0)
    store.close()
    with raw(postgres_dsn) as db:
        found = db.execute("SELECT id FROM casework.cases").fetchall()
    assert found == [(case.id,)]


def test_a_database_at_schema_version_1_is_migrated_when_opened(postgres_dsn: str) -> None:
    """A database written at schema version 1 gains the review date column,
    filled in from the stored cases, and its cases still verify."""
    memory = MemoryStore()
    _, case = told(memory, 4)
    assert case.designation is not None
    with raw(postgres_dsn) as db:
        db.execute(
            "CREATE TABLE schema_migrations (version integer PRIMARY KEY, "
            "applied_at timestamptz NOT NULL DEFAULT now())"
        )
        for statement in MIGRATIONS[0]:
            db.execute(statement)
        db.execute("INSERT INTO schema_migrations (version) VALUES (1)")
        db.execute(
            "INSERT INTO cases VALUES (%s, 'designated', 'CRM-7', %s, %s, %s::jsonb, 1)",
            (case.id, case.version, case.reported_at, codec.dumps(case)),
        )
        with db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO events VALUES (%s, %s, %s, %s::jsonb, 1)",
                [(e.seq, e.case_id, e.seq, event_document(e)) for e in memory.trail(case.id)[1]],
            )
        db.execute("UPDATE feed SET last_position = 5")
    store = PostgresStore(postgres_dsn)
    with raw(postgres_dsn) as db:
        versions = db.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
        columns = db.execute("SELECT review_due::text, awaiting_since FROM cases").fetchall()
        notes = db.execute("SELECT number, document ->> 'text' FROM notes").fetchall()
    assert versions == [(version,) for version in range(1, len(MIGRATIONS) + 1)]
    assert columns == [("2100-04-08", case.designation.decided_at)]
    assert notes == [(1, "a careful note")]
    assert store.due_reviews(case.designation.review_due) == [case]
    assert store.not_communicated() == [case]
    assert Casework(store).verify(case.id).problems == ()
    store.close()


def test_migration_9_lists_each_decision_managers_were_not_told_of(postgres_dsn: str) -> None:
    """A database at schema version 8, from before the not_informed column,
    gains it filled in when opened: a lifted case nobody told the managers
    of is listed, a designation they were told of and a decision of no
    action are not (9.1)."""
    store = PostgresStore(postgres_dsn)
    lifted, told_of, quiet = told_and_untold(store)
    store.close()
    assert lifted.state is CaseState.LIFTED
    with raw(postgres_dsn) as db:
        db.execute("DROP INDEX cases_not_informed")
        db.execute("ALTER TABLE cases DROP COLUMN uninformed_since")
        # And steps 10 to 14, which came after it: the database is at version 8.
        db.execute("DROP TABLE purge_runs")
        for statement in (*POSTGRES_BEFORE_ENDS_ON, *BEFORE_OPEN_ITEMS):
            db.execute(statement)
        db.execute("ALTER TABLE api_tokens DROP COLUMN issued_by, DROP COLUMN revoked_by")
        db.execute("ALTER TABLE api_tokens DROP COLUMN seal_key_id, DROP COLUMN seal")
        db.execute("DROP INDEX contact_log_by_command")
        db.execute("ALTER TABLE contact_log DROP COLUMN command_id, DROP COLUMN fingerprint")
        db.execute("DELETE FROM schema_migrations WHERE version >= 9")
        before = db.execute("SELECT max(version) FROM schema_migrations").fetchone()
    store = PostgresStore(postgres_dsn)
    with raw(postgres_dsn) as db:
        columns = db.execute("SELECT id, uninformed_since FROM cases ORDER BY id").fetchall()
        versions = db.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
    assert before == (8,)
    assert versions == [(version,) for version in range(1, len(MIGRATIONS) + 1)]
    assert sorted(columns) == sorted(
        [(lifted.id, lifted.decisions[-1].decided_at), (told_of.id, None), (quiet.id, None)]
    )
    assert store.not_informed() == [lifted]
    assert Casework(store).not_informed() == [lifted]
    store.close()


def test_a_database_from_a_newer_release_is_refused(postgres_dsn: str) -> None:
    """A database at a schema version this release does not know is
    StoreDamaged saying to upgrade."""
    PostgresStore(postgres_dsn).close()
    with raw(postgres_dsn) as db:
        db.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (len(MIGRATIONS) + 1,))
    newer = rf"schema version {len(MIGRATIONS) + 1}, .* up to {len(MIGRATIONS)}; upgrade"
    with pytest.raises(StoreDamaged, match=newer):
        PostgresStore(postgres_dsn)


@pytest.mark.parametrize(
    "statements",
    [
        [
            "CREATE TABLE schema_migrations (version varchar NOT NULL PRIMARY KEY)",
            "INSERT INTO schema_migrations VALUES ('20240101000000')",
        ],
        [
            "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean)",
            f"INSERT INTO schema_migrations VALUES ({len(MIGRATIONS)}, false)",
        ],
    ],
    ids=["rails", "golang-migrate"],
)
def test_another_applications_migrations_table_is_refused_and_left_as_it_was(
    postgres_dsn: str, statements: list[str]
) -> None:
    """A schema where another application's migration tool keeps its own
    ``schema_migrations`` (Rails, golang-migrate, at any version, this
    store's latest too) is InvalidInput naming conninfo, and nothing is
    made or changed in it: its version is never read as this store's."""
    with raw(postgres_dsn) as db:
        for statement in statements:
            db.execute(statement)
        before = db.execute("SELECT * FROM schema_migrations").fetchall()
    with pytest.raises(InvalidInput) as refused:
        PostgresStore(postgres_dsn)
    assert refused.value.field == "conninfo"
    with raw(postgres_dsn) as db:
        tables = db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
        assert db.execute("SELECT * FROM schema_migrations").fetchall() == before
    assert tables == [("schema_migrations",)]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("UPDATE cases SET schema_version = 2", "stored row has schema version 2"),
        ("""UPDATE cases SET document = '{"id": 1}'""", "the case cannot be read"),
    ],
)
def test_a_row_that_cannot_be_read_is_a_store_error_naming_the_case(
    postgres_dsn: str, change: str, message: str
) -> None:
    """A row from another release, or one that is not a case, is
    StoreDamaged naming the case."""
    store = PostgresStore(postgres_dsn)
    _, case = told(store, 0)
    with raw(postgres_dsn) as db:
        db.execute(change)
    with pytest.raises(StoreDamaged, match=message) as refused:
        store.load(case.id)
    assert refused.value.case_id == case.id
    store.close()


CONCURRENT = "PostgreSQL aborted the transaction because of a concurrent one"
LOCKED = "another session held a lock the command needs for longer than the lock timeout"
SLOW = "a statement ran longer than the statement timeout"
DOWN = "the PostgreSQL server is restarting, shutting down or out of connections"
POOL = "no connection to the PostgreSQL server became free within the connect timeout"
LOST = (
    "the connection to the PostgreSQL server was lost during COMMIT, so the command may or "
    "may not have been saved"
)
CONTRADICTS = "the write contradicts the data stored in the database"
UNUSABLE = "cannot use the PostgreSQL server"
PRIVILEGE = "the database user lacks a privilege the store needs"
READS_ONLY = "the PostgreSQL server or session only reads (a standby, or a read-only default)"
UNAVAILABLE, DAMAGED, READ_ONLY = StoreUnavailable, StoreDamaged, StoreReadOnly


@pytest.mark.parametrize(
    ("error", "kind", "meaning"),
    [
        (errors.SerializationFailure("msg"), UNAVAILABLE, CONCURRENT),
        (errors.DeadlockDetected("msg"), UNAVAILABLE, CONCURRENT),
        (errors.LockNotAvailable("msg"), UNAVAILABLE, LOCKED),
        (errors.QueryCanceled("msg"), UNAVAILABLE, SLOW),
        (errors.AdminShutdown("msg"), UNAVAILABLE, DOWN),
        (errors.CrashShutdown("msg"), UNAVAILABLE, DOWN),
        (errors.CannotConnectNow("msg"), UNAVAILABLE, DOWN),
        (errors.TooManyConnections("msg"), UNAVAILABLE, DOWN),
        (PoolTimeout("msg"), UNAVAILABLE, POOL),
        (errors.InsufficientPrivilege("msg"), READ_ONLY, PRIVILEGE),
        (errors.ReadOnlySqlTransaction("msg"), READ_ONLY, READS_ONLY),
        (psycopg.OperationalError("msg"), UNAVAILABLE, UNUSABLE),
        (errors.DataCorrupted("msg"), DAMAGED, "PostgreSQL found its data corrupted"),
        (errors.IndexCorrupted("msg"), DAMAGED, "PostgreSQL found its data corrupted"),
        (errors.UniqueViolation("msg"), DAMAGED, CONTRADICTS),
        (errors.ForeignKeyViolation("msg"), DAMAGED, CONTRADICTS),
        (errors.UntranslatableCharacter("msg"), DAMAGED, "PostgreSQL refused the data"),
        (errors.UndefinedTable("msg"), DAMAGED, "PostgreSQL failed"),
        (psycopg.InterfaceError("msg"), DAMAGED, "PostgreSQL failed"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else "",
)
def test_driver_errors_become_typed_store_errors_that_say_what_to_do(
    error: psycopg.Error, kind: type[StoreError], meaning: str
) -> None:
    """Each kind of psycopg error becomes StoreUnavailable (retrying is safe),
    StoreReadOnly (a server that only reads: retrying cannot mend it) or
    StoreDamaged (an operator must look), naming the case, what it means,
    the SQLSTATE where there is one, and the driver's own words; never
    advice, which the error's type gives (the command line words it)."""
    code = f"{error.sqlstate}: " if error.sqlstate else ""
    translated = translate(error, "C-1")
    assert type(translated) is kind
    assert str(translated) == f"case 'C-1': {meaning} ({code}msg)"
    assert translated.case_id == "C-1"
    assert "try again" not in str(translated)
    assert "nothing was written" not in str(translated)


@pytest.mark.parametrize(
    ("error", "kind", "meaning"),
    [
        (psycopg.OperationalError("msg"), OutcomeUnknown, LOST),
        (errors.AdminShutdown("msg"), OutcomeUnknown, LOST),
        (errors.CrashShutdown("msg"), OutcomeUnknown, LOST),
        (errors.LockNotAvailable("msg"), OutcomeUnknown, LOST),
        (errors.UniqueViolation("msg"), DAMAGED, CONTRADICTS),
        (errors.DataCorrupted("msg"), DAMAGED, "PostgreSQL found its data corrupted"),
        (psycopg.InterfaceError("msg"), DAMAGED, "PostgreSQL failed"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else "",
)
def test_driver_errors_with_the_connection_lost_during_commit(
    error: psycopg.Error, kind: type[StoreError], meaning: str
) -> None:
    """With the connection lost after COMMIT was sent (the unit of work says
    so only when its connection is broken), an operational error, whatever
    the server last said, is OutcomeUnknown naming the case and the command
    id to repeat it with: the server may have committed. Errors that are
    not about the connection keep their meaning."""
    code = f"{error.sqlstate}: " if error.sqlstate else ""
    translated = translate(error, "C-1", committing=True, command_id="note-7f3a")
    assert type(translated) is kind
    assert str(translated) == f"case 'C-1': {meaning} ({code}msg)"
    assert translated.case_id == "C-1"
    if isinstance(translated, OutcomeUnknown):
        assert translated.command_id == "note-7f3a"


def test_a_refused_connection_is_store_unavailable() -> None:
    """A server that refuses connections is StoreUnavailable, not a driver error."""
    with pytest.raises(StoreUnavailable, match="cannot use the PostgreSQL server"):
        PostgresStore("postgresql://nobody@127.0.0.1:1/none", connect_timeout=2)


def test_a_server_that_never_answers_is_store_unavailable_within_the_connect_timeout() -> None:
    """A server that accepts the connection and says nothing makes opening
    the store StoreUnavailable once connect_timeout has passed, instead of
    hanging."""
    with silent_server() as port, pytest.raises(StoreUnavailable) as refused:
        PostgresStore(f"postgresql://nobody@127.0.0.1:{port}/none", connect_timeout=1)
    assert "timeout" in str(refused.value)


def test_a_session_holding_the_feed_row_makes_a_command_store_unavailable(
    postgres_dsn: str,
) -> None:
    """A session that took the feed row's lock and never commits makes other
    commands StoreUnavailable once lock_timeout has passed: the store's
    sessions run with the configured limit (a quarter of a second, below the
    default of 5 s), and what ends the wait is PostgreSQL's
    lock_not_available (SQLSTATE 55P03). Nothing of the command is written,
    and once the session ends commands succeed."""
    store = PostgresStore(postgres_dsn, lock_timeout=0.25)
    casework, case = told(store, 0)
    with store._connection(None) as session:
        assert session.execute("SHOW lock_timeout").fetchone() == ("250ms",)
    with psycopg.connect(postgres_dsn) as stuck:
        stuck.execute("UPDATE feed SET last_position = last_position")
        with pytest.raises(StoreUnavailable) as refused:
            casework.add_note(case.id, "a note", MANAGER)
        assert refused.value.case_id == case.id
        assert isinstance(refused.value.__cause__, errors.LockNotAvailable)
        assert refused.value.__cause__.sqlstate == "55P03"
        assert str(refused.value).startswith(
            f"case {case.id!r}: another session held a lock the command needs for longer "
            "than the lock timeout (55P03: "
        )
        stuck.rollback()
    assert store.load(case.id) == case
    assert casework.add_note(case.id, "a note", MANAGER).version == 2
    store.close()


@contextmanager
def role(dsn: str, *setup: str) -> Iterator[str]:
    """The URL of ``dsn`` as a new login role of its own (the test server
    trusts every role), which ``setup`` (statements with ``{role}`` for
    its name) grants or configures; the role is dropped after."""
    name = f"reader_{uuid.uuid4().hex[:12]}"
    parts = urlsplit(dsn)
    with raw(dsn) as db:
        db.execute(f'CREATE ROLE "{name}" LOGIN')
        for statement in setup:
            db.execute(statement.format(role=f'"{name}"'))
    try:
        yield parts._replace(netloc=f"{name}@{parts.hostname}:{parts.port}").geturl()
    finally:
        with raw(dsn) as db:
            db.execute(f'DROP OWNED BY "{name}"')
            db.execute(f'DROP ROLE "{name}"')


@pytest.mark.parametrize(
    ("setup", "sqlstate", "meaning"),
    [
        (("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}",), "42501", PRIVILEGE),
        (
            (
                "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {role}",
                "ALTER ROLE {role} SET default_transaction_read_only = on",
            ),
            "25006",
            READS_ONLY,
        ),
    ],
    ids=["granted-only-select", "read-only-default"],
)
def test_a_database_user_who_may_only_read_gets_store_read_only_and_nothing_written(
    postgres_dsn: str, setup: tuple[str, ...], sqlstate: str, meaning: str
) -> None:
    """A PostgreSQL user granted only ``SELECT`` (SQLSTATE 42501), or whose
    sessions only read (25006), can open the store and read its cases, but
    a command is :class:`StoreReadOnly`, which retrying cannot mend (the
    command line's status 6, not 3), and writes nothing."""
    store = PostgresStore(postgres_dsn)
    casework, case = told(store, 3)
    store.close()
    with role(postgres_dsn, *setup) as url:
        reader = PostgresStore(url)
        assert reader.load(case.id) == case
        with pytest.raises(StoreReadOnly) as refused:
            Casework(reader, clock=casework.clock).add_note(case.id, "a note", MANAGER)
        reader.close()
    assert refused.value.case_id == case.id
    assert str(refused.value).startswith(f"case {case.id!r}: {meaning} ({sqlstate}: ")
    store = PostgresStore(postgres_dsn)
    assert store.load(case.id) == case
    assert len(store.trail(case.id)[1]) == 4
    store.close()


def test_a_lost_commit_reply_is_outcome_unknown_and_the_command_id_finds_the_save(
    postgres_dsn: str,
) -> None:
    """When the connection is lost after COMMIT reached the server, the save
    is OutcomeUnknown carrying the case and command id; the command was in
    fact saved, and a retry in a new unit of work finds it by its id."""
    store = PostgresStore(postgres_dsn)
    _, case = told(store, 0)
    store.close()
    command = AppliedCommand("cmd-lost-reply", case.id, "add_note:1")
    with commit_reply_lost(postgres_dsn) as flaky:
        store = PostgresStore(flaky)

        def add_a_note() -> None:
            with store.unit_of_work() as work:
                loaded, last = work.load(case.id)
                later = attrs.evolve(loaded, version=2)
                work.save(later, history(later, 1, last), 1, command)

        with pytest.raises(OutcomeUnknown, match="lost during COMMIT") as unknown:
            add_a_note()
        assert (unknown.value.case_id, unknown.value.command_id) == (case.id, "cmd-lost-reply")
        with store.unit_of_work() as work:
            assert work.applied("cmd-lost-reply") == command
        assert store.load(case.id).version == 2
        store.close()


def test_a_command_id_saved_by_a_racing_transaction_is_a_concurrent_update(
    postgres_dsn: str,
) -> None:
    """Two transactions that save commands under the same id on different
    cases, each having found the id unused: the one that commits second is
    ConcurrentUpdate (the other came first; the command is to be decided
    again, which finds the saved one), whichever checked first, and writes
    nothing."""
    store = PostgresStore(postgres_dsn)
    first, second = saved(store, example_case()), saved(store, example_case())

    def add_a_note(work: UnitOfWork, case: Case) -> None:
        loaded, last = work.load(case.id)
        later = attrs.evolve(loaded, version=2)
        work.save(later, history(later, 1, last), 1, AppliedCommand("cmd-race", case.id, "x"))

    def race() -> None:
        # The first checks the id, then the racing one saves under it and
        # commits; the first, saving after, finds the id taken at COMMIT.
        # (Loading holds the global chain's head, so the racing transaction
        # must load and commit before the first loads.)
        with store.unit_of_work() as work:
            assert work.applied("cmd-race") is None
            with store.unit_of_work() as racing:
                assert racing.applied("cmd-race") is None
                add_a_note(racing, second)
            add_a_note(work, first)

    with pytest.raises(ConcurrentUpdate) as refused:
        race()
    assert (refused.value.case_id, refused.value.expected, refused.value.actual) == (
        first.id,
        1,
        1,
    )
    assert store.load(first.id) == first
    assert store.load(second.id).version == 2
    with store.unit_of_work() as work:
        assert work.applied("cmd-race") == AppliedCommand("cmd-race", second.id, "x")
    store.close()


def test_close_closes_the_pool(postgres_dsn: str) -> None:
    """close() ends every connection the store kept."""
    store = PostgresStore(postgres_dsn, min_connections=2)
    store.cases()
    store.close()
    # A server process ends a moment after its client hangs up: look again
    # until none is left, or ten seconds have passed.
    with raw(postgres_dsn) as db:
        for _ in range(200):
            others = db.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchone()
            if others == (0,):
                break
            time.sleep(0.05)
    assert others == (0,)


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"connect_timeout": 0}, "connect_timeout"),
        ({"lock_timeout": -1}, "lock_timeout"),
        ({"statement_timeout": True}, "statement_timeout"),
        ({"max_connections": 0}, "max_connections"),
        ({"min_connections": 3, "max_connections": 2}, "max_connections"),
    ],
)
def test_bad_limits_are_invalid_input_naming_them(given: dict[str, Any], field: str) -> None:
    """Time limits must be seconds above 0, and the pool at least one
    connection and no fewer than its minimum; nothing is connected to."""
    with pytest.raises(InvalidInput) as refused:
        PostgresStore("postgresql://nobody@127.0.0.1:1/none", **given)
    assert refused.value.field == field


TAMPERING = {
    "edited": [
        "UPDATE events SET document = "
        "replace(document::text, 'careful note', 'careful nose')::jsonb WHERE seq = 3"
    ],
    "deleted": ["DELETE FROM events WHERE seq = 3"],
    "reordered": REORDER,
    "last deleted": ["DELETE FROM events WHERE seq = 4"],
    "snapshot edited": [
        "UPDATE cases SET document = replace(document::text, 'Sam Taylor', 'Sam Tailor')::jsonb"
    ],
}


@pytest.mark.parametrize("kind", PROBLEMS)
def test_verify_detects_tampering_with_the_rows(postgres_dsn: str, kind: str) -> None:
    """An edited, deleted or reordered event, or an edited snapshot, changed
    with plain SQL behind the store's back, is reported by verify."""
    store = PostgresStore(postgres_dsn)
    casework, case = told(store, 3)
    assert casework.verify(case.id).problems == ()
    with raw(postgres_dsn) as db:
        for statement in TAMPERING[kind]:
            db.execute(statement)
    assert said(casework.verify(case.id).problems, case.id) == ROW_PROBLEMS.get(
        kind, PROBLEMS[kind]
    )
    store.close()


def test_an_edited_note_row_is_detected(postgres_dsn: str) -> None:
    """A note is kept in a row of its own; editing it behind the store's back
    makes the stored case differ from its history, and verify says so."""
    store = PostgresStore(postgres_dsn)
    casework, case = told(store, 3)
    with raw(postgres_dsn) as db:
        db.execute(
            "UPDATE notes SET document = "
            "replace(document::text, 'careful note', 'careless note')::jsonb"
        )
    assert said(casework.verify(case.id).problems, case.id) == (
        "{case}: the case as stored differs from what its history records, "
        "in its notes: the case or its history was changed",
    )
    store.close()


def test_a_connection_the_server_ended_is_store_unavailable_and_the_retry_succeeds(
    postgres_dsn: str,
) -> None:
    """When the server has ended a pooled connection (a restart, an
    operator), the next command on it is StoreUnavailable with nothing
    written, and the pool replaces the connection, so the same command then
    succeeds. (The server is waited for until its process has ended: a
    connection ended while a command is being sent is OutcomeUnknown.)"""
    store = PostgresStore(postgres_dsn, max_connections=1)
    casework, case = told(store, 0)
    with raw(postgres_dsn) as db:
        db.execute(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    with pytest.raises(StoreUnavailable) as refused:
        casework.add_note(case.id, "a note", MANAGER)
    assert refused.value.case_id == case.id
    assert store.load(case.id) == case
    assert casework.add_note(case.id, "a note", MANAGER).version == 2
    store.close()


def test_the_store_connections_compile_no_query_to_machine_code(postgres_dsn: str) -> None:
    """JIT compilation is off on the pooled connections, and on nothing else."""
    store = PostgresStore(postgres_dsn)
    with store._connection(None) as connection:
        assert connection.execute("SHOW jit").fetchone() == ("off",)
    with raw(postgres_dsn) as db:
        assert db.execute("SHOW jit").fetchone() == ("on",)
    store.close()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=strategies.texts(1))
def test_any_case_id_is_locked_written_and_read_back(postgres_dsn: str, name: str) -> None:
    """Case ids holding quotes, backslashes or any other character are sent
    as quoted literals: the case is saved, locked, changed and read back
    equal, and its trail has both events."""
    store = PostgresStore(postgres_dsn)
    case = saved(store, example_case(case_id=f"{name}-{uuid.uuid4().hex}"))
    with store.unit_of_work() as work:
        loaded, last = work.load(case.id)
        later = attrs.evolve(loaded, version=2, issue="changed")
        work.save(later, history(later, 1, last), expected_version=1)
    assert store.load(case.id) == later
    assert [event.seq for event in store.trail(case.id)[1]] == [1, 2]
    store.close()


def test_a_command_id_used_on_another_case_is_refused_naming_no_case(
    postgres_dsn: str,
) -> None:
    """The unique index finds a command id already used: the unit of work is
    InvalidInput for command_id, and writes nothing. It names no case: a
    store cannot tell whether whoever reads it may know that case."""
    store = PostgresStore(postgres_dsn)
    first, second = saved(store, example_case()), saved(store, example_case())

    def add_a_note(case: Case) -> None:
        with store.unit_of_work() as work:
            loaded, last = work.load(case.id)
            later = attrs.evolve(loaded, version=2)
            work.save(later, history(later, 1, last), 1, AppliedCommand("cmd-1", case.id, "fp"))

    add_a_note(first)
    with pytest.raises(InvalidInput) as refused:
        add_a_note(second)
    assert refused.value.field == "command_id"
    assert str(refused.value) == (
        "[7.4] command_id: was already used for a different command; give each new command "
        "its own id and repeat one only with the same arguments"
    )
    assert store.load(second.id) == second
    assert store.trail(second.id)[1][-1].seq == 1
    store.close()


@pytest.mark.parametrize("suffix", ["\x00b", "\ud800"])
def test_an_id_no_case_can_have_is_refused_never_a_shorter_one(
    postgres_dsn: str, suffix: str
) -> None:
    """A unit of work asked for an id holding NUL or a lone surrogate, which
    PostgreSQL cannot store, refuses it as InvalidInput (as every store
    does): never the case whose id is the part before it."""
    store = PostgresStore(postgres_dsn)
    case = saved(store, example_case())
    with pytest.raises(InvalidInput) as refused, store.unit_of_work() as work:
        work.load(case.id + suffix)
    assert refused.value.field == "case_id"
    assert store.load(case.id) == case
    store.close()


def test_a_command_id_holding_nul_is_invalid_input_and_writes_nothing(postgres_dsn: str) -> None:
    """A command id the store cannot keep whole is refused as InvalidInput
    for command_id, not cut short at the NUL and saved."""
    store = PostgresStore(postgres_dsn)
    case = saved(store, example_case())

    def add_a_note() -> None:
        with store.unit_of_work() as work:
            loaded, last = work.load(case.id)
            later = attrs.evolve(loaded, version=2)
            work.save(later, history(later, 1, last), 1, AppliedCommand("cmd\x00", case.id, "fp"))

    with pytest.raises(InvalidInput) as refused:
        add_a_note()
    assert refused.value.field == "command_id"
    assert store.trail(case.id)[0] == case
    with store.unit_of_work() as work:
        assert work.applied("cmd") is None
    store.close()


def test_a_case_id_holding_nul_is_invalid_input_and_writes_nothing(postgres_dsn: str) -> None:
    """A new case whose id holds NUL is refused as InvalidInput for its id,
    not saved under the id cut short; the connection is left with no
    transaction open, and the store holds no case."""
    store = PostgresStore(postgres_dsn, max_connections=1)
    with pytest.raises(InvalidInput, match="NUL") as refused:
        saved(store, example_case(case_id="C-1\x00b"))
    assert refused.value.field == "case.id"
    assert store.cases() == []
    assert saved(store, example_case(case_id="C-1")) == store.load("C-1")
    store.close()


def test_a_refused_command_after_repeated_reads_leaves_the_connection_usable(
    postgres_dsn: str,
) -> None:
    """psycopg prepares a query it has run five times and answers the next
    ROLLBACK with DEALLOCATE ALL, which dropped the store's own prepared
    statements: every later command on that connection was StoreDamaged.
    The store turns psycopg's preparing off on its connections."""
    store = PostgresStore(postgres_dsn, max_connections=1)
    case = saved(store, example_case())
    for _ in range(6):
        with store.unit_of_work() as work:
            assert work.applied("never-used") is None
    with pytest.raises(CaseNotFound), store.unit_of_work() as work:
        work.load("C-NOT-THERE")
    with store.unit_of_work() as work:
        assert work.load(case.id)[0] == case
    store.close()
