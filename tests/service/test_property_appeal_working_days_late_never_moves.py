"""However the council's calendar changes after an appeal is decided
(``bank_holidays``, ``closure_days``), how many working days late it was
decided stays the count made when it was decided, with the calendar then
in use (8.1)."""

from __future__ import annotations

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import Casework
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.working_days import NATIONS
from contactpolicy.stores import MemoryStore

from support.appeal_deadlines import AS_RECEIVED, OFFICERS, RECEIVED, decided
from support.builders import RECORDS


@st.composite
def calendars(draw: st.DrawFn) -> Policy:
    """The council in one of the nations, closed on up to six days in the
    three months after the appeal was received."""
    closures = draw(st.frozensets(st.integers(0, 90), max_size=6))
    return attrs.evolve(
        AS_RECEIVED,
        bank_holidays=draw(st.sampled_from(sorted(NATIONS))),
        closure_days=[RECEIVED.date().add(days=offset) for offset in closures],
    )


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(calendars(), calendars(), st.integers(0, 80 * 24))
def test_a_decided_appeals_working_days_late_never_move(
    then: Policy, later: Policy, hours: int
) -> None:
    store = MemoryStore()
    at = RECEIVED.add(hours=hours)
    clock, case_id = decided(store, at, then)
    counted = then.working_days.between(then.appeal_decision_due(RECEIVED), then.date_of(at))
    case = Casework(store, later, clock=clock, officers=OFFICERS).get(case_id, by=RECORDS)
    [appeal] = case.appeals
    assert appeal.working_days_late == counted
    for policy in (then, later):
        assert case.appeal_lateness(appeal, clock.now(), policy).working_days_late == counted
    clock.set(clock.now().add(days=30))
    assert case.appeal_lateness(appeal, clock.now(), later).working_days_late == counted
