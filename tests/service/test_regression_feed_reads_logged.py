"""Regression: the feed (``events_since``; ``GET /v1/events``, ``contactpolicy
feed``) gave the decision maker every case's names, addresses and
incidents, and nothing of it was in the read log, while ``history`` of the
same events was (7.4; UK GDPR Art. 5(1)(f)). A page of the feed read by a
named officer is now logged as a read of each case it holds, once per
case, by ``events_since``."""

from __future__ import annotations

import pytest

from contactpolicy import Casework, Customer, FileRead, FrozenClock, StoreDamaged
from contactpolicy.stores import MemoryStore

from support.builders import DECIDER, MANAGER, RECORDS, START, incident

SAM = Customer("CRM-7", "Sam Taylor", "12 Week Street, Maidstone")
ALEX = Customer("CRM-8", "Alex Green", "3 Mill Street, Maidstone")


def test_a_feed_page_is_logged_once_per_case_it_holds() -> None:
    """Four events of two cases: the whole feed logs both cases once; a
    page holding only Alex's later events logs Alex's case only."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock, officers=[MANAGER, DECIDER, RECORDS])
    sam = casework.report(SAM, "council tax", [incident()], by=MANAGER)
    alex = casework.report(ALEX, "bins", [incident()], by=MANAGER)
    casework.add_note(sam.id, "Called again.", by=MANAGER)
    casework.add_note(alex.id, "Wrote again.", by=MANAGER)
    before = casework.read_log(by=RECORDS)
    assert [event.case_id for event in casework.events_since(0, 10, by=DECIDER)] == [
        sam.id,
        alex.id,
        sam.id,
        alex.id,
    ]
    clock.advance(minutes=5)
    assert [event.position for event in casework.events_since(3, 10, by=RECORDS)] == [4]
    first = START.in_timezone("UTC")
    assert casework.read_log(by=RECORDS)[len(before) :] == [
        FileRead(first, DECIDER.id, SAM.id, sam.id, "events_since"),
        FileRead(first, DECIDER.id, ALEX.id, alex.id, "events_since"),
        FileRead(first.add(minutes=5), RECORDS.id, ALEX.id, alex.id, "events_since"),
    ]


def test_an_empty_page_logs_nothing_and_without_a_directory_nothing_is_logged() -> None:
    """No event, no read; no directory and no ``by``, no log, as before."""
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START), officers=[MANAGER, DECIDER, RECORDS])
    casework.report(SAM, "council tax", [incident()], by=MANAGER)
    count = len(store.reads())
    assert casework.events_since(1, 10, by=DECIDER) == []
    assert len(store.reads()) == count
    assert len(Casework(store, clock=FrozenClock(START)).events_since(0)) == 1
    assert len(store.reads()) == count


def test_a_feed_naming_a_case_the_store_lacks_is_store_damaged_not_given_unlogged() -> None:
    """A page that cannot be logged is not given out."""
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START), officers=[MANAGER, DECIDER, RECORDS])
    case = casework.report(SAM, "council tax", [incident()], by=MANAGER)
    del store._cases[case.id]  # a store damaged behind its back
    with pytest.raises(StoreDamaged) as damaged:
        casework.events_since(0, 10, by=DECIDER)
    assert (damaged.value.case_id, str(damaged.value)) == (
        case.id,
        f"case {case.id!r}: the feed holds events of a case the store does not hold",
    )
