"""The domain model: who acts, who is concerned, the evidence and the case.

Names follow the policy's own words. Values are frozen attrs classes; a
:class:`Case` changes only through the lifecycle (:mod:`contactpolicy.casework`).
Every timestamp is an aware :class:`pendulum.DateTime`; every date a
:class:`pendulum.Date` in the policy's time zone.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import pendulum

from contactpolicy.domain.restrictions import Restriction
from contactpolicy.domain.validation import aware_field, enum_field, text_field
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    CaseState,
    Channel,
    ProtectedCharacteristic,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)

__all__ = [
    "Appeal",
    "AppealOutcome",
    "Assessment",
    "Behaviour",
    "Case",
    "CaseState",
    "CaseSummary",
    "Channel",
    "Communication",
    "Customer",
    "Designation",
    "Dissemination",
    "Ending",
    "Incident",
    "Note",
    "Officer",
    "ProtectedCharacteristic",
    "Review",
    "ReviewOutcome",
    "ReviewTrigger",
    "Role",
    "Warning",
]


def _roles(value: Iterable[Role]) -> frozenset[Role]:
    return frozenset(value)


@attrs.frozen
class Officer:
    """A member of the council's staff; ``roles`` decide what they may do."""

    id: str = attrs.field(validator=text_field("6.1"))
    name: str = attrs.field(validator=text_field("6.1"))
    roles: frozenset[Role] = attrs.field(converter=_roles)
    team: str | None = None

    def has_any(self, roles: Iterable[Role]) -> bool:
        """Whether the officer holds at least one of ``roles``."""
        return not self.roles.isdisjoint(roles)


@attrs.frozen
class Customer:
    """The person whose contact is considered.

    ``id`` is the embedding system's own customer reference; ``contact`` their
    contact details as free text, as the 7.4 record holds them.
    """

    id: str = attrs.field(validator=text_field("7.4"))
    name: str = attrs.field(validator=text_field("7.4"))
    contact: str = ""


def _characteristics(
    value: Iterable[ProtectedCharacteristic],
) -> frozenset[ProtectedCharacteristic]:
    return frozenset(value)


@attrs.frozen
class Incident:
    """One piece of evidence: a 4.1 behaviour, when, how, and what happened.

    The ICO expects a restriction to rest on specific, accurately recorded
    incidents, so ``description`` is required.
    """

    behaviour: Behaviour = attrs.field(
        validator=enum_field(Behaviour, "4.1", "one behaviour of 4.1")
    )
    occurred_at: pendulum.DateTime = attrs.field(validator=aware_field())
    channel: Channel = attrs.field(validator=enum_field(Channel, "1.2", "one channel of 1.2"))
    description: str = attrs.field(validator=text_field("4.1"))
    department: str | None = None
    protected_characteristics: frozenset[ProtectedCharacteristic] = attrs.field(
        default=frozenset(), converter=_characteristics
    )


@attrs.frozen(kw_only=True)
class Assessment:
    """The decision maker's 6.2 checks, plus the Equality Act duty.

    Each flag is the decision maker's statement that the condition holds.
    ``adjustments_considered`` records that reasonable adjustments (Equality
    Act 2010) and any underlying cause of the behaviour were considered.
    """

    issue_investigated: bool
    communications_adequate: bool
    no_significant_new_information: bool
    adjustments_considered: bool
    notes: str = ""


@attrs.frozen
class Communication:
    """When and how a decision was communicated to the customer (6.3, 7.4)."""

    at: pendulum.DateTime = attrs.field(validator=aware_field())
    method: Channel
    by: str


@attrs.frozen
class Warning:
    """The warning of 6.3: when, how it was communicated, initial measures (7.4)."""

    given_at: pendulum.DateTime
    by: str
    method: Channel
    measures: tuple[str, ...] = ()


@attrs.frozen
class Designation:
    """The decision to apply the policy (6.1-6.4) and its restrictions (5.1)."""

    decided_at: pendulum.DateTime
    decided_by: str
    assessment: Assessment
    restrictions: tuple[Restriction, ...]
    reasons: str
    review_due: pendulum.Date
    without_warning_because: str | None = None
    communicated: Communication | None = None

    @property
    def communicated_at(self) -> pendulum.DateTime | None:
        """When the customer was told (7.4), or ``None`` if not yet recorded."""
        return None if self.communicated is None else self.communicated.at


@attrs.frozen
class Review:
    """A review (7.2, 7.3): started, and once completed its outcome."""

    started_at: pendulum.DateTime
    started_by: str
    trigger: ReviewTrigger
    note: str = ""
    completed_at: pendulum.DateTime | None = None
    completed_by: str | None = None
    outcome: ReviewOutcome | None = None
    notes: str = ""


@attrs.frozen
class Appeal:
    """An appeal against the decision or its restrictions (8.1)."""

    received_at: pendulum.DateTime
    recorded_by: str
    grounds: str
    decided_at: pendulum.DateTime | None = None
    decided_by: str | None = None
    outcome: AppealOutcome | None = None
    reasons: str = ""


@attrs.frozen
class Note:
    """A case note (7.4). Write it assuming the customer will read it."""

    at: pendulum.DateTime
    by: str
    text: str


@attrs.frozen
class Dissemination:
    """Who was told the details of the restrictions, and when (9.1): the
    managers of teams that may have contact with the customer."""

    at: pendulum.DateTime
    by: str
    recipients: tuple[str, ...]


@attrs.frozen
class Ending:
    """How a case ended: lifted or closed, when, by whom and why."""

    at: pendulum.DateTime
    by: str
    reason: str


@attrs.frozen
class Case:
    """One customer's case under the policy, as the store keeps it.

    ``version`` counts the commands that changed it; it is the version a
    caller passes back to the store to detect concurrent updates.
    """

    id: str
    state: CaseState
    version: int
    customer: Customer
    issue: str
    reported_at: pendulum.DateTime
    reported_by: str
    incidents: tuple[Incident, ...] = ()
    warning: Warning | None = None
    designation: Designation | None = None
    reviews: tuple[Review, ...] = ()
    appeals: tuple[Appeal, ...] = ()
    notes: tuple[Note, ...] = ()
    ended: Ending | None = None
    disseminations: tuple[Dissemination, ...] = ()

    @property
    def appeal(self) -> Appeal | None:
        """The latest appeal, or ``None``."""
        return self.appeals[-1] if self.appeals else None

    @property
    def review(self) -> Review | None:
        """The latest review, or ``None``."""
        return self.reviews[-1] if self.reviews else None

    @property
    def restrictions(self) -> tuple[Restriction, ...]:
        """The restrictions in force now: none unless the state restricts."""
        if self.designation is None or not self.state.restricts:
            return ()
        return self.designation.restrictions

    @property
    def review_due(self) -> pendulum.Date | None:
        """The date the review of the restrictions in force falls due (7.2),
        a calendar date in the policy's time zone, due from the start of that
        day; ``None`` when no restrictions are in force."""
        if self.designation is None or not self.state.restricts:
            return None
        return self.designation.review_due


@attrs.frozen
class CaseSummary:
    """What a listing of cases shows of each: who, what state, when reported,
    when the review of the restrictions in force falls due, and the issue.

    Stores read it from a case's columns rather than its whole file, so a
    page of cases costs about what reading its rows costs. ``review_due`` is
    a calendar date in the policy's time zone, ``None`` when no restrictions
    are in force (7.2); ``reported_at`` an aware time.
    """

    id: str
    customer_id: str
    customer_name: str
    state: CaseState
    reported_at: pendulum.DateTime
    review_due: pendulum.Date | None
    issue: str

    @classmethod
    def of(cls, case: Case) -> CaseSummary:
        """The summary of ``case``: the one rule every store's summaries
        follow, whatever they read them from."""
        return cls(
            case.id,
            case.customer.id,
            case.customer.name,
            case.state,
            case.reported_at,
            case.review_due,
            case.issue,
        )
