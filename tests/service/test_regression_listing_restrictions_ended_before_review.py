"""A listing said restrictions decided to end on a last day of their own
before their review day (6.4) had "lapsed" once the review day had passed
(7.2): a summary held no last day, so it could not tell they had ended
months before. Every store's summary now holds the last day decided, and
says they ended on it and did not lapse, as the case itself says."""

from __future__ import annotations

import pendulum

from contactpolicy import CaseState, CaseSummary, Casework, Channel, FrozenClock, LetterKind
from contactpolicy.stores.protocols import Store

from support.builders import RECORDS, START, designated_to_end

AFTER_REVIEW = pendulum.datetime(2026, 5, 1, 10, tz="Europe/London")
"""The day after the review day, 30 April 2026."""


def _told(casework: Casework, clock: FrozenClock, last: pendulum.Date) -> str:
    """Designated on 31 January 2026 (review day 30 April) to end after
    ``last``, and told by letter then: its id."""
    case_id = designated_to_end(casework, last)
    letter = casework.letter(case_id, LetterKind.DESIGNATION)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER, letter=letter)
    return case_id


def test_every_stores_summary_says_they_ended_and_did_not_lapse(store: Store) -> None:
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    case_id = _told(casework, clock, pendulum.Date(2026, 1, 31))
    clock.set(AFTER_REVIEW)
    [summary] = casework.summaries()
    assert summary == CaseSummary(
        case_id,
        "CRM-7",
        "Sam Taylor",
        CaseState.DESIGNATED,
        START,
        pendulum.Date(2026, 4, 30),
        "council tax",
        pendulum.Date(2026, 1, 31),
    )
    assert summary == CaseSummary.of(casework.get(case_id))
    assert (
        summary.review_overdue(AFTER_REVIEW),
        summary.lapsed(AFTER_REVIEW),
        summary.ended_before_review(pendulum.Date(2026, 5, 1)),
    ) == (True, False, pendulum.Date(2026, 1, 31))


def test_every_stores_summary_of_restrictions_ending_on_their_review_day_says_they_lapsed(
    store: Store,
) -> None:
    """A last day that is the review day itself: they lapse as before (7.2),
    and the summary says so as the case does."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    case_id = _told(casework, clock, pendulum.Date(2026, 4, 30))
    clock.set(AFTER_REVIEW)
    [summary] = casework.summaries()
    assert (
        summary.ends_on,
        summary.lapsed(AFTER_REVIEW),
        summary.ended_before_review(pendulum.Date(2026, 5, 1)),
        casework.get(case_id).lapsed(AFTER_REVIEW),
    ) == (pendulum.Date(2026, 4, 30), True, None, True)


def test_a_summary_before_the_last_day_passes_says_nothing_ended(store: Store) -> None:
    """On the last day decided the restrictions still apply: nothing ended."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    _told(casework, clock, pendulum.Date(2026, 2, 27))
    [summary] = casework.summaries()
    assert (
        summary.ended_before_review(pendulum.Date(2026, 2, 27)),
        summary.ended_before_review(pendulum.Date(2026, 2, 28)),
    ) == (None, pendulum.Date(2026, 2, 27))
