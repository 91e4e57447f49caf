"""Regression: a command on a case one of whose events had its number
column changed to another whole number was refused in words that did not
say the record was changed (7.4), on SQLite and PostgreSQL.

With Sam Taylor's event 3 filed as event 23, a note was refused with
"event 4 of case '…' does not continue the history at 7"; with event 6
(the last) filed as event 23 the note was written after it. A command
reads the case's last event with the number it is filed under, and is
now refused in the words its history is refused in
(:func:`contactpolicy.stores.rows.filed`), writing nothing.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from contactpolicy import Casework
from contactpolicy.errors import StoreDamaged
from contactpolicy.stores import PostgresStore, SQLiteStore, Store

from support.builders import MANAGER
from support.insider import Database, scene
from support.tampering import KEY
from support.verify_reports import Backend, backend

__all__ = ["backend"]

REFUSED = (
    "case {case!r}: event {number} of its history is filed as event 23: it was changed "
    "outside the system, or damaged; verify the audit trail to see all that was found"
)


def _reopened(db: Database, tmp_path: Path, request: pytest.FixtureRequest) -> Store:
    """The same database through a store that holds no copy of its cases,
    as another process, the command line's, opens it."""
    if db.postgres:
        return PostgresStore(request.getfixturevalue("postgres_dsn"))
    return SQLiteStore(tmp_path / "cases.db")


@pytest.mark.parametrize("number", [1, 3, 6], ids=["the first", "one between", "the last"])
def test_a_command_is_refused_as_the_history_is(
    backend: Backend, tmp_path: Path, request: pytest.FixtureRequest, number: int
) -> None:
    """Event ``number`` filed as event 23: a note is refused as damage in
    the words ``history`` uses, with the same detail, and nothing is
    written."""
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    db.sql(f"UPDATE events SET seq = 23 WHERE case_id = ? AND seq = {number}", case_id)
    reopened = _reopened(db, tmp_path, request)
    try:
        casework = Casework(reopened, clock=setting.clock, audit_key=KEY)
        with pytest.raises(StoreDamaged) as refused:
            casework.add_note(case_id, "Called again.", MANAGER)
        with pytest.raises(StoreDamaged) as listed:
            casework.history(case_id)
    finally:
        reopened.close()
    said = REFUSED.format(case=case_id, number=number)
    detail = f"events.seq is 23; the event records {number}"
    assert (str(refused.value), refused.value.detail) == (said, detail)
    assert (str(listed.value), listed.value.detail) == (said, detail)
    assert db.sql("SELECT count(*) FROM events WHERE case_id = ?", case_id) == [(6,)]


def test_a_store_that_decoded_the_case_refuses_it_too(tmp_path: Path) -> None:
    """SQLite keeps a decoded case while its rows' documents are unchanged;
    the number column is not among them, so the copy is checked against it
    too: the store that wrote the case refuses alike."""
    store = SQLiteStore(tmp_path / "cases.db")
    try:
        with closing(sqlite3.connect(tmp_path / "cases.db", isolation_level=None)) as connection:
            db = Database(
                lambda statement, values: connection.execute(statement, values).fetchall(),
                postgres=False,
            )
            setting = scene(store, db, KEY)
            db.sql("UPDATE events SET seq = 23 WHERE case_id = ? AND seq = 6", setting.case.id)
        with pytest.raises(StoreDamaged) as refused:
            setting.casework.add_note(setting.case.id, "Called again.", MANAGER)
    finally:
        store.close()
    assert str(refused.value) == REFUSED.format(case=setting.case.id, number=6)
