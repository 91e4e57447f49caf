"""Drawn stories designate without a warning as a careful decision maker
does (contactpolicy.testing.sequences): on evidence of violence or threats
inside the evidence window (``immediate_action_justified``, 6.3), the story
recording such an incident first, and only now and then without it, on
purpose. Measured over derandomized stories, so the counts are the same on
every run."""

from __future__ import annotations

import collections

from hypothesis import HealthCheck, given, settings

from contactpolicy import Behaviour, CaseState, Casework, FrozenClock, Policy
from contactpolicy.domain.vocabulary import Command
from contactpolicy.errors import PolicyError, PreconditionsNotMet
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.sequences import Step, command_sequences

INTIMIDATION_ONLY = Policy(
    immediate_action_behaviours=frozenset({Behaviour.INTIMIDATION}),
    immediate_action_because="Intimidation of staff at the front desk is treated as a threat.",
)


def _designations_without_warning(policy: Policy, stories: int) -> collections.Counter[str]:
    """Over ``stories`` derandomized stories under ``policy``, how many
    designations without a warning were sent (``"sent"``) and, for each
    failure code, how many were refused with it."""
    found: collections.Counter[str] = collections.Counter()

    @settings(
        max_examples=stories,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(command_sequences(policy, max_steps=12))
    def story(steps: list[Step]) -> None:
        clock = FrozenClock(steps[0].at)
        casework = Casework(MemoryStore(), policy, clock)
        case = steps[0].run(casework, clock)
        for step in steps[1:]:
            without_warning = (
                step.command is Command.DESIGNATE
                and casework.get(case.id).state is CaseState.REPORTED
            )
            found["sent"] += without_warning
            try:
                step.run(casework, clock, case.id)
            except PreconditionsNotMet as error:
                if without_warning:
                    found.update(failure.code for failure in error.failures)
            except PolicyError:
                pass

    story()
    return found


def test_designations_without_a_warning_are_mostly_accepted() -> None:
    """Of 100 derandomized Maidstone stories, 47 designations without a
    warning are sent and 1 is refused as not justified by violence or
    threats, on purpose (6.3): before the stories recorded such an incident
    first, 38 of 81 were (8 of them with their evidence stale too, 6.2).
    The bounds, at most one in eight refused, leave room for a change in
    how hypothesis draws."""
    found = _designations_without_warning(Policy(), 100)
    assert found["sent"] >= 30
    assert found["immediate_action_not_justified"] * 8 <= found["sent"]


def test_the_behaviours_justifying_immediate_action_are_the_policys() -> None:
    """Under a policy that lists intimidation alone for immediate action,
    the incident recorded first is intimidation, so the stories'
    designations without a warning are accepted as well (6.3): of 40
    derandomized stories, 25 sent and none refused as not justified (4 of
    26 before)."""
    found = _designations_without_warning(INTIMIDATION_ONLY, 40)
    assert found["sent"] >= 15
    assert found["immediate_action_not_justified"] * 8 <= found["sent"]
