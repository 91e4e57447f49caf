"""Regression: a safeguard the customer exercises at the point of contact
is heard even when their history names a case whose own row was deleted
(5.1, 8.1, 7.4), on memory, SQLite and PostgreSQL stores (the ``store``
fixture).

Every contact from such a customer was refused as damage
(``StoreDamaged``), a safeguarding concern or an appeal too. Such a
contact is now decided without the case, escalated and logged with a line
naming it; an ordinary contact is still refused, nothing logged."""

from __future__ import annotations

import pytest

from contactpolicy import Channel, ContactPurpose
from contactpolicy.domain.contact import Contact
from contactpolicy.errors import StoreDamaged
from contactpolicy.stores import Store

from support.row_deleted import CUSTOMER, delete_row, designated

LINE = (
    "The record of case {case} does not match its audit trail (7.4), so what it restricts "
    "cannot be relied on: this contact is taken and escalated; pass it to the Policy and "
    "Information team by hand, and ask them to verify the audit trail."
)


def _dsn(request: pytest.FixtureRequest) -> str | None:
    return request.getfixturevalue("postgres_dsn") if "postgresql" in request.node.name else None


@pytest.mark.parametrize("purpose", [ContactPurpose.SAFEGUARDING, ContactPurpose.APPEAL])
def test_a_safeguard_is_taken_and_escalated(
    store: Store, request: pytest.FixtureRequest, purpose: ContactPurpose
) -> None:
    casework, clock, case_id = designated(store)
    delete_row(store, case_id, _dsn(request))
    contact = Contact(Channel.EMAIL, clock.now(), purpose=purpose)
    decision = casework.decide_contact(CUSTOMER.id, contact)
    assert (decision.allowed, decision.escalate, decision.contact_id) == (True, True, 1)
    assert decision.reasons[-1] == LINE.format(case=case_id)
    assert len(store.contacts(CUSTOMER.id)) == 1


def test_an_ordinary_contact_is_still_refused(store: Store, request: pytest.FixtureRequest) -> None:
    casework, clock, case_id = designated(store)
    delete_row(store, case_id, _dsn(request))
    with pytest.raises(StoreDamaged) as refused:
        casework.decide_contact(CUSTOMER.id, Contact(Channel.TELEPHONE, clock.now()))
    assert refused.value.case_id == case_id
    assert store.contacts(CUSTOMER.id) == []
