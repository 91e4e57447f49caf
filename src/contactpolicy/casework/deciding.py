"""Decisions taken on a case: a warning (6.3), a decision of no action
(6.1), a designation with its restrictions (6.1-6.4) and a new officer
named in place of another (5.1).

Each is carried out here for :class:`~contactpolicy.casework.service.Casework`:
its arguments checked, its guard with what restrictions decided must meet
(:mod:`~contactpolicy.casework.restricting`, 5.1), and what its event holds.
The guard and how the event changes the case are its entry in
:mod:`contactpolicy.audit.commands`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from contactpolicy.audit import codec, commands
from contactpolicy.casework import arguments as checked
from contactpolicy.casework import restricting, steps
from contactpolicy.casework.scope import Scope
from contactpolicy.domain.grounds import Decision, default_evidence, warned_about
from contactpolicy.domain.model import Assessment, Case, Designation, Incident, Officer, Override
from contactpolicy.domain.restrictions import ReadAndFile, Restriction, SinglePointOfContact
from contactpolicy.domain.safeguards import Adjustment
from contactpolicy.domain.validation import identifier, moment_field, reason_field, require
from contactpolicy.domain.vocabulary import Behaviour, Channel
from contactpolicy.errors import Failure

if TYPE_CHECKING:
    from contactpolicy.casework.service import Casework

__all__ = ["decide_no_action", "designate", "reassign", "warn"]


def warn(
    casework: Casework,
    case_id: str,
    by: Officer,
    method: Channel,
    measures: Iterable[str] = (),
    *,
    at: pendulum.DateTime | None = None,
    incidents: Iterable[Incident] | None = None,
    behaviours: Iterable[Behaviour] | None = None,
    command_id: str | None = None,
) -> Case:
    """Carry out :meth:`Casework.warn
    <contactpolicy.casework.service.Casework.warn>` (6.3)."""
    method = checked.CHANNEL(method)
    found = checked.MEASURES(measures)
    given_at = None if at is None else moment_field("at", "6.3")(at)
    named = None if incidents is None else tuple(dict.fromkeys(checked.INCIDENTS(incidents)))
    about = None if behaviours is None else frozenset(checked.BEHAVIOURS(behaviours))
    entry = commands.WARN

    def content(
        case: Case, now: pendulum.DateTime
    ) -> tuple[pendulum.DateTime, tuple[Incident, ...], frozenset[Behaviour]]:
        chosen, kinds = warned_about(case, named, about)
        return (now if given_at is None else given_at), chosen, kinds

    def check(case: Case, now: pendulum.DateTime) -> list[Failure]:
        when, chosen, kinds = content(case, now)
        return entry.guard(case, found, when, chosen, kinds, now)

    def build(case: Case, now: pendulum.DateTime) -> dict[str, Any]:
        when, chosen, kinds = content(case, now)
        return {
            "method": method.value,
            "measures": list(found),
            "at": codec.unstructure(when),
            "incidents": codec.unstructure(chosen, tuple[Incident, ...]),
            "behaviours": codec.unstructure(kinds),
        }

    return steps.change(
        casework,
        entry,
        case_id,
        by,
        check,
        lambda: {
            "method": method.value,
            "measures": list(found),
            "at": None if given_at is None else codec.unstructure(given_at),
            "incidents": None if named is None else codec.unstructure(named),
            "behaviours": None if about is None else codec.unstructure(about),
        },
        command_id,
        build=build,
    )


def decide_no_action(
    casework: Casework, case_id: str, by: Officer, reasons: str, *, command_id: str | None = None
) -> Case:
    """Carry out :meth:`Casework.decide_no_action
    <contactpolicy.casework.service.Casework.decide_no_action>` (6.1)."""
    reasons = reason_field("reasons", "6.1")(reasons)
    entry = commands.DECIDE_NO_ACTION
    return steps.change(
        casework,
        entry,
        case_id,
        by,
        lambda _case, _now: entry.guard(reasons),
        lambda: {"reasons": reasons},
        command_id,
    )


def designate(
    casework: Casework,
    case_id: str,
    by: Officer,
    assessment: Assessment,
    restrictions: Iterable[Restriction],
    reasons: str,
    without_warning_because: str | None = None,
    *,
    services: Iterable[str] = (),
    council_wide_because: str | None = None,
    adjustments: Iterable[Adjustment] = (),
    evidence: Iterable[Incident] | None = None,
    overrides: Mapping[str, str] | None = None,
    ends_on: pendulum.Date | None = None,
    ends_on_because: str | None = None,
    command_id: str | None = None,
) -> Case:
    """Carry out :meth:`Casework.designate
    <contactpolicy.casework.service.Casework.designate>` (6.1-6.4)."""
    require(assessment, Assessment, "assessment", "6.2")
    chosen = checked.restrictions(restrictions, "restrictions", optional=False) or ()
    reasons = reason_field("reasons", "6.3")(reasons)
    without_warning_because = checked.WITHOUT_WARNING(without_warning_because)
    scope = Scope.given(services, council_wide_because, adjustments)
    named = None if evidence is None else tuple(dict.fromkeys(checked.EVIDENCE(evidence)))
    softened = checked.overrides(overrides, casework.policy)
    length = checked.length(ends_on, ends_on_because)
    entry = commands.DESIGNATE

    def decision(case: Case, now: pendulum.DateTime) -> Decision:
        relied = default_evidence(case, casework.policy, now) if named is None else named
        return Decision(relied, softened, length)

    def designation(case: Case, now: pendulum.DateTime) -> Designation:
        return scope.applied(
            Designation(
                decided_at=now,
                decided_by=by.id,
                assessment=assessment,
                restrictions=chosen,
                reasons=reasons,
                review_due=casework.policy.review_due(now),
                without_warning_because=without_warning_because,
                evidence=decision(case, now).evidence,
                overrides=tuple(Override(code, reason) for code, reason in softened.items()),
                ends_on=length.ends_on,
                ends_on_because=length.because or "",
            ),
            None,
        )

    def check(case: Case, now: pendulum.DateTime) -> list[Failure]:
        failures = entry.guard(
            case,
            casework.policy,
            now,
            assessment,
            chosen,
            reasons,
            without_warning_because,
            decision(case, now),
        )
        proposed = designation(case, now)
        return (
            failures
            + scope.failures(casework._teams(), new=True)
            + restricting.named(casework, proposed.restrictions, proposed.adjustments)
            + restricting.channel_left(casework, case, proposed, now)
        )

    return steps.change(
        casework,
        entry,
        case_id,
        by,
        check,
        lambda: {
            "assessment": codec.unstructure(assessment),
            "restrictions": checked.encoded(chosen),
            "reasons": reasons,
            "without_warning_because": without_warning_because,
            **scope.encoded(),
            "evidence": None if named is None else codec.unstructure(named),
            "overrides": softened,
            **checked.encoded_length(length),
        },
        command_id,
        build=lambda case, now: {"designation": codec.unstructure(designation(case, now))},
    )


def reassign(
    casework: Casework,
    case_id: str,
    by: Officer,
    old_officer_id: str,
    new_officer_id: str,
    reason: str,
    *,
    command_id: str | None = None,
) -> Case:
    """Carry out :meth:`Casework.reassign
    <contactpolicy.casework.service.Casework.reassign>` (5.1, 6.3)."""
    old_officer_id = identifier(old_officer_id, "old_officer_id", "5.1")
    new_officer_id = identifier(new_officer_id, "new_officer_id", "5.1")
    reason = reason_field("reason", "5.1")(reason)
    entry = commands.REASSIGN

    def replaced(case: Case) -> tuple[Restriction, ...]:
        return tuple(
            attrs.evolve(each, officer_id=new_officer_id)
            if isinstance(each, SinglePointOfContact | ReadAndFile)
            and each.officer_id == old_officer_id
            else each
            for each in case.restrictions
        )

    def adjusted(case: Case) -> tuple[Adjustment, ...]:
        agreed = () if case.designation is None else case.designation.adjustments
        return tuple(
            attrs.evolve(each, officer_id=new_officer_id)
            if each.officer_id == old_officer_id
            else each
            for each in agreed
        )

    return steps.change(
        casework,
        entry,
        case_id,
        by,
        lambda case, now: (
            entry.guard(case, casework.policy, now, old_officer_id, new_officer_id, reason)
            + restricting.named(casework, replaced(case), adjusted(case))
        ),
        lambda: {
            "old_officer_id": old_officer_id,
            "new_officer_id": new_officer_id,
            "reason": reason,
        },
        command_id,
        build=lambda case, _now: {
            "old_officer_id": old_officer_id,
            "new_officer_id": new_officer_id,
            "reason": reason,
            "restrictions": checked.encoded(replaced(case)),
            "adjustments": codec.unstructure(adjusted(case), tuple[Adjustment, ...]),
            "to_read": [item.contact_id for item in case.to_read if item.reader == old_officer_id],
        },
    )
