"""PostgresStore: the contract on a real server, its schema, migrations,
errors and tamper detection."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
import pytest
from psycopg import errors

from contactpolicy.audit import codec
from contactpolicy.casework import Casework
from contactpolicy.errors import StoreError
from contactpolicy.stores import MemoryStore, PostgresStore, Store
from contactpolicy.stores.postgres import MIGRATIONS, translate
from contactpolicy.stores.rows import event_document
from contactpolicy.testing.contract import StoreContract

from support.tampering import PROBLEMS, REORDER, told


class TestPostgresStore(StoreContract):
    """PostgresStore keeps the store contract."""

    @pytest.fixture
    def make_store(self, postgres_dsn: str) -> Callable[[], Store]:
        return lambda: PostgresStore(postgres_dsn)


@contextmanager
def raw(dsn: str) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """A plain connection to the database, committing each statement."""
    with psycopg.connect(dsn, autocommit=True) as connection:
        yield connection


def test_the_schema_has_the_tables_and_indexes_the_queries_need(postgres_dsn: str) -> None:
    """Opening a store creates the cases, events, feed, contact_log and
    schema_migrations tables, with indexes for lookups by customer, state and
    review date, and for a customer's contacts by time."""
    PostgresStore(postgres_dsn)
    with raw(postgres_dsn) as db:
        tables = db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
        indexes = db.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_by_%' ORDER BY 1"
        ).fetchall()
    assert tables == [
        ("cases",),
        ("contact_log",),
        ("events",),
        ("feed",),
        ("schema_migrations",),
    ]
    assert indexes == [
        ("cases_by_customer",),
        ("cases_by_review_due",),
        ("cases_by_state",),
        ("contact_log_by_customer",),
    ]


def test_the_store_keeps_its_tables_in_the_search_path_schema(postgres_dsn: str) -> None:
    """A council can keep the tables in a schema of its own with the
    connection's search_path."""
    with raw(postgres_dsn) as db:
        db.execute("CREATE SCHEMA casework")
    dsn = psycopg.conninfo.make_conninfo(postgres_dsn, options="-c search_path=casework")
    _, case = told(PostgresStore(dsn), 0)
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
                [(e.seq, e.case_id, e.seq, event_document(e)) for e in memory.events(case.id)],
            )
        db.execute("UPDATE feed SET last_position = 5")
    store = PostgresStore(postgres_dsn)
    with raw(postgres_dsn) as db:
        versions = db.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
        due = db.execute("SELECT review_due::text FROM cases").fetchall()
    assert versions == [(1,), (2,), (3,)]
    assert due == [("2100-04-08",)]
    assert store.due_reviews(case.designation.review_due) == [case]
    assert Casework(store).verify(case.id).problems == ()


def test_a_database_from_a_newer_release_is_refused(postgres_dsn: str) -> None:
    """A database at a schema version this release does not know is a
    StoreError saying to upgrade."""
    PostgresStore(postgres_dsn)
    with raw(postgres_dsn) as db:
        db.execute("INSERT INTO schema_migrations (version) VALUES (4)")
    with pytest.raises(StoreError, match=r"schema version 4, .* up to 3; upgrade contactpolicy"):
        PostgresStore(postgres_dsn)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("UPDATE cases SET schema_version = 2", "stored row has schema version 2"),
        ("""UPDATE cases SET document = '{"id": 1}'""", "stored Case cannot be read"),
    ],
)
def test_a_row_that_cannot_be_read_is_a_store_error_naming_the_case(
    postgres_dsn: str, change: str, message: str
) -> None:
    """A row from another release, or one that is not a case, is a StoreError
    naming the case."""
    store = PostgresStore(postgres_dsn)
    _, case = told(store, 0)
    with raw(postgres_dsn) as db:
        db.execute(change)
    with pytest.raises(StoreError, match=message) as refused:
        store.load(case.id)
    assert refused.value.case_id == case.id


CONCURRENT = (
    "PostgreSQL aborted the transaction because of a concurrent one; nothing was written, try again"
)
CONTRADICTS = "the write contradicts the data stored in the database"
UNUSABLE = "cannot use the PostgreSQL server"
PRIVILEGE = "the database user lacks a privilege the store needs"


@pytest.mark.parametrize(
    ("error", "meaning"),
    [
        (errors.SerializationFailure("msg"), CONCURRENT),
        (errors.DeadlockDetected("msg"), CONCURRENT),
        (errors.UniqueViolation("msg"), CONTRADICTS),
        (errors.ForeignKeyViolation("msg"), CONTRADICTS),
        (errors.UntranslatableCharacter("msg"), "PostgreSQL refused the data"),
        (
            errors.InsufficientPrivilege("msg"),
            "the database user lacks a privilege the store needs",
        ),
        (errors.AdminShutdown("msg"), UNUSABLE),
        (psycopg.OperationalError("msg"), UNUSABLE),
        (errors.UndefinedTable("msg"), "PostgreSQL failed"),
        (psycopg.InterfaceError("msg"), "PostgreSQL failed"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else "",
)
def test_driver_errors_become_store_errors_that_say_what_to_do(
    error: psycopg.Error, meaning: str
) -> None:
    """Each kind of psycopg error becomes a StoreError naming the case, what it
    means, the SQLSTATE where there is one, and the driver's own words."""
    code = f"{error.sqlstate}: " if error.sqlstate else ""
    translated = translate(error, "C-1")
    assert str(translated) == f"case 'C-1': {meaning} ({code}msg)"
    assert translated.case_id == "C-1"


def test_an_unreachable_server_is_a_store_error() -> None:
    """A server that does not answer is a StoreError, not a driver error."""
    with pytest.raises(StoreError, match="cannot use the PostgreSQL server"):
        PostgresStore("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


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
    casework, case = told(PostgresStore(postgres_dsn), 3)
    assert casework.verify(case.id).problems == ()
    with raw(postgres_dsn) as db:
        for statement in TAMPERING[kind]:
            db.execute(statement)
    assert casework.verify(case.id).problems == PROBLEMS[kind]
