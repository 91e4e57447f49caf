"""Whenever an appeal is received and however the council's calendar
changes afterwards (``appeal_decision_days``, ``bank_holidays``,
``closure_days``), the day its decision is due stays the one worked out
when it was recorded (8.1): on the appeal, in its lateness and in the work
queue."""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import MAIDSTONE, Casework
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.working_days import NATIONS
from contactpolicy.stores import MemoryStore

from support.appeal_deadlines import OFFICERS, appealed
from support.builders import DIRECTOR, RECORDS

FIRST = pendulum.datetime(2026, 2, 2, tz="UTC")
"""The earliest an appeal is received in these examples, after the designation."""


@st.composite
def calendars(draw: st.DrawFn, near: pendulum.Date) -> Policy:
    """A council's calendar: its nation, its days to decide an appeal in and
    closure days in the months after ``near``; restrictions continue past
    their review day so the case still takes an appeal."""
    closures = draw(st.frozensets(st.integers(0, 120), max_size=6))
    return attrs.evolve(
        MAIDSTONE,
        on_review_overdue="continue",
        bank_holidays=draw(st.sampled_from(sorted(NATIONS))),
        appeal_decision_days=draw(st.integers(1, 60)),
        closure_days=[near.add(days=offset) for offset in closures],
    )


@st.composite
def stories(draw: st.DrawFn) -> tuple[pendulum.DateTime, Policy, Policy]:
    """When the appeal is received, the calendar then, and a later one."""
    received = FIRST.add(seconds=draw(st.integers(0, 700 * 86_400)))
    near = received.date()
    return received, draw(calendars(near)), draw(calendars(near))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_a_recorded_appeals_deadline_never_moves(
    story: tuple[pendulum.DateTime, Policy, Policy],
) -> None:
    received, then, later = story
    store = MemoryStore()
    clock, case_id = appealed(store, then, received)
    due = then.appeal_decision_due(received)
    casework = Casework(store, later, clock=clock, officers=OFFICERS)
    case = casework.get(case_id, by=RECORDS)
    [appeal] = case.appeals
    assert appeal.decision_due(later) == due
    assert case.appeal_lateness(appeal, clock.now(), later).due == due
    assert [item.due for item in casework.work_queue(DIRECTOR) if item.case_id == case_id] == [due]
