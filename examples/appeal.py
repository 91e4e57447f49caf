"""Appeals (8.1): one dismissed, then one that varies the restrictions.

An appeal may remove or relax the restrictions, never tighten them: only
the decision maker makes them stricter (6.1), on a review (7.2).

Appeals against a decision or its restrictions are considered by the
Director of Finance and Business Improvement (8.1), and heard by an officer
not involved in the case. While the Director is away, the Head of Policy,
Communications and Governance, who designates, may not act as Director too:
an officer holding both roles could hear appeals against decisions of
their own kind, so every command given to such an officer is refused. The
Director's deputy, who holds only the Director's role, acts instead; having
decided the first appeal, the deputy does not hear the second: the
Director, back, does. The restrictions stay in force until an appeal is
decided.

Run it with ``uv run python examples/appeal.py``.
"""

from __future__ import annotations

import textwrap

import pendulum

from contactpolicy import (
    AppealOutcome,
    Assessment,
    Behaviour,
    Case,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    Incident,
    NotAuthorised,
    Officer,
    PreconditionsNotMet,
    Role,
)
from contactpolicy.restrictions import Restriction, SingleContactMethod, SinglePointOfContact
from contactpolicy.stores import MemoryStore

MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER})
HEAD_OF_POLICY = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER})
ACTING_UP = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER, Role.APPEAL_DECIDER})
"""The Head of Policy given the Director's role as well: refused (8.1)."""
RECORDS = Officer("lwong", "Lee Wong", {Role.RECORDS}, team="Policy and Information")
DIRECTOR = Officer("mobrien", "Morgan O'Brien", {Role.APPEAL_DECIDER})
DEPUTY = Officer("rgrant", "Robin Grant", {Role.APPEAL_DECIDER})
SAM = Customer("CRM-104233", "Sam Taylor", "12 Week Street, Maidstone")


ASSESSED = Assessment(
    issue_investigated=True,
    communications_adequate=True,
    no_significant_new_information=True,
    adjustments_considered=True,
)
"""The decision maker's 6.2 checks, all passed."""


def designated_case(casework: Casework, clock: FrozenClock) -> Case:
    """Sam, designated with email as the only contact method, and told by
    letter (6.3)."""
    calls = Incident(
        Behaviour.EXCESSIVE_DEMANDS,
        clock.now().subtract(days=2),
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
        ASSESSED,
        [SingleContactMethod(Channel.EMAIL), SinglePointOfContact(RECORDS.id)],
        "Persistent calls about a bill already investigated, after a warning.",
        council_wide_because="Threats made to staff in several services.",
    )
    return casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)


def preview(casework: Casework, clock: FrozenClock, channel: Channel) -> None:
    """How a contact by ``channel`` would be handled now (not logged)."""
    contact = Contact(channel, clock.now())
    decision = casework.decide_contact(SAM.id, contact, record=False)
    print(f"  {channel.value} now: {'taken' if decision.allowed else 'not taken'}")
    for reason in decision.reasons:
        print(textwrap.fill(reason, 76, initial_indent="    - ", subsequent_indent="      "))


def today(clock: FrozenClock) -> str:
    """The clock's date, as the record states it."""
    return clock.now().format("D MMMM YYYY")


def main() -> None:
    """Two appeals against Sam's restrictions in the spring of 2026."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 5, 9, tz="Europe/London"))
    casework = Casework(MemoryStore(), clock=clock)
    case = designated_case(casework, clock)
    print(f"{today(clock)}: {HEAD_OF_POLICY.name} designates {SAM.name} (6.1)")

    clock.advance(weeks=2)
    case = casework.appeal(case.id, RECORDS, "Email only is hard for me; I work shifts.")
    print(f"{today(clock)}: first appeal recorded, case is {case.state.value} (8.1)")
    preview(casework, clock, Channel.TELEPHONE)
    try:
        casework.decide_appeal(case.id, ACTING_UP, AppealOutcome.ALLOWED, "Fair point.")
    except NotAuthorised as refused:
        print(f"{HEAD_OF_POLICY.name} may not act as Director too:")
        print(textwrap.fill(str(refused), 76, initial_indent="  ", subsequent_indent="  "))
    clock.advance(days=10)
    case = casework.decide_appeal(
        case.id, DEPUTY, AppealOutcome.DISMISSED, "Email can be sent at any hour."
    )
    print(
        f"{today(clock)}: {DEPUTY.name}, acting Director, dismisses it, case is {case.state.value}"
    )
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)

    clock.advance(months=1)
    case = casework.appeal(case.id, RECORDS, "My broadband was cut off last week.")
    print(f"{today(clock)}: second appeal recorded, case is {case.state.value} (8.1)")
    try:
        casework.decide_appeal(case.id, DEPUTY, AppealOutcome.DISMISSED, "It stands.")
    except NotAuthorised as refused:
        print(f"{DEPUTY.name}, who decided the first, may not decide it:")
        print(textwrap.fill(str(refused), 76, initial_indent="  ", subsequent_indent="  "))
    clock.advance(days=7)
    letters_only: list[Restriction] = [
        SingleContactMethod(Channel.LETTER),
        SinglePointOfContact(RECORDS.id),
    ]
    try:
        casework.decide_appeal(
            case.id, DIRECTOR, AppealOutcome.VARIED, "Letters replace email.", letters_only
        )
    except PreconditionsNotMet as refused:
        # Another single contact method tightens: an appeal never does (8.1).
        print(f"{DIRECTOR.name} may not vary them to letters only:")
        for failure in refused.failures:
            said = f"[{failure.section}] {failure.message} ({failure.code})"
            print(textwrap.fill(said, 76, initial_indent="  ", subsequent_indent="  "))
    case = casework.decide_appeal(
        case.id,
        DIRECTOR,
        AppealOutcome.VARIED,
        "Without internet access, email-only is removed.",
        [SinglePointOfContact(RECORDS.id)],
    )
    print(f"{today(clock)}: {DIRECTOR.name} removes email-only, case is {case.state.value}")
    print("  what an appeal removes applies at once, before Sam is told (6.3):")
    preview(casework, clock, Channel.EMAIL)
    preview(casework, clock, Channel.LETTER)
    case = casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    print(f"{today(clock)}: Sam is told of the new restrictions by letter (6.3)")
    preview(casework, clock, Channel.TELEPHONE)
    assert case.designation is not None
    print(f"The review date stays {case.designation.review_due.format('D MMMM YYYY')} (7.2).")


if __name__ == "__main__":
    main()
