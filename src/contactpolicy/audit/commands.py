"""The command registry: one entry per command, everything about it in one place.

Each :class:`CommandSpec` holds a command's name in the command line, the
policy section that gives the power to run it, its guard (the pure
precondition check in :mod:`contactpolicy.domain.preconditions`) and how its
audit event changes the case. The service runs the guard through the
lifecycle (:func:`contactpolicy.lifecycle.fire`), the replay applies the
change (:func:`contactpolicy.audit.replay.apply`), the CLI names the command
and an error cites the section, all from here. Which states a command is
possible in is the lifecycle machine's, and who may run it the policy's
(:attr:`contactpolicy.domain.policy.Policy.permissions`).

It lives with the audit events because replaying them needs each command's
change, and replaying is below the service.

>>> WARN.cli, WARN.section
('warn', '6.3')
>>> REGISTRY[Command.START_REVIEW].cli
'review start'
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Generic, TypeVar

import attrs
import pendulum

from contactpolicy.audit import codec
from contactpolicy.audit.events import AuditEvent
from contactpolicy.domain import preconditions as guards
from contactpolicy.domain.model import (
    Appeal,
    Assessment,
    Case,
    Communication,
    Concern,
    Customer,
    Decision,
    Designation,
    Dissemination,
    Ending,
    Incident,
    Note,
    NotTold,
    Override,
    Review,
    Warning,
)
from contactpolicy.domain.restrictions import Restriction
from contactpolicy.domain.safeguards import (
    ANSWERED_BY_REVIEW,
    Adjustment,
    LetterCorrected,
    NewIssue,
    ToActOn,
    ToRead,
    acted_on_as,
)
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    CaseState,
    Channel,
    Closure,
    Command,
    ContactPurpose,
    DecisionKind,
    LetterKind,
    NoticeItem,
    ReadOutcome,
    ReviewOutcome,
    ReviewTrigger,
)

__all__ = ["REGISTRY", "CommandSpec", "Effect", "fingerprint"]

Data = Mapping[str, Any]
Effect = Callable[[Case | None, AuditEvent, Data], Case]
"""How an event changes a case: the case before (``None`` before a
``report``), the event and its data, to the case after."""
Guard = TypeVar("Guard", bound=Callable[..., list[Any]])


@attrs.frozen
class CommandSpec(Generic[Guard]):
    """Everything about one command.

    ``cli`` is its name in the command line (``"review start"``);
    ``section`` the policy section that gives the power to run it; ``guard``
    its pure precondition check, returning every unmet condition; ``effect``
    how its audit event changes the case.
    """

    command: Command
    cli: str
    section: str
    guard: Guard
    effect: Effect


def _on_case(change: Callable[[Case, AuditEvent, Data], dict[str, Any]]) -> Effect:
    """An effect from the fields ``change`` sets on an existing case; the
    state is the event's, and the version counts the event."""

    def effect(case: Case | None, event: AuditEvent, data: Data) -> Case:
        assert case is not None, f"a {event.kind} event needs a case"
        return attrs.evolve(
            case,
            state=CaseState(data["state"]),
            version=case.version + 1,
            **change(case, event, data),
        )

    return effect


def _restrictions(data: Data) -> tuple[Restriction, ...]:
    return codec.structure(data["restrictions"], tuple[Restriction, ...])


def _designation(case: Case) -> Designation:
    assert case.designation is not None, "the lifecycle allows this only once designated"
    return case.designation


def _add_incident(case: Case, _event: AuditEvent, data: Data) -> dict[str, Any]:
    return {"incidents": (*case.incidents, codec.structure(data["incident"], Incident))}


def _add_note(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    return {"notes": (*case.notes, Note(at=event.at, by=event.actor, text=data["text"]))}


def _warn(_case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    # Warnings recorded before 6.3's content was kept were given when recorded.
    given = data.get("at")
    warning = Warning(
        given_at=event.at if given is None else codec.structure(given, pendulum.DateTime),
        by=event.actor,
        method=Channel(data["method"]),
        measures=tuple(data["measures"]),
        behaviours=codec.structure(data.get("behaviours", []), frozenset[Behaviour]),
        incidents=codec.structure(data.get("incidents", []), tuple[Incident, ...]),
        recorded_at=event.at,
    )
    return {"warning": warning}


def _end(_case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    closure = data.get("closure")
    ending = Ending(
        at=event.at,
        by=event.actor,
        reason=data["reason"],
        closure=None if closure is None else Closure(closure),
    )
    return {"ended": ending}


def _decide_no_action(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    ending = Ending(at=event.at, by=event.actor, reason=data["reasons"], closure=Closure.NO_ACTION)
    return {"ended": ending, "decisions": _decided(case, DecisionKind.NO_ACTION, event, None)}


def _request(_case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    return {"issue": data["issue"], "reported_at": event.at, "reported_by": event.actor}


def _overrides(data: Data) -> tuple[Override, ...]:
    return tuple(Override(code, reason) for code, reason in data.get("overrides", {}).items())


def _decided(
    case: Case, kind: DecisionKind, event: AuditEvent, designation: Designation | None
) -> tuple[Decision, ...]:
    """The case's decisions with this event's added: the restrictions,
    review date and end date ``designation`` leaves, none when they end."""
    decision = Decision(
        kind=kind,
        decided_at=event.at,
        decided_by=event.actor,
        restrictions=() if designation is None else designation.restrictions,
        adjustments=() if designation is None else designation.adjustments,
        review_due=None if designation is None else designation.review_due,
        ends_on=None if designation is None else designation.ends_on,
        immediate=kind is DecisionKind.DESIGNATION
        and designation is not None
        and designation.without_warning_because is not None,
    )
    return (*case.decisions, decision)


def _designate(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    designation = codec.structure(data["designation"], Designation)
    return {
        "designation": designation,
        "decisions": _decided(case, DecisionKind.DESIGNATION, event, designation),
    }


def _told(case: Case, data: Data) -> frozenset[int]:
    """The positions in ``case.decisions`` of the decisions a record of
    telling the customer, or of not telling them, covers (6.3):
    ``data["decisions"]``, the latest and those still owed before it.
    Events recorded before it was kept name none, and were recorded
    against the latest decision only."""
    assert case.decisions, "the guard allows this only once a decision is taken"
    return frozenset(data.get("decisions", [len(case.decisions) - 1]))


def _recorded(case: Case, told: frozenset[int], **record: Any) -> tuple[Decision, ...]:
    """The case's decisions with ``record`` set on those at the positions ``told``."""
    return tuple(
        attrs.evolve(decision, **record) if index in told else decision
        for index, decision in enumerate(case.decisions)
    )


def _record_communicated(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    """The communication recorded against the decisions its letter told
    (the latest and those still owed before it, 6.3, 8.1), and on the
    designation too when it is one of them, for the 7.4 record."""
    communicated = Communication(
        at=codec.structure(data["at"], pendulum.DateTime),
        method=Channel(data["method"]),
        by=event.actor,
        covered=frozenset(NoticeItem(item) for item in data["covered"]),
        letter=None if "letter" not in data else LetterKind(data["letter"]["kind"]),
        recorded_at=event.at,
    )
    told = _told(case, data)
    changes: dict[str, Any] = {"decisions": _recorded(case, told, communicated=communicated)}
    if 0 in told and case.designation is not None:
        changes["designation"] = attrs.evolve(_designation(case), communicated=communicated)
    return changes


def _record_not_told(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    """The exception of not telling the customer, recorded against every
    decision it covers (the latest and those still owed before it, 6.3):
    who recorded it, when and why."""
    not_told = NotTold(at=event.at, by=event.actor, reason=data["reason"])
    return {"decisions": _recorded(case, _told(case, data), not_told=not_told)}


def _start_review(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    review = Review(
        started_at=event.at,
        started_by=event.actor,
        trigger=ReviewTrigger(data["trigger"]),
        note=data["note"],
    )
    changes: dict[str, Any] = {
        "reviews": (*case.reviews, review),
        # 6.3, 7.3: a review answers the requests for one and the
        # safeguarding concerns made at the point of contact.
        "to_act_on": tuple(
            item for item in case.to_act_on if item.purpose not in ANSWERED_BY_REVIEW
        ),
    }
    if review.trigger is ReviewTrigger.NEW_ISSUE:
        # 7.3: the review the new issues waited for has started.
        changes["new_issues"] = ()
    return changes


def _varied(case: Case, data: Data) -> Designation:
    """The designation after a review or an appeal decision that keeps it.
    A review decides the length anew (6.4): without ``ends_on`` the
    restrictions run to the next review; an appeal keeps the length."""
    designation = _designation(case)
    changes: dict[str, Any] = {"review_due": codec.structure(data["review_due"], pendulum.Date)}
    if data.get("restrictions") is not None:
        changes["restrictions"] = _restrictions(data)
    if data.get("services") is not None:
        changes["services"] = tuple(data["services"])
        changes["council_wide_because"] = data["council_wide_because"]
    if data.get("adjustments") is not None:
        changes["adjustments"] = codec.structure(data["adjustments"], tuple[Adjustment, ...])
    if "ends_on" in data:
        ends_on = data["ends_on"]
        changes["ends_on"] = None if ends_on is None else codec.structure(ends_on, pendulum.Date)
        changes["ends_on_because"] = data["ends_on_because"] or ""
    return attrs.evolve(designation, **changes)


def _assessment(data: Data) -> Assessment | None:
    given = data.get("assessment")
    return None if given is None else codec.structure(given, Assessment)


def _complete_review(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    review = attrs.evolve(
        case.reviews[-1],
        completed_at=event.at,
        completed_by=event.actor,
        outcome=ReviewOutcome(data["outcome"]),
        notes=data["notes"],
        incidents_since=data.get("incidents_since"),
        assessment=_assessment(data),
        overrides=_overrides(data),
    )
    changes: dict[str, Any] = {"reviews": (*case.reviews[:-1], review)}
    if review.outcome is ReviewOutcome.LIFT:
        changes["ended"] = Ending(at=event.at, by=event.actor, reason=data["notes"])
        changes["decisions"] = _decided(case, DecisionKind.REVIEW, event, None)
    else:
        changes["designation"] = _varied(case, data)
        changes["decisions"] = _decided(case, DecisionKind.REVIEW, event, changes["designation"])
    return changes


def _appeal(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    """The appeal recorded, with the day its decision is due as worked out
    then (``due``, in events recorded since it was kept; without it the day
    is worked out when read, :meth:`Appeal.decision_due`); one made at the
    point of contact (``contact_id``, in events recorded since it was kept)
    is no longer waiting (8.1)."""
    due = data.get("due")
    appeal = Appeal(
        received_at=codec.structure(data["received_at"], pendulum.DateTime),
        recorded_by=event.actor,
        grounds=data["grounds"],
        due=None if due is None else codec.structure(due, pendulum.Date),
    )
    return {
        "appeals": (*case.appeals, appeal),
        "to_act_on": _without(case.to_act_on, data.get("contact_id")),
    }


def _without(items: tuple[ToActOn, ...], contact_id: int | None) -> tuple[ToActOn, ...]:
    return tuple(item for item in items if item.contact_id != contact_id)


def _decide_appeal(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    """The appeal decided, with how many working days late it was decided
    as counted then (``working_days_late``, in events recorded since it was
    kept; without it the count is made when read,
    :meth:`Case.appeal_lateness`) (8.1)."""
    assert case.appeal is not None, "the lifecycle allows this only once appealed"
    appeal = attrs.evolve(
        case.appeal,
        decided_at=event.at,
        decided_by=event.actor,
        outcome=AppealOutcome(data["outcome"]),
        reasons=data["reasons"],
        assessment=_assessment(data),
        working_days_late=data.get("working_days_late"),
    )
    changes: dict[str, Any] = {"appeals": (*case.appeals[:-1], appeal)}
    if appeal.outcome is AppealOutcome.ALLOWED:
        changes["ended"] = Ending(at=event.at, by=event.actor, reason=data["reasons"])
        changes["decisions"] = _decided(case, DecisionKind.APPEAL, event, None)
    else:
        changes["designation"] = _varied(case, data)
        changes["decisions"] = _decided(case, DecisionKind.APPEAL, event, changes["designation"])
    return changes


def _lift(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    return {**_end(case, event, data), "decisions": _decided(case, DecisionKind.LIFT, event, None)}


def _reassign(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    """A new named officer in place of one who left or changed role (5.1):
    the restrictions otherwise and the review date stay. Events recorded
    since the agreed adjustments and correspondence to read were reassigned
    too carry ``adjustments`` and ``to_read`` (the contact ids passed on);
    earlier ones replay as they were."""
    changes: dict[str, Any] = {"restrictions": _restrictions(data)}
    if data.get("adjustments") is not None:
        changes["adjustments"] = codec.structure(data["adjustments"], tuple[Adjustment, ...])
    designation = attrs.evolve(_designation(case), **changes)
    found: dict[str, Any] = {
        "designation": designation,
        "decisions": _decided(case, DecisionKind.REASSIGNMENT, event, designation),
    }
    passed = set(data.get("to_read") or ())
    if passed:
        found["to_read"] = tuple(
            attrs.evolve(item, reader=data["new_officer_id"]) if item.contact_id in passed else item
            for item in case.to_read
        )
    return found


def _record_informed(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    told = Dissemination(at=event.at, by=event.actor, recipients=tuple(data["recipients"]))
    return {"disseminations": (*case.disseminations, told)}


def _contact_received(case: Case, _event: AuditEvent, data: Data) -> dict[str, Any]:
    received_at = codec.structure(data["received_at"], pendulum.DateTime)
    changes: dict[str, Any] = {}
    if data["to_read"]:
        item = ToRead(
            contact_id=data["contact_id"],
            received_at=received_at,
            channel=Channel(data["channel"]),
            purpose=ContactPurpose(data["purpose"]),
            reader=data["reader"],
        )
        changes["to_read"] = (*case.to_read, item)
    if data["new_issue"]:
        marker = NewIssue(data["contact_id"], received_at, ReadOutcome.NEW_ISSUE, data["issue"])
        changes["new_issues"] = (*case.new_issues, marker)
    # Events recorded before safeguards exercised were kept have no "act_on",
    # and those before the day each is due by was kept no "due" (8.1); an
    # urgent contact's carries "urgent", and is acted on as a safeguarding
    # concern (5.1).
    if data.get("act_on"):
        made = ContactPurpose(data["purpose"])
        purpose = acted_on_as(made, urgent=data.get("urgent", False)) or made
        due = data.get("due")
        passed = ToActOn(
            contact_id=data["contact_id"],
            received_at=received_at,
            channel=Channel(data["channel"]),
            purpose=purpose,
            due=None if due is None else codec.structure(due, pendulum.Date),
        )
        changes["to_act_on"] = (*case.to_act_on, passed)
    return changes


def _record_read(case: Case, _event: AuditEvent, data: Data) -> dict[str, Any]:
    """Correspondence read, or a safeguard exercised at the point of contact
    dealt with otherwise (its reason in ``reason``): no longer waiting; what
    it held, if anything, waits for a review (7.3). A contact neither to
    read nor to act on is a finding no review can take up
    (:func:`~contactpolicy.domain.follow_up.unreviewable`), dealt with: its
    marker of that outcome goes."""
    contact_id = data["contact_id"]
    waiting: tuple[ToRead | ToActOn, ...] = (*case.to_read, *case.to_act_on)
    item = next((item for item in waiting if item.contact_id == contact_id), None)
    outcome = ReadOutcome(data["outcome"])
    if item is None:
        # 7.3: a finding no review can take up, dealt with under its own outcome.
        index = next(
            at
            for at, marker in enumerate(case.new_issues)
            if marker.contact_id == contact_id and marker.found is outcome
        )
        return {"new_issues": case.new_issues[:index] + case.new_issues[index + 1 :]}
    changes: dict[str, Any] = {
        "to_read": tuple(each for each in case.to_read if each.contact_id != contact_id),
        "to_act_on": _without(case.to_act_on, contact_id),
    }
    if outcome is not ReadOutcome.NOTHING_NEW:
        marker = NewIssue(contact_id, item.received_at, outcome)
        changes["new_issues"] = (*case.new_issues, marker)
    return changes


def _report(case: Case | None, event: AuditEvent, data: Data) -> Case:
    assert case is None, "a report opens a new case"
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


def _raise_concern(case: Case | None, event: AuditEvent, data: Data) -> Case:
    assert case is None, "a concern opens a new case"
    concern = Concern(raised_at=event.at, raised_by=event.actor, team=data["team"])
    return Case(
        id=event.case_id,
        state=CaseState(data["state"]),
        version=1,
        customer=codec.structure(data["customer"], Customer),
        issue="",
        reported_at=event.at,
        reported_by=event.actor,
        incidents=codec.structure(data["incidents"], tuple[Incident, ...]),
        concern=concern,
    )


REPORT = CommandSpec(Command.REPORT, "report", "6.1", guards.check_report, _report)
ADD_INCIDENT = CommandSpec(
    Command.ADD_INCIDENT, "incident", "6.1", guards.check_add_incident, _on_case(_add_incident)
)
ADD_NOTE = CommandSpec(Command.ADD_NOTE, "note", "7.4", guards.check_add_note, _on_case(_add_note))
WARN = CommandSpec(Command.WARN, "warn", "6.3", guards.check_warn, _on_case(_warn))
CLOSE = CommandSpec(Command.CLOSE, "close", "6.1", guards.check_close, _on_case(_end))
DESIGNATE = CommandSpec(
    Command.DESIGNATE, "designate", "6.1", guards.check_designate, _on_case(_designate)
)
RECORD_COMMUNICATED = CommandSpec(
    Command.RECORD_COMMUNICATED,
    "communicated",
    "6.3",
    guards.check_record_communicated,
    _on_case(_record_communicated),
)
RECORD_NOT_TOLD = CommandSpec(
    Command.RECORD_NOT_TOLD,
    "not-told",
    "6.3",
    guards.check_record_not_told,
    _on_case(_record_not_told),
)
START_REVIEW = CommandSpec(
    Command.START_REVIEW,
    "review start",
    "7.2",
    guards.check_start_review,
    _on_case(_start_review),
)
COMPLETE_REVIEW = CommandSpec(
    Command.COMPLETE_REVIEW,
    "review complete",
    "7.3",
    guards.check_complete_review,
    _on_case(_complete_review),
)
APPEAL = CommandSpec(Command.APPEAL, "appeal record", "8.1", guards.check_appeal, _on_case(_appeal))
DECIDE_APPEAL = CommandSpec(
    Command.DECIDE_APPEAL,
    "appeal decide",
    "8.1",
    guards.check_decide_appeal,
    _on_case(_decide_appeal),
)
LIFT = CommandSpec(Command.LIFT, "lift", "7.2", guards.check_lift, _on_case(_lift))
RECORD_INFORMED = CommandSpec(
    Command.RECORD_INFORMED,
    "informed",
    "9.1",
    guards.check_record_informed,
    _on_case(_record_informed),
)
REASSIGN = CommandSpec(
    Command.REASSIGN, "reassign", "5.1", guards.check_reassign, _on_case(_reassign)
)
CONTACT_RECEIVED = CommandSpec(
    Command.CONTACT_RECEIVED,
    "contact",
    "5.1",
    guards.check_contact_received,
    _on_case(_contact_received),
)
RECORD_READ = CommandSpec(
    Command.RECORD_READ, "read", "5.1", guards.check_record_read, _on_case(_record_read)
)

DECIDE_NO_ACTION = CommandSpec(
    Command.DECIDE_NO_ACTION,
    "no-action",
    "6.1",
    guards.check_decide_no_action,
    _on_case(_decide_no_action),
)
RAISE_CONCERN = CommandSpec(
    Command.RAISE_CONCERN, "concern", "6.1", guards.check_raise_concern, _raise_concern
)
REQUEST = CommandSpec(Command.REQUEST, "request", "6.1", guards.check_request, _on_case(_request))
PURGE = CommandSpec(
    Command.PURGE, "purge", "7.2", guards.check_purge, _on_case(lambda _case, _event, _data: {})
)
"""The trace a purge run leaves on each case it erased (7.2): its data is
the run's id; the erasure itself rewrites no digest."""


def _rectify(case: Case, event: AuditEvent, data: Data) -> dict[str, Any]:
    """The field corrected (7.4; UK GDPR Article 16): a corrected customer
    reference (``customer.id``) moves the case to that customer, whose
    cases the stores then list it with. A corrected incident
    is corrected in every copy the case keeps of it too: the incidents the
    warning names (6.3) and the designation's evidence (6.2), so that its
    letters, ``show`` and a subject access export give the corrected text
    and the original stays only in the earlier events. A copy is the
    incident on file the same in every field (the guard keeps incidents on
    file distinct). Events recorded before copies were corrected carry no
    ``copies`` and replay as they were.

    Each letter already sent that the correction changes
    (``data["letters"]``, found by
    :func:`~contactpolicy.domain.corrections.letters_touched` when it was
    recorded) waits for a corrected letter, or the reason for not sending
    one (:class:`~contactpolicy.domain.safeguards.LetterCorrected`, 6.3);
    events recorded before these were kept name none and leave none."""
    found = guards.rectified(data["field"], recorded=True)
    assert found is not None, "the guard allows only a field that can be corrected"
    what, index = found
    value = data["value"]
    changes: dict[str, Any] = {}
    if data.get("letters"):
        changes["letters_corrected"] = (
            *case.letters_corrected,
            *(
                LetterCorrected(
                    letter=LetterKind(letter["kind"]),
                    about=codec.structure(letter["about"], pendulum.DateTime),
                    field=data["field"],
                    corrected_at=event.at,
                )
                for letter in data["letters"]
            ),
        )
    if what == "customer.id":
        return {**changes, "customer": attrs.evolve(case.customer, id=value)}
    if what == "customer.name":
        return {**changes, "customer": attrs.evolve(case.customer, name=value)}
    if what == "customer.contact":
        return {**changes, "customer": attrs.evolve(case.customer, contact=value)}
    if what == "issue":
        return {**changes, "issue": value}
    assert index is not None, "an incident's description names the incident"
    original = case.incidents[index]
    incident = attrs.evolve(original, description=value)
    changes["incidents"] = (*case.incidents[:index], incident, *case.incidents[index + 1 :])
    if not data.get("copies"):
        return changes
    if case.warning is not None:
        changes["warning"] = attrs.evolve(
            case.warning, incidents=_replaced(case.warning.incidents, original, incident)
        )
    if case.designation is not None:
        changes["designation"] = attrs.evolve(
            case.designation, evidence=_replaced(case.designation.evidence, original, incident)
        )
    return changes


def _replaced(
    incidents: tuple[Incident, ...], original: Incident, corrected: Incident
) -> tuple[Incident, ...]:
    """``incidents`` with ``corrected`` in place of each copy of ``original``."""
    return tuple(corrected if each == original else each for each in incidents)


RECTIFY = CommandSpec(Command.RECTIFY, "rectify", "7.4", guards.check_rectify, _on_case(_rectify))


def _record_correction_told(_case: Case, _event: AuditEvent, _data: Data) -> dict[str, Any]:
    """The corrected letter sent (``data["at"]``, ``data["method"]``) or
    the reason it is not (``data["reason"]``), kept in the event (7.4):
    no letter waits for a correction any more (6.3)."""
    return {"letters_corrected": ()}


RECORD_CORRECTION_TOLD = CommandSpec(
    Command.RECORD_CORRECTION_TOLD,
    "correction-told",
    "7.4",
    guards.check_record_correction_told,
    _on_case(_record_correction_told),
)

REGISTRY: Mapping[Command, CommandSpec[Any]] = MappingProxyType(
    {
        entry.command: entry
        for entry in (
            REPORT,
            ADD_INCIDENT,
            ADD_NOTE,
            WARN,
            CLOSE,
            DESIGNATE,
            RECORD_COMMUNICATED,
            RECORD_NOT_TOLD,
            START_REVIEW,
            COMPLETE_REVIEW,
            APPEAL,
            DECIDE_APPEAL,
            LIFT,
            RECORD_INFORMED,
            REASSIGN,
            CONTACT_RECEIVED,
            RECORD_READ,
            DECIDE_NO_ACTION,
            RAISE_CONCERN,
            REQUEST,
            PURGE,
            RECTIFY,
            RECORD_CORRECTION_TOLD,
        )
    }
)
"""Every command's entry, in the order of :class:`Command`."""
assert list(REGISTRY) == list(Command), "one entry per command, in the vocabulary's order"


def fingerprint(
    command: Command | str, case_id: str | None, arguments: Mapping[str, Any], actor: str
) -> str:
    """What a command was asked to do, as the SHA-256 (hex) of canonical JSON
    of its name (a :class:`Command`, or the name of a request that is not
    one, such as ``"decide_contact"``), its case (``None`` for a ``report``
    and a contact's decision), the caller's
    ``arguments`` as the codec writes them, and the officer's id: a repeat
    under the same ``command_id`` has the same fingerprint, a different
    request a different one. The time is never part of it, so a retry made
    later still matches.

    >>> fingerprint(Command.ADD_NOTE, "C-1", {"text": "Called"}, "m1")[:12]
    'dc08a2e2f7be'
    """
    name = command.value if isinstance(command, Command) else command
    content = {"command": name, "case_id": case_id, "arguments": arguments, "by": actor}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
