"""Regression: the stores' indexed ``awaiting_since`` (``not_communicated``)
held when the latest decision was taken, so an appeal dismissed and never
told, then overtaken by a lift, was listed from the lift's time, and from
no time at all once the lift was told (6.3, 8.1). It holds the time of the
oldest decision the customer is owed (``Case.awaiting_communication``), on
memory, SQLite and PostgreSQL alike, computed from the case with no schema
step."""

from __future__ import annotations

import pendulum

from contactpolicy import AppealOutcome, Casework, Channel, Customer, FrozenClock
from contactpolicy.stores import Store

from support.builders import DECIDER, DIRECTOR, RECORDS, START, designated_and_told

LONDON = "Europe/London"
DISMISSED = pendulum.datetime(2026, 2, 11, 10, tz=LONDON)
OTHER = pendulum.datetime(2026, 2, 11, 12, tz=LONDON)
LIFTED = pendulum.datetime(2026, 2, 12, 10, tz=LONDON)


def test_a_case_waits_from_its_oldest_decision_owed(store: Store) -> None:
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    appealed = designated_and_told(casework)
    casework.record_communicated(appealed, RECORDS, clock.now(), Channel.LETTER)
    casework.appeal(appealed, RECORDS, "Unfair.")
    clock.set(DISMISSED)
    casework.decide_appeal(appealed, DIRECTOR, AppealOutcome.DISMISSED, "Stands.")
    clock.set(OTHER)
    other = designated_and_told(casework, customer=Customer("CRM-8", "Jo Lee", "1 High St"))
    clock.set(LIFTED)
    casework.lift(appealed, DECIDER, "Contact is now reasonable.")
    assert [(case.id, case.awaiting_communication) for case in store.not_communicated()] == [
        (appealed, DISMISSED),
        (other, OTHER),
    ]
    casework.record_communicated(appealed, RECORDS, clock.now(), Channel.LETTER)
    assert [case.id for case in store.not_communicated()] == [other]
