"""Restrictions at the point of contact (5.1, 7.3).

:func:`decide` says how one incoming contact must be handled, from the
customer's cases, the contact, their recent contacts from the contact log and
the policy. It is a pure function: no I/O, no clock and no state machine, so an
embedding system may ask on every contact. ``Casework.decide_contact`` gathers
the inputs and records the contact in the log.

Each restriction in force contributes its own handling and one plain-English
reason line; several combine to the most restrictive handling of them all
(see :meth:`ContactDecision.is_at_least_as_restrictive_as`). Two exceptions
come first: a new issue is always registered and answered (7.3), and a
safeguarding or urgent concern is always taken and escalated. Reasons come only
from the restrictions themselves, never from case notes, incidents or
evidence: staff at the point of contact need the handling instruction, not the
file.

>>> at = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")
>>> decide([], Contact(Channel.TELEPHONE, at), [], MAIDSTONE) == ContactDecision()
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import assert_never

import attrs
import pendulum

from contactpolicy.domain import wording
from contactpolicy.domain.model import Case
from contactpolicy.domain.policy import MAIDSTONE, Policy
from contactpolicy.domain.restrictions import (
    KINDS,
    CallLimit,
    CallTimeLimit,
    NoFurtherEnquiriesOnIssue,
    ReadAndFile,
    Restriction,
    SingleContactMethod,
    SinglePointOfContact,
)
from contactpolicy.domain.validation import (
    as_utc,
    enum_field,
    flag_field,
    moment_field,
    optional_short_text_field,
    valid,
)
from contactpolicy.domain.vocabulary import Channel, Role

__all__ = [
    "CORRESPONDENCE",
    "Contact",
    "ContactDecision",
    "LoggedContact",
    "call_window",
    "decide",
    "issue_key",
    "no_case",
]

CORRESPONDENCE = frozenset({Channel.LETTER, Channel.EMAIL, Channel.ONLINE_FORM})
"""The written channels: what 5.1 calls correspondence, which may be read and filed."""

_ALL_CHANNELS = frozenset(Channel)


@attrs.frozen
class Contact:
    """One incoming contact: face to face, by telephone, letter, email or
    online form (1.2), made at ``at``.

    ``department`` is the team it reached and ``issue`` what it is about, as
    the officer taking it names them. ``new_issue`` is that officer's judgement
    that it raises a new issue (7.3). ``urgent`` flags a safeguarding or urgent
    concern (a risk to the customer or someone else, or something that cannot
    wait): it is always taken and escalated, whatever the restrictions.
    """

    channel: Channel = attrs.field(
        validator=valid(
            lambda at, section: enum_field(Channel, at, section, "one channel of 1.2"), "1.2"
        )
    )
    at: pendulum.DateTime = attrs.field(converter=as_utc, validator=valid(moment_field, "7.4"))
    department: str | None = attrs.field(
        default=None, validator=valid(optional_short_text_field, "4.1")
    )
    issue: str | None = attrs.field(default=None, validator=valid(optional_short_text_field, "5.1"))
    new_issue: bool = attrs.field(default=False, validator=valid(flag_field, "7.3"), kw_only=True)
    urgent: bool = attrs.field(default=False, validator=valid(flag_field, "5.1"), kw_only=True)


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
    """How issues are compared: Unicode form, case and spacing do not matter.

    >>> issue_key("  Council tax  BILL ") == issue_key("council tax bill")
    True
    """
    return unicodedata.normalize("NFC", " ".join(issue.split()).casefold())


def call_window(cases: Iterable[Case], contact: Contact) -> pendulum.Duration | None:
    """How far back the contact log must be read to decide ``contact``: the
    longest call limit period in force for a telephone call, else ``None``
    (nothing needs reading)."""
    if contact.channel is not Channel.TELEPHONE or contact.urgent:
        return None
    periods = [
        restriction.per
        for case in cases
        for restriction in case.restrictions
        if isinstance(restriction, CallLimit)
    ]
    return max(periods, key=lambda per: per.total_seconds(), default=None)


def decide(
    cases: Iterable[Case],
    contact: Contact,
    recent: Sequence[LoggedContact],
    policy: Policy = MAIDSTONE,
    *,
    customer_id: str | None = None,
) -> ContactDecision:
    """How to handle ``contact`` under every restriction in force on
    ``cases`` (5.1), given the customer's ``recent`` logged contacts.

    With ``customer_id`` (the reference the officer gave) and no case at all,
    the one reason line says so, so that a mistyped reference is noticed;
    the handling is still that of a contact with no restriction.

    Restrictions are applied in the order 5.1 lists them, and within a kind in
    the order of ``cases``; each adds its reason line. Where two route to
    different officers, the later wins, so a read-and-file officer takes
    correspondence before the single point of contact.
    """
    cases = tuple(cases)
    today = policy.date_of(contact.at)
    in_force = sorted(
        (restriction for case in _applying(cases, today) for restriction in case.restrictions),
        key=lambda restriction: KINDS.index(type(restriction)),
    )
    if not in_force:
        unknown = (no_case(customer_id),) if customer_id is not None and not cases else ()
        return ContactDecision(escalate=contact.urgent, reasons=unknown)
    accepted = _ALL_CHANNELS.intersection(
        *({r.channel} for r in in_force if isinstance(r, SingleContactMethod))
    )
    exceptions: tuple[str, ...] = (_URGENT,) if contact.urgent else ()
    if contact.new_issue:
        exceptions += (_new_issue(policy),)
    exceptions += _overdue(_applying(cases, today), contact, policy)
    decision = ContactDecision(
        review_required=contact.new_issue,
        reasons=exceptions,
        accepted_channels=accepted,
        escalate=contact.urgent,
    )
    if contact.urgent:
        return decision
    for restriction in in_force:
        effect = _effect(restriction, contact, recent, policy)
        if effect is not None:
            decision = _combine(decision, effect)
    return decision


def _applying(cases: Sequence[Case], today: pendulum.Date) -> tuple[Case, ...]:
    """The cases whose restrictions have not ended early by the length the
    decision set (``Designation.ends_on``, 6.4)."""
    return tuple(
        case for case in cases if case.designation is None or not case.designation.ended(today)
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


def _overdue(cases: Iterable[Case], contact: Contact, policy: Policy) -> tuple[str, ...]:
    """7.2: restrictions past their review date still apply, but staff are
    told, so that an overdue review is never silent."""
    today = policy.date_of(contact.at)
    late = [case.review_due for case in cases if case.review_due and case.review_due < today]
    if not late:
        return ()
    return (
        f"The review of these restrictions was due on {wording.day(min(late))} "
        f"and is overdue (7.2): tell the {policy.title(Role.RECORDS)}.",
    )


def _new_issue(policy: Policy) -> str:
    return (
        "New issue raised (7.3): register it and reply. Whether the restrictions are "
        "still appropriate and necessary is now reviewed in consultation with the "
        f"{policy.title(Role.DECISION_MAKER)}."
    )


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
    )


def _effect(
    restriction: Restriction,
    contact: Contact,
    recent: Sequence[LoggedContact],
    policy: Policy,
) -> ContactDecision | None:
    """What one restriction does to ``contact``; ``None`` if it does not apply."""
    telephone = contact.channel is Channel.TELEPHONE
    match restriction:
        case NoFurtherEnquiriesOnIssue(issue=issue):
            if contact.new_issue or contact.issue is None:
                return None
            if issue_key(contact.issue) != issue_key(issue):
                return None
            return ContactDecision(
                register=False,
                reasons=(
                    f"Further enquiries or complaints about {issue!r} are not registered "
                    "(5.1): tell the customer the council's answer on it stands.",
                ),
            )
        case CallTimeLimit(minutes=minutes):
            if not telephone:
                return None
            return ContactDecision(
                time_limit_minutes=minutes,
                reasons=(f"Calls are limited to {wording.count(minutes, 'minute')} (5.1).",),
            )
        case CallLimit():
            return _call_limit(restriction, contact, recent, policy) if telephone else None
        case SingleContactMethod(channel=channel):
            return _single_method(channel, contact)
        case SinglePointOfContact(officer_id=officer):
            return ContactDecision(
                route_to=officer,
                reasons=(f"Pass it to the single point of contact, officer {officer} (5.1).",),
            )
        case ReadAndFile(officer_id=officer):
            if contact.channel not in CORRESPONDENCE:
                return None
            if contact.new_issue:
                return ContactDecision(
                    route_to=officer,
                    reasons=(
                        f"Correspondence is read by officer {officer} only (5.1); this "
                        "raises a new issue, so it is registered and answered.",
                    ),
                )
            return ContactDecision(
                route_to=officer,
                register=False,
                respond=False,
                reasons=(
                    f"Correspondence is read by officer {officer} only and placed on file "
                    "with no response (5.1); they check it for a new issue, significant "
                    "new information or a safeguarding concern.",
                ),
            )
    assert_never(restriction)


def _call_limit(
    limit: CallLimit, contact: Contact, recent: Sequence[LoggedContact], policy: Policy
) -> ContactDecision:
    """5.1 "restricting the number of telephone calls that will be taken": the
    calls taken in the rolling period ending at this one."""
    start = contact.at - limit.per
    taken = sorted(
        logged.contact.at
        for logged in recent
        if logged.contact.channel is Channel.TELEPHONE
        and logged.decision.allowed
        and start < logged.contact.at <= contact.at
    )
    period = wording.period(limit.per)
    if len(taken) < limit.calls:
        return ContactDecision(
            reasons=(
                f"This is call {len(taken) + 1} of at most {limit.calls} in any {period} (5.1).",
            )
        )
    if contact.new_issue:
        return ContactDecision(
            reasons=(
                f"The limit of {limit.calls} calls in any {period} is reached (5.1), but this "
                "call raises a new issue and is taken (7.3).",
            )
        )
    again = taken[len(taken) - limit.calls] + limit.per
    return attrs.evolve(
        _REFUSED,
        reasons=(
            f"The limit of {limit.calls} calls in any {period} is reached (5.1): do not take "
            "this call. Calls can be taken again from "
            f"{wording.time_on_day(again, policy.timezone)}.",
        ),
    )


def _single_method(channel: Channel, contact: Contact) -> ContactDecision:
    """5.1 "limiting the customer's contact to one method of contact"."""
    method = wording.name(channel)
    if contact.channel is channel:
        return ContactDecision(reasons=(f"Contact is limited to {method} (5.1).",))
    used = wording.name(contact.channel)
    if contact.new_issue:
        return ContactDecision(
            reasons=(
                f"Contact is limited to {method} (5.1), but this {used} contact raises a new "
                f"issue and is taken (7.3); remind the customer to use {method}.",
            )
        )
    return attrs.evolve(
        _REFUSED,
        reasons=(
            f"Contact is limited to {method} (5.1): do not accept this {used} contact; "
            f"tell the customer to use {method}.",
        ),
    )
