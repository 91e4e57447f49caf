"""An escalated safeguard with no case to hold it waits in the work queue
(5.1, 7.4), on memory, SQLite and PostgreSQL stores (the ``store``
fixture).

A safeguarding concern raised at the point of contact by a customer with
no case, or whose only case's row was deleted, was escalated by the
decision's words and the contact log only: it waited in nobody's work
queue. Its entry now waits in the contact log (``waiting_contacts``, an
indexed read) and is a ``safeguarding_concern`` item on no case for the
Policy and Information team until ``record_acted_on``. On a lifted or a
closed case the item no longer says to start a review, which cannot start
there."""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import (
    ActedOn,
    CaseState,
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
    Officer,
    Role,
)
from contactpolicy.errors import InvalidInput, PreconditionsNotMet
from contactpolicy.stores import Store

from support.builders import CUSTOMER, RECORDS, START, in_state
from support.row_deleted import CUSTOMER as DELETED_ROW_CUSTOMER
from support.row_deleted import delete_row, designated

NO_CASE = (
    "A safeguarding concern (5.1) made by telephone on 31 January 2026 (contact {contact}, "
    "customer reference {customer}) was escalated with no case to hold it (no case, or none "
    "whose record can be relied on): escalate it at once under the council's safeguarding "
    "procedure if not done, and pass it to the service concerned (1.2). Then record it acted "
    "on, with what was done (record_acted_on; contactpolicy acted-on {contact} --reason)."
)

NOT_RELIED_ON = (
    "A safeguarding concern (5.1) made by telephone on {day} (contact {contact}, customer "
    "reference {customer}) was escalated with no case to hold it. The record of case {case} "
    "does not match its audit trail (7.4), so what it restricts cannot be relied on: escalate "
    "it at once under the council's safeguarding procedure if not done, and pass it to the "
    "service concerned (1.2). Have the case's record verified (verify) so that it can be held "
    "on the case again (7.4). Then record it acted on, with what was done (record_acted_on; "
    "contactpolicy acted-on {contact} --reason)."
)

ON_AN_ENDED_CASE = (
    "A safeguarding concern (5.1) made by telephone on {day} (contact 1) is not yet acted "
    "on: escalate it at once under the council's safeguarding procedure if not done, and "
    "pass it to the service concerned (1.2). The case is {state}, so no review can start on "
    "it (7.2); record how it was dealt with, with the reason (record_read with a reason; "
    "contactpolicy read --reason)."
)

DONE = "Passed to the adult safeguarding team the same day."


def _dsn(request: pytest.FixtureRequest) -> str | None:
    return request.getfixturevalue("postgres_dsn") if "postgresql" in request.node.name else None


def _concern(casework: Casework, customer_id: str, at: pendulum.DateTime) -> int:
    contact = Contact(Channel.TELEPHONE, at, purpose=ContactPurpose.SAFEGUARDING)
    decision = casework.decide_contact(customer_id, contact)
    assert decision.escalate is True
    assert decision.contact_id is not None
    return decision.contact_id


def test_a_concern_from_a_customer_with_no_case_waits(store: Store) -> None:
    casework = Casework(store, clock=FrozenClock(START))
    contact_id = _concern(casework, CUSTOMER.id, START)
    assert [(each.customer_id, each.contact_id) for each in store.waiting_contacts()] == [
        ("CRM-7", 1)
    ]
    [item] = casework.work_queue(RECORDS)
    assert (item.kind, item.case_id, item.due) == (
        "safeguarding_concern",
        None,
        pendulum.date(2026, 1, 31),
    )
    assert item.summary == NO_CASE.format(contact=contact_id, customer="CRM-7")
    # Only the Policy and Information team owes it.
    assert casework.work_queue(Officer("sol", "Sol Staff", {Role.STAFF})) == []


def test_acted_on_it_leaves_the_queue_and_a_repeat_returns_the_record(store: Store) -> None:
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    contact_id = _concern(casework, CUSTOMER.id, START)
    clock.advance(hours=2)
    acted = casework.record_acted_on(contact_id, RECORDS, reason=DONE, command_id="act-1")
    assert acted == ActedOn("records", START.add(hours=2), DONE, "act-1")
    assert store.waiting_contacts() == []
    assert casework.work_queue(RECORDS) == []
    clock.advance(hours=1)
    again = casework.record_acted_on(contact_id, RECORDS, reason=DONE, command_id="act-1")
    assert again == acted
    with pytest.raises(InvalidInput) as refused:
        casework.record_acted_on(contact_id, RECORDS, reason="Something else.", command_id="act-2")
    assert str(refused.value) == (
        "[5.1] contact_id: was recorded acted on already, on 31 January 2026 by officer "
        "records (7.4)"
    )
    with pytest.raises(InvalidInput) as reused:
        casework.record_acted_on(contact_id, RECORDS, reason="Something else.", command_id="act-1")
    assert reused.value.field == "command_id"


def test_only_the_team_records_it_and_with_a_reason(store: Store) -> None:
    casework = Casework(store, clock=FrozenClock(START))
    contact_id = _concern(casework, CUSTOMER.id, START)
    staff = Officer("sol", "Sol Staff", {Role.STAFF})
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_acted_on(contact_id, staff, reason=".")
    assert refused.value.codes == ("not_the_reader", "reason_missing")
    with pytest.raises(InvalidInput) as nothing:
        casework.record_acted_on(contact_id + 1, RECORDS, reason=DONE)
    assert nothing.value.field == "contact_id"
    assert [each.contact_id for each in store.waiting_contacts()] == [contact_id]


def test_a_command_id_another_command_holds_is_refused(store: Store) -> None:
    casework = Casework(store, clock=FrozenClock(START))
    first = _concern(casework, CUSTOMER.id, START)
    contact = Contact(Channel.EMAIL, START, purpose=ContactPurpose.SAFEGUARDING)
    casework.decide_contact("CRM-9", contact, command_id="logged-1")
    with pytest.raises(InvalidInput) as refused:
        casework.record_acted_on(first, RECORDS, reason=DONE, command_id="logged-1")
    assert refused.value.field == "command_id"
    assert [each.contact_id for each in store.waiting_contacts()] == [1, 2]


def test_an_ordinary_contact_with_no_case_does_not_wait(store: Store) -> None:
    casework = Casework(store, clock=FrozenClock(START))
    casework.decide_contact(CUSTOMER.id, Contact(Channel.TELEPHONE, START))
    assert store.waiting_contacts() == []
    assert casework.work_queue(RECORDS) == []


@pytest.mark.parametrize(
    ("state", "words"), [(CaseState.LIFTED, "lifted"), (CaseState.CLOSED, "closed")]
)
def test_on_an_ended_case_the_item_says_what_can_be_done(
    store: Store, state: CaseState, words: str
) -> None:
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    case = in_state(casework, state)
    _concern(casework, CUSTOMER.id, clock.now())
    assert store.waiting_contacts() == []
    [item] = [each for each in casework.work_queue(RECORDS) if each.kind == "safeguarding_concern"]
    assert (item.case_id, item.due) == (case.id, pendulum.date(2026, 1, 31))
    assert item.summary == ON_AN_ENDED_CASE.format(day="31 January 2026", state=words)


def test_a_concern_from_a_customer_whose_case_row_was_deleted_waits(
    store: Store, request: pytest.FixtureRequest
) -> None:
    casework, clock, case_id = designated(store)
    delete_row(store, case_id, _dsn(request))
    contact_id = _concern(casework, DELETED_ROW_CUSTOMER.id, clock.now())
    [item] = [each for each in casework.work_queue(RECORDS) if each.case_id is None]
    day = casework.policy.date_of(clock.now())
    assert (item.kind, item.due) == ("safeguarding_concern", day)
    assert item.summary == NOT_RELIED_ON.format(
        day=f"{day.day} {day.format('MMMM YYYY')}",
        contact=contact_id,
        customer="CRM-5",
        case=case_id,
    )
    casework.record_acted_on(contact_id, RECORDS, reason=DONE)
    assert [each for each in casework.work_queue(RECORDS) if each.case_id is None] == []
