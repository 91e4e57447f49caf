"""Regression: a command and the point of contact decided on a case row
whose designation, restrictions or review date were edited in the
database, its state and version untouched (5.1, 6.4, 7.4), on SQLite,
PostgreSQL and in memory.

A command checked the stored case against its history's last event for
its state and version only. With Sam Taylor's designation edited to no
restrictions, a note was written (its event signing the edit into the
trail) and five calls in a day were taken, the fifth refused only by the
contact log's own count; only ``verify`` named the edit. Each event now
records the SHA-256 of the case it leaves (``AuditEvent.snapshot``), and
the case a command or the point of contact decides on must have it:
one that does not is ``StoreDamaged`` naming the case and its document,
never personal data, and nothing is written.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from contactpolicy import Casework, Channel, FrozenClock
from contactpolicy.audit.codec import case_digest, loads
from contactpolicy.domain.contact import Contact
from contactpolicy.domain.model import Case
from contactpolicy.errors import StoreDamaged
from contactpolicy.stores import MemoryStore, PostgresStore, SQLiteStore, Store

from support.builders import MANAGER, RESTRICTIONS, START, restricted_and_told
from support.insider import Database, scene
from support.tampering import CUSTOMER, KEY
from support.verify_reports import Backend, backend

__all__ = ["backend"]

REFUSED = (
    "case {case!r}: its stored record disagrees with the last event of its history (event 6, "
    "record_communicated): the record's document is not the one the event leaves: it was "
    "changed outside the system, or damaged, and nothing was written; verify the audit trail "
    "to see all that was found (7.4)"
)
DIFFERS = (
    "the case as stored differs from what its history records, in its designation: the case "
    "or its history was changed"
)

EDITS: dict[str, tuple[dict[str, object], dict[str, object], tuple[str, ...]]] = {
    "no restrictions": ({"restrictions": []}, {}, (DIFFERS,)),
    "the review date a century on": (
        {"review_due": "2199-01-05"},
        {"review_due": "2199-01-05"},
        (DIFFERS,),
    ),
    "one service only": ({"services": ["Housing"]}, {}, (DIFFERS,)),
}
"""What an insider changes in the designation of the case's document,
the columns they set to match, and what ``verify`` then reports."""


def _edit(
    db: Database, case_id: str, designation: dict[str, object], columns: dict[str, object]
) -> None:
    document = db.document("cases", "id = ?", case_id)
    document["designation"].update(designation)
    db.put_document("cases", document, "id = ?", case_id)
    for name, value in columns.items():
        db.sql(f"UPDATE cases SET {name} = ? WHERE id = ?", value, case_id)


def _stored(db: Database, case_id: str) -> Case:
    return loads(json.dumps(db.document("cases", "id = ?", case_id)), Case, case_id)


def _detail(db: Database, case_id: str, recorded: str | None) -> str:
    return (
        f"cases row: document's SHA-256 is {case_digest(_stored(db, case_id))}, the event "
        f"records {recorded}"
    )


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_a_command_on_an_edited_designation_is_refused(backend: Backend, edit: str) -> None:
    """A note on the edited case is refused, naming the case and its
    document; nothing is written, and ``verify`` names the edit."""
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    designation, columns, found = EDITS[edit]
    _edit(db, case_id, designation, columns)
    edited = db.case_row(case_id)
    recorded = setting.casework.history(case_id)[-1].snapshot
    with pytest.raises(StoreDamaged) as refused:
        setting.casework.add_note(case_id, "Called again.", MANAGER)
    assert (str(refused.value), refused.value.detail, refused.value.case_id) == (
        REFUSED.format(case=case_id),
        _detail(db, case_id, recorded),
        case_id,
    )
    assert "Sam Taylor" not in str(refused.value)
    assert db.sql("SELECT count(*) FROM events WHERE case_id = ?", case_id) == [(6,)]
    assert db.case_row(case_id) == edited
    verified = setting.casework.verify(case_id)
    assert tuple(problem.what for problem in verified.problems) == found


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
@pytest.mark.parametrize("record", [True, False], ids=["logged", "preview"])
def test_a_contact_on_an_edited_designation_is_refused(
    backend: Backend, edit: str, record: bool
) -> None:
    """A call from the customer, logged or a preview, is refused as damage
    naming the case; nothing is logged, and another customer's call is
    decided as ever."""
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    designation, columns, _ = EDITS[edit]
    _edit(db, case_id, designation, columns)
    recorded = setting.casework.history(case_id)[-1].snapshot
    call = Contact(Channel.TELEPHONE, setting.clock.now())
    with pytest.raises(StoreDamaged) as refused:
        setting.casework.decide_contact(CUSTOMER.id, call, record=record)
    assert (str(refused.value), refused.value.detail) == (
        REFUSED.format(case=case_id),
        _detail(db, case_id, recorded),
    )
    assert db.sql("SELECT count(*) FROM contact_log") == [(0,)]
    assert setting.casework.decide_contact("CRM-8", call).contact_id == 1


def test_an_untouched_case_is_decided_on(backend: Backend) -> None:
    """Unedited, the case takes a note and a call, and each event records
    the digest of the case it leaves, as stored."""
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    noted = setting.casework.add_note(case_id, "Called again.", MANAGER)
    call = Contact(Channel.TELEPHONE, setting.clock.now())
    assert setting.casework.decide_contact(CUSTOMER.id, call).contact_id == 1
    last = setting.casework.history(case_id)[-1]
    assert (last.kind, last.seq, last.snapshot) == ("add_note", 7, case_digest(noted))
    assert last.snapshot == case_digest(_stored(db, case_id))
    assert setting.casework.verify(case_id).ok


def test_an_edited_digest_is_refused_and_named_by_verify(
    backend: Backend, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The last event's digest edited, the row left: ``verify`` names the
    event (the digest is not part of its hash, so its chain says nothing),
    and a command through a store that holds no copy of the case, as the
    command line's, is refused alike."""
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    event = db.document("events", "position = 6")
    right, event["snapshot"] = event["snapshot"], "0" * 64
    db.put_document("events", event, "position = 6")
    (problem,) = setting.casework.verify(case_id).problems
    assert (str(problem), problem.detail) == (
        f"case {case_id}, event 6 (record_communicated) at position 6: records a digest of the "
        "case it leaves that is not that of the case its history replays to: it, or an event "
        "before it, was changed after it was recorded",
        f"snapshot is {'0' * 64}, {right} expected",
    )
    reopened: Store = (
        PostgresStore(request.getfixturevalue("postgres_dsn"))
        if db.postgres
        else SQLiteStore(tmp_path / "cases.db")
    )
    try:
        casework = Casework(reopened, clock=setting.clock, audit_key=KEY)
        with pytest.raises(StoreDamaged) as refused:
            casework.add_note(case_id, "Called again.", MANAGER)
    finally:
        reopened.close()
    assert refused.value.detail == (
        f"cases row: document's SHA-256 is {right}, the event records {'0' * 64}"
    )
    assert db.sql("SELECT count(*) FROM events WHERE case_id = ?", case_id) == [(6,)]


def test_memory_store_refuses_an_edited_designation() -> None:
    """A ``MemoryStore``'s copy of a designated case replaced by one with
    no restrictions, its state and version as they were: a command and a
    call are refused alike, nothing written."""
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START), audit_key=KEY)
    case_id = restricted_and_told(casework, RESTRICTIONS)
    case, events = store.trail(case_id)
    assert case.designation is not None
    edited = attrs.evolve(case, designation=attrs.evolve(case.designation, restrictions=()))
    store._cases[case_id] = edited
    detail = (
        f"cases row: document's SHA-256 is {case_digest(edited)}, the event records "
        f"{events[-1].snapshot}"
    )
    with pytest.raises(StoreDamaged) as refused:
        casework.add_note(case_id, "Called again.", MANAGER)
    assert (str(refused.value), refused.value.detail) == (
        REFUSED.format(case=case_id).replace("event 6,", f"event {len(events)},"),
        detail,
    )
    with pytest.raises(StoreDamaged) as at_contact:
        casework.decide_contact(CUSTOMER.id, Contact(Channel.TELEPHONE, START))
    assert at_contact.value.detail == detail
    assert store.trail(case_id)[1] == events
    assert store.contacts(CUSTOMER.id) == []
