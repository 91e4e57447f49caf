"""PostgreSQL's driver is the ``postgres`` extra: without it, the store's
import and ``open_store`` name the extra to install."""

from __future__ import annotations

import importlib
import sys

import pytest

from contactpolicy.stores import open_store
from contactpolicy.stores.url import postgres_settings

from support.command_line import CommandLine

NAMED = r"PostgresStore needs psycopg, .* pip install 'contactpolicy\[postgres\]'"


@pytest.fixture
def without_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    """psycopg cannot be imported, as where the extra is not installed; the
    store's module is imported afresh."""
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.delitem(sys.modules, "contactpolicy.stores.postgres", raising=False)


@pytest.mark.usefixtures("without_psycopg")
def test_importing_the_store_without_psycopg_names_the_extra() -> None:
    """Importing PostgresStore without psycopg is ModuleNotFoundError for
    psycopg, saying which extra brings it."""
    with pytest.raises(ModuleNotFoundError, match=NAMED) as missing:
        importlib.import_module("contactpolicy.stores.postgres")
    assert missing.value.name == "psycopg"


@pytest.mark.usefixtures("without_psycopg")
def test_opening_a_postgresql_url_without_psycopg_names_the_extra() -> None:
    """open_store and postgres_settings on a PostgreSQL URL name the extra too."""
    with pytest.raises(ModuleNotFoundError, match=NAMED):
        open_store("postgresql://casework@127.0.0.1/cases")
    with pytest.raises(ModuleNotFoundError, match=NAMED):
        postgres_settings("postgresql://casework@127.0.0.1/cases")


@pytest.mark.usefixtures("without_psycopg")
def test_sqlite_and_memory_stores_need_no_psycopg() -> None:
    """An SQLite-only council opens its stores without the driver."""
    assert type(open_store("memory://")).__name__ == "MemoryStore"


@pytest.mark.usefixtures("without_psycopg")
def test_the_command_line_names_the_extra_in_one_line(command: CommandLine) -> None:
    """contactpolicy --db postgresql://... without the driver is wrong input
    (exit 2) told in one line naming the extra, not a traceback."""
    ran = command("--db", "postgresql://casework@127.0.0.1/cases", "list")
    assert ran.status == 2
    assert ran.err.count("\n") == 1
    assert "--db: PostgresStore needs psycopg" in ran.err
    assert "pip install 'contactpolicy[postgres]'" in ran.err
