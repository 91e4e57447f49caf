"""Regression: ``verify_all`` with the wrong audit key named every event of
an untouched store as changed after it was recorded, then said every
record was checked with the audit key (7.4). Now a key that verifies none
of the records signed under its key id is one problem saying so, for the
store and for one case; records some of which verify under the key are
still each named as changed (that is tampering)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from contactpolicy import Casework, Channel, Contact, FrozenClock
from contactpolicy.audit.events import Problem
from contactpolicy.stores import MemoryStore, SQLiteStore
from contactpolicy.stores.protocols import Store

from support.builders import CUSTOMER, MANAGER, START, incident

RIGHT = bytes.fromhex("11" * 32)
WRONG = bytes.fromhex("33" * 32)
NEWER = bytes.fromhex("55" * 32)


def unmatched(key_id: str, count: int) -> Problem:
    """What verification says once of a key that verifies none of its ``count`` records."""
    return Problem(
        f"the audit key given for key id '{key_id}'",
        f"matches none of the {count} records signed with it: it is not the key they were "
        "signed with (or every one of them was changed)",
    )


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty MemoryStore or SQLiteStore."""
    opened: Store = (
        MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "cases.db")
    )
    yield opened
    opened.close()


def _signed(store: Store) -> tuple[Casework, str]:
    """A case reported, with a note, and a contact logged, signed with the right key."""
    casework = Casework(store, clock=FrozenClock(START), audit_key=RIGHT)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    casework.add_note(case.id, "Offered a meeting.", by=MANAGER)
    call = Contact(Channel.TELEPHONE, START.subtract(minutes=5), issue="council tax")
    casework.decide_contact(CUSTOMER.id, call)
    return casework, case.id


def _tamper(path: Path, case_id: str, seq: int) -> None:
    """Change the note of event ``seq`` of the case, behind the store's back."""
    with sqlite3.connect(path) as database:
        database.execute(
            "UPDATE events SET document = replace(document, 'Note', 'Nose') "
            "WHERE case_id = ? AND seq = ?",
            (case_id, seq),
        )


def test_verify_all_with_a_wrong_key_says_so_once(store: Store) -> None:
    """An untouched store checked with a wrong key: one problem saying the
    key matches none of the three records signed with it (two events and
    a contact entry), not three records changed; not ok."""
    _signed(store)
    checked = Casework(store, audit_key=WRONG).verify_all()
    assert (checked.ok, checked.events, checked.contacts) == (False, 2, 1)
    assert checked.problems == (unmatched("default", 3),)


def test_verify_of_a_case_with_a_wrong_key_says_so_once(store: Store) -> None:
    """One case checked with a wrong key: the same one problem, counting
    that case's events."""
    _, case_id = _signed(store)
    checked = Casework(store, audit_key=WRONG).verify(case_id)
    assert (checked.ok, checked.problems) == (False, (unmatched("default", 2),))


def test_one_record_under_a_wrong_key_is_said_in_the_singular() -> None:
    """A case of one event checked with a wrong key."""
    store = MemoryStore()
    case = Casework(store, audit_key=RIGHT).report(
        CUSTOMER, "council tax", [incident()], by=MANAGER
    )
    assert Casework(store, audit_key=WRONG).verify(case.id).problems == (
        Problem(
            "the audit key given for key id 'default'",
            "does not match the one record signed with it: it is not the key it was signed "
            "with (or the record was changed)",
        ),
    )


def test_a_wrong_older_key_is_named_while_the_newer_one_verifies(store: Store) -> None:
    """Rotated keys, the older one given wrong: one problem for the older
    key id; the events of the newer one verify."""
    _, case_id = _signed(store)
    rotated = Casework(store, clock=FrozenClock(START), audit_key={"default": RIGHT, "2027": NEWER})
    rotated.add_note(case_id, "After the rotation.", by=MANAGER)
    checked = Casework(store, audit_key={"default": WRONG, "2027": NEWER}).verify_all()
    assert checked.problems == (unmatched("default", 3),)


def test_records_some_of_which_verify_are_each_named_as_changed(tmp_path: Path) -> None:
    """With the right key, two of four events changed behind the store's
    back: each is named as changed, as tampering is."""
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    casework, case_id = _signed(store)
    casework.add_note(case_id, "Note one.", by=MANAGER)
    casework.add_note(case_id, "Note two.", by=MANAGER)
    _tamper(path, case_id, 3)
    _tamper(path, case_id, 4)
    assert [str(problem) for problem in casework.verify_all().problems] == [
        f"case {case_id}, event 3 (add_note) at position 3: was changed after it was recorded",
        f"case {case_id}, event 4 (add_note) at position 4: was changed after it was recorded",
        f"case {case_id}: the case as stored differs from what its history records, "
        "in its notes: the case or its history was changed",
    ]
    store.close()
