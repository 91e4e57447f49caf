"""Ready-made values for tests of stores and of code that uses them: cases
with made-up histories, a story told through the lifecycle, and text that
breaks careless storage code."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

import attrs
import pendulum

from contactpolicy.audit import codec
from contactpolicy.audit.events import AuditEvent, next_event
from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.decisions import ENDING_NOTICE
from contactpolicy.domain.model import (
    Assessment,
    Case,
    Communication,
    Customer,
    Decision,
    Designation,
    Incident,
    Officer,
)
from contactpolicy.domain.restrictions import CallTimeLimit, Restriction
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    CaseState,
    Channel,
    DecisionKind,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy.stores.protocols import Store

__all__ = [
    "DECISION_MAKER",
    "DIRECTOR",
    "HOSTILE_TEXTS",
    "MANAGER",
    "RECORDS",
    "START",
    "as_kept",
    "example_case",
    "fresh_id",
    "history",
    "saved",
    "tell",
]

HOSTILE_TEXTS = (
    "Robert'); DROP TABLE cases; --",
    "she said \"no\", then 'no' again \\ and a backslash",
    "%s %(id)s {0} $1 ? :name",
    "\u202eright-to-left override\u202c and a right-to-left mark \u200f",
    "مرحبا بالعالم and שלום",
    "emoji 👩🏽‍💻 🏴󠁧󠁢󠁥󠁮󠁧󠁿 and a combining e\u0301",
    "line\nbreaks\r\nand\ttabs",
    "\\u0000 is six characters, not a NUL",
    "\ufeffbyte order mark, \uffff non-character, \U0010ffff last code point",
    "long " + "x" * 200_000,
)
"""Text that breaks careless storage code; every store keeps it exactly."""

START = pendulum.datetime(2100, 1, 4, 9, tz="Europe/London")
"""Later than every time :mod:`~contactpolicy.testing.strategies` draws."""

# The officers of the story tell() tells; the director was not involved in
# the decision, so may hear the appeal (8.1).
MANAGER = Officer("manager", "Jo Smith", {Role.MANAGER})
DECISION_MAKER = Officer("decider", "Asha Patel", {Role.DECISION_MAKER})
RECORDS = Officer("records", "Lee Wong", {Role.RECORDS})
DIRECTOR = Officer("director", "Morgan O'Brien", {Role.APPEAL_DECIDER})


def fresh_id() -> str:
    """A case id no other test uses."""
    return "C-" + uuid.uuid4().hex[:10].upper()


def history(
    case: Case, expected_version: int = 0, before: AuditEvent | None = None
) -> list[AuditEvent]:
    """Made-up note events that take ``case`` from ``expected_version`` to
    its version, continuing the hash chain from the event ``before``; the
    last records the digest of ``case`` (its ``snapshot``), as a command's
    event does, so a store that does not keep it as given fails the
    contract's round trips."""
    events: list[AuditEvent] = []
    for version in range(expected_version + 1, case.version + 1):
        data = {"text": "a note", "state": case.state.value}
        last = version == case.version
        before = next_event(
            before, case.id, "add_note", case.reported_at, "manager", data, leaves=last
        )
        events.append(attrs.evolve(before, snapshot=codec.case_digest(case)) if last else before)
    return events


def as_kept(case: Case) -> Case:
    """``case`` with every time in UTC, as each store keeps it (the codec
    writes times as UTC instants, 7.4). Python never counts a Europe/London
    time of the hour repeated when the clocks go back equal to any time of
    another zone, even the same instant, so a case compared with one read
    back from a store is compared as kept.

    >>> import datetime
    >>> repeated = pendulum.instance(datetime.datetime(2032, 10, 31, 1, 30), tz="Europe/London")
    >>> case = example_case(reported_at=repeated)
    >>> case.reported_at == repeated.in_tz("UTC"), as_kept(case).reported_at.isoformat()
    (False, '2032-10-31T00:30:00+00:00')
    """
    return codec.structure(codec.unstructure(case), Case)


def saved(store: Store, case: Case) -> Case:
    """``case`` saved as new, with a made-up history."""
    with store.unit_of_work() as work:
        work.save(case, history(case), expected_version=0)
    return case


def example_case(
    state: CaseState = CaseState.REPORTED,
    customer_id: str = "CRM-1",
    reported_at: pendulum.DateTime = START,
    review_due: pendulum.Date | None = None,
    case_id: str | None = None,
) -> Case:
    """A plain case at version 1, designated if it has a review date; the
    designation is not communicated, and a case in a state that does not
    restrict has a later decision that ended it, communicated by a letter
    that told of the designation too (6.3, 8.1)."""
    designation = None
    decisions: tuple[Decision, ...] = ()
    if review_due is not None:
        designation = Designation(
            decided_at=reported_at,
            decided_by=DECISION_MAKER.id,
            assessment=Assessment(
                issue_investigated=True,
                communications_adequate=True,
                no_significant_new_information=True,
                adjustments_considered=True,
            ),
            restrictions=(CallTimeLimit(10),),
            reasons="persistent calls",
            review_due=review_due,
        )
        decisions = (
            Decision(
                DecisionKind.DESIGNATION,
                reported_at,
                DECISION_MAKER.id,
                designation.restrictions,
                review_due,
            ),
        )
        if not state.restricts:
            ended = reported_at.add(days=1)
            told = Communication(ended, Channel.LETTER, RECORDS.id, ENDING_NOTICE)
            decisions = (
                attrs.evolve(decisions[0], communicated=told),
                Decision(DecisionKind.LIFT, ended, DECISION_MAKER.id, communicated=told),
            )
    return Case(
        id=case_id or fresh_id(),
        state=state,
        version=1,
        customer=Customer(customer_id, "Sam Taylor", "12 Week Street"),
        issue="council tax",
        reported_at=reported_at,
        reported_by=MANAGER.id,
        designation=designation,
        decisions=decisions,
    )


def tell(
    casework: Casework,
    clock: FrozenClock,
    customer: Customer,
    incident: Incident,
    text: str,
    chosen: tuple[Restriction, ...],
    steps: int,
) -> Case:
    """Report a case and take it ``steps`` further along the lifecycle, from
    warning (and ``incident`` again after it) through designation, review
    and appeal to lifting, a day apart. The story is the customer's only
    one if ``customer`` is one of its own (its id from :func:`fresh_id`):
    restrictions left on another case of the same customer, by an earlier
    hypothesis example on a shared store, may leave the customer no
    channel, and 5.1 then refuses the designation or the review."""
    case = casework.report(customer, text, [incident], by=MANAGER)
    actions: Sequence[Callable[[str], Case]] = (
        lambda at: casework.warn(at, MANAGER, Channel.LETTER, [text]),
        lambda at: casework.add_note(at, text, MANAGER),
        # Contact continued after the warning (6.3): the same behaviour again.
        lambda at: casework.add_incident(
            at, attrs.evolve(incident, occurred_at=clock.now()), MANAGER
        ),
        lambda at: casework.designate(
            at,
            DECISION_MAKER,
            Assessment(
                issue_investigated=True,
                communications_adequate=True,
                no_significant_new_information=True,
                adjustments_considered=True,
                notes=text,
            ),
            chosen,
            text,
            council_wide_because=text,
        ),
        lambda at: casework.record_communicated(at, RECORDS, clock.now(), Channel.EMAIL),
        lambda at: casework.start_review(at, RECORDS, ReviewTrigger.NEW_ISSUE, text),
        # Calm since the designation: continued on a recorded reason (7.2).
        lambda at: casework.complete_review(
            at,
            DECISION_MAKER,
            ReviewOutcome.CONTINUE,
            f"Reviewed: {text}",
            overrides={"no_incident_since_decision": text},
        ),
        lambda at: casework.appeal(at, RECORDS, text),
        lambda at: casework.decide_appeal(at, DIRECTOR, AppealOutcome.DISMISSED, text),
        lambda at: casework.lift(at, DECISION_MAKER, text),
    )
    for action in actions[:steps]:
        clock.advance(days=1)
        case = action(case.id)
    return case
