"""The lifecycle of a case: the one definition of its states and transitions.

:class:`Lifecycle` is the single source of truth. The docs' diagram and
transition table are rendered from it, and read-only questions ("what can
happen next?") are answered from its class data without building a machine.
The policy's preconditions are pure functions in
:mod:`contactpolicy.domain.preconditions`; :func:`fire` runs a command's
guard exactly once, after the machine's own states say the command is
possible and before the machine takes the transition, so a transition happens
only when they all hold.

Eleven commands are outside the machine: ``raise_concern`` creates a case in
the initial state (a member of staff's concern, 6.1) and ``report`` one
already requested (a manager's request, 6.1); ``add_note`` is possible in
every state (notes are added after a case ends too, 7.4); ``record_informed``
once there has been a designation, lifted cases included (managers are told
when restrictions end too, 9.1); ``record_communicated`` and
``record_not_told`` once there has been a decision to tell the customer of,
lifted and closed cases included (the customer is told when restrictions
end, or of a decision to take no action, 6.1, 6.3, unless the exception of
not telling them is recorded); and ``contact_received`` and ``record_read`` once there has been a
designation (correspondence received while restrictions were in force is
still read after they are lifted, 5.1). ``purge`` erases the personal
text of a lifted or closed case past retention (7.2), ``rectify``
corrects a customer's details or an incident's record in every state (7.4),
and ``record_correction_told`` answers a correction of a letter already
sent in every state too (7.4, 6.3).
The final states cannot have transitions of their own, so these are
checked here instead, in :func:`fire`.

An appeal does not stop the clock: while one waits, a review may start and
the restrictions may be lifted (7.2); a review that keeps them returns the
case to ``appealed``.

>>> [state.value for state in allowed_from(Command.DESIGNATE)]
['reported', 'warned']
>>> [command.value for command in available(CaseState.APPEALED)]  # doctest: +NORMALIZE_WHITESPACE
['add_incident', 'add_note', 'contact_received', 'decide_appeal', 'lift', 'reassign',
 'record_communicated', 'record_correction_told', 'record_informed', 'record_not_told',
 'record_read', 'rectify', 'start_review']
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Mapping
from types import MappingProxyType

from statemachine import State, StateMachine
from statemachine import exceptions as sm_errors

from contactpolicy.audit.commands import REGISTRY
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.vocabulary import AppealOutcome, CaseState, Command, ReviewOutcome
from contactpolicy.errors import Failure, PreconditionsNotMet, TransitionNotAllowed

Check = Callable[[], list[Failure]]
"""A command's guard with its arguments bound: the unmet preconditions."""
Outcome = ReviewOutcome | AppealOutcome | None

__all__ = [
    "OPENED",
    "Lifecycle",
    "allowed_from",
    "allows",
    "available",
    "fire",
    "mermaid",
    "transition_table",
]


class Lifecycle(StateMachine):
    """A case from report to lifted or closed (DESIGN §3, policy 6-8).

    ``StateMachine`` (not ``StateChart``) refuses events that have no
    transition, so nothing advances quietly. The conditions pick the branch
    of ``complete_review`` and ``decide_appeal`` from the outcome; the
    policy's preconditions are checked by :func:`fire` before the event is
    sent, once, whichever branch is then taken.
    """

    concern = State("Concern raised", initial=True, value=CaseState.CONCERN)
    reported = State("Reported", value=CaseState.REPORTED)
    warned = State("Warned", value=CaseState.WARNED)
    designated = State("Designated", value=CaseState.DESIGNATED)
    under_review = State("Under review", value=CaseState.UNDER_REVIEW)
    appealed = State("Appealed", value=CaseState.APPEALED)
    lifted = State("Lifted", final=True, value=CaseState.LIFTED)
    closed = State("Closed", final=True, value=CaseState.CLOSED)

    request = concern.to(reported)
    warn = reported.to(warned)
    close = concern.to(closed) | reported.to(closed) | warned.to(closed)
    decide_no_action = reported.to(closed) | warned.to(closed)
    designate = warned.to(designated) | reported.to(designated)
    start_review = designated.to(under_review) | appealed.to(under_review)
    complete_review = (
        under_review.to(appealed, cond="continue_under_appeal")
        | under_review.to(designated, cond="restrictions_continue")
        | under_review.to(lifted, cond="restrictions_end")
    )
    appeal = designated.to(appealed) | under_review.to.itself()
    decide_appeal = (
        appealed.to(designated, cond="restrictions_continue")
        | appealed.to(lifted, cond="restrictions_end")
        | under_review.to.itself(cond="restrictions_continue")
        | under_review.to(lifted, cond="restrictions_end")
    )
    lift = designated.to(lifted) | under_review.to(lifted) | appealed.to(lifted)
    reassign = designated.to.itself() | under_review.to.itself() | appealed.to.itself()
    add_incident = (
        concern.to.itself()
        | reported.to.itself()
        | warned.to.itself()
        | designated.to.itself()
        | under_review.to.itself()
        | appealed.to.itself()
    )

    def continue_under_appeal(
        self,
        outcome: ReviewOutcome | AppealOutcome | None = None,
        *,
        appeal_pending: bool = False,
    ) -> bool:
        """The review kept the restrictions while an appeal waits: the case
        goes back to waiting for the appeal (8.1)."""
        return appeal_pending and outcome in _CONTINUING

    def restrictions_continue(
        self,
        outcome: ReviewOutcome | AppealOutcome | None = None,
        *,
        appeal_pending: bool = False,
    ) -> bool:
        """The review continued or varied them with no appeal waiting, or the
        appeal was dismissed or varied."""
        return outcome in _CONTINUING and not (appeal_pending and outcome in _REVIEWED)

    def restrictions_end(self, outcome: ReviewOutcome | AppealOutcome | None = None) -> bool:
        """The review lifted them, or the appeal was allowed."""
        return outcome in _ENDING


_CONTINUING = frozenset(
    {
        ReviewOutcome.CONTINUE,
        ReviewOutcome.VARY,
        AppealOutcome.DISMISSED,
        AppealOutcome.VARIED,
    }
)
_ENDING = frozenset({ReviewOutcome.LIFT, AppealOutcome.ALLOWED})
_REVIEWED = frozenset(ReviewOutcome)


_OUTSIDE: Mapping[Command, frozenset[CaseState]] = MappingProxyType(
    {
        Command.ADD_NOTE: frozenset(CaseState),
        Command.RECORD_INFORMED: frozenset(
            {CaseState.DESIGNATED, CaseState.UNDER_REVIEW, CaseState.APPEALED, CaseState.LIFTED}
        ),
        Command.RECORD_COMMUNICATED: frozenset(
            {
                CaseState.DESIGNATED,
                CaseState.UNDER_REVIEW,
                CaseState.APPEALED,
                CaseState.LIFTED,
                CaseState.CLOSED,
            }
        ),
        Command.RECORD_NOT_TOLD: frozenset(
            {
                CaseState.DESIGNATED,
                CaseState.UNDER_REVIEW,
                CaseState.APPEALED,
                CaseState.LIFTED,
                CaseState.CLOSED,
            }
        ),
        # A safeguard exercised at the point of contact is left on a case in
        # any state (domain.follow_up.acted_on), and dealt with there.
        Command.CONTACT_RECEIVED: frozenset(CaseState),
        Command.RECORD_READ: frozenset(CaseState),
        Command.PURGE: frozenset({CaseState.LIFTED, CaseState.CLOSED}),
        Command.RECTIFY: frozenset(CaseState),
        Command.RECORD_CORRECTION_TOLD: frozenset(CaseState),
    }
)
"""Commands the machine does not model, and the states they are possible in."""


def _allowed_from() -> Mapping[Command, tuple[CaseState, ...]]:
    sources: dict[Command, set[CaseState]] = {command: set() for command in Command}
    for state in Lifecycle.states:
        for transition in state.transitions:
            for event in transition.events:
                sources[Command(event.id)].add(state.value)
    sources[Command.REPORT] = set()
    sources[Command.RAISE_CONCERN] = set()
    sources.update({command: set(states) for command, states in _OUTSIDE.items()})
    order = list(CaseState)
    return MappingProxyType(
        {command: tuple(sorted(found, key=order.index)) for command, found in sources.items()}
    )


_ALLOWED_FROM = _allowed_from()


OPENED: Mapping[Command, CaseState] = MappingProxyType(
    {
        Command.RAISE_CONCERN: Lifecycle.concern.value,
        Command.REPORT: Lifecycle.reported.value,
    }
)
"""The commands that create a case, and the state each creates it in: a
member of staff's concern in the machine's initial state, a manager's
report already requested (6.1)."""


def _moves() -> frozenset[tuple[CaseState | None, Command, CaseState]]:
    found: set[tuple[CaseState | None, Command, CaseState]] = {
        (None, command, state) for command, state in OPENED.items()
    }
    for state in Lifecycle.states:
        for transition in state.transitions:
            for event in transition.events:
                found.add((state.value, Command(event.id), transition.target.value))
    for command, states in _OUTSIDE.items():
        found.update((each, command, each) for each in states)
    return frozenset(found)


_MOVES = _moves()


def allows(before: CaseState | None, command: Command, after: CaseState) -> bool:
    """Whether ``command`` may take a case in state ``before`` (``None``:
    no case yet) to state ``after``: a transition of :class:`Lifecycle`
    under some outcome, a command outside the machine leaving the state as
    it is in a state it is possible in, or a case created in the state
    :data:`OPENED` gives. Verification asks it of each event a case's
    history holds (7.4).

    >>> allows(CaseState.DESIGNATED, Command.LIFT, CaseState.LIFTED)
    True
    >>> allows(CaseState.DESIGNATED, Command.ADD_NOTE, CaseState.LIFTED)
    False
    """
    return (before, command, after) in _MOVES


def allowed_from(command: Command) -> tuple[CaseState, ...]:
    """The states a case must be in for ``command`` (``report`` and
    ``raise_concern`` create one)."""
    return _ALLOWED_FROM[command]


def available(state: CaseState) -> tuple[Command, ...]:
    """The commands possible on a case in ``state``, by name."""
    return tuple(
        sorted(
            (command for command, states in _ALLOWED_FROM.items() if state in states),
            key=lambda command: command.value,
        )
    )


class _Model:
    """What the machine reads and writes: only the state."""

    def __init__(self, state: CaseState) -> None:
        self.state = state


class _Engine(threading.local):
    """One :class:`Lifecycle` machine per thread, reused for every command.

    Building a machine resolves its callbacks and inspects its model, which
    costs more than running an event, so each thread builds one and sets its
    model's state before each event. The machine keeps no case of its own:
    the outcome arrives with the event.
    """

    def __init__(self) -> None:
        self.model = _Model(CaseState.REPORTED)
        self.machine = Lifecycle(model=self.model)

    def run(
        self, state: CaseState, command: Command, outcome: Outcome, *, appeal_pending: bool
    ) -> CaseState:
        """The state the machine moves ``state`` to on ``command``."""
        if self.machine.is_terminated:
            # A machine stops for good on entering a final state and
            # python-statemachine has no public restart; only its engine
            # stopped, and a new engine costs a fraction of a new machine.
            self.machine._engine = self.machine._get_engine()
        self.model.state = state
        self.machine.send(command.value, outcome=outcome, appeal_pending=appeal_pending)
        return self.model.state


_ENGINE = _Engine()


@functools.cache
def _target(
    state: CaseState, command: Command, outcome: Outcome, *, appeal_pending: bool
) -> CaseState:
    """The state the machine moves ``state`` to on ``command``, asked of the
    machine once per combination and remembered.

    The machine's answer depends on nothing but these four values (its
    conditions read only ``outcome`` and ``appeal_pending``), so the few
    hundred combinations there are need running through it only once each;
    a refusal is not remembered and is asked again.
    """
    return _ENGINE.run(state, command, outcome, appeal_pending=appeal_pending)


def fire(
    state: CaseState,
    command: Command,
    check: Check,
    outcome: Outcome = None,
    *,
    appeal_pending: bool = False,
) -> CaseState:
    """Run ``command`` on a case in ``state``; return the state it moves to.

    ``check`` returns the unmet preconditions and is called exactly once;
    ``outcome`` picks the branch of ``complete_review`` and
    ``decide_appeal``, and ``appeal_pending`` (an appeal waits to be decided)
    whether a review that keeps the restrictions returns the case to
    ``appealed``. Raises :class:`TransitionNotAllowed` for the wrong
    state and :class:`PreconditionsNotMet` with every unmet condition.
    """
    if state not in _ALLOWED_FROM[command]:
        raise _refused(state, command)
    failures = check()
    if failures:
        raise PreconditionsNotMet(command.value, failures)
    if command in _OUTSIDE:
        return state
    try:
        return _target(state, command, outcome, appeal_pending=appeal_pending)
    except sm_errors.TransitionNotAllowed:
        raise _refused(state, command) from None


def _refused(state: CaseState, command: Command) -> TransitionNotAllowed:
    """The refusal of ``command`` on a case in ``state``, citing the section
    that gives the power to run it (its :data:`REGISTRY` entry's)."""
    return TransitionNotAllowed(
        command.value,
        state.value,
        (s.value for s in allowed_from(command)),
        REGISTRY[command].section,
    )


def mermaid() -> str:
    """The lifecycle as a Mermaid ``stateDiagram-v2``, rendered from the class."""
    return format(Lifecycle, "mermaid")


def transition_table() -> str:
    """The lifecycle's transitions as a Markdown table, rendered from the class."""
    return format(Lifecycle, "md")


def command_table(policy: Policy) -> str:
    """Each command, the states it is possible from, who may run it under
    ``policy`` and the section that gives the power, as a Markdown table."""
    rows = ["| command | possible when the case is | who may | section |", "|---|---|---|---|"]
    for command in Command:
        states = ", ".join(state.value for state in allowed_from(command)) or "(creates a case)"
        roles = "; ".join(sorted(policy.title(role) for role in policy.permissions[command]))
        rows.append(f"| `{command.value}` | {states} | {roles} | {REGISTRY[command].section} |")
    return "\n".join(rows) + "\n"
