"""A letter corrected after it was sent (``rectify``, 7.4) on every store:
the item is kept in the case's snapshot and read back exactly, the case is
listed among those with open items (the indexed ``open_items_since``
column) so the work queue finds it alike, answering it
(``record_correction_told``, 6.3) takes the case out of that list, and the
audit trail verifies on memory, SQLite and PostgreSQL."""

from __future__ import annotations

import pendulum

from contactpolicy import Casework, Channel, FrozenClock, LetterCorrected, LetterKind
from contactpolicy.stores import Store

from support.builders import RECORDS, START
from support.corrections import designated_and_told


def test_a_letter_corrected_is_kept_listed_and_answered_alike_on_every_store(
    store: Store,
) -> None:
    """Kept exactly, listed by the index, queued, answered, and the case
    taken out of the index; the audit trail is intact (seven events)."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    case_id = designated_and_told(casework, clock)
    assert [case.id for case in store.with_open_items()] == []
    casework.rectify(case_id, RECORDS, "incident.2.description", "Called 3 times.", "Miscounted.")
    corrected = pendulum.datetime(2026, 2, 1, 10, tz="UTC")
    assert casework.get(case_id).letters_corrected == (
        LetterCorrected(
            LetterKind.DESIGNATION,
            pendulum.datetime(2026, 1, 31, 10, tz="UTC"),
            "incident.2.description",
            corrected,
        ),
    )
    assert [case.id for case in store.with_open_items()] == [case_id]
    assert [
        (item.kind, item.due) for item in casework.work_queue(RECORDS) if item.case_id == case_id
    ] == [
        ("managers_not_informed", pendulum.date(2026, 1, 31)),
        ("letter_corrected", pendulum.date(2026, 2, 1)),
    ]
    case = casework.record_correction_told(case_id, RECORDS, at=clock.now(), method=Channel.LETTER)
    assert casework.get(case_id) == case
    assert case.letters_corrected == ()
    assert [case.id for case in store.with_open_items()] == []
    verification = casework.verify(case_id)
    assert (verification.events, verification.problems) == (7, ())
