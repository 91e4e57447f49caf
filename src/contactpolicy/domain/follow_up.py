"""What a logged contact leaves on the customer's cases (5.1, 6.3, 7.3,
8.1): correspondence still to be read, new issues waiting for a review, and
safeguards exercised (an appeal, a request for review, a complaint about the
restrictions, a safeguarding concern, a data request) waiting to be acted
on.

:func:`follow_ups` is pure; ``Casework.decide_contact`` records each
:class:`FollowUp` as a ``contact_received`` event on its case.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import pendulum

from contactpolicy.domain.contact import (
    CORRESPONDENCE,
    Contact,
    ContactDecision,
    covers,
    decide,
)
from contactpolicy.domain.model import Case
from contactpolicy.domain.policy import MAIDSTONE, Policy
from contactpolicy.domain.restrictions import ReadAndFile, SinglePointOfContact
from contactpolicy.domain.safeguards import LEFT_ONCE, NewIssue, acted_on_as

__all__ = [
    "POINT_OF_CONTACT",
    "FollowUp",
    "acted_on",
    "follow_ups",
    "open_since",
    "unreviewable",
]

POINT_OF_CONTACT = "point-of-contact"
"""The actor of the audit events a contact leaves on a case (correspondence
to read, a new issue to review): they are recorded at the point of contact,
not by an officer's command."""


@attrs.frozen
class FollowUp:
    """What a logged contact leaves on one of the customer's cases:
    correspondence still to be read by ``reader`` (``None``: the Policy and
    Information team) when ``to_read`` (5.1), a new issue to review when
    ``new_issue`` (7.3), and a safeguard exercised for the Policy and
    Information team to act on when ``act_on`` (8.1, 6.3, 5.1; UK GDPR
    Art. 12(3))."""

    case_id: str
    to_read: bool = False
    reader: str | None = None
    new_issue: bool = False
    act_on: bool = False


def follow_ups(
    cases: Iterable[Case],
    contact: Contact,
    decision: ContactDecision,
    policy: Policy = MAIDSTONE,
) -> tuple[FollowUp, ...]:
    """What ``contact``, decided as ``decision``, leaves on ``cases``.

    Written correspondence that is refused, or taken with no reply (read and
    file), is still read (5.1; the Ombudsman: read for significant new
    information or a safeguarding concern): one to-read item, on the first
    case whose own restrictions refuse or file it, for its read-and-file
    officer, else its single point of contact, else the Policy and
    Information team. A new issue (7.3) leaves a marker on every case whose
    restrictions in force apply to the contact. A contact made for a
    purpose of :data:`~contactpolicy.domain.safeguards.ACTED_ON`, which the
    contact decision passes to the Policy and Information team, or flagged
    urgent (followed up as a safeguarding concern:
    :func:`~contactpolicy.domain.safeguards.acted_on_as`), leaves an
    item to act on on the cases :func:`acted_on` chooses: never on none
    while the customer has a case.
    """
    cases = tuple(cases)
    _, applying = _ruling(cases, contact, policy)
    reading: Case | None = None
    if contact.channel in CORRESPONDENCE and not (decision.allowed and decision.respond):
        reading = next(
            (case for case in applying if not _answered(decide([case], contact, (), policy))),
            applying[0] if applying else None,
        )
    acting = acted_on(cases, contact, policy)
    found = []
    for case in cases:
        new_issue = contact.new_issue and case.state.restricts and _among(case, applying)
        act_on = _among(case, acting)
        if case is reading or new_issue or act_on:
            reader = _reader(case, contact, policy) if case is reading else None
            found.append(FollowUp(case.id, case is reading, reader, new_issue, act_on))
    return tuple(found)


def acted_on(cases: Iterable[Case], contact: Contact, policy: Policy = MAIDSTONE) -> list[Case]:
    """The cases of ``cases`` (one customer's) on which ``contact`` leaves an
    item to act on, in the order of ``cases``: none for a contact that
    leaves nothing to act on
    (:func:`~contactpolicy.domain.safeguards.acted_on_as`: neither made for
    a safeguard of :data:`~contactpolicy.domain.safeguards.ACTED_ON` nor
    urgent) or a customer with no case, else at least one.

    A data request (:data:`~contactpolicy.domain.safeguards.LEFT_ONCE`)
    concerns everything held about the customer: it is left once, on the
    most recently reported case. The other safeguards concern restrictions
    (8.1, 6.3, 5.1) and are left on the first of these that is not empty:

    1. the cases whose restrictions in force at the contact's time apply
       to it (:func:`~contactpolicy.domain.contact.covers`);
    2. the cases with restrictions in force (the service it reached is
       not theirs, or not known);
    3. the cases with a designation decided, whatever has happened since
       (not yet told, under review or appeal, lapsed at the review day,
       ended, lifted): the decision and its restrictions can still be
       appealed, reviewed or complained of, and a safeguarding concern
       bears on them;
    4. the most recently reported case (no decision yet: a concern, a
       report, a warning, or closed with no action).
    """
    if acted_on_as(contact.purpose, urgent=contact.urgent) is None:
        return []
    cases = list(cases)
    if not cases:
        return []
    latest = max(cases, key=lambda case: (case.reported_at, case.id))
    if contact.purpose in LEFT_ONCE:
        return [latest]
    in_force, applying = _ruling(cases, contact, policy)
    decided = [case for case in cases if case.designation is not None]
    return applying or in_force or decided or [latest]


def unreviewable(case: Case) -> tuple[NewIssue, ...]:
    """The new-issue markers on ``case`` that no review can take up (7.3),
    the oldest first: every marker on a case whose state does not restrict
    (lifted, closed, or with no designation yet: a concern, a report, a
    warning), on which no review can start; none on a case designated,
    under review or appealed, whose markers wait for a review for a new
    issue. A safeguarding concern or a new issue found there still asks the
    council to act: each waits for the Policy and Information team until
    they record how it was dealt with (``Casework.record_read`` with the
    marker's finding as its outcome, and the reason).

    ``Case`` -> ``tuple[NewIssue, ...]``; raises nothing."""
    return () if case.state.restricts else case.new_issues


def open_since(case: Case) -> pendulum.DateTime | None:
    """When the oldest item still waiting on ``case`` was left: the earliest
    ``received_at`` of its correspondence to read (5.1) and its contacts to
    act on (8.1, 6.3, 5.1; UK GDPR Art. 12(3)), ``raised_at`` of its
    new-issue markers (7.3) and ``corrected_at`` of its letters corrected
    since they were sent (7.4, 6.3); ``None`` when nothing waits. A case
    with an item is one ``Casework.to_read``, ``to_act_on``, ``new_issues``
    and the work queue read; stores keep this in a column of their own,
    indexed (``CaseStore.with_open_items``).

    ``Case`` -> ``pendulum.DateTime | None`` (UTC); raises nothing."""
    times = [item.received_at for item in case.to_read]
    times += [item.received_at for item in case.to_act_on]
    times += [marker.raised_at for marker in case.new_issues]
    times += [item.corrected_at for item in case.letters_corrected]
    return min(times, default=None)


def _ruling(
    cases: Iterable[Case], contact: Contact, policy: Policy
) -> tuple[list[Case], list[Case]]:
    """The cases with restrictions in force at ``contact``'s time, and those
    of them whose restrictions apply to it (:func:`covers`), in order."""
    ruling = [
        (case, designation)
        for case in cases
        if (designation := case.designation_in_force(contact.at, policy)) is not None
    ]
    applying = [case for case, designation in ruling if covers(designation, contact.department)]
    return [case for case, _ in ruling], applying


def _among(case: Case, chosen: list[Case]) -> bool:
    """Whether ``case`` itself (not an equal copy) is one of ``chosen``."""
    return any(case is each for each in chosen)


def _answered(decision: ContactDecision) -> bool:
    return decision.allowed and decision.respond


def _reader(case: Case, contact: Contact, policy: Policy) -> str | None:
    """Who reads correspondence the case's restrictions in force at the
    contact's time refused or filed: the read-and-file officer, else the
    single point of contact, else ``None`` (the Policy and Information team)."""
    restrictions = case.restrictions_in_force(contact.at, policy)
    for kind in (ReadAndFile, SinglePointOfContact):
        for restriction in restrictions:
            if isinstance(restriction, kind):
                return restriction.officer_id
    return None
