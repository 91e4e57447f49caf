"""Regression: a decision whose restrictions had lapsed at their review day
(7.2) or ended on the last day decided (6.4) was recorded as told to the
customer at a time after that, although its letter is refused then: the
record said the customer was told of restrictions and a review date that
no longer applied. An appeal was varied after the lapse too, its new
restrictions keeping the review date already passed, so they never applied.

Both are refused now with the condition the letter is refused on
(:func:`contactpolicy.domain.preconditions.stopped`); a letter sent before
the lapse and recorded late is still taken, and a decision setting no
restrictions is told as before."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    AppealOutcome,
    Casework,
    Channel,
    FrozenClock,
    LetterKind,
    PreconditionsNotMet,
)
from contactpolicy import restrictions as r
from contactpolicy.stores import MemoryStore

from support.builders import (
    DECIDER,
    DIRECTOR,
    RECORDS,
    START,
    designated_and_told,
    designated_to_end,
)

LONDON = "Europe/London"
LAPSED_ON = pendulum.datetime(2026, 5, 27, 10, tz=LONDON)
"""A day after the review day, 30 April 2026, with no review completed."""

LAPSED = (
    "[7.2] the restrictions lapsed at the end of 30 April 2026, their review day, and no "
    "longer apply: review them (continue or vary them with reasons, then send the review's "
    "letter), or lift them (restrictions_lapsed)"
)


def _events(casework: Casework, case_id: str) -> int:
    return len(casework.store.trail(case_id)[1])


def test_telling_of_lapsed_restrictions_is_refused(casework: Casework, clock: FrozenClock) -> None:
    """Designated on 31 January 2026 and never told; on 27 May the
    restrictions had lapsed, so recording the customer told then is
    refused, writing nothing."""
    case_id = designated_and_told(casework)
    clock.set(LAPSED_ON)
    before = _events(casework, case_id)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    assert str(refused.value) == (f"cannot record_communicated: the policy requires\n  - {LAPSED}")
    assert _events(casework, case_id) == before
    assert casework.get(case_id).decision.communicated is None  # type: ignore[union-attr]


def test_a_letter_sent_before_the_lapse_is_recorded_late(
    casework: Casework, clock: FrozenClock
) -> None:
    """The letter went on 2 February, before the lapse, and is recorded on
    27 May: the customer was told while the restrictions applied."""
    case_id = designated_and_told(casework)
    clock.set(LAPSED_ON)
    sent = pendulum.datetime(2026, 2, 2, 9, tz=LONDON)
    case = casework.record_communicated(case_id, RECORDS, sent, Channel.LETTER)
    assert case.decision is not None
    assert case.decision.communicated is not None
    assert case.decision.communicated.at == sent


def test_telling_of_ended_restrictions_is_refused(casework: Casework, clock: FrozenClock) -> None:
    """Decided to end on 28 February 2026 (6.4); told on 1 March is refused."""
    case_id = designated_to_end(casework, pendulum.date(2026, 2, 28))
    clock.set(pendulum.datetime(2026, 3, 1, 10, tz=LONDON))
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_communicated(case_id, RECORDS, clock.now(), Channel.EMAIL)
    assert str(refused.value) == (
        "cannot record_communicated: the policy requires\n"
        "  - [6.4] the restrictions ended after 28 February 2026, the last day decided, and "
        "no longer apply: review them (continue or vary them with reasons, then send the "
        "review's letter), or lift them (restrictions_ended)"
    )


def test_a_lift_after_the_lapse_is_told(casework: Casework, clock: FrozenClock) -> None:
    """A decision setting no restrictions tells of none that lapsed."""
    case_id = designated_and_told(casework)
    clock.set(LAPSED_ON)
    casework.lift(case_id, DECIDER, "Contact is reasonable again.")
    case = casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    assert case.decision is not None
    assert case.decision.communicated is not None
    assert case.decision.communicated.at == LAPSED_ON


def test_the_work_queue_says_what_to_do_with_a_lapsed_untold_decision(
    casework: Casework, clock: FrozenClock
) -> None:
    """The item of the decision not told says its letter is not written
    now, why, what to do, and when a late record is still right."""
    case_id = designated_and_told(casework)
    clock.set(LAPSED_ON)
    found = [item for item in casework.work_queue(RECORDS) if item.kind == "not_communicated"]
    assert [(item.case_id, item.summary) for item in found] == [
        (
            case_id,
            "The designation decision of 31 January 2026 is not recorded as communicated "
            "(6.3): its letter is not written now, as the restrictions lapsed at the end of "
            "30 April 2026, their review day, and no longer apply: review them (continue or "
            "vary them with reasons, then send the review's letter), or lift them (7.2); "
            "record it only if the customer was told before then.",
        )
    ]


@given(minutes=st.integers(0, 60 * 24 * 200))
def test_told_is_taken_until_the_end_of_the_review_day(minutes: int) -> None:
    """7.2: told at any time from the decision to the end of 30 April 2026,
    the review day, is taken; any time after is refused as the lapse."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case_id = designated_and_told(casework)
    decided = casework.get(case_id).decision.decided_at  # type: ignore[union-attr]
    at = decided.add(minutes=minutes)
    clock.set(max(at, clock.now()))
    end_of_review_day = pendulum.datetime(2026, 5, 1, tz=LONDON)
    if at < end_of_review_day:
        case = casework.record_communicated(case_id, RECORDS, at, Channel.LETTER)
        assert case.decision.communicated.at == at  # type: ignore[union-attr]
    else:
        with pytest.raises(PreconditionsNotMet) as refused:
            casework.record_communicated(case_id, RECORDS, at, Channel.LETTER)
        assert [failure.code for failure in refused.value.failures] == ["restrictions_lapsed"]


def _appealed(casework: Casework, clock: FrozenClock) -> str:
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    casework.appeal(case_id, RECORDS, "The calls were about a real error.")
    clock.set(LAPSED_ON)
    return case_id


def test_an_appeal_is_not_varied_once_the_restrictions_lapsed(
    casework: Casework, clock: FrozenClock
) -> None:
    """8.1, 7.2: new restrictions from the appeal would keep the review day
    gone by and never apply; refused, writing nothing."""
    case_id = _appealed(casework, clock)
    before = _events(casework, case_id)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.decide_appeal(
            case_id,
            DIRECTOR,
            AppealOutcome.VARIED,
            "Email only is enough.",
            [r.SingleContactMethod(Channel.EMAIL)],
        )
    assert str(refused.value) == (f"cannot decide_appeal: the policy requires\n  - {LAPSED}")
    assert _events(casework, case_id) == before


@pytest.mark.parametrize("outcome", [AppealOutcome.DISMISSED, AppealOutcome.ALLOWED])
def test_an_appeal_is_dismissed_or_allowed_once_the_restrictions_lapsed(
    casework: Casework, clock: FrozenClock, outcome: AppealOutcome
) -> None:
    """8.1: the customer is owed the appeal's outcome whatever became of the
    restrictions."""
    case_id = _appealed(casework, clock)
    case = casework.decide_appeal(case_id, DIRECTOR, outcome, "Considered in full.")
    assert case.appeal is not None
    assert (case.appeal.outcome, case.appeal.decided_at) == (outcome, LAPSED_ON)


@pytest.mark.parametrize(
    ("outcome", "word"),
    [(AppealOutcome.DISMISSED, "dismissed"), (AppealOutcome.ALLOWED, "allowed")],
)
def test_the_appeal_letter_after_the_lapse_says_they_no_longer_apply(
    casework: Casework, clock: FrozenClock, outcome: AppealOutcome, word: str
) -> None:
    """8.1: decided on 27 May, the appeal's letter tells its outcome and
    that the restrictions had lapsed and no longer apply, not that they
    stand; its communication is then recorded."""
    case_id = _appealed(casework, clock)
    casework.decide_appeal(case_id, DIRECTOR, outcome, "Considered in full.")
    letter = casework.letter(case_id, LetterKind.APPEAL, by=RECORDS)
    text = " ".join(letter.text.split())
    assert (
        f"On 27 May 2026 your appeal was {word}. The restrictions, which stopped applying at "
        "the end of 30 April 2026, their review day, as no review had been completed by then "
        "(section 7.2), no longer apply." in text
    )
    assert "No restrictions under the policy now apply to your contact with the council." in text
    assert ("the restrictions stand" in text, "Your next review" in text) == (False, False)
    case = casework.record_communicated(
        case_id, RECORDS, clock.now(), Channel.LETTER, letter=letter
    )
    assert case.decision.communicated.at == LAPSED_ON  # type: ignore[union-attr]
