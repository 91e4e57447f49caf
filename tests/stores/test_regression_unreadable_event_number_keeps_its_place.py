"""Regression: an event whose number column cannot be read keeps its place
(7.4). SQLite keeps any value in any column: with event 3's ``seq`` set to
text, verify named event 5 as filed under another number, event 3 as
recording itself as event 4, and a change of time that never happened, and
the case's history listed events 1, 2, 4, 5, 3. The row is now an
unreadable event at its position, named by its place (event 3), the
events after it keep their own numbers, and reading the history refuses as
for any unreadable event. PostgreSQL's integer column cannot hold such a
value, so this damage is SQLite's alone; a row PostgreSQL can hold that
cannot be read is pinned in
``test_regression_verify_unreadable_event_keeps_its_place``.
"""

from __future__ import annotations

import pytest

from contactpolicy.errors import StoreDamaged
from contactpolicy.stores.rows import read_event

from support.verify_reports import KEYED, NOT_INTACT, Backend, backend, report

__all__ = ["backend"]

DAMAGED = "cannot be read: it was changed outside the system, or damaged"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("value", ["'abc'", "3.5", "X'03'"])
def test_an_event_number_that_is_not_one_is_an_unreadable_event_in_its_place(
    backend: Backend, value: str
) -> None:
    """Event 3 (at position 3) filed under a number that is not one: named
    once as event 3 at position 3, unreadable; event 4 follows it unchecked;
    nothing is said to be moved or retimed."""
    lines, details = report(backend, f"UPDATE events SET seq = {value} WHERE position = 3")
    assert lines == [
        NOT_INTACT.format(cases="2 cases", events="7 events"),
        f"  - case {{case}}, event 3 at position 3: {DAMAGED}",
        "  - case {case}, event 4 (warn) at position 4: follows event 3, which cannot be "
        "read, so its link could not be checked",
        "  - case {case}: its history cannot be replayed past event 3, which cannot be read, so "
        "the case as stored could not be checked against it",
        KEYED,
    ]
    assert details == ["events.seq is not a whole number", None, None]


def test_reading_an_event_whose_number_is_not_one_refuses_in_words() -> None:
    """The history's reader refuses such a row as unreadable, by position."""
    with pytest.raises(StoreDamaged) as refused:
        read_event("{}", 1, 3, "C-1", "abc")  # type: ignore[arg-type]
    assert str(refused.value) == (
        "case 'C-1': the event at position 3 of its history cannot be read: it was changed "
        "outside the system, or damaged; verify the audit trail to see all that was found"
    )
    assert refused.value.detail == "events.seq is not a whole number"
