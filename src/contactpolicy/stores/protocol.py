"""The ``Store`` protocol: how cases and their audit events are kept.

A store keeps each case as a snapshot plus its append-only events, written
together in one transaction, and a global feed of every event in the order
stores accepted them. Every store passes the shared contract suite in
:mod:`contactpolicy.testing.contract`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import pendulum

from contactpolicy.events import AuditEvent
from contactpolicy.model import Case
from contactpolicy.vocabulary import CaseState

__all__ = ["REVIEWABLE", "Store"]

REVIEWABLE = (CaseState.DESIGNATED, CaseState.UNDER_REVIEW, CaseState.APPEALED)
"""The states in which a case has a review date that can fall due."""


class Store(Protocol):
    """Protocol: persistence of cases and their audit events.

    Implementations raise only the library's errors: ``CaseNotFound``,
    ``ConcurrentUpdate`` and ``StoreError``. They are safe to share between
    threads.
    """

    def load(self, case_id: str) -> Case:
        """The case as last saved; ``CaseNotFound`` if there is none."""
        ...

    def save(self, case: Case, events: Sequence[AuditEvent], expected_version: int) -> None:
        """Write the new snapshot and its new events atomically.

        ``expected_version`` is the version the caller loaded (0 for a new
        case). If the stored version differs, raise ``ConcurrentUpdate`` and
        write nothing. The events continue the case's sequence and
        ``case.version == expected_version + len(events)``; anything else is
        a ``StoreError`` and nothing is written. Saved events get their feed
        ``position``.
        """
        ...

    def events(self, case_id: str) -> list[AuditEvent]:
        """A case's events in order; ``CaseNotFound`` if there is no case."""
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
        ``position``, in position order. Positions start at 1 and never repeat."""
        ...
