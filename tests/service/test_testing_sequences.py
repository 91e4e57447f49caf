"""Whole command sequences (contactpolicy.testing.sequences)."""

from __future__ import annotations

from hypothesis import find, given, settings

from contactpolicy import CaseState, Casework, FrozenClock, Policy, Role
from contactpolicy.domain.vocabulary import Command
from contactpolicy.errors import PolicyError
from contactpolicy.stores import MemoryStore
from contactpolicy.testing import sequences
from contactpolicy.testing.sequences import Step, command_sequences


def play(steps: list[Step], policy: Policy | None = None) -> tuple[Casework, list[bool]]:
    """Run a sequence on a new MemoryStore: which steps were done."""
    clock = FrozenClock(steps[0].at)
    casework = Casework(MemoryStore(), policy or Policy(), clock)
    case = steps[0].run(casework, clock)
    done = [True]
    for step in steps[1:]:
        try:
            case = step.run(casework, clock, case.id)
        except PolicyError:
            done.append(False)
        else:
            done.append(True)
    return casework, done


@settings(deadline=None)
@given(command_sequences())
def test_a_sequence_starts_with_a_report_by_an_officer_allowed(steps: list[Step]) -> None:
    """The first step reports the case, by a manager or head of service
    (6.1), and times only move forward."""
    assert steps[0].command is Command.REPORT
    assert steps[0].by.roles & {Role.MANAGER, Role.HEAD_OF_SERVICE}
    assert [step.at for step in steps] == sorted(step.at for step in steps)


@settings(deadline=None)
@given(command_sequences())
def test_each_step_adds_one_event_or_is_refused_changing_nothing(steps: list[Step]) -> None:
    """Played through Casework, the history has one event per step done."""
    casework, done = play(steps)
    (case,) = casework.cases()
    assert case.version == len(casework.history(case.id)) == sum(done)


def test_a_sequence_can_take_a_case_to_its_end() -> None:
    """Drawn sequences reach a lifted case, every step done."""

    def lifted(steps: list[Step]) -> bool:
        casework, done = play(steps)
        return all(done) and casework.cases()[0].state is CaseState.LIFTED

    steps = find(command_sequences(), lifted, settings=settings(deadline=None, max_examples=2000))
    assert steps[-1].command in (Command.LIFT, Command.COMPLETE_REVIEW, Command.DECIDE_APPEAL)


COUNCIL = Policy(permissions={Command.DESIGNATE: [Role.RECORDS], Command.WARN: [Role.STAFF]})


@settings(deadline=None)
@given(command_sequences(COUNCIL))
def test_a_councils_permissions_choose_who_acts(steps: list[Step]) -> None:
    """Under a council's own permissions, every step is sent by an officer
    holding only roles that policy lets run it."""
    for step in steps:
        assert step.by.roles <= COUNCIL.permissions[step.command]


def test_sequences_know_the_arguments_of_every_command() -> None:
    """Every command but report can be a later step: the strategy holds
    arguments for each (a command added to the library without them is
    refused when the strategy is built, not while a test draws from it)."""
    parts = sequences._Parts.of(Policy())
    assert set(parts.arguments) == set(Command) - {Command.REPORT}
