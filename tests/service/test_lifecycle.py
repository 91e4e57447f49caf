"""The lifecycle machine: which command moves a case from which state to which."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import attrs
import pytest
from statemachine.exceptions import TransitionNotAllowed as StateMachineRefusal

from contactpolicy import (
    AppealOutcome,
    Case,
    CaseState,
    Casework,
    Command,
    PreconditionsNotMet,
    ReviewOutcome,
    TransitionNotAllowed,
    lifecycle,
)
from contactpolicy.audit import commands
from contactpolicy.lifecycle import _Model

from conftest import CaseIn
from support.builders import DECIDER, DIRECTOR
from support.runners import RUN, Runner

S = CaseState
EXPECTED: dict[Command, dict[CaseState, CaseState]] = {
    Command.WARN: {S.REPORTED: S.WARNED},
    Command.CLOSE: {S.CONCERN: S.CLOSED, S.REPORTED: S.CLOSED, S.WARNED: S.CLOSED},
    Command.DECIDE_NO_ACTION: {S.REPORTED: S.CLOSED, S.WARNED: S.CLOSED},
    Command.REQUEST: {S.CONCERN: S.REPORTED},
    Command.DESIGNATE: {S.WARNED: S.DESIGNATED},
    Command.START_REVIEW: {S.DESIGNATED: S.UNDER_REVIEW, S.APPEALED: S.UNDER_REVIEW},
    Command.COMPLETE_REVIEW: {S.UNDER_REVIEW: S.DESIGNATED},
    Command.APPEAL: {S.DESIGNATED: S.APPEALED, S.UNDER_REVIEW: S.UNDER_REVIEW},
    Command.DECIDE_APPEAL: {S.APPEALED: S.DESIGNATED},
    Command.LIFT: {S.DESIGNATED: S.LIFTED, S.UNDER_REVIEW: S.LIFTED},
    Command.REASSIGN: {s: s for s in (S.DESIGNATED, S.UNDER_REVIEW, S.APPEALED)},
    Command.ADD_INCIDENT: {
        s: s for s in (S.CONCERN, S.REPORTED, S.WARNED, S.DESIGNATED, S.UNDER_REVIEW, S.APPEALED)
    },
    Command.RECORD_COMMUNICATED: {
        s: s for s in (S.DESIGNATED, S.UNDER_REVIEW, S.APPEALED, S.LIFTED, S.CLOSED)
    },
    Command.ADD_NOTE: {s: s for s in CaseState},
    Command.RECORD_INFORMED: {s: s for s in (S.DESIGNATED, S.UNDER_REVIEW, S.APPEALED, S.LIFTED)},
}
"""DESIGN §3 with the valid arguments of ``runners.RUN``; ``designate`` from
reported, the lifting branches and deciding an appeal while a review is under
way are tested in test_casework and test_safeguards. An appeal does not stop
the clock: a review may start while one waits (7.2, 8.1). ``lift`` is
possible from appealed, where its guard refuses it while the appeal waits
(``appeal_pending``, 8.1: test_regression_lift_waits_for_the_appeal)."""

ALLOWED = [(c, s, t) for c, moves in EXPECTED.items() for s, t in moves.items()]
REFUSED = [(c, s) for c in EXPECTED for s in CaseState if s not in lifecycle.allowed_from(c)]


def test_the_machine_has_the_eight_states_of_the_design() -> None:
    """The machine's states are exactly the eight case states, a concern
    first, lifted and closed final."""
    assert [state.value for state in lifecycle.Lifecycle.states] == list(CaseState)
    finals = {state.value for state in lifecycle.Lifecycle.final_states}
    assert finals == {CaseState.LIFTED, CaseState.CLOSED}


@pytest.mark.parametrize("command", list(Command))
def test_allowed_from_matches_the_design_table(command: Command) -> None:
    """Each command is possible from exactly the states DESIGN §3 lists."""
    expected = {
        Command.REPORT: set(),
        Command.RAISE_CONCERN: set(),
        Command.DESIGNATE: {S.REPORTED, S.WARNED},
        Command.COMPLETE_REVIEW: {S.UNDER_REVIEW},
        Command.LIFT: {S.DESIGNATED, S.UNDER_REVIEW, S.APPEALED},
        Command.DECIDE_APPEAL: {S.APPEALED, S.UNDER_REVIEW},
        Command.CONTACT_RECEIVED: set(S),
        Command.RECORD_READ: set(S),
        Command.PURGE: {S.LIFTED, S.CLOSED},
        Command.RECTIFY: set(S),
        Command.RECORD_CORRECTION_TOLD: set(S),
        Command.RECORD_NOT_TOLD: {S.DESIGNATED, S.UNDER_REVIEW, S.APPEALED, S.LIFTED, S.CLOSED},
    }.get(command, set(EXPECTED[command]) if command in EXPECTED else set())
    assert set(lifecycle.allowed_from(command)) == expected


@pytest.mark.parametrize(("command", "source", "target"), ALLOWED)
def test_each_allowed_transition(
    casework: Casework, case_in: CaseIn, command: Command, source: CaseState, target: CaseState
) -> None:
    """A command with valid arguments by an authorised officer moves the case
    as the design says, and appends one event named after the command."""
    case = case_in(source)
    changed = RUN[command](casework, case.id)
    assert changed.state is target
    assert changed.version == case.version + 1
    assert [event.kind for event in casework.history(case.id)][-1] == command.value


@pytest.mark.parametrize(("command", "state"), REFUSED)
def test_each_command_is_refused_in_the_wrong_state(
    casework: Casework, case_in: CaseIn, command: Command, state: CaseState
) -> None:
    """A command from a state it is not possible in raises TransitionNotAllowed
    naming the state and where it is possible, and changes nothing."""
    case = case_in(state)
    history = casework.history(case.id)
    with pytest.raises(TransitionNotAllowed) as refused:
        RUN[command](casework, case.id)
    assert refused.value.state == state.value
    assert refused.value.allowed_from == tuple(s.value for s in lifecycle.allowed_from(command))
    assert casework.get(case.id) == case
    assert casework.history(case.id) == history


def test_available_lists_what_can_happen_next() -> None:
    """available() answers from the class data, by command name."""
    assert lifecycle.available(CaseState.LIFTED) == (
        Command.ADD_NOTE,
        Command.CONTACT_RECEIVED,
        Command.PURGE,
        Command.RECORD_COMMUNICATED,
        Command.RECORD_CORRECTION_TOLD,
        Command.RECORD_INFORMED,
        Command.RECORD_NOT_TOLD,
        Command.RECORD_READ,
        Command.RECTIFY,
    )
    assert lifecycle.available(CaseState.REPORTED) == (
        Command.ADD_INCIDENT,
        Command.ADD_NOTE,
        Command.CLOSE,
        Command.CONTACT_RECEIVED,
        Command.DECIDE_NO_ACTION,
        Command.DESIGNATE,
        Command.RECORD_CORRECTION_TOLD,
        Command.RECORD_READ,
        Command.RECTIFY,
        Command.WARN,
    )


def test_wrong_state_is_reported_before_unmet_preconditions(
    casework: Casework, case_in: CaseIn
) -> None:
    """A closed case refuses to be designated for its state, even with a bad
    assessment: the state is the first thing an officer needs to know."""
    case = case_in(CaseState.CLOSED)
    with pytest.raises(TransitionNotAllowed):
        RUN[Command.DESIGNATE](casework, case.id)


def test_preconditions_run_inside_the_transition() -> None:
    """fire() raises every failure its check returns, and moves nothing."""
    from contactpolicy import Failure

    failures = [Failure("6.3", "a", "first"), Failure("7.4", "b", "second")]
    with pytest.raises(PreconditionsNotMet) as refused:
        lifecycle.fire(CaseState.REPORTED, Command.WARN, lambda: failures)
    assert refused.value.failures == tuple(failures)
    assert lifecycle.fire(CaseState.REPORTED, Command.WARN, list) is CaseState.WARNED


LIFTING: list[tuple[Command, CaseState, Runner]] = [
    (
        Command.COMPLETE_REVIEW,
        CaseState.UNDER_REVIEW,
        lambda cw, cid: cw.complete_review(cid, DECIDER, ReviewOutcome.LIFT, "Calmer now."),
    ),
    (
        Command.DECIDE_APPEAL,
        CaseState.APPEALED,
        lambda cw, cid: cw.decide_appeal(cid, DIRECTOR, AppealOutcome.ALLOWED, "Upheld."),
    ),
]


@pytest.mark.parametrize(
    ("command", "source", "run"),
    [(command, source, RUN[command]) for command, source, _ in ALLOWED] + LIFTING,
)
def test_each_command_runs_its_guard_exactly_once(
    monkeypatch: pytest.MonkeyPatch,
    casework: Casework,
    case_in: CaseIn,
    command: Command,
    source: CaseState,
    run: Callable[[Casework, str], Case],
) -> None:
    """The service calls a command's pure guard once, whichever of the
    machine's branches the command then takes."""
    case = case_in(source)
    entry = commands.REGISTRY[command]
    calls: list[object] = []

    def counted(*arguments: object) -> object:
        calls.append(arguments)
        return entry.guard(*arguments)

    monkeypatch.setattr(commands, command.name, attrs.evolve(entry, guard=counted))
    run(casework, case.id)
    assert len(calls) == 1


def test_a_thread_runs_commands_after_a_case_ends() -> None:
    """The machine a thread reuses keeps taking events after one case reaches
    a final state."""
    assert lifecycle.fire(CaseState.DESIGNATED, Command.LIFT, list) is CaseState.LIFTED
    assert lifecycle.fire(CaseState.REPORTED, Command.CLOSE, list) is CaseState.CLOSED
    assert lifecycle.fire(CaseState.REPORTED, Command.WARN, list) is CaseState.WARNED


def test_threads_each_move_their_own_case_at_once() -> None:
    """Commands fired from many threads at the same time each get their own
    transition: no thread sees another's state."""
    moves = [
        (CaseState.REPORTED, Command.WARN, CaseState.WARNED),
        (CaseState.DESIGNATED, Command.START_REVIEW, CaseState.UNDER_REVIEW),
        (CaseState.UNDER_REVIEW, Command.LIFT, CaseState.LIFTED),
        (CaseState.WARNED, Command.CLOSE, CaseState.CLOSED),
    ] * 250
    with ThreadPoolExecutor(max_workers=8) as pool:
        reached = list(pool.map(lambda move: lifecycle.fire(move[0], move[1], list), moves))
    assert reached == [target for _, _, target in moves]


OUTCOMES: list[ReviewOutcome | AppealOutcome | None] = [None, *ReviewOutcome, *AppealOutcome]


MACHINE_EVENTS = sorted(
    {
        Command(event.id)
        for state in lifecycle.Lifecycle.states
        for transition in state.transitions
        for event in transition.events
    },
    key=lambda command: command.value,
)


@pytest.mark.parametrize("command", MACHINE_EVENTS)
def test_each_remembered_move_is_a_new_machines_answer(command: Command) -> None:
    """The lifecycle asks its machine once per state, command, outcome and
    appeal waiting, and remembers the answer: asked twice, it gives what a
    machine built afresh for the case gives, and refuses what it refuses."""
    for state in CaseState:
        if state in (CaseState.LIFTED, CaseState.CLOSED):
            continue  # a final state: no machine can start in it
        for outcome in OUTCOMES:
            for pending in (False, True):
                model = _Model(state)
                fresh = lifecycle.Lifecycle(model=model)
                try:
                    fresh.send(command.value, outcome=outcome, appeal_pending=pending)
                except StateMachineRefusal:
                    expected: CaseState | None = None
                else:
                    expected = model.state
                for _ in range(2):
                    try:
                        moved: CaseState | None = lifecycle.fire(
                            state, command, list, outcome, appeal_pending=pending
                        )
                    except TransitionNotAllowed:
                        moved = None
                    assert moved == expected, (state, outcome, pending)
