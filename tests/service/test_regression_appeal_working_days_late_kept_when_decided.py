"""How many working days late an appeal was decided (8.1) was counted
every time it was read, with the calendar then in use: an appeal received
on 18 December 2026, to be decided by 20 January 2027 and decided on 22
January, read as "2 working days late" in the register, and as "1 working
day late" once a closure day on 21 January was added to the configuration
afterwards. The count is now made as the appeal is decided, kept in its
event and on the appeal (``Appeal.working_days_late``), and
``Case.appeal_lateness`` gives it for a decided appeal; only an appeal
still undecided, or decided before the count was kept, is counted with
the calendar in use."""

from __future__ import annotations

import attrs
import pendulum

from contactpolicy import Casework, FrozenClock
from contactpolicy.domain.model import Lateness
from contactpolicy.domain.policy import Policy
from contactpolicy.stores import MemoryStore, Store

from support.appeal_deadlines import (
    AS_RECEIVED,
    DUE,
    LONDON,
    OFFICERS,
    appealed,
    decided,
    decided_before_kept,
)
from support.builders import RECORDS

CLOSED_21 = attrs.evolve(AS_RECEIVED, closure_days=["2027-01-21"])
"""The council, closed on 21 January 2027 as well."""
CLOSED_15_18 = attrs.evolve(AS_RECEIVED, closure_days=["2027-01-15", "2027-01-18"])
"""The council, closed on 15 and 18 January 2027 as well."""
DECIDED = pendulum.datetime(2027, 1, 19, 11, tz=LONDON)
"""Tuesday 19 January 2027: 3 working days after the appeal's deadline of
14 January in England and Wales, 1 with :data:`CLOSED_15_18`."""


def _under(policy: Policy, store: Store, clock: FrozenClock) -> Casework:
    return Casework(store, policy, clock=clock, officers=OFFICERS)


def _register_lines(casework: Casework) -> list[str]:
    [row] = casework.register(by=RECORDS)
    return [line for line in row.case_notes.splitlines() if "working day" in line]


def test_the_register_keeps_its_count_when_a_closure_day_is_added_later() -> None:
    """The reproduction: decided on Friday 22 January 2027 at 16:00."""
    store = MemoryStore()
    received = pendulum.datetime(2026, 12, 18, 12, tz=LONDON)
    clock, _ = decided(store, pendulum.datetime(2027, 1, 22, 16, tz=LONDON), received=received)
    line = (
        "The appeal was to be decided by 20 January 2027 and was decided 2 working days late (8.1)."
    )
    assert _register_lines(_under(AS_RECEIVED, store, clock)) == [line]
    assert _register_lines(_under(CLOSED_21, store, clock)) == [line]


def test_the_count_is_kept_in_the_event_and_on_the_appeal() -> None:
    store = MemoryStore()
    clock, case_id = decided(store, DECIDED)
    casework = _under(CLOSED_15_18, store, clock)
    event = casework.history(case_id, by=RECORDS)[-1]
    assert (event.kind, event.data["working_days_late"]) == ("decide_appeal", 3)
    case = casework.get(case_id, by=RECORDS)
    [appeal] = case.appeals
    assert appeal.working_days_late == 3
    assert case.appeal_lateness(appeal, clock.now(), CLOSED_15_18) == Lateness(
        DUE, pendulum.date(2027, 1, 19), 5, working_days_late=3
    )
    assert casework.verify(case_id).ok


def test_an_appeal_decided_on_time_keeps_zero() -> None:
    store = MemoryStore()
    clock, case_id = decided(store, pendulum.datetime(2027, 1, 14, 16, tz=LONDON))
    casework = _under(CLOSED_15_18, store, clock)
    assert casework.history(case_id, by=RECORDS)[-1].data["working_days_late"] == 0
    assert casework.get(case_id, by=RECORDS).appeals[0].working_days_late == 0


def test_an_undecided_appeal_is_counted_with_the_calendar_in_use() -> None:
    """Still undecided on 19 January 2027: as of then, 3 working days late
    in England and Wales, 1 with :data:`CLOSED_15_18`."""
    store = MemoryStore()
    clock, case_id = appealed(store)
    clock.set(DECIDED)
    case = _under(AS_RECEIVED, store, clock).get(case_id, by=RECORDS)
    [appeal] = case.appeals
    assert appeal.working_days_late is None
    assert case.appeal_lateness(appeal, clock.now(), AS_RECEIVED).working_days_late == 3
    assert case.appeal_lateness(appeal, clock.now(), CLOSED_15_18).working_days_late == 1


def test_an_appeal_decided_before_the_count_was_kept_is_counted_as_before() -> None:
    """No ``working_days_late`` in its event: counted with the calendar in
    use, and the record verifies as it was recorded."""
    store = MemoryStore()
    clock, case_id = decided_before_kept(store, DECIDED)
    casework = _under(CLOSED_15_18, store, clock)
    case = casework.get(case_id, by=RECORDS)
    [appeal] = case.appeals
    assert "working_days_late" not in casework.history(case_id, by=RECORDS)[-1].data
    assert appeal.working_days_late is None
    held = pendulum.date(2027, 1, 19)
    assert case.appeal_lateness(appeal, clock.now(), CLOSED_15_18) == Lateness(
        DUE, held, 5, working_days_late=1
    )
    assert case.appeal_lateness(appeal, clock.now(), AS_RECEIVED) == Lateness(
        DUE, held, 5, working_days_late=3
    )
    assert casework.verify(case_id).ok
