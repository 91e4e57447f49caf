"""Regressions of issue 9 at the stores: the same bad call gave a different
outcome on each store, and errors repeated passwords and personal data."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pendulum
import psycopg
import pytest
from psycopg import errors

from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.model import Customer, Incident
from contactpolicy.domain.vocabulary import Behaviour, Channel
from contactpolicy.errors import InvalidInput
from contactpolicy.stores import PostgresStore, SQLiteStore, Store, open_store
from contactpolicy.stores.postgres import translate
from contactpolicy.stores.url import redact
from contactpolicy.testing.examples import MANAGER, START, example_case, saved

# Kind: one bad call, three outcomes (TypeError, StoreError, CaseNotFound, OverflowError, []).

SAME_REFUSAL: dict[str, tuple[Callable[[Store], object], str]] = {
    "get(['C-1'])": (lambda store: store.load(["C-1"]), "case_id"),  # type: ignore[arg-type]
    "events_since(0, 10**30)": (lambda store: store.events_since(0, 10**30), "limit"),
    "cases(customer_id=5)": (
        lambda store: store.cases(customer_id=5),  # type: ignore[arg-type]
        "customer_id",
    ),
    "due_reviews(a DateTime)": (
        lambda store: store.due_reviews(pendulum.datetime(2026, 4, 30, tz="Europe/London")),
        "as_of",
    ),
}


@pytest.mark.parametrize("call", list(SAME_REFUSAL))
def test_the_reproduced_bad_calls_are_the_same_invalid_input_on_every_store(
    store: Store, call: str
) -> None:
    """Each bad call the issue reproduced is InvalidInput naming the same
    argument on the memory, SQLite and PostgreSQL stores alike."""
    act, field = SAME_REFUSAL[call]
    with pytest.raises(InvalidInput) as refused:
        act(store)
    assert refused.value.field == field


def test_a_customer_id_of_3_kb_is_refused_by_every_store_and_nothing_is_written(
    store: Store,
) -> None:
    """A customer id of 3,000 characters, which broke PostgreSQL's index only,
    is InvalidInput from every store (longer than any id a store keeps), and
    the store stays empty."""
    casework = Casework(store, clock=FrozenClock(START))
    incident = Incident(Behaviour.THREATS, START, Channel.TELEPHONE, "Shouted threats.")
    with pytest.raises(InvalidInput):
        casework.report(Customer("C" * 3000, "Sam Taylor"), "council tax", [incident], MANAGER)
    assert store.cases() == []
    assert store.events_since(0, 10) == []


# Kind: errors that repeat a password or personal data.


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "sqlite://casework:hunter2@db/cases.db",
            "a SQLite URL has three slashes and then a path, got 'sqlite://casework:…@db/cases.db'",
        ),
        (
            "sqlite:///cases.db?password=hunter2",
            "a SQLite URL takes no options, got 'sqlite:///cases.db?password=…'",
        ),
        (
            "memory://casework:hunter2@db",
            "memory:// takes nothing after it, got 'memory://casework:…@db'",
        ),
        ("host=db password=hunter2 x://y", "expected a URL such as scheme://..."),
        ("postgresql://casework:hunter2@[db/cases", "not a URL that can be split into its parts"),
        (
            "postgresql://casework:hunter2@db/cases?sslmod=require",
            "not a PostgreSQL URL libpq can read (libpq has no parameter 'sslmod'; did you "
            "mean 'sslmode'?)",
        ),
    ],
)
def test_a_malformed_url_is_named_without_its_password(url: str, shown: str) -> None:
    """A malformed URL holding a password is InvalidInput for ``url`` that
    names the problem and shows the URL, if at all, with the password
    replaced by an ellipsis."""
    with pytest.raises(InvalidInput) as refused:
        open_store(url)
    assert refused.value.field == "url"
    assert refused.value.message.startswith(shown)
    assert "hunter2" not in str(refused.value)


def test_a_connection_string_libpq_cannot_read_is_refused_without_its_password() -> None:
    """PostgresStore given a malformed connection string holding a password
    is InvalidInput for ``conninfo``, without libpq's words, which quote it."""
    with pytest.raises(InvalidInput) as refused:
        PostgresStore("host=db password=hunter2 nonsense")
    assert refused.value.field == "conninfo"
    assert "hunter2" not in str(refused.value)


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("postgresql://casework:p@ss@db/cases", "postgresql://casework:…@db/cases"),
        (
            "postgresql://casework@db/cases?password=hunter2&x=1",
            "postgresql://casework@db/cases?password=…&x=1",
        ),
        ("host=db PASSWORD = 'hunter 2' port=5432", "host=db PASSWORD = … port=5432"),
        ("postgresql://casework@db/cases", "postgresql://casework@db/cases"),
    ],
)
def test_every_form_of_password_is_redacted(text: str, redacted: str) -> None:
    """A password after ``user:`` (even one holding ``@``), in a URL's query
    or in a connection string, quoted or not, is replaced by an ellipsis;
    text without one is left as it is."""
    assert redact(text) == redacted


def test_a_connection_string_that_is_not_text_is_invalid_input() -> None:
    """PostgresStore(None) is InvalidInput for ``conninfo``, not a driver error."""
    with pytest.raises(InvalidInput) as refused:
        PostgresStore(None)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.message.split(";")[0]) == (
        "conninfo",
        "must be text, got None",
    )


def test_a_password_in_a_driver_message_is_redacted() -> None:
    """A driver message that quotes a connection string keeps everything but
    the password."""
    error = psycopg.OperationalError("connection to postgresql://casework:hunter2@db failed")
    assert str(translate(error, None)) == (
        "cannot use the PostgreSQL server (connection to postgresql://casework:…@db failed)"
    )


def test_a_row_the_server_refuses_is_not_quoted_in_the_error(postgres_dsn: str) -> None:
    """PostgreSQL's DETAIL quotes the refused row, names and all; the store's
    error keeps the server's primary message and leaves the row out."""
    with psycopg.connect(postgres_dsn, autocommit=True) as connection:
        PostgresStore(postgres_dsn).close()
        with pytest.raises(errors.NotNullViolation) as failed:
            connection.execute(
                "INSERT INTO cases (id, customer_id, version, reported_at, document,"
                " schema_version) VALUES ('C-1', 'Sam Taylor 07700 900123', 1, now(), '{}', 1)"
            )
    assert "Sam Taylor" in str(failed.value)
    translated = str(translate(failed.value, "C-1"))
    assert translated == (
        "case 'C-1': the write contradicts the data stored in the database (23502: null value "
        'in column "state" of relation "cases" violates not-null constraint)'
    )


# Kind: files that hold personal data readable by everyone.


def test_a_new_database_and_its_wal_and_shm_files_are_private(tmp_path: Path) -> None:
    """A database SQLiteStore creates, and the -wal and -shm files beside it,
    are readable and writable by their owner only (0600), even under a
    umask that would let everyone read them."""
    previous = os.umask(0o022)
    try:
        store = SQLiteStore(tmp_path / "cases.db")
        saved(store, example_case())
        modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in tmp_path.iterdir()}
        store.close()
    finally:
        os.umask(previous)
    assert modes == {"cases.db": 0o600, "cases.db-wal": 0o600, "cases.db-shm": 0o600}
