"""Opening a case and the request before any decision (6.1): a manager's
report, a concern raised by a member of staff, action requested on it, an
incident added as evidence (4.1) and a request withdrawn or a concern set
aside.

Each is carried out here for :class:`~contactpolicy.casework.service.Casework`:
its arguments checked, its guard, and what its event holds; a new case's id
is drawn where the case is created (``Casework._open_once``). The guard and
how the event changes the case are its entry in
:mod:`contactpolicy.audit.commands`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from contactpolicy import lifecycle
from contactpolicy.audit import codec, commands
from contactpolicy.audit.commands import CommandSpec
from contactpolicy.casework import arguments as checked
from contactpolicy.casework import steps
from contactpolicy.domain.authority import authorise
from contactpolicy.domain.model import Case, Customer, Incident, Officer
from contactpolicy.domain.validation import reason_field, require, require_command_id
from contactpolicy.domain.vocabulary import CaseState, Closure
from contactpolicy.errors import Failure, PreconditionsNotMet

if TYPE_CHECKING:
    from contactpolicy.casework.service import Casework

__all__ = ["add_incident", "close", "raise_concern", "report", "request"]


def report(
    casework: Casework,
    customer: Customer,
    issue: str,
    incidents: Iterable[Incident],
    by: Officer,
    *,
    command_id: str | None = None,
) -> Case:
    """Carry out :meth:`Casework.report
    <contactpolicy.casework.service.Casework.report>` (6.1)."""
    entry = commands.REPORT
    by = steps.acting(casework, by, entry)
    authorise(casework.policy, entry.command, entry.section, by)
    require(customer, Customer, "customer", "7.4")
    reference = casework._customer_reference(customer.id, "customer.id")
    customer = attrs.evolve(customer, id=reference)
    issue = checked.ISSUE(issue)
    # The same incident given twice is one piece of evidence, counted once.
    found = tuple(dict.fromkeys(checked.INCIDENTS(incidents)))
    require_command_id(command_id)
    arguments = {
        "customer": codec.unstructure(customer),
        "issue": issue,
        "incidents": codec.unstructure(found, tuple[Incident, ...]),
    }
    # The guard needs no case, and what it checks only gets truer with
    # time (an incident is no longer in the future), so a refused report
    # opens no transaction and a repeat of a saved one always passes it.
    now = casework._now()
    failures = entry.guard(issue, found, now, casework.policy)
    return _open(casework, entry, by, arguments, failures, now, command_id)


def raise_concern(
    casework: Casework,
    customer: Customer,
    incidents: Iterable[Incident],
    by: Officer,
    *,
    command_id: str | None = None,
) -> Case:
    """Carry out :meth:`Casework.raise_concern
    <contactpolicy.casework.service.Casework.raise_concern>` (6.1)."""
    entry = commands.RAISE_CONCERN
    checked.officer(by)
    authorise(casework.policy, entry.command, entry.section, by)
    require(customer, Customer, "customer", "7.4")
    reference = casework._customer_reference(customer.id, "customer.id")
    customer = attrs.evolve(customer, id=reference)
    found = tuple(dict.fromkeys(checked.INCIDENTS(incidents)))
    require_command_id(command_id)
    arguments = {
        "customer": codec.unstructure(customer),
        "incidents": codec.unstructure(found, tuple[Incident, ...]),
        "team": by.team,
    }
    now = casework._now()
    failures = entry.guard(found, by.team, now, casework.policy)
    return _open(casework, entry, by, arguments, failures, now, command_id)


def _open(
    casework: Casework,
    entry: CommandSpec[Any],
    by: Officer,
    arguments: Mapping[str, Any],
    failures: list[Failure],
    now: pendulum.DateTime,
    command_id: str | None,
) -> Case:
    """Create a case in the state the lifecycle opens it in
    (:data:`~contactpolicy.lifecycle.OPENED`) in one unit of work, unless ``failures``;
    decided once more if a racing attempt saved a command under
    ``command_id`` meanwhile (``ConcurrentUpdate``, nothing written), which
    the second decision finds: a true repeat returns the case it saved."""
    if failures:
        raise PreconditionsNotMet(entry.command.value, failures)
    casework._none_missing(
        arguments["customer"]["id"], "whether the customer already has a case cannot be told"
    )
    state = lifecycle.OPENED[entry.command]
    return steps.decided_again(
        lambda: casework._open_once(entry, by, arguments, state, now, command_id)
    )


def request(
    casework: Casework, case_id: str, by: Officer, issue: str, *, command_id: str | None = None
) -> Case:
    """Carry out :meth:`Casework.request
    <contactpolicy.casework.service.Casework.request>` (6.1)."""
    issue = checked.ISSUE(issue)
    entry = commands.REQUEST
    return steps.change(
        casework,
        entry,
        case_id,
        by,
        lambda _case, _now: entry.guard(issue),
        lambda: {"issue": issue},
        command_id,
    )


def add_incident(
    casework: Casework,
    case_id: str,
    incident: Incident,
    by: Officer,
    *,
    command_id: str | None = None,
) -> Case:
    """Carry out :meth:`Casework.add_incident
    <contactpolicy.casework.service.Casework.add_incident>` (6.1, 4.1)."""
    require(incident, Incident, "incident", "4.1")
    entry = commands.ADD_INCIDENT

    return steps.change(
        casework,
        entry,
        case_id,
        by,
        lambda case, now: entry.guard(case, incident, now, casework.policy),
        lambda: {"incident": codec.unstructure(incident)},
        command_id,
    )


def close(
    casework: Casework, case_id: str, by: Officer, reason: str, *, command_id: str | None = None
) -> Case:
    """Carry out :meth:`Casework.close
    <contactpolicy.casework.service.Casework.close>` (6.1)."""
    reason = reason_field("reason", "6.1")(reason)
    entry = commands.CLOSE

    def build(case: Case, _now: pendulum.DateTime) -> dict[str, Any]:
        closure = Closure.NOT_TAKEN_UP if case.state is CaseState.CONCERN else Closure.WITHDRAWN
        return {"reason": reason, "closure": closure.value}

    return steps.change(
        casework,
        entry,
        case_id,
        by,
        lambda _case, _now: entry.guard(reason),
        lambda: {"reason": reason},
        command_id,
        build=build,
    )
