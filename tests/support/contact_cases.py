"""Cases built directly, for the pure contact decision tests."""

from collections.abc import Sequence

import pendulum

from contactpolicy import (
    MAIDSTONE,
    Assessment,
    Behaviour,
    Case,
    CaseState,
    Channel,
    Communication,
    Contact,
    ContactDecision,
    Customer,
    Decision,
    DecisionKind,
    Designation,
    Incident,
    LoggedContact,
    Note,
)
from contactpolicy.domain.contact import decide
from contactpolicy.restrictions import Restriction

AT = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")
"""When the contacts are made: 10:00 on 2 March 2026, before any review is due."""
FILED = "Persistent calls after a warning."


def case(
    *restrictions: Restriction, state: CaseState = CaseState.DESIGNATED, secret: str = FILED
) -> Case:
    """A case of customer CRM-1 in ``state`` with ``restrictions`` decided
    and communicated to the customer four weeks before :data:`AT` (ended
    since, in a state that does not restrict); ``secret`` is written into its
    notes, incident, assessment and reasons."""
    decided = AT.subtract(weeks=4)
    told = Communication(decided, Channel.LETTER, "lwong")
    review_due = pendulum.date(2026, 5, 2)
    decisions: tuple[Decision, ...] = (
        Decision(
            DecisionKind.DESIGNATION, decided, "apatel", restrictions, review_due, communicated=told
        ),
    )
    if not state.restricts:
        decisions += (
            Decision(DecisionKind.LIFT, decided.add(days=1), "apatel", communicated=told),
        )
    return Case(
        id="C-1",
        state=state,
        version=3,
        customer=Customer("CRM-1", "Sam Taylor"),
        issue="council tax bill",
        reported_at=AT.subtract(weeks=6),
        reported_by="jsmith",
        incidents=(Incident(Behaviour.THREATS, AT, Channel.TELEPHONE, secret),),
        designation=Designation(
            decided_at=AT.subtract(weeks=4),
            decided_by="apatel",
            assessment=Assessment(
                issue_investigated=True,
                communications_adequate=True,
                no_significant_new_information=True,
                adjustments_considered=True,
                notes=secret,
            ),
            restrictions=restrictions,
            reasons=secret,
            review_due=review_due,
            communicated=told,
        ),
        notes=(Note(AT, "apatel", secret),),
        decisions=decisions,
    )


def run(
    cases: Sequence[Case], contact: Contact, recent: Sequence[LoggedContact] = ()
) -> ContactDecision:
    """The Maidstone decision on ``contact``."""
    return decide(cases, contact, recent, MAIDSTONE)
