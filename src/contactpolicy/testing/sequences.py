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

Every command of the library can be a step. Two are not sent by name as
the others are, because the point of contact makes them:

- ``contact_received`` is no command a caller runs: it is recorded by
  :meth:`~contactpolicy.Casework.decide_contact` when a contact calls for it
  (correspondence refused or filed, 5.1; a new issue, 7.3). Its step is the
  customer's contact (``arguments["contact"]``, made at the step's time),
  decided at the point of contact: it leaves one event on the case, or
  none when the contact asks nothing of it, and is never refused.
- ``record_read`` names a contact id, which the store gives when the
  contact is logged, so no drawn value can hold it: its step reads the
  correspondence on the case that has waited longest (:meth:`to_read
  <contactpolicy.Casework.to_read>`), with the drawn ``outcome``, and sends
  nothing when none waits.

A ``reassign`` step replaces an officer the restrictions drawn before it
name (any officer's id when none is named, which the guard refuses).

>>> from hypothesis import given, settings
>>> from contactpolicy import Casework, FrozenClock
>>> from contactpolicy.errors import PolicyError
>>> from contactpolicy.stores import MemoryStore
>>> @settings(max_examples=10, deadline=None)
... @given(command_sequences())
... def every_step_adds_its_event_or_changes_nothing(steps):
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
...             assert case.version - before.version <= 1
...             assert len(casework.history(case.id)) == case.version
>>> every_step_adds_its_event_or_changes_nothing()
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
from contactpolicy.domain.preconditions import named, named_officers
from contactpolicy.domain.restrictions import Restriction, tightened
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    CaseState,
    Channel,
    Command,
    ReadOutcome,
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
        for ``report``); return the case, or raise as the command does. A
        contact is decided for the case's customer, and a read names the
        correspondence waiting longest on the case (see the module)."""
        clock.set(self.at)
        if self.command is Command.REPORT:
            return casework.report(by=self.by, **self.arguments)
        assert case_id is not None, "every step after the report names its case"
        if self.command is Command.CONTACT_RECEIVED:
            customer_id = casework.store.load(case_id).customer.id
            casework.decide_contact(customer_id, self.arguments["contact"], by=self.by)
            return casework.store.load(case_id)
        send: Callable[..., Case] = getattr(casework, self.command.value)
        if self.command is Command.RECORD_READ:
            waiting = [item.contact_id for found, item in casework.to_read() if found == case_id]
            if not waiting:
                return casework.store.load(case_id)
            return send(waiting[0], by=self.by, **self.arguments)
        return send(case_id, by=self.by, **self.arguments)


_VARIED = frozenset({ReviewOutcome.VARY, AppealOutcome.VARIED})

_CREATE = frozenset({Command.REPORT, Command.RAISE_CONCERN})
"""The commands that create a case: a sequence begins with a report (6.1)."""

_NOT_DRAWN = frozenset({Command.PURGE, Command.RECTIFY})
"""Commands no story draws: a purge is a run over the whole store, years
after a case ends (``Casework.purge``, 7.2); a correction changes no state
(``tests/service/test_rectify.py``)."""

IncidentParts = tuple[Behaviour, int, Channel, str]
"""What an incident is drawn as: its behaviour, how many minutes before the
step it happened, its channel and its description."""


def _incident(parts: IncidentParts, at: pendulum.DateTime) -> Incident:
    behaviour, minutes, channel, description = parts
    return Incident(behaviour, at.subtract(minutes=minutes), channel, description)


def _no_stricter(drawn: list[Restriction], decided: list[Restriction]) -> list[Restriction]:
    """What an appeal's variation sets (8.1, ``appeal_tightens``): of the
    restrictions drawn, those no stricter than the ones last decided
    (:func:`~contactpolicy.domain.restrictions.tightened`), else those less
    the first: an appeal never adds to or tightens the restrictions."""
    return [each for each in drawn if not tightened(decided, (each,))] or decided[1:]


def _decided(outcome: Any, words: str, text: str, chosen: Any) -> dict[str, Any]:
    """The arguments of a command whose outcome picks the next state: new
    restrictions only with an outcome that varies them."""
    return {"outcome": outcome, words: text, "restrictions": chosen if outcome in _VARIED else None}


@attrs.frozen
class _Parts:
    """The strategies a sequence is drawn from, built once for a policy:
    building hypothesis strategies costs more than drawing from them."""

    officers: Mapping[Command, st.SearchStrategy[Officer]]
    customer: st.SearchStrategy[Customer]
    issue: st.SearchStrategy[str]
    incident: st.SearchStrategy[IncidentParts]
    arguments: Mapping[Command, st.SearchStrategy[dict[str, Any]]]
    commands: Mapping[CaseState, st.SearchStrategy[Command]]

    @classmethod
    def of(cls, policy: Policy) -> _Parts:
        immediate = [each for each in Behaviour if each in policy.immediate_action_behaviours]
        behaviours = st.sampled_from(Behaviour)
        if immediate:
            # Half the time a behaviour the policy lists for immediate action
            # (6.3), so a designation without a warning can succeed.
            behaviours = st.sampled_from(immediate) | behaviours
        text = strategies.statements(1, 60)
        channels = st.sampled_from(Channel)
        restriction_sets = strategies.restriction_sets()
        arguments: dict[Command, st.SearchStrategy[dict[str, Any]]] = {
            Command.ADD_INCIDENT: st.just({}),
            Command.ADD_NOTE: st.fixed_dictionaries({"text": strategies.hostile_text()}),
            Command.WARN: st.fixed_dictionaries(
                {"method": channels, "measures": st.lists(text, max_size=2)}
            ),
            Command.CLOSE: st.fixed_dictionaries({"reason": text}),
            Command.DECIDE_NO_ACTION: st.fixed_dictionaries({"reasons": text}),
            Command.REQUEST: st.fixed_dictionaries({"issue": strategies.issues()}),
            Command.LIFT: st.fixed_dictionaries({"reason": text}),
            Command.DESIGNATE: st.fixed_dictionaries(
                {
                    "assessment": strategies.assessments(passing=True),
                    "restrictions": restriction_sets,
                    "reasons": text,
                    "without_warning_because": text,
                    "council_wide_because": text,
                }
            ),
            Command.RECORD_COMMUNICATED: st.fixed_dictionaries({"method": channels}),
            Command.RECORD_NOT_TOLD: st.fixed_dictionaries({"reason": text}),
            Command.START_REVIEW: st.fixed_dictionaries(
                {"trigger": st.sampled_from(ReviewTrigger)}
            ),
            Command.APPEAL: st.fixed_dictionaries({"grounds": text}),
            Command.RECORD_INFORMED: st.fixed_dictionaries(
                {"recipients": st.lists(text.filter(named), min_size=1, max_size=2)}
            ),
            Command.COMPLETE_REVIEW: st.builds(
                _decided, st.sampled_from(ReviewOutcome), st.just("notes"), text, restriction_sets
            ),
            Command.DECIDE_APPEAL: st.builds(
                _decided, st.sampled_from(AppealOutcome), st.just("reasons"), text, restriction_sets
            ),
            Command.REASSIGN: st.fixed_dictionaries(
                {"new_officer_id": strategies.identifiers(), "reason": text}
            ),
            Command.CONTACT_RECEIVED: st.fixed_dictionaries({"contact": strategies.contacts()}),
            Command.RECORD_READ: st.fixed_dictionaries({"outcome": st.sampled_from(ReadOutcome)}),
        }
        missing = set(Command) - _CREATE - _NOT_DRAWN - set(arguments)
        if missing:
            names = ", ".join(sorted(command.value for command in missing))
            raise NotImplementedError(f"command_sequences has no arguments for {names}")
        return cls(
            officers={
                command: strategies.officers(policy, policy.permissions[command])
                for command in Command
            },
            customer=st.builds(
                Customer, id=strategies.identifiers(), name=strategies.hostile_text()
            ),
            issue=strategies.issues(),
            incident=st.tuples(
                behaviours, st.integers(0, 60 * 24), channels, strategies.hostile_text()
            ),
            arguments=arguments,
            commands={
                state: st.sampled_from(_drawn(state)) for state in CaseState if _drawn(state)
            },
        )


def _drawn(state: CaseState) -> list[Command]:
    """The commands a story may draw for a case in ``state``."""
    return [command for command in lifecycle.available(state) if command not in _NOT_DRAWN]


@st.composite
def _sequence(
    draw: st.DrawFn, parts: _Parts, start: pendulum.DateTime, max_steps: int
) -> list[Step]:
    at = start
    customer = draw(parts.customer)
    incidents = [
        _incident(each, at) for each in draw(st.lists(parts.incident, min_size=1, max_size=3))
    ]
    report = {"customer": customer, "issue": draw(parts.issue), "incidents": incidents}
    steps = [Step(Command.REPORT, draw(parts.officers[Command.REPORT]), at, report)]
    state = CaseState.REPORTED
    named: list[str] = []
    decided: list[Restriction] = []
    for _ in range(draw(st.integers(0, max_steps))):
        if state not in parts.commands:
            break
        command = draw(parts.commands[state])
        at = at.add(days=draw(st.integers(0, 200)), minutes=draw(st.integers(0, 600)))
        arguments = dict(draw(parts.arguments[command]))
        if command is Command.ADD_INCIDENT:
            arguments["incident"] = _incident(draw(parts.incident), at)
        if command is Command.RECORD_COMMUNICATED:
            arguments["at"] = at
        if command is Command.CONTACT_RECEIVED:
            arguments["contact"] = attrs.evolve(arguments["contact"], at=at)
        if command is Command.REASSIGN:
            arguments["old_officer_id"] = draw(
                st.sampled_from(named) if named else strategies.identifiers()
            )
        if command is Command.DECIDE_APPEAL and arguments.get("restrictions") is not None:
            arguments["restrictions"] = _no_stricter(arguments["restrictions"], decided)
        if arguments.get("restrictions") is not None:
            named = named_officers(arguments["restrictions"])
            decided = list(arguments["restrictions"])
        steps.append(Step(command, draw(parts.officers[command]), at, arguments))
        state = lifecycle.fire(state, command, lambda: [], arguments.get("outcome"))
    return steps


def command_sequences(
    policy: Policy = MAIDSTONE, *, start: pendulum.DateTime = START, max_steps: int = 10
) -> st.SearchStrategy[list[Step]]:
    """A report at ``start`` and up to ``max_steps`` commands after it, each
    one the lifecycle allows after the steps before, by an officer
    ``policy`` allows, with valid arguments, days or months apart (see the
    module's example)."""
    return _sequence(_Parts.of(policy), start, max_steps)
