"""9.1 durably: the outbox's positions live in the database, so a new
process (a new store, Casework and Outbox) carries on where the last
stopped, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from contactpolicy import Customer, FrozenClock, Outbox
from contactpolicy.stores import PostgresStore, SQLiteStore, Store

from support.builders import CUSTOMER, RECORDS
from support.outbox import Recorder, decided, no_wait, outbox_casework


@pytest.fixture(params=["sqlite", "postgres"])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], Store]:
    """Opens a new store object on this test's own database file or server."""
    if request.param == "sqlite":
        return partial(SQLiteStore, tmp_path / "cases.db")
    return partial(PostgresStore, request.getfixturevalue("postgres_dsn"))


def test_a_restart_tells_nobody_twice(opener: Callable[[], Store], clock: FrozenClock) -> None:
    """Managers told by one process are not told again by the next; the
    next tells them only of what was decided since, and the positions and
    a webhook subscription read back from the database."""
    sender = Recorder()
    first = opener()
    casework = outbox_casework(first, clock)
    decided(casework, CUSTOMER, ())
    casework.add_webhook("http://127.0.0.1:9/hook", RECORDS, subscription_id="crm")
    Outbox(casework, notices=sender, by=RECORDS, sleep=no_wait).deliver()
    told = first.delivered("manager:m-rev")
    first.close()

    second = opener()
    casework = outbox_casework(second, clock)
    assert second.delivered("manager:m-rev") == told
    assert [each.id for each in casework.webhooks(RECORDS)] == ["crm"]
    case = decided(casework, Customer("CRM-8", "Alex Doe"), ("Housing",))
    casework.remove_webhook("crm", RECORDS)
    Outbox(casework, notices=sender, by=RECORDS, sleep=no_wait).deliver()
    second.close()
    pairs = [(notice.recipient.id, notice.case_id) for notice in sender.sent]
    assert len(pairs) == len(set(pairs)) == 5
    assert [pair for pair in pairs if pair[1] == case.id] == [("m-hou", case.id)]
