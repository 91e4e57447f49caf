"""Regression: an event whose row cannot be read keeps its place in its
case's history and in the history of all cases (7.4), on SQLite and
PostgreSQL.

One damaged event row (event 2) was reported as a deletion and a move:
the event after it was called event 2, said to record itself as event 3
and not to follow event 1, the history of all cases said the event at
position 2 was deleted, the case was said to differ from its history in
three fields, and the damaged event was left out of the count. The
unreadable event now keeps its number and position: the event after it is
named by its own number and said, once, to follow an event that cannot be
read; the case is said not to be replayable past it; it is counted; and
reading the case's history says in words which event cannot be read,
with the decoder's error only in the detail. A store whose cases and
events were all deleted names each case something is left of (a note)
once, in words that do not contradict themselves.
"""

from __future__ import annotations

import pytest

from contactpolicy.errors import StoreDamaged

from support.insider import scene
from support.tampering import KEY
from support.verify_reports import KEYED, NOT_INTACT, Backend, backend, report

__all__ = ["backend"]

DAMAGED = "cannot be read: it was changed outside the system, or damaged"


def _garbage(backend: Backend) -> str:
    """A document no event is: not JSON on SQLite, a JSON object of nothing
    an event holds on PostgreSQL (whose column holds JSON only)."""
    return """'{"x": 1}'""" if backend[1].postgres else "'garbage'"


def _decoder_error(backend: Backend) -> str:
    """The detail of the document :func:`_garbage` writes."""
    if backend[1].postgres:
        missing = ("case_id", "seq", "kind", "at", "actor", "data", "prev_hash", "hash")
        return "stored AuditEvent cannot be read: " + "; ".join(
            [
                *(f"required field missing @ $.{name}" for name in missing),
                "extra fields found (x) @ $",
            ]
        )
    return (
        "stored AuditEvent cannot be read: JSONDecodeError('Expecting value: line 1 column 1 "
        "(char 0)')"
    )


def _unlinked(backend: Backend) -> list[str]:
    """What lets a case row go while its events and notes stay: on
    PostgreSQL, whose foreign keys refuse it, dropping them first (someone
    with the rights to edit rows behind the store's back may have those
    too); nothing on SQLite, which does not enforce them."""
    if not backend[1].postgres:
        return []
    return [
        f"ALTER TABLE {table} DROP CONSTRAINT {table}_case_id_fkey" for table in ("events", "notes")
    ]


def test_an_unreadable_event_keeps_its_number_and_the_next_is_not_called_moved(
    backend: Backend,
) -> None:
    """Event 2 of Sam Taylor's case damaged: it is named as event 2 at
    position 2 and counted; event 3 is named as event 3, said once to follow
    an event that cannot be read; nothing is called deleted, moved or
    changed in its fields."""
    lines, details = report(
        backend, f"UPDATE events SET document = {_garbage(backend)} WHERE position = 2"
    )
    assert lines == [
        NOT_INTACT.format(cases="2 cases", events="7 events"),
        f"  - case {{case}}, event 2 at position 2: {DAMAGED}",
        "  - case {case}, event 3 (add_note) at position 3: follows event 2, which cannot be "
        "read, so its link could not be checked",
        "  - case {case}: its history cannot be replayed past event 2, which cannot be read, so "
        "the case as stored could not be checked against it",
        KEYED,
    ]
    assert details == [_decoder_error(backend), None, None]


def test_the_event_after_an_unreadable_one_in_another_case_is_said_unchecked_there(
    backend: Backend,
) -> None:
    """Sam Taylor's last event (6, at position 6) damaged: the next event
    in the history of all cases, the other customer's report, is said once
    to follow it unchecked there."""
    lines, _ = report(
        backend, f"UPDATE events SET document = {_garbage(backend)} WHERE position = 6"
    )
    assert lines == [
        NOT_INTACT.format(cases="2 cases", events="7 events"),
        f"  - case {{case}}, event 6 at position 6: {DAMAGED}",
        "  - case {case}: its history cannot be replayed past event 6, which cannot be read, so "
        "the case as stored could not be checked against it",
        "  - case {other}, event 1 (report) at position 7: follows case {case}, event 6 in the "
        "history of all cases, which cannot be read, so its link there could not be checked",
        KEYED,
    ]


def test_a_sealed_event_that_cannot_be_read_is_not_called_rewritten(backend: Backend) -> None:
    """The sealed event (position 7) damaged: the seal is said not to be
    checkable against it, not that the history was rewritten."""
    lines, _ = report(
        backend, f"UPDATE events SET document = {_garbage(backend)} WHERE position = 7"
    )
    assert lines == [
        NOT_INTACT.format(cases="2 cases", events="7 events"),
        f"  - case {{other}}, event 1 at position 7: {DAMAGED}",
        "  - case {other}: its history cannot be replayed past event 1, which cannot be read, so "
        "the case as stored could not be checked against it",
        "  - the seal of 2100-01-09T09:00:00+00:00 at position 7: the event there, case {other}, "
        "event 1, cannot be read, so it could not be checked against the seal",
        KEYED,
    ]


def test_reading_a_history_with_an_unreadable_event_says_which_in_words(
    backend: Backend,
) -> None:
    """The case's history, read with event 2 damaged, is refused naming
    event 2 and saying to verify; the decoder's error is the detail only."""
    store, db = backend
    setting = scene(store, db, KEY)
    db.sql(f"UPDATE events SET document = {_garbage(backend)} WHERE position = 2")
    with pytest.raises(StoreDamaged) as refused:
        setting.casework.history(setting.case.id)
    assert str(refused.value) == (
        f"case {setting.case.id!r}: event 2 of its history {DAMAGED}; verify the audit trail "
        "to see all that was found"
    )
    assert refused.value.detail == _decoder_error(backend)


def test_a_store_emptied_of_cases_and_events_names_each_case_left_once(
    backend: Backend,
) -> None:
    """Every event and case row deleted: Sam Taylor's case, known by its
    note, is named once, with what is left of it; the other customer's,
    of which nothing is left, is in the feed's deleted positions."""
    lines, details = report(backend, *_unlinked(backend), "DELETE FROM events", "DELETE FROM cases")
    assert lines == [
        NOT_INTACT.format(cases="0 cases", events="0 events"),
        "  - case {case}: the case and its history were deleted; 1 note of it is left",
        "  - the history of all cases at position 1: the 7 events recorded at positions 1 to 7 "
        "were deleted",
        "  - the seal of 2100-01-09T09:00:00+00:00 at position 7: seals position 7, beyond the "
        "last event (0): sealed events were deleted",
        KEYED,
    ]
    assert details == [None, None, None]


def test_a_case_deleted_with_its_history_left_says_so(backend: Backend) -> None:
    """Sam Taylor's case row deleted alone: its history and note are said to
    be left, in one line."""
    lines, _ = report(backend, *_unlinked(backend), "DELETE FROM cases WHERE id = '{case}'")
    assert lines[:2] == [
        NOT_INTACT.format(cases="1 case", events="7 events"),
        "  - case {case}: the case itself was deleted; its history and 1 note of it are left",
    ]
