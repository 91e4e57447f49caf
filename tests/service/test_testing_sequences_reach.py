"""How far drawn stories go (contactpolicy.testing.sequences): most steps
are ones the policy allows, so stories reach a designation, its letter,
its reviews and its appeals (6.3, 7.2, 8.1). Measured over derandomized
stories, so the counts are the same on every run."""

from __future__ import annotations

import collections

import pytest
from hypothesis import HealthCheck, given, settings

from contactpolicy import Casework, FrozenClock
from contactpolicy.errors import PolicyError, PreconditionsNotMet
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.sequences import Step, command_sequences

STORIES = 150


class Reach:
    """What the derandomized stories did: how many stories had a step of
    each command done, and each story's first refusal."""

    def __init__(self) -> None:
        self.stories = 0
        self.reached: collections.Counter[str] = collections.Counter()
        self.first: collections.Counter[tuple[str, str]] = collections.Counter()

    def play(self, steps: list[Step]) -> None:
        self.stories += 1
        clock = FrozenClock(steps[0].at)
        casework = Casework(MemoryStore(), clock=clock)
        case = steps[0].run(casework, clock)
        done: set[str] = set()
        refused = False
        for step in steps[1:]:
            try:
                step.run(casework, clock, case.id)
            except PolicyError as error:
                if not refused:
                    self.first[(step.command.value, _codes(error))] += 1
                refused = True
            else:
                done.add(step.command.value)
        self.reached.update(done)


def _codes(error: PolicyError) -> str:
    if isinstance(error, PreconditionsNotMet):
        return ",".join(failure.code for failure in error.failures)
    return type(error).__name__


@pytest.fixture(scope="module")
def reach() -> Reach:
    """The reach of STORIES derandomized stories of up to twelve steps."""
    found = Reach()

    @settings(
        max_examples=STORIES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(command_sequences(max_steps=12))
    def story(steps: list[Step]) -> None:
        found.play(steps)

    story()
    return found


def test_stories_reach_designation_its_letter_reviews_and_appeals(reach: Reach) -> None:
    """Of 150 derandomized stories, about half reach a designation (75 to
    85; 69 did before a designation without a warning waited for evidence
    of violence or threats and a scheduled review for its coming due, and
    29 of 300 once), nearly half the letter telling the customer (6.3, 68
    to 69), and many a review started and completed (7.2, 44 to 49 and 16
    to 28), an appeal and an appeal decided (8.1, 6 to 17 and 5 to 13).
    Derandomized stories still differ with the modules a run has loaded,
    from which hypothesis takes values to draw: the ranges are those seen
    running this file alone and with others, where the stories drawn
    before these changes reached 10 appeals and 9 decided. Before a
    designation waited for contact continuing after the warning, a review
    for incidents since the decision and an appeal for its window, 25
    stories started a review, 8 completed one and 4 had an appeal decided.
    The floors leave room for that and for a change in how hypothesis
    draws: in four random runs of 150, from 82 to 113 stories reached a
    designation, 21 to 50 a review completed and 8 to 18 an appeal
    decided."""
    assert reach.stories == STORIES
    assert reach.reached["designate"] >= 60
    assert reach.reached["record_communicated"] >= 45
    assert reach.reached["start_review"] >= 32
    assert reach.reached["complete_review"] >= 10
    assert reach.reached["appeal"] >= 4
    assert reach.reached["decide_appeal"] >= 3


def test_no_story_is_first_refused_for_who_acts_or_how_the_customer_is_told(
    reach: Reach,
) -> None:
    """No story's first refusal is a withdrawal or a warning by an officer
    the policy does not let send it (6.1), nor the customer told other than
    in writing (6.3): 33, 25 and 20 of 300 stories were, before."""
    assert [key for key in reach.first if key[1] == "NotAuthorised"] == []
    assert [key for key in reach.first if "not_in_writing" in key[1]] == []
