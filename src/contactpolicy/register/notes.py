"""The case notes column of the register (7.4): what happened on the case
since it was warned or decided on, one fact a line, with the cyclical
contacts the policy's heading asks for (6.4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pendulum

from contactpolicy.domain import wording
from contactpolicy.domain.evidence import EvidenceSummary
from contactpolicy.domain.model import Case, Review
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.vocabulary import Closure, ReviewOutcome

if TYPE_CHECKING:
    from contactpolicy.register.rows import RegisterRow

__all__ = ["Names", "case_notes", "day"]

Names = Callable[[str], str]
"""How an officer is named: from their id to their name in words."""

_REVIEWED = {
    ReviewOutcome.CONTINUE: "continued",
    ReviewOutcome.VARY: "varied",
    ReviewOutcome.LIFT: "lifted",
}

_CLOSURES = {
    Closure.WITHDRAWN: "the request for action was withdrawn",
    Closure.NO_ACTION: "no action under the policy was decided",
    Closure.NOT_TAKEN_UP: "the concern was not taken up",
}


def day(at: pendulum.DateTime, policy: Policy) -> str:
    """The calendar day of ``at`` in the policy's time zone, in words."""
    return wording.day(policy.date_of(at))


def case_notes(
    case: Case,
    facts: RegisterRow,
    names: Names,
    policy: Policy,
    now: pendulum.DateTime,
    cycles: EvidenceSummary | None,
) -> list[str]:
    """The case notes column at ``now``: the state and the restrictions
    (those in force, and those decided that are not), the review clock,
    reviews (each with the day it was due, and how late it was held and
    whether the restrictions lapsed meanwhile, 7.2) and every review day
    passed with no review held for it (:meth:`Case.review_days`), appeals (each decided
    late with its deadline, 8.1), overrides, whether the customer was told
    of each decision (6.3), managers told (9.1), cyclical contacts (6.4)
    and the officers' notes, one fact a line."""
    lines = [f"Case {case.id}: {wording.name(case.state)}."]
    designation = case.designation
    if designation is not None and case.state.restricts:
        lines += _restrictions(case, facts, names, policy, now)
        if designation.ends_on is not None:
            because = designation.ends_on_because.strip()
            lines.append(
                f"The restrictions end after {wording.day(designation.ends_on)} (6.4)"
                + (f": {because}" if because else ".")
            )
    lines += _clock(facts)
    ending = case.ended
    if ending is not None:
        when = day(ending.at, policy)
        if ending.closure is None:
            lines.append(f"Restrictions ended on {when}: {ending.reason.strip()}")
        else:
            lines.append(f"Closed on {when}, {_CLOSURES[ending.closure]}: {ending.reason.strip()}")
    for reviewed in case.review_days(now, policy):
        if reviewed.review is not None:
            lines.append(_review(reviewed.review, policy))
        if reviewed.lateness is not None:
            lines.append(wording.review_lateness(reviewed.lateness))
    for appeal in case.appeals:
        received = day(appeal.received_at, policy)
        if appeal.decided_at is None or appeal.outcome is None:
            lines.append(f"Appeal received on {received}: not yet decided (8.1).")
        else:
            lines.append(
                f"Appeal received on {received}, decided on {day(appeal.decided_at, policy)}: "
                f"{wording.name(appeal.outcome)} (8.1). {appeal.reasons.strip()}".rstrip()
            )
        late = wording.appeal_lateness(case.appeal_lateness(appeal, now, policy))
        if late:
            lines.append(late)
    lines += [
        f"Precondition {override.code} overridden: {override.reason.strip()}"
        for override in facts.overrides
    ]
    lines += _letters(case, policy)
    lines += _managers(case, facts, policy)
    lines += _cyclical(cycles)
    lines += [f"Note of {day(note.at, policy)}: {note.text.strip()}" for note in case.notes]
    return lines


def _review(review: Review, policy: Policy) -> str:
    """A review, started or completed with its outcome and notes (7.2, 7.3)."""
    trigger = wording.name(review.trigger)
    if review.completed_at is None or review.outcome is None:
        return f"Review ({trigger}) started on {day(review.started_at, policy)} (7.2)."
    return (
        f"Reviewed on {day(review.completed_at, policy)} ({trigger}): "
        f"{_REVIEWED[review.outcome]}. {review.notes.strip()}".rstrip()
    )


def _restrictions(
    case: Case, facts: RegisterRow, names: Names, policy: Policy, now: pendulum.DateTime
) -> list[str]:
    """The restrictions in force at ``now`` (:attr:`RegisterRow.in_force`,
    :meth:`Case.restrictions_in_force`, 5.1), and those decided that do not
    apply then, with why: they lapsed at the end of their review day (7.2),
    ended on the last day decided (6.4), or wait for the customer to be
    told (6.3). Each restriction as the council's record words it, of the
    customer in the third person
    (:func:`~contactpolicy.domain.wording.restriction`, ``to_customer=False``)."""
    lines = []
    if facts.in_force:
        described = " ".join(
            wording.restriction(each, names, to_customer=False) for each in facts.in_force
        )
        lines.append(f"Restrictions in force (5.1): {described}")
    waiting = [each for each in case.restrictions if each not in facts.in_force]
    if not waiting:
        return lines
    described = " ".join(wording.restriction(each, names, to_customer=False) for each in waiting)
    latest = case.decision
    if facts.lapsed and facts.review_due is not None:
        why = f"lapsed at the end of {wording.day(facts.review_due)}, their review day (7.2)"
    elif latest is not None and latest.ends_on is not None and latest.ended(policy.date_of(now)):
        why = f"ended after {wording.day(latest.ends_on)} (6.4)"
    else:
        why = "decided, not yet in force: the customer has not been told (6.3)"
    return [*lines, f"Restrictions {why}: {described}"]


def _clock(facts: RegisterRow) -> list[str]:
    """7.2: when the review falls due, or that it is overdue or lapsed."""
    due = facts.review_due
    if due is None:
        return []
    if facts.lapsed:
        return [
            f"Review overdue: the restrictions lapsed at the end of {wording.day(due)}, "
            "their review day (7.2)."
        ]
    if facts.review_overdue:
        return [f"Review overdue since {wording.day(due)} (7.2)."]
    return [f"Review due on {wording.day(due)} (7.2)."]


def _letters(case: Case, policy: Policy) -> list[str]:
    """6.3, 7.4: for every decision, when and how the customer was told of
    it (and the letter recorded as sent), or that they are not yet
    (:attr:`Decision.owed <contactpolicy.domain.model.Decision.owed>`), and
    each exception of not telling them, who recorded it, when and why
    (:func:`~contactpolicy.domain.wording.told`,
    :func:`~contactpolicy.domain.wording.not_told`)."""
    lines = []
    for decision in case.decisions:
        if decision.not_told is not None:
            lines.append(wording.not_told(decision, policy.date_of))
        told = wording.told(decision, policy.date_of)
        if told:
            lines.append(told)
    return lines


def _managers(case: Case, facts: RegisterRow, policy: Policy) -> list[str]:
    """9.1: when managers were told, of which decision (the latest taken by
    then, as :attr:`Case.managers_informed` counts it), and whether of the
    latest decision."""
    lines = []
    for told in case.disseminations:
        taken = [decision for decision in case.decisions if decision.decided_at <= told.at]
        of = (
            f" of the {wording.name(taken[-1].kind)} decision of "
            f"{day(taken[-1].decided_at, policy)}"
            if taken
            else ""
        )
        lines.append(
            f"Managers informed on {day(told.at, policy)}{of} (9.1): {', '.join(told.recipients)}."
        )
    if facts.managers_informed is False:
        lines.append("Managers not yet informed of the latest decision (9.1).")
    return lines


def _cyclical(cycles: EvidenceSummary | None) -> list[str]:
    """6.4 and the 7.4 column: the cyclical contacts identified in the
    contact log, and the same issue raised with several departments (4.1);
    nothing when there are none."""
    if cycles is None:
        return []
    period = f"{wording.day(cycles.since)} to {wording.day(cycles.until)}"
    recurrence = cycles.recurrence
    lines: list[str] = []
    if recurrence is not None and recurrence.regular:
        lines.append(
            f"Cyclical contacts (6.4), {period}: bursts of contact recur roughly every "
            f"{recurrence.every_weeks:g} weeks ({len(cycles.bursts)} bursts)."
        )
    elif cycles.bursts:
        busy = sum(burst.weeks for burst in cycles.bursts)
        lines.append(
            f"No regular cycle of contact (6.4), {period}: "
            f"{wording.count(busy, 'busy week')} in {wording.count(len(cycles.bursts), 'burst')}."
        )
    for parallel in cycles.parallel_enquiries:
        lines.append(
            f"The same issue raised with {wording.listing(list(parallel.departments))} "
            f"within a week (4.1, scatter gun): {parallel.issue!r}."
        )
    return lines
