"""On memory, SQLite and PostgreSQL alike: restrictions decided to end on
the day they were decided (6.4) have not lapsed once their review day has
passed, and the work queue's review item says they ended and the review is
of the record (7.2); an incident number of 5,000 digits to ``rectify`` is
``field_unknown`` (7.4) with nothing written."""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import Casework, Channel, FrozenClock, LetterKind, PreconditionsNotMet
from contactpolicy.stores import Store

from support.builders import RECORDS, START, designated_to_end


def test_the_review_after_restrictions_ended_is_of_the_record(store: Store) -> None:
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    case_id = designated_to_end(casework, pendulum.Date(2026, 1, 31))
    letter = casework.letter(case_id, LetterKind.DESIGNATION)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER, letter=letter)
    clock.set(pendulum.datetime(2026, 5, 1, 10, tz="Europe/London"))
    assert casework.get(case_id).lapsed(clock.now()) is False
    assert [
        (item.kind, item.due, item.summary)
        for item in casework.work_queue(RECORDS)
        if item.kind in {"lapsed", "review_overdue"}
    ] == [
        (
            "review_overdue",
            pendulum.Date(2026, 4, 30),
            "The review was due on 30 April 2026 and is overdue (7.2): the restrictions ended "
            "on 31 January 2026, the last day decided for them (6.4); review the record now.",
        )
    ]


def test_an_incident_number_of_5000_digits_is_no_field(store: Store) -> None:
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    case_id = designated_to_end(casework, pendulum.Date(2026, 1, 31))
    before = len(store.trail(case_id)[1])
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.rectify(case_id, RECORDS, f"incident.{'9' * 5000}.description", "x", "Typo.")
    assert [failure.code for failure in refused.value.failures] == ["field_unknown"]
    assert len(store.trail(case_id)[1]) == before
