"""Regression: an unreadable last event in the feed was blamed on an
innocent case.

Every command chains its event to the feed's last one, so when that event's
row could not be read (its document not JSON), a command on any other case
failed with StoreDamaged naming the case being written ("case 'C-…':
SQLite failed on … (malformed JSON)"). The error now says the feed's last
event, at its position, cannot be read, and names no case.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from psycopg.types.json import Jsonb

from contactpolicy import Casework, FrozenClock, StoreDamaged
from contactpolicy.stores import PostgresStore, SQLiteStore

from support.builders import CUSTOMER, MANAGER, START, incident


def _two_cases(casework: Casework) -> tuple[str, str]:
    """Two cases reported: the second's report is the feed's last event (2)."""
    first = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    second = casework.report(CUSTOMER, "parking", [incident()], by=MANAGER)
    return first.id, second.id


def test_sqlite_a_feed_head_that_is_not_json_is_damage_of_the_feed(tmp_path: Path) -> None:
    """With the last event's row not JSON, a note on the other case is
    StoreDamaged for the feed's event at position 2, naming no case, and
    nothing is written; head() says the same."""
    store = SQLiteStore(tmp_path / "cases.db")
    casework = Casework(store, clock=FrozenClock(START))
    first, _ = _two_cases(casework)
    with closing(sqlite3.connect(store.path)) as db, db:
        db.execute("UPDATE events SET document = 'not JSON' WHERE position = 2")
    expected = (
        "the feed's last event, at position 2, cannot be read: its row is not JSON or has no "
        "hash, and every new event chains to it"
    )
    with pytest.raises(StoreDamaged) as damaged:
        casework.add_note(first, "Phoned back.", MANAGER)
    assert (str(damaged.value), damaged.value.case_id) == (expected, None)
    with pytest.raises(StoreDamaged) as damaged:
        store.head()
    assert (str(damaged.value), damaged.value.case_id) == (expected, None)
    assert store.load(first).version == 1
    store.close()


def test_postgres_a_feed_head_without_a_hash_is_damage_of_the_feed(postgres_dsn: str) -> None:
    """PostgreSQL keeps the head's hash in the feed's row, so commands go on
    when the last event's row has lost its hash (verify finds that), while
    head() says that event, at its position, cannot be read; with the feed's
    row gone, a command on any case is StoreDamaged naming no case."""
    store = PostgresStore(postgres_dsn)
    casework = Casework(store, clock=FrozenClock(START))
    first, _ = _two_cases(casework)
    with psycopg.connect(postgres_dsn, autocommit=True) as db:
        row = db.execute("SELECT document FROM events WHERE position = 2").fetchone()
        assert row is not None
        (kept,) = row
        db.execute("UPDATE events SET document = document - 'hash' WHERE position = 2")
    with pytest.raises(StoreDamaged) as damaged:
        store.head()
    assert str(damaged.value) == (
        "the feed's last event, at position 2, cannot be read: it has no hash"
    )
    assert damaged.value.case_id is None
    assert casework.add_note(first, "Phoned back.", MANAGER).version == 2
    store.close()
    # The event's hash put back, so that a new Casework's key check, which
    # reads the feed's latest events before its first write (7.4), reads
    # them all; then the feed's row gone.
    with psycopg.connect(postgres_dsn, autocommit=True) as db:
        db.execute("UPDATE events SET document = %s WHERE position = 2", (Jsonb(kept),))
        db.execute("DELETE FROM feed")
    store = PostgresStore(postgres_dsn)
    casework = Casework(store, clock=FrozenClock(START))
    with pytest.raises(StoreDamaged) as damaged:
        casework.add_note(first, "Phoned again.", MANAGER)
    assert str(damaged.value) == (
        "the feed's row, which holds its last position and hash, is missing"
    )
    assert damaged.value.case_id is None
    assert store.load(first).version == 2
    store.close()
