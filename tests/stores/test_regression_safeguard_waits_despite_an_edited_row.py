"""Regression: a safeguarding concern from a customer whose only case's row
disagrees with its history (its state edited in the database) waits in the
Policy and Information team's work queue until recorded acted on (5.1,
7.4), on SQLite and PostgreSQL.

It was taken and escalated in the decision's words only: nothing is
written onto a case that cannot be relied on, so it waited in no queue.
Its contact-log entry now waits, an item on no case, and nothing is
written onto the damaged case still."""

from __future__ import annotations

from contactpolicy import Channel, ContactPurpose
from contactpolicy.domain.contact import Contact

from support.builders import RECORDS
from support.insider import scene
from support.tampering import CUSTOMER, KEY
from support.verify_reports import Backend, backend

__all__ = ["backend"]

ITEM = (
    "A safeguarding concern (5.1) made by email on 9 January 2100 (contact 1, customer "
    "reference CRM-7) was escalated with no case to hold it. The record of case {case} does "
    "not match its audit trail (7.4), so what it restricts cannot be relied on: escalate it at "
    "once under the council's safeguarding procedure if not done, and pass it to the service "
    "concerned (1.2). Have the case's record verified (verify) so that it can be held on the "
    "case again (7.4). Then record it acted on, with what was done (record_acted_on; "
    "contactpolicy acted-on 1 --reason)."
)


def test_a_concern_waits_until_acted_on(backend: Backend) -> None:
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    document = db.document("cases", "id = ?", case_id)
    document["state"] = "lifted"
    db.put_document("cases", document, "id = ?", case_id)
    db.sql("UPDATE cases SET state = ? WHERE id = ?", "lifted", case_id)
    casework = setting.casework
    contact = Contact(Channel.EMAIL, setting.clock.now(), purpose=ContactPurpose.SAFEGUARDING)
    decision = casework.decide_contact(CUSTOMER.id, contact)
    assert (decision.escalate, decision.contact_id) == (True, 1)
    waiting = [item for item in casework.work_queue(RECORDS) if item.case_id is None]
    assert [(item.kind, str(item.due), item.summary) for item in waiting] == [
        ("safeguarding_concern", "2100-01-09", ITEM.format(case=case_id))
    ]
    assert db.sql("SELECT count(*) FROM events WHERE case_id = ?", case_id) == [(6,)]
    casework.record_acted_on(1, RECORDS, reason="Escalated to adult social care.")
    assert [item for item in casework.work_queue(RECORDS) if item.case_id is None] == []
    assert store.waiting_contacts() == []
