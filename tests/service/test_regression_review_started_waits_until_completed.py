"""A new user started a review the customer asked for (6.3), and the case
then dropped out of every work queue until two weeks before its scheduled
review date: nobody was reminded that a review was under way and not
finished. The same for a review started on a safeguarding concern. A review
started and not completed is now a ``review_in_progress`` item for the
officers who may complete it (the decision maker), due the day it started,
naming its trigger, until it is completed (7.2, 7.3)."""

from __future__ import annotations

import pendulum

from contactpolicy import (
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
    ReviewOutcome,
    ReviewTrigger,
    WorkItem,
)
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    MANAGER,
    ONE_OF_EACH,
    RECORDS,
    STAFF,
    designated_and_told,
)

LONDON = "Europe/London"


def _under_review(clock: FrozenClock, purpose: ContactPurpose) -> tuple[Casework, str]:
    """A designation the customer was told of; on 3 March 2026 a contact
    for ``purpose`` by telephone; on 4 March the decision maker starts the
    review the customer asked for."""
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 3, 3, 10, tz=LONDON))
    contact = Contact(Channel.TELEPHONE, clock.now(), purpose=purpose, department="Revenues")
    casework.decide_contact(CUSTOMER.id, contact, by=STAFF)
    clock.set(pendulum.datetime(2026, 3, 4, 10, tz=LONDON))
    casework.start_review(case_id, DECIDER, ReviewTrigger.REQUESTED, "Customer asked.")
    return casework, case_id


def test_a_requested_review_started_waits_for_the_decision_maker_until_completed(
    clock: FrozenClock,
) -> None:
    """The reproduction: on 15 April 2026, six weeks after it started and
    more than two weeks before the review date, the decision maker's queue
    holds the review in progress, due 4 March; nobody else's holds anything
    for it. Completed, it goes."""
    casework, case_id = _under_review(clock, ContactPurpose.REVIEW_REQUEST)
    clock.set(pendulum.datetime(2026, 4, 15, 10, tz=LONDON))
    assert casework.work_queue(DECIDER) == [
        WorkItem(
            "review_in_progress",
            case_id,
            pendulum.date(2026, 3, 4),
            "A review started on 4 March 2026 as the customer asked for it (6.3) by decider "
            "is not completed: complete it (continue, vary or lift the restrictions, with its "
            "findings in notes).",
        )
    ]
    for officer in (RECORDS, MANAGER, DIRECTOR, STAFF):
        assert casework.work_queue(officer) == []
    casework.complete_review(case_id, DECIDER, ReviewOutcome.LIFT, "Contact is reasonable now.")
    assert [item.kind for item in casework.work_queue(DECIDER)] == [
        "managers_not_informed",
        "not_communicated",
    ]


def test_a_review_started_on_a_safeguarding_concern_waits_sixty_days_on(
    clock: FrozenClock,
) -> None:
    """The library reproduction: a safeguarding concern by telephone, a
    review started for it; 60 days on (3 May 2026) the review in progress
    is still in the decision maker's queue, beside the restrictions lapsed
    at the end of their review day, 30 April 2026 (7.2)."""
    casework, _ = _under_review(clock, ContactPurpose.SAFEGUARDING)
    clock.set(pendulum.datetime(2026, 5, 3, 10, tz=LONDON))
    assert [(item.kind, item.due.isoformat()) for item in casework.work_queue(DECIDER)] == [
        ("review_in_progress", "2026-03-04"),
        ("lapsed", "2026-04-30"),
    ]
