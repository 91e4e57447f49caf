"""Regression: a refusal dated before a review that continued lapsed
restrictions named the review's NEXT review day as the day they lapsed.

Designated on 30 January 2026 (review day 30 April), the restrictions
lapsed at the end of 30 April; a review continued them on 1 June at 10:30
(next review day 1 September). Recording the review's communication at
10:00 that day was refused with "the restrictions lapsed at the end of
1 September 2026", three months ahead. Every day said of a time now comes
from the decision in force then (:meth:`Case.decision_by`, 7.2, 6.4): the
guard's refusal, the contact decision for a back-dated contact, and what
``possible`` says is closed.
"""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import (
    Casework,
    Channel,
    Contact,
    FrozenClock,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.domain import wording
from contactpolicy.domain.policy import MAIDSTONE
from contactpolicy.domain.preconditions import stopped
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    KEPT_UP,
    RECORDS,
    designated_and_told,
)

LONDON = "Europe/London"
CONTINUED = pendulum.datetime(2026, 6, 1, 10, 30, tz=LONDON)
"""When the review continued the restrictions, after their lapse."""
BEFORE = pendulum.datetime(2026, 6, 1, 10, tz=LONDON)
"""Half an hour before the review: the designation was in force, lapsed."""
LAPSED = (
    "the restrictions lapsed at the end of 30 April 2026, their review day, and no longer "
    "apply: review them (continue or vary them with reasons, then send the review's letter), "
    "or lift them"
)


def _continued_after_the_lapse() -> tuple[Casework, FrozenClock, str]:
    """A designation of 31 January 2026 told then (review day 30 April),
    continued by a review on :data:`CONTINUED`, not yet told; the clock at
    11:00 that day."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 31, 10, tz=LONDON))
    casework = Casework(MemoryStore(), clock=clock)
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 6, 1, 9, tz=LONDON))
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    clock.set(CONTINUED)
    casework.complete_review(
        case_id, DECIDER, ReviewOutcome.CONTINUE, "Still needed.", overrides=KEPT_UP
    )
    clock.set(pendulum.datetime(2026, 6, 1, 11, tz=LONDON))
    return casework, clock, case_id


def test_the_decision_in_force_at_a_time_is_the_latest_taken_by_then() -> None:
    casework, _clock, case_id = _continued_after_the_lapse()
    case = casework.get(case_id)
    designation, review = case.decisions
    assert (designation.review_due, review.review_due) == (
        pendulum.date(2026, 4, 30),
        pendulum.date(2026, 9, 1),
    )
    assert case.decision_by(BEFORE) is designation
    assert case.decision_by(CONTINUED) is review
    assert case.decision_by(pendulum.datetime(2026, 1, 1, tz=LONDON)) is None
    assert (case.lapsed(BEFORE), case.lapsed(CONTINUED)) == (True, False)


def test_told_before_the_review_names_the_review_day_that_had_passed() -> None:
    """The reproduction: the communication dated 10:00 is refused naming
    30 April, the day the designation lapsed, and as before the review,
    and nothing is written."""
    casework, _clock, case_id = _continued_after_the_lapse()
    before = casework.history(case_id)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_communicated(case_id, RECORDS, BEFORE, Channel.LETTER)
    assert [(each.section, each.code, each.message) for each in refused.value.failures] == [
        ("7.2", "restrictions_lapsed", LAPSED),
        (
            "7.4",
            "communicated_before_decision",
            "the decision cannot be communicated (2026-06-01T09:00:00+00:00) before it was "
            "taken (2026-06-01T09:30:00+00:00)",
        ),
    ]
    assert casework.history(case_id) == before


def test_a_back_dated_contact_is_told_the_review_day_that_had_passed_then() -> None:
    """A call at 10:00, checked at 11:00: the restrictions had lapsed at the
    end of 30 April, not at the end of the review's next review day."""
    casework, _clock, _case_id = _continued_after_the_lapse()
    decision = casework.decide_contact(CUSTOMER.id, Contact(Channel.TELEPHONE, BEFORE))
    assert decision.allowed
    assert decision.reasons[0] == (
        "Restrictions lapsed at the end of their review day, 30 April 2026, with no completed "
        "review (7.2): handle it normally and tell the Policy and Information team."
    )


@settings(max_examples=40, deadline=None)
@given(minutes=st.integers(0, 60 * 24 * 200))
def test_a_lapse_is_always_named_by_the_decision_in_force_then(minutes: int) -> None:
    """7.2, over times from designation to months after the review: when
    the restrictions have lapsed at ``at``, the refusal names the review
    day of the decision in force then, and none is given otherwise."""
    casework, _clock, case_id = _continued_after_the_lapse()
    case = casework.get(case_id)
    at = pendulum.datetime(2026, 1, 31, 10, tz=LONDON).add(minutes=minutes)
    failures = stopped(case, MAIDSTONE, at)
    governing = case.decision_by(at)
    if not case.lapsed(at):
        assert failures == []
        return
    assert governing is not None
    assert governing.review_due is not None
    day = wording.day(governing.review_due)
    assert [(each.code, each.message) for each in failures] == [
        (
            "restrictions_lapsed",
            f"the restrictions lapsed at the end of {day}, their review day, and no longer "
            "apply: review them (continue or vary them with reasons, then send the review's "
            "letter), or lift them",
        )
    ]
