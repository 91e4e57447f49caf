"""The demo: one realistic case from report to lift, told step by step.

It runs on a simulated clock, so three-month periods pass in an instant, and
prints what happened at each step and why.
"""

from __future__ import annotations

from collections.abc import Callable

import pendulum

from contactpolicy import restrictions
from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.errors import PolicyError
from contactpolicy.model import Assessment, Case, Customer, Incident, Officer
from contactpolicy.stores.protocol import Store
from contactpolicy.vocabulary import (
    AppealOutcome,
    Behaviour,
    Channel,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)

__all__ = ["run"]

START = pendulum.datetime(2026, 1, 5, 9, 30, tz="Europe/London")

MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER}, team="Revenues and Benefits")
HEAD_OF_POLICY = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER})
RECORDS = Officer("lwong", "Lee Wong", {Role.RECORDS}, team="Policy and Information")
DIRECTOR = Officer("mobrien", "Morgan O'Brien", {Role.APPEAL_DECIDER})
CUSTOMER = Customer("CRM-104233", "Sam Taylor", "12 Week Street, Maidstone; 01622 000000")


def run(store: Store, say: Callable[[str], None] = print) -> Case:
    """Tell the story on ``store``; return the case as it ends."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)

    def step(title: str, case: Case) -> Case:
        say(f"{clock.now().format('D MMMM YYYY')}: {title} -> case is {case.state.value}")
        return case

    evidence = [
        Incident(
            Behaviour.EXCESSIVE_DEMANDS,
            START.subtract(days=3),
            Channel.TELEPHONE,
            "Called the Revenues line 23 times in one day about the same council tax bill.",
            department="Revenues and Benefits",
        ),
        Incident(
            Behaviour.SCATTER_GUN,
            START.subtract(days=2),
            Channel.EMAIL,
            "Sent the same complaint to Planning, Waste and three councillors in one morning.",
            department="Planning",
        ),
    ]
    case = step(
        "the Revenues manager reports the customer (6.1)",
        casework.report(CUSTOMER, "council tax bill for 2025/26", evidence, by=MANAGER),
    )
    case = step(
        "the manager warns the customer in writing (6.3)",
        casework.warn(case.id, MANAGER, Channel.LETTER, ["calls limited to 10 minutes"]),
    )
    clock.advance(weeks=3)
    case = step(
        "another incident after the warning",
        casework.add_incident(
            case.id,
            Incident(
                Behaviour.EXCESSIVE_DEMANDS,
                clock.now().subtract(hours=2),
                Channel.TELEPHONE,
                "Eleven calls this morning, each asking for the same refund.",
                department="Revenues and Benefits",
            ),
            by=MANAGER,
        ),
    )
    try:
        casework.designate(
            case.id,
            HEAD_OF_POLICY,
            Assessment(True, True, True, adjustments_considered=False),
            [],
            "",
        )
    except PolicyError as refused:
        say(f"{clock.now().format('D MMMM YYYY')}: a first attempt to designate is refused:")
        say("    " + str(refused).replace("\n", "\n    "))
    case = step(
        "the Head of Policy, Communications and Governance designates (6.1-6.4)",
        casework.designate(
            case.id,
            HEAD_OF_POLICY,
            Assessment(True, True, True, True, notes="Offered a named officer and large print."),
            [
                restrictions.SingleContactMethod(Channel.EMAIL),
                restrictions.SinglePointOfContact(RECORDS.id),
            ],
            "Persistent calls and parallel complaints continued after the warning.",
        ),
    )
    assert case.designation is not None
    say(f"    review due {case.designation.review_due.format('D MMMM YYYY')} (6.4)")
    clock.advance(days=1)
    case = step(
        "the decision letter is sent and recorded (6.3, 7.4)",
        casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER),
    )
    clock.set(pendulum.datetime(2026, 4, 30, 9, tz="Europe/London"))
    case = step(
        "the scheduled review starts (7.2)",
        casework.start_review(case.id, RECORDS, ReviewTrigger.SCHEDULED),
    )
    case = step(
        "the review continues the restrictions",
        casework.complete_review(
            case.id, HEAD_OF_POLICY, ReviewOutcome.CONTINUE, "Contact still frequent; keep for now."
        ),
    )
    assert case.designation is not None
    say(f"    next review due {case.designation.review_due.format('D MMMM YYYY')} (7.2)")
    clock.advance(days=5)
    case = step(
        "the customer appeals (8.1)",
        casework.appeal(case.id, RECORDS, "Email only is hard for me; I work shifts."),
    )
    clock.advance(days=10)
    case = step(
        "the Director of Finance and Business Improvement dismisses the appeal (8.1)",
        casework.decide_appeal(
            case.id, DIRECTOR, AppealOutcome.DISMISSED, "Email can be sent at any hour."
        ),
    )
    clock.set(pendulum.datetime(2026, 7, 30, 9, tz="Europe/London"))
    case = step(
        "the next scheduled review starts (7.2)",
        casework.start_review(case.id, RECORDS, ReviewTrigger.SCHEDULED),
    )
    case = step(
        "the review lifts the restrictions (7.2)",
        casework.complete_review(
            case.id, HEAD_OF_POLICY, ReviewOutcome.LIFT, "Contact is now reasonable."
        ),
    )
    say("")
    say(f"Audit history of case {case.id}:")
    for event in casework.history(case.id):
        when = event.at.in_timezone("Europe/London").format("D MMM YYYY")
        say(f"  {event.seq:>2}. {when:<12} {event.kind:<20} by {event.actor}")
    verification = casework.verify(case.id)
    say(f"Audit trail intact: {'yes' if verification.ok else 'NO'} ({verification.events} events)")
    return case
