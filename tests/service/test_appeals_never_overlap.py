"""Property (8.1): however appeals are recorded, back-dated or not, each is
received no earlier than ``appeal_follows`` said when it was recorded (the
designation, or the earlier appeal's decision), and no two overlap: each is
received at or after the decision of the one before."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import (
    AppealOutcome,
    Case,
    Casework,
    FrozenClock,
    Officer,
    PreconditionsNotMet,
    Role,
)
from contactpolicy.domain.preconditions import appeal_follows
from contactpolicy.errors import PolicyError
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.sequences import Step
from contactpolicy.testing.strategies import command_sequences

from support.builders import ONE_OF_EACH, RECORDS, START, designated_and_told

DIRECTORS = tuple(
    Officer(f"director{n}", f"Director {n}", {Role.APPEAL_DECIDER}) for n in range(1, 5)
)
"""One appeal decider for each appeal: none hears a second (8.1)."""


def _never_overlap(case: Case) -> None:
    """Each appeal of ``case`` received at or after the designation and the
    decision of the appeal before it."""
    assert case.designation is not None
    follows = case.designation.decided_at
    for appeal in case.appeals:
        assert appeal.received_at >= follows
        if appeal.decided_at is None:
            assert appeal is case.appeals[-1]
            break
        follows = appeal.decided_at


ATTEMPT = st.tuples(
    st.integers(min_value=1, max_value=24 * 30),
    st.integers(min_value=0, max_value=24 * 60),
    st.integers(min_value=0, max_value=24 * 30),
)
"""Hours to wait before recording an appeal, hours it is back-dated by, and
hours until it is decided."""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ATTEMPT, min_size=1, max_size=4))
def test_back_dated_appeals_are_recorded_only_after_the_one_before(
    attempts: list[tuple[int, int, int]],
) -> None:
    """An appeal back-dated by any number of hours is recorded exactly when
    it is received no earlier than ``appeal_follows``; refused otherwise,
    as ``appeal_before_decision`` before the designation and
    ``appeal_during_earlier_appeal`` after it, writing nothing."""
    clock = FrozenClock(START)
    officers = [*ONE_OF_EACH.values(), *DIRECTORS]
    casework = Casework(MemoryStore(), clock=clock, officers=officers)
    case_id = designated_and_told(casework)
    deciders = iter(DIRECTORS)
    designated = casework.get(case_id, by=RECORDS).designation
    assert designated is not None
    for wait, back, decide in attempts:
        clock.advance(hours=wait)
        case = casework.get(case_id, by=RECORDS)
        follows = appeal_follows(case)
        received = clock.now().subtract(hours=back)
        if received < follows:
            with pytest.raises(PreconditionsNotMet) as refused:
                casework.appeal(case_id, RECORDS, "Unfair.", received)
            expected = (
                "appeal_before_decision"
                if received < designated.decided_at
                else "appeal_during_earlier_appeal"
            )
            assert [each.code for each in refused.value.failures] == [expected]
            assert casework.get(case_id, by=RECORDS) == case
            continue
        case = casework.appeal(case_id, RECORDS, "Unfair.", received)
        assert case.appeal is not None
        assert case.appeal.received_at == received
        clock.advance(hours=decide)
        case = casework.decide_appeal(case_id, next(deciders), AppealOutcome.DISMISSED, "Stands.")
        assert appeal_follows(case) == clock.now()
        _never_overlap(case)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command_sequences())
def test_in_any_story_appeals_never_overlap(steps: list[Step]) -> None:
    """Whatever a case's story, after every step each appeal recorded was
    received no earlier than ``appeal_follows`` said just before, and no
    two overlap."""
    clock = FrozenClock(steps[0].at)
    casework = Casework(MemoryStore(), clock=clock)
    case = steps[0].run(casework, clock)
    for step in steps[1:]:
        before = case
        try:
            case = step.run(casework, clock, case.id)
        except PolicyError:
            continue
        if len(case.appeals) > len(before.appeals):
            assert case.appeals[-1].received_at >= appeal_follows(before)
        if case.designation is not None:
            _never_overlap(case)
