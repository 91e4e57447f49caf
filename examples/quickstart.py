"""The shortest path through the policy, in memory: report a customer, warn,
designate with restrictions, and ask how to handle their next call.

Run it with ``uv run python examples/quickstart.py``.
"""

from __future__ import annotations

import pendulum

from contactpolicy import (
    Assessment,
    Behaviour,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    Incident,
    Officer,
    Role,
)
from contactpolicy.restrictions import CallTimeLimit, SinglePointOfContact
from contactpolicy.stores import MemoryStore

MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER})
HEAD_OF_POLICY = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER})


def main() -> None:
    """Report, warn and designate one customer, then decide a call from them."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 5, 9, tz="Europe/London"))
    casework = Casework(MemoryStore(), clock=clock)

    calls = Incident(
        Behaviour.EXCESSIVE_DEMANDS,
        clock.now().subtract(days=1),
        Channel.TELEPHONE,
        "Called 23 times in one day about the same bill.",
    )
    customer = Customer("CRM-1", "Sam Taylor", "12 Week Street, Maidstone")
    case = casework.report(customer, "council tax bill", [calls], by=MANAGER)
    print(f"Reported by {MANAGER.name} (6.1): case is {case.state.value}")

    case = casework.warn(case.id, MANAGER, Channel.LETTER, ["calls limited to 10 minutes"])
    print(f"Warned by letter (6.3): case is {case.state.value}")

    clock.advance(weeks=3)
    casework.add_incident(
        case.id,
        Incident(
            Behaviour.EXCESSIVE_DEMANDS,
            clock.now().subtract(days=1),
            Channel.TELEPHONE,
            "Called 9 times after the warning.",
        ),
        by=MANAGER,
    )
    case = casework.designate(
        case.id,
        HEAD_OF_POLICY,
        Assessment(
            issue_investigated=True,
            communications_adequate=True,
            no_significant_new_information=True,
            adjustments_considered=True,
        ),
        [CallTimeLimit(10), SinglePointOfContact("lwong")],
        "The calls continued after the warning.",
        council_wide_because="Threats made to staff in several services.",
    )
    assert case.designation is not None
    due = case.designation.review_due.format("D MMMM YYYY")
    print(f"Designated by {HEAD_OF_POLICY.name} (6.1): first review due {due} (6.4)")
    case = casework.record_communicated(case.id, HEAD_OF_POLICY, clock.now(), Channel.LETTER)
    print("The customer is told by letter (6.3): the restrictions apply from now")

    clock.advance(days=1)
    decision = casework.decide_contact("CRM-1", Contact(Channel.TELEPHONE, clock.now()))
    print(f"A call from CRM-1: take it? {'yes' if decision.allowed else 'no'}")
    for reason in decision.reasons:
        print(f"  - {reason}")

    verification = casework.verify(case.id)
    intact = "yes" if verification.ok else "no"
    print(f"Audit trail intact: {intact} ({verification.events} events)")


if __name__ == "__main__":
    main()
