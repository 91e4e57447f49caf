"""Webhook subscriptions are sealed with the audit key (7.4, 9.1). Before,
someone who could write to the database but did not hold the key could add
a row to ``webhooks`` and have every event, with its personal data,
delivered to a URL of their own, and ``verify --all`` said nothing. Now the
outbox sends such a subscription nothing, reporting it as a failure naming
it, and the whole store's check names it, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

import attrs
import psycopg
import pytest

from contactpolicy import Casework, FrozenClock, Subscription
from contactpolicy.audit.events import Problem
from contactpolicy.casework.outbox import Outbox, Undelivered
from contactpolicy.stores import PostgresStore, SQLiteStore
from contactpolicy.stores.deliveries import subscription_document
from contactpolicy.stores.protocols import Store

from support.builders import CUSTOMER, MANAGER, RECORDS, START, incident
from support.outbox import DIRECTORY, no_wait

KEY = bytes.fromhex("ab" * 32)
Sql = Callable[[str, tuple[Any, ...]], None]


class Posts:
    """A webhook poster that keeps the URL of each delivery."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> None:
        del body, headers
        self.urls.append(url)


@attrs.frozen
class Keyed:
    store: Store
    casework: Casework
    sql: Sql


@pytest.fixture(params=["sqlite", "postgresql"])
def keyed(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Keyed]:
    store: Store
    sql: Sql
    if request.param == "sqlite":
        path = tmp_path / "hooks.db"
        store = SQLiteStore(path)

        def sql(statement: str, values: tuple[Any, ...]) -> None:
            with closing(sqlite3.connect(path, isolation_level=None)) as db:
                db.execute(statement, values)

    else:
        dsn = request.getfixturevalue("postgres_dsn")
        store = PostgresStore(dsn, max_connections=2)

        def sql(statement: str, values: tuple[Any, ...]) -> None:
            with psycopg.connect(dsn, autocommit=True) as db:
                db.execute(statement.replace("?", "%s"), values)

    casework = Casework(store, clock=FrozenClock(START), officers=DIRECTORY, audit_key=KEY)
    yield Keyed(store, casework, sql)
    store.close()


def _deliver(keyed: Keyed) -> tuple[list[str], tuple[Undelivered, ...]]:
    posts = Posts()
    report = Outbox(keyed.casework, webhooks=posts, by=RECORDS, sleep=no_wait).deliver()
    return posts.urls, report.failed


def test_a_subscription_inserted_in_the_database_is_sent_nothing_and_reported(
    keyed: Keyed,
) -> None:
    keyed.casework.add_webhook(
        "https://crm.example.gov.uk/hook", RECORDS, subscription_id="crm", kinds=["report"]
    )
    forged = Subscription(
        "elsewhere",
        "https://collector.example.com/hook",
        "a-secret-of-sixteen-or-more",
        (),
        0,
        START,
        "records",
    )
    keyed.sql(
        "INSERT INTO webhooks (id, document) VALUES (?, ?)",
        (forged.id, subscription_document(forged)),
    )
    case = keyed.casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    [position] = [event.position for event in keyed.casework.history(case.id, by=RECORDS)]
    urls, failed = _deliver(keyed)
    assert urls == ["https://crm.example.gov.uk/hook"]
    assert failed == (
        Undelivered(
            "webhook:elsewhere",
            position,
            "webhook subscription elsewhere: its record does not verify with the audit key "
            "(its record is not sealed with the audit key), so nothing is sent to it (7.4)",
            True,
        ),
    )
    assert keyed.store.delivered("webhook:elsewhere") == 0
    assert keyed.casework.verify_all().problems == (
        Problem("webhook subscription elsewhere", "its record is not sealed with the audit key"),
    )


def test_a_subscription_whose_url_is_changed_in_the_database_is_sent_nothing(
    keyed: Keyed,
) -> None:
    added = keyed.casework.add_webhook(
        "https://crm.example.gov.uk/hook", RECORDS, subscription_id="crm"
    )
    assert keyed.casework.verify_all().ok
    moved = attrs.evolve(added, url="https://collector.example.com/hook")
    keyed.sql(
        "UPDATE webhooks SET document = ? WHERE id = ?", (subscription_document(moved), "crm")
    )
    keyed.casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    urls, failed = _deliver(keyed)
    assert (urls, [each.reason for each in failed]) == (
        [],
        [
            "webhook subscription crm: its record does not verify with the audit key (its "
            "record was changed after it was added), so nothing is sent to it (7.4)"
        ],
    )
    assert keyed.casework.verify_all().problems == (
        Problem("webhook subscription crm", "its record was changed after it was added"),
    )
