"""Scheduled reviews: the Policy and Information team's daily check.

Restrictions apply for an initial three months (6.4) and are reviewed every
three months after that, so that they are not in place longer than necessary
(7.2). Each working day the team asks ``Casework.due_reviews`` which reviews
have fallen due, the longest overdue first (a review due at a weekend is
listed on the Monday), and starts each; the Head of Policy, Communications
and Governance completes them. One case goes through two reviews: the first
continues the restrictions, the second lifts them.

Run it with ``uv run python examples/periodic_reviews.py``.
"""

from __future__ import annotations

import pendulum

from contactpolicy import (
    Assessment,
    Behaviour,
    Case,
    CaseState,
    Casework,
    Channel,
    Customer,
    FrozenClock,
    Incident,
    Officer,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy.restrictions import CallLimit, SinglePointOfContact
from contactpolicy.stores import MemoryStore

MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER})
HEAD_OF_POLICY = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER})
RECORDS = Officer("lwong", "Lee Wong", {Role.RECORDS}, team="Policy and Information")

FINDINGS = [
    (ReviewOutcome.CONTINUE, "Still calling most days about the same bill."),
    (ReviewOutcome.LIFT, "Contact has been reasonable for two months."),
]
"""What the decision maker finds at each review, in order."""


def designated_case(casework: Casework, clock: FrozenClock) -> Case:
    """A customer designated on Friday 30 January 2026 after a warning."""
    calls = Incident(
        Behaviour.EXCESSIVE_DEMANDS,
        clock.now().subtract(days=2),
        Channel.TELEPHONE,
        "Called the Revenues line 23 times in one day about the same bill.",
    )
    customer = Customer("CRM-104233", "Sam Taylor", "12 Week Street, Maidstone")
    case = casework.report(customer, "council tax bill 2025/26", [calls], by=MANAGER)
    casework.warn(case.id, MANAGER, Channel.LETTER, ["calls limited to two a day"])
    clock.set(pendulum.datetime(2026, 1, 30, 11, tz="Europe/London"))
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
    return casework.designate(
        case.id,
        HEAD_OF_POLICY,
        Assessment(
            issue_investigated=True,
            communications_adequate=True,
            no_significant_new_information=True,
            adjustments_considered=True,
        ),
        [CallLimit(2, pendulum.duration(days=1)), SinglePointOfContact(RECORDS.id)],
        "Persistent calls about a bill already investigated, after a warning.",
        council_wide_because="Threats made to staff in several services.",
    )


def review(casework: Casework, due: Case, finding: tuple[ReviewOutcome, str]) -> None:
    """Start a due review (7.2) and complete it with the decision maker's finding."""
    today = casework.policy.date_of(casework.clock.now())
    print(f"{today.format('dddd D MMMM YYYY')}: {due.customer.name}'s review is due (7.2)")
    casework.start_review(due.id, RECORDS, ReviewTrigger.SCHEDULED)
    outcome, notes = finding
    case = casework.complete_review(due.id, HEAD_OF_POLICY, outcome, notes)
    print(f"  {outcome.value}: {notes}")
    if case.state is CaseState.DESIGNATED:
        assert case.designation is not None
        print(f"  next review due {case.designation.review_due.format('D MMMM YYYY')} (7.2)")
    else:
        print(f"  the case is {case.state.value}: the restrictions have ended")


def main() -> None:
    """Run the daily check on every working day from February to August 2026."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 5, 9, tz="Europe/London"))
    casework = Casework(MemoryStore(), clock=clock)
    case = designated_case(casework, clock)
    assert case.designation is not None
    decided = casework.policy.date_of(case.designation.decided_at).format("dddd D MMMM YYYY")
    due = case.designation.review_due.format("D MMMM YYYY")
    print(f"Designated on {decided}; first review due {due} (6.4).")

    findings = iter(FINDINGS)
    clock.set(pendulum.datetime(2026, 2, 2, 9, tz="Europe/London"))
    # The calls go on after the decision: what a continued designation rests on (7.2).
    calls = Incident(
        Behaviour.EXCESSIVE_DEMANDS, clock.now(), Channel.TELEPHONE, "Four calls this morning."
    )
    casework.add_incident(case.id, calls, by=RECORDS)
    while clock.now().month < 9:
        if clock.now().day_of_week not in (pendulum.SATURDAY, pendulum.SUNDAY):
            for due_case in casework.due_reviews():
                review(casework, due_case, next(findings))
        clock.advance(days=1)
    reviews = casework.get(case.id).reviews
    print(f"Reviews held from February to August 2026: {len(reviews)}.")


if __name__ == "__main__":
    main()
