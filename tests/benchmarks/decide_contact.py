"""How fast is ``Casework.decide_contact``, against baselines in the same run?

An embedding system may call ``decide_contact`` on every incoming contact, so
it must cost about what reading the customer's cases costs, and far less than
building a lifecycle state machine. This prints the time per call of each and
the ratios; it asserts nothing, because timings depend on the machine.

Run it with ``uv run python tests/benchmarks/decide_contact.py``.
"""

from __future__ import annotations

import timeit
from collections.abc import Callable

import pendulum

from contactpolicy import (
    Assessment,
    Behaviour,
    CaseState,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    Incident,
    Officer,
    Role,
    lifecycle,
)
from contactpolicy.restrictions import (
    CallLimit,
    CallTimeLimit,
    Restriction,
    SinglePointOfContact,
)
from contactpolicy.stores import MemoryStore

CUSTOMERS = 200
LOGGED_CALLS = 50
START = pendulum.datetime(2026, 1, 5, 9, tz="Europe/London")
MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER})
HEAD_OF_POLICY = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER})


def populated() -> tuple[Casework, FrozenClock]:
    """A store of designated customers, the first with a call most days."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    restrictions: list[Restriction] = [
        CallTimeLimit(10),
        CallLimit(5, pendulum.duration(days=7)),
        SinglePointOfContact("lwong"),
    ]
    for number in range(CUSTOMERS):
        customer = Customer(f"CRM-{number}", f"Customer {number}")
        incident = Incident(Behaviour.THREATS, START, Channel.TELEPHONE, "Threatened staff.")
        case = casework.report(customer, "council tax bill", [incident], by=MANAGER)
        casework.designate(
            case.id,
            HEAD_OF_POLICY,
            Assessment(
                issue_investigated=True,
                communications_adequate=True,
                no_significant_new_information=True,
                adjustments_considered=True,
            ),
            restrictions,
            "Threats to staff.",
            without_warning_because="Threats to staff at the front desk.",
        )
    for _ in range(LOGGED_CALLS):
        clock.advance(hours=20)
        casework.decide_contact("CRM-0", Contact(Channel.TELEPHONE, clock.now()))
    return casework, clock


class _Model:
    state = CaseState.DESIGNATED


def per_call(work: Callable[[], object], number: int) -> float:
    """The best of three runs of ``number`` calls, in microseconds a call."""
    return min(timeit.repeat(work, number=number, repeat=3)) / number * 1e6


def main() -> None:
    casework, clock = populated()
    call = Contact(Channel.TELEPHONE, clock.now())
    in_period = len(casework.store.contacts("CRM-0", clock.now().subtract(days=7)))
    email = Contact(Channel.EMAIL, clock.now())
    number = 200
    cases = per_call(lambda: casework.store.cases(customer_id="CRM-0"), number)
    machine = per_call(lambda: lifecycle.Lifecycle(model=_Model()), number)
    rows = [
        ("store.cases(customer_id=...)  [baseline]", cases),
        ("build one Lifecycle machine   [baseline]", machine),
        (
            f"decide_contact, call limit ({in_period} logged), preview",
            per_call(lambda: casework.decide_contact("CRM-0", call, record=False), number),
        ),
        (
            "decide_contact, email, preview",
            per_call(lambda: casework.decide_contact("CRM-0", email, record=False), number),
        ),
        (
            "decide_contact, customer with no case, preview",
            per_call(lambda: casework.decide_contact("CRM-X", call, record=False), number),
        ),
        (
            "decide_contact, email, logged",
            per_call(lambda: casework.decide_contact("CRM-1", email), number),
        ),
    ]
    print(
        f"{CUSTOMERS} designated customers in a MemoryStore; "
        f"{LOGGED_CALLS} logged calls for the customer asked about, under a limit of "
        "5 calls in any 7 days."
    )
    print(f"{'':50} {'us/call':>9} {'x cases':>8} {'x machine':>10}")
    for name, micros in rows:
        print(f"{name:50} {micros:9.1f} {micros / cases:8.2f} {micros / machine:10.2f}")


if __name__ == "__main__":
    main()
