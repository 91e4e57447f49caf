"""Any single byte changed in any stored row of the events, the cases or the
contact log is found by verify_all (SQLite)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy.errors import StoreError
from contactpolicy.stores import SQLiteStore

from support.insider import Database, Scene, a_call, scene
from support.tampering import KEY

UNCOVERED = {("events", "command_id"), ("events", "fingerprint"), ("contact_log", "id")}
"""Columns outside the record: the retry bookkeeping kept with an event
(its command id and that command's fingerprint), and the contact log row's
own key, which only orders entries already ordered by their chain
(docs/audit.md, "What it cannot detect")."""

KEYS = {"events": "position", "cases": "id", "contact_log": "id"}


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Scene, sqlite3.Connection]]:
    """A keyed scene with two logged calls, and a plain connection to its file."""
    path: Path = tmp_path_factory.mktemp("bytes") / "cases.db"
    store = SQLiteStore(path)
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:

        def execute(statement: str, values: Any) -> list[Any]:
            return connection.execute(statement, values).fetchall()

        setting = scene(store, Database(execute, postgres=False), KEY)
        for _ in range(2):
            setting.casework.decide_contact("CRM-7", a_call(setting.clock.now()))
        yield setting, connection
    store.close()


def _changed(value: Any, index: int, byte: int) -> Any:
    """``value`` with one byte of its text changed: a digit for a number,
    any other printable ASCII character for text."""
    text = str(value)
    position = index % len(text)
    if isinstance(value, int):
        digit = "0123456789"[byte % 10]
        if digit == text[position]:
            digit = "0123456789"[(byte + 1) % 10]
        return int(text[:position] + digit + text[position + 1 :])
    replacement = chr(0x20 + byte % 0x5F)
    if replacement == text[position]:
        replacement = chr(0x20 + (byte + 1) % 0x5F)
    return text[:position] + replacement + text[position + 1 :]


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_single_changed_byte_is_found_by_verify_all(
    stored: tuple[Scene, sqlite3.Connection], data: st.DataObject
) -> None:
    """Change one byte of one column of one row, anywhere in events, cases or
    the contact log: verify_all reports a problem (or the store refuses the
    row as damaged). The row is put back after."""
    setting, db = stored
    table = data.draw(st.sampled_from(sorted(KEYS)), label="table")
    key = KEYS[table]
    columns = [
        row[1]
        for row in db.execute(f"PRAGMA table_info({table})")
        if (table, row[1]) not in UNCOVERED
    ]
    column = data.draw(st.sampled_from(columns), label="column")
    rows = db.execute(
        f"SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL ORDER BY {key}"
    ).fetchall()
    if not rows:
        return
    which, value = data.draw(st.sampled_from(rows), label="row")
    text = str(value)
    index = data.draw(st.integers(0, len(text) - 1), label="index")
    if not text[index].isascii():
        return
    changed = _changed(value, index, data.draw(st.integers(0, 255), label="byte"))
    try:
        db.execute(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", (changed, which))
    except sqlite3.IntegrityError:
        return  # a key made equal to another's: the database itself refuses it
    changed_key = changed if column == key else which
    try:
        assert not setting.casework.verify_all().ok, (table, column, which, text, changed)
    except StoreError:
        pass
    finally:
        db.execute(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", (value, changed_key))
    assert setting.casework.verify_all().ok
