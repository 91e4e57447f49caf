"""A keyed scene on each SQL store, edited with plain SQL and checked with
``verify --all``: the lines the records officer reads, and each problem's
detail (7.4)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
import pytest

from contactpolicy.cli.render import store_verification_view
from contactpolicy.stores import PostgresStore, SQLiteStore, Store

from support.insider import Database, scene
from support.tampering import KEY

Backend = tuple[Store, Database]

NOT_INTACT = "The audit trail is NOT intact ({cases}, {events}, 0 contact log entries, 1 seal):"
KEYED = "Every record was checked with the audit key given."


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """A new store and plain SQL on its database, on each SQL store."""
    if request.param == "sqlite":
        path = tmp_path / "cases.db"
        store: Store = SQLiteStore(path)
        with closing(sqlite3.connect(path, isolation_level=None)) as connection:

            def execute(statement: str, values: Sequence[Any]) -> list[Any]:
                return connection.execute(statement, values).fetchall()

            yield store, Database(execute, postgres=False)
    else:
        dsn = request.getfixturevalue("postgres_dsn")
        store = PostgresStore(dsn)
        with psycopg.connect(dsn, autocommit=True) as server:

            def run(statement: str, values: Sequence[Any]) -> list[Any]:
                cursor = server.execute(statement, values)
                return cursor.fetchall() if cursor.description else []

            yield store, Database(run, postgres=True)
    store.close()


def report(backend: Backend, *statements: str) -> tuple[list[str], list[str | None]]:
    """A keyed scene (Sam Taylor's case, events 1 to 6, and another
    customer's report, event 7) sealed, edited with ``statements`` (``{case}``
    and ``{other}`` standing for the two case ids), then checked with the
    seal: the lines ``verify --all`` writes, with ``{case}`` and ``{other}``
    again, and each problem's detail."""
    store, db = backend
    setting = scene(store, db, KEY)
    seal = setting.casework.seal()
    ids = {"{case}": setting.case.id, "{other}": setting.other.id}
    for statement in statements:
        for name, case_id in ids.items():
            statement = statement.replace(name, case_id)
        db.sql(statement)
    found = setting.casework.verify_all([seal])

    def named(text: str) -> str:
        for name, case_id in ids.items():
            text = text.replace(case_id, name)
        return text

    lines = [named(line) for line in store_verification_view(found)]
    return lines, [None if p.detail is None else named(p.detail) for p in found.problems]
