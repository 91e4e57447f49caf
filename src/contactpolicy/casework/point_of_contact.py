"""The point of contact (5.1): what a contact leaves on a case, and
correspondence read.

A contact the restrictions refused or filed as correspondence opens an
item to read (5.1); one that raises a new issue leaves a marker on each
case whose restrictions apply (7.3); an appeal, a request for review, a
complaint about the restrictions, a safeguarding concern or a data request
leaves an item to act on (8.1, 6.3, 5.1; UK GDPR Art. 12(3)). Each is an
audit event on the case, recorded at the point of contact; nothing is left
on a case a purge erased (7.2). Recording an item read or dealt with is
:func:`record_read`. How a contact is decided is
:meth:`Queries.decide_contact
<contactpolicy.casework.queries.Queries.decide_contact>`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from contactpolicy.audit import codec, commands, replay
from contactpolicy.audit.commands import fingerprint
from contactpolicy.casework import arguments as checked
from contactpolicy.casework import retention, steps
from contactpolicy.casework.work_queue import findings_to_act_on, open_items
from contactpolicy.domain import wording
from contactpolicy.domain.authority import not_in_directory
from contactpolicy.domain.contact import CORRESPONDENCE, Contact, ContactDecision
from contactpolicy.domain.follow_up import FollowUp, follow_ups
from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.preconditions import check_dealt_with
from contactpolicy.domain.safeguards import ActedOn, acted_on_as, due_from
from contactpolicy.domain.validation import (
    command_id_used,
    derived_command_id,
    optional_text_field,
    reason_field,
    require_command_id,
    text_field,
)
from contactpolicy.domain.vocabulary import ReadOutcome
from contactpolicy.errors import InvalidInput, PreconditionsNotMet

if TYPE_CHECKING:
    from contactpolicy.casework.service import Casework

__all__ = ["leave_follow_ups", "record_acted_on", "record_read", "waits_on_no_case"]


def record_read(
    casework: Casework,
    contact_id: int,
    by: Officer,
    outcome: ReadOutcome,
    *,
    reason: str | None = None,
    command_id: str | None = None,
) -> Case:
    """Carry out :meth:`Casework.record_read
    <contactpolicy.casework.service.Casework.record_read>` (5.1, 7.3, 8.1, 6.3)."""
    contact_id = checked.CONTACT_ID(contact_id)
    outcome = checked.READ_OUTCOME(outcome)
    because: str = reason_field("reason", "5.1", optional_text_field, empty="")(reason)
    require_command_id(command_id)
    entry = commands.RECORD_READ
    by = steps.acting(casework, by, entry)

    def arguments() -> dict[str, Any]:
        given = {"reason": because} if because else {}
        return {"contact_id": contact_id, "outcome": outcome.value, **given}

    waiting = [
        *(case_id for case_id, item in casework.to_read() if item.contact_id == contact_id),
        *(case_id for case_id, made in casework.to_act_on() if made.contact_id == contact_id),
        *(
            case_id
            for case_id, found in findings_to_act_on(open_items(casework.store))
            if found.contact_id == contact_id
        ),
    ]
    if not waiting:
        if command_id is not None:
            with casework.store.unit_of_work() as work:
                earlier = work.applied(command_id)
                if earlier is not None:
                    request = fingerprint(entry.command, earlier.case_id, arguments(), by.id)
                    return steps.repeat(work, earlier, request, casework.officers, by)
        raise InvalidInput(
            "contact_id",
            "names no correspondence waiting to be read, contact waiting to be acted on "
            "nor finding no review can take up (see to_read(), to_act_on() and "
            "new_issues())",
            "5.1",
        )
    return steps.change(
        casework,
        entry,
        waiting[0],
        by,
        lambda case, _now: entry.guard(case, casework.policy, contact_id, by, outcome, because),
        arguments,
        command_id,
    )


def leave_follow_ups(
    casework: Casework,
    customer_id: str,
    contact: Contact,
    decision: ContactDecision,
    command_id: str | None,
) -> ContactDecision:
    """``decision``, the contact decision on ``contact``, once what it calls
    for is left on the customer's cases (:meth:`Casework.decide_contact
    <contactpolicy.casework.service.Casework.decide_contact>`: 5.1, 7.3,
    8.1, 6.3; UK GDPR Art. 12(3)); nothing on a case a purge erased (7.2)."""
    written = contact.channel in CORRESPONDENCE and not (decision.allowed and decision.respond)
    exercised = acted_on_as(contact.purpose, urgent=contact.urgent) is not None
    if decision.contact_id is None or not (written or contact.new_issue or exercised):
        return decision
    # Nothing is written onto a case a purge erased (7.2), nor onto one
    # whose record disagrees with its history: the decision, escalated,
    # says so (heard_despite; 7.4).
    found = casework.store.customer_cases(casework._customer_reference(customer_id))
    held, _ = replay.trusted(found, casework.audit_keys, heard=True)
    for follow_up in follow_ups(_writable(held), contact, decision, casework.policy):
        _received(casework, follow_up, contact, decision.contact_id, command_id)
    return decision


def _writable(cases: Iterable[Case]) -> list[Case]:
    """The cases of ``cases`` a contact's follow-up may be written onto:
    those a purge did not erase (7.2)."""
    return [case for case in cases if not retention.erased(case)]


def waits_on_no_case(
    cases: Iterable[Case], contact: Contact, decision: ContactDecision, policy: Policy
) -> bool:
    """Whether ``contact``, decided as ``decision`` on the customer's
    ``cases`` that can be relied on (:func:`~contactpolicy.audit.replay.trusted`),
    is escalated and leaves a safeguard to act on (5.1: a safeguarding
    concern, or an urgent contact followed up as one,
    :func:`~contactpolicy.domain.safeguards.acted_on_as`) that no case
    takes an item to act on for: the customer has no case, or
    none a purge left (7.2), or only cases whose record cannot be relied on
    (7.4). Its entry in the contact log then waits to be acted on
    (``ContactLog.waiting_contacts``) until :func:`record_acted_on`, so that
    it waits in somebody's work queue."""
    if not decision.escalate or acted_on_as(contact.purpose, urgent=contact.urgent) is None:
        return False
    return not any(
        follow_up.act_on for follow_up in follow_ups(_writable(cases), contact, decision, policy)
    )


def record_acted_on(
    casework: Casework,
    contact_id: int,
    by: Officer,
    *,
    reason: str,
    command_id: str | None = None,
) -> ActedOn:
    """Carry out :meth:`Casework.record_acted_on
    <contactpolicy.casework.service.Casework.record_acted_on>` (5.1, 7.4)."""
    contact_id = checked.CONTACT_ID(contact_id)
    because = reason_field("reason", "5.1", text_field)(reason)
    require_command_id(command_id)
    checked.officer(by)
    if casework.officers is not None:
        found = casework.officers.get(by.id)
        if found is None:
            raise not_in_directory(ACTING, by.id, "6.1")
        by = found
    waiting = next(
        (each for each in casework.store.waiting_contacts() if each.contact_id == contact_id),
        None,
    )
    if waiting is not None:
        contact = waiting.logged.contact
        purpose = acted_on_as(contact.purpose, urgent=contact.urgent)
        assert purpose is not None, "an entry waits only for a safeguard to act on"
        failures = check_dealt_with(casework.policy, purpose, by, because)
        if failures:
            raise PreconditionsNotMet(ACTING, failures)
    acted = ActedOn(by.id, casework._now(), because, command_id)
    if waiting is None:
        kept = casework.store.record_acted_on(contact_id, acted)
        if kept is None:
            raise InvalidInput(
                "contact_id",
                "names no escalated contact waiting to be acted on with no case to hold it "
                "(see work_queue(); one waiting on a case is recorded with record_read)",
                "5.1",
            )
        return _repeat(kept, acted, casework.policy)
    return _repeat(casework.store.record_acted_on(contact_id, acted), acted, casework.policy)


ACTING = "record_acted_on"
"""The command, as its refusals name it."""


def _repeat(kept: ActedOn | None, asked: ActedOn, policy: Policy) -> ActedOn:
    """The record ``kept`` with the entry, when it is what ``asked`` asked
    for or its repeat under the same command id by the same officer with
    the same reason (7.4); :class:`InvalidInput` when the entry was
    recorded acted on by another request."""
    assert kept is not None, "an entry found waiting is recorded or was"
    if kept is asked:
        return kept
    same = (kept.command_id, kept.officer_id, kept.reason) == (
        asked.command_id,
        asked.officer_id,
        asked.reason,
    )
    if asked.command_id is not None and same:
        return kept
    if asked.command_id is not None and kept.command_id == asked.command_id:
        raise command_id_used()
    day = wording.day(policy.date_of(kept.at))
    raise InvalidInput(
        "contact_id",
        f"was recorded acted on already, on {day} by officer {kept.officer_id} (7.4)",
        "5.1",
    )


def _due(follow_up: FollowUp, contact: Contact, policy: Policy) -> dict[str, str]:
    """The day a safeguard exercised at the point of contact is due by,
    worked out now and kept in the event (:func:`due_from`; 8.1, UK GDPR
    Art. 12(3)), so that a later change of the configuration moves no
    deadline counted from the contact; nothing when none is left to act on."""
    purpose = acted_on_as(contact.purpose, urgent=contact.urgent)
    if not follow_up.act_on or purpose is None:
        return {}
    return {"due": codec.unstructure(due_from(purpose, contact.at, policy))}


def _received(
    casework: Casework,
    follow_up: FollowUp,
    contact: Contact,
    contact_id: int,
    command_id: str | None,
) -> None:
    """Leave what a logged contact calls for on one case, as its event,
    under an id derived from the contact's ``command_id``, if any; a
    repeat is known by the contact's id, whatever the cases have become
    since."""
    entry = commands.CONTACT_RECEIVED
    data = {
        "contact_id": contact_id,
        "received_at": codec.unstructure(contact.at),
        "channel": contact.channel.value,
        "purpose": contact.purpose.value,
        "issue": contact.issue,
        "to_read": follow_up.to_read,
        "reader": follow_up.reader,
        "new_issue": follow_up.new_issue,
        "act_on": follow_up.act_on,
        **({"urgent": True} if contact.urgent else {}),
        **_due(follow_up, contact, casework.policy),
    }
    derived = (
        None if command_id is None else derived_command_id("contact", command_id, follow_up.case_id)
    )
    steps.change(
        casework,
        entry,
        follow_up.case_id,
        None,
        lambda case, _now: entry.guard(case, contact_id),
        lambda: {"contact_id": contact_id},
        derived,
        build=lambda _case, _now: data,
    )
