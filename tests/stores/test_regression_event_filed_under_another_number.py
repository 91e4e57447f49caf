"""Regression: an event whose number column was changed to another whole
number is one problem, named by its own number (7.4), on SQLite and
PostgreSQL.

With event 3's ``seq`` set to 10, ``verify`` named it event 6 "filed under
another case or number", events 4 to 6 as renumbered, and event 3 as
"dated before" event 6, as if its time had been changed; the case's
history listed events 1, 2, 4, 5, 6, 3. The number an event records for
itself is signed with it, and its row's number column is not: the event is
now read in its own place, and the changed column is said once, with the
column's value and the event's own number in the detail. Reading the
case's history refuses, as for an event that cannot be read.
"""

from __future__ import annotations

import re
import sqlite3

import psycopg
import pytest

from contactpolicy.errors import StoreDamaged

from support.insider import scene
from support.tampering import KEY
from support.verify_reports import KEYED, NOT_INTACT, Backend, backend, report

__all__ = ["backend"]

REFILED = "is filed as event {seq}: its filed position was changed outside the system"


def _filed(number: int, kind: str, seq: int) -> str:
    """The line ``verify --all`` writes of Sam Taylor's event ``number`` (at
    the position of the same number), filed as event ``seq``."""
    return f"  - case {{case}}, event {number} ({kind}) at position {number}: " + REFILED.format(
        seq=seq
    )


@pytest.mark.parametrize(
    ("seq", "detail"),
    [(10, "events.seq is 10; the event records 3"), (-1, "events.seq is -1; the event records 3")],
    ids=["a number not used", "negative"],
)
def test_an_event_filed_under_another_number_is_one_problem(
    backend: Backend, seq: int, detail: str
) -> None:
    """Event 3 (the note) filed as event 10, or -1: one problem naming it
    as event 3 at position 3; nothing renumbered, retimed or unreplayable."""
    lines, details = report(
        backend, f"UPDATE events SET seq = {seq} WHERE case_id = '{{case}}' AND seq = 3"
    )
    assert lines == [
        NOT_INTACT.format(cases="2 cases", events="7 events"),
        _filed(3, "add_note", seq),
        KEYED,
    ]
    assert details == [detail]


def test_two_swapped_event_numbers_are_two_problems(backend: Backend) -> None:
    """Events 3 and 4 (the note and the warning) swapped: each is named
    once by its own number, nothing else."""
    lines, details = report(
        backend,
        "UPDATE events SET seq = -seq WHERE case_id = '{case}' AND seq IN (3, 4)",
        "UPDATE events SET seq = 7 + seq WHERE case_id = '{case}' AND seq < 0",
    )
    assert lines == [
        NOT_INTACT.format(cases="2 cases", events="7 events"),
        _filed(3, "add_note", 4),
        _filed(4, "warn", 3),
        KEYED,
    ]
    assert details == [
        "events.seq is 4; the event records 3",
        "events.seq is 3; the event records 4",
    ]


def test_the_last_event_filed_first_is_one_problem(backend: Backend) -> None:
    """The last of Sam Taylor's events (6) filed as event 0, ahead of all
    the others: still one problem, and no event said to be dated before
    another."""
    lines, _ = report(backend, "UPDATE events SET seq = 0 WHERE case_id = '{case}' AND seq = 6")
    assert lines == [
        NOT_INTACT.format(cases="2 cases", events="7 events"),
        _filed(6, "record_communicated", 0),
        KEYED,
    ]


def test_a_number_another_event_of_the_case_holds_is_refused_by_the_database(
    backend: Backend,
) -> None:
    """Two events of a case cannot be filed under one number: both stores
    refuse the change (``UNIQUE (case_id, seq)``), and the trail stays
    intact."""
    store, db = backend
    setting = scene(store, db, KEY)
    refused = psycopg.errors.UniqueViolation if db.postgres else sqlite3.IntegrityError
    with pytest.raises(refused, match=re.compile("unique", re.IGNORECASE)):
        db.sql("UPDATE events SET seq = 2 WHERE case_id = ? AND seq = 3", setting.case.id)
    assert setting.casework.verify(setting.case.id).problems == ()


def test_the_history_of_such_a_case_is_refused_in_words(backend: Backend) -> None:
    """Reading the history refuses as damage, naming the event by its own
    number and the number it is filed as; nothing personal is said."""
    store, db = backend
    setting = scene(store, db, KEY)
    db.sql("UPDATE events SET seq = 10 WHERE case_id = ? AND seq = 3", setting.case.id)
    with pytest.raises(StoreDamaged) as refused:
        store.trail(setting.case.id)
    assert str(refused.value) == (
        f"case {setting.case.id!r}: event 3 of its history is filed as event 10: it was "
        "changed outside the system, or damaged; verify the audit trail to see all that was "
        "found"
    )
    assert refused.value.detail == "events.seq is 10; the event records 3"
    verified = setting.casework.verify(setting.case.id)
    assert [str(problem) for problem in verified.problems] == [
        f"case {setting.case.id}, event 3 (add_note) at position 3: " + REFILED.format(seq=10)
    ]


def test_an_event_whose_own_number_was_edited_stays_where_it_is_filed(backend: Backend) -> None:
    """Event 3's own number edited to 30 in its document, its column left:
    it does not follow an event 29, so it is not moved, nor said to be
    filed elsewhere; it is named in its place as changed."""
    _, db = backend
    edit = (
        "jsonb_set(document, '{seq}', '30')" if db.postgres else "json_set(document, '$.seq', 30)"
    )
    lines, _ = report(
        backend, f"UPDATE events SET document = {edit} WHERE case_id = '{{case}}' AND seq = 3"
    )
    event = "  - case {case}, event 3 (add_note) at position 3"
    assert lines == [
        NOT_INTACT.format(cases="2 cases", events="7 events"),
        f"{event}: is filed under another case or number than it records: it was inserted, "
        "copied or moved",
        f"{event}: records itself as event 30: an event was deleted, inserted or moved",
        f"{event}: was changed after it was recorded",
        KEYED,
    ]
