"""Regression: an appeal dismissed while the restrictions applied, whose
letter was not sent before they lapsed at their review day (7.2), could
not be told any more: its letter and ``record_communicated`` were refused
as telling of restrictions that no longer apply, so the customer learned
the outcome of their appeal (8.1) only from a later review's or lift's
letter. The letter is written on the day it is, saying the appeal was
dismissed and that the restrictions no longer apply, and its
communication is recorded."""

from __future__ import annotations

import pendulum

from contactpolicy import AppealOutcome, Casework, Channel, FrozenClock, LetterKind

from support.builders import DIRECTOR, RECORDS, RESTRICTIONS, designated_and_told

LONDON = "Europe/London"
DISMISSED_ON = pendulum.datetime(2026, 4, 20, 10, tz=LONDON)
"""Ten days before the review day, 30 April 2026."""
LAPSED_ON = pendulum.datetime(2026, 5, 27, 10, tz=LONDON)
"""A day after the review day, with no review completed."""


def _dismissed(casework: Casework, clock: FrozenClock) -> str:
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    casework.appeal(case_id, RECORDS, "The calls were about a real error.")
    clock.set(DISMISSED_ON)
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Considered in full.")
    return case_id


def test_the_letter_written_after_the_lapse_says_they_no_longer_apply(
    casework: Casework, clock: FrozenClock
) -> None:
    case_id = _dismissed(casework, clock)
    clock.set(LAPSED_ON)
    letter = casework.letter(case_id, LetterKind.APPEAL, by=RECORDS)
    text = " ".join(letter.text.split())
    assert (
        "On 20 April 2026 your appeal was dismissed. The restrictions, which stopped applying "
        "at the end of 30 April 2026, their review day, as no review had been completed by then "
        "(section 7.2), no longer apply." in text
    )
    assert "No restrictions under the policy now apply to your contact with the council." in text
    assert ("the restrictions stand" in text, "Your next review" in text) == (False, False)
    case = casework.record_communicated(
        case_id, RECORDS, clock.now(), Channel.LETTER, letter=letter
    )
    assert case.decision.communicated.at == LAPSED_ON  # type: ignore[union-attr]
    assert case.restrictions_in_force(LAPSED_ON) == ()


def test_the_letter_written_before_the_lapse_says_they_stand(
    casework: Casework, clock: FrozenClock
) -> None:
    """Written the day it was dismissed, while the restrictions apply: the
    letter says they stand, with the review date."""
    case_id = _dismissed(casework, clock)
    letter = casework.letter(case_id, LetterKind.APPEAL, by=RECORDS)
    text = " ".join(letter.text.split())
    assert ("no longer apply" in text, "the restrictions stand" in text) == (False, True)
    assert casework.get(case_id).restrictions_in_force(DISMISSED_ON) == tuple(RESTRICTIONS)


def test_an_appeal_allowed_before_the_lapse_says_nothing_of_a_lapse(
    casework: Casework, clock: FrozenClock
) -> None:
    """Allowed on 20 April, the restrictions stopped with the appeal, not at
    the review day: its letter, written after the review day, says nothing
    of a lapse, and no restrictions apply."""
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    casework.appeal(case_id, RECORDS, "The calls were about a real error.")
    clock.set(DISMISSED_ON)
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.ALLOWED, "Considered in full.")
    clock.set(LAPSED_ON)
    text = " ".join(casework.letter(case_id, LetterKind.APPEAL, by=RECORDS).text.split())
    assert (
        "On 20 April 2026 your appeal was allowed: the restrictions are removed." in text,
        "stopped applying" in text,
    ) == (
        True,
        False,
    )
    assert casework.get(case_id).restrictions_in_force(LAPSED_ON) == ()
