"""A contact centre asks, on every incoming contact, how to handle it.

The telephony and email systems call ``handle`` with each contact; it asks
``Casework.decide_contact`` (which also logs the contact) and shows the adviser
the handling instruction, never the case file. When a contact raises a new
issue, the Policy and Information team is asked to start a 7.3 review.

Run it with ``uv run python examples/contact_centre.py``.
"""

from __future__ import annotations

import textwrap

import pendulum

from contactpolicy import (
    Assessment,
    Behaviour,
    CaseState,
    Casework,
    Channel,
    Contact,
    ContactDecision,
    Customer,
    FrozenClock,
    Incident,
    Officer,
    ReviewTrigger,
    Role,
)
from contactpolicy.restrictions import (
    CallLimit,
    CallTimeLimit,
    NoFurtherEnquiriesOnIssue,
    SinglePointOfContact,
)
from contactpolicy.stores import MemoryStore

MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER}, team="Revenues and Benefits")
HEAD_OF_POLICY = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER})
RECORDS = Officer("lwong", "Lee Wong", {Role.RECORDS}, team="Policy and Information")
SAM = Customer("CRM-104233", "Sam Taylor", "12 Week Street, Maidstone")


def screen(customer_id: str, contact: Contact, decision: ContactDecision) -> str:
    """What the adviser sees: one headline and the reasons, nothing from the file."""
    if not decision.allowed:
        headline = "DO NOT TAKE"
    else:
        steps = ["TAKE IT"]
        if decision.route_to is not None:
            steps.append(f"pass to {decision.route_to}")
        if decision.time_limit_minutes is not None:
            steps.append(f"{decision.time_limit_minutes}-minute limit")
        steps.append("register" if decision.register else "do not register")
        steps.append("reply" if decision.respond else "no reply")
        if decision.escalate:
            steps.append("ESCALATE NOW")
        headline = ", ".join(steps)
    when = contact.at.in_timezone("Europe/London").format("H:mm")
    lines = [f"{when} {contact.channel.value} from {customer_id}: {headline}"]
    lines += [
        textwrap.fill(reason, 76, initial_indent="  - ", subsequent_indent="    ")
        for reason in decision.reasons
    ]
    return "\n".join(lines)


def handle(casework: Casework, customer_id: str, contact: Contact) -> ContactDecision:
    """The integration: decide (and log) the contact, show the adviser, and ask
    for a review when a new issue is raised (7.3)."""
    decision = casework.decide_contact(customer_id, contact)
    print(screen(customer_id, contact, decision))
    if decision.review_required:
        for case in casework.cases(state=CaseState.DESIGNATED, customer_id=customer_id):
            casework.start_review(case.id, RECORDS, ReviewTrigger.NEW_ISSUE, "New issue raised.")
            print("  > the Policy and Information team starts a review of the case (7.3)")
    return decision


def designate(casework: Casework, clock: FrozenClock) -> None:
    """Sam's case as the decision maker left it: designated with four
    restrictions, and Sam told of them by letter (6.3)."""
    calls = Incident(
        Behaviour.EXCESSIVE_DEMANDS,
        clock.now(),
        Channel.TELEPHONE,
        "Called the Revenues line 23 times in one day about the same bill.",
    )
    case = casework.report(SAM, "council tax bill 2025/26", [calls], by=MANAGER)
    casework.warn(case.id, MANAGER, Channel.LETTER, ["calls limited to 10 minutes"])
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
            notes="Offered a named officer.",
        ),
        [
            NoFurtherEnquiriesOnIssue("council tax bill 2025/26"),
            CallTimeLimit(10),
            CallLimit(2, pendulum.duration(days=1)),
            SinglePointOfContact(RECORDS.id),
        ],
        "Persistent calls about a bill already investigated, after a warning.",
        council_wide_because="Threats made to staff in several services.",
    )
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)


def main() -> None:
    """A morning and an afternoon at the contact centre."""
    clock = FrozenClock(pendulum.datetime(2026, 2, 2, 9, tz="Europe/London"))
    casework = Casework(MemoryStore(), clock=clock)
    designate(casework, clock)
    print(f"Contacts on {clock.now().format('dddd D MMMM YYYY')}:")

    def arrives(
        hour: int,
        minute: int,
        channel: Channel,
        issue: str | None = None,
        *,
        new_issue: bool = False,
        urgent: bool = False,
    ) -> Contact:
        clock.set(clock.now().set(hour=hour, minute=minute))
        return Contact(
            channel,
            clock.now(),
            "Revenues and Benefits",
            issue,
            new_issue=new_issue,
            urgent=urgent,
        )

    handle(casework, SAM.id, arrives(9, 5, Channel.TELEPHONE, issue="Parking permit"))
    handle(casework, SAM.id, arrives(11, 40, Channel.TELEPHONE, issue="Council tax bill 2025/26"))
    handle(casework, SAM.id, arrives(14, 15, Channel.TELEPHONE, issue="Missed bin collection"))
    handle(casework, "CRM-200871", arrives(14, 20, Channel.TELEPHONE, issue="Parking permit"))
    handle(casework, SAM.id, arrives(15, 30, Channel.EMAIL, issue="Housing repair", new_issue=True))
    handle(casework, SAM.id, arrives(16, 45, Channel.TELEPHONE, urgent=True))


if __name__ == "__main__":
    main()
