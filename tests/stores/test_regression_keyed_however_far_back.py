"""Whether a store is keyed is answered by the store, however far back its
last signed event is (7.4). Before, the key check read the feed back from
its head for at most 1,000 events: a store whose only signed event was
1,500 events back counted as unkeyed, so a ``Casework`` given no key wrote
to it unsigned, and one given the wrong key signed with it. Now the store
reads the key id of its newest signed event, and the latest events signed
under a key id, from an index (``EventFeed.newest_key_id``,
``EventFeed.signed_events``), on every store: the same refusal as on a
store signed at its head, and nothing written. The check reads the same
few rows whatever the feed's length: counted here in SQLite statements and
PostgreSQL round trips."""

from __future__ import annotations

from typing import Any

import attrs
import psycopg
import pytest

from contactpolicy import Casework, FrozenClock
from contactpolicy.audit.keys import UNKEYED, AuditKeys
from contactpolicy.casework.signing import check_keys, key_not_given, keyed_under
from contactpolicy.domain.model import Case
from contactpolicy.errors import InvalidInput
from contactpolicy.stores import PostgresStore, SQLiteStore, Store
from contactpolicy.testing.examples import MANAGER, START, example_case, history

from support.round_trips import statements_sent
from support.tampering import CUSTOMER, INCIDENT, KEY

FAR = 1_500
"""How many unsigned events follow the one signed event: more than the
1,000 the check used to read back."""

REFUSED = (
    "[7.4] audit_key: the records are signed under key id 'default', which was not given, "
    "and nothing was written: give Casework the audit key (audit_key=, or "
    "CONTACTPOLICY_AUDIT_KEY for the command line) to write (docs/audit.md, Setting up the key)"
)

WRONG = (
    "[7.4] audit_key: the key given does not match the one the records under key id "
    "'default' were signed with (or those records were changed: verify says which), so "
    "nothing it signed could be verified, and nothing was written: give the key they were "
    "signed with, or a new key under a new key id to rotate (docs/audit.md, Setting up the key)"
)

OTHER_KEY = b"another council's key, 32 bytes!"


def _signed_far_back(store: Store) -> Case:
    """Sam Taylor's case reported with the key (feed position 1, the only
    signed event), then another case of 1,500 unsigned events (positions 2
    to 1,501)."""
    signed = Casework(store, clock=FrozenClock(START), audit_key=KEY)
    case = signed.report(CUSTOMER, "Repeated calls.", [INCIDENT], by=MANAGER)
    other = attrs.evolve(example_case(), version=FAR)
    with store.unit_of_work() as work:
        work.save(other, history(other), expected_version=0)
    return case


def _held(store: Store) -> tuple[Any, ...]:
    """What a write would change: the feed's head and each case's version."""
    return store.head(), [(case.id, case.version) for case in store.cases()]


def _report(casework: Casework) -> Case:
    return casework.report(CUSTOMER, "Another issue.", [INCIDENT], by=MANAGER)


def test_a_store_signed_only_far_back_refuses_a_write_without_the_key(store: Store) -> None:
    _signed_far_back(store)
    before = _held(store)
    assert before[0][0] == 1 + FAR
    with pytest.raises(InvalidInput) as refused:
        _report(Casework(store, clock=FrozenClock(START.add(days=1))))
    assert (refused.value.field, refused.value.section) == ("audit_key", "7.4")
    assert str(refused.value) == REFUSED
    assert _held(store) == before


def test_a_wrong_key_is_refused_however_far_back_the_signed_events_are(store: Store) -> None:
    _signed_far_back(store)
    before = _held(store)
    with pytest.raises(InvalidInput) as refused:
        _report(Casework(store, clock=FrozenClock(START.add(days=1)), audit_key=OTHER_KEY))
    assert str(refused.value) == WRONG
    assert _held(store) == before


def test_the_right_key_writes_and_readers_agree_the_store_is_keyed(store: Store) -> None:
    """The key the far-back event was signed with is taken, and a reader
    without a key is told the key id, as the writer is refused by it."""
    _signed_far_back(store)
    keyed = Casework(store, clock=FrozenClock(START.add(days=1)), audit_key=KEY)
    assert _report(keyed).version == 1
    assert store.head()[0] == FAR + 2
    assert (keyed_under(store), key_not_given(store, UNKEYED)) == ("default", "default")


def test_the_check_on_sqlite_reads_the_same_statements_however_long_the_feed(
    tmp_path: Any,
) -> None:
    """Without a key: one statement, the newest signed event from its index.
    With the key: that, then the latest events signed under its id."""
    store = SQLiteStore(tmp_path / "cases.db")
    _signed_far_back(store)
    statements: list[str] = []
    store._connection().set_trace_callback(statements.append)
    with pytest.raises(InvalidInput):
        check_keys(store, UNKEYED)
    without = len(statements)
    check_keys(store, AuditKeys.of(KEY))
    store._connection().set_trace_callback(None)
    store.close()
    assert [" ".join(statement.split())[:60] for statement in statements] == [
        "SELECT document, schema_version, position, case_id, seq FROM",
        "SELECT document, schema_version, position, case_id, seq FROM",
        "SELECT document, schema_version, position, case_id, seq FROM",
    ]
    assert without == 1
    assert ["INDEXED BY events_signed" in each for each in statements] == [True, True, False]
    assert "INDEXED BY events_by_key_id" in statements[2]


def test_the_check_on_postgres_is_a_round_trip_per_read(
    postgres_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a key: one round trip; with the key: two (the newest signed
    event, then the latest under the key's id), however long the feed."""
    store = PostgresStore(postgres_dsn)
    _signed_far_back(store)
    with statements_sent(monkeypatch) as without, pytest.raises(InvalidInput):
        check_keys(store, UNKEYED)
    with statements_sent(monkeypatch) as keyed:
        check_keys(store, AuditKeys.of(KEY))
    store.close()
    assert [" ".join(query.split()) for query in without] == [_NEWEST]
    assert [" ".join(query.split()) for query in keyed] == [_NEWEST, _UNDER]
    with psycopg.connect(postgres_dsn) as database:
        database.execute("ANALYZE events")
        plans = [
            database.execute(f"EXPLAIN {_NEWEST}").fetchall(),
            database.execute(f"EXPLAIN {_UNDER}", ("default", 5)).fetchall(),
        ]
    assert [plan[1][0].strip().split("  (")[0] for plan in plans] == [
        "->  Index Scan Backward using events_signed on events",
        "->  Index Scan Backward using events_by_key_id on events",
    ]


_NEWEST = (
    "SELECT document::text, schema_version, position, case_id, seq FROM events "
    "WHERE (document ->> 'key_id') IS NOT NULL ORDER BY position DESC LIMIT 1"
)
_UNDER = (
    "SELECT document::text, schema_version, position, case_id, seq FROM events "
    "WHERE (document ->> 'key_id') = %s ORDER BY position DESC LIMIT %s"
)
