"""Regression: a review in progress held up by an appeal said nothing of it.

An appeal received during a review keeps the review from lifting the
restrictions (``appeal_pending``, 8.1), yet the decision maker's
``review_in_progress`` item still said "complete it (continue, vary or
lift…)", and the appeal decider's ``appeal_to_decide`` item did not say a
review waited on it, while restrictions may lapse at the end of their
review day (7.2). Both items now say so, reading whether an appeal waits
from the one place the guards and the lifecycle read it
(``Case.appeal_pending``).
"""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import (
    AppealOutcome,
    Behaviour,
    CaseState,
    Casework,
    Channel,
    FrozenClock,
    Incident,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy import restrictions as r
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    warn_and_continue,
)

LONDON = "Europe/London"


def _reviewed_and_appealed() -> tuple[Casework, str]:
    """Designated on 6 January 2026 (review due 6 April), the scheduled
    review started on 1 April, an appeal received on 6 April (Easter
    Monday), due on 5 May (20 working days, the May Day bank holiday left
    out): the casework and the case's id."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 6, 10, tz=LONDON))
    casework = Casework(MemoryStore(), clock=clock)
    first = Incident(
        Behaviour.EXCESSIVE_DEMANDS,
        pendulum.datetime(2026, 1, 2, 10, tz=LONDON),
        Channel.TELEPHONE,
        "23 calls in one day",
    )
    case = casework.report(CUSTOMER, "council tax", [first], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        [r.CallTimeLimit(30)],
        "Calls.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    casework.record_informed(case.id, RECORDS, ["Jo Smith"])
    clock.set(pendulum.datetime(2026, 4, 1, 10, tz=LONDON))
    casework.start_review(case.id, RECORDS, ReviewTrigger.SCHEDULED)
    clock.set(pendulum.datetime(2026, 4, 6, 10, tz=LONDON))
    casework.appeal(case.id, RECORDS, "30 minutes is too short.")
    return casework, case.id


def test_the_review_in_progress_says_it_lifts_only_once_the_appeal_is_decided() -> None:
    """The reproduction: lifting is refused while the appeal waits, and the
    decision maker's item says the review can continue or vary now, lift
    only once the appeal is decided, by whom and by when (8.1)."""
    casework, case_id = _reviewed_and_appealed()
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.complete_review(case_id, DECIDER, ReviewOutcome.LIFT, "Calmer.")
    assert refused.value.codes == ("appeal_pending",)
    items = {item.kind: item for item in casework.work_queue(DECIDER)}
    assert items["review_in_progress"].summary == (
        "A review started on 1 April 2026 as its review came due (7.2) by records is not "
        "completed: complete it by continuing or varying the restrictions, with its findings "
        "in notes; it can lift them only once the appeal received on 6 April 2026 is decided "
        "(8.1), by the Director of Finance and Business Improvement by 5 May 2026."
    )
    assert items["review_in_progress"].due == pendulum.date(2026, 4, 1)


def test_the_appeal_to_decide_says_a_review_waits_on_it() -> None:
    """The appeal decider's item says a review waits on the decision to
    lift the restrictions (8.1)."""
    casework, case_id = _reviewed_and_appealed()
    [item] = casework.work_queue(DIRECTOR)
    assert (item.kind, item.case_id, item.due, item.summary) == (
        "appeal_to_decide",
        case_id,
        pendulum.date(2026, 5, 5),
        "Decide the appeal received on 6 April 2026 by 5 May 2026 (8.1). A review started "
        "on 1 April 2026 waits on this decision to lift the restrictions (8.1).",
    )


def test_without_an_appeal_the_items_read_as_before() -> None:
    """Once the appeal is decided, the review item says to complete it with
    any outcome, and a review completed continuing is accepted."""
    casework, case_id = _reviewed_and_appealed()
    assert casework.get(case_id).appeal_pending is True
    decided = casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
    assert decided.state is CaseState.UNDER_REVIEW
    assert decided.appeal_pending is False
    items = {item.kind: item for item in casework.work_queue(DECIDER)}
    assert items["review_in_progress"].summary == (
        "A review started on 1 April 2026 as its review came due (7.2) by records is not "
        "completed: complete it (continue, vary or lift the restrictions, with its findings "
        "in notes)."
    )
    assert "appeal_to_decide" not in {item.kind for item in casework.work_queue(DIRECTOR)}
