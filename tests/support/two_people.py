"""Two people reported under one customer reference (7.4; UK GDPR Art.
5(1)(d), 15(4)): Sam Taylor, then Priya Shah, whose own reference is
CRM-8, both under CRM-7."""

from __future__ import annotations

import attrs

from contactpolicy import Behaviour, Casework, Channel, Customer, FrozenClock, Incident
from contactpolicy.stores import MemoryStore, Store

from support.builders import MANAGER, START

SAM = Customer("CRM-7", "Sam Taylor", "12 Week Street")
PRIYA = Customer("CRM-7", "Priya Shah", "4 Mill Lane")
PRIYA_OWN = "CRM-8"
PRIYA_SAYS = "Priya Shah shouted at staff about her benefit claim."
MOVED_BECAUSE = "Wrong person: Priya Shah is CRM-8."


@attrs.frozen
class TwoPeople:
    """The casework, its clock, and the ids of Sam's case and Priya's."""

    casework: Casework
    clock: FrozenClock
    sam: str
    priya: str


def two_people(store: Store | None = None) -> TwoPeople:
    """Sam's case on council tax, then, a minute later, Priya's on housing
    benefit, both reported by the manager under CRM-7."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore() if store is None else store, clock=clock)
    called = Incident(
        Behaviour.EXCESSIVE_DEMANDS, START.subtract(days=1), Channel.TELEPHONE, "Called 23 times."
    )
    sam = casework.report(SAM, "council tax", [called], MANAGER).id
    clock.advance(minutes=1)
    shouted = Incident(
        Behaviour.EXCESSIVE_DEMANDS, START.subtract(days=1), Channel.TELEPHONE, PRIYA_SAYS
    )
    priya = casework.report(PRIYA, "housing benefit", [shouted], MANAGER).id
    return TwoPeople(casework, clock, sam, priya)
