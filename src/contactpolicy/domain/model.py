"""The domain model: who acts, who is concerned, the evidence and the case.

Names follow the policy's own words. Values are frozen attrs classes; a
:class:`Case` changes only through the lifecycle (:mod:`contactpolicy.casework`).
Every timestamp is an aware :class:`pendulum.DateTime`; every date a
:class:`pendulum.Date` in the policy's time zone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs
import pendulum

from contactpolicy.domain.decisions import NOTIFIED
from contactpolicy.domain.policy import MAIDSTONE, Policy
from contactpolicy.domain.restrictions import Restriction, bound_since, until_told
from contactpolicy.domain.safeguards import Adjustment, LetterCorrected, NewIssue, ToActOn, ToRead
from contactpolicy.domain.validation import (
    ISSUE_LENGTH,
    ITEMS,
    SCHEMA,
    as_optional_utc,
    as_trimmed,
    as_utc,
    collection_field,
    day_field,
    empty_or_text_field,
    enum_field,
    flag_field,
    identifier_field,
    member_of,
    moment_field,
    none_as_empty,
    optional,
    optional_text_field,
    service_field,
    string_field,
    text_field,
    valid,
)
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    CaseState,
    Channel,
    Closure,
    Command,
    DecisionKind,
    LetterKind,
    NoticeItem,
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
    "Closure",
    "Communication",
    "Concern",
    "Customer",
    "Decision",
    "DecisionKind",
    "Designation",
    "Dissemination",
    "Ending",
    "Incident",
    "Lateness",
    "NotTold",
    "Note",
    "NoticeItem",
    "Officer",
    "Override",
    "ProtectedCharacteristic",
    "Review",
    "ReviewDay",
    "ReviewOutcome",
    "ReviewTrigger",
    "Role",
    "Warning",
]


def short_text(field: str, section: str) -> Callable[[Any], str]:
    """Text of at most 1,000 characters, possibly empty but never only
    white space: a short reason."""
    return empty_or_text_field(field, section, ISSUE_LENGTH)


_role = enum_field(Role, "Officer.roles", "6.1", "a role of 6.1")
_role_list = collection_field("Officer.roles", "6.1", lambda _at: _role)


def _roles(value: Iterable[Role]) -> frozenset[Role]:
    return frozenset(_role_list(value))


@attrs.frozen
class Officer:
    """A member of the council's staff; ``roles`` decide what they may do.

    ``id`` is an identifier (normalised as
    :func:`~contactpolicy.domain.validation.identifier` says), ``name`` text,
    ``roles`` a collection (list, set, frozenset) of :class:`Role` or their
    values (``"manager"``), never a single string; ``team`` text or ``None``,
    under the rules of an identifier on the characters it may hold (a team
    that only looks like another would hide a concern from its managers).
    ``telephone`` and ``email``, text or ``None``, are how a customer reaches
    the officer when a designation names them as the single point of contact
    (5.1); a letter without them tells the customer to contact the Policy and
    Information team instead (6.3).
    """

    id: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "6.1"))
    name: str = attrs.field(validator=valid(text_field, "6.1"))
    roles: frozenset[Role] = attrs.field(converter=_roles)
    team: str | None = attrs.field(default=None, validator=valid(optional(identifier_field), "6.1"))
    telephone: str | None = attrs.field(
        default=None, validator=valid(optional_text_field, "5.1"), kw_only=True
    )
    email: str | None = attrs.field(
        default=None, validator=valid(optional_text_field, "5.1"), kw_only=True
    )

    def has_any(self, roles: Iterable[Role]) -> bool:
        """Whether the officer holds at least one of ``roles``."""
        return not self.roles.isdisjoint(roles)


@attrs.frozen
class Customer:
    """The person whose contact is considered.

    ``id`` is the embedding system's own customer reference; ``contact`` their
    contact details as free text, as the 7.4 record holds them.
    """

    id: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "7.4"))
    name: str = attrs.field(validator=valid(text_field, "7.4"))
    contact: str = attrs.field(
        default="", converter=none_as_empty, validator=valid(empty_or_text_field, "7.4")
    )


_characteristic = enum_field(
    ProtectedCharacteristic,
    "Incident.protected_characteristics",
    "4.1",
    "a protected characteristic of the Equality Act 2010",
)
_characteristic_list = collection_field(
    "Incident.protected_characteristics", "4.1", lambda _at: _characteristic
)


def _characteristics(
    value: Iterable[ProtectedCharacteristic],
) -> frozenset[ProtectedCharacteristic]:
    return frozenset(_characteristic_list(value))


@attrs.frozen
class Incident:
    """One piece of evidence: a 4.1 behaviour, when, how, and what happened.

    The ICO expects a restriction to rest on specific, accurately recorded
    incidents, so ``description`` is required; for :attr:`Behaviour.OTHER`
    (4.1: "this list is not exhaustive") it says what the behaviour was.
    """

    behaviour: Behaviour = attrs.field(
        validator=valid(member_of(Behaviour, "one behaviour of 4.1"), "4.1")
    )
    occurred_at: pendulum.DateTime = attrs.field(
        converter=as_utc, validator=valid(moment_field, "4.1")
    )
    channel: Channel = attrs.field(validator=valid(member_of(Channel, "one channel of 1.2"), "1.2"))
    description: str = attrs.field(validator=valid(text_field, "4.1"))
    department: str | None = attrs.field(
        default=None, validator=valid(optional(service_field), "4.1")
    )
    protected_characteristics: frozenset[ProtectedCharacteristic] = attrs.field(
        default=frozenset(), converter=_characteristics, metadata={SCHEMA: {"max_items": ITEMS}}
    )


@attrs.frozen(kw_only=True)
class Assessment:
    """The decision maker's 6.2 checks, plus the Equality Act duty.

    Each flag is the decision maker's statement that the condition holds.
    ``adjustments_considered`` records that reasonable adjustments (Equality
    Act 2010) and any underlying cause of the behaviour were considered.
    Each check may carry a short reason (``*_because``, at most 1,000
    characters, ``None`` or ``""`` for none), kept with the decision; so may
    the fourth check of 6.2, the clear evidence base (``evidence_because``).
    """

    issue_investigated: bool = attrs.field(validator=valid(flag_field, "6.2"))
    communications_adequate: bool = attrs.field(validator=valid(flag_field, "6.2"))
    no_significant_new_information: bool = attrs.field(validator=valid(flag_field, "6.2"))
    adjustments_considered: bool = attrs.field(validator=valid(flag_field, "6.2"))
    notes: str = attrs.field(
        default="", converter=none_as_empty, validator=valid(empty_or_text_field, "6.2")
    )
    issue_investigated_because: str = attrs.field(
        default="", converter=none_as_empty, validator=valid(short_text, "6.2")
    )
    communications_adequate_because: str = attrs.field(
        default="", converter=none_as_empty, validator=valid(short_text, "6.2")
    )
    no_significant_new_information_because: str = attrs.field(
        default="", converter=none_as_empty, validator=valid(short_text, "6.2")
    )
    evidence_because: str = attrs.field(
        default="", converter=none_as_empty, validator=valid(short_text, "6.2")
    )
    adjustments_considered_because: str = attrs.field(
        default="", converter=none_as_empty, validator=valid(short_text, "4.2")
    )


def _notice(value: Iterable[NoticeItem]) -> frozenset[NoticeItem]:
    return frozenset(value)


@attrs.frozen
class Communication:
    """When and how a decision was communicated to the customer (6.3, 7.4),
    who recorded it, what the letter ``covered``: the checklist of
    :class:`NoticeItem`, and which of the library's letters was sent
    (``letter``), if one was recorded."""

    at: pendulum.DateTime = attrs.field(converter=as_utc, validator=valid(moment_field, "6.3"))
    method: Channel = attrs.field(validator=valid(member_of(Channel, "one channel of 1.2"), "6.3"))
    by: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "7.4"))
    covered: frozenset[NoticeItem] = attrs.field(default=frozenset(), converter=_notice)
    letter: LetterKind | None = None
    """The kind of letter recorded as sent (``record_communicated(...,
    letter=)``, 6.3), or ``None`` when none was."""
    recorded_at: pendulum.DateTime | None = attrs.field(
        default=None, converter=as_optional_utc, validator=valid(optional(moment_field), "7.4")
    )
    """When it was recorded (its event's time), which differs from ``at``
    for a communication recorded after it was made (7.4); ``None`` when
    not known."""


@attrs.frozen
class NotTold:
    """The recorded exception of not telling the customer of a decision
    (6.3; UK GDPR, ICO: the person is normally told in writing, and not
    telling them is an exception that must itself be recorded): when it was
    recorded (``at``), by whom (the decision maker) and why (``reason``).

    From ``at`` the decision counts as settled for the duty to tell, and
    its restrictions apply as if the customer had been told then; a later
    :class:`Communication` ends the exception."""

    at: pendulum.DateTime = attrs.field(converter=as_utc, validator=valid(moment_field, "6.3"))
    by: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "6.3"))
    reason: str = attrs.field(validator=valid(string_field, "6.3"))


@attrs.frozen
class Decision:
    """One decision the customer is told of (6.3): what it left in place and
    whether they have been told.

    ``restrictions`` are those the decision leaves (none once they end),
    ``adjustments`` the agreed adjustments it leaves with them (4.2);
    ``review_due`` the date they are next reviewed (``None`` once they end);
    ``ends_on`` the last day they apply when the decision set a length of
    its own (6.4), as :attr:`Designation.ends_on`; ``immediate`` marks
    immediate action for staff safety (6.3), which applies before the
    customer is told; ``not_told`` the recorded exception of not telling
    the customer (:class:`NotTold`), which stays on the record once they
    are told after all.
    """

    kind: DecisionKind
    decided_at: pendulum.DateTime
    decided_by: str
    restrictions: tuple[Restriction, ...] = ()
    review_due: pendulum.Date | None = None
    immediate: bool = False
    communicated: Communication | None = None
    ends_on: pendulum.Date | None = None
    not_told: NotTold | None = None
    adjustments: tuple[Adjustment, ...] = ()

    def settled(self, at: pendulum.DateTime) -> bool:
        """Whether the duty to tell the customer of this decision (6.3) is
        settled at ``at``: its communication, or the exception of not
        telling them (:class:`NotTold`), recorded as of ``at`` or earlier."""
        return any(
            record is not None and record.at <= at for record in (self.communicated, self.not_told)
        )

    @property
    def owed(self) -> bool:
        """Whether the customer is still owed this decision (6.3, 8.1):
        neither recorded as communicated nor as not told (:class:`NotTold`),
        at any time. A later decision does not discharge it."""
        return self.communicated is None and self.not_told is None

    def ended(self, on: pendulum.Date) -> bool:
        """Whether the restrictions this decision leaves have stopped
        applying on the calendar date ``on`` because it set them to end
        earlier than the review (``ends_on``, 6.4)."""
        return _past(self.ends_on, on)

    @property
    def ends_before_review(self) -> bool:
        """Whether the decision set its restrictions a last day of their own
        before their review day (``ends_on`` < ``review_due``, 6.4): they end
        then, so nothing is left to lapse at the review day, which is a
        review of the record (7.2: records are not kept past their use).

        >>> at = pendulum.datetime(2026, 1, 5)
        >>> Decision(DecisionKind.DESIGNATION, at, "hp", review_due=pendulum.Date(2026, 4, 5),
        ...     ends_on=pendulum.Date(2026, 1, 5)).ends_before_review
        True
        """
        return _ends_before(self.ends_on, self.review_due)


def _ends_before(ends_on: pendulum.Date | None, review_due: pendulum.Date | None) -> bool:
    """Whether ``ends_on``, a last day of their own (6.4), ends restrictions
    before their review day ``review_due`` (7.2): the one rule of
    :attr:`Decision.ends_before_review`, which a summary's columns follow
    too (:class:`CaseSummary`)."""
    return ends_on is not None and review_due is not None and ends_on < review_due


def _lapsed(
    review_due: pendulum.Date | None,
    ends_on: pendulum.Date | None,
    at: pendulum.DateTime,
    policy: Policy,
) -> bool:
    """Whether restrictions reviewed on ``review_due`` and ending after
    ``ends_on`` have lapsed at ``at`` (7.2): overdue under ``"lapse"``,
    unless they ended earlier, on a last day of their own (6.4)."""
    return not _ends_before(ends_on, review_due) and policy.lapses(review_due, at)


def _ended_before(
    review_due: pendulum.Date | None, ends_on: pendulum.Date | None, on: pendulum.Date
) -> pendulum.Date | None:
    """``ends_on`` when restrictions reviewed on ``review_due`` ended on it,
    a last day of their own before their review day, by the calendar date
    ``on`` (6.4, 7.2); else ``None``."""
    return ends_on if _ends_before(ends_on, review_due) and _past(ends_on, on) else None


def _past(ends_on: pendulum.Date | None, on: pendulum.Date) -> bool:
    """Whether the calendar date ``on`` is after the last day ``ends_on``
    of a length decided per case (6.4); never without one."""
    return ends_on is not None and on > ends_on


def _applying(
    decisions: Iterable[Decision], at: pendulum.DateTime, policy: Policy
) -> tuple[Restriction, ...]:
    """The restrictions ``decisions`` apply at ``at``. Each decision's own
    restrictions stop after its ``ends_on`` (6.4) and, under ``"lapse"``,
    after its review day (7.2). A
    decision applies as a whole once the customer is told of it, or at once
    when it is immediate action (6.3) or the policy enforces before
    communication; until then only what both it and what applied before it
    allow (:func:`~contactpolicy.domain.restrictions.until_told`). A
    recorded exception of not telling them (:class:`NotTold`) counts as
    telling them at the time it was recorded."""
    applying: tuple[Restriction, ...] = ()
    day = policy.date_of(at)
    for decision in decisions:
        if decision.decided_at > at:
            break
        own = (
            ()
            if decision.ended(day) or policy.lapses(decision.review_due, at)
            else decision.restrictions
        )
        if decision.settled(at) or decision.immediate or policy.enforce_before_communicated:
            applying = own
        else:
            applying = until_told(applying, own)
    return applying


def _changes(
    decisions: Iterable[Decision], at: pendulum.DateTime, policy: Policy
) -> list[pendulum.DateTime]:
    """The moments up to ``at`` when what ``decisions`` apply may change
    (:func:`_applying`): each decision taken, each told to the customer
    or recorded as not told (:class:`NotTold`), and the start of the day
    after each review day and each ``ends_on`` (7.2, 6.4), in order."""
    found: set[pendulum.DateTime] = set()
    for decision in decisions:
        if decision.decided_at > at:
            break
        found.add(decision.decided_at)
        if decision.communicated is not None:
            found.add(decision.communicated.at)
        if decision.not_told is not None:
            found.add(decision.not_told.at)
        for last in (decision.review_due, decision.ends_on):
            if last is not None:
                start = pendulum.datetime(last.year, last.month, last.day, tz=policy.timezone)
                found.add(start.add(days=1))
    return sorted(moment for moment in found if moment <= at)


_warned_behaviour = collection_field(
    "Warning.behaviours",
    "6.3",
    lambda at: enum_field(Behaviour, at, "6.3", "one behaviour of 4.1"),
)


def _warned_about(value: Iterable[Behaviour]) -> frozenset[Behaviour]:
    return frozenset(_warned_behaviour(value))


@attrs.frozen
class Warning:
    """The warning of 6.3: when it was given to the customer (``given_at``),
    by whom, how, any initial measures (7.4), and what it warns about: the
    behaviours of 4.1 and the incidents on file it names, as corrected since
    (``rectify``, 7.4). A warning recorded before these were kept names none.
    ``recorded_at`` is when it was recorded (its event's time), which
    differs from ``given_at`` for a warning recorded after it was given
    (7.4); ``None`` for a warning built without one."""

    given_at: pendulum.DateTime = attrs.field(
        converter=as_utc, validator=valid(moment_field, "6.3")
    )
    by: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "6.3"))
    method: Channel = attrs.field(validator=valid(member_of(Channel, "one channel of 1.2"), "6.3"))
    measures: tuple[str, ...] = ()
    behaviours: frozenset[Behaviour] = attrs.field(default=frozenset(), converter=_warned_about)
    incidents: tuple[Incident, ...] = ()
    recorded_at: pendulum.DateTime | None = attrs.field(
        default=None, converter=as_optional_utc, validator=valid(optional(moment_field), "7.4")
    )


@attrs.frozen
class Override:
    """A soft precondition the decision maker went ahead without, and why:
    ``code`` is the :class:`~contactpolicy.errors.Failure` code
    (``"no_incident_since_warning"``), ``reason`` the recorded reason.
    Which codes may be overridden is the policy's
    (:attr:`~contactpolicy.domain.policy.Policy.soft_preconditions`)."""

    code: str
    reason: str


@attrs.frozen
class Designation:
    """The decision to apply the policy (6.1-6.4) and its restrictions (5.1)."""

    decided_at: pendulum.DateTime = attrs.field(
        converter=as_utc, validator=valid(moment_field, "6.1")
    )
    decided_by: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "6.1"))
    assessment: Assessment
    restrictions: tuple[Restriction, ...]
    reasons: str = attrs.field(validator=valid(string_field, "6.3"))
    review_due: pendulum.Date = attrs.field(validator=valid(day_field, "6.4"))
    without_warning_because: str | None = None
    communicated: Communication | None = None
    services: tuple[str, ...] = ()
    """The services (departments) the restrictions cover; none: every service."""
    council_wide_because: str | None = None
    """Why the restrictions cover every service, when they must."""
    adjustments: tuple[Adjustment, ...] = ()
    """The reasonable adjustments agreed (Equality Act 2010), applied at the
    point of contact."""
    evidence: tuple[Incident, ...] = ()
    """The incidents the decision relies on: its evidence base (6.2), as
    corrected since (``rectify``, 7.4)."""
    overrides: tuple[Override, ...] = ()
    """The soft preconditions the decision went ahead without, and why."""
    ends_on: pendulum.Date | None = None
    """The last day the restrictions apply when the decision set a length
    of its own (6.4), no later than ``review_due``; ``None``: until the review."""
    ends_on_because: str = ""

    @property
    def communicated_at(self) -> pendulum.DateTime | None:
        """When the customer was told (7.4), or ``None`` if not yet recorded."""
        return None if self.communicated is None else self.communicated.at

    @property
    def lasts_until(self) -> pendulum.Date:
        """The last day of the period decided (6.4): ``ends_on`` when set,
        else the review date (7.2)."""
        return self.review_due if self.ends_on is None else self.ends_on

    def ended(self, on: pendulum.Date) -> bool:
        """Whether the restrictions have stopped applying on the calendar
        date ``on`` (in the policy's time zone: ``policy.date_of(at)``)
        because the decision set them to end earlier (``ends_on``, 6.4).
        Without ``ends_on`` they run until the review decides (7.2).

        >>> from contactpolicy.domain.model import Assessment
        >>> passed = Assessment(issue_investigated=True, communications_adequate=True,
        ...     no_significant_new_information=True, adjustments_considered=True)
        >>> d = Designation(pendulum.datetime(2026, 1, 5), "hp", passed, (), "Calls.",
        ...     pendulum.Date(2026, 4, 5), ends_on=pendulum.Date(2026, 2, 28))
        >>> d.ended(pendulum.Date(2026, 2, 28)), d.ended(pendulum.Date(2026, 3, 1))
        (False, True)
        """
        return _past(self.ends_on, on)


@attrs.frozen
class Review:
    """A review (7.2, 7.3): started, and once completed its outcome."""

    started_at: pendulum.DateTime = attrs.field(
        converter=as_utc, validator=valid(moment_field, "7.2")
    )
    started_by: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "7.2"))
    trigger: ReviewTrigger
    note: str = attrs.field(default="", validator=valid(empty_or_text_field, "7.2"))
    completed_at: pendulum.DateTime | None = attrs.field(
        default=None, converter=as_optional_utc, validator=valid(optional(moment_field), "7.2")
    )
    completed_by: str | None = attrs.field(
        default=None, validator=valid(optional(identifier_field), "7.2")
    )
    outcome: ReviewOutcome | None = None
    notes: str = attrs.field(default="", validator=valid(string_field, "7.2"))
    incidents_since: int | None = None
    """Incidents on file dated after the last decision, counted when the
    review was completed (7.2): what a continued designation rests on."""
    assessment: Assessment | None = None
    """The fresh 6.2 assessment, required when the outcome tightens the
    restrictions."""
    overrides: tuple[Override, ...] = ()


@attrs.frozen
class Appeal:
    """An appeal against the decision or its restrictions (8.1)."""

    received_at: pendulum.DateTime = attrs.field(
        converter=as_utc, validator=valid(moment_field, "8.1")
    )
    recorded_by: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "8.1"))
    grounds: str = attrs.field(validator=valid(string_field, "8.1"))
    decided_at: pendulum.DateTime | None = attrs.field(
        default=None, converter=as_optional_utc, validator=valid(optional(moment_field), "8.1")
    )
    decided_by: str | None = attrs.field(
        default=None, validator=valid(optional(identifier_field), "8.1")
    )
    outcome: AppealOutcome | None = None
    reasons: str = attrs.field(default="", validator=valid(string_field, "8.1"))
    assessment: Assessment | None = None
    """The fresh 6.2 assessment, required when a varied outcome tightens the
    restrictions."""
    due: pendulum.Date | None = None
    """The calendar day, in the policy's time zone, by which the appeal is
    to be decided, worked out when it was recorded from the configuration
    then in use (:meth:`Policy.appeal_decision_due
    <contactpolicy.domain.policy.Policy.appeal_decision_due>`, 8.1) and kept
    in its event, so a later change of ``appeal_decision_days``,
    ``bank_holidays`` or ``closure_days`` does not move it; ``None`` for an
    appeal recorded before it was kept. Read it through
    :meth:`decision_due`."""
    working_days_late: int | None = None
    """How many of the council's working days after :meth:`decision_due`
    the appeal was decided (8.1), ``0`` when on time: counted when it was
    decided with the calendar then in use (:meth:`WorkingDays.between
    <contactpolicy.domain.working_days.WorkingDays.between>`) and kept in
    its event, so a later change of ``bank_holidays`` or ``closure_days``
    does not move it; ``None`` while undecided and for an appeal decided
    before it was kept. Read it through :meth:`Case.appeal_lateness`."""

    def decision_due(self, policy: Policy = MAIDSTONE) -> pendulum.Date:
        """The calendar day by which this appeal is to be decided (8.1): the
        one reading of it, for ``show``, the register, the work queue and
        :meth:`Case.appeal_lateness`. :attr:`due` as recorded; for an appeal
        recorded before it was kept, worked out from ``policy`` (the
        configuration in use) and :attr:`received_at`."""
        if self.due is not None:
            return self.due
        return policy.appeal_decision_due(self.received_at)


@attrs.frozen
class Note:
    """A case note (7.4). Write it assuming the customer will read it."""

    at: pendulum.DateTime = attrs.field(converter=as_utc, validator=valid(moment_field, "7.4"))
    by: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "7.4"))
    text: str = attrs.field(validator=valid(text_field, "7.4"))


@attrs.frozen
class Dissemination:
    """Who was told the details of the restrictions, and when (9.1): the
    managers of teams that may have contact with the customer."""

    at: pendulum.DateTime = attrs.field(converter=as_utc, validator=valid(moment_field, "9.1"))
    by: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "9.1"))
    recipients: tuple[str, ...]


@attrs.frozen
class Ending:
    """How a case ended: lifted or closed, when, by whom and why."""

    at: pendulum.DateTime = attrs.field(converter=as_utc, validator=valid(moment_field, "7.2"))
    by: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "7.2"))
    reason: str = attrs.field(validator=valid(string_field, "7.2"))
    closure: Closure | None = None
    """Why a case closed before any restriction (6.1); ``None`` when
    restrictions were lifted."""


@attrs.frozen
class Concern:
    """A member of staff telling their manager about a customer (6.1): who,
    when, and their team, whose managers are to see it."""

    raised_at: pendulum.DateTime = attrs.field(
        converter=as_utc, validator=valid(moment_field, "6.1")
    )
    raised_by: str = attrs.field(converter=as_trimmed, validator=valid(identifier_field, "6.1"))
    team: str = attrs.field(validator=valid(identifier_field, "6.1"))


@attrs.frozen
class Lateness:
    """When a review (7.2) or an appeal's decision (8.1) was due, and how
    late it was held, as the case's history shows it
    (:meth:`Case.review_lateness`, :meth:`Case.appeal_lateness`).

    ``due`` is the calendar day it was due by, in the policy's time zone;
    ``held`` the day it was held (the review completed, the appeal decided),
    ``None`` while it is not; ``days_late`` the calendar days from ``due``
    to ``held`` (or to the day asked about, while not held), ``0`` when on
    time. For a review under ``on_review_overdue = "lapse"`` held after its
    day, ``not_applied_from`` is the first day the restrictions did not
    apply for want of it (the day after ``due``) and ``applied_again`` the
    day they applied again, ``None`` while they do not (or once lifted);
    both ``None`` otherwise. For a review day never held, ``missed_on`` is
    the day of the later decision that took its place with no review
    completed for it (a lift, an appeal allowed, another review day) and
    ``missed_by`` that decision's kind, ``days_late`` then counting to
    ``missed_on`` (:meth:`Case.review_days`); both ``None`` for a review
    held, one still owed, and an appeal. ``working_days_late`` is, for an
    appeal, whose deadline is counted in working days (8.1), how late it is
    in the council's working days (:meth:`WorkingDays.between
    <contactpolicy.domain.working_days.WorkingDays.between>`: never more
    than ``days_late``, ``0`` exactly when it is not late), which its
    wording gives; ``None`` for a review, counted in calendar days (7.2)."""

    due: pendulum.Date
    held: pendulum.Date | None
    days_late: int
    not_applied_from: pendulum.Date | None = None
    applied_again: pendulum.Date | None = None
    missed_on: pendulum.Date | None = None
    missed_by: DecisionKind | None = None
    working_days_late: int | None = None

    @property
    def late(self) -> bool:
        """Whether it was held, or is still not held, after its day."""
        return self.days_late > 0


@attrs.frozen
class ReviewDay:
    """A review of the case and the review day it was held for, or a review
    day that passed with no review held for it (7.2), as
    :meth:`Case.review_days` gives them.

    ``review`` is the review (completed, or started and not completed),
    ``None`` for a review day no review was held or started for;
    ``lateness`` when it was due and how late it was held, or is, or
    that it was never held (:attr:`Lateness.missed_by`), ``None`` for a
    review no decision had set a review day for."""

    review: Review | None
    lateness: Lateness | None


def _days_after(due: pendulum.Date, day: pendulum.Date) -> int:
    """Calendar days from ``due`` to ``day``; ``0`` when ``day`` is not after it."""
    return (day - due).in_days() if day > due else 0


def _day_after(day: pendulum.Date, policy: Policy) -> pendulum.DateTime:
    """The start of the day after ``day`` in the policy's time zone: when
    a review day has passed (7.2)."""
    return pendulum.datetime(day.year, day.month, day.day, tz=policy.timezone).add(days=1)


def _review_periods(
    decisions: Iterable[Decision], at: pendulum.DateTime
) -> list[tuple[pendulum.Date, Decision, Decision | None]]:
    """The review days ``decisions`` taken by ``at`` set, in order (7.2):
    each with the decision that set it and the one that ended it, ``None``
    while it stands. A review's decision ends it, and so does any other
    that sets another review day or none (a lift, an appeal allowed); one
    that keeps it (an appeal dismissed, a reassignment) does not."""
    periods: list[tuple[pendulum.Date, Decision, Decision | None]] = []
    for decision in decisions:
        if decision.decided_at > at:
            break
        if periods and periods[-1][2] is None:
            due, start, _ = periods[-1]
            if decision.kind is not DecisionKind.REVIEW and decision.review_due == due:
                continue
            periods[-1] = (due, start, decision)
        if decision.review_due is not None:
            periods.append((decision.review_due, decision, None))
    return periods


def _held_for(review: Review, own: Decision | None, start: Decision, end: Decision | None) -> bool:
    """Whether ``review`` was held for the review day ``start`` set and
    ``end`` ended (:func:`_review_periods`): completed with the decision
    ``own`` that ended it, or completed after ``start`` while it still
    stands; not completed, started while the day stood. A completed review
    is placed by its own decision rather than by time, so commands recorded
    at one instant still place it."""
    completed, started = review.completed_at, review.started_at
    if completed is not None:
        return end is own if end is not None else start.decided_at < completed
    return start.decided_at <= started and (end is None or started < end.decided_at)


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
    decisions: tuple[Decision, ...] = ()
    to_read: tuple[ToRead, ...] = ()
    """Correspondence refused or placed on file that is still to be read (5.1)."""
    new_issues: tuple[NewIssue, ...] = ()
    """New issues and findings waiting for a review for a new issue (7.3)."""
    to_act_on: tuple[ToActOn, ...] = ()
    """Appeals, requests for review, complaints about the restrictions and
    safeguarding concerns made at the point of contact, waiting to be dealt
    with (8.1, 6.3, 5.1)."""
    letters_corrected: tuple[LetterCorrected, ...] = ()
    """Letters the customer holds whose text was corrected after they were
    sent, waiting for a corrected letter or the reason for not sending one
    (7.4, 6.3)."""
    concern: Concern | None = None
    """The member of staff's concern the case began with, if it did (6.1);
    ``reported_by`` is then the manager who requested action on it."""
    participants: tuple[tuple[str, Command], ...] = ()
    """Each officer who ran a command that took part in the case (reported
    it, recorded an incident, corrected the record, warned, took a
    decision, ...: :data:`contactpolicy.domain.authority.TAKING_PART`) with
    that command, each pair once, in the order they first did, as its
    history shows them: involved in the case, so none hears its appeal
    (8.1)."""

    @property
    def decision(self) -> Decision | None:
        """The latest decision the customer is to be told of, or ``None``."""
        return self.decisions[-1] if self.decisions else None

    @property
    def managers_informed(self) -> bool:
        """Whether someone is recorded as having told the managers of teams
        in contact with the customer (9.1) after the latest decision was
        taken; ``False`` before any decision. The one rule behind the work
        queue's ``managers_not_informed`` and the register's column."""
        decision = self.decision
        return decision is not None and any(
            told.at >= decision.decided_at for told in self.disseminations
        )

    @property
    def managers_to_be_told(self) -> bool:
        """Whether the latest decision is one the managers of teams in
        contact with the customer are told of (9.1:
        :data:`~contactpolicy.domain.decisions.NOTIFIED`, every decision but
        no action, a lift included): the cases the work queue and the
        register say :attr:`managers_informed` of."""
        decision = self.decision
        return decision is not None and decision.kind in NOTIFIED

    @property
    def awaiting_managers(self) -> pendulum.DateTime | None:
        """When the latest decision was taken, if the managers are to be told
        of it (:attr:`managers_to_be_told`) and nobody is recorded as having
        told them (:attr:`managers_informed`); else ``None``. Stores keep
        it in an indexed column for ``not_informed``."""
        decision = self.decision
        if decision is None or not self.managers_to_be_told or self.managers_informed:
            return None
        return decision.decided_at

    @property
    def untold(self) -> tuple[Decision, ...]:
        """The decisions the customer is still owed (:attr:`Decision.owed`,
        6.3, 8.1), oldest first: one overtaken by a later decision before
        they were told of it (an appeal's outcome, then a lift) stays owed.
        The letter of the latest decision tells them of every one
        (:meth:`told_with`)."""
        return tuple(decision for decision in self.decisions if decision.owed)

    def told_with(self, decision: Decision) -> tuple[Decision, ...]:
        """The earlier decisions the letter of ``decision`` (one of
        :attr:`decisions`) tells the customer of besides it (6.3, 8.1): those
        taken before it and still owed (:attr:`Decision.owed`), oldest
        first. Once recorded as told they are no longer owed: the letter
        written again is given them as owed, as it was sent
        (:mod:`contactpolicy.casework.letters`)."""
        earlier = self.decisions[: self.decisions.index(decision)]
        return tuple(each for each in earlier if each.owed)

    @property
    def awaiting_communication(self) -> pendulum.DateTime | None:
        """When the oldest decision the customer is still owed
        (:attr:`untold`) was taken: neither recorded as communicated to them
        (6.3, 7.4) nor as not told by a recorded exception
        (:class:`NotTold`); else ``None``. Stores keep it in an indexed
        column for ``not_communicated``."""
        untold = self.untold
        return untold[0].decided_at if untold else None

    @property
    def not_told(self) -> NotTold | None:
        """The exception of not telling the customer of the latest decision
        (6.3), while it stands: recorded and not ended by a later
        communication; else ``None``. Reviews are reminded of it (7.2)."""
        decision = self.decision
        if decision is None or decision.communicated is not None:
            return None
        return decision.not_told

    def restrictions_in_force(
        self, at: pendulum.DateTime, policy: Policy = MAIDSTONE
    ) -> tuple[Restriction, ...]:
        """The restrictions that apply to a contact at ``at`` (5.1, 6.3, 7.2).

        A decision applies as a whole from when the customer was told of it,
        or from when the exception of not telling them was recorded
        (:class:`NotTold`); immediate action for staff safety (6.3), and every decision under a
        policy that enforces before communication, at once. Until the
        customer is told, what applied before it applies less what it
        removes or relaxes, restriction by restriction
        (:func:`~contactpolicy.domain.restrictions.until_told`): what it
        removes or relaxes applies at once, what it adds or tightens waits.
        Restrictions stop after the ``ends_on`` day the decision that set
        them decided (6.4), in the policy's time zone; under
        ``on_review_overdue = "lapse"`` after the end of its review day too
        (7.2). Once stopped, nothing applies again before the customer is
        told of a decision setting restrictions again.
        """
        return _applying(self.decisions, at, policy)

    def in_force_before(
        self, decision: Decision, policy: Policy = MAIDSTONE
    ) -> tuple[Restriction, ...]:
        """The restrictions that applied when ``decision`` (one of
        :attr:`decisions`) was taken, by the decisions before it: what it
        adds to, tightens, removes or relaxes (6.3), lapsed or ended ones
        not counted."""
        earlier = self.decisions[: self.decisions.index(decision)]
        return _applying(earlier, decision.decided_at, policy)

    def bound_since(
        self, restriction: Restriction, at: pendulum.DateTime, policy: Policy = MAIDSTONE
    ) -> pendulum.DateTime | None:
        """When the customer became bound, without a break up to ``at``, by
        ``restriction`` (one of :meth:`restrictions_in_force` at ``at``) or
        one of its kind at least as strict (5.1, 6.3): the moment they were
        told of it, or it was decided when it applied at once; ``None`` when
        it does not apply at ``at``. A counted restriction (a call limit)
        counts only contacts made since then
        (:func:`~contactpolicy.domain.restrictions.bound_since`): not those
        made before the customer was told of it, nor those made under a
        looser limit a review or appeal tightened, nor those made while it
        had lapsed."""
        timeline = [
            (moment, _applying(self.decisions, moment, policy))
            for moment in _changes(self.decisions, at, policy)
        ]
        return bound_since(timeline, restriction)

    def designation_in_force(
        self, at: pendulum.DateTime, policy: Policy = MAIDSTONE
    ) -> Designation | None:
        """The designation as it binds the customer at ``at`` (5.1): its
        services and agreed adjustments with :meth:`restrictions_in_force`
        as its restrictions, or ``None`` when none apply then (not yet
        decided, not yet told, lapsed or ended), so that a contact, even a
        back-dated one, is judged by what applied at its time."""
        restrictions = self.restrictions_in_force(at, policy)
        if self.designation is None or not restrictions:
            return None
        return attrs.evolve(self.designation, restrictions=restrictions)

    def decision_by(self, at: pendulum.DateTime) -> Decision | None:
        """The latest decision taken by ``at`` (one of :attr:`decisions`), or
        ``None`` before the first: the one in force then, whose review day
        (7.2) and last day decided (6.4) are those that govern at ``at``, and
        so the dates anything said of ``at`` names. :attr:`decision` is the
        latest of all, which a decision taken after ``at`` replaced then."""
        latest = None
        for decision in self.decisions:
            if decision.decided_at > at:
                break
            latest = decision
        return latest

    def review_overdue(self, at: pendulum.DateTime, policy: Policy = MAIDSTONE) -> bool:
        """Whether the review of the restrictions decided by ``at`` was due
        on a day that has ended by ``at`` (7.2): the review day of
        :meth:`decision_by`."""
        latest = self.decision_by(at)
        return latest is not None and policy.review_overdue(latest.review_due, at)

    def lapsed(self, at: pendulum.DateTime, policy: Policy = MAIDSTONE) -> bool:
        """Whether the restrictions have lapsed at ``at``: overdue for review
        under ``on_review_overdue = "lapse"`` (7.2), at the end of the review
        day of :meth:`decision_by`; never when that decision ended them
        earlier, on a last day of their own (:attr:`Decision.ends_before_review`,
        6.4): they ended then, and did not lapse."""
        latest = self.decision_by(at)
        return latest is not None and _lapsed(latest.review_due, latest.ends_on, at, policy)

    def ended_before_review(self, on: pendulum.Date) -> pendulum.Date | None:
        """The last day of their own (6.4) on which the restrictions of the
        latest decision ended, when it is before their review day and ``on``
        (a calendar date in the policy's time zone) is after it; else
        ``None``. Their review day is then one of the record (7.2), and
        nothing lapses or is overdue of the restrictions themselves."""
        latest = self.decision
        return None if latest is None else _ended_before(latest.review_due, latest.ends_on, on)

    def review_days(
        self, at: pendulum.DateTime, policy: Policy = MAIDSTONE
    ) -> tuple[ReviewDay, ...]:
        """Every review of the case and every review day that passed by
        ``at`` with no review held for it, once each, in the order they
        happened, reviews started at one instant in the order recorded (7.2,
        7.4): a missed review is a finding, so none is left
        out whatever followed (a lift, an appeal, a later review day).

        The review days are those the decisions taken by ``at`` set
        (:attr:`Decision.review_due`), each standing until a review's
        decision or one setting another day or none (a decision keeping
        it, an appeal dismissed or a reassignment, does not end it). A
        review completed is held for the day standing just before it was
        completed; one not completed, for the day standing when it started.
        Each :class:`ReviewDay` has its :class:`Lateness`: held on time or
        how late; not held yet and how late as of ``at`` while the day
        stands; or never held, with the decision that took its place
        (``missed_on``, ``missed_by``). Under ``on_review_overdue =
        "lapse"``, a review day passed also says from which day the
        restrictions did not apply and on which they applied again
        (:meth:`restrictions_in_force`). Dates are calendar dates in the
        policy's time zone."""
        decided = iter(each for each in self.decisions if each.kind is DecisionKind.REVIEW)
        own = [next(decided, None) if each.completed_at else None for each in self.reviews]
        found: list[tuple[pendulum.DateTime, int, ReviewDay]] = []
        placed: set[int] = set()
        for due, start, end in _review_periods(self.decisions, at):
            mine = [
                index
                for index, review in enumerate(self.reviews)
                if index not in placed and _held_for(review, own[index], start, end)
            ]
            placed.update(mine)
            for index in mine:
                review = self.reviews[index]
                lateness = self._lateness(due, start, review, end, at, policy)
                found.append((review.started_at, index, ReviewDay(review, lateness)))
            passed = _day_after(due, policy)
            if not mine and passed <= (at if end is None else end.decided_at):
                lateness = self._lateness(due, start, None, end, at, policy)
                found.append((passed, -1, ReviewDay(None, lateness)))
        found += [
            (review.started_at, index, ReviewDay(review, None))
            for index, review in enumerate(self.reviews)
            if index not in placed
        ]
        found.sort(key=lambda each: each[:2])
        return tuple(day for _, _, day in found)

    def _lateness(
        self,
        due: pendulum.Date,
        start: Decision,
        review: Review | None,
        end: Decision | None,
        at: pendulum.DateTime,
        policy: Policy,
    ) -> Lateness:
        """The :class:`Lateness` of the review day ``due``, set by ``start``
        and standing until ``end`` (``None``: still at ``at``), and of
        ``review``, held or started for it, if any (:meth:`review_days`)."""
        completed = None if review is None else review.completed_at
        until = completed or (at if end is None else end.decided_at)
        governing = next(
            (each for each in reversed(self.decisions) if each.decided_at < until), start
        )
        held = None if completed is None else policy.date_of(completed)
        missed = None if completed is not None else end
        lateness = Lateness(
            due=due,
            held=held,
            days_late=_days_after(due, policy.date_of(until)),
            missed_on=None if missed is None else policy.date_of(missed.decided_at),
            missed_by=None if missed is None else missed.kind,
        )
        lapsed_from = _day_after(due, policy)
        if not lateness.late or not governing.restrictions or not policy.lapses(due, lapsed_from):
            return lateness
        if governing.ends_on is not None and governing.ends_on < due:
            return lateness
        again = next(
            (
                moment
                for moment in _changes(self.decisions, at, policy)
                if moment > lapsed_from and _applying(self.decisions, moment, policy)
            ),
            None,
        )
        return attrs.evolve(
            lateness,
            not_applied_from=policy.date_of(lapsed_from),
            applied_again=None if again is None else policy.date_of(again),
        )

    def review_lateness(
        self, review: Review, at: pendulum.DateTime, policy: Policy = MAIDSTONE
    ) -> Lateness | None:
        """When ``review`` (one of :attr:`reviews`) was due and how late it
        was held, as of ``at`` (7.2), as :meth:`review_days` gives it: due
        on the review day standing just before it was completed (when it
        started, while it is not); ``None`` when no decision had set one.
        A review not completed when a later decision took the day's place
        (a lift while it was in progress) was never held
        (:attr:`Lateness.missed_by`)."""
        return next(
            (day.lateness for day in self.review_days(at, policy) if day.review == review), None
        )

    def appeal_lateness(
        self, appeal: Appeal, at: pendulum.DateTime, policy: Policy = MAIDSTONE
    ) -> Lateness:
        """When ``appeal`` (one of :attr:`appeals`) was to be decided by
        (:meth:`Appeal.decision_due`, 8.1: the day kept when it was
        recorded), the deadline the work queue's ``appeal_past_deadline``
        counts from, and how late it was decided, or is as of ``at`` while
        undecided: in calendar days (:attr:`Lateness.days_late`) and in the
        council's working days (:attr:`Lateness.working_days_late`), the
        unit its deadline is counted in; days in the policy's time zone. A
        decided appeal's working days late are those kept when it was
        decided (:attr:`Appeal.working_days_late`); only for one still
        undecided, or decided before they were kept, are they counted with
        ``policy.working_days``, the calendar in use now."""
        due = appeal.decision_due(policy)
        held = None if appeal.decided_at is None else policy.date_of(appeal.decided_at)
        until = policy.date_of(at) if held is None else held
        kept = None if held is None else appeal.working_days_late
        return Lateness(
            due=due,
            held=held,
            days_late=_days_after(due, until),
            working_days_late=policy.working_days.between(due, until) if kept is None else kept,
        )

    @property
    def appeal(self) -> Appeal | None:
        """The latest appeal, or ``None``."""
        return self.appeals[-1] if self.appeals else None

    @property
    def appeal_pending(self) -> bool:
        """Whether an appeal waits to be decided (8.1): the one reading of it,
        for the guards, the lifecycle and the work queue."""
        return self.appeal is not None and self.appeal.outcome is None

    @property
    def review(self) -> Review | None:
        """The latest review, or ``None``."""
        return self.reviews[-1] if self.reviews else None

    @property
    def restrictions(self) -> tuple[Restriction, ...]:
        """The restrictions decided and not ended: none unless the state
        restricts. Whether they apply to a contact at a given time (told to
        the customer yet? lapsed?) is :meth:`restrictions_in_force`."""
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

    @property
    def ends_on(self) -> pendulum.Date | None:
        """The last day of their own the restrictions in force were decided
        to end on (6.4), a calendar date in the policy's time zone; ``None``
        when they run until their review (7.2) or none are in force."""
        if self.designation is None or not self.state.restricts:
            return None
        return self.designation.ends_on


@attrs.frozen
class CaseSummary:
    """What a listing of cases shows of each: who, what state, when reported,
    when the review of the restrictions in force falls due, the issue, and
    the last day of their own those restrictions were decided to end on.

    Stores read it from a case's columns rather than its whole file, so a
    page of cases costs about what reading its rows costs. ``review_due`` is
    a calendar date in the policy's time zone, ``None`` when no restrictions
    are in force (7.2); ``reported_at`` an aware time; ``ends_on`` a
    calendar date too, ``None`` when the restrictions in force run until
    their review or none are in force (6.4, :attr:`Case.ends_on`).
    """

    id: str
    customer_id: str
    customer_name: str
    state: CaseState
    reported_at: pendulum.DateTime
    review_due: pendulum.Date | None
    issue: str
    ends_on: pendulum.Date | None = None

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
            case.ends_on,
        )

    def review_overdue(self, at: pendulum.DateTime, policy: Policy = MAIDSTONE) -> bool:
        """Whether the review of the restrictions in force was due on a day
        that has ended by ``at`` (7.2), as :meth:`Case.review_overdue` says."""
        return policy.review_overdue(self.review_due, at)

    def lapsed(self, at: pendulum.DateTime, policy: Policy = MAIDSTONE) -> bool:
        """Whether the restrictions in force have lapsed at ``at`` (7.2), as
        :meth:`Case.lapsed` says: never when they ended earlier, on a last
        day of their own (6.4).

        >>> summary = CaseSummary("C-1", "CRM-1", "Sam Taylor", CaseState.DESIGNATED,
        ...     pendulum.datetime(2026, 1, 5), pendulum.Date(2026, 4, 30), "bins",
        ...     ends_on=pendulum.Date(2026, 1, 31))
        >>> after = pendulum.datetime(2026, 5, 1, 10, tz="Europe/London")
        >>> summary.lapsed(after), summary.ended_before_review(pendulum.Date(2026, 5, 1))
        (False, Date(2026, 1, 31))
        """
        return _lapsed(self.review_due, self.ends_on, at, policy)

    def ended_before_review(self, on: pendulum.Date) -> pendulum.Date | None:
        """The last day of their own (6.4) on which the restrictions in force
        ended, when it is before their review day and ``on`` (a calendar date
        in the policy's time zone) is after it; else ``None``, as
        :meth:`Case.ended_before_review` says."""
        return _ended_before(self.review_due, self.ends_on, on)
