"""An appeal received on Monday 14 December 2026 was given 11 January 2027
as its deadline, counting Christmas Day, Boxing Day's substitute and New
Year's Day as working days (8.1): the work queue flagged it past its
deadline from 12 January, and one decided on 14 January, the real last
day, was shown as decided 3 days late. The deadline now leaves out the
bank holidays of the council's nation and its closure days, everywhere it
is read: the work queue, ``appeal_lateness`` and the words that say it."""

from __future__ import annotations

import attrs
import pendulum

from contactpolicy import (
    MAIDSTONE,
    AppealOutcome,
    Casework,
    Channel,
    FrozenClock,
    Officer,
    WorkItem,
)
from contactpolicy.domain import wording
from contactpolicy.domain.model import Lateness
from contactpolicy.domain.policy import Policy
from contactpolicy.stores import MemoryStore

from support.builders import (
    DECIDER,
    DIRECTOR,
    HEAD_OF_SERVICE,
    MANAGER,
    RECORDS,
    designated_and_told,
)

LONDON = "Europe/London"
OFFICERS = [MANAGER, HEAD_OF_SERVICE, DECIDER, DIRECTOR, RECORDS]
CONTINUING = attrs.evolve(MAIDSTONE, on_review_overdue="continue")
"""Restrictions that stay in force past their review day, so that the
case designated in January still takes an appeal in December."""


def _appealed(clock: FrozenClock, policy: Policy) -> tuple[Casework, str]:
    """Designated and told on 31 January 2026; an appeal received at 10:00
    on Monday 14 December 2026."""
    casework = Casework(MemoryStore(), policy, clock=clock, officers=OFFICERS)
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 12, 14, 10, tz=LONDON))
    casework.appeal(case_id, MANAGER, "Email is hard for me.")
    return casework, case_id


def _appeal_items(casework: Casework, officer: Officer) -> list[WorkItem]:
    return [i for i in casework.work_queue(officer) if i.kind.startswith("appeal")]


def test_the_appeal_is_due_on_the_twentieth_working_day(clock: FrozenClock) -> None:
    casework, case_id = _appealed(clock, CONTINUING)
    summary = "Decide the appeal received on 14 December 2026 by 14 January 2027 (8.1)."
    assert _appeal_items(casework, DIRECTOR) == [
        WorkItem("appeal_to_decide", case_id, pendulum.date(2027, 1, 14), summary)
    ]
    clock.set(pendulum.datetime(2027, 1, 14, 17, tz=LONDON))
    assert [i.kind for i in _appeal_items(casework, DIRECTOR)] == ["appeal_to_decide"]
    assert _appeal_items(casework, RECORDS) == []
    clock.set(pendulum.datetime(2027, 1, 15, 9, tz=LONDON))
    assert [i.kind for i in _appeal_items(casework, RECORDS)] == ["appeal_past_deadline"]


def test_an_appeal_decided_on_the_last_day_is_on_time(clock: FrozenClock) -> None:
    casework, case_id = _appealed(clock, CONTINUING)
    clock.set(pendulum.datetime(2027, 1, 14, 16, tz=LONDON))
    case = casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
    [appeal] = case.appeals
    lateness = case.appeal_lateness(appeal, clock.now(), CONTINUING)
    assert lateness == Lateness(
        pendulum.date(2027, 1, 14), pendulum.date(2027, 1, 14), 0, working_days_late=0
    )
    assert wording.appeal_lateness(lateness) == ""


def test_an_appeal_decided_the_day_after_is_one_day_late(clock: FrozenClock) -> None:
    casework, case_id = _appealed(clock, CONTINUING)
    clock.set(pendulum.datetime(2027, 1, 15, 9, tz=LONDON))
    case = casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
    lateness = case.appeal_lateness(case.appeals[0], clock.now(), CONTINUING)
    assert wording.appeal_lateness(lateness) == (
        "The appeal was to be decided by 14 January 2027 and was decided 1 working day late (8.1)."
    )


def test_a_council_closed_between_christmas_and_new_year(clock: FrozenClock) -> None:
    """Closed on 29, 30 and 31 December 2026 besides the bank holidays."""
    closed = attrs.evolve(CONTINUING, closure_days=["2026-12-29", "2026-12-30", "2026-12-31"])
    casework, case_id = _appealed(clock, closed)
    assert [i.due for i in _appeal_items(casework, DIRECTOR)] == [pendulum.date(2027, 1, 19)]
    clock.set(pendulum.datetime(2027, 1, 19, 16, tz=LONDON))
    case = casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
    lateness = case.appeal_lateness(case.appeals[0], clock.now(), closed)
    assert lateness == Lateness(
        pendulum.date(2027, 1, 19), pendulum.date(2027, 1, 19), 0, working_days_late=0
    )
