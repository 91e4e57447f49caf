"""Drawn stories decide as a careful officer does
(contactpolicy.testing.sequences), on the guards' own rules: a designation
without a warning on evidence of violence or threats inside the evidence
window (``immediate_action_justified``, 6.3), the story recording such an
incident first, and none at all but now and then under a policy that
lists no behaviour for immediate action; a scheduled review started only
once it comes due, else on request (``check_start_review``, 7.2); each
only now and then otherwise, on purpose. Measured over the stories of a
reproducible run (``REPRODUCIBLE`` inside ``reproducible``), so the counts
are exact and the same alone or with any other test: before, hypothesis
drew some values from the modules the run had loaded, and a whole suite's
run sent 30 reviews where this file alone sent 58."""

from __future__ import annotations

import collections

import pytest
from hypothesis import HealthCheck, given, settings

from contactpolicy import Behaviour, CaseState, Casework, FrozenClock, Policy
from contactpolicy.domain.vocabulary import Command
from contactpolicy.errors import PolicyError, PreconditionsNotMet
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.profiles import REPRODUCIBLE, reproducible
from contactpolicy.testing.sequences import Step, command_sequences

INTIMIDATION_ONLY = Policy(
    immediate_action_behaviours=frozenset({Behaviour.INTIMIDATION}),
    immediate_action_because="Intimidation of staff at the front desk is treated as a threat.",
)

WITHOUT_WARNING = "designate without a warning"


def _sent(policy: Policy, stories: int) -> collections.Counter[tuple[str, str]]:
    """Over ``stories`` stories of a reproducible run under ``policy``: for each kind
    of step (a command, or a designation without a warning), how many were
    sent (``"sent"``) and how many refused with each failure code."""
    found: collections.Counter[tuple[str, str]] = collections.Counter()

    @settings(REPRODUCIBLE, max_examples=stories, suppress_health_check=[HealthCheck.too_slow])
    @given(command_sequences(policy, max_steps=12))
    def story(steps: list[Step]) -> None:
        clock = FrozenClock(steps[0].at)
        casework = Casework(MemoryStore(), policy, clock)
        case = steps[0].run(casework, clock)
        for step in steps[1:]:
            reported = casework.get(case.id).state is CaseState.REPORTED
            without_warning = step.command is Command.DESIGNATE and reported
            kind = WITHOUT_WARNING if without_warning else step.command.value
            found[(kind, "sent")] += 1
            try:
                step.run(casework, clock, case.id)
            except PreconditionsNotMet as error:
                found.update((kind, failure.code) for failure in error.failures)
            except PolicyError as error:
                found[(kind, type(error).__name__)] += 1

    with reproducible():
        story()
    return found


@pytest.fixture(scope="module")
def maidstone() -> collections.Counter[tuple[str, str]]:
    """What 100 stories of a reproducible run under Maidstone's policy sent
    and had refused."""
    return _sent(Policy(), 100)


def test_designations_without_a_warning_are_mostly_accepted(
    maidstone: collections.Counter[tuple[str, str]],
) -> None:
    """Of 100 Maidstone stories' 40 designations without a warning, none is
    refused as not justified by violence or threats (6.3): the story
    records such an incident first, and sends one unjustified only now and
    then, on purpose (1 of 53 before reasons were drawn without the control
    characters they refuse, which changed the run). Before the story
    recorded the incident first, 6 of 50 were (one with its evidence stale
    too, 6.2), and over 300 stories 62 of 150."""
    assert maidstone[(WITHOUT_WARNING, "sent")] == 40
    assert maidstone[(WITHOUT_WARNING, "immediate_action_not_justified")] == 0


def test_scheduled_reviews_start_once_due(
    maidstone: collections.Counter[tuple[str, str]],
) -> None:
    """Of the same stories' 47 reviews started, 1 is refused as a
    scheduled review not yet due (7.2), sent on purpose: the story
    otherwise starts it on request or for a new issue (7.3). Before
    reasons were drawn without control characters, 3 of 55; before the
    story waited for the review to come due, 8 of 53 were."""
    assert maidstone[("start_review", "sent")] == 47
    assert maidstone[("start_review", "review_not_due")] == 1


def test_the_behaviours_justifying_immediate_action_are_the_policys() -> None:
    """Under a policy that lists intimidation alone for immediate action,
    the incident recorded first is intimidation, so the stories reach a
    designation without a warning and it is accepted (6.3): of 60 stories'
    15 designations without a warning (27 before reasons were drawn
    without control characters), none is refused; before the incident was
    the policy's, 13 of 26 were."""
    found = _sent(INTIMIDATION_ONLY, 60)
    assert found[(WITHOUT_WARNING, "sent")] == 15
    assert found[(WITHOUT_WARNING, "immediate_action_not_justified")] == 0


def test_a_policy_with_no_immediate_action_rarely_designates_without_a_warning() -> None:
    """Under a policy that lists no behaviour for immediate action, no
    incident can justify a designation without a warning (6.3), so the
    stories send one only now and then, on purpose, and it is refused: of
    60 stories' 336 steps, none (1 of 385 before reasons were drawn without
    control characters; 58 of 349 before the stories followed the policy,
    every one refused)."""
    found = _sent(Policy(immediate_action_behaviours=frozenset()), 60)
    steps = sum(count for (_, what), count in found.items() if what == "sent")
    assert steps == 336
    assert found[(WITHOUT_WARNING, "sent")] == 0
    assert found[(WITHOUT_WARNING, "immediate_action_not_justified")] == 0
