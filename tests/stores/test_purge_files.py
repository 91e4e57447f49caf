"""After a purge the personal text is gone from the database itself (7.2):
from every byte of the SQLite files, and from every row on PostgreSQL,
while another customer's open case is intact and verify_all passes."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from contactpolicy.stores import PostgresStore, SQLiteStore

from support.builders import RECORDS
from support.purging import KEPT_TEXT, SECRETS, past_retention, purgeable


def _files(path: Path) -> dict[str, bytes]:
    """The bytes of the database file and its -wal and -shm files (empty
    when SQLite has none)."""
    found = {}
    for suffix in ("", "-wal", "-shm"):
        file = path.with_name(path.name + suffix)
        found[file.name] = file.read_bytes() if file.exists() else b""
    return found


def test_a_purged_case_is_in_no_byte_of_the_sqlite_files(tmp_path: Path) -> None:
    """The issue's test: a case written to a SQLite file, lifted, the clock
    moved past retention, purged: none of the customer's name, contact
    details, notes or incident text is in the main file, the -wal or the
    -shm, while the other customer's open case is intact and verify_all
    passes."""
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    scene = purgeable(store)
    before = b"".join(_files(path).values())
    assert [word for word in SECRETS if word.encode() not in before] == []
    past_retention(scene)
    report = scene.casework.purge(by=RECORDS, command_id="P-1")
    assert (report.cases, report.contacts) == (1, 2)
    files = _files(path)
    assert files["cases.db-wal"] == b""
    found = {
        name: [word for word in SECRETS if word.encode() in data] for name, data in files.items()
    }
    assert found == {"cases.db": [], "cases.db-wal": [], "cases.db-shm": []}
    assert [word for word in KEPT_TEXT if word.encode() not in files["cases.db"]] == []
    assert scene.casework.get(scene.kept.id) == scene.kept
    checked = scene.casework.verify_all()
    assert (checked.ok, checked.keyed, checked.problems) == (True, True, ())
    store.close()
    reopened = SQLiteStore(path)
    assert reopened.load(scene.kept.id) == scene.kept
    reopened.close()


def test_a_purged_case_is_in_no_row_on_postgresql(postgres_dsn: str) -> None:
    """The same on PostgreSQL, row by row: no column of any row of any table
    holds the purged customer's text (the old row versions are VACUUM's to
    reclaim, docs/data-protection.md), the open case is intact and
    verify_all passes."""
    store = PostgresStore(postgres_dsn)
    scene = purgeable(store)
    past_retention(scene)
    report = scene.casework.purge(by=RECORDS, command_id="P-1")
    assert (report.cases, report.contacts) == (1, 2)
    with psycopg.connect(postgres_dsn, autocommit=True) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        ]
        rows = "".join(
            str(row)
            for table in sorted(tables)
            for row in connection.execute(f'SELECT * FROM "{table}"').fetchall()
        )
    assert sorted(tables) == [
        "api_tokens",
        "cases",
        "command_ids",
        "contact_log",
        "deliveries",
        "events",
        "feed",
        "notes",
        "purge_runs",
        "read_log",
        "schema_migrations",
        "webhooks",
    ]
    assert [word for word in SECRETS if word in rows] == []
    assert [word for word in KEPT_TEXT if word not in rows] == []
    assert scene.casework.get(scene.kept.id) == scene.kept
    checked = scene.casework.verify_all()
    assert (checked.ok, checked.keyed, checked.problems) == (True, True, ())
    store.close()


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_dry_run_leaves_the_sqlite_file_as_it_was(tmp_path: Path, dry_run: bool) -> None:
    """A dry run writes nothing: the text is still in the file; a real run
    takes it out."""
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    scene = purgeable(store)
    past_retention(scene)
    scene.casework.purge(by=RECORDS, dry_run=dry_run)
    data = b"".join(_files(path).values())
    assert (b"Quuxworth" in data) is dry_run
    store.close()
