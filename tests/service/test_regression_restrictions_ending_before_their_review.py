"""Restrictions decided to end on a last day of their own before their
review day (6.4) were told as "They will be reviewed on <date> ... and you
will be told the outcome", and after the review day the work queue said
they had lapsed (7.2) and `due` that those overdue "no longer apply until a
review continues them": they had ended months before. The letter says they
end on their last day and that the record is still reviewed (7.2); after
the review day nothing says they lapsed, and the review is of the record."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Casework, Channel, FrozenClock, LetterKind
from contactpolicy.domain import wording

from support.builders import RECORDS, designated_to_end

LONDON = "Europe/London"
ENDS = (
    "The restrictions apply until 31 January 2026. That is the last day decided for them "
    "(section 6.4 of the policy): they end then. The council's record of them will still be "
    "reviewed on 30 April 2026 (section 7.2 of the policy), so that it is kept no longer than "
    "needed. Why they end then: A month is enough to settle the bill."
)


def _told(casework: Casework, clock: FrozenClock) -> str:
    """Designated on 31 January 2026 (review day 30 April) to end that same
    day, and told by letter then: its id."""
    case_id = designated_to_end(casework, pendulum.Date(2026, 1, 31))
    letter = casework.letter(case_id, LetterKind.DESIGNATION)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER, letter=letter)
    return case_id


def test_the_letter_says_they_end_and_the_record_is_reviewed(
    casework: Casework, clock: FrozenClock
) -> None:
    case_id = _told(casework, clock)
    letter = casework.letter(case_id, LetterKind.DESIGNATION)
    assert [line for line in letter.text.splitlines() if "apply until" in line] == [ENDS]
    assert "you will be told the outcome" not in letter.text


def test_after_the_review_day_nothing_says_they_lapsed(
    casework: Casework, clock: FrozenClock
) -> None:
    case_id = _told(casework, clock)
    clock.set(pendulum.datetime(2026, 5, 1, 10, tz=LONDON))
    case = casework.get(case_id)
    assert (case.lapsed(clock.now()), case.ended_before_review(pendulum.Date(2026, 5, 1))) == (
        False,
        pendulum.Date(2026, 1, 31),
    )
    assert case.restrictions_in_force(clock.now()) == ()
    assert [(item.kind, item.due, item.summary) for item in casework.work_queue(RECORDS)] == [
        (
            "managers_not_informed",
            pendulum.Date(2026, 1, 31),
            "Tell the managers of teams in contact with the customer the details of the "
            "designation decision of 31 January 2026, and record who was told (9.1).",
        ),
        (
            "restrictions_ended",
            pendulum.Date(2026, 1, 31),
            "The restrictions ended after 31 January 2026, the length decided for them (6.4): "
            "they no longer apply; lift the case to record it, or review it.",
        ),
        (
            "review_overdue",
            pendulum.Date(2026, 4, 30),
            "The review was due on 30 April 2026 and is overdue (7.2): the restrictions ended "
            "on 31 January 2026, the last day decided for them (6.4); review the record now.",
        ),
    ]


def test_restrictions_ending_on_their_review_day_still_lapse(
    casework: Casework, clock: FrozenClock
) -> None:
    """A last day that is the review day itself: they lapse as before (7.2)."""
    case_id = designated_to_end(casework, pendulum.Date(2026, 4, 30))
    clock.set(pendulum.datetime(2026, 5, 1, 10, tz=LONDON))
    case = casework.get(case_id)
    assert (case.lapsed(clock.now()), case.ended_before_review(pendulum.Date(2026, 5, 1))) == (
        True,
        None,
    )


@given(
    ends=st.dates(pendulum.Date(2026, 1, 1), pendulum.Date(2026, 4, 29)),
    rule=st.sampled_from(["lapse", "continue"]),
)
def test_a_letter_never_promises_the_outcome_of_a_review_of_ended_restrictions(
    ends: pendulum.Date, rule: str
) -> None:
    """Told on any day up to a last day before the review day, under either rule."""
    due = pendulum.Date(2026, 4, 30)
    last = pendulum.Date(ends.year, ends.month, ends.day)
    told = wording.lasting(due, last, rule, pendulum.Date(2026, 1, 1))
    assert "you will be told the outcome" not in told
    assert told.startswith(
        f"The restrictions apply until {wording.day(last)}. That is the last day decided for "
        "them (section 6.4 of the policy): they end then."
    )


@pytest.mark.parametrize("rule", ["lapse", "continue"])
def test_a_last_day_on_the_review_day_keeps_the_review_promise(rule: str) -> None:
    due = pendulum.Date(2026, 4, 30)
    assert wording.lasting(due, due, rule, pendulum.Date(2026, 1, 31)) == (
        "The restrictions apply until 30 April 2026. They will be reviewed on 30 April 2026 "
        "(sections 6.4 and 7.2 of the policy), and you will be told the outcome."
    )
