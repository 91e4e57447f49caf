"""The ready-made values for tests."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from contactpolicy.audit.events import chain_problems
from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.model import Customer, Incident
from contactpolicy.domain.vocabulary import Behaviour, CaseState, Channel
from contactpolicy.restrictions import CallTimeLimit
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.examples import START, example_case, history, tell


def test_a_made_up_history_is_an_intact_hash_chain() -> None:
    """history() numbers its events from the version given and chains them."""
    case = example_case()
    first = history(case)
    later = history(attrs.evolve(case, version=3), 1, first[-1])
    assert [event.seq for event in first + later] == [1, 2, 3]
    assert chain_problems(case.id, first + later) == []


def test_an_example_case_with_a_review_date_is_designated() -> None:
    """example_case() gives a designation only when a review date is given."""
    due = pendulum.date(2100, 4, 30)
    case = example_case(CaseState.DESIGNATED, review_due=due)
    assert case.designation is not None
    assert case.designation.review_due == due
    assert example_case().designation is None


@pytest.mark.parametrize(
    ("steps", "state"),
    [
        (0, CaseState.REPORTED),
        (3, CaseState.WARNED),
        (4, CaseState.DESIGNATED),
        (6, CaseState.UNDER_REVIEW),
        (8, CaseState.APPEALED),
        (10, CaseState.LIFTED),
    ],
)
def test_the_story_takes_a_case_through_the_lifecycle(steps: int, state: CaseState) -> None:
    """tell() reports a case and takes it the given number of steps along."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    incident = Incident(Behaviour.THREATS, START, Channel.EMAIL, "Threatened staff.")
    case = tell(
        casework,
        clock,
        Customer("CRM-1", "Sam Taylor"),
        incident,
        "why",
        (CallTimeLimit(5),),
        steps,
    )
    assert case.state is state
    assert case.version == 1 + steps
