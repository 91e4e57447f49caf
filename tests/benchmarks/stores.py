"""Stores full of valid cases, for the benchmarks to query.

Every case is made by ``Casework`` on a ``MemoryStore``, so its snapshot and
audit events are exactly what the library writes, and copied into the store
being measured through its own unit of work, many cases to a transaction.
Each store holds the same :data:`FEATURED` cases whatever its size, so a
query asked of a large store and of a small one returns the same rows, and
filler cases reported by other customers make up the rest.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Sequence

import pendulum

from contactpolicy import (
    Assessment,
    Behaviour,
    Case,
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    Customer,
    FrozenClock,
    Incident,
    Officer,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy.domain.restrictions import Restriction, SingleContactMethod
from contactpolicy.stores import MemoryStore
from contactpolicy.stores.protocols import Store

__all__ = [
    "HOT_CUSTOMER",
    "MANAGER",
    "START",
    "copy_cases",
    "designated",
    "grown",
    "lifecycle",
    "populate",
    "reported",
]

START = pendulum.datetime(2026, 1, 5, 9, tz="Europe/London")
"""When every benchmark case is reported: Monday 5 January 2026, 09:00."""
MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER})
DECIDER = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER})
REVIEWER = Officer("kdaly", "Kim Daly", {Role.MANAGER, Role.DECISION_MAKER})
HOT_CUSTOMER = "CRM-HOT"
"""The customer the per-customer query asks about: three cases, one designated."""
NOT_TOLD = 10
"""Designated cases not yet communicated to the customer in every store."""
BATCH = 2_000
"""Cases copied into the measured store per transaction."""
INCIDENT = Incident(
    Behaviour.EXCESSIVE_DEMANDS, START, Channel.TELEPHONE, "Called 23 times in one day."
)
ASSESSMENT = Assessment(
    issue_investigated=True,
    communications_adequate=True,
    no_significant_new_information=True,
    adjustments_considered=True,
)
GOES_ON = {"no_incident_since_warning": "The benchmark's clock does not move."}
"""Designation straight after the warning, which 6.3 otherwise refuses."""


def _casework() -> Casework:
    return Casework(MemoryStore(), clock=FrozenClock(START))


def reported(casework: Casework, customer_id: str) -> str:
    """A case reported for ``customer_id``; its id."""
    customer = Customer(customer_id, "Sam Taylor")
    return casework.report(customer, "bins", [INCIDENT], by=MANAGER).id


def designated(
    casework: Casework,
    customer_id: str,
    restrictions: Sequence[Restriction] = (SingleContactMethod(Channel.EMAIL),),
) -> Case:
    """A case reported, warned and designated for ``customer_id`` with
    ``restrictions`` (default: email only)."""
    case = casework.report(Customer(customer_id, "Sam Taylor"), "bins", [INCIDENT], by=MANAGER)
    casework.warn(case.id, MANAGER, Channel.LETTER)
    return casework.designate(
        case.id,
        DECIDER,
        ASSESSMENT,
        restrictions,
        "Calls continued.",
        overrides=GOES_ON,
        council_wide_because="Threats made to staff in several services.",
    )


@functools.cache
def featured() -> MemoryStore:
    """The cases every benchmark store holds: :data:`NOT_TOLD` designated
    cases not yet communicated (one of them :data:`HOT_CUSTOMER`'s, with an
    appeal made at the point of contact waiting to be recorded, 8.1), and
    two more of that customer's, one reported and one closed."""
    casework = _casework()
    for number in range(NOT_TOLD - 1):
        designated(casework, f"CRM-DESIGNATED-{number}")
    designated(casework, HOT_CUSTOMER)
    appeal = Contact(Channel.EMAIL, START, purpose=ContactPurpose.APPEAL)
    casework.decide_contact(HOT_CUSTOMER, appeal)
    customer = Customer(HOT_CUSTOMER, "Sam Taylor")
    casework.report(customer, "parking", [INCIDENT], by=MANAGER)
    closed = casework.report(customer, "noise", [INCIDENT], by=MANAGER)
    casework.close(closed.id, MANAGER, "Settled.")
    assert isinstance(casework.store, MemoryStore)
    return casework.store


def chained(cases: int, key: bytes) -> MemoryStore:
    """``cases`` designated cases, each another customer's, made one after
    another a second apart with the audit ``key``, so that copying them in
    listing order (:func:`copy_cases`) keeps the global chain whole."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock, audit_key=key)
    for number in range(cases):
        clock.advance(seconds=1)
        designated(casework, f"CRM-{number:07d}")
    assert isinstance(casework.store, MemoryStore)
    return casework.store


KEPT = 10
"""Batches of filler kept for the next store of a run: every store of a
``--quick`` run takes its filler from the same cases, made once (copying
reads a batch, never changes it); a million cases would not fit."""
_FILLER: list[MemoryStore] = []


def _filler() -> Iterator[MemoryStore]:
    """Batches of :data:`BATCH` reported cases, each another customer's,
    without end: the kept ones first."""
    for index in itertools.count():
        if index < len(_FILLER):
            yield _FILLER[index]
            continue
        casework = _casework()
        for number in range(index * BATCH, (index + 1) * BATCH):
            customer = Customer(f"CRM-{number:07d}", f"Customer {number}")
            casework.report(customer, "council tax bill", [INCIDENT], by=MANAGER)
        assert isinstance(casework.store, MemoryStore)
        if index < KEPT:
            _FILLER.append(casework.store)
        yield casework.store


def copy_cases(
    source: MemoryStore, target: Store, seen: set[str] | None = None, most: int | None = None
) -> int:
    """Copy every case of ``source`` (its first ``most`` in listing order,
    if given) with its audit trail into ``target``, in transactions of
    :data:`BATCH` cases, through ``target``'s unit of work; how many were
    copied. A case whose id is in ``seen`` is left out (ids are random, and
    a million of them drawn in separate batches may meet), and the ids
    copied are added to it."""
    ids = [case.id for case in source.cases()][:most]
    if seen is not None:
        ids = [case_id for case_id in ids if case_id not in seen]
        seen.update(ids)
    for start in range(0, len(ids), BATCH):
        with target.unit_of_work() as work:
            for case_id in ids[start : start + BATCH]:
                case, events = source.trail(case_id)
                work.save(case, events, 0)
    return len(ids)


def populate(target: Store, cases: int) -> None:
    """Fill the empty ``target`` with ``cases`` valid cases: the featured
    ones and filler reported cases."""
    seen: set[str] = set()
    copied = copy_cases(featured(), target, seen)
    for batch in _filler():
        if copied >= cases:
            return
        copied += copy_cases(batch, target, seen, cases - copied)


def grown(target: Store, events: int) -> str:
    """Copy into ``target`` a designated case with ``events`` audit events
    (the rest notes); its id."""
    casework = _casework()
    case = designated(casework, f"CRM-GROWN-{events}")
    for number in range(events - case.version):
        casework.add_note(case.id, f"Called again ({number}).", MANAGER)
    assert isinstance(casework.store, MemoryStore)
    copy_cases(casework.store, target)
    return case.id


def lifecycle(casework: Casework, customer_id: str) -> Case:
    """One case's whole lifecycle for ``customer_id``: report, warn,
    designate, start a review, complete it lifting the restrictions."""
    case = designated(casework, customer_id)
    casework.start_review(case.id, REVIEWER, ReviewTrigger.REQUESTED, "Asked for a review.")
    return casework.complete_review(case.id, REVIEWER, ReviewOutcome.LIFT, "Calls stopped.")
