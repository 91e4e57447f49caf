"""``MemoryStore``: the store for tests, simulations and trying things out.

A faithful fake: it keeps cases, events and the contact log as the same JSON
text the database stores keep, raises the same errors for the same mistakes,
and is safe to share between threads. Nothing survives the process.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Sequence

import attrs
import pendulum

from contactpolicy.audit import codec
from contactpolicy.audit.events import AuditEvent
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import CaseNotFound, ConcurrentUpdate
from contactpolicy.stores.checks import check_contact, check_feed, check_save
from contactpolicy.stores.protocols import review_due

__all__ = ["MemoryStore"]


class MemoryStore:
    """Cases, events and the contact log in memory, as JSON text."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cases: dict[str, tuple[int, str]] = {}
        self._events: dict[str, list[int]] = {}
        self._feed: list[str] = []
        self._customer_of: dict[str, str] = {}
        self._contacts: dict[str, list[tuple[pendulum.DateTime, int, str]]] = {}
        self._logged = 0

    def load(self, case_id: str) -> Case:
        """The case as last saved."""
        with self._lock:
            found = self._cases.get(case_id)
        if found is None:
            raise CaseNotFound(case_id)
        return codec.loads(found[1], Case, case_id)

    def save(self, case: Case, events: Sequence[AuditEvent], expected_version: int) -> None:
        """Write the snapshot and its events atomically, or nothing."""
        with self._lock:
            found = self._cases.get(case.id)
            actual = None if found is None else found[0]
            if (actual or 0) != expected_version:
                raise ConcurrentUpdate(case.id, expected_version, actual)
            check_save(case, events, expected_version)
            texts = [codec.dumps(event) for event in events]
            self._cases[case.id] = (case.version, codec.dumps(case))
            self._customer_of[case.id] = case.customer.id
            positions = self._events.setdefault(case.id, [])
            for text in texts:
                self._feed.append(text)
                positions.append(len(self._feed))

    def events(self, case_id: str, after: int = 0) -> list[AuditEvent]:
        """A case's events numbered above ``after``, in order."""
        with self._lock:
            if case_id not in self._cases:
                raise CaseNotFound(case_id)
            positions = self._events[case_id][max(after, 0) :]
            rows = [(position, self._feed[position - 1]) for position in positions]
        return [self._event(position, text, case_id) for position, text in rows]

    def cases(self, state: CaseState | None = None, customer_id: str | None = None) -> list[Case]:
        """Cases matching every filter given, oldest report first."""
        found = [case for case in self._all(customer_id) if state is None or case.state is state]
        return sorted(found, key=lambda case: (case.reported_at, case.id))

    def due_reviews(self, as_of: pendulum.Date) -> list[Case]:
        """Cases in force whose review is due by ``as_of``, longest overdue first."""
        due = [(review_due(case), case) for case in self._all()]
        found = [(day, case) for day, case in due if day is not None and day <= as_of]
        return [case for _, case in sorted(found, key=lambda pair: (pair[0], pair[1].id))]

    def events_since(self, position: int, limit: int) -> list[AuditEvent]:
        """The feed after ``position``, at most ``limit`` events."""
        check_feed(position, limit)
        with self._lock:
            rows = list(enumerate(self._feed[position : position + limit], start=position + 1))
        return [self._event(number, text, None) for number, text in rows]

    def record_contact(self, logged: LoggedContact) -> None:
        """Append one entry to the contact log."""
        check_contact(logged)
        text = codec.dumps(logged)
        with self._lock:
            self._logged += 1
            rows = self._contacts.setdefault(logged.customer_id, [])
            bisect.insort(rows, (logged.contact.at, self._logged, text))

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        """The customer's logged contacts at or after ``since``, oldest first."""
        with self._lock:
            rows = self._contacts.get(customer_id, [])
            start = 0 if since is None else bisect.bisect_left(rows, (since,))
            texts = [text for _, _, text in rows[start:]]
        return [codec.loads(text, LoggedContact, None) for text in texts]

    def _all(self, customer_id: str | None = None) -> list[Case]:
        """Every case, or only the customer's: like a database's index on the
        customer id, only those are read."""
        with self._lock:
            rows = [
                (case_id, row)
                for case_id, row in self._cases.items()
                if customer_id is None or self._customer_of[case_id] == customer_id
            ]
        return [codec.loads(text, Case, case_id) for case_id, (_, text) in rows]

    @staticmethod
    def _event(position: int, text: str, case_id: str | None) -> AuditEvent:
        event = codec.loads(text, AuditEvent, case_id)
        return attrs.evolve(event, position=position)
