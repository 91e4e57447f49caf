"""Regression: what ``verify`` reports of a keyed database edited with plain
SQL is worded for the records officer (7.4), on SQLite and PostgreSQL.

A records officer checking the record before answering an Ombudsman
enquiry was told of "columns" and "documents", of a column named
``uninformed_since``, of a JSON decoder's error; an unreadable case was
left out of the count of cases checked; a keyed store whose only change
was a deletion was said to be unkeyed, sending them to the key instead of
the deletion; and one inserted event was called event 99, 11 and 4 in the
same report. Each problem now says which record of which case, and what
was found (changed, deleted, inserted, reordered, unreadable), naming each
event by its number in its case's history and its kind, with its position
in the history of all cases after it; the technical detail is kept apart
in ``Problem.detail``.
"""

from __future__ import annotations

from support.verify_reports import KEYED, NOT_INTACT, Backend, backend
from support.verify_reports import report as _report

__all__ = ["backend"]


def test_an_edited_column_is_named_in_words_with_the_column_in_the_detail(
    backend: Backend,
) -> None:
    """The date managers have not been informed since, cleared behind the
    store's back: the case is named with what it is listed under, in
    words; the column's name is in the detail only."""
    lines, details = _report(backend, "UPDATE cases SET uninformed_since = NULL")
    assert lines == [
        NOT_INTACT.format(cases="2 cases", events="7 events"),
        "  - case {case}: what it is listed and searched under was changed: the date managers "
        "have not been informed since listed for it no longer matches the case",
        KEYED,
    ]
    assert details == ["columns differ from the document: uninformed_since"]


def test_a_case_that_cannot_be_read_is_counted_and_named_without_the_error(
    backend: Backend,
) -> None:
    """Cut short (SQLite) or stripped of its customer (PostgreSQL, whose
    column holds JSON only), each case cannot be read: both are counted as
    checked, and the error is in the detail only."""
    _, db = backend
    cut = (
        "UPDATE cases SET document = document - 'customer'"
        if db.postgres
        else "UPDATE cases SET document = substr(document, 1, 50)"
    )
    lines, details = _report(backend, cut)
    assert [lines[0], sorted(lines[1:3]), lines[3]] == [
        NOT_INTACT.format(cases="2 cases", events="7 events"),
        [
            "  - case {case}: the case cannot be read: it was changed outside the system, or "
            "damaged",
            "  - case {other}: the case cannot be read: it was changed outside the system, or "
            "damaged",
        ],
        KEYED,
    ]
    assert all(detail is not None and "stored Case cannot be read" in detail for detail in details)
    assert len(details) == 2


def test_a_case_whose_events_were_all_deleted_is_a_deletion_in_a_keyed_store(
    backend: Backend,
) -> None:
    """Every event of Sam Taylor's case deleted: the case is named as having
    lost its history, the positions they held as deleted, and the store,
    every record left signed with the key, is still said to be keyed."""
    lines, details = _report(backend, "DELETE FROM events WHERE case_id = '{case}'")
    assert lines == [
        NOT_INTACT.format(cases="2 cases", events="1 event"),
        "  - case {case}: its history was deleted: the case has no events left",
        "  - the history of all cases at position 1: the 6 events recorded at positions 1 to 6 "
        "were deleted",
        KEYED,
    ]
    assert details == [None, None]


def test_an_inserted_copy_of_an_event_is_named_one_way_throughout(backend: Backend) -> None:
    """A copy of the designation (event 5) inserted under number 99: every
    problem names it as event 7 of its case, by its kind, at position 8,
    and says it is a copy of event 5 at position 5."""
    _, db = backend
    lines, details = _report(
        backend,
        "INSERT INTO events (position, case_id, seq, document, schema_version) "
        "SELECT 8, case_id, 99, document, schema_version FROM events WHERE position = 5",
    )
    copy = "case {case}, event 7 (designate) at position 8"
    counter = (
        [
            "  - the history of all cases: counts 7 events recorded, but holds one at "
            "position 8: it was changed"
        ]
        if db.postgres
        else []
    )
    assert lines == [
        NOT_INTACT.format(cases="2 cases", events="8 events"),
        f"  - {copy}: is filed under another case or number than it records: it was inserted, "
        "copied or moved",
        f"  - {copy}: records itself as event 5: an event was deleted, inserted or moved",
        f"  - {copy}: does not follow event 6 (record_communicated) as recorded: an event was "
        "deleted, inserted, reordered or changed",
        f"  - {copy}: is dated 2100-01-08T09:00:00+00:00, before event 6 (record_communicated), "
        "dated 2100-01-09T09:00:00+00:00: its time was changed, or it was moved",
        "  - case {case}: the case as stored differs from what its history records, in its "
        "version, designation and decisions: the case or its history was changed",
        *counter,
        f"  - {copy}: is a copy of case {{case}}, event 5 (designate) at position 5: it was "
        "inserted",
        KEYED,
    ]
    assert details[:2] == [
        "the row says case {case} seq 99; the document says case {case} seq 5",
        "seq is 5, 7 expected",
    ]


def test_two_events_swapped_in_the_history_of_all_cases_are_named_as_reordered(
    backend: Backend,
) -> None:
    """Positions 3 and 4 swapped: each event out of place is named by its
    case, number and kind, with the event it was recorded after."""
    lines, details = _report(
        backend,
        "UPDATE events SET position = -3 WHERE position = 3",
        "UPDATE events SET position = 3 WHERE position = 4",
        "UPDATE events SET position = 4 WHERE position = -3",
    )
    assert lines == [
        NOT_INTACT.format(cases="2 cases", events="7 events"),
        "  - case {case}, event 4 (warn) at position 3: was recorded after case {case}, event 3 "
        "(add_note) at position 4, not after the event now before it: the events were reordered",
        "  - case {case}, event 3 (add_note) at position 4: was recorded after case {case}, "
        "event 2 (add_incident) at position 2, not after the event now before it: the events "
        "were reordered",
        "  - case {case}, event 5 (designate) at position 5: was recorded after case {case}, "
        "event 4 (warn) at position 3, not after the event now before it: the events were "
        "reordered",
        KEYED,
    ]
    assert details == [None, None, None]
