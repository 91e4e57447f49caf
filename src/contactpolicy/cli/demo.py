"""The demo: one realistic case from report to lift, told step by step.

Sam Taylor phones the council many times a day, across departments, about
one council tax bill. The story runs on a simulated clock, so months pass in
an instant: the contacts are logged, a manager reports Sam with the incidents
on file, the evidence is summarised, a warning is given, the Head of Policy
designates with restrictions and the letter's checklist is recorded, staff
ask how to handle contacts (a filed email is still read, an appeal letter
gets through the restrictions), the Policy and Information team's work queue
shows the review coming due before it can lapse, the calls that went on
after the decision are recorded, reviews and an appeal follow (each outcome
written to Sam and told to the managers of the teams in contact with Sam,
9.1), and a last review lifts the restrictions, told to Sam and to the
managers too, so that the story ends with nothing owed. The case's audit
history closes the story. :func:`run` tells
it on any store, to any Rich console.
"""

from __future__ import annotations

import pendulum
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from contactpolicy.casework import Casework
from contactpolicy.cli.render import NOTICE_ITEMS
from contactpolicy.clock import FrozenClock
from contactpolicy.domain import restrictions, wording
from contactpolicy.domain.contact import Contact, ContactDecision
from contactpolicy.domain.model import Assessment, Case, Customer, Incident, Officer
from contactpolicy.domain.policy import MAIDSTONE
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    Channel,
    ContactPurpose,
    LetterKind,
    NoticeItem,
    ReadOutcome,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy.errors import PreconditionsNotMet
from contactpolicy.stores.protocols import Store

__all__ = ["run"]

ZONE = MAIDSTONE.timezone
START = pendulum.datetime(2026, 1, 5, 9, 30, tz=ZONE)

ADVISER = Officer("kdaly", "Kim Daly", {Role.STAFF}, team="Contact Centre")
MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER}, team="Revenues and Benefits")
HEAD_OF_POLICY = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER})
RECORDS = Officer(
    "lwong",
    "Lee Wong",
    {Role.RECORDS},
    team="Policy and Information",
    telephone="01632 960002",
    email="lee.wong@council.example",
)
DIRECTOR = Officer("mobrien", "Morgan O'Brien", {Role.APPEAL_DECIDER})
REVENUES = "Revenues and Benefits"
ELSEWHERE = ("Planning", "Waste Services", "Customer Services")
MANAGERS_ELSEWHERE = (
    Officer("rking", "Ray King", {Role.MANAGER}, team=ELSEWHERE[0]),
    Officer("pshah", "Priya Shah", {Role.MANAGER}, team=ELSEWHERE[1]),
    Officer("tbrown", "Tom Brown", {Role.MANAGER}, team=ELSEWHERE[2]),
)
"""The managers of the other teams Sam called, whose teams the
restrictions cover (5.1, 9.1)."""
OFFICERS = (ADVISER, MANAGER, *MANAGERS_ELSEWHERE, HEAD_OF_POLICY, RECORDS, DIRECTOR)
"""The officer directory: the letters name officers as it does, and its
teams are the services restrictions may cover (5.1)."""
CUSTOMER = Customer("CRM-104233", "Sam Taylor", "12 Week Street, Maidstone; 01622 000000")
ISSUE = "council tax bill 2025/26"
TOLD = (f"{REVENUES} manager", *ELSEWHERE)
"""The managers of the teams in contact with Sam, told of each decision (9.1)."""
BURSTS = (
    pendulum.date(2025, 10, 1),
    pendulum.date(2025, 11, 3),
    pendulum.date(2025, 12, 1),
    pendulum.date(2025, 12, 29),
)
"""The first day of each burst of calls, a few days after each monthly bill."""


def _log_contacts(casework: Casework, clock: FrozenClock) -> int:
    """Before anyone reports Sam: an email chasing Revenues every week since
    July, and after each monthly bill three days of calls to Revenues,
    spilling over in December to three other departments. Every contact is
    decided, and so logged, as it comes in."""
    made = 0

    def contact(at: pendulum.DateTime, channel: Channel, issue: str | None, to: str) -> None:
        nonlocal made
        clock.set(at)
        casework.decide_contact(
            CUSTOMER.id, Contact(channel, at, department=to, issue=issue), by=ADVISER
        )
        made += 1

    week = pendulum.datetime(2025, 7, 9, 11, tz=ZONE)
    while week < START:
        contact(week, Channel.EMAIL, None, REVENUES)
        week = week.add(weeks=1)
    for first in BURSTS:
        for offset in range(3):
            at = pendulum.datetime(first.year, first.month, first.day, 9, tz=ZONE)
            scatter = first.month == 12 and first.day == 1 and offset == 2
            for call in range(6):
                department = ELSEWHERE[call % len(ELSEWHERE)] if scatter else REVENUES
                contact(
                    at.add(days=offset, minutes=50 * call), Channel.TELEPHONE, ISSUE, department
                )
    return made


def _incidents() -> list[Incident]:
    return [
        Incident(
            Behaviour.EXCESSIVE_DEMANDS,
            pendulum.datetime(2025, 12, 2, 16, tz=ZONE),
            Channel.TELEPHONE,
            "Called the Revenues line 23 times in one day about the same bill.",
            department="Revenues and Benefits",
        ),
        Incident(
            Behaviour.SCATTER_GUN,
            pendulum.datetime(2025, 12, 3, 12, tz=ZONE),
            Channel.TELEPHONE,
            "Raised the same bill with Planning, Waste Services and Customer Services "
            "in one morning.",
            department="Customer Services",
        ),
        Incident(
            Behaviour.EXCESSIVE_SWEARING,
            pendulum.datetime(2025, 12, 30, 10, tz=ZONE),
            Channel.TELEPHONE,
            "Swore repeatedly at the adviser when told the bill stands.",
            department="Customer Services",
        ),
    ]


def run(store: Store, console: Console | None = None) -> Case:
    """Tell the story on ``store`` to ``console`` (default: standard output);
    return the case as it ends."""
    out = console if console is not None else Console()
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock, officers=OFFICERS)

    def say(text: str, style: str = "") -> None:
        out.print(Text(text, style=style))

    def tell(at: pendulum.DateTime, title: str, *details: str) -> None:
        """One moment of the story: its date beside what happened."""
        out.print()
        moment = Table.grid(padding=(0, 2))
        moment.add_column(no_wrap=True, min_width=17)
        moment.add_column()
        moment.add_row(wording.day(at.in_timezone(ZONE).date()), Text(title, style="bold"))
        for detail in details:
            moment.add_row("", Text(detail))
        out.print(moment)

    def step(title: str, case: Case, *details: str) -> Case:
        now = f"The case is now {case.state.value.replace('_', ' ')}"
        if case.designation is not None and case.state.restricts:
            now += f"; review due {wording.day(case.designation.review_due)}"
        tell(clock.now(), title, *details, f"{now}.")
        return case

    def decide(title: str, contact: Contact) -> ContactDecision:
        clock.set(contact.at)
        decision = casework.decide_contact(CUSTOMER.id, contact, by=ADVISER)
        taken = "Taken" if decision.allowed else "NOT taken"
        to = decision.route_to
        if decision.route_to_role is not None:
            to = f"the {casework.policy.title(decision.route_to_role)}"
        route = f", passed to {to}" if decision.allowed and to else ""
        review = "; a review is required (7.3)" if decision.review_required else ""
        reasons = [f"- {reason}" for reason in decision.reasons]
        tell(contact.at, title, f"{taken}{route}{review}.", *reasons)
        return decision

    say(f"One case under {casework.policy.name}'s policy, on a simulated clock.", "bold")
    made = _log_contacts(casework, clock)
    say(f"Since July 2025 the contact log holds {made} contacts from {CUSTOMER.name}.")

    clock.set(START)
    case = casework.report(CUSTOMER, ISSUE, _incidents(), by=MANAGER)
    step(
        f"{MANAGER.name}, a Revenues manager, reports {CUSTOMER.name} (6.1)",
        case,
        f"Case {case.id} rests on {len(case.incidents)} incidents (4.1).",
    )
    summary = casework.evidence(CUSTOMER.id, by=MANAGER)
    out.print()
    out.print(
        Panel(Text(summary.text), title="Evidence for the decision maker", title_align="left")
    )

    case = step(
        "the manager warns Sam in writing (6.3)",
        casework.warn(case.id, MANAGER, Channel.LETTER, ["calls limited to 10 minutes"]),
    )
    clock.set(pendulum.datetime(2026, 1, 26, 15, tz=ZONE))
    case = step(
        "the calls go on; the adviser who took them records an incident (6.1)",
        casework.add_incident(
            case.id,
            Incident(
                Behaviour.EXCESSIVE_DEMANDS,
                clock.now().subtract(hours=3),
                Channel.TELEPHONE,
                "Eleven calls this morning, each asking for the same refund.",
                department="Customer Services",
            ),
            by=ADVISER,
        ),
    )

    clock.set(pendulum.datetime(2026, 1, 30, 11, tz=ZONE))
    hasty = Assessment(
        issue_investigated=True,
        communications_adequate=True,
        no_significant_new_information=True,
        adjustments_considered=False,
    )
    try:
        casework.designate(case.id, HEAD_OF_POLICY, hasty, [], "")
    except PreconditionsNotMet as refused:
        unmet = [f"- [{failure.section}] {failure.message}" for failure in refused.failures]
        tell(clock.now(), "a first attempt to designate is refused", *unmet)
    case = step(
        f"{HEAD_OF_POLICY.name}, Head of Policy, Communications and Governance, "
        "designates (6.1-6.4)",
        casework.designate(
            case.id,
            HEAD_OF_POLICY,
            Assessment(
                issue_investigated=True,
                communications_adequate=True,
                no_significant_new_information=True,
                adjustments_considered=True,
                notes="Offered a named officer and large print.",
            ),
            [
                restrictions.SingleContactMethod(Channel.EMAIL),
                restrictions.SinglePointOfContact(RECORDS.id),
                restrictions.ReadAndFile(RECORDS.id),
            ],
            "Persistent calls to several departments continued after the warning.",
            services=[REVENUES, *ELSEWHERE],
        ),
        "Restrictions (5.1): contact by email only; Lee Wong is the single point of contact,",
        "and reads correspondence, which is placed on file unless it raises a new issue.",
        f"They cover the services Sam called: {', '.join([REVENUES, *ELSEWHERE])}.",
        "The first review is due three months on (6.4).",
    )
    clock.set(pendulum.datetime(2026, 2, 2, 10, tz=ZONE))
    letter = casework.letter(case.id, LetterKind.DESIGNATION, by=RECORDS)
    out.print()
    out.print(Panel(Text(letter.text), title="The designation letter Sam receives (6.3)"))
    case = casework.record_communicated(
        case.id, RECORDS, clock.now(), Channel.LETTER, letter=letter
    )
    assert case.decision is not None
    assert case.decision.communicated is not None
    covered = case.decision.communicated.covered
    case = step(
        "the decision letter is sent and recorded (6.3, 7.4)",
        case,
        "Until now the restrictions did not apply. The letter covered:",
        *(f"[x] {NOTICE_ITEMS[item]}" for item in NoticeItem if item in covered),
    )

    out.print()
    say("At the point of contact, staff see the instruction, not the file:", "bold")
    decide(
        "Sam phones",
        Contact(Channel.TELEPHONE, pendulum.datetime(2026, 2, 3, 9, tz=ZONE), department=REVENUES),
    )
    filed = decide(
        "Sam emails about the bill",
        Contact(
            Channel.EMAIL,
            pendulum.datetime(2026, 2, 3, 11, tz=ZONE),
            department=REVENUES,
            issue=ISSUE,
        ),
    )
    assert filed.contact_id is not None, "a logged contact has an id"
    clock.set(pendulum.datetime(2026, 2, 3, 14, tz=ZONE))
    step(
        "Lee Wong reads the filed email: nothing new, no safeguarding concern (5.1)",
        casework.record_read(filed.contact_id, RECORDS, ReadOutcome.NOTHING_NEW),
    )

    clock.set(pendulum.datetime(2026, 4, 16, 9, tz=ZONE))
    waiting = casework.work_queue(RECORDS)
    tell(
        clock.now(),
        f"{RECORDS.name} runs 'contactpolicy todo' for the Policy and Information team",
        *(f"- {item.summary}" for item in waiting),
        "Restrictions lapse at the end of their review day (7.2): seen two weeks "
        "ahead, the review is booked for 30 April.",
    )
    case = step(
        "the managers of teams in contact with Sam are told (9.1)",
        casework.record_informed(case.id, RECORDS, TOLD),
    )
    decide(
        "Sam emails about a housing repair, a new issue",
        Contact(
            Channel.EMAIL,
            pendulum.datetime(2026, 4, 30, 8, 45, tz=ZONE),
            department="Customer Services",
            issue="housing repair",
            new_issue=True,
        ),
    )

    case = step(
        "the adviser records the calls that went on after the decision (6.1)",
        casework.add_incident(
            case.id,
            Incident(
                Behaviour.EXCESSIVE_DEMANDS,
                pendulum.datetime(2026, 4, 20, 10, tz=ZONE),
                Channel.TELEPHONE,
                "Six calls in a morning about the same refund, though contact is by email only.",
                department="Customer Services",
            ),
            by=ADVISER,
        ),
    )
    clock.set(pendulum.datetime(2026, 4, 30, 9, tz=ZONE))
    case = step(
        "a review starts for the new issue, as the three-month review falls due (7.2, 7.3)",
        casework.start_review(
            case.id,
            RECORDS,
            ReviewTrigger.NEW_ISSUE,
            "The housing repair raised today, and the three-month review (7.2).",
        ),
    )
    case = step(
        "the review continues the restrictions",
        casework.complete_review(
            case.id,
            HEAD_OF_POLICY,
            ReviewOutcome.CONTINUE,
            "Still calling most days; the housing repair is handled by email.",
        ),
        "The next review is due three months on (7.2).",
    )
    clock.set(pendulum.datetime(2026, 5, 1, 10, tz=ZONE))
    case = step(
        "the review's outcome is written to Sam and recorded (6.3)",
        casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER),
    )
    case = step(
        "the managers are told the restrictions continue (9.1)",
        casework.record_informed(case.id, RECORDS, TOLD),
    )
    appealing = decide(
        "Sam writes a letter appealing against the restrictions",
        Contact(
            Channel.LETTER,
            pendulum.datetime(2026, 5, 6, 9, tz=ZONE),
            purpose=ContactPurpose.APPEAL,
        ),
    )
    clock.set(pendulum.datetime(2026, 5, 6, 10, tz=ZONE))
    case = step(
        "Sam appeals (8.1): the letter is recorded as the appeal",
        casework.appeal(
            case.id,
            RECORDS,
            "Email only is hard for me; I work shifts.",
            contact_id=appealing.contact_id,
        ),
    )
    clock.set(pendulum.datetime(2026, 5, 13, 10, tz=ZONE))
    case = step(
        f"{DIRECTOR.name}, Director of Finance and Business Improvement, "
        "dismisses the appeal (8.1)",
        casework.decide_appeal(
            case.id, DIRECTOR, AppealOutcome.DISMISSED, "Email can be sent at any hour."
        ),
    )
    case = step(
        "the appeal decision is written to Sam and recorded (6.3)",
        casework.record_communicated(case.id, RECORDS, clock.now(), Channel.EMAIL),
    )
    case = step(
        "the managers are told the restrictions stand (9.1)",
        casework.record_informed(case.id, RECORDS, TOLD),
    )
    clock.set(pendulum.datetime(2026, 7, 30, 9, tz=ZONE))
    case = step(
        "the next scheduled review starts (7.2)",
        casework.start_review(case.id, RECORDS, ReviewTrigger.SCHEDULED),
    )
    case = step(
        "the review lifts the restrictions (7.2)",
        casework.complete_review(
            case.id, HEAD_OF_POLICY, ReviewOutcome.LIFT, "Contact has been reasonable since May."
        ),
    )
    case = step(
        "Sam is told the restrictions are lifted (6.3)",
        casework.record_communicated(case.id, RECORDS, clock.now(), Channel.EMAIL),
    )
    case = step(
        "the managers are told the restrictions are lifted (9.1)",
        casework.record_informed(case.id, RECORDS, TOLD),
    )

    out.print()
    history = Table(title=f"Audit history of case {case.id} (7.4)", title_justify="left")
    for column in ("#", "When", "Event", "By"):
        history.add_column(column)
    for event in casework.history(case.id, by=RECORDS):
        history.add_row(
            str(event.seq), wording.day(event.at.in_timezone(ZONE).date()), event.kind, event.actor
        )
    out.print(history)
    verification = casework.verify(case.id)
    intact = "intact" if verification.ok else "NOT intact"
    say(f"Audit trail {intact}: {verification.events} events, hash chain checked.", "bold")
    return case
