"""An appeal's deadline kept in its event and snapshot (8.1) is stored and
read back by every store; an appeal stored by the last release, whose event
and snapshot have no deadline, is read from SQLite and PostgreSQL with the
deadline worked out from the configuration in use, and verifies."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from functools import partial
from pathlib import Path

import pendulum
import psycopg
import pytest

from contactpolicy import Casework, FrozenClock
from contactpolicy.domain.model import Lateness
from contactpolicy.stores import PostgresStore, SQLiteStore, Store

from support.appeal_deadlines import CLOSED, DUE, OFFICERS, appealed, appealed_as_last_release
from support.builders import RECORDS


def test_the_deadline_kept_is_stored_and_read_back(store: Store) -> None:
    clock, case_id = appealed(store)
    casework = Casework(store, CLOSED, clock=clock, officers=OFFICERS)
    [appeal] = casework.get(case_id, by=RECORDS).appeals
    assert (appeal.due, appeal.decision_due(CLOSED)) == (DUE, DUE)
    assert casework.history(case_id, by=RECORDS)[-1].data["due"] == "2027-01-14"
    assert casework.verify(case_id).ok


def _without_due_sqlite(path: Path) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("UPDATE cases SET document = json_remove(document, '$.appeals[0].due')")


def _without_due_postgres(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute("UPDATE cases SET document = document #- '{appeals,0,due}'")


@pytest.fixture(params=["sqlite", "postgres"])
def held(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, str]]:
    """A database holding an appeal as the last release stored it, with
    no ``due`` in its event or in its snapshot's document; the case id."""
    opener: Callable[[], Store]
    strip: Callable[[], None]
    if request.param == "sqlite":
        path = tmp_path / "cases.db"
        opener, strip = partial(SQLiteStore, path), partial(_without_due_sqlite, path)
    else:
        dsn = request.getfixturevalue("postgres_dsn")
        opener, strip = partial(PostgresStore, dsn), partial(_without_due_postgres, dsn)
    first = opener()
    _, case_id = appealed_as_last_release(first)
    first.close()
    strip()
    store = opener()
    yield store, case_id
    store.close()


def test_an_appeal_stored_without_its_deadline_is_worked_out_as_before(
    held: tuple[Store, str],
) -> None:
    """Under :data:`CLOSED`, 20 working days from 14 December 2026 end on
    18 January 2027."""
    store, case_id = held
    clock = FrozenClock(pendulum.datetime(2027, 1, 15, 9, tz="Europe/London"))
    casework = Casework(store, CLOSED, clock=clock, officers=OFFICERS)
    case = casework.get(case_id, by=RECORDS)
    [appeal] = case.appeals
    assert appeal.due is None
    assert case.appeal_lateness(appeal, clock.now(), CLOSED) == Lateness(
        pendulum.date(2027, 1, 18), None, 0, working_days_late=0
    )
    assert casework.verify(case_id).ok
