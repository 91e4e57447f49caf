"""Whenever an appeal or a data request is received and however the
council's calendar changes afterwards (``appeal_decision_days``,
``bank_holidays``, ``closure_days``, ``timezone``), the day it is due by
stays the one worked out when it was recorded (8.1; UK GDPR Art. 12(3)):
on the appeal, in its lateness and in the work queue; for one made at the
point of contact, on the item waiting, and on the appeal recorded with
it."""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import MAIDSTONE, Casework, ContactPurpose
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.safeguards import due_from
from contactpolicy.domain.working_days import NATIONS
from contactpolicy.stores import MemoryStore

from support.appeal_deadlines import OFFICERS, appealed, made_at_contact
from support.builders import DIRECTOR, MANAGER, RECORDS

KINDS = {ContactPurpose.APPEAL: "appeal_to_record", ContactPurpose.DATA_REQUEST: "data_request"}
"""The work queue's item for each safeguard waiting at the point of contact."""
ZONES = ("Europe/London", "Pacific/Auckland", "America/New_York")
FIRST = pendulum.datetime(2026, 2, 2, tz="UTC")
"""The earliest an appeal is received in these examples, after the designation."""


@st.composite
def calendars(draw: st.DrawFn, near: pendulum.Date) -> Policy:
    """A council's calendar: its time zone, its nation, its days to decide
    an appeal in and closure days in the months after ``near``;
    restrictions continue past their review day so the case still takes
    an appeal."""
    closures = draw(st.frozensets(st.integers(0, 120), max_size=6))
    return attrs.evolve(
        MAIDSTONE,
        timezone=draw(st.sampled_from(ZONES)),
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


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(stories(), st.sampled_from([ContactPurpose.APPEAL, ContactPurpose.DATA_REQUEST]))
def test_a_deadline_counted_from_the_point_of_contact_never_moves(
    story: tuple[pendulum.DateTime, Policy, Policy], purpose: ContactPurpose
) -> None:
    received, then, later = story
    store = MemoryStore()
    clock, case_id, contact_id = made_at_contact(store, purpose, received, then)
    due = due_from(purpose, received, then)
    casework = Casework(store, later, clock=clock, officers=OFFICERS)
    [item] = casework.get(case_id, by=RECORDS).to_act_on
    assert item.deadline(later) == due
    assert [each.due for each in casework.work_queue(RECORDS) if each.kind == KINDS[purpose]] == [
        due
    ]
    if purpose is ContactPurpose.APPEAL:
        case = casework.appeal(case_id, MANAGER, "Email is hard for me.", contact_id=contact_id)
        assert case.appeals[0].decision_due(later) == due
