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
    Restriction,
    SinglePointOfContact,
)
from contactpolicy.domain.vocabulary import (
    CaseState,
    Channel,
    Closure,
    DecisionKind,
    Role,
)
from contactpolicy.register.notes import Names, case_notes, day

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
    reviews_missed: tuple[pendulum.Date, ...]
    """Every review day that passed and was never held: a later decision
    (a lift, an appeal allowed, another review day) took its place with no
    review completed for it (7.2, :meth:`Case.review_days`), oldest first.
    A review day overdue now is :attr:`review_overdue`."""
    in_force: tuple[Restriction, ...]
    """The restrictions that apply to a contact at the register's time
    (:meth:`Case.restrictions_in_force`): none before the customer is told
    of the decision (6.3), once they lapsed (7.2) or ended (6.4)."""
    managers_informed: bool | None
    """Whether the managers of teams in contact with the customer were told
    of the latest decision (9.1), a lift or an appeal allowed included;
    ``None`` when it is not one they are told of (no decision yet, or one of
    no action): :attr:`Case.managers_to_be_told`, as the work queue asks."""
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
        reviews_missed=tuple(
            day.lateness.due
            for day in case.review_days(now, policy)
            if day.lateness is not None and day.lateness.missed_by and day.lateness.late
        ),
        in_force=case.restrictions_in_force(now, policy) if restricts else (),
        managers_informed=case.managers_informed if case.managers_to_be_told else None,
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
        case_notes="\n".join(case_notes(case, facts, names, policy, now, cycles)),
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


def _untold(decision: Decision | None, policy: Policy, whom: str = "") -> str:
    """A decision not communicated (6.3): ``not yet communicated``, or not
    told, by the exception recorded on a day; ``whom`` after the verb."""
    if decision is None or decision.not_told is None:
        return f"not yet communicated{whom}"
    return f"not told{whom}, by the exception recorded on {day(decision.not_told.at, policy)}"


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
    late = wording.recorded(warning.given_at, warning.recorded_at, policy.date_of)
    lines = [f"Given on {day(warning.given_at, policy)} by {wording.name(warning.method)}{late}."]
    lines.append(
        "Initial measures: " + "; ".join(warning.measures) + "."
        if warning.measures
        else "Initial measures: none."
    )
    behaviours = sorted(wording.name(each) for each in warning.behaviours)
    if behaviours:
        lines.append(f"About: {wording.listing(behaviours)} (4.1).")
    return "\n".join(lines)


def _policy_applied(case: Case, facts: RegisterRow, names: Names, policy: Policy) -> str:
    if facts.decided_on is None:
        ending = case.ended
        if ending is not None and ending.closure is Closure.NO_ACTION:
            no_action = _first(case, DecisionKind.NO_ACTION)
            told = _told(no_action, policy)
            said = (
                _untold(no_action, policy) if told is None else f"communicated {wording.day(told)}"
            )
            return f"Not applied: no action decided on {day(ending.at, policy)} (6.1); {said}."
        return "Not applied."
    lines = [f"Decided on {wording.day(facts.decided_on)}."]
    first = _first(case, DecisionKind.DESIGNATION)
    untold = _untold(first, policy, " to the customer")
    sent = None if first is None else first.communicated
    late = "" if sent is None else wording.recorded(sent.at, sent.recorded_at, policy.date_of)
    lines.append(
        f"{untold[:1].upper()}{untold[1:]} (6.3)."
        if facts.communicated_on is None
        else f"Communicated on {wording.day(facts.communicated_on)}{late}."
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
