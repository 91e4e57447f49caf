"""A store signed with one audit key, checked or written with another, and
the same store after a rotation to a newer key (7.4): the scene of the
tests of a wrong key. A test module takes the ``store`` fixture, a
MemoryStore or a SQLiteStore, by importing it (``from support.wrong_keys
import store``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from contactpolicy import Case, Casework, Channel, Contact, FrozenClock
from contactpolicy.stores import MemoryStore, SQLiteStore, Store

from support.builders import CUSTOMER, MANAGER, START, incident

RIGHT = bytes.fromhex("11" * 32)
"""The key the store's records are signed with, under key id ``default``."""
WRONG = bytes.fromhex("33" * 32)
"""A key that is not the one the records were signed with."""
NEWER = bytes.fromhex("55" * 32)
"""The key a rotation brings in, under key id ``2027``."""
ROTATED = {"default": RIGHT, "2027": NEWER}
"""The keys given during a rotation: the one retired beside the newer."""


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty MemoryStore or SQLiteStore."""
    opened: Store = (
        MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "cases.db")
    )
    yield opened
    opened.close()


def call() -> Contact:
    """A telephone call about council tax, five minutes before ``START``."""
    return Contact(Channel.TELEPHONE, START.subtract(minutes=5), issue="council tax")


def signed(store: Store) -> tuple[Casework, str]:
    """A case reported, with a note (events 1 and 2), and a contact logged,
    signed with ``RIGHT``: the Casework that signed them and the case's id."""
    casework = Casework(store, clock=FrozenClock(START), audit_key=RIGHT)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    casework.add_note(case.id, "Offered a meeting.", by=MANAGER)
    casework.decide_contact(CUSTOMER.id, call())
    return casework, case.id


def rotated(store: Store) -> tuple[Casework, Case]:
    """The records of ``signed``, then a note signed under ``2027`` with
    both keys given (event 3): the Casework given them and the case as the
    note left it."""
    _, case_id = signed(store)
    both = Casework(store, clock=FrozenClock(START), audit_key=ROTATED)
    return both, both.add_note(case_id, "After the rotation.", by=MANAGER)


def tamper(path: Path, case_id: str, seq: int) -> None:
    """Change the note of event ``seq`` of the case in the SQLite database
    at ``path``, behind the store's back."""
    with sqlite3.connect(path) as database:
        database.execute(
            "UPDATE events SET document = replace(document, 'Note', 'Nose') "
            "WHERE case_id = ? AND seq = ?",
            (case_id, seq),
        )
