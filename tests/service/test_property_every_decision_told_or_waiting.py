"""Property: over random histories of decisions and letters on a case
(reviews, appeals, new named officers, lifts, letters recorded, the
exception of not telling), after every command each decision is recorded
as communicated, recorded as not told (6.3), or the case is in
``not_communicated()`` and the work queue, waiting from the oldest decision
owed: a decision a later one overtook before the customer was told stays
owed (8.1). On the in-memory store and on SQLite's indexed
``awaiting_since``."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import (
    AppealOutcome,
    Casework,
    Channel,
    FrozenClock,
    PolicyError,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.stores import MemoryStore, SQLiteStore, Store

from support.builders import DECIDER, DIRECTOR, RECORDS, RESTRICTIONS, START, designated_and_told

Step = Callable[[Casework, str], object]

STEPS: dict[str, Step] = {
    "told": lambda work, case_id: work.record_communicated(
        case_id, RECORDS, work.clock.now(), Channel.LETTER
    ),
    "not told": lambda work, case_id: work.record_not_told(case_id, DECIDER, "Moved abroad."),
    "review": lambda work, case_id: work.start_review(
        case_id, DECIDER, ReviewTrigger.REQUESTED
    ),
    "continue": lambda work, case_id: work.complete_review(
        case_id, DECIDER, ReviewOutcome.CONTINUE, "Still calling.",
        overrides={"no_incident_since_decision": "Kept within the limits by them."},
    ),
    "vary": lambda work, case_id: work.complete_review(
        case_id, DECIDER, ReviewOutcome.VARY, "Email only.", restrictions=RESTRICTIONS[:1]
    ),
    "appeal": lambda work, case_id: work.appeal(case_id, RECORDS, "Unfair."),
    "dismissed": lambda work, case_id: work.decide_appeal(
        case_id, DIRECTOR, AppealOutcome.DISMISSED, "Stands."
    ),
    "reassign": lambda work, case_id: work.reassign(
        case_id, DECIDER, "records", "decider", "Moved teams."
    ),
    "lift": lambda work, case_id: work.lift(case_id, DECIDER, "Contact is now reasonable."),
}  # fmt: skip


def _check(casework: Casework, case_id: str) -> None:
    case = casework.get(case_id)
    owed = [
        decision.decided_at
        for decision in case.decisions
        if decision.communicated is None and decision.not_told is None
    ]
    waiting = {each.id: each.awaiting_communication for each in casework.not_communicated()}
    assert waiting.get(case_id) == (min(owed) if owed else None)
    queued = {
        item.case_id for item in casework.work_queue(RECORDS) if item.kind == "not_communicated"
    }
    assert (case_id in queued) == bool(owed)


def _run(store: Store, steps: list[str]) -> None:
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    case_id = designated_and_told(casework)
    _check(casework, case_id)
    for step in steps:
        clock.advance(hours=5)
        with contextlib.suppress(PolicyError):
            STEPS[step](casework, case_id)
        _check(casework, case_id)


_steps = st.lists(st.sampled_from(sorted(STEPS)), max_size=12)


@given(steps=_steps)
def test_every_decision_is_told_not_told_or_waiting(steps: list[str]) -> None:
    _run(MemoryStore(), steps)


@settings(max_examples=15)
@given(steps=_steps)
def test_the_same_on_sqlite(steps: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "cases.db")
        try:
            _run(store, steps)
        finally:
            store.close()
