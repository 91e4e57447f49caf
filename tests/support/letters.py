"""One case's letters, from warning to lift, with an officer directory."""

import io
import re

import attrs
import pendulum
from pypdf import PdfReader

from contactpolicy import (
    Adjustment,
    AppealOutcome,
    Behaviour,
    Case,
    Casework,
    Channel,
    Customer,
    FrozenClock,
    Incident,
    Officer,
    Policy,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy import restrictions as r
from contactpolicy.stores import MemoryStore

from support.builders import DECIDER, DIRECTOR, MANAGER, PASSED, RECORDS, STAFF, START

SPOC = Officer(
    "spoc",
    "Priya Patel",
    {Role.STAFF},
    team="Revenues",
    telephone="01622 602000",
    email="priya.patel@maidstone.gov.uk",
)
NEW_SPOC = Officer("spoc2", "Tom Green", {Role.STAFF}, team="Revenues")
OFFICERS = (STAFF, MANAGER, DECIDER, DIRECTOR, RECORDS, SPOC, NEW_SPOC)
CUSTOMER = Customer("CRM-9", "Łucja Nowak", "12 Week Street\nMaidstone ME14 1RF")
REASONS = "You telephoned the Revenues team 23 times in one day about the same bill."
OVERRIDE = "Contact continued through a relative."
ENDS_BECAUSE = "The calls follow the annual bill; two months covers this year's."
GROUNDS = "Calls continued at the same rate after the decision."
APPEAL_REASONS = "The restrictions are proportionate to the calls recorded."
REASSIGNED_BECAUSE = "Priya Patel has moved to another team."
LIFTED_BECAUSE = "Contact has been reasonable for two months."
RESTRICTIONS = (r.SinglePointOfContact("spoc"), r.CallLimit(2, pendulum.duration(weeks=1)))


def casework(policy: Policy | None = None) -> Casework:
    """A Casework on a frozen clock (31 January 2026, 10:00 London) with the
    directory of :data:`OFFICERS`."""
    clock = FrozenClock(START)
    if policy is None:
        return Casework(MemoryStore(), clock=clock, officers=OFFICERS)
    return Casework(MemoryStore(), policy, clock, officers=OFFICERS)


def designated(work: Casework, customer: Customer = CUSTOMER) -> Case:
    """Report (an incident on 30 January), warn the same day, and designate
    on 31 January with an override, a length of its own and an adjustment."""
    first = Incident(
        Behaviour.EXCESSIVE_DEMANDS,
        START.subtract(days=1),
        Channel.TELEPHONE,
        "23 calls in one day about the council tax bill.",
    )
    case = work.report(customer, "council tax", [first], by=MANAGER)
    work.warn(
        case.id, MANAGER, Channel.LETTER, ["Calls limited to 10 minutes"], at=first.occurred_at
    )
    return work.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        REASONS,
        services=["Revenues"],
        adjustments=[Adjustment("Letters in large print.")],
        overrides={"no_incident_since_warning": OVERRIDE},
        ends_on=pendulum.date(2026, 3, 31),
        ends_on_because=ENDS_BECAUSE,
    )


def told(work: Casework, case_id: str) -> Case:
    """Record the latest decision as sent by letter, with its letter."""
    kind = {
        "designation": "designation",
        "review": "review",
        "appeal": "appeal",
        "lift": "lifted",
        "reassignment": "reassigned",
        "no_action": "no_action",
    }[work.get(case_id, by=RECORDS).decisions[-1].kind.value]
    sent = work.letter(case_id, kind, by=RECORDS)
    return work.record_communicated(case_id, DECIDER, work.clock.now(), Channel.LETTER, letter=sent)


def the_whole_story(work: Casework) -> Case:
    """Designate; continue at a review; dismiss an appeal; name a new officer;
    lift. Each decision is told the day after it, each step a week apart."""
    clock = work.clock
    assert isinstance(clock, FrozenClock)
    case = designated(work)
    told(work, case.id)
    clock.advance(weeks=1)
    later = Incident(
        Behaviour.EXCESSIVE_DEMANDS, clock.now(), Channel.TELEPHONE, "Nine calls in a morning."
    )
    work.add_incident(case.id, later, MANAGER)
    work.start_review(case.id, RECORDS, ReviewTrigger.REQUESTED)
    work.complete_review(case.id, DECIDER, ReviewOutcome.CONTINUE, GROUNDS)
    told(work, case.id)
    clock.advance(weeks=1)
    work.appeal(case.id, RECORDS, "I only call because nobody answers my letters.")
    work.decide_appeal(case.id, DIRECTOR, AppealOutcome.DISMISSED, APPEAL_REASONS)
    told(work, case.id)
    clock.advance(weeks=1)
    work.reassign(case.id, RECORDS, "spoc", "spoc2", REASSIGNED_BECAUSE)
    told(work, case.id)
    clock.advance(weeks=1)
    work.lift(case.id, DECIDER, LIFTED_BECAUSE)
    return told(work, case.id)


def words(text: str) -> str:
    """``text`` with each run of white space as one space."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(content: bytes) -> str:
    """The words of a PDF, as pypdf extracts them."""
    return words(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def with_name(case: Case, name: str) -> Case:
    """``case`` with the customer's name changed."""
    return attrs.evolve(case, customer=attrs.evolve(case.customer, name=name))
