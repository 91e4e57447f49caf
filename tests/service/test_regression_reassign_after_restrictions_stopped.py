"""Found in use: ``reassign`` was accepted on a case whose restrictions
had lapsed at a missed review (7.2), and its letter told the customer they
applied until, and would be reviewed on, a day already past. No command may
tell the customer that restrictions apply once they lapsed or ended: a new
named officer is refused then, and the decision to make is a review."""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import Casework, Channel, Failure, FrozenClock, PreconditionsNotMet

from support.builders import (
    DECIDER,
    RECORDS,
    designated_and_told,
    designated_to_end,
)


def test_a_new_named_officer_is_refused_once_the_restrictions_lapsed(
    casework: Casework, clock: FrozenClock
) -> None:
    """Designated on 31 January 2026, review due 30 April, never reviewed:
    on 27 May the restrictions have lapsed and reassign is refused,
    writing nothing; the day before the review day it was accepted."""
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 5, 27, 10, tz="Europe/London"))
    before, history = casework.get(case_id), casework.history(case_id)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.reassign(case_id, RECORDS, "records", "decider", "Rui moved team.")
    assert refused.value.failures == (
        Failure(
            "7.2",
            "restrictions_lapsed",
            "the restrictions lapsed at the end of 30 April 2026, their review day, and no "
            "longer apply: review them (continue or vary them with reasons, then send the "
            "review's letter), or lift them",
        ),
    )
    assert (casework.get(case_id), casework.history(case_id)) == (before, history)


def test_a_new_named_officer_is_accepted_until_the_review_day_ends(
    casework: Casework, clock: FrozenClock
) -> None:
    """On the review day itself the restrictions still apply (7.2)."""
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 4, 30, 23, 59, tz="Europe/London"))
    case = casework.reassign(case_id, RECORDS, "records", "decider", "Rui moved team.")
    assert case.review_due == pendulum.date(2026, 4, 30)


def test_a_new_named_officer_is_refused_once_the_length_decided_ran_out(
    casework: Casework, clock: FrozenClock
) -> None:
    """Restrictions decided to end on 28 February 2026 (6.4) no longer
    apply on 2 March: reassign is refused as ended."""
    case_id = designated_to_end(casework, pendulum.date(2026, 2, 28))
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 3, 2, 10, tz="Europe/London"))
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.reassign(case_id, RECORDS, "records", "decider", "Rui moved team.")
    assert refused.value.failures == (
        Failure(
            "6.4",
            "restrictions_ended",
            "the restrictions ended after 28 February 2026, the last day decided, and no "
            "longer apply: review them (continue or vary them with reasons, then send the "
            "review's letter), or lift them",
        ),
    )


def test_no_letter_says_lapsed_restrictions_apply(casework: Casework, clock: FrozenClock) -> None:
    """The designation letter, written after the restrictions lapsed, would
    say they apply until a day gone by: it is refused as the lapse; the
    warning letter, which restricts nothing, is still written."""
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 5, 27, 10, tz="Europe/London"))
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.letter(case_id, "designation", by=DECIDER)
    assert str(refused.value) == (
        "cannot write the designation letter: the policy requires\n"
        "  - [7.2] the restrictions lapsed at the end of 30 April 2026, their review day, and no "
        "longer apply: review them (continue or vary them with reasons, then send the review's "
        "letter), or lift them (restrictions_lapsed)"
    )
    assert casework.letter(case_id, "warning", by=DECIDER).kind.value == "warning"
