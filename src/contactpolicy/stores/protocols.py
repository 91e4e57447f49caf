"""The ``Store`` protocol: how cases and their audit events are kept.

A store keeps each case as a snapshot plus its append-only events, written
together in one transaction, and a global feed of every event in the order
stores accepted them. Beside the cases it keeps the contact log: every contact
decided at the point of contact, with the decision given. Every store passes
the shared contract suite in :mod:`contactpolicy.testing.contract`;
``docs/stores.md`` describes the guarantees of each implementation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import pendulum

from contactpolicy.audit.events import AuditEvent
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case
from contactpolicy.domain.vocabulary import CaseState

__all__ = ["REVIEWABLE", "Store", "review_due"]

REVIEWABLE = (CaseState.DESIGNATED, CaseState.UNDER_REVIEW, CaseState.APPEALED)
"""The states in which a case has a review date that can fall due."""


def review_due(case: Case) -> pendulum.Date | None:
    """The date the case's review falls due while its restrictions are in
    force (7.2); ``None`` in every other state."""
    if case.state not in REVIEWABLE or case.designation is None:
        return None
    return case.designation.review_due


class Store(Protocol):
    """Protocol: persistence of cases and their audit events.

    Implementations raise only the library's errors: ``CaseNotFound``,
    ``ConcurrentUpdate``, ``InvalidInput`` and ``StoreError`` (a driver's
    own errors are translated where they arise). They are safe to share
    between threads, and the checks in :mod:`contactpolicy.stores.checks`
    make them refuse the same mistakes the same way.
    """

    def load(self, case_id: str) -> Case:
        """The case as last saved; ``CaseNotFound`` if there is none."""
        ...

    def save(self, case: Case, events: Sequence[AuditEvent], expected_version: int) -> None:
        """Write the new snapshot and its new events atomically.

        ``expected_version`` is the version the caller loaded (0 for a new
        case). If the stored version differs, raise ``ConcurrentUpdate``
        before checking anything else, and write nothing. The events continue
        the case's sequence and ``case.version == expected_version +
        len(events)``; anything else is a ``StoreError``. Text holding a NUL
        character is ``InvalidInput``. Saved events get the next feed
        positions, read back by :meth:`events` and :meth:`events_since`.
        """
        ...

    def events(self, case_id: str, after: int = 0) -> list[AuditEvent]:
        """A case's events numbered above ``after``, in order (all of them by
        default; ``after=case.version - 1`` reads only the last);
        ``CaseNotFound`` if there is no case."""
        ...

    def cases(self, state: CaseState | None = None, customer_id: str | None = None) -> list[Case]:
        """Cases matching every filter given, oldest report first."""
        ...

    def due_reviews(self, as_of: pendulum.Date) -> list[Case]:
        """Cases with restrictions in force whose review falls due on or
        before ``as_of``, the longest overdue first."""
        ...

    def events_since(self, position: int, limit: int) -> list[AuditEvent]:
        """Up to ``limit`` events with a feed position greater than
        ``position``, in position order.

        Positions start at 1, never repeat, and have no gaps; a reader never
        sees a position before every lower one is visible, so a follower
        that resumes after the last position it read misses nothing. A
        negative ``position`` or a ``limit`` below 1 is ``InvalidInput``.
        """
        ...

    def record_contact(self, logged: LoggedContact) -> None:
        """Append one entry to the contact log (5.1, 2.1).

        The whole :class:`~contactpolicy.domain.contact.LoggedContact` is kept (as the
        codec's JSON) and read back equal; entries are never changed or removed
        by this protocol. Contacts are logged for any customer id, with or
        without a case. A database store keeps the customer id and the
        contact's time (``logged.contact.at``, in UTC) in columns of their own,
        with an index on (customer id, contact time, insertion order) for
        :meth:`contacts`.
        """
        ...

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        """The customer's logged contacts made at or after ``since`` (all of
        them when ``None``), ordered by the contact's time and, for the same
        time, by the order they were recorded. An unknown customer has none."""
        ...
