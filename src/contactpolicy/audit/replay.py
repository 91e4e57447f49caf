"""How each audit event changes a case.

Commands build an event, and :func:`apply` turns the case before it into the
case after it. The service uses the very same function, so replaying a case's
history always reproduces its stored snapshot; :func:`replay` does that, and
:func:`contactpolicy.audit.verify.verify` compares the two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import cattrs
import pendulum

from contactpolicy.audit import codec
from contactpolicy.audit.events import AuditEvent
from contactpolicy.domain.model import (
    Appeal,
    Case,
    Communication,
    Customer,
    Designation,
    Dissemination,
    Ending,
    Incident,
    Note,
    Review,
    Warning,
)
from contactpolicy.domain.restrictions import Restriction
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    CaseState,
    Channel,
    Command,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.errors import StoreError

__all__ = ["apply", "replay"]

Data = Mapping[str, Any]


def _restrictions(data: Data) -> tuple[Restriction, ...]:
    return codec.structure(data["restrictions"], tuple[Restriction, ...])


def _designation(case: Case) -> Designation:
    assert case.designation is not None, "the lifecycle allows this only once designated"
    return case.designation


def _add_incident(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    return {"incidents": (*case.incidents, codec.structure(data["incident"], Incident))}


def _add_note(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    return {"notes": (*case.notes, Note(at=event.at, by=event.actor, text=data["text"]))}


def _warn(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    warning = Warning(
        given_at=event.at,
        by=event.actor,
        method=Channel(data["method"]),
        measures=tuple(data["measures"]),
    )
    return {"warning": warning}


def _end(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    return {"ended": Ending(at=event.at, by=event.actor, reason=data["reason"])}


def _designate(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    return {"designation": codec.structure(data["designation"], Designation)}


def _record_communicated(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    communicated = Communication(
        at=codec.structure(data["at"], pendulum.DateTime),
        method=Channel(data["method"]),
        by=event.actor,
    )
    return {"designation": attrs.evolve(_designation(case), communicated=communicated)}


def _start_review(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    review = Review(
        started_at=event.at,
        started_by=event.actor,
        trigger=ReviewTrigger(data["trigger"]),
        note=data["note"],
    )
    return {"reviews": (*case.reviews, review)}


def _varied(case: Case, data: Data) -> Designation:
    """The designation after a review or an appeal decision that keeps it."""
    designation = _designation(case)
    changes: dict[str, Any] = {"review_due": codec.structure(data["review_due"], pendulum.Date)}
    if data.get("restrictions") is not None:
        changes["restrictions"] = _restrictions(data)
    return attrs.evolve(designation, **changes)


def _complete_review(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    review = attrs.evolve(
        case.reviews[-1],
        completed_at=event.at,
        completed_by=event.actor,
        outcome=ReviewOutcome(data["outcome"]),
        notes=data["notes"],
    )
    changes: dict[str, Any] = {"reviews": (*case.reviews[:-1], review)}
    if review.outcome is ReviewOutcome.LIFT:
        changes["ended"] = Ending(at=event.at, by=event.actor, reason=data["notes"])
    else:
        changes["designation"] = _varied(case, data)
    return changes


def _appeal(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    appeal = Appeal(
        received_at=codec.structure(data["received_at"], pendulum.DateTime),
        recorded_by=event.actor,
        grounds=data["grounds"],
    )
    return {"appeals": (*case.appeals, appeal)}


def _decide_appeal(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    assert case.appeal is not None, "the lifecycle allows this only once appealed"
    appeal = attrs.evolve(
        case.appeal,
        decided_at=event.at,
        decided_by=event.actor,
        outcome=AppealOutcome(data["outcome"]),
        reasons=data["reasons"],
    )
    changes: dict[str, Any] = {"appeals": (*case.appeals[:-1], appeal)}
    if appeal.outcome is AppealOutcome.ALLOWED:
        changes["ended"] = Ending(at=event.at, by=event.actor, reason=data["reasons"])
    else:
        changes["designation"] = _varied(case, data)
    return changes


def _record_informed(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    told = Dissemination(at=event.at, by=event.actor, recipients=tuple(data["recipients"]))
    return {"disseminations": (*case.disseminations, told)}


_CHANGES: Mapping[Command, Callable[[Case, AuditEvent, Data], dict[str, Any]]] = {
    Command.ADD_INCIDENT: _add_incident,
    Command.ADD_NOTE: _add_note,
    Command.WARN: _warn,
    Command.CLOSE: _end,
    Command.DESIGNATE: _designate,
    Command.RECORD_COMMUNICATED: _record_communicated,
    Command.START_REVIEW: _start_review,
    Command.COMPLETE_REVIEW: _complete_review,
    Command.APPEAL: _appeal,
    Command.DECIDE_APPEAL: _decide_appeal,
    Command.LIFT: _end,
    Command.RECORD_INFORMED: _record_informed,
}


def _report(event: AuditEvent) -> Case:
    data = event.data
    return Case(
        id=event.case_id,
        state=CaseState(data["state"]),
        version=1,
        customer=codec.structure(data["customer"], Customer),
        issue=data["issue"],
        reported_at=event.at,
        reported_by=event.actor,
        incidents=codec.structure(data["incidents"], tuple[Incident, ...]),
    )


def apply(case: Case | None, event: AuditEvent) -> Case:
    """The case after ``event``; ``case`` is ``None`` for a ``report``."""
    command = Command(event.kind)
    if command is Command.REPORT:
        return _report(event)
    assert case is not None, f"a {command.value} event needs a case"
    changes = _CHANGES[command](case, event, event.data)
    return attrs.evolve(
        case, state=CaseState(event.data["state"]), version=case.version + 1, **changes
    )


def replay(events: Iterable[AuditEvent]) -> Case | None:
    """The case its events describe, or ``None`` for no events.

    An event that cannot be applied is a :class:`StoreError` naming the case
    and the event, never a bare ``KeyError``.
    """
    case: Case | None = None
    for event in events:
        try:
            case = apply(case, event)
        except (
            KeyError,
            ValueError,
            TypeError,
            AssertionError,
            cattrs.BaseValidationError,
        ) as error:
            raise StoreError(
                f"event {event.seq} ({event.kind}) cannot be applied: {error!r}",
                event.case_id,
            ) from error
    return case
