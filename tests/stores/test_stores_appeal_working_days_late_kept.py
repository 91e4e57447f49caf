"""How many working days late an appeal was decided, kept in its event and
snapshot (8.1), is stored and read back by every store; an appeal decided
before the count was kept, whose event and snapshot do not hold it, is read
by every store with the count made from the calendar in use, and
verifies."""

from __future__ import annotations

import attrs
import pendulum

from contactpolicy import Casework
from contactpolicy.domain.model import Lateness
from contactpolicy.stores import Store

from support.appeal_deadlines import (
    AS_RECEIVED,
    DUE,
    LONDON,
    OFFICERS,
    decided,
    decided_before_kept,
)
from support.builders import RECORDS

LATER = attrs.evolve(AS_RECEIVED, closure_days=["2027-01-15", "2027-01-18"])
"""The council, closed on 15 and 18 January 2027 as well."""
DECIDED = pendulum.datetime(2027, 1, 19, 11, tz=LONDON)
"""Tuesday 19 January 2027: 3 working days after the deadline of 14
January in England and Wales, 1 under :data:`LATER`."""
HELD = pendulum.date(2027, 1, 19)


def test_the_count_kept_is_stored_and_read_back(store: Store) -> None:
    clock, case_id = decided(store, DECIDED)
    casework = Casework(store, LATER, clock=clock, officers=OFFICERS)
    case = casework.get(case_id, by=RECORDS)
    [appeal] = case.appeals
    assert appeal.working_days_late == 3
    assert case.appeal_lateness(appeal, clock.now(), LATER) == Lateness(
        DUE, HELD, 5, working_days_late=3
    )
    assert casework.history(case_id, by=RECORDS)[-1].data["working_days_late"] == 3
    assert casework.verify(case_id).ok


def test_an_appeal_decided_before_the_count_was_kept_reads_as_counted(store: Store) -> None:
    clock, case_id = decided_before_kept(store, DECIDED)
    casework = Casework(store, LATER, clock=clock, officers=OFFICERS)
    case = casework.get(case_id, by=RECORDS)
    [appeal] = case.appeals
    assert appeal.working_days_late is None
    assert case.appeal_lateness(appeal, clock.now(), LATER) == Lateness(
        DUE, HELD, 5, working_days_late=1
    )
    assert casework.verify(case_id).ok
