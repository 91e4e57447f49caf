"""An appeal's deadline was worked out every time it was read, from the
configuration then in use (8.1): an appeal received on Monday 14 December
2026, due on 14 January 2027, was due on 18 January once closure days on 5
and 6 January 2027 were added, and on 11 January once ``bank_holidays``
was ``"none"``, in ``show``, the register and the work queue alike, so an
appeal decided on time could later read as late and one decided late as
on time. The deadline is now worked out as the appeal is recorded, kept in
its event and on the appeal (``Appeal.due``), and every reader takes it
from there (``Appeal.decision_due``). An appeal recorded before it was
kept is still worked out from the configuration in use."""

from __future__ import annotations

import attrs
import pendulum

from contactpolicy import AppealOutcome, Casework, FrozenClock, WorkItem
from contactpolicy.domain.model import Lateness
from contactpolicy.domain.policy import Policy
from contactpolicy.stores import MemoryStore, Store

from support.appeal_deadlines import (
    AS_RECEIVED,
    CLOSED,
    DUE,
    LONDON,
    OFFICERS,
    RECEIVED,
    appealed,
    appealed_as_last_release,
)
from support.builders import DIRECTOR, RECORDS

NO_BANK_HOLIDAYS = attrs.evolve(AS_RECEIVED, bank_holidays="none")
"""The same council, counting every Monday to Friday as a working day."""


def _appealed() -> tuple[Store, FrozenClock, str]:
    """:func:`appealed` on a store of its own: the store, clock and case id."""
    store = MemoryStore()
    clock, case_id = appealed(store)
    return store, clock, case_id


def _under(policy: Policy, store: Store, clock: FrozenClock) -> Casework:
    """The council's casework on ``store`` once its configuration is ``policy``."""
    return Casework(store, policy, clock=clock, officers=OFFICERS)


def _appeal_items(casework: Casework) -> list[WorkItem]:
    return [
        item
        for officer in (DIRECTOR, RECORDS)
        for item in casework.work_queue(officer)
        if item.kind.startswith("appeal")
    ]


def test_the_deadline_is_kept_in_the_event_and_on_the_appeal() -> None:
    store, clock, case_id = _appealed()
    casework = _under(AS_RECEIVED, store, clock)
    event = casework.history(case_id, by=RECORDS)[-1]
    assert (event.kind, event.data["due"]) == ("appeal", "2027-01-14")
    assert casework.get(case_id, by=RECORDS).appeals[0].due == DUE


def test_closure_days_added_later_do_not_move_it() -> None:
    """Computed from :data:`CLOSED` it would be 18 January; the work queue
    says 14 January, and the appeal is past its deadline on 15 January."""
    assert CLOSED.appeal_decision_due(RECEIVED) == pendulum.date(2027, 1, 18)
    store, clock, case_id = _appealed()
    casework = _under(CLOSED, store, clock)
    assert _appeal_items(casework) == [
        WorkItem(
            "appeal_to_decide",
            case_id,
            DUE,
            "Decide the appeal received on 14 December 2026 by 14 January 2027 (8.1).",
        )
    ]
    clock.set(pendulum.datetime(2027, 1, 15, 9, tz=LONDON))
    late = (
        "The appeal received on 14 December 2026 was to be decided by 14 January 2027 and "
        "is past its deadline (8.1)."
    )
    assert _appeal_items(casework) == [
        WorkItem("appeal_past_deadline", case_id, DUE, late),
        WorkItem(
            "appeal_past_deadline",
            case_id,
            DUE,
            f"{late} Ask the Director of Finance and Business Improvement to decide it, or "
            "arrange for another officer who may.",
        ),
    ]
    case = casework.get(case_id, by=RECORDS)
    assert case.appeal_lateness(case.appeals[0], clock.now(), CLOSED) == Lateness(
        DUE, None, 1, working_days_late=1
    )


def test_the_register_judges_a_decision_against_the_day_kept() -> None:
    """Decided on 15 January 2027: one day late against the day kept,
    though on time against the 18 January :data:`CLOSED` would give."""
    store, clock, case_id = _appealed()
    casework = _under(CLOSED, store, clock)
    clock.set(pendulum.datetime(2027, 1, 15, 11, tz=LONDON))
    case = casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
    assert case.appeal_lateness(case.appeals[0], clock.now(), CLOSED) == Lateness(
        DUE, pendulum.date(2027, 1, 15), 1, working_days_late=1
    )
    [row] = casework.register(by=RECORDS)
    assert (
        "The appeal was to be decided by 14 January 2027 and was decided 1 working day late (8.1)."
        in row.case_notes.splitlines()
    )


def test_a_nation_without_bank_holidays_later_does_not_move_it() -> None:
    """Computed with ``bank_holidays = "none"`` it would be 11 January; on
    12 January the appeal is still to decide, by 14 January."""
    assert NO_BANK_HOLIDAYS.appeal_decision_due(RECEIVED) == pendulum.date(2027, 1, 11)
    store, clock, case_id = _appealed()
    casework = _under(NO_BANK_HOLIDAYS, store, clock)
    clock.set(pendulum.datetime(2027, 1, 12, 9, tz=LONDON))
    assert _appeal_items(casework) == [
        WorkItem(
            "appeal_to_decide",
            case_id,
            DUE,
            "Decide the appeal received on 14 December 2026 by 14 January 2027 (8.1).",
        )
    ]
    assert casework.verify(case_id).ok


def test_an_appeal_recorded_before_the_day_was_kept_is_worked_out_as_before() -> None:
    """No ``due`` in its event: the deadline is worked out from the
    configuration in use, 18 January under :data:`CLOSED`, and the record
    verifies as it was recorded."""
    held = MemoryStore()
    clock, case_id = appealed_as_last_release(held)
    casework = _under(CLOSED, held, clock)
    case = casework.get(case_id, by=RECORDS)
    [appeal] = case.appeals
    assert appeal.due is None
    assert appeal.decision_due(CLOSED) == pendulum.date(2027, 1, 18)
    assert case.appeal_lateness(appeal, clock.now(), CLOSED) == Lateness(
        pendulum.date(2027, 1, 18), None, 0, working_days_late=0
    )
    assert [item.due for item in _appeal_items(casework)] == [pendulum.date(2027, 1, 18)]
    assert casework.verify(case_id).ok
