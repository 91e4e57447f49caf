"""Regression: ``verify_all`` with the wrong audit key named every event of
an untouched store as changed after it was recorded, then said every
record was checked with the audit key (7.4). Now a key that verifies none
of the records signed under its key id is one problem saying so, for the
store and for one case; records some of which verify under the key are
still each named as changed (that is tampering)."""

from __future__ import annotations

from pathlib import Path

from contactpolicy import Casework
from contactpolicy.audit.events import Problem
from contactpolicy.stores import MemoryStore, SQLiteStore
from contactpolicy.stores.protocols import Store

from support.builders import CUSTOMER, MANAGER, incident
from support.wrong_keys import NEWER, RIGHT, WRONG, rotated, signed, store, tamper

__all__ = ["store"]


def unmatched(key_id: str, count: int) -> Problem:
    """What verification says once of a key that verifies none of its ``count`` records."""
    return Problem(
        f"the audit key given for key id '{key_id}'",
        f"matches none of the {count} records signed with it: it is not the key they were "
        "signed with (or every one of them was changed)",
    )


def test_verify_all_with_a_wrong_key_says_so_once(store: Store) -> None:
    """An untouched store checked with a wrong key: one problem saying the
    key matches none of the three records signed with it (two events and
    a contact entry), not three records changed; not ok."""
    signed(store)
    checked = Casework(store, audit_key=WRONG).verify_all()
    assert (checked.ok, checked.events, checked.contacts) == (False, 2, 1)
    assert checked.problems == (unmatched("default", 3),)


def test_verify_of_a_case_with_a_wrong_key_says_so_once(store: Store) -> None:
    """One case checked with a wrong key: the same one problem, counting
    that case's events."""
    _, case_id = signed(store)
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
    rotated(store)
    checked = Casework(store, audit_key={"default": WRONG, "2027": NEWER}).verify_all()
    assert checked.problems == (unmatched("default", 3),)


def test_records_some_of_which_verify_are_each_named_as_changed(tmp_path: Path) -> None:
    """With the right key, two of four events changed behind the store's
    back: each is named as changed, as tampering is."""
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    casework, case_id = signed(store)
    casework.add_note(case_id, "Note one.", by=MANAGER)
    casework.add_note(case_id, "Note two.", by=MANAGER)
    tamper(path, case_id, 3)
    tamper(path, case_id, 4)
    assert [str(problem) for problem in casework.verify_all().problems] == [
        f"case {case_id}, event 3 (add_note) at position 3: was changed after it was recorded",
        f"case {case_id}, event 4 (add_note) at position 4: was changed after it was recorded",
        f"case {case_id}: the case as stored differs from what its history records, "
        "in its notes: the case or its history was changed",
    ]
    store.close()
