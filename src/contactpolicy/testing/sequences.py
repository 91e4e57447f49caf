"""Whole command sequences: a hypothesis strategy for a case's story, told
as the commands an embedding system would send.

:func:`command_sequences` draws a report and then from ``min_steps`` to
``max_steps`` commands, at moments that only move forward. The story is
played as it is drawn, on a Casework of its own over a MemoryStore, so each
step is one the policy can allow given the story so far:

- a command the case's state allows (:func:`contactpolicy.lifecycle.available`)
  and that the case alone does not close
  (:func:`contactpolicy.casework.possible.possible`: no letter recorded
  for a decision already told, no lift while an appeal waits, 6.3, 8.1);
- sent by an officer the policy lets run it on this case
  (:func:`contactpolicy.domain.authority.authorise`): the withdrawal of a
  request by the officer who requested action, a warning by an officer
  within whose area the case is (6.1), an appeal heard by an officer not
  involved (8.1); an officer who acted before in the story, or a new one;
- with arguments the library accepts and the story allows: the customer
  told in writing, by letter or email (6.3,
  :data:`~contactpolicy.domain.decisions.WRITTEN`); no reason for immediate
  action once warned (6.3); an incident not already on file (7.4), half the
  time of a behaviour on file (contact continuing in the same manner,
  6.3); a fresh 6.2 assessment with varied restrictions (7.2, 8.1); a
  review started before the scheduled one comes due (its own guard,
  :func:`~contactpolicy.domain.preconditions.check_start_review`, 7.2) one
  on request or for a new issue (7.3);
- decided as a careful officer decides, on the library's own predicates:
  a designation on a warning only once contact continued after it
  (:func:`~contactpolicy.domain.grounds.contact_continued`, 6.3), one
  without a warning only on evidence of violence or threats inside the
  evidence window
  (:func:`~contactpolicy.domain.preconditions.immediate_action_justified`,
  6.3), the story recording such an incident first (under a policy that
  lists no behaviour for immediate action, none but one in ten drawn on
  purpose), and a review
  keeping the restrictions only on incidents since the last decision
  (:func:`~contactpolicy.domain.grounds.incidents_since`, 7.2),
  the story recording that incident first, or else the review lifting or
  only relaxing them (:func:`~contactpolicy.domain.restrictions.only_relaxed`);
  no lift while an appeal waits (8.1); a variation that differs from the
  restrictions in force (:func:`~contactpolicy.domain.restrictions.unchanged`),
  on appeal no stricter and only while they apply
  (:func:`~contactpolicy.domain.preconditions.stopped`, 8.1).

The days between steps are drawn so that a story usually acts before the
warning expires (6.3) and before the restrictions lapse at their review
day (7.2), and sometimes not (:meth:`_Story.days`). Commands that move the
story on (evidence, a warning, a decision, its letter, a review, an
appeal) are drawn four times as often as those that end it (close, no
action, lift) or record beside it (a note, a contact, a read, managers
told, a new named officer), and a review or an appeal waiting to be
decided twice as often again, so that many stories reach a designation,
and its reviews and appeals decided
(``tests/service/test_testing_sequences_reach.py`` measures how many).

A guard that weighs time or evidence may still refuse a step, on purpose:
evidence older than the window (``evidence_stale``, 6.2), no violence or
threats to justify immediate action (``immediate_action_not_justified``:
one in ten of the designations without a warning that the evidence on
file does not justify is sent as drawn, 6.3; over 300 stories, 2 of the
145 designations without a warning sent are refused), a warning expired
(``warning_expired``, 6.3), restrictions lapsed at an overdue review
(``restrictions_lapsed``, 7.2), a scheduled review not yet due
(``review_not_due``: one in ten of the scheduled reviews drawn before they
come due is sent as drawn). One in ten is the chance each such step is
given, a draw of its own, which hypothesis may repeat from one example to
the next: a run may send more or fewer. A refused step changes nothing,
and the story goes on from the state the case is in. Over 300
derandomized stories of up to twelve steps, 11 of 1,936 steps are
refused (0.6%; 83 of 1,997, 4.2%, before designations without a warning
and scheduled reviews were drawn this way).

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

A ``reassign`` step replaces an officer the restrictions in force on the
case name (5.1).

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
from typing import Any

import attrs
import pendulum
from hypothesis import strategies as st

from contactpolicy import lifecycle
from contactpolicy.audit.commands import REGISTRY
from contactpolicy.casework import Casework
from contactpolicy.casework.possible import possible
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.authority import authorise
from contactpolicy.domain.decisions import WRITTEN
from contactpolicy.domain.model import Case, Customer, Incident, Officer
from contactpolicy.domain.policy import MAIDSTONE, Policy
from contactpolicy.domain.preconditions import named, named_officers
from contactpolicy.domain.vocabulary import (
    Behaviour,
    CaseState,
    Channel,
    Command,
    ReadOutcome,
    ReviewTrigger,
)
from contactpolicy.errors import NotAuthorised, PolicyError
from contactpolicy.stores.memory import MemoryStore
from contactpolicy.testing import _careful, strategies

__all__ = ["MIN_STEPS", "START", "Step", "command_sequences"]

START = pendulum.datetime(2026, 1, 5, 9, tz="Europe/London")
"""When a drawn story begins, unless told otherwise."""

MIN_STEPS = 4
"""How many commands a drawn story sends after its report at least, unless
told otherwise (or fewer when ``max_steps`` is fewer): enough to warn or
designate and tell the customer, as hypothesis draws the fewest steps it
may in many of its examples."""


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


_TRIGGERS = sorted(ReviewTrigger, key=lambda trigger: trigger is ReviewTrigger.SCHEDULED)
"""The review triggers, a scheduled review, which starts only once due
(7.2), last: the others start at any time (7.3, on request)."""

_CREATE = frozenset({Command.REPORT, Command.RAISE_CONCERN})
"""The commands that create a case: a sequence begins with a report (6.1)."""

_NOT_DRAWN = frozenset({Command.PURGE, Command.RECTIFY, Command.RECORD_CORRECTION_TOLD})
"""Commands no story draws: a purge is a run over the whole store, years
after a case ends (``Casework.purge``, 7.2); a correction, and the answer to
one that changed a letter already sent, change no state
(``tests/service/test_rectify.py``, ``tests/service/test_letters_corrected.py``)."""

IncidentParts = tuple[Behaviour, int, Channel, str]
"""What an incident is drawn as: its behaviour, how many minutes before the
step it happened, its channel and its description."""


def _incident(parts: IncidentParts, at: pendulum.DateTime) -> Incident:
    behaviour, minutes, channel, description = parts
    return Incident(behaviour, at.subtract(minutes=minutes), channel, description)


@attrs.frozen
class _Parts:
    """The strategies a sequence is drawn from, built once for a policy:
    building hypothesis strategies costs more than drawing from them."""

    officers: Mapping[Command, st.SearchStrategy[Officer]]
    customer: st.SearchStrategy[Customer]
    issue: st.SearchStrategy[str]
    incident: st.SearchStrategy[IncidentParts]
    arguments: Mapping[Command, st.SearchStrategy[dict[str, Any]]]
    days: st.SearchStrategy[int]
    immediate: tuple[Behaviour, ...]
    policy: Policy

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
        assessment = strategies.assessments(passing=True)
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
                    "assessment": assessment,
                    "restrictions": restriction_sets,
                    "reasons": text,
                    "without_warning_because": text,
                    "council_wide_because": text,
                }
            ),
            # In writing (6.3): by letter or email.
            Command.RECORD_COMMUNICATED: st.fixed_dictionaries(
                {"method": st.sampled_from(sorted(WRITTEN, key=lambda channel: channel.value))}
            ),
            Command.RECORD_NOT_TOLD: st.fixed_dictionaries({"reason": text}),
            Command.START_REVIEW: st.fixed_dictionaries({"trigger": st.sampled_from(_TRIGGERS)}),
            Command.APPEAL: st.fixed_dictionaries({"grounds": text}),
            Command.RECORD_INFORMED: st.fixed_dictionaries(
                {"recipients": st.lists(text.filter(named), min_size=1, max_size=2)}
            ),
            # The outcome is drawn as the case allows (_arguments).
            Command.COMPLETE_REVIEW: st.fixed_dictionaries(
                {"notes": text, "restrictions": restriction_sets, "assessment": assessment}
            ),
            Command.DECIDE_APPEAL: st.fixed_dictionaries(
                {"reasons": text, "restrictions": restriction_sets, "assessment": assessment}
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
            policy=policy,
            immediate=tuple(immediate),
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
            # Days apart, half the time within a month: a story moves on
            # before its evidence is stale or its review overdue, and
            # sometimes not (6.2, 6.3, 7.2).
            days=st.integers(0, 30) | st.integers(0, 200),
        )


_ENDING = frozenset({Command.CLOSE, Command.DECIDE_NO_ACTION, Command.LIFT})
"""The commands that end a story (6.1, 7.2)."""

_ASIDE = frozenset(
    {
        Command.ADD_NOTE,
        Command.CONTACT_RECEIVED,
        Command.RECORD_READ,
        Command.RECORD_INFORMED,
        Command.REASSIGN,
    }
)
"""The commands that record what happened beside the story and move it on
to no decision (7.4, 5.1, 9.1)."""

_AWAITED = frozenset({Command.COMPLETE_REVIEW, Command.DECIDE_APPEAL})
"""The decisions a case waits on once asked for: a review started (7.2), an
appeal received (8.1), drawn twice as often again as the other commands
that move the story on, as the council decides them within weeks."""

_EVIDENCE = frozenset({Command.ADD_INCIDENT, Command.WARN})
"""The commands that gather the evidence a decision rests on (6.2, 6.3):
listed after the decisions, which hypothesis draws first in its simplest
examples, so that those examples reach a decision too."""

_WEIGHT = 4
"""How many times more often a step sends a command that moves the story
on (evidence, a warning, a decision, its letter, a review, an appeal) than
one of :data:`_ENDING` or :data:`_ASIDE`, so that many stories reach a
designation, and its reviews and appeals."""


class _Story:
    """The story drawn so far, played on a Casework of its own over a
    MemoryStore: its case as the policy left it (a refused step changes
    nothing) and the officers who have acted in it, so that each next step
    is one the case's state allows, that the case alone does not close
    (:func:`~contactpolicy.casework.possible.possible`), by an officer the
    policy lets run it on this case
    (:func:`~contactpolicy.domain.authority.authorise`)."""

    def __init__(self, policy: Policy, report: Step) -> None:
        self.policy = policy
        self.clock = FrozenClock(report.at)
        self.casework = Casework(MemoryStore(), policy, self.clock)
        self.case = report.run(self.casework, self.clock)
        self.cast = [report.by]

    def open(self, at: pendulum.DateTime) -> list[Command]:
        """The commands a step at ``at`` may send, the decisions first and
        each as often as :data:`_WEIGHT` says; the customer's contact, which
        the case's state allows but :func:`possible` does not list, is made
        at the point of contact."""
        found = [*possible(self.case, self.policy, at).allowed]
        if Command.CONTACT_RECEIVED in lifecycle.available(self.case.state):
            found.append(Command.CONTACT_RECEIVED)
        drawn = sorted(
            (command for command in found if command not in _NOT_DRAWN),
            key=lambda command: (command in _ENDING | _ASIDE, command in _EVIDENCE),
        )
        return [
            command
            for command in drawn
            for _ in range(
                1 if command in _ENDING | _ASIDE else _WEIGHT * (2 if command in _AWAITED else 1)
            )
        ]

    def may(self, command: Command, officer: Officer) -> bool:
        """Whether ``officer``, holding only roles the policy lets run
        ``command``, may run it on the case (6.1, 8.1: the authority's own
        rules, never a copy)."""
        if not officer.roles <= self.policy.permissions[command]:
            return False
        try:
            authorise(self.policy, command, REGISTRY[command].section, officer, self.case)
        except NotAuthorised:
            return False
        return True

    def days(self, draw: st.DrawFn, days: st.SearchStrategy[int], at: pendulum.DateTime) -> int:
        """The days from ``at`` to the next step, drawn from ``days``: three
        times in four, no later than two days before the nearest window of
        the case closes (:meth:`closes`), so that a story usually acts in
        time, and sometimes not."""
        drawn = draw(days)
        closes = self.closes()
        if closes is None:
            return drawn
        room = max((closes - self.policy.date_of(at)).days - 2, 0)
        if drawn <= room or draw(st.integers(0, 3)) == 0:
            return drawn
        return draw(st.integers(0, room))

    def closes(self) -> pendulum.Date | None:
        """The day the nearest window of the case closes, in the policy's
        time zone, or ``None``: while warned, the day the warning expires
        (:meth:`~contactpolicy.Policy.warning_expires`, 6.3), after which it
        supports no designation; while restrictions are in force and have
        not lapsed, the day after their review day
        (:attr:`~contactpolicy.Case.review_due`), from which they lapse and
        an appeal is no longer varied (7.2, 8.1)."""
        case = self.case
        if case.state is CaseState.WARNED and case.warning is not None:
            return self.policy.date_of(self.policy.warning_expires(case.warning.given_at))
        if case.review_due is not None and not case.lapsed(self.clock.now(), self.policy):
            return case.review_due.add(days=1)
        return None

    def play(self, step: Step) -> None:
        """Send ``step``; a refused one changes nothing."""
        try:
            self.case = step.run(self.casework, self.clock, self.case.id)
        except PolicyError:
            return
        if step.by not in self.cast:
            self.cast.append(step.by)


def _incident_now(
    draw: st.DrawFn,
    parts: _Parts,
    case: Case,
    at: pendulum.DateTime,
    *,
    continuing: bool,
    justifying: bool,
) -> Incident:
    """An incident recorded at ``at``, not already on file (7.4), after
    what it continues (:func:`~contactpolicy.testing._careful.since`); of
    a behaviour the policy lists for immediate action when ``justifying``
    (6.3); else of a behaviour on file, or one the warning was about while
    warned, when ``continuing`` and half the time otherwise (contact
    continuing in the same manner, 6.3)."""
    behaviour, minutes, channel, description = draw(parts.incident)
    warning = case.warning if case.state is CaseState.WARNED else None
    warned = sorted(warning.behaviours, key=lambda each: each.value) if warning else []
    on_file = warned or [each.behaviour for each in case.incidents]
    if justifying:
        behaviour = draw(st.sampled_from(parts.immediate))
    elif on_file and (continuing or draw(st.booleans())):
        behaviour = draw(st.sampled_from(on_file))
    since = _careful.since(case)
    if since is not None:
        minutes = min(minutes, max((at - since).in_minutes() - 1, 0))
    incident = _incident((behaviour, minutes, channel, description), at)
    while incident in case.incidents:
        # An incident on file is not recorded twice (7.4): a minute earlier, it is another.
        incident = attrs.evolve(incident, occurred_at=incident.occurred_at.subtract(minutes=1))
    return incident


def _arguments(
    draw: st.DrawFn,
    parts: _Parts,
    case: Case,
    command: Command,
    at: pendulum.DateTime,
    *,
    continuing: bool = False,
    justifying: bool = False,
) -> dict[str, Any]:
    """The arguments of ``command`` at ``at`` on ``case``, as the story so
    far allows them; an incident ``continuing`` the customer's contact
    after the warning or the last decision, or ``justifying`` immediate
    action (:func:`_incident_now`)."""
    arguments = dict(draw(parts.arguments[command]))
    if command is Command.ADD_INCIDENT:
        arguments["incident"] = _incident_now(
            draw, parts, case, at, continuing=continuing, justifying=justifying
        )
    if command is Command.RECORD_COMMUNICATED:
        arguments["at"] = at
    if command is Command.CONTACT_RECEIVED:
        arguments["contact"] = attrs.evolve(arguments["contact"], at=at)
    if command is Command.DESIGNATE and case.warning is not None:
        # Warned first, there is no immediate action to justify (6.3).
        arguments["without_warning_because"] = None
    if command is Command.START_REVIEW:
        arguments["trigger"] = _careful.review_trigger(
            draw, parts.policy, case, at, arguments["trigger"]
        )
    if command is Command.COMPLETE_REVIEW:
        arguments = _careful.review(draw, case, arguments)
    if command is Command.DECIDE_APPEAL:
        arguments = _careful.appeal_decision(draw, parts.policy, case, at, arguments)
    if command is Command.REASSIGN:
        named = named_officers(case.restrictions)
        arguments["old_officer_id"] = draw(
            st.sampled_from(named) if named else strategies.identifiers()
        )
    return arguments


def _step(draw: st.DrawFn, parts: _Parts, story: _Story, at: pendulum.DateTime) -> Step | None:
    """The next step at ``at``: a command open on the story's case, by an
    officer who may run it (one who acted before, or a new one), or
    ``None`` when nobody may run any. A designation or a review the
    customer's contact has not yet grounded is the incident recorded first
    (:func:`~contactpolicy.testing._careful.continues_first`), a minute
    after what it continues at the earliest, and so is a designation
    without a warning that no violence or threats justify
    (:func:`~contactpolicy.testing._careful.justifies_first`); one that
    nothing could justify is mostly not sent
    (:func:`~contactpolicy.testing._careful.unwarned`)."""
    choices = story.open(at)
    while choices:
        drawn = draw(st.sampled_from(choices))
        if _careful.unwarned(draw, parts.policy, story.case, drawn):
            choices = [each for each in choices if each is not drawn]
            continue
        continuing = _careful.continues_first(draw, story.case, drawn)
        justifying = _careful.justifies_first(draw, parts.policy, story.case, drawn, at)
        command = Command.ADD_INCIDENT if continuing or justifying else drawn
        candidates = [*story.cast, draw(parts.officers[command])]
        allowed = [officer for officer in candidates if story.may(command, officer)]
        if allowed:
            by = draw(st.sampled_from(allowed))
            since = _careful.since(story.case)
            if continuing and since is not None:
                at = max(at, since.add(minutes=1))
            arguments = _arguments(
                draw,
                parts,
                story.case,
                command,
                at,
                continuing=continuing,
                justifying=justifying,
            )
            return Step(command, by, at, arguments)
        choices = [each for each in choices if each not in (drawn, command)]
    return None


@st.composite
def _sequence(
    draw: st.DrawFn, parts: _Parts, start: pendulum.DateTime, min_steps: int, max_steps: int
) -> list[Step]:
    at = start
    customer = draw(parts.customer)
    incidents = [
        _incident(each, at) for each in draw(st.lists(parts.incident, min_size=1, max_size=3))
    ]
    report = {"customer": customer, "issue": draw(parts.issue), "incidents": incidents}
    steps = [Step(Command.REPORT, draw(parts.officers[Command.REPORT]), at, report)]
    story = _Story(parts.policy, steps[0])
    for _ in range(draw(st.integers(min_steps, max_steps))):
        at = at.add(days=story.days(draw, parts.days, at), minutes=draw(st.integers(0, 600)))
        step = _step(draw, parts, story, at)
        if step is None:
            break
        story.play(step)
        steps.append(step)
        at = step.at
    return steps


def command_sequences(
    policy: Policy = MAIDSTONE,
    *,
    start: pendulum.DateTime = START,
    max_steps: int = 10,
    min_steps: int | None = None,
) -> st.SearchStrategy[list[Step]]:
    """A report at ``start`` and ``min_steps`` (:data:`MIN_STEPS`, or
    ``max_steps`` if fewer) to ``max_steps`` commands after it, each one
    ``policy`` can allow given the story so far, by an officer it lets run
    it on the case, with arguments it accepts, days or months apart; a
    guard weighing time or evidence may still refuse one (see the module).
    The same stories in every run, whatever else the run loads, are drawn
    with :data:`~contactpolicy.testing.profiles.REPRODUCIBLE` inside
    :func:`~contactpolicy.testing.profiles.reproducible`."""
    least = min(MIN_STEPS, max_steps) if min_steps is None else min_steps
    return _sequence(_Parts.of(policy), start, least, max_steps)
