"""Data protection commands: a purge past retention (7.2), a correction
(7.4, UK GDPR Art. 16) and a subject access export (UK GDPR Art. 15).

What a purge erases and holds is :mod:`contactpolicy.casework.retention`;
what an export holds is :mod:`contactpolicy.casework.subject_access`. Here
each is carried out for :class:`~contactpolicy.casework.service.Casework`:
who may, its arguments checked, and its records written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pendulum

from contactpolicy.audit import codec, commands
from contactpolicy.casework import access, letters, retention, steps, subject_access, work_queue
from contactpolicy.casework import arguments as checked
from contactpolicy.casework.retention import PurgeReport
from contactpolicy.casework.subject_access import SubjectAccess
from contactpolicy.domain import preconditions as guards
from contactpolicy.domain.authority import authorise, refused
from contactpolicy.domain.corrections import letters_touched
from contactpolicy.domain.model import Case, Officer
from contactpolicy.domain.validation import (
    derived_command_id,
    flag_field,
    moment_field,
    reason_field,
    require_command_id,
    string_field,
)
from contactpolicy.errors import InvalidInput

if TYPE_CHECKING:
    from contactpolicy.casework.service import Casework

__all__ = ["purge", "rectify", "subject_access_export"]


def purge(
    casework: Casework,
    as_of: pendulum.DateTime | None = None,
    *,
    by: Officer,
    dry_run: bool = False,
    command_id: str | None = None,
) -> PurgeReport:
    """Carry out :meth:`Casework.purge
    <contactpolicy.casework.service.Casework.purge>` (7.2)."""
    entry = commands.PURGE
    # Checked first: a flag merely truthy ("no", 0.0) must never decide
    # whether personal data is erased.
    dry_run = flag_field("dry_run", "7.2")(dry_run)
    officer = steps.acting(casework, by, entry)
    authorise(casework.policy, entry.command, entry.section, officer)
    require_command_id(command_id)
    if dry_run and command_id is not None:
        raise InvalidInput(
            "command_id",
            "a dry run writes nothing, so it takes no command id; give one to a run that "
            "erases, which keeps its report under it",
            "7.2",
        )
    now = casework._now()
    at = now if as_of is None else moment_field("as_of", "7.2")(as_of)
    if at > now and not dry_run:
        raise InvalidInput(
            "as_of",
            "must not be later than now for a purge that erases: retention is counted to "
            "a past time (a dry run may look ahead)",
            "7.2",
        )
    given = retention.run_fingerprint(None if as_of is None else at, officer.id)
    if command_id is not None:
        earlier = casework.store.purge_run(command_id)
        if earlier is not None:
            return retention.repeated(earlier, given)
    run_id = command_id or retention.new_run_id()
    # Erasing with a key that is not the one the records were signed
    # with would break them; a dry run erases nothing.
    keys = casework.audit_keys if dry_run else casework._signing_keys()
    waiting = work_queue.waiting(
        casework.store, casework.policy, casework.officers, at, casework.audit_keys
    )
    found = retention.plan(casework.store, keys, casework.policy, at, waiting)
    reads_before = at.subtract(months=casework.policy.retention_months)
    if dry_run:
        reads = sum(each.at < reads_before for each in casework.store.reads())
    else:
        reads = casework.store.erase_reads(reads_before)
    report = PurgeReport(
        run_id, at, dry_run, found.erased, found.kept, reads, found.keyed, found.held
    )
    if dry_run or not (found.cases or found.contacts or command_id):
        return report
    for case_id in found.cases:
        steps.change(
            casework,
            entry,
            case_id,
            officer,
            lambda case, _now: entry.guard(
                case, casework.policy.retention_months, at, casework.policy.timezone
            ),
            lambda: {"run": run_id},
            derived_command_id("purge", run_id, case_id),
        )
    erasures = [retention.erasure(casework.store, keys, case_id) for case_id in found.cases]
    run = None if command_id is None else retention.run_record(command_id, given, report)
    try:
        casework.store.erase([each for each in erasures if each is not None], found.contacts, run)
    except InvalidInput as error:
        # The same run, repeated at the same time, kept its record first.
        earlier = None if run is None else casework.store.purge_run(run.command_id)
        if error.field != "command_id" or earlier is None:
            raise
        return retention.repeated(earlier, given)
    return report


def rectify(
    casework: Casework,
    case_id: str,
    by: Officer,
    field: str,
    value: str,
    reason: str,
    *,
    command_id: str | None = None,
) -> Case:
    """Carry out :meth:`Casework.rectify
    <contactpolicy.casework.service.Casework.rectify>` (7.4, UK GDPR Art. 16)."""
    field = string_field("field", "7.4")(field)
    if field == "customer.id":
        value = casework.policy.customer_reference(value, "value")
    else:
        corrected = {
            "issue": checked.CORRECTED_ISSUE,
            "customer.contact": checked.CORRECTED_CONTACT,
        }
        value = corrected.get(field, checked.CORRECTED)(value)
    reason = reason_field("reason", "7.4")(reason)
    entry = commands.RECTIFY
    asked = {"field": field, "value": value, "reason": reason}
    # An incident is corrected in the warning's and the designation's
    # copies of it too; the event says so (``copies``), as events
    # recorded before did not.
    found = guards.rectified(field)
    copies = {"copies": True} if found is not None and found[1] is not None else {}

    def built(case: Case, _now: pendulum.DateTime) -> dict[str, Any]:
        # The letters already sent that the correction changes (6.3, 7.4),
        # as the case stood before it: each waits for a corrected letter.
        touched = () if found is None else letters_touched(case, *found)
        sent = [{"kind": kind.value, "about": codec.unstructure(about)} for kind, about in touched]
        return {**asked, **copies, **({"letters": sent} if sent else {})}

    return steps.change(
        casework,
        entry,
        case_id,
        by,
        lambda case, _now: entry.guard(case, field, value, reason) + retention.not_erased(case),
        lambda: asked,
        command_id,
        build=built,
    )


def subject_access_export(
    casework: Casework, customer_id: str, *, by: Officer, templates: Path | None = None
) -> SubjectAccess:
    """Carry out :meth:`Casework.subject_access
    <contactpolicy.casework.service.Casework.subject_access>` (UK GDPR Art. 15, 7.4)."""
    checked.officer(by)
    officer = by if casework.officers is None else casework.officers.get(by.id)
    if officer is None or not officer.has_any(subject_access.ROLES):
        raise refused(
            casework.policy, "subject_access", by.id, subject_access.ROLES, subject_access.SECTION
        )
    reference = casework._customer_reference(customer_id)
    cases = casework._customer_cases(reference, "the export would leave the case out")
    now = casework._now()
    export = subject_access.export(
        casework.store,
        casework.policy,
        reference,
        cases,
        officer.id,
        now,
        lambda case, kind: letters.written(casework, casework._letters(), case, kind, now),
        templates,
    )
    access.log(casework.store, officer, cases, "subject_access", now)
    return export
