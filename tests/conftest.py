"""Shared fixtures, and hypothesis profiles chosen by HYPOTHESIS_PROFILE."""

import os
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, settings

from contactpolicy import Case, CaseState, Casework, Channel, FrozenClock, ReviewTrigger
from contactpolicy.stores import MemoryStore

from builders import CUSTOMER, DECIDER, MANAGER, PASSED, RECORDS, RESTRICTIONS, START, incident

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def clock() -> FrozenClock:
    """A clock frozen at 10:00 on 31 January 2026, London time."""
    return FrozenClock(START)


@pytest.fixture
def casework(clock: FrozenClock) -> Casework:
    """The Maidstone policy over an empty MemoryStore."""
    return Casework(MemoryStore(), clock=clock)


CaseIn = Callable[[CaseState], Case]


@pytest.fixture
def case_in(casework: Casework) -> CaseIn:
    """Build a case in the given state by running the usual commands."""

    def build(state: CaseState) -> Case:
        case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
        if state is CaseState.REPORTED:
            return case
        if state is CaseState.CLOSED:
            return casework.close(case.id, MANAGER, "Contact settled down.")
        case = casework.warn(case.id, MANAGER, Channel.LETTER, ["calls limited to 10 minutes"])
        if state is CaseState.WARNED:
            return case
        case = casework.designate(case.id, DECIDER, PASSED, RESTRICTIONS, "Calls continued.")
        if state is CaseState.DESIGNATED:
            return case
        if state is CaseState.LIFTED:
            return casework.lift(case.id, DECIDER, "Contact is now reasonable.")
        if state is CaseState.APPEALED:
            return casework.appeal(case.id, RECORDS, "Email is hard for me.")
        assert state is CaseState.UNDER_REVIEW
        return casework.start_review(case.id, RECORDS, ReviewTrigger.REQUESTED)

    return build
