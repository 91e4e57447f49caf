"""One customer reference's open cases in the work queue (7.4, 8.1) on
memory, SQLite and PostgreSQL alike: read from the stores' summaries of
the open cases, so a correction (``rectify``) and a case finished change
the queue at once, on every store."""

from __future__ import annotations

import pendulum

from contactpolicy import Casework, Customer, FrozenClock
from contactpolicy.stores import Store

from support.builders import MANAGER, RECORDS, START, incident

LONDON = "Europe/London"


def test_duplicates_and_names_differing_are_queued_and_cleared_alike_on_every_store(
    store: Store,
) -> None:
    """C-1 reported twice on one issue and C-2 under two names: a
    ``possible_duplicate`` and a ``customer_names_differ``; correcting the
    second C-1 case's issue and the C-2 name clears both, and so would
    finishing a case."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    ids = []
    for reference, name, issue in (
        ("C-1", "Jane Smith", "Noise complaint"),
        ("C-1", "Jane Smith", " noise  complaint"),
        ("C-2", "Jane Smith", "Parking"),
        ("C-2", "J. Smyth", "Bins"),
    ):
        clock.advance(minutes=1)
        customer = Customer(reference, name)
        ids.append(casework.report(customer, issue, [incident()], by=MANAGER).id)
    queued = [(item.kind, item.case_id, item.due) for item in casework.work_queue(RECORDS)]
    day = pendulum.date(2026, 1, 31)
    assert sorted(queued) == sorted(
        [("possible_duplicate", ids[1], day), ("customer_names_differ", ids[3], day)]
    )
    casework.rectify(ids[1], RECORDS, "issue", "Noise at night", "Another complaint.")
    casework.rectify(ids[3], RECORDS, "customer.name", "Jane  smith", "Misspelled.")
    assert casework.work_queue(RECORDS) == []
    clock.set(pendulum.datetime(2026, 2, 2, 9, tz=LONDON))
    casework.rectify(ids[1], RECORDS, "issue", "NOISE complaint", "Same complaint after all.")
    assert [item.kind for item in casework.work_queue(RECORDS)] == ["possible_duplicate"]
    casework.close(ids[0], MANAGER, "Reported twice.")
    assert casework.work_queue(RECORDS) == []
