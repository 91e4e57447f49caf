"""Reviews and appeals: a review completed (7.2, 7.3), an appeal
recorded and an appeal decided (8.1).

Each is carried out here for :class:`~contactpolicy.casework.service.Casework`:
its arguments checked, its guard with what a variation must meet
(:func:`~contactpolicy.casework.restricting.variation`, 5.1), and what its
event holds. The guard and how the event changes the case are its entry in
:mod:`contactpolicy.audit.commands`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pendulum

from contactpolicy.audit import codec, commands
from contactpolicy.casework import arguments as checked
from contactpolicy.casework import restricting, steps
from contactpolicy.casework.scope import Scope
from contactpolicy.domain.grounds import incidents_since
from contactpolicy.domain.model import Assessment, Case, Officer
from contactpolicy.domain.preconditions import appeal_due, appeal_received
from contactpolicy.domain.restrictions import Restriction
from contactpolicy.domain.safeguards import Adjustment
from contactpolicy.domain.validation import (
    enum_field,
    moment_field,
    optional_text_field,
    reason_field,
)
from contactpolicy.domain.vocabulary import AppealOutcome, ReviewOutcome, ReviewTrigger

if TYPE_CHECKING:
    from contactpolicy.casework.service import Casework

__all__ = ["appeal", "complete_review", "decide_appeal", "lift", "start_review"]


def start_review(
    casework: Casework,
    case_id: str,
    by: Officer,
    trigger: ReviewTrigger,
    note: str = "",
    *,
    command_id: str | None = None,
) -> Case:
    """Carry out :meth:`Casework.start_review
    <contactpolicy.casework.service.Casework.start_review>` (7.2, 7.3)."""
    trigger = enum_field(ReviewTrigger, "trigger", "7.2", "a review trigger")(trigger)
    note = reason_field("note", "7.2", optional_text_field, empty="")(note)
    entry = commands.START_REVIEW

    return steps.change(
        casework,
        entry,
        case_id,
        by,
        lambda case, now: entry.guard(case, casework.policy, trigger, now),
        lambda: {"trigger": trigger.value, "note": note},
        command_id,
    )


def complete_review(
    casework: Casework,
    case_id: str,
    by: Officer,
    outcome: ReviewOutcome,
    notes: str,
    restrictions: Iterable[Restriction] | None = None,
    *,
    services: Iterable[str] | None = None,
    council_wide_because: str | None = None,
    adjustments: Iterable[Adjustment] | None = None,
    assessment: Assessment | None = None,
    ends_on: pendulum.Date | None = None,
    ends_on_because: str | None = None,
    overrides: Mapping[str, str] | None = None,
    command_id: str | None = None,
) -> Case:
    """Carry out :meth:`Casework.complete_review
    <contactpolicy.casework.service.Casework.complete_review>` (7.2)."""
    outcome = enum_field(ReviewOutcome, "outcome", "7.2", "a review outcome")(outcome)
    notes = reason_field("notes", "7.2")(notes)
    chosen = checked.restrictions(restrictions, "restrictions")
    assessment = checked.assessment_given(assessment)
    length = checked.length(ends_on, ends_on_because)
    softened = checked.overrides(overrides, casework.policy)
    scope = Scope.given(services, council_wide_because, adjustments)
    varies = outcome is ReviewOutcome.VARY
    entry = commands.COMPLETE_REVIEW

    def build(case: Case, now: pendulum.DateTime) -> dict[str, Any]:
        data = {
            "outcome": outcome.value,
            "notes": notes,
            "restrictions": checked.encoded_restrictions(chosen, varies=varies),
            "review_due": codec.unstructure(casework.policy.review_due(now, first=False)),
            **(scope.encoded() if varies else {}),
            "incidents_since": incidents_since(case),
            "assessment": None if assessment is None else codec.unstructure(assessment),
            "overrides": softened,
        }
        if outcome is not ReviewOutcome.LIFT:
            data.update(checked.encoded_length(length))
        return data

    return steps.change(
        casework,
        entry,
        case_id,
        by,
        lambda case, now: (
            entry.guard(
                case,
                casework.policy,
                now,
                outcome,
                notes,
                chosen,
                assessment,
                length,
                softened,
                scope.services,
                scope.adjustments,
            )
            + restricting.variation(casework, case, scope, chosen, now, varies=varies)
        ),
        lambda: {
            "outcome": outcome.value,
            "notes": notes,
            "restrictions": checked.encoded(chosen),
            **scope.encoded(),
            "assessment": None if assessment is None else codec.unstructure(assessment),
            "overrides": softened,
            **checked.encoded_length(length),
        },
        command_id,
        build=build,
        outcome=outcome,
    )


def appeal(
    casework: Casework,
    case_id: str,
    by: Officer,
    grounds: str,
    received_at: pendulum.DateTime | None = None,
    *,
    contact_id: int | None = None,
    command_id: str | None = None,
) -> Case:
    """Carry out :meth:`Casework.appeal
    <contactpolicy.casework.service.Casework.appeal>` (8.1)."""
    grounds = reason_field("grounds", "8.1")(grounds)
    if received_at is not None:
        received_at = moment_field("received_at", "8.1")(received_at)
    if contact_id is not None:
        contact_id = checked.CONTACT_ID(contact_id)
    entry = commands.APPEAL

    def linked() -> dict[str, Any]:
        return {} if contact_id is None else {"contact_id": contact_id}

    def recorded(case: Case, now: pendulum.DateTime) -> dict[str, Any]:
        # 8.1: the deadline is fixed as the appeal is recorded, in its event.
        due = appeal_due(case, received_at, now, casework.policy, contact_id)
        return {
            "grounds": grounds,
            "received_at": codec.unstructure(appeal_received(case, received_at, now, contact_id)),
            "due": codec.unstructure(due),
            **linked(),
        }

    return steps.change(
        casework,
        entry,
        case_id,
        by,
        lambda case, now: entry.guard(case, grounds, received_at, now, contact_id),
        lambda: {
            "grounds": grounds,
            "received_at": None if received_at is None else codec.unstructure(received_at),
            **linked(),
        },
        command_id,
        build=recorded,
    )


def decide_appeal(
    casework: Casework,
    case_id: str,
    by: Officer,
    outcome: AppealOutcome,
    reasons: str,
    restrictions: Iterable[Restriction] | None = None,
    *,
    services: Iterable[str] | None = None,
    council_wide_because: str | None = None,
    adjustments: Iterable[Adjustment] | None = None,
    assessment: Assessment | None = None,
    command_id: str | None = None,
) -> Case:
    """Carry out :meth:`Casework.decide_appeal
    <contactpolicy.casework.service.Casework.decide_appeal>` (8.1)."""
    outcome = enum_field(AppealOutcome, "outcome", "8.1", "an appeal outcome")(outcome)
    reasons = reason_field("reasons", "8.1")(reasons)
    chosen = checked.restrictions(restrictions, "restrictions")
    assessment = checked.assessment_given(assessment)
    scope = Scope.given(services, council_wide_because, adjustments)
    varies = outcome is AppealOutcome.VARIED
    entry = commands.DECIDE_APPEAL

    def build(case: Case, now: pendulum.DateTime) -> dict[str, Any]:
        assert case.designation is not None
        assert case.appeal is not None, "the guard allows this only once appealed"
        # 8.1: how late it is decided is counted now, with the calendar in
        # force, and kept in its event, so a later change to the calendar
        # does not move it.
        late = case.appeal_lateness(case.appeal, now, casework.policy).working_days_late
        return {
            "outcome": outcome.value,
            "reasons": reasons,
            "working_days_late": late,
            "restrictions": checked.encoded_restrictions(chosen, varies=varies),
            "review_due": codec.unstructure(case.designation.review_due),
            **(scope.encoded() if varies else {}),
            "assessment": None if assessment is None else codec.unstructure(assessment),
        }

    return steps.change(
        casework,
        entry,
        case_id,
        by,
        lambda case, now: (
            entry.guard(
                case,
                casework.policy,
                now,
                outcome,
                reasons,
                chosen,
                assessment,
                scope.services,
                scope.adjustments,
            )
            + restricting.variation(casework, case, scope, chosen, now, varies=varies)
        ),
        lambda: {
            "outcome": outcome.value,
            "reasons": reasons,
            "restrictions": checked.encoded(chosen),
            **scope.encoded(),
            "assessment": None if assessment is None else codec.unstructure(assessment),
        },
        command_id,
        build=build,
        outcome=outcome,
    )


def lift(
    casework: Casework, case_id: str, by: Officer, reason: str, *, command_id: str | None = None
) -> Case:
    """Carry out :meth:`Casework.lift
    <contactpolicy.casework.service.Casework.lift>` (7.2)."""
    reason = reason_field("reason", "7.2")(reason)
    entry = commands.LIFT
    return steps.change(
        casework,
        entry,
        case_id,
        by,
        lambda case, _now: entry.guard(case, reason),
        lambda: {"reason": reason},
        command_id,
    )
