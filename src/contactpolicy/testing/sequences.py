"""Whole command sequences: a hypothesis strategy for a case's story, told
as the commands an embedding system would send.

:func:`command_sequences` draws a report and then up to ``max_steps``
commands, each one the lifecycle allows after the one before
(:func:`contactpolicy.lifecycle.available`, the machine's own answer), with
valid arguments, by an officer the policy lets run it, at moments that only
move forward. A guard may still refuse a step (a review not yet due, an
appeal heard by whoever designated, 8.1); then the rest of the story
follows a state the case never reached, and is refused too, changing
nothing, as the policy requires.

>>> from hypothesis import given, settings
>>> from contactpolicy import Casework, FrozenClock
>>> from contactpolicy.errors import PolicyError
>>> from contactpolicy.stores import MemoryStore
>>> @settings(max_examples=10, deadline=None)
... @given(command_sequences())
... def every_step_adds_one_event_or_nothing(steps):
...     clock = FrozenClock(steps[0].at)
...     casework = Casework(MemoryStore(), clock=clock)
...     case = steps[0].run(casework, clock)
...     for step in steps[1:]:
...         before = casework.get(case.id)
...         try:
...             case = step.run(casework, clock, case.id)
...         except PolicyError:
...             assert casework.get(case.id) == before
...         else:
...             assert case.version == before.version + 1
>>> every_step_adds_one_event_or_nothing()
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import pendulum
from hypothesis import strategies as st

from contactpolicy import lifecycle
from contactpolicy.domain.model import Case, Customer, Incident, Officer
from contactpolicy.domain.policy import MAIDSTONE, Policy
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    CaseState,
    Channel,
    Command,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.testing import strategies

if TYPE_CHECKING:
    from contactpolicy.casework import Casework
    from contactpolicy.clock import FrozenClock

__all__ = ["START", "Step", "command_sequences"]

START = pendulum.datetime(2026, 1, 5, 9, tz="Europe/London")
"""When a drawn story begins, unless told otherwise."""


@attrs.frozen
class Step:
    """One command of a drawn sequence: the command, the officer who sends
    it, when (the clock is set to ``at`` first) and its other arguments, by
    name, as :class:`~contactpolicy.Casework` takes them."""

    command: Command
    by: Officer
    at: pendulum.DateTime
    arguments: Mapping[str, Any]

    def run(self, casework: Casework, clock: FrozenClock, case_id: str | None = None) -> Case:
        """Set ``clock`` to ``at`` and send the command for ``case_id`` (none
        for ``report``); return the case, or raise as the command does."""
        clock.set(self.at)
        send: Callable[..., Case] = getattr(casework, self.command.value)
        if self.command is Command.REPORT:
            return send(by=self.by, **self.arguments)
        return send(case_id, by=self.by, **self.arguments)


_OUTCOMES: Mapping[Command, st.SearchStrategy[Any]] = {
    Command.COMPLETE_REVIEW: st.sampled_from(ReviewOutcome),
    Command.DECIDE_APPEAL: st.sampled_from(AppealOutcome),
}
"""The commands whose outcome picks the state the case moves to."""

_VARIED = frozenset({ReviewOutcome.VARY, AppealOutcome.VARIED})


def _incident(policy: Policy, at: pendulum.DateTime) -> st.SearchStrategy[Incident]:
    """An incident before ``at``, half the time of a behaviour the policy
    lists for immediate action (6.3), so a designation without warning can
    succeed."""
    immediate = [each for each in Behaviour if each in policy.immediate_action_behaviours]
    behaviours = st.sampled_from(Behaviour)
    if immediate:
        behaviours = st.sampled_from(immediate) | behaviours
    return st.builds(
        Incident,
        behaviour=behaviours,
        occurred_at=st.integers(0, 60 * 24).map(lambda minutes: at.subtract(minutes=minutes)),
        channel=st.sampled_from(Channel),
        description=strategies.hostile_text(),
    )


def _arguments(
    draw: st.DrawFn, policy: Policy, command: Command, outcome: Any, at: pendulum.DateTime
) -> dict[str, Any]:
    """Valid arguments for ``command`` sent at ``at``."""
    text = strategies.texts(1, 60)
    if command is Command.ADD_INCIDENT:
        return {"incident": draw(_incident(policy, at))}
    if command is Command.ADD_NOTE:
        return {"text": draw(strategies.hostile_text())}
    if command is Command.WARN:
        measures = draw(st.lists(text, max_size=2))
        return {"method": draw(st.sampled_from(Channel)), "measures": measures}
    if command in (Command.CLOSE, Command.LIFT):
        return {"reason": draw(text)}
    if command is Command.DESIGNATE:
        return {
            "assessment": draw(strategies.assessments(passing=True)),
            "restrictions": draw(strategies.restriction_sets()),
            "reasons": draw(text),
            "without_warning_because": draw(text),
        }
    if command is Command.RECORD_COMMUNICATED:
        return {"at": at, "method": draw(st.sampled_from(Channel))}
    if command is Command.START_REVIEW:
        return {"trigger": draw(st.sampled_from(ReviewTrigger))}
    if command is Command.APPEAL:
        return {"grounds": draw(text)}
    if command is Command.RECORD_INFORMED:
        return {"recipients": draw(st.lists(text, min_size=1, max_size=2))}
    words = "notes" if command is Command.COMPLETE_REVIEW else "reasons"
    varied = draw(strategies.restriction_sets()) if outcome in _VARIED else None
    return {"outcome": outcome, words: draw(text), "restrictions": varied}


@st.composite
def _sequence(
    draw: st.DrawFn, policy: Policy, start: pendulum.DateTime, max_steps: int
) -> list[Step]:
    at = start

    def by(command: Command) -> Officer:
        return draw(strategies.officers(policy, policy.permissions[command]))

    customer = draw(
        st.builds(Customer, id=strategies.identifiers(), name=strategies.hostile_text())
    )
    incidents = draw(st.lists(_incident(policy, at), min_size=1, max_size=3))
    report = {"customer": customer, "issue": draw(strategies.issues()), "incidents": incidents}
    steps = [Step(Command.REPORT, by(Command.REPORT), at, report)]
    state = CaseState.REPORTED
    for _ in range(draw(st.integers(0, max_steps))):
        possible = lifecycle.available(state)
        if not possible:
            break
        command = draw(st.sampled_from(possible))
        outcome = draw(_OUTCOMES[command]) if command in _OUTCOMES else None
        at = at.add(days=draw(st.integers(0, 200)), minutes=draw(st.integers(0, 600)))
        steps.append(Step(command, by(command), at, _arguments(draw, policy, command, outcome, at)))
        state = lifecycle.fire(state, command, lambda: [], outcome)
    return steps


def command_sequences(
    policy: Policy = MAIDSTONE, *, start: pendulum.DateTime = START, max_steps: int = 10
) -> st.SearchStrategy[list[Step]]:
    """A report at ``start`` and up to ``max_steps`` commands after it, each
    one the lifecycle allows after the steps before, by an officer
    ``policy`` allows, with valid arguments, days or months apart (see the
    module's example)."""
    return _sequence(policy, start, max_steps)
