"""An appeal's deadline is counted in working days (8.1), but how late it
was decided was counted in calendar days and worded without a unit: an
appeal recorded on Friday 20 November 2026, to be decided by Friday 18
December (20 working days) and decided on Monday 21 December, was "decided
3 days late" in the register, though one working day late. Now an appeal's
lateness is counted in the council's working days
(``Policy.working_days``) and says so; a review's stays in calendar days
(7.2, counted in months)."""

from __future__ import annotations

import pendulum

from contactpolicy import AppealOutcome, Casework
from contactpolicy.domain.model import Lateness
from contactpolicy.stores import MemoryStore

from support.appeal_deadlines import AS_RECEIVED, LONDON, OFFICERS, appealed
from support.builders import DIRECTOR, RECORDS


def _decided(received: pendulum.DateTime, decided: pendulum.DateTime) -> tuple[Casework, str]:
    """A case appealed at ``received`` and its appeal dismissed at
    ``decided``, England and Wales' bank holidays: the casework (its clock
    at ``decided``) and the case's id."""
    store = MemoryStore()
    clock, case_id = appealed(store, AS_RECEIVED, received)
    casework = Casework(store, AS_RECEIVED, clock=clock, officers=OFFICERS)
    clock.set(decided)
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
    return casework, case_id


def _appeal_lines(casework: Casework) -> list[str]:
    [row] = casework.register(by=RECORDS)
    return [line for line in row.case_notes.splitlines() if line.startswith("The appeal was")]


def test_decided_the_monday_after_a_friday_deadline_is_one_working_day_late() -> None:
    casework, case_id = _decided(
        pendulum.datetime(2026, 11, 20, 10, tz=LONDON),
        pendulum.datetime(2026, 12, 21, 11, tz=LONDON),
    )
    assert _appeal_lines(casework) == [
        "The appeal was to be decided by 18 December 2026 and was decided 1 working day late (8.1)."
    ]
    case = casework.get(case_id, by=RECORDS)
    assert case.appeal_lateness(case.appeals[0], casework.clock.now(), AS_RECEIVED) == Lateness(
        due=pendulum.date(2026, 12, 18),
        held=pendulum.date(2026, 12, 21),
        days_late=3,
        working_days_late=1,
    )


def test_the_christmas_and_new_year_bank_holidays_are_not_counted() -> None:
    """Received Thursday 26 November, due Thursday 24 December; decided
    Monday 4 January 2027: 11 calendar days, of which Christmas Day,
    Boxing Day's substitute (28 December) and New Year's Day are bank
    holidays, so 4 working days (29, 30 and 31 December, 4 January)."""
    casework, case_id = _decided(
        pendulum.datetime(2026, 11, 26, 10, tz=LONDON),
        pendulum.datetime(2027, 1, 4, 11, tz=LONDON),
    )
    assert _appeal_lines(casework) == [
        "The appeal was to be decided by 24 December 2026 and was decided "
        "4 working days late (8.1)."
    ]
    case = casework.get(case_id, by=RECORDS)
    lateness = case.appeal_lateness(case.appeals[0], casework.clock.now(), AS_RECEIVED)
    assert (lateness.due, lateness.days_late, lateness.working_days_late) == (
        pendulum.date(2026, 12, 24),
        11,
        4,
    )


def test_an_appeal_still_undecided_over_christmas_is_late_in_working_days() -> None:
    """Due 24 December and undecided on Tuesday 29 December: 5 calendar
    days, 1 working day (25 and 28 December are bank holidays)."""
    store = MemoryStore()
    clock, _ = appealed(store, AS_RECEIVED, pendulum.datetime(2026, 11, 26, 10, tz=LONDON))
    casework = Casework(store, AS_RECEIVED, clock=clock, officers=OFFICERS)
    clock.set(pendulum.datetime(2026, 12, 29, 9, tz=LONDON))
    assert _appeal_lines(casework) == [
        "The appeal was to be decided by 24 December 2026 and is 1 working day late (8.1)."
    ]
