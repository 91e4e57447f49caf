"""Writers the reliability tests run in threads and in spawned processes.

Process entry points live here, apart from the test modules, so a spawned
process imports only what it needs.
"""

from __future__ import annotations

import itertools
from multiprocessing.connection import Connection
from typing import Any, Protocol

import pendulum

from contactpolicy.casework import Casework
from contactpolicy.domain.model import Case, Customer, Incident, Officer
from contactpolicy.domain.vocabulary import Behaviour, Channel, Role
from contactpolicy.errors import ConcurrentUpdate
from contactpolicy.stores import PostgresStore, SQLiteStore, Store

__all__ = ["MANAGER", "add_notes", "note_forever", "note_writer", "open_", "report"]

MANAGER = Officer("manager", "Jo Smith", {Role.MANAGER})


class Signal(Protocol):
    def wait(self, timeout: float | None = None) -> bool: ...


class Outbox(Protocol):
    def put(self, item: Any) -> None: ...


def open_(kind: str, target: str) -> Store:
    """The store a test names: ``("sqlite", path)`` or ``("postgresql", dsn)``."""
    return SQLiteStore(target) if kind == "sqlite" else PostgresStore(target)


def report(store: Store) -> Case:
    """A new case to write to."""
    at = pendulum.now("UTC")
    incident = Incident(Behaviour.EXCESSIVE_DEMANDS, at, Channel.TELEPHONE, "Called 40 times.")
    customer = Customer("CRM-1", "Sam Taylor", "12 Week Street")
    return Casework(store).report(customer, "council tax", [incident], by=MANAGER)


def add_notes(store: Store, case_id: str, label: str, count: int) -> list[str]:
    """Add ``count`` notes, each retried until no concurrent update refuses
    it; return the notes acknowledged, in order."""
    casework = Casework(store)
    acknowledged = []
    for number in range(count):
        text = f"{label} note {number}"
        while True:
            try:
                casework.add_note(case_id, text, MANAGER)
            except ConcurrentUpdate:
                continue
            acknowledged.append(text)
            break
    return acknowledged


def note_writer(
    kind: str, target: str, case_id: str, label: str, count: int, go: Signal, out: Outbox
) -> None:
    """A process's part in a race: open the store, say it is ready, wait for
    the start, add its notes and send back those acknowledged."""
    store = open_(kind, target)
    out.put(("ready", label))
    go.wait()
    out.put((label, add_notes(store, case_id, label, count)))


def note_forever(path: str, case_id: str, acks: Connection) -> None:
    """Add notes one after another until killed, sending each note's text
    down the pipe once the store has acknowledged it."""
    casework = Casework(SQLiteStore(path))
    for number in itertools.count():
        text = f"note {number}"
        casework.add_note(case_id, text, MANAGER)
        acks.send(text)
