"""Upgrading a database made by the last release, on SQLite and PostgreSQL:
its trail is not rewritten and verifies as recorded, unkeyed; new events
chain on to it, signed with the key; its contact log entries are numbered
and left unchained."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from functools import partial
from pathlib import Path

import psycopg
import pytest

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit import codec
from contactpolicy.domain.contact import Contact, ContactDecision, LoggedContact
from contactpolicy.domain.model import Case
from contactpolicy.domain.vocabulary import Channel
from contactpolicy.stores import MemoryStore, PostgresStore, SQLiteStore, Store
from contactpolicy.testing.examples import MANAGER, START

from support.migrations import (
    BEFORE_OPEN_ITEMS,
    BEFORE_SIGNED_CONTACTS,
    POSTGRES_BEFORE_ENDS_ON,
    SQLITE_BEFORE_ENDS_ON,
    UNMARKED,
)
from support.tampering import KEY, legacy, told

OLD_CONTACT = LoggedContact(
    "CRM-7",
    Contact(Channel.EMAIL, START),
    ContactDecision(allowed=True, register=True, respond=True),
    START,
)


def _old_case(store: Store) -> Case:
    """Save, through the store, a designated case whose events are in the
    last release's form."""
    memory = MemoryStore()
    _, case = told(memory, 4)
    with store.unit_of_work() as work:
        work.save(case, legacy(memory.trail(case.id)[1]), 0)
    return case


def _downgrade_sqlite(path: Path) -> None:
    """Take a SQLite file back to the last release's schema, with a contact
    log entry as it logged them."""
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        for statement in (
            *SQLITE_BEFORE_ENDS_ON,
            *BEFORE_SIGNED_CONTACTS,
            "DROP TABLE purge_runs",
            "DROP INDEX contact_log_by_command",
            "ALTER TABLE contact_log DROP COLUMN command_id",
            "ALTER TABLE contact_log DROP COLUMN fingerprint",
            "DROP INDEX contact_log_chain",
            "ALTER TABLE contact_log DROP COLUMN seq",
            "ALTER TABLE contact_log DROP COLUMN digest",
            "ALTER TABLE contact_log DROP COLUMN key_id",
            "DROP TABLE deliveries",
            "DROP TABLE webhooks",
            "DROP TABLE api_tokens",
            "DROP TABLE read_log",
            "DROP INDEX cases_not_informed",
            "ALTER TABLE cases DROP COLUMN uninformed_since",
            *BEFORE_OPEN_ITEMS,
            "DELETE FROM schema_migrations WHERE version >= 6",
            *UNMARKED,
        ):
            db.execute(statement)
        db.execute(
            "INSERT INTO contact_log (customer_id, at, document, schema_version) "
            "VALUES ('CRM-7', '2100-01-04T09:00:00.000000+00:00', ?, 1)",
            (codec.dumps(OLD_CONTACT),),
        )


def _downgrade_postgres(dsn: str) -> None:
    """Take a PostgreSQL database back to the last release's schema, with a
    contact log entry as it logged them."""
    with psycopg.connect(dsn, autocommit=True) as db:
        for statement in (
            *POSTGRES_BEFORE_ENDS_ON,
            *BEFORE_SIGNED_CONTACTS,
            "DROP TABLE purge_runs",
            "DROP INDEX contact_log_by_command",
            "ALTER TABLE contact_log DROP COLUMN command_id, DROP COLUMN fingerprint",
            "DROP INDEX contact_log_chain",
            "ALTER TABLE contact_log DROP COLUMN seq, DROP COLUMN digest, DROP COLUMN key_id",
            "ALTER TABLE feed DROP COLUMN last_hash",
            "DROP TABLE deliveries",
            "DROP TABLE webhooks",
            "DROP TABLE api_tokens",
            "DROP TABLE read_log",
            "ALTER TABLE cases DROP COLUMN uninformed_since",
            *BEFORE_OPEN_ITEMS,
            "DELETE FROM schema_migrations WHERE version >= 5",
        ):
            db.execute(statement)
        db.execute(
            "INSERT INTO contact_log (customer_id, at, document, schema_version) "
            "VALUES ('CRM-7', %s, %s::jsonb, 1)",
            (START, codec.dumps(OLD_CONTACT)),
        )


@pytest.fixture(params=["sqlite", "postgres"])
def upgraded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, Case]]:
    """A database of the last release holding an old case and contact,
    opened (so upgraded) by this release."""
    opener: Callable[[], Store]
    downgrade: Callable[[], None]
    if request.param == "sqlite":
        path = tmp_path / "cases.db"
        opener, downgrade = partial(SQLiteStore, path), partial(_downgrade_sqlite, path)
    else:
        dsn = request.getfixturevalue("postgres_dsn")
        opener, downgrade = partial(PostgresStore, dsn), partial(_downgrade_postgres, dsn)
    first = opener()
    case = _old_case(first)
    first.close()
    downgrade()
    store = opener()
    yield store, case
    store.close()


def test_an_upgraded_trail_verifies_unkeyed_as_it_was_recorded(
    upgraded: tuple[Store, Case],
) -> None:
    """After the upgrade the old events and contact are unchanged and
    verify, without a problem, as unkeyed: the migration computes no digest
    from rows it cannot vouch for."""
    store, case = upgraded
    casework = Casework(store, clock=FrozenClock(START.add(days=30)), audit_key=KEY)
    found = casework.verify_all()
    assert (found.ok, found.keyed, found.cases, found.events, found.contacts) == (
        True,
        False,
        1,
        5,
        1,
    )
    assert (casework.verify(case.id).ok, casework.verify(case.id).keyed) == (True, False)
    assert store.contacts("CRM-7") == [OLD_CONTACT]


def test_new_events_chain_on_to_an_upgraded_trail_keyed(upgraded: tuple[Store, Case]) -> None:
    """Commands after the upgrade chain on to the old events, in the case
    and in the feed, signed with the key; new contacts follow the old entry
    in the customer's log; the whole store verifies."""
    store, case = upgraded
    clock = FrozenClock(START.add(days=30))
    casework = Casework(store, clock=clock, audit_key=KEY)
    casework.add_note(case.id, "After the upgrade.", MANAGER)
    new = casework.report(case.customer, "bins", list(case.incidents), by=MANAGER)
    casework.decide_contact("CRM-7", Contact(Channel.EMAIL, clock.now()))
    old_last = casework.history(case.id)[-2]
    assert casework.history(case.id)[-1].feed_prev == old_last.hash
    assert (casework.history(new.id)[0].key_id, casework.verify(new.id).keyed) == (
        "default",
        True,
    )
    found = casework.verify_all()
    assert (found.ok, found.keyed, found.events, found.contacts) == (True, False, 7, 2)
    with store.audit_scan() as scan:
        links = [entry.link for entry in scan.contacts()]
    assert [(link.seq, link.digest is None, link.key_id) for link in links] == [
        (1, True, None),
        (2, False, "default"),
    ]
