"""Regression: the work-queue item of an appeal's decision not yet told,
once the restrictions it was against had lapsed at their review day (7.2)
or ended (6.4), said what a decision that still restricts would: that "it
adds or tightens no restriction, so it applies already", or that
"restrictions it adds or tightens do not apply until then". Its letter,
judged on the day it is written, says they no longer apply. The item now
says what is owed: the outcome of the appeal and that the restrictions no
longer apply, with why and its section, by the letter's own judgement
(``letter_facts.appeal_stopped_why``)."""

from __future__ import annotations

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import (
    AppealOutcome,
    Casework,
    Channel,
    FrozenClock,
    LetterKind,
)
from contactpolicy.stores import MemoryStore

from support.builders import (
    DIRECTOR,
    RECORDS,
    RESTRICTIONS,
    START,
    designated_and_told,
    designated_to_end,
)

LONDON = "Europe/London"
DECIDED_ON = pendulum.datetime(2026, 4, 20, 10, tz=LONDON)
"""Ten days before the review day, 30 April 2026."""
LAPSED_ON = pendulum.datetime(2026, 5, 27, 10, tz=LONDON)
"""A day after the review day, with no review completed."""
LAPSED = (
    "write to the customer the outcome of their appeal and that the restrictions, which "
    "stopped applying at the end of 30 April 2026, their review day, as no review had been "
    "completed by then (section 7.2), no longer apply (8.1), then record it."
)
"""What is owed of an appeal's decision once the restrictions lapsed."""


def _untold(casework: Casework) -> list[str]:
    """The summaries of the work queue's items of decisions not told."""
    return [
        item.summary for item in casework.work_queue(RECORDS) if item.kind == "not_communicated"
    ]


def _appealed(casework: Casework, clock: FrozenClock) -> str:
    """A case designated on 31 January 2026 (review day 30 April), told, and
    appealed at once: its id."""
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    casework.appeal(case_id, RECORDS, "The calls were about a real error.")
    return case_id


def test_dismissed_before_the_lapse_and_untold_after_it(
    casework: Casework, clock: FrozenClock
) -> None:
    """The reproduction: before the review day the item says the decision
    applies already; after it, that the customer is owed the outcome and
    that the restrictions no longer apply (7.2), as the letter then says."""
    case_id = _appealed(casework, clock)
    clock.set(DECIDED_ON)
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Considered in full.")
    assert _untold(casework) == [
        "The appeal decision of 20 April 2026 is not recorded as communicated (6.3): write to "
        "the customer, then record it; it adds or tightens no restriction, so it applies "
        "already."
    ]
    clock.set(LAPSED_ON)
    assert _untold(casework) == [
        f"The appeal decision of 20 April 2026 is not recorded as communicated (6.3): {LAPSED}"
    ]
    letter = " ".join(casework.letter(case_id, LetterKind.APPEAL, by=RECORDS).text.split())
    assert "no longer apply" in letter
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    assert _untold(casework) == []


def test_dismissed_after_the_lapse(casework: Casework, clock: FrozenClock) -> None:
    """Dismissed once the restrictions had lapsed, the item said that what
    it adds or tightens waits for the letter; it says they no longer apply."""
    case_id = _appealed(casework, clock)
    clock.set(LAPSED_ON)
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Considered in full.")
    assert _untold(casework) == [
        f"The appeal decision of 27 May 2026 is not recorded as communicated (6.3): {LAPSED}"
    ]


def test_allowed_after_the_lapse(casework: Casework, clock: FrozenClock) -> None:
    """Allowed once they had lapsed, the letter says they had stopped
    applying then, and so does the item, not that they ended when the
    appeal was decided."""
    case_id = _appealed(casework, clock)
    clock.set(LAPSED_ON)
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.ALLOWED, "Considered in full.")
    assert _untold(casework) == [
        f"The appeal decision of 27 May 2026 is not recorded as communicated (6.3): {LAPSED}"
    ]


def test_dismissed_and_untold_after_the_restrictions_ended(
    casework: Casework, clock: FrozenClock
) -> None:
    """Restrictions decided to end on 28 February (6.4), an appeal dismissed
    before then and not told until after: the item names the day they ended
    and 6.4."""
    case_id = designated_to_end(casework, pendulum.date(2026, 2, 28))
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    casework.appeal(case_id, RECORDS, "The calls were about a real error.")
    clock.set(pendulum.datetime(2026, 2, 20, 10, tz=LONDON))
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Considered in full.")
    clock.set(pendulum.datetime(2026, 3, 1, 10, tz=LONDON))
    assert _untold(casework) == [
        "The appeal decision of 20 February 2026 is not recorded as communicated (6.3): write "
        "to the customer the outcome of their appeal and that the restrictions, which ended "
        "on 28 February 2026 (section 6.4), no longer apply (8.1), then record it."
    ]


def test_a_varied_appeal_after_the_lapse_is_not_told_so(
    casework: Casework, clock: FrozenClock
) -> None:
    """An appeal that varies the restrictions sets restrictions of its own:
    its item keeps saying the letter is not written now (7.2), as before."""
    case_id = _appealed(casework, clock)
    clock.set(DECIDED_ON)
    casework.decide_appeal(
        case_id, DIRECTOR, AppealOutcome.VARIED, "Email is enough.", RESTRICTIONS[:1]
    )
    clock.set(LAPSED_ON)
    assert _untold(casework) == [
        "The appeal decision of 20 April 2026 is not recorded as communicated (6.3): its "
        "letter is not written now, as the restrictions lapsed at the end of 30 April 2026, "
        "their review day, and no longer apply: review them (continue or vary them with "
        "reasons, then send the review's letter), or lift them (7.2); record it only if the "
        "customer was told before then."
    ]


@settings(deadline=None)
@given(
    outcome=st.sampled_from([AppealOutcome.DISMISSED, AppealOutcome.ALLOWED]),
    decided_after=st.integers(0, 120),
    written_after=st.integers(0, 60),
)
def test_property_the_item_says_they_no_longer_apply_iff_the_letter_does(
    outcome: AppealOutcome, decided_after: int, written_after: int
) -> None:
    """Whenever an appeal not varied is decided and whenever its letter is
    written, the work queue's item that day says the restrictions no longer
    apply exactly when the letter does."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _appealed(casework, clock)
    clock.advance(days=decided_after)
    casework.decide_appeal(case_id, DIRECTOR, outcome, "Considered in full.")
    clock.advance(days=written_after)
    letter = " ".join(casework.letter(case_id, LetterKind.APPEAL, by=RECORDS).text.split())
    [item] = _untold(casework)
    assert ("no longer apply" in item) == ("no longer apply" in letter)
