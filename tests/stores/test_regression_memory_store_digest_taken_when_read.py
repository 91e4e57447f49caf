"""Regression: a ``MemoryStore`` encoded every case a command left to take
its digest (7.4), which doubled the cost of a case's lifecycle beside the
state machine alone.

It now takes the digest of the case an event leaves when the event is
first read, of the case the command left: a history read from it, copied
into SQLite and verified there, checks, and a case replaced behind its
back before any event was read is refused as it was. The cases kept for
digests not yet taken hold a bounded number of notes between them.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import attrs
import pytest

from contactpolicy import Casework, FrozenClock, Officer, ReviewOutcome, ReviewTrigger, Role
from contactpolicy.audit import codec, replay
from contactpolicy.domain.model import Case
from contactpolicy.errors import StoreDamaged
from contactpolicy.stores import MemoryStore, SQLiteStore
from contactpolicy.stores import memory as memory_store

from support.builders import CUSTOMER, MANAGER, RESTRICTIONS, START, incident, restricted_and_told
from support.tampering import KEY

REVIEWER = Officer("kdaly", "Kim Daly", {Role.MANAGER, Role.DECISION_MAKER})
"""Who starts the review and completes it."""


@pytest.fixture
def digests(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The id of each case encoded as its row's text, as its digest is taken."""
    encoded: list[str] = []
    real = codec.case_document

    def counted(case: Case) -> str:
        encoded.append(case.id)
        return real(case)

    monkeypatch.setattr(codec, "case_document", counted)
    return encoded


def test_commands_take_no_digest_until_their_events_are_read(digests: list[str]) -> None:
    """Five commands designate a case and tell the customer, and a sixth
    adds a note. Designating weighs the restrictions on the customer's
    cases (5.1), each checked against its last event, whose digest alone
    is taken then: two digests in all. The note takes none; read, each of
    the six events records the digest of the case it left, each taken
    once."""
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START), audit_key=KEY)
    case_id = restricted_and_told(casework, RESTRICTIONS)
    assert digests == [case_id] * 2
    noted = casework.add_note(case_id, "Called again.", MANAGER)
    assert digests == [case_id] * 2
    case, events = store.trail(case_id)
    assert case is noted
    assert digests == [case_id] * 7
    assert store.trail(case_id)[1] == events
    assert store.events_since(0, 10) == events
    assert digests == [case_id] * 7
    assert events[-1].snapshot == codec.case_digest(noted)
    assert [event.snapshot for event in events] == [
        event.snapshot for event in replay.restated(events)[1]
    ]


def test_a_case_replaced_before_its_events_are_read_is_refused() -> None:
    """The kept case replaced by one without restrictions before any event
    was read: the command is refused naming the document, the digest its
    last event records being that of the case the command left."""
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START), audit_key=KEY)
    case_id = restricted_and_told(casework, RESTRICTIONS)
    left = store.load(case_id)
    assert left.designation is not None
    edited = attrs.evolve(left, designation=attrs.evolve(left.designation, restrictions=()))
    store._cases[case_id] = edited
    with pytest.raises(StoreDamaged) as refused:
        casework.add_note(case_id, "Called again.", MANAGER)
    assert refused.value.detail == (
        f"cases row: document's SHA-256 is {codec.case_digest(edited)}, the event records "
        f"{codec.case_digest(left)}"
    )
    assert len(store.trail(case_id)[1]) == 5


def test_an_equal_case_put_back_is_decided_on() -> None:
    """The kept case replaced by an equal copy (another object, the same
    values) before any event was read: it has the digest, and is decided on."""
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START), audit_key=KEY)
    case_id = restricted_and_told(casework, RESTRICTIONS)
    left = store.load(case_id)
    store._cases[case_id] = attrs.evolve(left)
    assert casework.add_note(case_id, "Called again.", MANAGER).version == 6


def test_a_history_copied_into_sqlite_checks_there(tmp_path: Path) -> None:
    """A lifecycle on a ``MemoryStore``, its history copied into SQLite:
    each event's digest is that of the text of the row SQLite writes,
    ``verify`` finds it intact, and it takes the next command."""
    memory = MemoryStore()
    clock = FrozenClock(START)
    casework = Casework(memory, clock=clock, audit_key=KEY)
    case_id = restricted_and_told(casework, RESTRICTIONS)
    casework.start_review(case_id, REVIEWER, ReviewTrigger.REQUESTED, "Asked for a review.")
    casework.complete_review(case_id, REVIEWER, ReviewOutcome.LIFT, "Calls stopped.")
    case, events = memory.trail(case_id)
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    try:
        with store.unit_of_work() as work:
            work.save(case, events, 0)
        with sqlite3.connect(path) as raw:
            ((document,),) = raw.execute("SELECT document FROM cases WHERE id = ?", (case_id,))
        assert events[-1].snapshot == hashlib.sha256(document.encode("utf-8")).hexdigest()
        on_sqlite = Casework(store, clock=clock, audit_key=KEY)
        assert on_sqlite.verify(case_id).ok
        assert on_sqlite.add_note(case_id, "Called again.", MANAGER).version == 8
    finally:
        store.close()


def test_digests_are_taken_once_the_cases_kept_hold_enough_notes(
    digests: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With at most ten notes held by the cases kept for digests not yet
    taken: a report and four notes hold 1 + 2 + 3 + 4 = 10, and no digest
    is taken; the fifth note makes 15, and the six events' digests are
    taken then, unread, one case encoded for each."""
    monkeypatch.setattr(memory_store, "_HELD_NOTES", 10)
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    for number in range(4):
        casework.add_note(case.id, f"Called again ({number}).", MANAGER)
    assert digests == []
    noted = casework.add_note(case.id, "Called again (4).", MANAGER)
    assert digests == [case.id] * 6
    assert store.trail(case.id)[1][-1].snapshot == codec.case_digest(noted)
    assert digests == [case.id] * 7
