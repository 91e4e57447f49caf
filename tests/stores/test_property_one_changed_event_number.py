"""Property: whatever a case's history, one event's number column changed
to any other whole number the column can hold, and not held by another
event of the case, is exactly one problem, naming that event by its own
number and kind at its position, on SQLite and PostgreSQL (7.4). The
number an event records for itself is signed with it; its row's column is
not, so nothing else of the history is said to be renumbered, retimed or
changed, and reading the history refuses as damage."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy.audit.events import Problem, event_name
from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.model import Customer
from contactpolicy.errors import StoreDamaged
from contactpolicy.restrictions import CallTimeLimit
from contactpolicy.testing.examples import START, fresh_id, tell

from support.tampering import INCIDENT, KEY
from support.verify_reports import Backend, backend

__all__ = ["backend"]

COLUMN = st.integers(min_value=-(2**31), max_value=2**31 - 1)
"""Every whole number both stores' ``seq`` column can hold."""


@settings(
    deadline=None,
    max_examples=15,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.integers(min_value=0, max_value=10), data=st.data())
def test_one_changed_event_number_is_exactly_one_problem(
    backend: Backend, steps: int, data: st.DataObject
) -> None:
    """A case told ``steps`` along the lifecycle (1 to 11 events), one of
    its events filed under another number: verify reports that event, and
    only it, as filed elsewhere. The store is shared between examples;
    each example tells a case of its own."""
    store, db = backend
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock, audit_key=KEY)
    customer = Customer(fresh_id(), "Sam Taylor", "12 Week Street")
    case = tell(casework, clock, customer, INCIDENT, "a careful note", (CallTimeLimit(10),), steps)
    events = store.trail(case.id)[1]
    number = data.draw(st.integers(min_value=1, max_value=len(events)), label="event")
    seq = data.draw(COLUMN.filter(lambda value: not 1 <= value <= len(events)), label="seq")
    db.sql("UPDATE events SET seq = ? WHERE case_id = ? AND seq = ?", seq, case.id, number)
    event = events[number - 1]
    assert casework.verify(case.id).problems == (
        Problem(
            event_name(case.id, number, event.kind),
            f"is filed as event {seq}: its filed position was changed outside the system",
            event.position,
            f"events.seq is {seq}; the event records {number}",
        ),
    )
    with pytest.raises(StoreDamaged) as refused:
        store.trail(case.id)
    assert refused.value.detail == f"events.seq is {seq}; the event records {number}"
