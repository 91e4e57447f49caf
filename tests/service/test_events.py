"""The hash chain: any edit, reordering or deletion of a case's events shows."""

import attrs
import pendulum

from contactpolicy.audit.events import (
    GENESIS,
    AuditEvent,
    Problem,
    chain_problems,
    digest,
    next_event,
)

AT = pendulum.datetime(2026, 1, 31, 10, tz="UTC")


def _said(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


def _history() -> list[AuditEvent]:
    first = next_event(None, "C-1", "report", AT, "manager", {"state": "reported"})
    second = next_event(first, "C-1", "warn", AT.add(days=1), "manager", {"state": "warned"})
    third = next_event(second, "C-1", "add_note", AT.add(days=2), "records", {"text": "ok"})
    return [first, second, third]


def test_events_chain_from_genesis() -> None:
    """The first event follows GENESIS; each next one follows its predecessor's hash."""
    first, second, third = _history()
    assert (first.seq, first.prev_hash) == (1, GENESIS)
    assert (second.seq, second.prev_hash) == (2, first.hash)
    assert third.prev_hash == second.hash
    assert first.hash == digest(
        "C-1", 1, "report", AT, "manager", {"state": "reported"}, GENESIS, GENESIS
    )
    assert (first.feed_prev, first.key_id) == (GENESIS, None)
    assert chain_problems("C-1", _history()) == []


def test_the_hash_ignores_the_time_zone_the_time_is_written_in() -> None:
    """The same instant in London and UTC hashes the same."""
    london = AT.in_timezone("Europe/London")
    assert digest("C-1", 1, "k", london, "a", {}, GENESIS) == digest(
        "C-1", 1, "k", AT, "a", {}, GENESIS
    )


def test_an_edited_event_is_detected() -> None:
    """Changing one value of an event breaks its hash."""
    events = _history()
    events[1] = attrs.evolve(events[1], data={"state": "designated"})
    assert _said(chain_problems("C-1", events)) == [
        "case C-1, event 2 (warn): was changed after it was recorded"
    ]


def test_a_deleted_event_is_detected() -> None:
    """Removing an event leaves a gap in the numbering and the chain."""
    events = _history()
    del events[1]
    assert _said(chain_problems("C-1", events)) == [
        "case C-1, event 2 (add_note): records itself as event 3: an event was deleted, "
        "inserted or moved",
        "case C-1, event 2 (add_note): does not follow event 1 (report) as recorded: an event "
        "was deleted, inserted, reordered or changed",
    ]


def test_reordered_events_are_detected() -> None:
    """Swapping two events breaks both the numbering and the chain."""
    events = _history()
    events[1], events[2] = events[2], events[1]
    problems = _said(chain_problems("C-1", events))
    assert (
        "case C-1, event 2 (add_note): records itself as event 3: an event was deleted, "
        "inserted or moved"
    ) in problems
    assert (
        "case C-1, event 3 (warn): does not follow event 2 (add_note) as recorded: an event "
        "was deleted, inserted, reordered or changed"
    ) in problems


def test_an_event_of_another_case_is_detected() -> None:
    """An event moved in from another case is named."""
    events = _history()
    events[2] = attrs.evolve(events[2], case_id="C-2")
    assert (
        _said(chain_problems("C-1", events))[0]
        == "case C-1, event 3 (add_note): records itself as part of case 'C-2': it was moved or "
        "copied from another case"
    )


def test_the_feed_position_is_not_part_of_the_hash() -> None:
    """A store's feed position can differ between stores; the hash does not."""
    events = [attrs.evolve(event, position=100 + i) for i, event in enumerate(_history())]
    assert chain_problems("C-1", events) == []
