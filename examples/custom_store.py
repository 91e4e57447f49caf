"""A store of your own: every case, event and contact in one JSON file.

``JsonFileStore`` implements the whole ``Store`` protocol the way
``MemoryStore`` does, with the same codec and the same checks, so it refuses
the same mistakes with the same errors; ``tests/test_example_custom_store.py``
runs the shared contract suite against it.

It is an example, not a store for production: every call reads the whole
file and every write rewrites it, to a temporary file that then replaces the
old one (``os.replace``), so the file is always whole. The lock serialises
the writes of one store object: share that object between threads, and let
no other object or process write to the same file.

Run it with ``uv run python examples/custom_store.py``.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pendulum

from contactpolicy import (
    AuditEvent,
    Behaviour,
    Case,
    CaseState,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    Incident,
    LoggedContact,
    Officer,
    Role,
)
from contactpolicy.audit import codec
from contactpolicy.errors import CaseNotFound, ConcurrentUpdate, StoreError
from contactpolicy.stores.checks import check_contact, check_feed, check_save
from contactpolicy.stores.protocols import review_due


class JsonFileStore:
    """Cases, events and the contact log in one JSON file, created on the first save.

    The file holds ``cases`` (each case's version and document), ``events``
    (each case's feed positions), ``feed`` (every event's document, position
    1 first) and ``contacts`` (each customer's log entries, as recorded).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def load(self, case_id: str) -> Case:
        """The case as last saved."""
        found = self._read()["cases"].get(case_id)
        if found is None:
            raise CaseNotFound(case_id)
        return codec.loads(found[1], Case, case_id)

    def save(self, case: Case, events: Sequence[AuditEvent], expected_version: int) -> None:
        """Write the snapshot and its events in one rewrite of the file, or nothing."""
        with self._lock:
            data = self._read()
            found = data["cases"].get(case.id)
            actual = None if found is None else found[0]
            if (actual or 0) != expected_version:
                raise ConcurrentUpdate(case.id, expected_version, actual)
            check_save(case, events, expected_version)
            data["cases"][case.id] = [case.version, codec.dumps(case)]
            positions = data["events"].setdefault(case.id, [])
            for event in events:
                data["feed"].append(codec.dumps(event))
                positions.append(len(data["feed"]))
            self._write(data, case.id)

    def events(self, case_id: str, after: int = 0) -> list[AuditEvent]:
        """A case's events numbered above ``after``, in order."""
        data = self._read()
        if case_id not in data["cases"]:
            raise CaseNotFound(case_id)
        positions = data["events"][case_id][max(after, 0) :]
        return [_event(position, data["feed"][position - 1], case_id) for position in positions]

    def cases(self, state: CaseState | None = None, customer_id: str | None = None) -> list[Case]:
        """Cases matching every filter given, oldest report first."""
        found = [
            case
            for case in self._all()
            if (state is None or case.state is state)
            and (customer_id is None or case.customer.id == customer_id)
        ]
        return sorted(found, key=lambda case: (case.reported_at, case.id))

    def due_reviews(self, as_of: pendulum.Date) -> list[Case]:
        """Cases in force whose review is due by ``as_of``, longest overdue first."""
        due = [(review_due(case), case) for case in self._all()]
        found = [(day, case) for day, case in due if day is not None and day <= as_of]
        return [case for _, case in sorted(found, key=lambda pair: (pair[0], pair[1].id))]

    def events_since(self, position: int, limit: int) -> list[AuditEvent]:
        """The feed after ``position``, at most ``limit`` events."""
        check_feed(position, limit)
        texts = self._read()["feed"][position : position + limit]
        return [_event(number, text, None) for number, text in enumerate(texts, position + 1)]

    def record_contact(self, logged: LoggedContact) -> None:
        """Append one entry to the contact log."""
        check_contact(logged)
        with self._lock:
            data = self._read()
            data["contacts"].setdefault(logged.customer_id, []).append(codec.dumps(logged))
            self._write(data, None)

    def contacts(
        self, customer_id: str, since: pendulum.DateTime | None = None
    ) -> list[LoggedContact]:
        """The customer's logged contacts at or after ``since``, oldest first."""
        texts = self._read()["contacts"].get(customer_id, [])
        entries = [codec.loads(text, LoggedContact, None) for text in texts]
        kept = [entry for entry in entries if since is None or entry.contact.at >= since]
        # sorted() is stable: contacts made at the same time stay in the order recorded.
        return sorted(kept, key=lambda entry: entry.contact.at)

    def _all(self) -> list[Case]:
        cases = self._read()["cases"]
        return [codec.loads(text, Case, case_id) for case_id, (_, text) in cases.items()]

    def _read(self) -> dict[str, Any]:
        """The whole file; an empty store before the first save. ``os.replace``
        swaps the file in one step, so a read never sees half a write."""
        try:
            data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"cases": {}, "events": {}, "feed": [], "contacts": {}}
        except (OSError, ValueError) as error:
            raise StoreError(f"cannot read {self.path} ({error})") from error
        return data

    def _write(self, data: dict[str, Any], case_id: str | None) -> None:
        """Replace the file with ``data``: a crash leaves the old file or the new."""
        try:
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.path.parent, delete=False
            ) as file:
                json.dump(data, file, ensure_ascii=False)
                file.flush()
                os.fsync(file.fileno())
            os.replace(file.name, self.path)
        except OSError as error:
            raise StoreError(f"cannot write {self.path} ({error})", case_id) from error


def _event(position: int, text: str, case_id: str | None) -> AuditEvent:
    return attrs.evolve(codec.loads(text, AuditEvent, case_id), position=position)


def main() -> None:
    """Casework on a JsonFileStore, read back by a second store on the same file."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 5, 9, tz="Europe/London"))
    manager = Officer("jsmith", "Jo Smith", {Role.MANAGER})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.json"
        casework = Casework(JsonFileStore(path), clock=clock)
        calls = Incident(Behaviour.THREATS, clock.now(), Channel.TELEPHONE, "Threatened staff.")
        case = casework.report(Customer("CRM-1", "Sam Taylor"), "council tax", [calls], manager)
        casework.warn(case.id, manager, Channel.LETTER, ["calls limited to 10 minutes"])
        casework.decide_contact("CRM-1", Contact(Channel.TELEPHONE, clock.now()))

        store = JsonFileStore(path)
        reopened = Casework(store, clock=clock)
        intact = "yes" if reopened.verify(case.id).ok else "no"
        feed = ", ".join(f"{event.position} {event.kind}" for event in reopened.events_since(0))
        channels = [logged.contact.channel.value for logged in store.contacts("CRM-1")]
        print(f"A second JsonFileStore on {path.name} reads back:")
        print(f"  the case: {reopened.get(case.id).state.value}, audit trail intact: {intact}")
        print(f"  the feed: {feed}")
        print(f"  the contact log: {', '.join(channels)}")


if __name__ == "__main__":
    main()
