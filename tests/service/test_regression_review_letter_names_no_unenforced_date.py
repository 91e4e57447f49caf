"""Regression: the letter of a review setting restrictions again after they
lapsed (7.2) said they "apply again from the date of this letter"; a letter
is dated the day it is printed, while the restrictions are enforced from
the time its sending is recorded (6.3), so the customer could be refused on
a day before the date printed. It now says they apply again from when the
letter is sent to them, whichever day it is printed."""

from __future__ import annotations

import pendulum

from contactpolicy import (
    Casework,
    Channel,
    FrozenClock,
    LetterKind,
    ReviewOutcome,
    ReviewTrigger,
)

from support.builders import DECIDER, KEPT_UP, RECORDS, designated_and_told

APPLY_AGAIN = (
    "decided: the restrictions, which stopped applying at the end of 30 April 2026, their "
    "review day, as no review had been completed by then (section 7.2), apply again from "
    "when this letter is sent to you."
)


def _text(casework: Casework, case_id: str) -> str:
    return " ".join(casework.letter(case_id, LetterKind.REVIEW, by=RECORDS).text.split())


def test_the_letter_printed_again_later_names_no_date_they_apply_from(
    casework: Casework, clock: FrozenClock
) -> None:
    """Continued on 27 May 2026, told on 28 May as recorded, and printed
    again on 29 June: both copies say the same, and the restrictions apply
    from 28 May, before the second copy's date."""
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 5, 27, 10, tz="Europe/London"))
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(
        case_id, DECIDER, ReviewOutcome.CONTINUE, "Still needed.", overrides=KEPT_UP
    )
    first = _text(casework, case_id)
    told = pendulum.datetime(2026, 5, 28, 9, tz="Europe/London")
    clock.set(told)
    casework.record_communicated(case_id, RECORDS, told, Channel.LETTER)
    clock.set(pendulum.datetime(2026, 6, 29, 9, tz="Europe/London"))
    second = _text(casework, case_id)
    assert (APPLY_AGAIN in first, APPLY_AGAIN in second) == (True, True)
    assert ("date of this letter" in first, "date of this letter" in second) == (False, False)
    case = casework.get(case_id)
    assert case.decision is not None
    assert case.restrictions_in_force(told) == case.decision.restrictions
