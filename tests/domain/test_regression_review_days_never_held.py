"""Regression: ``Case.review_lateness`` answered only for a review held or
started, so a review day that passed with no review, and then a decision
that took its place (a lift, an appeal's decision setting another review
day), left nothing to say it was missed (7.2). ``Case.review_days`` gives
every review and every review day passed with no review held for it, once
each: here two in a row, both never held."""

from __future__ import annotations

import attrs
import pendulum

from contactpolicy import Casework, Channel, FrozenClock
from contactpolicy.domain.model import Case, Communication, Decision, Lateness, ReviewDay
from contactpolicy.domain.vocabulary import DecisionKind
from contactpolicy.stores import MemoryStore

from support.builders import RECORDS, START, designated_and_told

LONDON = "Europe/London"


def at(month: int, day: int, hour: int = 10) -> pendulum.DateTime:
    """A time in 2026, London."""
    return pendulum.datetime(2026, month, day, hour, tz=LONDON)


def _with_two_review_days_missed() -> tuple[Case, Casework]:
    """Designated and told on 31 January 2026, review due 30 April; no
    review; an appeal's decision of 20 May, told that day, set the review
    for 30 June (a decision's event may carry any review day); no review
    again; lifted on 10 July."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    case = casework.get(case_id)
    [designation] = case.decisions
    told = Communication(at(5, 20), Channel.LETTER, "records")
    appeal = attrs.evolve(
        designation,
        kind=DecisionKind.APPEAL,
        decided_at=at(5, 20),
        decided_by="director",
        review_due=pendulum.date(2026, 6, 30),
        communicated=told,
    )
    lift = Decision(DecisionKind.LIFT, at(7, 10), "decider")
    return attrs.evolve(case, decisions=(designation, appeal, lift)), casework


def test_two_review_days_in_a_row_never_held_are_both_missed() -> None:
    """30 April, missed when the appeal's decision set another day 20 days
    later (the restrictions lapsed from 1 May and applied again when the
    customer was told of that decision); 30 June, missed at the lift 10
    days later (lapsed from 1 July)."""
    case, casework = _with_two_review_days_missed()
    assert case.review_days(at(7, 20), casework.policy) == (
        ReviewDay(
            None,
            Lateness(
                due=pendulum.date(2026, 4, 30),
                held=None,
                days_late=20,
                not_applied_from=pendulum.date(2026, 5, 1),
                applied_again=pendulum.date(2026, 5, 20),
                missed_on=pendulum.date(2026, 5, 20),
                missed_by=DecisionKind.APPEAL,
            ),
        ),
        ReviewDay(
            None,
            Lateness(
                due=pendulum.date(2026, 6, 30),
                held=None,
                days_late=10,
                not_applied_from=pendulum.date(2026, 7, 1),
                applied_again=None,
                missed_on=pendulum.date(2026, 7, 10),
                missed_by=DecisionKind.LIFT,
            ),
        ),
    )


def test_before_the_second_review_day_only_the_first_is_missed() -> None:
    """Asked on 15 June, the review due on 30 June is still to come: only
    the first review day is given."""
    case, casework = _with_two_review_days_missed()
    [first] = case.review_days(at(6, 15), casework.policy)
    assert first.lateness is not None
    assert (first.lateness.due, first.lateness.missed_by) == (
        pendulum.date(2026, 4, 30),
        DecisionKind.APPEAL,
    )
