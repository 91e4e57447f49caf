"""Restrictions at the point of contact (5.1, 7.3).

:func:`decide` says how one incoming contact must be handled, from the
customer's cases, the contact, their recent contacts from the contact log and
the policy. It is a pure function: no I/O, no clock and no state machine, so an
embedding system may ask on every contact. ``Casework.decide_contact`` gathers
the inputs and records the contact in the log.

Each restriction in force at the contact's time, on a case whose services
it is for, contributes its own handling and one plain-English reason line;
several combine to the most restrictive handling of them all (see
:meth:`ContactDecision.is_at_least_as_restrictive_as`). Exceptions come
first: a contact made for a safeguard (an appeal, a review request...)
always gets through to the Policy and Information team; a new issue is
always registered and answered (7.3); a safeguarding or urgent concern is
always taken and escalated; and an agreed reasonable adjustment keeps its
channel open. Reasons come only from the restrictions and adjustments
themselves, never from case notes, incidents or evidence: staff at the
point of contact need the handling instruction, not the file.

>>> at = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")
>>> decide([], Contact(Channel.TELEPHONE, at), [], MAIDSTONE) == ContactDecision()
True
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Protocol, assert_never

import attrs
import pendulum

from contactpolicy.domain import wording
from contactpolicy.domain.appeals import appeal_open_at, appeal_part_of
from contactpolicy.domain.lookalikes import alike
from contactpolicy.domain.model import Case
from contactpolicy.domain.policy import MAIDSTONE, Policy
from contactpolicy.domain.restrictions import (
    CORRESPONDENCE,
    KINDS,
    CallLimit,
    CallTimeLimit,
    NoFurtherEnquiriesOnIssue,
    ReadAndFile,
    Restriction,
    SingleContactMethod,
    SinglePointOfContact,
    accepted,
)
from contactpolicy.domain.safeguards import ACTED_ON, Adjustment, acted_on_as
from contactpolicy.domain.validation import (
    as_utc,
    contact_issue_field,
    flag_field,
    member_of,
    moment_field,
    optional,
    service_field,
    service_key,
    text_key,
    valid,
)
from contactpolicy.domain.vocabulary import Channel, ContactPurpose, Role

__all__ = [
    "CORRESPONDENCE",
    "PURPOSES",
    "Contact",
    "ContactDecision",
    "LoggedContact",
    "Scoped",
    "accepted_channels",
    "always_heard",
    "call_window",
    "covers",
    "decide",
    "escalates",
    "heard_despite",
    "instruction",
    "issue_key",
    "no_case",
    "not_relied_on",
]

_ALL_CHANNELS = frozenset(Channel)


@attrs.frozen
class Contact:
    """One incoming contact: face to face, by telephone, letter, email or
    online form (1.2), made at ``at``.

    ``department`` is the team it reached and ``issue`` what it is about, as
    the officer taking it names them (an issue with a word that mixes
    letters of scripts is refused:
    :func:`~contactpolicy.domain.validation.contact_issue_field`).
    ``new_issue`` is that officer's judgement that it raises a new issue
    (7.3). ``urgent`` flags a safeguarding or urgent concern (a risk to the
    customer or someone else, or something that cannot wait): it is always
    taken and escalated, whatever the restrictions.
    ``purpose`` is what it is for: every purpose but
    :attr:`~ContactPurpose.ENQUIRY` (an appeal, a request for review, a
    complaint about the restriction, a data request, a safeguarding concern)
    always gets through. Neither an urgent contact nor one made for such a
    purpose counts towards a call limit.
    """

    channel: Channel = attrs.field(validator=valid(member_of(Channel, "one channel of 1.2"), "1.2"))
    at: pendulum.DateTime = attrs.field(converter=as_utc, validator=valid(moment_field, "7.4"))
    department: str | None = attrs.field(
        default=None, validator=valid(optional(service_field), "5.1")
    )
    issue: str | None = attrs.field(default=None, validator=valid(contact_issue_field, "5.1"))
    new_issue: bool = attrs.field(default=False, validator=valid(flag_field, "7.3"), kw_only=True)
    urgent: bool = attrs.field(default=False, validator=valid(flag_field, "5.1"), kw_only=True)
    purpose: ContactPurpose = attrs.field(
        default=ContactPurpose.ENQUIRY,
        validator=valid(member_of(ContactPurpose, "a contact purpose"), "5.1"),
        kw_only=True,
    )


def _channels(value: Iterable[Channel]) -> frozenset[Channel]:
    return frozenset(value)


def _lines(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class ContactDecision:
    """How to handle one contact; the defaults are a contact with no
    restriction on it.

    ``allowed``: take the contact at all. ``route_to``: the officer it goes to
    (``None``: whoever receives it). ``time_limit_minutes``: how long a call may
    last. ``register``: record it as an enquiry or complaint. ``respond``: reply
    to it. ``review_required``: it raised a new issue, so the restrictions are
    reconsidered (7.3). ``reasons``: one plain-English line per restriction that
    applied, exceptions first. ``accepted_channels``: the contact methods the
    restrictions leave the customer. ``escalate``: a safeguarding or urgent
    concern to pass on at once under the council's safeguarding procedure.
    ``overdue``: the review of restrictions on a case was due on a day that
    has ended (7.2). ``lapsed``: restrictions on a case lapsed for that reason
    under ``Policy.on_review_overdue = "lapse"``, so they no longer apply.
    ``route_to_role``: the team it goes to when not an officer (the Policy and
    Information team, :attr:`Role.RECORDS`, takes appeals and the other
    safeguards of :class:`ContactPurpose`). ``contact_id``: the contact log's
    id of the contact, once logged (``None`` for a preview), which
    ``record_read`` names.
    """

    allowed: bool = True
    route_to: str | None = None
    time_limit_minutes: int | None = None
    register: bool = True
    respond: bool = True
    review_required: bool = False
    reasons: tuple[str, ...] = attrs.field(default=(), converter=_lines)
    accepted_channels: frozenset[Channel] = attrs.field(default=_ALL_CHANNELS, converter=_channels)
    escalate: bool = False
    overdue: bool = False
    lapsed: bool = False
    route_to_role: Role | None = None
    contact_id: int | None = None

    def is_at_least_as_restrictive_as(self, other: ContactDecision) -> bool:
        """The partial order of restrictiveness: ``self`` restricts at least as
        much as ``other`` on every count.

        Refused before taken, unregistered before registered, no reply before a
        reply, routed to an officer before anyone, a shorter call limit before a
        longer one (and any before none), and fewer accepted channels before
        more. Two decisions routed to different officers are equally
        restrictive on routing.
        """
        return (
            self.allowed <= other.allowed
            and self.register <= other.register
            and self.respond <= other.respond
            and (other.route_to is None or self.route_to is not None)
            and _minutes(self.time_limit_minutes) <= _minutes(other.time_limit_minutes)
            and self.accepted_channels <= other.accepted_channels
        )


def _minutes(limit: int | None) -> float:
    return float("inf") if limit is None else limit


@attrs.frozen
class LoggedContact:
    """One entry of the contact log: a customer's contact, the decision given
    on it and when it was logged. Call limits are counted from the log (5.1),
    and it is evidence of persistence (2.1, 6.4)."""

    customer_id: str
    contact: Contact
    decision: ContactDecision
    logged_at: pendulum.DateTime


def issue_key(issue: str) -> str:
    """How issues are compared: as
    :func:`~contactpolicy.domain.validation.text_key` compares text, so
    Unicode compatibility form, case, spacing and invisible characters do
    not matter (5.1). What only looks like an issue in letters of another
    script is not compared away: a word mixing scripts is refused where a
    contact's issue comes in
    (:func:`~contactpolicy.domain.validation.contact_issue_field`), and a
    contact whose issue looks like a restricted one character by character
    (:func:`~contactpolicy.domain.lookalikes.alike`) is told to staff as
    one that could not be compared.

    >>> issue_key("  Council tax  BILL ") == issue_key("council tax bill")
    True
    >>> issue_key("\uff23ouncil tax") == issue_key("council tax")
    True
    """
    return text_key(issue)


def _look_alike(given: str, restricted: str) -> bool:
    """Whether two issues, each in the form :func:`issue_key` compares,
    look alike (:func:`~contactpolicy.domain.lookalikes.alike`) with their
    spaces left out, in small letters or in capitals: an issue kept before
    the rule of every issue (or one given by a store that kept it) may
    still hold a blank-looking character, compared as nothing or as a
    space (``council\u2800tax``), or a word in Cyrillic capitals that look
    like Latin ones, whose small letters do not (``COUNCIL \u0422\u0410\u0425``).

    >>> _look_alike(issue_key("council\u2800tax"), issue_key("COUNCIL TAX"))
    True
    >>> _look_alike(issue_key("COUNCIL \u0422\u0410\u0425"), issue_key("council tax"))
    True
    >>> _look_alike(issue_key("council tax"), issue_key("council rent"))
    False
    """
    mine, theirs = "".join(given.split()), "".join(restricted.split())
    return alike(mine, theirs) or alike(mine.upper(), theirs.upper())


class Scoped(Protocol):
    """Protocol: what decides which channels restrictions leave a customer:
    the restrictions, the services they cover and the agreed adjustments (a
    :class:`~contactpolicy.domain.model.Designation` is one)."""

    @property
    def restrictions(self) -> tuple[Restriction, ...]: ...

    @property
    def services(self) -> tuple[str, ...]: ...

    @property
    def adjustments(self) -> tuple[Adjustment, ...]: ...


def covers(designation: Scoped, department: str | None) -> bool | None:
    """Whether the restrictions of ``designation`` apply to a contact for
    ``department``: ``True`` when they cover every service or name that one
    (compared as :func:`issue_key` compares), ``False`` for a service they do
    not name, ``None`` when they name services and the department is not
    known (DOMAIN: restrictions normally cover only the service affected)."""
    if not designation.services:
        return True
    if department is None:
        return None
    return service_key(department) in {service_key(service) for service in designation.services}


def accepted_channels(designations: Iterable[Scoped], department: str | None) -> frozenset[Channel]:
    """The contact methods the restrictions of ``designations`` leave the
    customer for a contact for ``department`` (``None``: a service none of
    them names): those every single contact method in force allows (5.1,
    :func:`~contactpolicy.domain.restrictions.accepted`), and any an agreed
    adjustment keeps open."""
    applying = [designation for designation in designations if covers(designation, department)]
    allowed = accepted(
        restriction for designation in applying for restriction in designation.restrictions
    )
    opened = {
        adjustment.channel
        for designation in applying
        for adjustment in designation.adjustments
        if adjustment.channel is not None
    }
    return allowed | opened


def _counts(logged: LoggedContact) -> bool:
    """Whether a logged contact counts towards a call limit: a call taken,
    neither urgent nor made for a safeguard of :class:`ContactPurpose`."""
    contact = logged.contact
    return (
        contact.channel is Channel.TELEPHONE
        and logged.decision.allowed
        and not contact.urgent
        and contact.purpose is ContactPurpose.ENQUIRY
    )


def call_window(cases: Iterable[Case], contact: Contact) -> pendulum.Duration | None:
    """How far back the contact log must be read to decide ``contact``: the
    longest call limit period any decision on ``cases`` set, for an ordinary
    telephone call (neither urgent nor made for a safeguard), else ``None``
    (nothing needs reading)."""
    if (
        contact.channel is not Channel.TELEPHONE
        or contact.urgent
        or contact.purpose is not ContactPurpose.ENQUIRY
    ):
        return None
    # Every decision's, not only those in force now: a contact is judged by
    # what applied at its time, which may be a decision still being told.
    periods = [
        restriction.per
        for case in cases
        for decision in case.decisions
        for restriction in decision.restrictions
        if isinstance(restriction, CallLimit)
    ]
    return max(periods, key=lambda per: per.total_seconds(), default=None)


def always_heard(contact: Contact) -> bool:
    """Whether ``contact`` must reach the council whatever the customer's
    records say: one that leaves something to act on
    (:func:`~contactpolicy.domain.safeguards.acted_on_as`): a safeguard the
    customer exercises (an appeal, a request for review, a complaint about
    the restrictions, a data request, a safeguarding concern:
    :data:`ACTED_ON`; 5.1, 8.1, 6.3), or an urgent contact, escalated
    (:func:`escalates`) and followed up as a safeguarding concern. Such a
    contact is taken and escalated even when one of the customer's cases
    cannot be relied on (:func:`heard_despite`), rather than refused.

    >>> at = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")
    >>> always_heard(Contact(Channel.EMAIL, at, purpose=ContactPurpose.APPEAL))
    True
    >>> always_heard(Contact(Channel.EMAIL, at))
    False
    """
    return acted_on_as(contact.purpose, urgent=contact.urgent) is not None


def heard_despite(decision: ContactDecision, damaged: Sequence[str]) -> ContactDecision:
    """``decision``, made without the cases ``damaged`` (ids of cases whose
    record disagrees with the history it ends with, or was deleted, 7.4), escalated and
    saying so, for a contact that must be heard (:func:`always_heard`);
    ``decision`` as it is when none is damaged.

    >>> at = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")
    >>> said = heard_despite(ContactDecision(allowed=True), ["C-1"])
    >>> said.escalate
    True
    >>> print(said.reasons[-1])
    The record of case C-1 does not match its audit trail (7.4), so what it restricts \
cannot be relied on: this contact is taken and escalated; pass it to the Policy and \
Information team by hand, and ask them to verify the audit trail.
    """
    if not damaged:
        return decision
    line = (
        f"{not_relied_on(damaged)}: this contact is taken and escalated; "
        "pass it to the Policy and Information team by hand, and ask them to verify the audit "
        "trail."
    )
    return attrs.evolve(decision, escalate=True, reasons=(*decision.reasons, line))


def not_relied_on(damaged: Sequence[str]) -> str:
    """What is said of the customer's cases ``damaged`` (ids of cases whose
    record disagrees with the history it ends with, or was deleted, 7.4),
    the one wording: the customer has them, and they cannot be relied on.
    The contact decision (:func:`heard_despite`) and the work queue's item
    for a safeguard waiting with no case to hold it say it alike.

    >>> not_relied_on(["C-1"])
    'The record of case C-1 does not match its audit trail (7.4), so what it restricts \
cannot be relied on'
    """
    return (
        f"The record of {wording.cases(list(damaged))} does not match its audit trail "
        "(7.4), so what it restricts cannot be relied on"
    )


def escalates(contact: Contact) -> bool:
    """Whether ``contact`` is escalated at once under the council's
    safeguarding procedure (:attr:`ContactDecision.escalate`, 5.1): an
    urgent contact, or one made to raise a safeguarding concern
    (:attr:`ContactPurpose.SAFEGUARDING`). It depends on the contact
    alone, never on the customer's cases or the restrictions in force:
    a restriction must never stop the council hearing of a risk, and a
    customer with no case, or whose cases ended, is heard as any other.

    >>> at = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")
    >>> escalates(Contact(Channel.EMAIL, at, purpose=ContactPurpose.SAFEGUARDING))
    True
    >>> escalates(Contact(Channel.EMAIL, at))
    False
    """
    return contact.urgent or contact.purpose is ContactPurpose.SAFEGUARDING


def decide(
    cases: Iterable[Case],
    contact: Contact,
    recent: Sequence[LoggedContact],
    policy: Policy = MAIDSTONE,
    *,
    customer_id: str | None = None,
    teams: Iterable[str] = (),
    left: Collection[str] = (),
    untrusted: Sequence[str] = (),
) -> ContactDecision:
    """How to handle ``contact`` under every restriction in force on
    ``cases`` at its time (5.1), given the customer's ``recent`` logged
    contacts.

    With ``customer_id`` (the reference the officer gave) and no case at all,
    the one reason line says so, so that a mistyped reference is noticed;
    the handling is still that of a contact with no restriction.

    ``untrusted`` are the ids of the customer's cases left out of ``cases``
    because their record cannot be relied on (it disagrees with its audit
    trail, or was deleted, 7.4), for a contact that must be heard
    (:func:`always_heard`): the customer still has those cases, so nothing
    is said as of a customer with no case (no "no case is recorded" line,
    no appeal taken for one with nothing to appeal), and the decision is
    escalated with a last line naming them (:func:`heard_despite`).

    ``teams`` are the council's teams (its officer directory's; none: not
    known). A contact's department that matches none of them nor any
    service the restrictions name (compared as :func:`covers` compares) is
    an unknown service: restrictions that name services are not applied to
    it, and a reason line says so, naming the services they cover and the
    teams, never the department as typed (it may hold personal data), so
    that the contact is decided again naming the service. It is not
    refused: a contact that must get through (an urgent one, one made for
    a safeguard) is never stopped by a mistyped department.

    A contact made for a purpose other than an enquiry always gets through
    (:class:`ContactPurpose`); when the customer has a case, whether or not
    restrictions apply to them, it is passed to the Policy and Information
    team (:data:`~contactpolicy.domain.safeguards.ACTED_ON`: it leaves an
    item to act on, :func:`~contactpolicy.domain.follow_up.acted_on`), a
    safeguarding concern escalated too. An urgent contact and a
    safeguarding concern are escalated whatever the customer's cases
    (:func:`escalates`, 5.1): a customer with no case at all (never
    reported, or the reference mistyped) included, whose contact is
    otherwise handled as any contact with no restriction, with no reason
    line for it, as nothing is set aside. An appeal from a customer with no
    case at all is no appeal under the policy, as nothing of theirs was
    decided (8.1): it is handled as any contact with no restriction, and a
    reason line says so and to deal with it as a complaint or enquiry on
    its merits. Restrictions scoped to services
    apply only to contacts for those services; when the contact's
    department is not known (not given, or matching no team) a reason line
    names the services. Agreed adjustments are shown first and keep their
    channel open and their officer named. Restrictions are
    applied in the order 5.1 lists them, and within a kind in the order of
    ``cases``; each adds its reason line. Where two route to different
    officers, the later wins, so a read-and-file officer takes
    correspondence before the single point of contact, and an adjustment's
    officer before both; the reason line of an officer passed over says so
    and names the one it goes to, so that no two lines route it differently.

    ``left`` are the officers no longer in the council's officer directory
    (none: not known). Nothing is passed to one of them, nor read by one
    (5.1): a contact a restriction or an agreed adjustment would pass to
    such an officer goes to the Policy and Information team
    (``route_to_role``), unless another officer named takes it, and its
    reason line says so; then a last line for each officer the restrictions
    or adjustments in force name who has left asks the team to name a
    replacement.
    """
    cases = tuple(cases)
    had = bool(cases or untrusted)
    decision = _decided(
        cases, contact, recent, policy, customer_id, teams, frozenset(left), had=had
    )
    named = _named(cases, contact, policy)
    gone = [officer for officer in named if officer in left]
    if not gone:
        return heard_despite(decision, untrusted)
    team = policy.title(Role.RECORDS)
    lines = tuple(
        f"Officer {officer}, named by these restrictions, is no longer in the officer "
        f"directory (5.1): pass it to the {team}, who name a replacement."
        for officer in gone
    )
    if decision.route_to in gone:
        decision = attrs.evolve(decision, route_to=None, route_to_role=Role.RECORDS)
    return heard_despite(attrs.evolve(decision, reasons=decision.reasons + lines), untrusted)


def _named(cases: Iterable[Case], contact: Contact, policy: Policy) -> list[str]:
    """The officers the restrictions, then the agreed adjustments, in
    force on ``cases`` at ``contact``'s time name, each once."""
    binding = [case.designation_in_force(contact.at, policy) for case in cases]
    found: dict[str, None] = {}
    for designation in binding:
        for restriction in designation.restrictions if designation else ():
            officer = getattr(restriction, "officer_id", None)
            if officer is not None:
                found[officer] = None
    for designation in binding:
        for adjustment in designation.adjustments if designation else ():
            if adjustment.officer_id is not None:
                found[adjustment.officer_id] = None
    return list(found)


def _decided(
    cases: Iterable[Case],
    contact: Contact,
    recent: Sequence[LoggedContact],
    policy: Policy,
    customer_id: str | None,
    teams: Iterable[str],
    left: frozenset[str],
    *,
    had: bool,
) -> ContactDecision:
    """:func:`decide`, but for the last lines on officers who left and on
    cases that cannot be relied on; ``had``: whether the customer has any
    case, relied on or not."""
    cases = tuple(cases)
    clock = _clock(cases, contact, policy)
    binding = [case.designation_in_force(contact.at, policy) for case in cases]
    ruling = [designation for designation in binding if designation is not None]
    accepted = accepted_channels(ruling, contact.department)
    if cases and contact.purpose in ACTED_ON:
        return _safeguard(contact, accepted, policy, clock, cases)
    if not ruling:
        lines: tuple[str, ...] = (
            (no_case(customer_id),) if customer_id is not None and not had else ()
        )
        if not had and contact.purpose is ContactPurpose.APPEAL:
            lines += (_NOTHING_TO_APPEAL,)
        return attrs.evolve(clock, escalate=escalates(contact), reasons=lines + clock.reasons)
    applying = [designation for designation in ruling if covers(designation, contact.department)]
    unscoped = _services(ruling, contact, teams)
    if not applying:
        reasons = unscoped + clock.reasons
        return attrs.evolve(clock, escalate=escalates(contact), reasons=reasons)
    adjustments = [
        adjustment
        for designation in applying
        for adjustment in designation.adjustments
        if adjustment.applies_to(contact.channel)
    ]
    exceptions: tuple[str, ...] = (_URGENT,) if escalates(contact) else ()
    if contact.new_issue:
        exceptions += (_new_issue(policy),)
    exceptions += unscoped
    exceptions += tuple(_adjusted(adjustment, left, policy) for adjustment in adjustments)
    decision = attrs.evolve(
        clock,
        review_required=contact.new_issue,
        reasons=exceptions + clock.reasons,
        accepted_channels=accepted,
        escalate=escalates(contact),
    )
    if escalates(contact):
        return decision
    opened = any(adjustment.channel is contact.channel for adjustment in adjustments)
    bound = [
        (restriction, case, designation)
        for case, designation in zip(cases, binding, strict=True)
        if designation is not None and covers(designation, contact.department)
        for restriction in designation.restrictions
    ]
    bound.sort(key=lambda each: KINDS.index(type(each[0])))
    in_force = [restriction for restriction, _, _ in bound]
    route = _route(adjustments, in_force, contact, left)
    for restriction, case, designation in bound:
        counted = _since(case, designation, restriction, contact.at, policy, recent)
        effect = _effect(
            restriction, contact, counted, policy, opened=opened, route=route, left=left
        )
        if effect is not None:
            decision = _combine(decision, effect)
    if route is not None:
        decision = attrs.evolve(decision, route_to=route[0])
    elif any(adjustment.officer_id in left for adjustment in adjustments):
        decision = attrs.evolve(decision, route_to_role=Role.RECORDS)
    return decision


def _route(
    adjustments: Sequence[Adjustment],
    in_force: Sequence[Restriction],
    contact: Contact,
    left: frozenset[str] = frozenset(),
) -> tuple[str, str] | None:
    """The one officer ``contact`` goes to, and why, or ``None``: an agreed
    adjustment's officer before all (the last named), else the last officer
    the restrictions route it to (a read-and-file officer takes
    correspondence before the single point of contact). Each other officer a
    restriction names is told as passed over for them, so that the reasons
    never give two routes. An officer in ``left`` (no longer in the officer
    directory) is never the one."""
    agreed = [
        each.officer_id
        for each in adjustments
        if each.officer_id is not None and each.officer_id not in left
    ]
    if agreed:
        officer = agreed[-1]
        return officer, f"an agreed reasonable adjustment names {_by_id(officer)} for this contact"
    routing = [
        each
        for each in in_force
        if (
            isinstance(each, SinglePointOfContact)
            or (isinstance(each, ReadAndFile) and contact.channel in CORRESPONDENCE)
        )
        and each.officer_id not in left
    ]
    if not routing:
        return None
    last = routing[-1]
    if isinstance(last, ReadAndFile):
        return last.officer_id, f"the restrictions name {_by_id(last.officer_id)} to read it"
    return last.officer_id, (
        f"the restrictions name {_by_id(last.officer_id)} as a single point of contact too"
    )


def no_case(customer_id: str) -> str:
    """The reason line for a reference with no case: the officer's own input
    shown back at the point of contact, so that a typo is noticed.

    >>> no_case("CRM-2010")
    'No case is recorded for customer reference CRM-2010: check the reference.'
    """
    return f"No case is recorded for customer reference {customer_id}: check the reference."


_URGENT = (
    "Safeguarding or urgent concern: deal with it now, whatever the restrictions, "
    "and escalate it at once under the council's safeguarding procedure."
)

_REFUSED = ContactDecision(allowed=False, register=False, respond=False)


def _clock(cases: Iterable[Case], contact: Contact, policy: Policy) -> ContactDecision:
    """What the review clock and the communication of decisions say at the
    point of contact, so that neither is ever silent: a review overdue (7.2),
    restrictions lapsed, and a decision not yet communicated whose
    restrictions do not apply yet (6.3)."""
    team = policy.title(Role.RECORDS)
    at = contact.at
    late = [case for case in cases if case.review_overdue(at, policy)]
    lapsed = [case for case in late if case.lapsed(at, policy)]
    reasons: list[str] = []
    if lapsed:
        day = min(_review_day(case, at) for case in lapsed)
        reasons.append(
            f"Restrictions lapsed at the end of their review day, {wording.day(day)}, with "
            f"no completed review (7.2): handle it normally and tell the {team}."
        )
    if len(late) > len(lapsed):
        day = min(_review_day(case, at) for case in late if case not in lapsed)
        reasons.append(
            f"The review of these restrictions was due on {wording.day(day)} "
            f"and is overdue (7.2): tell the {team}."
        )
    waiting = [
        case
        for case in cases
        if case.decision is not None
        and case.decision.decided_at <= at
        and not case.decision.settled(at)
        and case.decision.restrictions
        and case not in lapsed
        and set(case.decision.restrictions) - set(case.restrictions_in_force(at, policy))
    ]
    if any(not case.restrictions_in_force(at, policy) for case in waiting):
        reasons.append(
            f"Decision not yet communicated (6.3): handle it normally and tell the {team}."
        )
    elif waiting:
        reasons.append(
            "The latest decision is not yet communicated (6.3): until it is, the restrictions "
            f"the customer was told of apply, less what it removes or relaxes; tell the {team}."
        )
    return ContactDecision(overdue=bool(late), lapsed=bool(lapsed), reasons=reasons)


def _review_day(case: Case, at: pendulum.DateTime) -> pendulum.Date:
    """The review day of ``case`` that had passed at ``at``, a contact's time
    (7.2): that of the decision in force then (:meth:`Case.decision_by`),
    not of a review decided since, whose review day is a later one. Asked
    only of a case whose review was overdue then (:meth:`Case.review_overdue`)."""
    decision = case.decision_by(at)
    assert decision is not None, "overdue at at"
    assert decision.review_due is not None, "overdue at at"
    return decision.review_due


PURPOSES = {
    ContactPurpose.APPEAL: ("An appeal against the decision or its restrictions", "8.1"),
    ContactPurpose.REVIEW_REQUEST: ("A request to have the decision reviewed", "6.3"),
    ContactPurpose.COMPLAINT_ABOUT_RESTRICTION: ("A complaint about the restrictions", "6.3"),
    ContactPurpose.DATA_REQUEST: ("A data protection request", "7.4"),
    ContactPurpose.SAFEGUARDING: ("A safeguarding concern", "5.1"),
}
"""Each safeguard of :class:`ContactPurpose` in words, and its section."""


_NOTHING_TO_APPEAL = (
    f"{PURPOSES[ContactPurpose.APPEAL][0]} (8.1): no restriction is on record for this "
    "customer, so it is not an appeal under this policy; deal with it as a complaint or "
    "enquiry on its merits: register it and reply."
)
"""The reason line of an appeal made by a customer with no case at all:
nothing is held about them, so no decision or restriction of theirs can be
appealed (8.1), and what they raise is treated on its merits as any new
complaint or enquiry is."""


def _safeguard(
    contact: Contact,
    accepted: frozenset[Channel],
    policy: Policy,
    clock: ContactDecision,
    cases: Sequence[Case],
) -> ContactDecision:
    """A contact made to exercise a safeguard: always accepted, registered,
    answered and passed to the Policy and Information team; a safeguarding
    concern is escalated too. ``clock``: what :func:`_clock` says. An
    appeal that none of the customer's ``cases`` can take as an appeal of
    its own at its time (:func:`~contactpolicy.domain.appeals.appeal_open_at`,
    8.1: made before any was designated, while an earlier appeal waited,
    or against restrictions since ended) is accepted, answered and passed
    on to be dealt with otherwise, never registered (``register=False``)."""
    what, section = PURPOSES[contact.purpose]
    escalate = escalates(contact)
    team = policy.title(Role.RECORDS)
    register = contact.purpose is not ContactPurpose.APPEAL or any(
        appeal_open_at(case, contact.at) for case in cases
    )
    if register:
        line = (
            f"{what} ({section}): accept, register and answer it whatever the restrictions, "
            f"and pass it to the {team}."
        )
    else:
        line = (
            f"{what} ({section}): {_not_an_appeal(cases, contact.at, policy)}; accept and "
            f"answer it whatever the restrictions, and pass it to the {team} to deal with "
            "otherwise."
        )
    reasons: tuple[str, ...] = (_URGENT, line) if escalate else (line,)
    if contact.new_issue:
        reasons += (_new_issue(policy),)
    return attrs.evolve(
        clock,
        route_to_role=Role.RECORDS,
        register=register,
        review_required=contact.new_issue,
        reasons=reasons + clock.reasons,
        accepted_channels=accepted,
        escalate=escalate,
    )


def _not_an_appeal(cases: Sequence[Case], at: pendulum.DateTime, policy: Policy) -> str:
    """Why an appeal made at ``at`` is not registered as one on any of
    ``cases`` (8.1, none :func:`~contactpolicy.domain.appeals.appeal_open_at`):
    part of the first appeal still undecided then; or, with none, against
    restrictions since ended (lifted, closed); or made before any decision
    it could appeal."""
    earlier = next(
        (
            appeal
            for case in cases
            if case.designation is not None
            for appeal in (appeal_part_of(case, at),)
            if appeal is not None
        ),
        None,
    )
    if earlier is None and any(
        case.designation is not None and case.designation.decided_at <= at for case in cases
    ):
        return "the restrictions it would appeal have ended, so it is not registered as an appeal"
    if earlier is None:
        return "no decision it could appeal had been made, so it is not registered as an appeal"
    received = wording.day(policy.date_of(earlier.received_at))
    return (
        f"part of the appeal received on {received}, not a new one, so it is not registered "
        "as an appeal"
    )


def _services(ruling: Iterable[Scoped], contact: Contact, teams: Iterable[str]) -> tuple[str, ...]:
    """The reason line for restrictions that name services when the
    contact's service is not known: no department given, or, with the
    council's ``teams`` known, one that matches none of them nor any
    service named (5.1). They are not applied, and staff are told which
    services they cover (and the teams), never the department as typed."""
    named = sorted(
        {
            service
            for designation in ruling
            if covers(designation, None) is None
            for service in designation.services
        }
    )
    if not named:
        return ()
    covered = f"Restrictions cover contacts for {wording.listing(named)} only"
    which = "for one of those services"
    if contact.department is None:
        return (_not_known(covered, "service", which),)
    known = {service_key(team): team for team in teams}
    department = service_key(contact.department)
    if not known or department in known or department in {service_key(s) for s in named}:
        return ()
    listed = wording.listing([known[key] for key in sorted(known)], "or")
    return (
        f"{covered} (5.1): the department given for this contact matches none of the "
        f"council's teams ({listed}), so its service is not known and they are not applied; "
        f"{_again(which, 'service')} as its team is named.",
    )


def _not_known(rule: str, what: str, which: str, applied: str = "they are") -> str:
    """The reason line of restrictions in force that need something of the
    contact it was not given (its ``what``: its service, its issue), so
    that they could not be applied: never silent (5.1). ``rule`` says what
    they do, ``which`` which contacts they do it to, ``applied`` what is
    not applied; staff decide the contact again naming it. The line of
    restrictions that name services when the contact's service is not known
    is one (:func:`_services`), that of no further enquiries on an issue
    when the contact's issue is not given another (:func:`_effect`)."""
    return (
        f"{rule} (5.1): this contact's {what} is not known, so {applied} not applied; "
        f"{_again(which, what)}."
    )


def _again(which: str, what: str) -> str:
    """What staff do when a contact lacked the ``what`` restrictions in
    force need: decide it again naming it, if it is ``which``."""
    return f"if it is {which}, decide it again naming the {what}"


def _adjusted(
    adjustment: Adjustment, left: Collection[str] = (), policy: Policy = MAIDSTONE
) -> str:
    """The reason line of an agreed adjustment, shown to staff first; its
    officer, if in ``left`` (no longer in the officer directory), is not
    passed anything: the Policy and Information team is (5.1)."""
    line = f"Agreed reasonable adjustment (Equality Act 2010): {adjustment.description}"
    if adjustment.channel is not None:
        line += f"; {wording.name(adjustment.channel)} stays open"
    if adjustment.officer_id in left:
        line += (
            f"; it names officer {adjustment.officer_id}, who is no longer in the officer "
            f"directory: pass it to the {policy.title(Role.RECORDS)}"
        )
    elif adjustment.officer_id is not None:
        line += f"; pass it to officer {adjustment.officer_id}"
    return line + "."


def _new_issue(policy: Policy) -> str:
    return (
        "New issue raised (7.3): register it and reply. Whether the restrictions are "
        "still appropriate and necessary is now reviewed in consultation with the "
        f"{policy.title(Role.DECISION_MAKER)}."
    )


def _since(
    case: Case,
    designation: Scoped,
    restriction: Restriction,
    at: pendulum.DateTime,
    policy: Policy,
    recent: Sequence[LoggedContact],
) -> Sequence[LoggedContact]:
    """The logged contacts ``restriction`` of ``case`` counts (5.1, 6.3):
    those made since the customer was bound by it (:meth:`Case.bound_since`),
    so that none made before they were told of it, or under a looser limit
    it tightened, counts against it, whatever kind of restriction counts
    them; and only those for a service ``designation`` (the one in force
    at ``at``, holding ``restriction``) covers (:func:`covers`), as
    restrictions normally cover only the service affected (5.1): a call to
    another service is not one the restriction limits. Under restrictions
    that name services, a logged contact whose service was not known (no
    department given, or one matching no team nor service named) does not
    count: the restrictions were not applied to it, and its reason line
    asked for it to be decided again naming the service, which logs the
    contact that counts."""
    if not recent:
        return recent
    since = case.bound_since(restriction, at, policy)
    if since is None:
        return []
    return [
        logged
        for logged in recent
        if logged.contact.at >= since and covers(designation, logged.contact.department)
    ]


def _combine(first: ContactDecision, then: ContactDecision) -> ContactDecision:
    """The most restrictive handling of both, with both reasons."""
    limits = [m for m in (first.time_limit_minutes, then.time_limit_minutes) if m is not None]
    return ContactDecision(
        allowed=first.allowed and then.allowed,
        route_to=then.route_to if then.route_to is not None else first.route_to,
        time_limit_minutes=min(limits, default=None),
        register=first.register and then.register,
        respond=first.respond and then.respond,
        review_required=first.review_required or then.review_required,
        reasons=first.reasons + then.reasons,
        accepted_channels=first.accepted_channels & then.accepted_channels,
        escalate=first.escalate or then.escalate,
        overdue=first.overdue or then.overdue,
        lapsed=first.lapsed or then.lapsed,
        route_to_role=first.route_to_role or then.route_to_role,
        contact_id=first.contact_id,
    )


def _effect(
    restriction: Restriction,
    contact: Contact,
    recent: Sequence[LoggedContact],
    policy: Policy,
    *,
    opened: bool,
    route: tuple[str, str] | None = None,
    left: frozenset[str] = frozenset(),
) -> ContactDecision | None:
    """What one restriction does to ``contact``; ``None`` if it does not apply.
    ``opened``: an agreed adjustment keeps the contact's channel open;
    ``route``: the officer the contact goes to, and why (:func:`_route`),
    when it is not the officer this restriction names; ``left``: the
    officers no longer in the officer directory, to whom nothing is passed
    (the Policy and Information team takes it instead)."""
    team = policy.title(Role.RECORDS)
    telephone = contact.channel is Channel.TELEPHONE
    routed = route is not None and getattr(restriction, "officer_id", None) != route[0]
    match restriction:
        case NoFurtherEnquiriesOnIssue(issue=issue):
            if contact.new_issue:
                return None
            if contact.issue is None:
                rule = f"Further enquiries or complaints about {issue!r} are not registered"
                line = _not_known(rule, "issue", f"about {issue!r}", "that restriction is")
                return ContactDecision(reasons=(line,))
            given, restricted = issue_key(contact.issue), issue_key(issue)
            if given == restricted:
                return ContactDecision(register=False, reasons=(_not_registered(issue),))
            if _look_alike(given, restricted):
                return ContactDecision(reasons=(_looks_like(issue),))
            return None
        case CallTimeLimit(minutes=minutes):
            if not telephone:
                return None
            return ContactDecision(
                time_limit_minutes=minutes,
                reasons=(_time_limited(minutes),),
            )
        case CallLimit():
            return _call_limit(restriction, contact, recent, policy) if telephone else None
        case SingleContactMethod(channel=channel):
            return _single_method(channel, contact, opened=opened)
        case SinglePointOfContact(officer_id=officer):
            if routed and route is not None:
                line = (
                    f"The single point of contact is {_by_id(officer)} (5.1), but {route[1]}: "
                    f"pass it to {_by_id(route[0])}."
                )
                return ContactDecision(route_to=route[0], reasons=(line,))
            if officer in left:
                line = (
                    f"The single point of contact is {_by_id(officer)} (5.1), who is no longer "
                    f"in the officer directory: pass it to the {team}."
                )
                return ContactDecision(route_to_role=Role.RECORDS, reasons=(line,))
            return ContactDecision(
                route_to=officer,
                reasons=(_pass_to("it", _by_id(officer)),),
            )
        case ReadAndFile(officer_id=officer):
            if contact.channel not in CORRESPONDENCE:
                return None
            if routed and route is not None:
                reader = f"{_by_id(route[0])} only ({route[1]}, in place of {_by_id(officer)})"
                return _read_and_file(route[0], reader, contact, opened=opened)
            if officer in left:
                reader = (
                    f"the {team} (in place of {_by_id(officer)}, who is no longer in the "
                    "officer directory)"
                )
                return _read_and_file(None, reader, contact, opened=opened)
            return _read_and_file(officer, f"{_by_id(officer)} only", contact, opened=opened)
    assert_never(restriction)


def _read_and_file(
    officer: str | None, reader: str, contact: Contact, *, opened: bool
) -> ContactDecision:
    """Correspondence under read-and-file (5.1), passed to ``officer``
    (``None``: the Policy and Information team); the reason line says who
    reads it as ``reader`` does."""
    read = f"Correspondence is read by {reader}"
    if officer is None:
        team = _read_and_file("", reader, contact, opened=opened)
        return attrs.evolve(team, route_to=None, route_to_role=Role.RECORDS)
    if opened:
        return ContactDecision(
            route_to=officer,
            reasons=(
                f"{read} (5.1); an agreed adjustment keeps {wording.name(contact.channel)} "
                "open, so it is registered and answered.",
            ),
        )
    if contact.new_issue:
        return ContactDecision(
            route_to=officer,
            reasons=(f"{read} (5.1); this raises a new issue, so it is registered and answered.",),
        )
    return ContactDecision(
        route_to=officer,
        register=False,
        respond=False,
        reasons=(
            f"{read} and placed on file with no response (5.1); they check it for a new "
            "issue, significant new information or a safeguarding concern.",
        ),
    )


def _by_id(officer_id: str) -> str:
    """An officer as the contact decision names them: ``officer lwong``."""
    return f"officer {officer_id}"


def instruction(restriction: Restriction, officer: Callable[[str], str] = _by_id) -> str:
    """What staff must do at contact time under one restriction of 5.1,
    whatever the contact: the standing instruction a 9.1 notice gives
    managers (:func:`~contactpolicy.domain.notices.notice`). Each officer the
    restriction names is as ``officer`` gives them (default ``officer <id>``,
    as :func:`decide` names them).

    >>> instruction(CallTimeLimit(10))
    'Calls are limited to 10 minutes (5.1).'
    >>> instruction(SinglePointOfContact("lwong"))
    'Pass every contact to the single point of contact, officer lwong (5.1).'
    """
    # What staff are told of a restriction has one owner, this module: the
    # contact decision words one contact, and a notice the standing
    # instruction, with the same sentences (the helpers below), so staff
    # read the same rule in both. The contact decision is the owner rather
    # than the notices because staff act on it at every contact, and the
    # notices already import this module. What the customer and the
    # register read is domain.wording.restriction (the policy's words).
    match restriction:
        case NoFurtherEnquiriesOnIssue(issue=issue):
            return _not_registered(issue)
        case CallTimeLimit(minutes=minutes):
            return _time_limited(minutes)
        case CallLimit(calls=calls, per=per):
            return (
                f"At most {_calls(calls, per)} are taken (5.1): "
                "check each call with the contact decision."
            )
        case SingleContactMethod(channel=channel):
            method = wording.name(channel)
            return (
                f"{_limited_to(method)}: do not accept contact another way; "
                f"tell the customer to use {method}."
            )
        case SinglePointOfContact(officer_id=officer_id):
            return _pass_to("every contact", officer(officer_id))
        case ReadAndFile(officer_id=officer_id):
            return (
                f"{_read_by(officer(officer_id))} and placed on file with no response unless "
                "it raises a new issue (5.1)."
            )
    assert_never(restriction)


def _not_registered(issue: str) -> str:
    return (
        f"Further enquiries or complaints about {issue!r} are not registered (5.1): "
        "tell the customer the council's answer on it stands."
    )


def _looks_like(issue: str) -> str:
    """The reason line of a contact whose issue only looks like the issue a
    no-further-enquiries restriction names, in other characters (a Greek or
    Cyrillic word for a Latin one): it could not be compared, so it is not
    taken for a new issue without a word, nor refused as that one (5.1)."""
    return (
        f"Further enquiries or complaints about {issue!r} are not registered (5.1): this "
        "contact's issue looks like it but is written in other characters, so they could "
        f"not be compared; if it is about {issue!r}, do not register it and tell the "
        "customer the council's answer on it stands."
    )


def _time_limited(minutes: int) -> str:
    return f"Calls are limited to {wording.count(minutes, 'minute')} (5.1)."


def _calls(calls: int, per: pendulum.Duration) -> str:
    return f"{wording.count(calls, 'call')} in any {wording.period(per)}"


def _limited_to(method: str) -> str:
    return f"Contact is limited to {method} (5.1)"


def _pass_to(what: str, officer: str) -> str:
    return f"Pass {what} to the single point of contact, {officer} (5.1)."


def _read_by(officer: str) -> str:
    return f"Correspondence is read by {officer} only"


def _call_limit(
    limit: CallLimit, contact: Contact, recent: Sequence[LoggedContact], policy: Policy
) -> ContactDecision:
    """5.1 "restricting the number of telephone calls that will be taken": the
    calls taken in the rolling period ending at this one."""
    start = contact.at - limit.per
    taken = sorted(
        logged.contact.at
        for logged in recent
        if _counts(logged) and start < logged.contact.at <= contact.at
    )
    period = wording.period(limit.per)
    reached = f"The limit of {_calls(limit.calls, limit.per)} is reached (5.1)"
    if len(taken) < limit.calls:
        return ContactDecision(
            reasons=(
                f"This is call {len(taken) + 1} of at most {limit.calls} in any {period} (5.1).",
            )
        )
    if contact.new_issue:
        return ContactDecision(
            reasons=(f"{reached}, but this call raises a new issue and is taken (7.3).",)
        )
    again = taken[len(taken) - limit.calls] + limit.per
    return attrs.evolve(
        _REFUSED,
        reasons=(
            f"{reached}: do not take this call. Calls can be taken again from "
            f"{wording.from_time_on_day(again, policy.timezone)}.",
        ),
    )


def _single_method(channel: Channel, contact: Contact, *, opened: bool) -> ContactDecision:
    """5.1 "limiting the customer's contact to one method of contact"."""
    method = wording.name(channel)
    if contact.channel is channel:
        return ContactDecision(reasons=(f"{_limited_to(method)}.",))
    used = wording.name(contact.channel)
    if opened:
        return ContactDecision(
            reasons=(
                f"{_limited_to(method)}, but an agreed adjustment keeps {used} open: take it.",
            )
        )
    if contact.new_issue:
        return ContactDecision(
            reasons=(
                f"{_limited_to(method)}, but this {used} contact raises a new "
                f"issue and is taken (7.3); remind the customer to use {method}.",
            )
        )
    return attrs.evolve(
        _REFUSED,
        reasons=(
            f"{_limited_to(method)}: do not accept this {used} contact; "
            f"tell the customer to use {method}.",
        ),
    )
