"""An appeal received on Monday 14 December 2026, recorded with the day its
decision is due (8.1), or held as the last release recorded it, without
that day; and the council's calendar then and after a change."""

from __future__ import annotations

import attrs
import pendulum

from contactpolicy import MAIDSTONE, Casework, Channel, FrozenClock
from contactpolicy.audit import codec, replay
from contactpolicy.domain.model import Case
from contactpolicy.domain.policy import Policy
from contactpolicy.stores import MemoryStore, Store

from support.builders import (
    DECIDER,
    DIRECTOR,
    HEAD_OF_SERVICE,
    MANAGER,
    RECORDS,
    designated_and_told,
)
from support.tampering import legacy

LONDON = "Europe/London"
OFFICERS = [MANAGER, HEAD_OF_SERVICE, DECIDER, DIRECTOR, RECORDS]
RECEIVED = pendulum.datetime(2026, 12, 14, 10, tz=LONDON)
"""Monday 14 December 2026, 10:00 in London."""
AS_RECEIVED = attrs.evolve(MAIDSTONE, on_review_overdue="continue")
"""England and Wales, no closure days; restrictions stay in force past
their review day, so that the case designated in January takes an appeal
in December."""
CLOSED = attrs.evolve(AS_RECEIVED, closure_days=["2027-01-05", "2027-01-06"])
"""The same council, closed on 5 and 6 January 2027 as well: 20 working
days from 14 December end on 18 January 2027."""
DUE = pendulum.date(2027, 1, 14)
"""20 working days after 14 December 2026 in England and Wales."""


def appealed(
    store: Store, policy: Policy = AS_RECEIVED, received: pendulum.DateTime = RECEIVED
) -> tuple[FrozenClock, str]:
    """A case on ``store`` designated and told on 31 January 2026 and
    appealed at ``received`` (after 1 February 2026) under ``policy``: the
    clock (at ``received``) and the case's id."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 31, 9, tz=LONDON))
    casework = Casework(store, policy, clock=clock, officers=OFFICERS)
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(received)
    casework.appeal(case_id, MANAGER, "Email is hard for me.")
    return clock, case_id


def appealed_as_last_release(into: Store) -> tuple[FrozenClock, str]:
    """:func:`appealed`, saved on the empty ``into`` as the last release
    recorded it: the appeal's event without ``due``, chained as it chained
    events, and the snapshot replayed from them with no ``due`` in its
    document's appeal."""
    made = MemoryStore()
    clock, case_id = appealed(made)
    _, events = made.trail(case_id)
    old = legacy(
        [
            attrs.evolve(event, data={k: v for k, v in event.data.items() if k != "due"})
            for event in events
        ]
    )
    replayed = replay.replay(old)
    assert replayed is not None
    document = codec.unstructure(replayed)
    for appeal in document["appeals"]:
        del appeal["due"]
    with into.unit_of_work() as work:
        work.save(codec.structure(document, Case), old, 0)
    return clock, case_id
