"""Regression: a safeguard the customer exercises at the point of contact
is heard even when one of their cases cannot be relied on (5.1, 8.1, 7.4),
on SQLite and PostgreSQL.

With Sam Taylor's designated case edited in the database (its state set
to ``lifted``), every contact from them was refused as damage: a
safeguarding concern, an appeal, a request for review, a complaint about
the restrictions or a data request was not taken, though the policy says
these always get through. Such a contact is now decided without the case
that cannot be relied on, escalated, and logged, with a line naming the
case and saying what to do; nothing is written onto the damaged case. An
ordinary contact is still refused as damage (StoreDamaged), nothing
logged.
"""

from __future__ import annotations

import pytest

from contactpolicy import Channel, ContactPurpose
from contactpolicy.domain.contact import Contact
from contactpolicy.errors import StoreDamaged

from support.insider import Scene, scene
from support.tampering import CUSTOMER, KEY
from support.verify_reports import Backend, backend

__all__ = ["backend"]

LINE = (
    "The record of case {case} does not match its audit trail (7.4), so what it restricts "
    "cannot be relied on: this contact is taken and escalated; pass it to the Policy and "
    "Information team by hand, and ask them to verify the audit trail."
)


def _edited(backend: Backend) -> tuple[Scene, str]:
    store, db = backend
    setting = scene(store, db, KEY)
    case_id = setting.case.id
    document = db.document("cases", "id = ?", case_id)
    document["state"] = "lifted"
    db.put_document("cases", document, "id = ?", case_id)
    db.sql("UPDATE cases SET state = ? WHERE id = ?", "lifted", case_id)
    return setting, case_id


@pytest.mark.parametrize(
    "purpose",
    [
        ContactPurpose.SAFEGUARDING,
        ContactPurpose.APPEAL,
        ContactPurpose.REVIEW_REQUEST,
        ContactPurpose.COMPLAINT_ABOUT_RESTRICTION,
        ContactPurpose.DATA_REQUEST,
    ],
)
def test_a_safeguard_is_taken_and_escalated(backend: Backend, purpose: ContactPurpose) -> None:
    _, db = backend
    setting, case_id = _edited(backend)
    contact = Contact(Channel.EMAIL, setting.clock.now(), purpose=purpose)
    decision = setting.casework.decide_contact(CUSTOMER.id, contact)
    assert (decision.allowed, decision.escalate, decision.contact_id) == (True, True, 1)
    assert decision.reasons[-1] == LINE.format(case=case_id)
    assert db.sql("SELECT count(*) FROM contact_log") == [(1,)]
    # Nothing is written onto the case that cannot be relied on.
    assert db.sql("SELECT count(*) FROM events WHERE case_id = ?", case_id) == [(6,)]


def test_an_urgent_contact_is_taken_and_escalated(backend: Backend) -> None:
    setting, case_id = _edited(backend)
    contact = Contact(Channel.TELEPHONE, setting.clock.now(), urgent=True)
    decision = setting.casework.decide_contact(CUSTOMER.id, contact, record=False)
    assert (decision.escalate, decision.contact_id) == (True, None)
    assert decision.reasons[-1] == LINE.format(case=case_id)


def test_an_ordinary_contact_is_still_refused(backend: Backend) -> None:
    _, db = backend
    setting, case_id = _edited(backend)
    contact = Contact(Channel.EMAIL, setting.clock.now())
    with pytest.raises(StoreDamaged) as refused:
        setting.casework.decide_contact(CUSTOMER.id, contact)
    assert refused.value.case_id == case_id
    assert db.sql("SELECT count(*) FROM contact_log") == [(0,)]
