"""A case to tamper with, and what verify reports for each kind of tampering.

Each store's tests change its rows behind its back with the SQL for each
kind, and expect the same problems.
"""

from __future__ import annotations

from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.model import Case, Customer, Incident
from contactpolicy.domain.vocabulary import Behaviour, Channel
from contactpolicy.restrictions import CallTimeLimit
from contactpolicy.stores import Store
from contactpolicy.testing.examples import START, tell

__all__ = ["PROBLEMS", "REORDER", "told"]

PROBLEMS = {
    "edited": ("event 3 (add_note) was changed after it was recorded",),
    "deleted": (
        "event 3 (add_incident) is numbered 4: an event is missing or out of order",
        "event 3 (add_incident) does not follow the event before it",
    ),
    "reordered": (
        "event 3 (add_incident) is numbered 4: an event is missing or out of order",
        "event 3 (add_incident) does not follow the event before it",
        "event 4 (add_note) is numbered 3: an event is missing or out of order",
        "event 4 (add_note) does not follow the event before it",
    ),
    "last deleted": ("the stored case differs from what its history records",),
    "snapshot edited": ("the stored case differs from what its history records",),
}
"""What verify reports once the note (event 3) is edited, the note deleted,
the note and the incident after the warning (event 4) swapped, that
incident deleted, or the
snapshot's customer name edited."""

REORDER = [
    "UPDATE events SET seq = -seq WHERE seq IN (3, 4)",
    "UPDATE events SET seq = 7 + seq WHERE seq < 0",
]
"""Swap events 3 and 4 without breaking the unique (case_id, seq) key."""


def told(store: Store, steps: int) -> tuple[Casework, Case]:
    """A case reported and taken ``steps`` along: 3 adds an incident, the
    note "a careful note" and a warning (events 1 to 4), 4 also designates.
    The customer is Sam Taylor."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    customer = Customer("CRM-7", "Sam Taylor", "12 Week Street")
    incident = Incident(Behaviour.THREATS, START, Channel.TELEPHONE, "Shouted threats.")
    case = tell(casework, clock, customer, incident, "a careful note", (CallTimeLimit(10),), steps)
    return casework, case
