"""Found in use: ``lift`` was accepted while an appeal waited: the case
ended, the appeal stayed "not yet decided" on the record for good, and no
work queue asked anyone to decide it (8.1). A decision that ends the
restrictions now waits for the appeal: ``lift``, and a review that would
lift, are refused with ``appeal_pending`` until the appeal is decided; an
appeal allowed lifts them."""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import (
    AppealOutcome,
    CaseState,
    Casework,
    Channel,
    Failure,
    FrozenClock,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
)

from support.builders import DECIDER, DIRECTOR, RECORDS, designated_and_told

WAITING = Failure(
    "8.1",
    "appeal_pending",
    "an appeal waits to be decided: decide the appeal first (an appeal allowed lifts the "
    "restrictions)",
)


def _appealed(casework: Casework, clock: FrozenClock) -> str:
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.advance(days=7)
    casework.appeal(case_id, RECORDS, "Still unfair.")
    return case_id


def test_lift_is_refused_while_an_appeal_waits_and_writes_nothing(
    casework: Casework, clock: FrozenClock
) -> None:
    """Lifting an appealed case names the appeal to decide (8.1) and leaves
    the case, its history and the appeal decider's queue as they were."""
    case_id = _appealed(casework, clock)
    before, history = casework.get(case_id), casework.history(case_id)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.lift(case_id, DECIDER, "Contact reasonable now.")
    assert refused.value.failures == (WAITING,)
    assert (casework.get(case_id), casework.history(case_id)) == (before, history)
    assert [item.kind for item in casework.work_queue(DIRECTOR)] == ["appeal_to_decide"]


def test_a_review_does_not_lift_while_an_appeal_waits(
    casework: Casework, clock: FrozenClock
) -> None:
    """A review started while the appeal waits may continue the
    restrictions, but not lift them before the appeal is decided (8.1)."""
    case_id = _appealed(casework, clock)
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.complete_review(case_id, DECIDER, ReviewOutcome.LIFT, "Calmer now.")
    assert refused.value.failures == (WAITING,)
    assert casework.get(case_id).state is CaseState.UNDER_REVIEW


def test_the_appeal_decided_first_leaves_nothing_undecided(
    casework: Casework, clock: FrozenClock
) -> None:
    """An appeal allowed lifts the restrictions and is decided on the
    record; once an appeal is dismissed, lift is accepted again."""
    case_id = _appealed(casework, clock)
    lifted = casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.ALLOWED, "Upheld.")
    assert lifted.state is CaseState.LIFTED
    assert lifted.appeal is not None
    assert (lifted.appeal.outcome, lifted.appeal.decided_at) == (
        AppealOutcome.ALLOWED,
        pendulum.datetime(2026, 2, 7, 10, tz="Europe/London"),
    )
    other = _appealed(casework, clock)
    casework.decide_appeal(other, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
    assert casework.lift(other, DECIDER, "Contact reasonable now.").state is CaseState.LIFTED
