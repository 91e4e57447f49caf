"""One row of the electronic record of 7.4 for one case: its five columns,
in the policy's own headings, and the facts they are written from.

:func:`row` is a pure function of the case, the policy, the time and
(for the cyclical contacts the case notes include) the customer's
:class:`~contactpolicy.domain.evidence.EvidenceSummary`; reading the cases
is :meth:`contactpolicy.Casework.register`'s.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import pendulum

from contactpolicy.domain import wording
from contactpolicy.domain.evidence import EvidenceSummary
from contactpolicy.domain.model import Case, Customer, Decision, Officer, Override
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.restrictions import (
    CallLimit,
    CallTimeLimit,
    NoFurtherEnquiriesOnIssue,
    ReadAndFile,
    Restriction,
    SingleContactMethod,
    SinglePointOfContact,
)
from contactpolicy.domain.vocabulary import (
    CaseState,
    Channel,
    Closure,
    DecisionKind,
    ReviewOutcome,
    Role,
)

__all__ = ["HEADINGS", "TITLE", "RegisterRow", "order", "row"]

TITLE = "Unreasonable and Unreasonably Persistent Contacts"
"""The title of the policy's table (7.4)."""

HEADINGS = (
    "Name and contact details",
    "Warning given (please provide date, method this was communicated to the customer and "
    "any initial measures put in place)",
    "Unreasonable and Unreasonably Persistent Contact Policy applied (please include decision "
    "date, the date this was communicated to the customer, and the single point of contact "
    "going forward)",
    "Date last reviewed",
    "Case Notes (please include any cyclical unreasonable contacts identified, this will help "
    "determine how long the policy should be applied)",
)
"""The five column headings of the policy's table (7.4), word for word."""

_NEVER = pendulum.Date(9999, 12, 31)
"""Later than any review date: where cases with none sort."""

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


@attrs.frozen(kw_only=True)
class RegisterRow:
    """One case in the electronic record (7.4).

    The five columns of the policy's table, in its order, are
    ``name_and_contact``, ``warning``, ``policy_applied`` and ``case_notes``
    (plain text, one fact a line) and ``last_reviewed`` (a calendar date, or
    ``None`` before the first review is completed). The other fields are
    the facts the columns are written from, for sorting and filtering:
    dates are ``pendulum.Date`` in the policy's time zone, ``None`` when the
    event has not happened.
    """

    case_id: str
    state: CaseState
    customer: Customer
    warned_on: pendulum.Date | None
    """When the warning was given to the customer (6.3)."""
    warning_method: Channel | None
    measures: tuple[str, ...]
    """The initial measures put in place with the warning."""
    decided_on: pendulum.Date | None
    """When the policy was applied: the designation's decision date (6.1)."""
    communicated_on: pendulum.Date | None
    """When the designation was communicated to the customer (6.3)."""
    single_point_of_contact: tuple[str, ...]
    """The officer ids named as single point of contact going forward (5.1);
    none once restrictions end."""
    last_reviewed: pendulum.Date | None
    """When the latest review was completed (7.2, 7.3)."""
    review_due: pendulum.Date | None
    """When the restrictions in force are next reviewed (7.2)."""
    review_overdue: bool
    """Whether the review day has ended without a review (7.2)."""
    lapsed: bool
    """Whether the restrictions have lapsed for want of a review (7.2)."""
    managers_informed: bool | None
    """Whether the managers were told of the latest decision leaving
    restrictions (9.1); ``None`` when no restrictions are in force."""
    overrides: tuple[Override, ...]
    """Every soft precondition a decision on the case went ahead without,
    with its recorded reason (6.2, 6.3, 7.2)."""
    name_and_contact: str
    warning: str
    policy_applied: str
    case_notes: str

    @property
    def columns(self) -> tuple[str, str, str, pendulum.Date | None, str]:
        """The five columns, in the order of :data:`HEADINGS`."""
        return (
            self.name_and_contact,
            self.warning,
            self.policy_applied,
            self.last_reviewed,
            self.case_notes,
        )


def order(row: RegisterRow) -> tuple[int, pendulum.Date, str]:
    """The register's order: reviews overdue first, the longest overdue
    first; then every other case with a review date, the soonest first;
    then the cases with none (warned, lifted, closed); the case id breaks
    ties."""
    due = row.review_due or _NEVER
    return (0 if row.review_overdue else 1, due, row.case_id)


def row(
    case: Case,
    policy: Policy,
    now: pendulum.DateTime,
    officers: Mapping[str, Officer] | None = None,
    cycles: EvidenceSummary | None = None,
) -> RegisterRow:
    """The register's row for ``case`` at ``now`` (7.4). Officers are named
    from ``officers`` (the directory) where it knows them, else by id;
    ``cycles`` is the customer's evidence summary whose bursts of contact
    and their recurrence the case notes include (6.4)."""
    designation = case.designation
    spoc = _points_of_contact(case.restrictions)
    completed = [review for review in case.reviews if review.completed_at is not None]
    last = completed[-1].completed_at if completed else None
    restricts = case.state.restricts
    overrides = (
        *(() if designation is None else designation.overrides),
        *(each for review in case.reviews for each in review.overrides),
    )
    facts = RegisterRow(
        case_id=case.id,
        state=case.state,
        customer=case.customer,
        warned_on=None if case.warning is None else policy.date_of(case.warning.given_at),
        warning_method=None if case.warning is None else case.warning.method,
        measures=() if case.warning is None else case.warning.measures,
        decided_on=None if designation is None else policy.date_of(designation.decided_at),
        communicated_on=(
            None
            if designation is None or designation.communicated_at is None
            else policy.date_of(designation.communicated_at)
        ),
        single_point_of_contact=spoc,
        last_reviewed=None if last is None else policy.date_of(last),
        review_due=case.review_due,
        review_overdue=restricts and case.review_overdue(now, policy),
        lapsed=restricts and case.lapsed(now, policy),
        managers_informed=_informed(case) if restricts else None,
        overrides=overrides,
        name_and_contact="",
        warning="",
        policy_applied="",
        case_notes="",
    )
    names = _Names(officers)
    return attrs.evolve(
        facts,
        name_and_contact=_name_and_contact(case.customer),
        warning=_warning(case, policy),
        policy_applied=_policy_applied(case, facts, names, policy),
        case_notes="\n".join(_notes(case, facts, names, policy, cycles)),
    )


class _Names:
    """Officers by name from the directory, else by id."""

    def __init__(self, officers: Mapping[str, Officer] | None) -> None:
        self.officers = officers or {}

    def __call__(self, officer_id: str) -> str:
        found = self.officers.get(officer_id)
        return officer_id if found is None else f"{found.name} ({officer_id})"


def _points_of_contact(restrictions: tuple[Restriction, ...]) -> tuple[str, ...]:
    """The officers ``restrictions`` name as single point of contact (5.1)."""
    return tuple(each.officer_id for each in restrictions if isinstance(each, SinglePointOfContact))


def _first(case: Case, kind: DecisionKind) -> Decision | None:
    return next((each for each in case.decisions if each.kind is kind), None)


def _told(decision: Decision | None, policy: Policy) -> pendulum.Date | None:
    if decision is None or decision.communicated is None:
        return None
    return policy.date_of(decision.communicated.at)


def _informed(case: Case) -> bool:
    """9.1: the managers were told after the latest decision was taken."""
    decision = case.decision
    return decision is not None and any(
        told.at >= decision.decided_at for told in case.disseminations
    )


def _day(at: pendulum.DateTime, policy: Policy) -> str:
    return wording.day(policy.date_of(at))


def _name_and_contact(customer: Customer) -> str:
    lines = [customer.name, customer.contact.strip(), f"Customer reference {customer.id}"]
    return "\n".join(line for line in lines if line)


def _warning(case: Case, policy: Policy) -> str:
    warning = case.warning
    if warning is None:
        designation = case.designation
        if designation is not None and designation.without_warning_because is not None:
            return (
                "No warning: immediate action (6.3) because "
                f"{designation.without_warning_because.strip()}"
            )
        return "No warning given."
    lines = [f"Given on {_day(warning.given_at, policy)} by {wording.name(warning.method)}."]
    lines.append(
        "Initial measures: " + "; ".join(warning.measures) + "."
        if warning.measures
        else "Initial measures: none."
    )
    behaviours = sorted(wording.name(each) for each in warning.behaviours)
    if behaviours:
        lines.append(f"About: {wording.listing(behaviours)} (4.1).")
    return "\n".join(lines)


def _policy_applied(case: Case, facts: RegisterRow, names: _Names, policy: Policy) -> str:
    if facts.decided_on is None:
        ending = case.ended
        if ending is not None and ending.closure is Closure.NO_ACTION:
            no_action = _first(case, DecisionKind.NO_ACTION)
            told = _told(no_action, policy)
            said = "not yet communicated" if told is None else f"communicated {wording.day(told)}"
            return f"Not applied: no action decided on {_day(ending.at, policy)} (6.1); {said}."
        return "Not applied."
    lines = [f"Decided on {wording.day(facts.decided_on)}."]
    lines.append(
        "Not yet communicated to the customer (6.3)."
        if facts.communicated_on is None
        else f"Communicated on {wording.day(facts.communicated_on)}."
    )
    if facts.single_point_of_contact:
        named = [names(each) for each in facts.single_point_of_contact]
        lines.append(f"Single point of contact: {wording.listing(named)}.")
    elif case.state.restricts:
        lines.append(f"Single point of contact: none named; the {policy.title(Role.RECORDS)}.")
    else:
        earlier = [] if case.designation is None else case.designation.restrictions
        were = [
            names(each.officer_id) for each in earlier if isinstance(each, SinglePointOfContact)
        ]
        lines.append(
            "Single point of contact: none going forward, the restrictions have ended"
            + (f" (was {wording.listing(were)})." if were else ".")
        )
    return "\n".join(lines)


def _restriction(restriction: Restriction, names: _Names) -> str:
    """A restriction of 5.1 in words, for the case notes."""
    match restriction:
        case NoFurtherEnquiriesOnIssue(issue=issue):
            return f"no further enquiries registered on {issue!r}"
        case CallTimeLimit(minutes=minutes):
            return f"calls limited to {wording.count(minutes, 'minute')}"
        case CallLimit(calls=calls, per=per):
            return f"at most {wording.count(calls, 'call')} per {wording.period(per)}"
        case SingleContactMethod(channel=channel):
            return f"contact by {wording.name(channel)} only"
        case SinglePointOfContact(officer_id=officer):
            return f"single point of contact {names(officer)}"
        case ReadAndFile(officer_id=officer):
            return f"correspondence read and filed by {names(officer)}"


def _notes(
    case: Case,
    facts: RegisterRow,
    names: _Names,
    policy: Policy,
    cycles: EvidenceSummary | None,
) -> list[str]:
    """The case notes column: the state and the restrictions, the review
    clock, reviews, appeals, overrides, managers told (9.1), cyclical
    contacts (6.4) and the officers' notes, one fact a line."""
    lines = [f"Case {case.id}: {wording.name(case.state)}."]
    designation = case.designation
    if designation is not None and case.state.restricts:
        described = [_restriction(each, names) for each in case.restrictions]
        lines.append(f"Restrictions in force (5.1): {'; '.join(described)}.")
        if designation.ends_on is not None:
            because = designation.ends_on_because.strip()
            lines.append(
                f"The restrictions end after {wording.day(designation.ends_on)} (6.4)"
                + (f": {because}" if because else ".")
            )
    lines += _clock(facts)
    ending = case.ended
    if ending is not None:
        when = _day(ending.at, policy)
        if ending.closure is None:
            lines.append(f"Restrictions ended on {when}: {ending.reason.strip()}")
        else:
            lines.append(f"Closed on {when}, {_CLOSURES[ending.closure]}: {ending.reason.strip()}")
    for review in case.reviews:
        started = _day(review.started_at, policy)
        if review.completed_at is None or review.outcome is None:
            lines.append(f"Review ({wording.name(review.trigger)}) started on {started} (7.2).")
        else:
            lines.append(
                f"Reviewed on {_day(review.completed_at, policy)} "
                f"({wording.name(review.trigger)}): {_REVIEWED[review.outcome]}. "
                f"{review.notes.strip()}".rstrip()
            )
    for appeal in case.appeals:
        received = _day(appeal.received_at, policy)
        if appeal.decided_at is None or appeal.outcome is None:
            lines.append(f"Appeal received on {received}: not yet decided (8.1).")
        else:
            lines.append(
                f"Appeal received on {received}, decided on {_day(appeal.decided_at, policy)}: "
                f"{wording.name(appeal.outcome)} (8.1). {appeal.reasons.strip()}".rstrip()
            )
    lines += [
        f"Precondition {override.code} overridden: {override.reason.strip()}"
        for override in facts.overrides
    ]
    lines += _managers(case, facts, policy)
    lines += _cyclical(cycles)
    lines += [f"Note of {_day(note.at, policy)}: {note.text.strip()}" for note in case.notes]
    return lines


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


def _managers(case: Case, facts: RegisterRow, policy: Policy) -> list[str]:
    """9.1: when managers were told, and whether of the latest decision."""
    lines = [
        f"Managers informed on {_day(told.at, policy)} (9.1): {', '.join(told.recipients)}."
        for told in case.disseminations
    ]
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
