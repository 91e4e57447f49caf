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

from typing import TYPE_CHECKING, Any

from contactpolicy.audit import codec, commands, replay
from contactpolicy.audit.commands import fingerprint
from contactpolicy.casework import arguments as checked
from contactpolicy.casework import retention, steps
from contactpolicy.casework.work_queue import findings_to_act_on, open_items
from contactpolicy.domain.contact import CORRESPONDENCE, Contact, ContactDecision
from contactpolicy.domain.follow_up import FollowUp, follow_ups
from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.safeguards import ACTED_ON, due_from
from contactpolicy.domain.validation import (
    derived_command_id,
    optional_text_field,
    require_command_id,
)
from contactpolicy.domain.vocabulary import ReadOutcome
from contactpolicy.errors import InvalidInput

if TYPE_CHECKING:
    from contactpolicy.casework.service import Casework

__all__ = ["leave_follow_ups", "record_read"]


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
    because: str = optional_text_field("reason", "5.1", empty="")(reason)
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
    exercised = contact.purpose in ACTED_ON
    if decision.contact_id is None or not (written or contact.new_issue or exercised):
        return decision
    # Nothing is written onto a case a purge erased (7.2), nor onto one
    # whose record disagrees with its history: the decision, escalated,
    # says so (heard_despite; 7.4).
    found = casework.store.customer_cases(casework._customer_reference(customer_id))
    held, _ = replay.trusted(found, heard=True)
    cases = [case for case in held if not retention.erased(case)]
    for follow_up in follow_ups(cases, contact, decision, casework.policy):
        _received(casework, follow_up, contact, decision.contact_id, command_id)
    return decision


def _due(follow_up: FollowUp, contact: Contact, policy: Policy) -> dict[str, str]:
    """The day a safeguard exercised at the point of contact is due by,
    worked out now and kept in the event (:func:`due_from`; 8.1, UK GDPR
    Art. 12(3)), so that a later change of the configuration moves no
    deadline counted from the contact; nothing when none is left to act on."""
    if not follow_up.act_on:
        return {}
    return {"due": codec.unstructure(due_from(contact.purpose, contact.at, policy))}


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
