"""A store with one customer's case lifted long ago and another's open, for
the retention tests (7.2): every piece of personal text is a word found
nowhere else, so its bytes can be looked for in the database's files."""

from __future__ import annotations

import attrs
import pendulum

from contactpolicy import (
    Behaviour,
    Case,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    Incident,
)
from contactpolicy.stores import Store

from support.builders import (
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    START,
    warn_and_continue,
)
from support.tampering import KEY

GONE = Customer("CRM-GONE", "Zebedee Quuxworth", "Flat 9 Pomegranate Row")
"""The customer whose case ends and is purged."""
KEPT = Customer("CRM-KEPT", "Yolanda Keepsake", "4 Marigold Lane")
"""The customer whose case stays open."""
PASSING = "CRM-PASSING"
"""A customer with contacts and no case."""

SECRETS = (
    "Zebedee",
    "Quuxworth",
    "Pomegranate",
    "Xyzzy-garden-waste",
    "Plugh threw a chair",
    "Frobnicate note",
    "Lift-reason-Grue",
    "Zorkmid enquiry",
)
"""Every piece of the purged customer's personal text, as stored."""

KEPT_TEXT = ("Yolanda", "Marigold", "Open-case-issue", "Kept incident text")
"""The open case's personal text, which a purge must leave."""


@attrs.frozen
class Purgeable:
    """The scene: the casework (keyed, on a frozen clock), the purged
    customer's case and the open one."""

    casework: Casework
    clock: FrozenClock
    gone: Case
    kept: Case


def purgeable(store: Store) -> Purgeable:
    """Fill ``store``: a case for :data:`GONE` designated, with calls logged
    and a note, then lifted, the customer and the managers told of it
    (:func:`settled`); an open case for :data:`KEPT`; a call from
    :data:`PASSING`, who has no case. The clock is left at the lift."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock, audit_key=KEY)
    chair = Incident(
        Behaviour.THREATS, START.subtract(days=1), Channel.TELEPHONE, "Plugh threw a chair"
    )
    gone = casework.report(GONE, "Xyzzy-garden-waste", [chair], MANAGER)
    warn_and_continue(casework, gone.id)
    casework.designate(
        gone.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls continued.",
        council_wide_because=EVERY_SERVICE,
    )
    clock.advance(days=1)
    casework.decide_contact(
        GONE.id, Contact(Channel.TELEPHONE, clock.now(), issue="Zorkmid enquiry")
    )
    casework.add_note(gone.id, "Frobnicate note", MANAGER)
    casework.decide_contact(
        PASSING, Contact(Channel.TELEPHONE, clock.now(), issue="Zorkmid enquiry")
    )
    kept_incident = Incident(
        Behaviour.EXCESSIVE_DEMANDS, clock.now(), Channel.TELEPHONE, "Kept incident text"
    )
    kept = casework.report(KEPT, "Open-case-issue", [kept_incident], MANAGER)
    clock.advance(days=1)
    casework.lift(gone.id, DECIDER, "Lift-reason-Grue")
    return Purgeable(casework, clock, settled(casework, gone.id), kept)


def settled(casework: Casework, case_id: str) -> Case:
    """The ended case ``case_id`` with nothing owed left waiting on it, so
    that a purge past retention erases it rather than hold it (7.2): the
    customer recorded as told of its latest decision by letter (6.3), and
    the managers of their team (9.1) when it is one they are told of."""
    case = casework.record_communicated(case_id, RECORDS, casework.clock.now(), Channel.LETTER)
    if case.managers_to_be_told:
        case = casework.record_informed(case_id, RECORDS, [MANAGER.id])
    return case


def past_retention(scene: Purgeable) -> pendulum.DateTime:
    """Move the clock to the day the lifted case's retention ends (24
    months under Maidstone's policy) and return the time."""
    assert scene.gone.ended is not None
    scene.clock.set(scene.gone.ended.at.add(months=scene.casework.policy.retention_months))
    return scene.clock.now()
