"""What a logged contact leaves on the customer's cases (5.1, 7.3):
correspondence still to be read, and new issues waiting for a review.

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

__all__ = ["POINT_OF_CONTACT", "FollowUp", "follow_ups"]

POINT_OF_CONTACT = "point-of-contact"
"""The actor of the audit events a contact leaves on a case (correspondence
to read, a new issue to review): they are recorded at the point of contact,
not by an officer's command."""


@attrs.frozen
class FollowUp:
    """What a logged contact leaves on one of the customer's cases:
    correspondence still to be read by ``reader`` (``None``: the Policy and
    Information team) when ``to_read`` (5.1), and a new issue to review when
    ``new_issue`` (7.3)."""

    case_id: str
    to_read: bool = False
    reader: str | None = None
    new_issue: bool = False


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
    restrictions in force apply to the contact.
    """
    applying = [
        case
        for case in cases
        if (designation := case.designation_in_force(contact.at, policy)) is not None
        and covers(designation, contact.department)
    ]
    reading: Case | None = None
    if contact.channel in CORRESPONDENCE and not (decision.allowed and decision.respond):
        reading = next(
            (case for case in applying if not _answered(decide([case], contact, (), policy))),
            applying[0] if applying else None,
        )
    found = []
    for case in applying:
        new_issue = contact.new_issue and case.state.restricts
        if case is reading or new_issue:
            reader = _reader(case, contact, policy) if case is reading else None
            found.append(FollowUp(case.id, case is reading, reader, new_issue))
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
