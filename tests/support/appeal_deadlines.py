"""An appeal received on Monday 14 December 2026, recorded with the day its
decision is due (8.1), or held as the last release recorded it, without
that day; the appeal decided, with how late it was decided kept (8.1), or
held as stored before that was kept; a safeguard exercised at the point of
contact, waiting; and the council's calendar then and after a change."""

from __future__ import annotations

import attrs
import pendulum

from contactpolicy import (
    MAIDSTONE,
    AppealOutcome,
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
)
from contactpolicy.audit import codec, replay
from contactpolicy.domain.model import Case
from contactpolicy.domain.policy import Policy
from contactpolicy.stores import MemoryStore, Store

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    HEAD_OF_SERVICE,
    MANAGER,
    RECORDS,
    STAFF,
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


def made_at_contact(
    store: Store, purpose: ContactPurpose, at: pendulum.DateTime, policy: Policy = AS_RECEIVED
) -> tuple[FrozenClock, str, int]:
    """A case on ``store`` designated and told on 31 January 2026 and a
    contact made for ``purpose`` by letter at ``at`` (after 1 February
    2026), waiting on it under ``policy``: the clock (at ``at``), the case's
    id and the contact's."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 31, 9, tz=LONDON))
    casework = Casework(store, policy, clock=clock, officers=[*OFFICERS, STAFF])
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(at)
    contact = Contact(Channel.LETTER, at, department="Revenues", purpose=purpose)
    contact_id = casework.decide_contact(CUSTOMER.id, contact, by=STAFF).contact_id
    assert contact_id is not None
    return clock, case_id, contact_id


def as_last_release(source: Store, case_id: str, into: Store) -> None:
    """Save the case ``case_id`` of ``source`` on the empty ``into`` as the
    last release recorded it: its events without ``due``, chained as it
    chained events, and its snapshot replayed from them with no ``due`` in
    its document's appeals or items to act on."""
    _, events = source.trail(case_id)
    old = legacy(
        [
            attrs.evolve(event, data={k: v for k, v in event.data.items() if k != "due"})
            for event in events
        ]
    )
    replayed = replay.replay(old)
    assert replayed is not None
    document = codec.unstructure(replayed)
    for kept in (*document["appeals"], *document["to_act_on"]):
        del kept["due"]
    with into.unit_of_work() as work:
        work.save(codec.structure(document, Case), old, 0)


def appealed_as_last_release(into: Store) -> tuple[FrozenClock, str]:
    """:func:`appealed`, saved on the empty ``into`` as the last release
    recorded it (:func:`as_last_release`): the clock and the case's id."""
    made = MemoryStore()
    clock, case_id = appealed(made)
    as_last_release(made, case_id, into)
    return clock, case_id


def decided(
    store: Store,
    at: pendulum.DateTime,
    policy: Policy = AS_RECEIVED,
    received: pendulum.DateTime = RECEIVED,
) -> tuple[FrozenClock, str]:
    """:func:`appealed` on ``store`` under ``policy``, and the appeal
    dismissed at ``at`` (after ``received``): the clock (at ``at``) and the
    case's id."""
    clock, case_id = appealed(store, policy, received)
    clock.set(at)
    casework = Casework(store, policy, clock=clock, officers=OFFICERS)
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
    return clock, case_id


def decided_before_kept(into: Store, at: pendulum.DateTime) -> tuple[FrozenClock, str]:
    """:func:`decided`, saved on the empty ``into`` as stored before the
    working days late were kept: no ``working_days_late`` in its events,
    chained as the last release chained them, nor on its snapshot's
    appeal. The clock and the case's id."""
    made = MemoryStore()
    clock, case_id = decided(made, at)
    _, events = made.trail(case_id)
    old = legacy(
        [
            attrs.evolve(
                event, data={k: v for k, v in event.data.items() if k != "working_days_late"}
            )
            for event in events
        ]
    )
    replayed = replay.replay(old)
    assert replayed is not None
    document = codec.unstructure(replayed)
    for appeal in document["appeals"]:
        del appeal["working_days_late"]
    with into.unit_of_work() as work:
        work.save(codec.structure(document, Case), old, 0)
    return clock, case_id
