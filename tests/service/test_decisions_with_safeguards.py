"""Decisions that stand up to scrutiny meeting the safeguards at the point of
contact: a decision's own length (6.4) and the no-channel check (5.1), one
rule of what tightens (6.2, 6.3), and what the letter of each kind of
decision must say (6.1, 6.3, 7.2)."""

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    Casework,
    Channel,
    FrozenClock,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
    WorkItem,
)
from contactpolicy import restrictions as r
from contactpolicy.domain.decisions import relaxes
from contactpolicy.domain.restrictions import tightened
from contactpolicy.testing import strategies

from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    KEPT_UP,
    MANAGER,
    PASSED,
    RECORDS,
    incident,
    warn_and_continue,
)

ENDS_ON = pendulum.date(2026, 2, 28)


def _warned(casework: Casework, issue: str) -> str:
    case = casework.report(CUSTOMER, issue, [incident()], by=MANAGER)
    warn_and_continue(casework, case.id, MANAGER)
    return case.id


def _email_only_until_the_end_of_february(casework: Casework, clock: FrozenClock) -> str:
    case_id = _warned(casework, "council tax")
    casework.designate(
        case_id,
        DECIDER,
        PASSED,
        [r.SingleContactMethod(Channel.EMAIL)],
        "Calls continued after the warning.",
        ends_on=ENDS_ON,
        ends_on_because="One billing cycle.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    return case_id


def test_no_channel_left_counts_another_case_only_until_its_own_length_ends(
    casework: Casework, clock: FrozenClock
) -> None:
    """5.1, 6.4: email only on one case and telephone only on another leave
    no channel while the first applies; once the day its decision set has
    passed, it no longer counts, though its case is still designated."""
    _email_only_until_the_end_of_february(casework, clock)
    housing = _warned(casework, "housing repair")
    telephone_only = [r.SingleContactMethod(Channel.TELEPHONE)]
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            housing, DECIDER, PASSED, telephone_only, "Letters.", council_wide_because=EVERY_SERVICE
        )
    assert [(f.section, f.code) for f in refused.value.failures] == [("5.1", "no_channel_left")]
    clock.set(pendulum.datetime(2026, 3, 1, 9, tz="Europe/London"))
    designated = casework.designate(
        housing, DECIDER, PASSED, telephone_only, "Letters.", council_wide_because=EVERY_SERVICE
    )
    assert designated.restrictions == (r.SingleContactMethod(Channel.TELEPHONE),)


def _queued(casework: Casework) -> list[str]:
    return [
        item.summary for item in casework.work_queue(RECORDS) if item.kind == "not_communicated"
    ]


def test_the_letter_of_a_lift_says_the_restrictions_ended(
    casework: Casework, clock: FrozenClock
) -> None:
    """7.2, 6.3: a lift applies at once; its work item asks for the letter
    saying why, not for one before restrictions apply; and the managers
    are to be told the restrictions ended (9.1)."""
    case_id = _email_only_until_the_end_of_february(casework, clock)
    casework.lift(case_id, DECIDER, "Contact is reasonable again.")
    assert casework.work_queue(RECORDS) == [
        WorkItem(
            "managers_not_informed",
            case_id,
            pendulum.date(2026, 1, 31),
            "Tell the managers of teams in contact with the customer the details of the "
            "lift decision of 31 January 2026, and record who was told (9.1).",
        ),
        WorkItem(
            "not_communicated",
            case_id,
            pendulum.date(2026, 1, 31),
            "The lift decision of 31 January 2026 is not recorded as communicated (6.3): "
            "write to the customer that the restrictions have ended, why, and that a record "
            "is kept (7.2, 7.4), then record it; they ended when it was decided.",
        ),
    ]


def test_the_letter_of_a_review_that_relaxes_says_it_applies_already(
    casework: Casework, clock: FrozenClock
) -> None:
    """6.3: a variation that only relaxes (another named officer, longer
    calls) applies at once; one that tightens waits for the letter."""
    case_id = _warned(casework, "council tax")
    casework.designate(
        case_id,
        DECIDER,
        PASSED,
        [r.CallTimeLimit(10)],
        "Calls continued after the warning.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(
        case_id, DECIDER, ReviewOutcome.VARY, "Longer calls now.", [r.CallTimeLimit(20)]
    )
    assert _queued(casework) == [
        "The review decision of 31 January 2026 is not recorded as communicated (6.3): "
        "write to the customer, then record it; it adds or tightens no restriction, so it "
        "applies already."
    ]


def test_another_single_contact_method_tightens_and_needs_a_fresh_assessment(
    casework: Casework, clock: FrozenClock
) -> None:
    """6.2, 6.3: letters instead of email change how the customer must
    contact: a tightening, assessed afresh and applied once told; until
    then neither email-only nor letter-only applies."""
    case_id = _warned(casework, "council tax")
    casework.designate(
        case_id,
        DECIDER,
        PASSED,
        [r.SingleContactMethod(Channel.EMAIL)],
        "Calls continued after the warning.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    letters = [r.SingleContactMethod(Channel.LETTER)]
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.complete_review(
            case_id, DECIDER, ReviewOutcome.VARY, "Letters suit.", letters, overrides=KEPT_UP
        )
    assert [(f.section, f.code) for f in refused.value.failures] == [("6.2", "assessment_missing")]
    casework.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.VARY,
        "Letters suit.",
        letters,
        assessment=PASSED,
        overrides=KEPT_UP,
    )
    assert _queued(casework) == [
        "The review decision of 31 January 2026 is not recorded as communicated (6.3): "
        "write to the customer, then record it; what it removes or relaxes applies already, "
        "what it adds or tightens not until then."
    ]
    assert casework.get(case_id).restrictions_in_force(clock.now()) == ()


@given(old=strategies.restriction_sets(), new=strategies.restriction_sets())
def test_a_decision_relaxes_exactly_when_it_tightens_nothing(
    old: tuple[r.Restriction, ...], new: tuple[r.Restriction, ...]
) -> None:
    """One rule: what applies at once (6.3) is what needs no fresh
    assessment (6.2); removing restrictions, or keeping them, relaxes."""
    assert relaxes(new, old) is (tightened(old, new) == ())
    assert relaxes((), old)
    assert relaxes(old, old)


@given(calls=st.integers(1, 5), days=st.integers(1, 7))
def test_a_call_limit_tightens_with_fewer_calls_or_a_longer_period(calls: int, days: int) -> None:
    """5.1: fewer calls over the same period, or the same calls over a
    longer one, may refuse a call the old limit took."""
    old = [r.CallLimit(calls, pendulum.duration(days=days))]
    assert tightened(old, [r.CallLimit(calls, pendulum.duration(days=days + 1))])
    assert not tightened(old, [r.CallLimit(calls + 1, pendulum.duration(days=days))])
    if calls > 1:
        assert tightened(old, [r.CallLimit(calls - 1, pendulum.duration(days=days))])
