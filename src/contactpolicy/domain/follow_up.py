"""What a logged contact leaves on the customer's cases (5.1, 6.3, 7.3,
8.1): correspondence still to be read, new issues waiting for a review, and
safeguards exercised (an appeal, a request for review, a complaint about the
restrictions, a safeguarding concern) waiting to be acted on.

:func:`follow_ups` is pure; ``Casework.decide_contact`` records each
:class:`FollowUp` as a ``contact_received`` event on its case.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

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
from contactpolicy.domain.safeguards import ACTED_ON

__all__ = ["POINT_OF_CONTACT", "FollowUp", "follow_ups"]

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
    Information team to act on when ``act_on`` (8.1, 6.3, 5.1)."""

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
    purpose of :data:`~contactpolicy.domain.safeguards.ACTED_ON` (an appeal,
    a request for review, a complaint about the restrictions, a
    safeguarding concern), which the contact decision passes to the Policy
    and Information team, leaves an item to act on on every case whose
    restrictions in force apply to it, or, when none does (the service it
    reached is not theirs, or not known), on every case with restrictions
    in force: it concerns their restrictions, and is never left on none.
    """
    in_force = [
        (case, designation)
        for case in cases
        if (designation := case.designation_in_force(contact.at, policy)) is not None
    ]
    applying = [case for case, designation in in_force if covers(designation, contact.department)]
    reading: Case | None = None
    if contact.channel in CORRESPONDENCE and not (decision.allowed and decision.respond):
        reading = next(
            (case for case in applying if not _answered(decide([case], contact, (), policy))),
            applying[0] if applying else None,
        )
    covered = {case.id for case in applying}
    acted_on = covered or {case.id for case, _ in in_force}
    found = []
    for case, _ in in_force:
        new_issue = contact.new_issue and case.state.restricts and case.id in covered
        act_on = contact.purpose in ACTED_ON and case.id in acted_on
        if case is reading or new_issue or act_on:
            reader = _reader(case, contact, policy) if case is reading else None
            found.append(FollowUp(case.id, case is reading, reader, new_issue, act_on))
    return tuple(found)


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
