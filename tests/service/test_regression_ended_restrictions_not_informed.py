"""Regression: managers not told that restrictions ended (a lift, an appeal
allowed) appeared in no work queue and not in ``not_informed()``, which read
only the cases whose restrictions were in force, so staff could go on
applying restrictions that had ended (9.1). Every decision managers are told
of now waits there, in any state, until who was told is recorded."""

from __future__ import annotations

from contactpolicy import AppealOutcome, CaseState, Casework, FrozenClock
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    MANAGER,
    RECORDS,
    START,
    designated_and_told,
    incident,
)


def _queued(casework: Casework) -> list[tuple[str, str | None]]:
    return [
        (item.kind, item.case_id)
        for item in casework.work_queue(RECORDS)
        if item.kind == "managers_not_informed"
    ]


def test_a_lift_the_managers_were_not_told_of_waits_for_them() -> None:
    """A lift with no notifier is listed and queued until recorded as told."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case_id = designated_and_told(casework)
    assert casework.not_informed() == []
    clock.advance(days=1)
    lifted = casework.lift(case_id, DECIDER, "No longer needed.")
    assert lifted.state is CaseState.LIFTED
    assert [case.id for case in casework.not_informed()] == [case_id]
    assert _queued(casework) == [("managers_not_informed", case_id)]
    clock.advance(hours=1)
    casework.record_informed(case_id, RECORDS, ["Jo Smith"])
    assert casework.not_informed() == []
    assert _queued(casework) == []


def test_an_appeal_allowed_and_a_new_named_officer_wait_for_the_managers() -> None:
    """An appeal allowed (restrictions removed) and a reassignment are
    decisions managers are told of; the oldest is listed first."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    allowed = designated_and_told(casework, "council tax")
    moved = designated_and_told(casework, "parking")
    clock.advance(days=1)
    casework.appeal(allowed, RECORDS, "Wrongly identified.")
    ended = casework.decide_appeal(allowed, DIRECTOR, AppealOutcome.ALLOWED, "Disproportionate.")
    clock.advance(days=1)
    casework.reassign(moved, DECIDER, "records", "lwong", "Rui moved team.")
    assert ended.restrictions == ()
    assert [case.id for case in casework.not_informed()] == [allowed, moved]
    assert _queued(casework) == [
        ("managers_not_informed", allowed),
        ("managers_not_informed", moved),
    ]


def test_no_action_and_a_closed_request_tell_the_managers_nothing() -> None:
    """A decision of no action restricts nothing, and a withdrawn request
    decides nothing: neither waits for the managers."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    quiet = casework.report(CUSTOMER, "bins", [incident()], by=MANAGER)
    casework.decide_no_action(quiet.id, DECIDER, "Settled.")
    withdrawn = casework.report(CUSTOMER, "rent", [incident()], by=MANAGER)
    casework.close(withdrawn.id, MANAGER, "Settled by phone.")
    assert casework.not_informed() == []
    assert _queued(casework) == []


def test_a_decision_at_the_instant_the_managers_were_told_of_the_last_waits_for_them() -> None:
    """A lift recorded at the same instant as the record that the managers
    were told of the designation (a server whose clock is behind records
    a command at the case's last event's time; a coarse clock gives two
    commands one time) was taken for told, as a record "at or after" the
    decision, and never listed: the managers were told of the designation,
    not the lift. It waits for them, and is decided after that record."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case_id = designated_and_told(casework)
    told_at = casework.store.load(case_id).disseminations[-1].at
    clock.set(START.subtract(minutes=5))
    lifted = casework.lift(case_id, DECIDER, "No longer needed.")
    assert lifted.decision is not None
    assert lifted.decision.decided_at > told_at
    assert [case.id for case in casework.not_informed()] == [case_id]
    assert _queued(casework) == [("managers_not_informed", case_id)]
    assert casework.verify(case_id).ok
