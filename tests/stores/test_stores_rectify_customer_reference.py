"""A case moved to another customer reference (``rectify`` ``customer.id``,
7.4) is found under its new reference on memory, SQLite and PostgreSQL
alike: each store writes the indexed ``customer_id`` from the case, so its
listings, summaries, subject access and the work queue follow the move,
and ``verify_all`` finds the columns agreeing with the history."""

from __future__ import annotations

from contactpolicy.casework.subject_access import Mention
from contactpolicy.stores import Store

from support.builders import RECORDS
from support.two_people import MOVED_BECAUSE, PRIYA_OWN, two_people


def test_a_moved_case_is_listed_exported_and_queued_under_its_new_reference(
    store: Store,
) -> None:
    scene = two_people(store)
    casework = scene.casework
    assert casework.subject_access("CRM-7", by=RECORDS).for_review == (
        Mention("cases", "CRM-7", scene.priya, left_out=True),
    )
    casework.rectify(scene.priya, RECORDS, "customer.id", PRIYA_OWN, MOVED_BECAUSE)
    assert [case.id for case in store.cases(customer_id="CRM-7")] == [scene.sam]
    assert [case.id for case in store.cases(customer_id=PRIYA_OWN)] == [scene.priya]
    assert [summary.id for summary in store.summaries(customer_id=PRIYA_OWN)] == [scene.priya]
    exported = casework.subject_access(PRIYA_OWN, by=RECORDS)
    assert [entry["case"]["id"] for entry in exported.data["cases"]] == [scene.priya]
    assert casework.work_queue(RECORDS) == []
    checked = casework.verify_all()
    assert (checked.ok, checked.problems) == (True, ())
