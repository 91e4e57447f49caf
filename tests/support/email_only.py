"""One case restricted to email for the Revenues service: reported on
2 March 2026, warned by letter two minutes later, designated on 20 March
after the calls went on, with an officer directory (jsmith a manager,
apatel the decision maker, lwong the records team, mkhan the appeal
decider)."""

import pendulum

from contactpolicy import (
    Behaviour,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    Incident,
    Officer,
    Policy,
    Role,
)
from contactpolicy import restrictions as r
from contactpolicy.stores import MemoryStore

from support.builders import PASSED

MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER}, team="Revenues")
DECIDER = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER})
RECORDS = Officer("lwong", "Lee Wong", {Role.RECORDS})
DIRECTOR = Officer("mkhan", "Mo Khan", {Role.APPEAL_DECIDER})
CUSTOMER = Customer("CRM-8", "Sam Taylor", "12 Week Street")
REPORTED = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")
DESIGNATED = pendulum.datetime(2026, 3, 20, 10, 3, tz="Europe/London")
TOLD = pendulum.datetime(2026, 3, 20, 11, tz="Europe/London")


def reported(
    policy: Policy | None = None, customer: Customer = CUSTOMER
) -> tuple[Casework, FrozenClock, str]:
    """The case of ``customer`` reported at 10:00 on 2 March 2026 (an
    incident of 25 February), under ``policy`` (default Maidstone's): the
    casework, its clock and the case's id."""
    clock = FrozenClock(REPORTED)
    officers = (MANAGER, DECIDER, RECORDS, DIRECTOR)
    casework = (
        Casework(MemoryStore(), clock=clock, officers=officers)
        if policy is None
        else Casework(MemoryStore(), policy, clock, officers=officers)
    )
    calls = Incident(
        Behaviour.EXCESSIVE_DEMANDS,
        pendulum.datetime(2026, 2, 25, 9, tz="Europe/London"),
        Channel.TELEPHONE,
        "Called 23 times.",
    )
    case = casework.report(customer, "council tax", [calls], by=MANAGER)
    return casework, clock, case.id


def designated(policy: Policy | None = None) -> tuple[Casework, FrozenClock, str]:
    """The case warned at 10:02 on 2 March, an incident recorded on 20
    March at 10:01 and the policy applied at 10:03 (email only, Revenues),
    not yet told: the casework, its clock (at 10:03 on 20 March) and the
    case's id."""
    casework, clock, case_id = reported(policy)
    clock.set(REPORTED.add(minutes=2))
    casework.warn(case_id, MANAGER, Channel.LETTER, ["calls limited"])
    clock.set(DESIGNATED.subtract(minutes=2))
    more = Incident(
        Behaviour.EXCESSIVE_DEMANDS,
        pendulum.datetime(2026, 3, 19, 9, tz="Europe/London"),
        Channel.TELEPHONE,
        "Called 30 times.",
    )
    casework.add_incident(case_id, more, MANAGER)
    clock.set(DESIGNATED)
    casework.designate(
        case_id,
        DECIDER,
        PASSED,
        [r.SingleContactMethod(Channel.EMAIL)],
        "Calls continued.",
        services=["Revenues"],
    )
    return casework, clock, case_id


def told(policy: Policy | None = None) -> tuple[Casework, FrozenClock, str]:
    """:func:`designated`, and the customer told by letter at 11:00 on 20
    March (the clock left there)."""
    casework, clock, case_id = designated(policy)
    clock.set(TOLD)
    casework.record_communicated(case_id, RECORDS, TOLD, Channel.LETTER)
    return casework, clock, case_id


def a_call(at: pendulum.DateTime) -> Contact:
    """A telephone call to the Revenues service at ``at``."""
    return Contact(Channel.TELEPHONE, at, "Revenues")
