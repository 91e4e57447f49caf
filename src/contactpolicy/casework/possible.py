"""What an officer can do on a case now: the commands its state allows,
less those a guard would refuse whatever the officer gave it.

The lifecycle says which commands a case's state allows
(:func:`contactpolicy.lifecycle.available`); some of them a guard then
refuses on the case alone: telling the customer of a decision they were
already told of, lifting restrictions while an appeal waits, naming a new
officer in restrictions that lapsed. :func:`possible` answers both, running
each command's own guard (its entry in
:mod:`contactpolicy.audit.commands`) and the service's own case checks (a
case erased past retention, :func:`contactpolicy.casework.retention.not_erased`),
never a copy of their rules. ``show`` prints it as "Possible now".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs
import pendulum

from contactpolicy import lifecycle
from contactpolicy.audit.commands import REGISTRY
from contactpolicy.casework import retention
from contactpolicy.domain.decisions import notice_required
from contactpolicy.domain.follow_up import unreviewable
from contactpolicy.domain.grounds import warned_about
from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.preconditions import appeal_follows, named_officers
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Channel,
    Command,
    ReadOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy.errors import Failure

__all__ = ["NOT_ON_A_CASE", "Possible", "possible"]

NOT_ON_A_CASE = frozenset(
    {Command.REPORT, Command.RAISE_CONCERN, Command.CONTACT_RECEIVED, Command.PURGE}
)
"""The commands :func:`possible` never lists: ``report`` and
``raise_concern`` open a case; ``contact_received`` is recorded at the point
of contact (``decide_contact``), not run by an officer; ``purge`` is a run
over the whole store past retention (7.2), not a command on one case."""

_GIVEN = "given"
"""The text a probe gives where a command needs text (a reason, grounds):
required text is checked before the guard, so the guard sees some."""

_ANY_READER = Officer("records", "the Policy and Information team", {Role.RECORDS})
"""Who a probe reads correspondence as: the Policy and Information team,
who may read any of it (5.1), so only whether some waits is asked."""

Probe = Callable[[Case, Policy, pendulum.DateTime], list[Failure]]


def _guard(command: Command, *arguments: Any) -> list[Failure]:
    """``command``'s guard as the registry holds it and the service runs it."""
    failures: list[Failure] = REGISTRY[command].guard(*arguments)
    return failures


def _warn(case: Case, _policy: Policy, now: pendulum.DateTime) -> list[Failure]:
    # The service's defaults: given now, about every incident on file.
    incidents, behaviours = warned_about(case, None, None)
    return _guard(Command.WARN, case, (), now, incidents, behaviours, now)


def _communicated(case: Case, policy: Policy, now: pendulum.DateTime) -> list[Failure]:
    # By letter, covering what the decision needs told, at the moment it
    # was taken: never before it, nor later than the command would run (the
    # service runs a command no earlier than the case's last event).
    decision = case.decision
    at = now if decision is None else decision.decided_at
    covered = notice_required(() if decision is None else decision.restrictions)
    return _guard(
        Command.RECORD_COMMUNICATED, case, policy, at, Channel.LETTER, covered, max(now, at)
    )


def _not_told(case: Case, _policy: Policy, _now: pendulum.DateTime) -> list[Failure]:
    return _guard(Command.RECORD_NOT_TOLD, case)


def _correction_told(case: Case, _policy: Policy, now: pendulum.DateTime) -> list[Failure]:
    # With the reason it is not sent: no time nor method to weigh.
    return _guard(Command.RECORD_CORRECTION_TOLD, case, None, None, now)


def _start_review(case: Case, policy: Policy, now: pendulum.DateTime) -> list[Failure]:
    # A review on request may start at any time (7.2).
    return _guard(Command.START_REVIEW, case, policy, ReviewTrigger.REQUESTED, now)


def _appeal(case: Case, _policy: Policy, now: pendulum.DateTime) -> list[Failure]:
    # Received when the designation it appeals was decided: never before it (8.1).
    received = appeal_follows(case)
    return _guard(Command.APPEAL, case, _GIVEN, received, max(now, received))


def _decide_appeal(case: Case, policy: Policy, now: pendulum.DateTime) -> list[Failure]:
    # Dismissed: no new restrictions, assessment, services nor adjustments to give.
    return _guard(
        Command.DECIDE_APPEAL,
        case,
        policy,
        now,
        AppealOutcome.DISMISSED,
        _GIVEN,
        None,
        None,
        None,
        None,
    )


def _lift(case: Case, _policy: Policy, _now: pendulum.DateTime) -> list[Failure]:
    return _guard(Command.LIFT, case, _GIVEN)


def _reassign(case: Case, policy: Policy, now: pendulum.DateTime) -> list[Failure]:
    # The first officer the decision names, by someone else; with none
    # named there is nobody to replace, whoever the officer names.
    agreed = () if case.designation is None else case.designation.adjustments
    named = [*named_officers(case.restrictions), *(each.officer_id for each in agreed)]
    old = next((officer for officer in named if officer), "")
    return _guard(Command.REASSIGN, case, policy, now, old, f"{old}+", _GIVEN)


def _record_read(case: Case, policy: Policy, _now: pendulum.DateTime) -> list[Failure]:
    # The correspondence waiting longest, else the safeguard exercised at the
    # point of contact waiting longest, else the finding no review can take
    # up (under its own outcome), read or dealt with by the Policy and
    # Information team, with a reason.
    waiting = [
        *((item.contact_id, ReadOutcome.NOTHING_NEW) for item in case.to_read),
        *((item.contact_id, ReadOutcome.NOTHING_NEW) for item in case.to_act_on),
        *((marker.contact_id, marker.found) for marker in unreviewable(case)),
    ]
    contact_id, outcome = next(iter(waiting), (0, ReadOutcome.NOTHING_NEW))
    return _guard(Command.RECORD_READ, case, policy, contact_id, _ANY_READER, outcome, _GIVEN)


_PROBES: Mapping[Command, Probe] = MappingProxyType(
    {
        Command.WARN: _warn,
        Command.RECORD_COMMUNICATED: _communicated,
        Command.RECORD_NOT_TOLD: _not_told,
        Command.START_REVIEW: _start_review,
        Command.APPEAL: _appeal,
        Command.DECIDE_APPEAL: _decide_appeal,
        Command.LIFT: _lift,
        Command.REASSIGN: _reassign,
        Command.RECORD_READ: _record_read,
        Command.RECORD_CORRECTION_TOLD: _correction_told,
    }
)
"""Each command whose guard the case alone can make refuse, and how it is
asked: with arguments that meet every rule about them, so that what it
still refuses is the case's. The commands that write personal text
(:data:`~contactpolicy.casework.retention.ADDS_PERSONAL_DATA`) are asked
:func:`~contactpolicy.casework.retention.not_erased` too, as the service
asks it."""


@attrs.frozen
class Possible:
    """What :func:`possible` found of a case at a time.

    ``allowed``: the commands open now, in the order of :class:`Command`.
    ``refused``: each command the case's state allows that is closed now,
    with every condition of the case that its guard refuses it for (each a
    :class:`~contactpolicy.errors.Failure` with its section and code, as the
    command would raise them in
    :class:`~contactpolicy.errors.PreconditionsNotMet`), in the same order.
    Branch on a failure's ``code``: its message may name the stand-in the
    guard was asked with (``contact 0`` when no correspondence waits).
    """

    allowed: tuple[Command, ...]
    refused: Mapping[Command, tuple[Failure, ...]]


def possible(case: Case, policy: Policy, now: pendulum.DateTime) -> Possible:
    """The commands an officer could run on ``case`` at ``now`` under
    ``policy`` (an aware time: when the command would run), and those its
    state allows that a guard would refuse whatever the officer gives it.

    Every command the state allows (:func:`contactpolicy.lifecycle.available`)
    but :data:`NOT_ON_A_CASE` is asked of its own guard and of the
    service's checks of the case, never of a copy of their rules. A guard
    also decides on arguments the officer has not given yet (an assessment,
    restrictions, reasons, a time, the officer): those cannot be decided in
    advance, so it is asked with arguments that meet every rule about them,
    and only what the case alone decides can close a command:

    - ``communicated``: there is a decision, not yet told (6.3);
    - ``not-told``: there is a decision, neither told nor recorded as not
      told (6.3), and the case is not erased (7.2);
    - ``appeal record``: no appeal waits (8.1);
    - ``appeal decide``: an appeal waits (8.1);
    - ``lift``: no appeal waits (8.1);
    - ``reassign``: the restrictions have neither lapsed at their review day
      (7.2) nor ended on the last day decided (6.4), and they or the agreed
      adjustments name an officer to replace (5.1);
    - ``read``: some correspondence waits to be read (5.1);
    - ``note``, ``rectify``: the case is not erased past retention (7.2);
    - ``correction-told``: a letter the customer was sent waits for a
      correction made since (7.4, 6.3), and the case is not erased (7.2);
    - ``warn``: the case has an incident on file (6.2, 6.3);
    - ``review start``: never closed, as a review on request may start at
      any time (7.2).

    Every other command is open whenever the state allows it. The guards
    of ``incident``, ``close``, ``no-action``, ``request`` and ``informed``
    read nothing of the case. Those of ``designate`` and ``review complete``
    weigh the case against what the decision maker gives (the assessment,
    the restrictions, the evidence relied on, the outcome, the overrides of
    soft preconditions; 6.2-6.4, 7.2), so they are not decided in advance,
    even where the case leaves no way to meet them (designating straight
    from ``reported`` with no violence or threats inside the evidence
    window, 6.3): the command says why when it is run. Who may run a
    command (:mod:`contactpolicy.domain.authority`) is the officer's, not
    the case's, and is not asked; nor are the officer directory and the
    customer's other cases, which the service checks as it runs a command
    that names officers or sets restrictions (5.1). A command listed may
    so still be refused for what the officer gives or who they are, never
    for one of the conditions above.

    Returns a :class:`Possible`; raises nothing.
    """
    allowed: list[Command] = []
    refused: dict[Command, tuple[Failure, ...]] = {}
    available = set(lifecycle.available(case.state)) - NOT_ON_A_CASE
    for command in REGISTRY:
        if command not in available:
            continue
        probe = _PROBES.get(command)
        failures = [] if probe is None else probe(case, policy, now)
        if command in retention.ADDS_PERSONAL_DATA:
            failures = failures + retention.not_erased(case)
        if failures:
            refused[command] = tuple(failures)
        else:
            allowed.append(command)
    return Possible(tuple(allowed), MappingProxyType(refused))
