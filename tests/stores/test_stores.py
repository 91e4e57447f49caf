"""open_store: choosing a store by URL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from contactpolicy.errors import InvalidInput
from contactpolicy.stores import MemoryStore, PostgresStore, SQLiteStore, open_store
from contactpolicy.stores.url import postgres_settings

FORMS = (
    "use memory://, sqlite:///relative/path.db, sqlite:////absolute/path.db "
    "or postgresql://user@host:port/database"
)


def test_memory_is_a_memory_store() -> None:
    """memory:// opens a new, empty MemoryStore."""
    store = open_store("memory://")
    assert isinstance(store, MemoryStore)
    assert store.cases() == []


def test_three_slashes_open_a_file_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sqlite:///cases/council.db is a path relative to the current folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cases").mkdir()
    store = open_store("sqlite:///cases/council.db")
    assert isinstance(store, SQLiteStore)
    assert store.path == Path("cases/council.db")
    assert (tmp_path / "cases" / "council.db").is_file()
    store.close()


@pytest.mark.parametrize("scheme", ["SQLite", "SQLITE"])
def test_a_scheme_in_capitals_is_the_same_store(tmp_path: Path, scheme: str) -> None:
    """A URL's scheme is case-insensitive (RFC 3986, 3.1): SQLITE:/// opens
    the same file as sqlite:///, and MEMORY:// a MemoryStore."""
    store = open_store(f"{scheme}:///{tmp_path}/council.db")
    assert isinstance(store, SQLiteStore)
    assert store.path == tmp_path / "council.db"
    store.close()
    assert isinstance(open_store("MEMORY://"), MemoryStore)


def test_four_slashes_open_a_file_by_its_absolute_path(tmp_path: Path) -> None:
    """sqlite:////path/to/file.db names the file from the root."""
    store = open_store(f"sqlite:///{tmp_path}/council.db")
    assert isinstance(store, SQLiteStore)
    assert store.path == tmp_path / "council.db"
    assert store.path.is_absolute()
    store.close()


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "PostgreSQL", "POSTGRES"])
def test_postgresql_urls_open_a_postgres_store(postgres_dsn: str, scheme: str) -> None:
    """postgresql:// and postgres:// URLs open a PostgresStore on that
    database, the scheme in any case (RFC 3986, 3.1)."""
    parts = psycopg.conninfo.conninfo_to_dict(postgres_dsn)
    url = f"{scheme}://{parts['user']}@{parts['host']}:{parts['port']}/{parts['dbname']}"
    store = open_store(url)
    assert isinstance(store, PostgresStore)
    assert store.cases() == []
    store.close()


def test_a_postgresql_url_sets_the_time_limits(postgres_dsn: str) -> None:
    """connect_timeout, lock_timeout and statement_timeout in the query are
    the store's limits in seconds; they are not passed on to libpq."""
    parts = psycopg.conninfo.conninfo_to_dict(postgres_dsn)
    base = f"postgresql://{parts['user']}@{parts['host']}:{parts['port']}/{parts['dbname']}"
    store = open_store(f"{base}?lock_timeout=1.5&connect_timeout=3&statement_timeout=60")
    assert isinstance(store, PostgresStore)
    limits = (store.connect_timeout, store.lock_timeout, store.statement_timeout)
    assert limits == (3.0, 1.5, 60.0)
    store.close()


def test_the_time_limits_are_taken_out_of_the_url_and_the_rest_kept() -> None:
    """Only the store's own parameters leave the URL; libpq's stay as given."""
    assert postgres_settings(
        "postgresql://casework@db:5432/cases?sslmode=require&statement_timeout=10"
    ) == ("postgresql://casework@db:5432/cases?sslmode=require", {"statement_timeout": 10.0})


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("lock_timeout=soon", "lock_timeout"),
        ("connect_timeout=0", "connect_timeout"),
        ("statement_timeout=-2", "statement_timeout"),
        ("statement_timeout=", "statement_timeout"),
    ],
)
def test_a_bad_time_limit_in_the_url_is_invalid_input_naming_it(query: str, field: str) -> None:
    """A limit that is not a number of seconds above 0 is refused, naming the
    parameter, before any connection is tried."""
    with pytest.raises(InvalidInput) as refused:
        open_store(f"postgresql://casework@db/cases?{query}")
    assert refused.value.field == field


def test_a_password_is_not_repeated_in_the_error_about_its_url() -> None:
    """A URL libpq cannot read is refused without echoing its password."""
    with pytest.raises(InvalidInput) as refused:
        open_store("postgresql://casework:hunter2@db/cases?nonsense=hunter2")
    assert "hunter2" not in str(refused.value)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("mysql://db/cases", "unknown store 'mysql'"),
        ("cases.db", "expected a URL such as scheme://..."),
        ("memory://cases", "memory:// takes nothing after it, got 'memory://cases'"),
        (
            "sqlite://cases.db",
            "a SQLite URL has three slashes and then a path, got 'sqlite://cases.db'",
        ),
        ("sqlite:///", "a SQLite URL has three slashes and then a path, got 'sqlite:///'"),
        (
            "sqlite:///cases.db?mode=ro",
            "a SQLite URL takes no options, got 'sqlite:///cases.db?mode=ro'",
        ),
        ("postgresql://db/cases?nonsense=1", "not a PostgreSQL URL libpq can read ("),
    ],
)
def test_other_urls_are_invalid_input_naming_the_accepted_forms(url: str, problem: str) -> None:
    """An unknown scheme or a malformed URL is InvalidInput for ``url`` that
    says what was wrong and lists the forms accepted."""
    with pytest.raises(InvalidInput) as refused:
        open_store(url)
    assert refused.value.field == "url"
    assert refused.value.message.startswith(problem)
    assert refused.value.message.endswith(FORMS)


def test_a_connection_string_is_not_repeated_in_the_error() -> None:
    """Text that is not a URL may hold a password, so the error does not echo it."""
    with pytest.raises(InvalidInput) as refused:
        open_store("host=db password=hunter2")
    assert "hunter2" not in str(refused.value)


def test_importing_the_library_does_not_load_the_postgresql_driver() -> None:
    """psycopg is loaded only when a PostgresStore is first used."""
    found = subprocess.run(
        [sys.executable, "-c", "import sys, contactpolicy.stores; print('psycopg' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout == "False\n"
