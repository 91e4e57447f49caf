"""Regression: a command was decided on a case row edited in the database,
and signed the edit into the audit trail (7.4), on SQLite and PostgreSQL.

With Sam Taylor's designated case edited to ``lifted`` (its ``state``
column and its document), a note was written, its event recording
``lifted``; the history then replayed to the edited case, and ``verify``
and ``verify --all`` found the trail intact. A command now checks the case
it loaded against what the history's last event records of it
(:func:`contactpolicy.audit.replay.check_continues`): the state that event
left the case in and the version that counts it. One that disagrees is
refused as damage, naming the case and what differs, and nothing is
written; ``verify`` names the edit.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from contactpolicy import CaseState, Casework, Channel, FrozenClock
from contactpolicy.errors import StoreDamaged
from contactpolicy.stores import MemoryStore, PostgresStore, SQLiteStore, Store
from contactpolicy.testing.examples import START

from support.builders import MANAGER
from support.insider import Database, scene
from support.tampering import CUSTOMER, INCIDENT, KEY
from support.verify_reports import Backend, backend

__all__ = ["backend"]

REFUSED = (
    "case {case!r}: its stored record disagrees with the last event of its history (event 6, "
    "record_communicated): the record's {what}: it was changed outside the system, or "
    "damaged, and nothing was written; verify the audit trail to see all that was found (7.4)"
)


def _reopened(db: Database, tmp_path: Path, request: pytest.FixtureRequest) -> Store:
    """The same database through a store that holds no copy of its cases,
    as another process, the command line's, opens it."""
    if db.postgres:
        return PostgresStore(request.getfixturevalue("postgres_dsn"))
    return SQLiteStore(tmp_path / "cases.db")


def _edit(db: Database, case_id: str, **changes: object) -> None:
    """Set the case's columns and its document's fields alike, as an
    insider who knows the schema would."""
    document = db.document("cases", "id = ?", case_id)
    document.update(changes)
    db.put_document("cases", document, "id = ?", case_id)
    sets = ", ".join(f"{name} = ?" for name in changes)
    db.sql(f"UPDATE cases SET {sets} WHERE id = ?", *changes.values(), case_id)


@pytest.mark.parametrize(
    ("changes", "command", "what"),
    [
        (
            {"state": "lifted"},
            lambda casework, case_id: casework.add_note(case_id, "Called again.", MANAGER),
            "state is lifted, the event records designated",
        ),
        (
            {"state": "reported"},
            lambda casework, case_id: casework.warn(case_id, MANAGER, Channel.LETTER),
            "state is reported, the event records designated",
        ),
        (
            {"version": 9},
            lambda casework, case_id: casework.add_note(case_id, "Called again.", MANAGER),
            "version is 9, the event's number 6",
        ),
    ],
    ids=["lifted, then a note", "reported, then a warning", "its version"],
)
def test_a_command_on_an_edited_row_is_refused(
    backend: Backend,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    changes: dict[str, object],
    command: object,
    what: str,
) -> None:
    """The designated case edited: the command is refused as damage,
    naming the case and what differs (no personal data), the case's
    events and row stay as they were, and ``verify`` names the edit."""
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    _edit(db, case_id, **changes)
    edited = db.case_row(case_id)
    reopened = _reopened(db, tmp_path, request)
    try:
        casework = Casework(reopened, clock=setting.clock, audit_key=KEY)
        with pytest.raises(StoreDamaged) as refused:
            command(casework, case_id)  # type: ignore[operator]
        verified = casework.verify(case_id)
    finally:
        reopened.close()
    assert (str(refused.value), refused.value.detail, refused.value.case_id) == (
        REFUSED.format(case=case_id, what=what),
        f"cases row: {what}",
        case_id,
    )
    assert "Sam Taylor" not in str(refused.value)
    assert db.sql("SELECT count(*) FROM events WHERE case_id = ?", case_id) == [(6,)]
    assert db.case_row(case_id) == edited
    assert [problem.what for problem in verified.problems][-1] == (
        f"the case as stored differs from what its history records, in its "
        f"{next(iter(changes))}: the case or its history was changed"
    )


def test_the_store_that_wrote_the_case_refuses_it_too(backend: Backend) -> None:
    """A store that decoded or holds the case it saved refuses the edit
    alike: SQLite decodes the edited document afresh, PostgreSQL's copy
    is stale and the case is read again."""
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    _edit(db, case_id, state="lifted")
    with pytest.raises(StoreDamaged) as refused:
        setting.casework.add_note(case_id, "Called again.", MANAGER)
    assert str(refused.value) == REFUSED.format(
        case=case_id, what="state is lifted, the event records designated"
    )
    assert db.sql("SELECT count(*) FROM events WHERE case_id = ?", case_id) == [(6,)]


def test_memory_store_refuses_a_changed_copy() -> None:
    """A ``MemoryStore`` has no row to edit from outside the process; its
    copy of the case replaced behind the store's back stands for one, and
    is refused by the same check, writing nothing."""
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax", [INCIDENT], by=MANAGER)
    store._cases[case.id] = attrs.evolve(case, state=CaseState.CLOSED)
    with pytest.raises(StoreDamaged) as refused:
        casework.add_note(case.id, "Called again.", MANAGER)
    assert str(refused.value) == (
        f"case {case.id!r}: its stored record disagrees with the last event of its history "
        "(event 1, report): the record's state is closed, the event records reported: it was "
        "changed outside the system, or damaged, and nothing was written; verify the audit "
        "trail to see all that was found (7.4)"
    )
    assert len(store.trail(case.id)[1]) == 1
