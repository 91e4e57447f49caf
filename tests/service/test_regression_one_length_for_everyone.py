"""Issue 12, finding 3: no period but the policy-wide one could be set, and
no reason for the length was recorded (6.3, 6.4)."""

import pendulum
import pytest

from contactpolicy import (
    CaseState,
    Casework,
    Channel,
    Contact,
    FrozenClock,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
)

from conftest import CaseIn
from support.builders import DECIDER, EVERY_SERVICE, KEPT_UP, PASSED, RECORDS, RESTRICTIONS

LONDON = "Europe/London"
BECAUSE = "One burst of calls around the annual bill; six weeks covers it."


def test_a_designation_sets_its_own_length_with_the_reason(
    casework: Casework, case_in: CaseIn
) -> None:
    """6.4: ends_on, no later than the review date, with ends_on_because; the
    review date stays the policy's."""
    case = case_in(CaseState.WARNED)
    ends = pendulum.date(2026, 3, 13)
    designated = casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls.",
        ends_on=ends,
        ends_on_because=BECAUSE,
        council_wide_because=EVERY_SERVICE,
    )
    designation = designated.designation
    assert designation is not None
    assert (designation.ends_on, designation.ends_on_because) == (ends, BECAUSE)
    assert designation.review_due == pendulum.date(2026, 4, 30)
    assert designation.lasts_until == ends


def test_without_a_length_the_restrictions_run_to_the_review(case_in: CaseIn) -> None:
    """6.4: the default length is until the review date."""
    case = case_in(CaseState.DESIGNATED)
    assert case.designation is not None
    assert (case.designation.ends_on, case.designation.lasts_until) == (
        None,
        pendulum.date(2026, 4, 30),
    )
    assert not case.designation.ended(pendulum.date(2026, 5, 30))


@pytest.mark.parametrize(
    ("ends_on", "because", "codes"),
    [
        (pendulum.date(2026, 5, 1), BECAUSE, ["ends_on_after_review"]),
        (pendulum.date(2026, 1, 30), BECAUSE, ["ends_on_past"]),
        (pendulum.date(2026, 3, 13), None, ["ends_on_because_missing"]),
        (None, BECAUSE, ["ends_on_missing"]),
    ],
)
def test_a_length_is_no_longer_than_the_period_and_says_why(
    casework: Casework,
    case_in: CaseIn,
    ends_on: pendulum.Date | None,
    because: str | None,
    codes: list[str],
) -> None:
    """6.4: after the review date, before today, or without a reason: refused."""
    case = case_in(CaseState.WARNED)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case.id,
            DECIDER,
            PASSED,
            RESTRICTIONS,
            "Calls.",
            ends_on=ends_on,
            ends_on_because=because,
            council_wide_because=EVERY_SERVICE,
        )
    assert list(refused.value.codes) == codes
    assert {failure.section for failure in refused.value.failures} == {"6.4"}


def test_restrictions_stop_applying_after_the_last_day(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """After ends_on, decide_contact applies no restriction of that case;
    on the last day it still does (the decision communicated, 6.3)."""
    case = case_in(CaseState.WARNED)
    ends = pendulum.date(2026, 3, 13)
    designated = casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls.",
        ends_on=ends,
        ends_on_because=BECAUSE,
        council_wide_because=EVERY_SERVICE,
    )
    assert designated.designation is not None
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    last_day = pendulum.datetime(2026, 3, 13, 23, 59, tz=LONDON)
    after = pendulum.datetime(2026, 3, 14, 0, 0, tz=LONDON)
    assert not designated.designation.ended(pendulum.date(2026, 3, 13))
    assert designated.designation.ended(pendulum.date(2026, 3, 14))
    clock.set(after)
    on_last_day = casework.decide_contact("CRM-7", Contact(Channel.TELEPHONE, last_day))
    assert on_last_day.allowed is False
    afterwards = casework.decide_contact("CRM-7", Contact(Channel.TELEPHONE, after))
    assert afterwards.allowed is True
    assert afterwards.reasons == ()


def test_a_continued_review_sets_a_length_up_to_the_next_review(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """6.4, 7.2: a review that continues may end the restrictions before the
    next review; one without ends_on runs to it again."""
    case = case_in(CaseState.DESIGNATED)
    clock.set(pendulum.datetime(2026, 4, 30, 9, tz=LONDON))
    casework.start_review(case.id, RECORDS, ReviewTrigger.SCHEDULED)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.complete_review(
            case.id,
            DECIDER,
            ReviewOutcome.CONTINUE,
            "Calls fell to one a week.",
            overrides=KEPT_UP,
            ends_on=pendulum.date(2026, 7, 31),
            ends_on_because=BECAUSE,
        )
    assert refused.value.codes == ("ends_on_after_review",)
    continued = casework.complete_review(
        case.id,
        DECIDER,
        ReviewOutcome.CONTINUE,
        "Calls fell to one a week.",
        overrides=KEPT_UP,
        ends_on=pendulum.date(2026, 6, 30),
        ends_on_because=BECAUSE,
    )
    assert continued.designation is not None
    assert continued.designation.review_due == pendulum.date(2026, 7, 30)
    assert continued.designation.ends_on == pendulum.date(2026, 6, 30)


def test_lifting_takes_no_length(casework: Casework, case_in: CaseIn) -> None:
    """Lifting ends the restrictions now, so it takes no ends_on."""
    case = case_in(CaseState.UNDER_REVIEW)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.complete_review(
            case.id,
            DECIDER,
            ReviewOutcome.LIFT,
            "Fine now.",
            ends_on=pendulum.date(2026, 3, 1),
            ends_on_because=BECAUSE,
        )
    assert refused.value.codes == ("ends_on_unexpected",)
