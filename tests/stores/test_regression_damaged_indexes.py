"""Regression: damage to an index of a SQLite store, its table's rows
untouched, hid a designated customer's case from the point of contact and
let a repeated command be applied twice, while ``verify_all`` said the
trail was intact (5.1, 7.4).

A failing disk, a bad copy or restore, or someone with a hex editor
changed the customer reference held in the pages of the indexes
``cases_by_customer`` and ``cases_by_customer_state``, or a command id in
``events_by_command``. Every row read by ``verify_all`` still verified, but
``cases(customer_id=)`` found no case for the customer, so ``check`` said
no case was recorded and let the call through to whoever received it;
and a command repeated under its saved id was recorded again. Now
``verify_all`` runs SQLite's own check of the file (``PRAGMA
integrity_check``) in its read, and names each index that does not hold
what its table holds, and the file when anything else is wrong with it.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from contactpolicy import Casework, FrozenClock
from contactpolicy.errors import InvalidInput
from contactpolicy.stores import SQLiteStore

from support.builders import RECORDS, RESTRICTIONS, START, restricted_and_told
from support.damaged_index import damage_index

REINDEX = (
    "does not hold what its table holds: it was damaged, so what is looked up through it "
    "(a customer's cases at the point of contact, a listing, a repeated command's id) can be "
    "missed: keep a copy of the file, rebuild the index (SQLite's REINDEX) and verify again, "
    "or restore a backup"
)


def _designated(path: Path) -> str:
    """A case of CRM-7's designated and told (email only, single point of
    contact) in a new store at ``path``, closed after; its id."""
    with closing(SQLiteStore(path)) as store:
        return restricted_and_told(Casework(store, clock=FrozenClock(START)), RESTRICTIONS)


def test_a_customer_index_damaged_in_the_file_is_named_by_verify_all(tmp_path: Path) -> None:
    """CRM-7 overwritten by CRM-8 in the pages of the two indexes by
    customer: the case is no longer found by its customer, every row still
    verifies, and ``verify_all`` names both indexes, SQLite's own words in
    each problem's detail, and still checks the case and its events."""
    path = tmp_path / "contactpolicy.db"
    case_id = _designated(path)
    indexes = ("cases_by_customer", "cases_by_customer_state")
    assert damage_index(path, indexes, b"CRM-7", b"CRM-8") == 2
    with closing(SQLiteStore(path)) as store:
        assert store.cases(customer_id="CRM-7") == []
        assert store.load(case_id).customer.id == "CRM-7"
        checked = Casework(store, clock=FrozenClock(START)).verify_all()
    assert [(str(problem), problem.position, problem.detail) for problem in checked.problems] == [
        (
            f"the database's index cases_by_customer_state: {REINDEX}",
            None,
            "row 1 missing from index cases_by_customer_state",
        ),
        (
            f"the database's index cases_by_customer: {REINDEX}",
            None,
            "row 1 missing from index cases_by_customer",
        ),
    ]
    assert (checked.ok, checked.cases, checked.events) == (False, 1, 5)


def test_a_command_id_index_damaged_in_the_file_is_named_by_verify_all(tmp_path: Path) -> None:
    """A note's command id overwritten in the pages of the events' index of
    command ids: a repeat under that id no longer finds its own event, and
    the store's table of the ids kept still holds it, so the repeat is
    refused rather than recorded again; ``verify_all`` names the index."""
    path = tmp_path / "contactpolicy.db"
    case_id = _designated(path)
    with closing(SQLiteStore(path)) as store:
        casework = Casework(store, clock=FrozenClock(START))
        casework.add_note(case_id, "Once only.", RECORDS, command_id="crm-act-777")
    assert damage_index(path, ("events_by_command",), b"crm-act-777", b"crm-act-778") == 1
    with closing(SQLiteStore(path)) as store:
        casework = Casework(store, clock=FrozenClock(START))
        with pytest.raises(InvalidInput, match=r"^\[7\.4\] command_id: was already used"):
            casework.add_note(case_id, "Once only.", RECORDS, command_id="crm-act-777")
        notes = [note.text for note in casework.get(case_id).notes]
        assert notes.count("Once only.") == 1
        checked = casework.verify_all()
    assert [(str(problem), problem.detail) for problem in checked.problems] == [
        (
            f"the database's index events_by_command: {REINDEX}",
            "row 6 missing from index events_by_command",
        ),
    ]


def test_a_damaged_page_that_stops_the_check_names_the_file(tmp_path: Path) -> None:
    """The page of ``schema_migrations``, which no read of the store
    needs, overwritten with 0xFF: SQLite's check cannot finish, which
    names the file as damaged, and every case and event is still checked."""
    path = tmp_path / "contactpolicy.db"
    _designated(path)
    with closing(SQLiteStore(path)) as store:
        db = store._connection()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        ((page,),) = db.execute("SELECT pageno FROM dbstat WHERE name = 'schema_migrations'")
        size = db.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(page - 1) * size : page * size] = b"\xff" * size
    path.write_bytes(bytes(data))
    with closing(SQLiteStore(path)) as store:
        checked = Casework(store, clock=FrozenClock(START)).verify_all()
    assert [(str(problem), problem.detail) for problem in checked.problems] == [
        (
            "the database file: is damaged: SQLite's own check of it could not finish, so "
            "records in it may be unreadable or left out of what is read: restore it from a "
            "backup, then verify again",
            "database disk image is malformed",
        ),
    ]
    assert (checked.cases, checked.events) == (1, 5)


def test_damage_outside_the_indexes_names_the_file(tmp_path: Path) -> None:
    """The count of fragmented bytes in the header of a page of events
    changed: SQLite's check names that page, and the file is named as
    damaged, to be restored from a backup, while its events still verify."""
    path = tmp_path / "contactpolicy.db"
    _designated(path)
    with closing(SQLiteStore(path)) as store:
        db = store._connection()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (page, *_) = db.execute(
            "SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno"
        )
        size = db.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(page[0] - 1) * size + 7] = 5
    path.write_bytes(bytes(data))
    with closing(SQLiteStore(path)) as store:
        checked = Casework(store, clock=FrozenClock(START)).verify_all()
    assert [(str(problem), problem.detail) for problem in checked.problems] == [
        (
            "the database file: is damaged: SQLite's own check of it found 1 problem outside "
            "its indexes, so records in it may be unreadable or left out of what is read: "
            "restore it from a backup, then verify again",
            f"Fragmentation of 0 bytes reported as 5 on page {page[0]}",
        ),
    ]
    assert (checked.cases, checked.events) == (1, 5)


def test_an_intact_store_verifies_intact(tmp_path: Path) -> None:
    """With nothing damaged SQLite's check finds nothing, and the store
    verifies intact."""
    path = tmp_path / "contactpolicy.db"
    _designated(path)
    with closing(SQLiteStore(path)) as store:
        checked = Casework(store, clock=FrozenClock(START)).verify_all()
    assert (checked.ok, checked.problems, checked.cases, checked.events) == (True, (), 1, 5)
