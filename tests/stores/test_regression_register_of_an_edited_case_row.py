"""Regression: the register (7.4) read a case row edited in the database
as it stood, on SQLite and PostgreSQL.

The readers of a customer's cases, commands and the point of contact
refuse a case whose row disagrees with the last event of its history, but
the register read every case by state from the rows alone: with Sam
Taylor's designated case edited to ``closed`` (its ``state`` column and
its document, with an ending), the register listed the open case as
closed, and its reading was logged. It now reads each page of cases with
each case's last event (``CaseStore.cases_with_last``) and refuses as
damage naming the case and what differs, never personal data, with
nothing written: not the access log either.
"""

from __future__ import annotations

from typing import Any

import pytest

from contactpolicy import Casework
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import StoreDamaged
from contactpolicy.testing.examples import RECORDS

from support.insider import Database, Scene, scene
from support.tampering import CUSTOMER, KEY
from support.verify_reports import Backend, backend

__all__ = ["backend"]

REFUSED = (
    "case {case!r}: its stored record disagrees with the last event of its history (event 7, "
    "record_informed): the record's state is closed, the event records designated: it was "
    "changed outside the system, or damaged, and nothing was written; verify the audit "
    "trail to see all that was found (7.4)"
)
ENDING = {"at": "2020-01-01T00:00:00+00:00", "by": "manager", "reason": "Closed."}


def _told(backend: Backend) -> Scene:
    """Sam Taylor's designated case, its managers told (event 7)."""
    store, db = backend
    setting = scene(store, db, KEY)
    setting.casework.record_informed(setting.case.id, RECORDS, ["Housing manager"])
    return setting


def _edit(db: Database, case_id: str, *, moved: bool) -> None:
    """The case edited in its document and its row's column: moved to
    ``closed`` with an ending, or left ``designated`` at version 9."""
    document = db.document("cases", "id = ?", case_id)
    if moved:
        document.update(state="closed", ended=ENDING)
    else:
        document.update(version=9)
    db.put_document("cases", document, "id = ?", case_id)
    if moved:
        db.sql("UPDATE cases SET state = ? WHERE id = ?", "closed", case_id)
    else:
        db.sql("UPDATE cases SET version = ? WHERE id = ?", 9, case_id)


def _written(db: Database) -> list[Any]:
    """Every count a refused register must leave as it was."""
    return [*db.sql("SELECT count(*) FROM events"), *db.sql("SELECT count(*) FROM read_log")]


READS: dict[str, tuple[bool, dict[str, Any]]] = {
    "closed: every case": (True, {}),
    "closed: closed cases": (True, {"state": "closed"}),
    "closed: designated cases": (True, {"state": "designated"}),
    "closed: reviews due": (True, {"review": "due"}),
    "closed: reviews overdue": (True, {"review": "overdue"}),
    "version: every case": (False, {}),
    "version: designated cases": (False, {"state": "designated"}),
    "version: reviews due": (False, {"review": "due"}),
    "version: reviews overdue": (False, {"review": "overdue"}),
}


@pytest.mark.parametrize("read", list(READS))
def test_the_register_refuses_an_edited_row(backend: Backend, read: str) -> None:
    """Sam Taylor's case edited to ``closed`` or to version 9, read as
    every case, the closed ones, the designated ones, or reviews due or
    overdue (six months on): a register read by state reads every row,
    so the row edited out of the state asked for is not left out in
    silence; the
    register is refused as damage naming the case and what differs, never
    the customer's name, and nothing is written, not even its reading.
    Before, it was listed as the row said."""
    _, db = backend
    setting = _told(backend)
    case_id = setting.case.id
    moved, arguments = READS[read]
    _edit(db, case_id, moved=moved)
    setting.clock.advance(months=6)
    before = _written(db)
    with pytest.raises(StoreDamaged) as refused:
        setting.casework.register(by=RECORDS, **arguments)
    differs = (
        "state is closed, the event records designated"
        if moved
        else "version is 9, the event's number 7"
    )
    assert (str(refused.value), refused.value.detail, refused.value.case_id) == (
        REFUSED.replace("state is closed, the event records designated", differs).format(
            case=case_id
        ),
        f"cases row: {differs}",
        case_id,
    )
    assert "Sam Taylor" not in str(refused.value)
    assert _written(db) == before


def test_unedited_rows_are_listed_as_ever(backend: Backend) -> None:
    """Without the edit, Sam Taylor's case is in the register as
    designated, its review due on 1 April 2026 listed when due, and the
    reading of it logged."""
    _, db = backend
    setting = _told(backend)
    casework: Casework = setting.casework
    rows = casework.register(by=RECORDS)
    assert [(row.case_id, row.state, row.customer.id) for row in rows] == [
        (setting.case.id, CaseState.DESIGNATED, CUSTOMER.id)
    ]
    assert db.sql("SELECT count(*) FROM read_log") == [(1,)]
    setting.clock.advance(months=6)
    assert [row.case_id for row in casework.register(review="due")] == [setting.case.id]
