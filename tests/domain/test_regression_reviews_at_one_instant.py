"""Regression: ``Case.review_days`` placed a completed review by time alone,
after the decision that set its review day and no later than its own
decision. With every command recorded at one instant (a frozen clock, as an
embedding system's tests use), the review completed with a variation was
placed on no review day, and listed after the review started next (7.2).
A completed review is placed by its own decision; reviews started at one
instant keep the order they were recorded in."""

from __future__ import annotations

import pendulum

from contactpolicy import Casework, Channel, FrozenClock
from contactpolicy import restrictions as r
from contactpolicy.domain.model import Lateness, ReviewDay
from contactpolicy.domain.vocabulary import Behaviour, ReviewOutcome, ReviewTrigger
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, DECIDER, EVERY_SERVICE, MANAGER, PASSED, START, incident


def test_reviews_recorded_at_one_instant_are_each_placed_in_order() -> None:
    """Designated and told, reviewed and varied, told again and reviewed
    again, all at 10:00 on 31 January 2026: both reviews are for the day
    of 30 April, the first held that day on time, the second in progress."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    assault = incident(Behaviour.PHYSICAL_CONTACT_OR_ASSAULT, days_ago=0)
    case = casework.report(CUSTOMER, "council tax", [assault], by=MANAGER)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        (r.CallTimeLimit(minutes=10),),
        "Assaulted a member of staff.",
        "An assault needs no warning first.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case.id, DECIDER, START, Channel.EMAIL)
    casework.start_review(case.id, DECIDER, ReviewTrigger.NEW_ISSUE)
    casework.complete_review(
        case.id,
        DECIDER,
        ReviewOutcome.VARY,
        "Calls may be longer now.",
        [r.CallTimeLimit(minutes=20)],
        assessment=PASSED,
    )
    casework.record_communicated(case.id, DECIDER, START, Channel.EMAIL)
    casework.start_review(case.id, DECIDER, ReviewTrigger.NEW_ISSUE)
    case = casework.get(case.id)
    first, second = case.reviews
    due = pendulum.date(2026, 4, 30)
    assert case.review_days(START, casework.policy) == (
        ReviewDay(first, Lateness(due=due, held=pendulum.date(2026, 1, 31), days_late=0)),
        ReviewDay(second, Lateness(due=due, held=None, days_late=0)),
    )
