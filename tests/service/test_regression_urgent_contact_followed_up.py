"""Regression: a contact flagged urgent (``Contact(urgent=True)``: a
safeguarding or urgent concern at the point of contact) was escalated, but
unlike a safeguarding concern it waited in nobody's work queue: with no
case to hold it nothing waited in the contact log, and with a case
nothing was left on it. The escalation recorded could not be found again
nor recorded as dealt with. An urgent contact is now followed up as a
safeguarding concern is, through one rule
(``contactpolicy.domain.safeguards.acted_on_as``, 5.1): an item on the
customer's case, or with no case an entry of the log waiting, in the
Policy and Information team's work queue until recorded dealt with."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import (
    ActedOn,
    CaseState,
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
    PreconditionsNotMet,
    ReadOutcome,
    WorkItem,
)
from contactpolicy.domain.safeguards import ACTED_ON, ToActOn, acted_on_as
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, DECIDER, ONE_OF_EACH, RECORDS, STAFF, in_state

LONDON = "Europe/London"
MADE = pendulum.datetime(2026, 2, 10, 9, tz=LONDON)
DONE = "Passed to the adult safeguarding team the same day."
ON_NO_CASE = (
    "A safeguarding concern (5.1) made by telephone on 10 February 2026 (contact 1, customer "
    "reference CRM-404) was escalated with no case to hold it (no case, or none whose record "
    "can be relied on): escalate it at once under the council's safeguarding procedure if not "
    "done, and pass it to the service concerned (1.2). Then record it acted on, with what was "
    "done (record_acted_on; contactpolicy acted-on 1 --reason)."
)

WAITS_AS = {
    ContactPurpose.ENQUIRY: "safeguarding_concern",
    ContactPurpose.SAFEGUARDING: "safeguarding_concern",
    ContactPurpose.APPEAL: "appeal_to_record",
    ContactPurpose.REVIEW_REQUEST: "review_requested",
    ContactPurpose.COMPLAINT_ABOUT_RESTRICTION: "complaint_about_restriction",
    ContactPurpose.DATA_REQUEST: "data_request",
}
"""The kind of work item an escalated contact waits as, by its purpose."""


@pytest.fixture
def casework(clock: FrozenClock) -> Casework:
    """The Maidstone policy with one officer of each role."""
    return Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())


def _urgent(casework: Casework, clock: FrozenClock, customer_id: str) -> int:
    """An urgent enquiry phoned in at :data:`MADE` by ``customer_id``,
    logged; its contact id."""
    clock.set(MADE)
    contact = Contact(Channel.TELEPHONE, MADE, department="Revenues", urgent=True)
    decided = casework.decide_contact(customer_id, contact, by=STAFF)
    assert decided.escalate is True
    assert decided.contact_id is not None
    return decided.contact_id


def test_the_rule_follows_an_urgent_contact_up_as_a_safeguarding_concern() -> None:
    """An urgent enquiry is acted on as a safeguarding concern; a safeguard
    keeps its own purpose, urgent or not; an enquiry not urgent leaves
    nothing to act on."""
    assert acted_on_as(ContactPurpose.ENQUIRY, urgent=True) is ContactPurpose.SAFEGUARDING
    assert acted_on_as(ContactPurpose.ENQUIRY) is None
    for purpose in sorted(ACTED_ON, key=lambda each: each.value):
        assert acted_on_as(purpose) is purpose
        assert acted_on_as(purpose, urgent=True) is purpose


def test_with_no_case_it_waits_in_the_log_until_recorded_acted_on(
    casework: Casework, clock: FrozenClock
) -> None:
    """The reproduction: the team's queue was empty. Now the entry waits on
    no case, as a safeguarding concern, naming its contact; recorded acted
    on, it leaves the queue."""
    contact_id = _urgent(casework, clock, "CRM-404")
    assert [each.contact_id for each in casework.store.waiting_contacts()] == [1]
    assert casework.work_queue(RECORDS) == [
        WorkItem("safeguarding_concern", None, MADE.date(), ON_NO_CASE, contact_id=1)
    ]
    kept = casework.record_acted_on(contact_id, RECORDS, reason=DONE)
    assert kept == ActedOn("records", MADE, DONE)
    assert casework.work_queue(RECORDS) == []


def test_with_no_case_only_the_team_records_it_acted_on(
    casework: Casework, clock: FrozenClock
) -> None:
    """Recorded by the decision maker: refused naming the team (5.1), and
    the entry still waits."""
    contact_id = _urgent(casework, clock, "CRM-404")
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_acted_on(contact_id, DECIDER, reason=DONE)
    assert [(each.section, each.code) for each in refused.value.failures] == [
        ("5.1", "not_the_reader")
    ]
    assert [each.contact_id for each in casework.store.waiting_contacts()] == [1]


@pytest.mark.parametrize(
    "state",
    [CaseState.REPORTED, CaseState.WARNED, CaseState.DESIGNATED, CaseState.LIFTED],
)
def test_with_a_case_it_waits_on_the_case_until_dealt_with(
    casework: Casework, clock: FrozenClock, state: CaseState
) -> None:
    """On the customer's case, in any state: an item to act on as a
    safeguarding concern, due the day it was made, kept in the case's
    history (the trail verifies); recorded dealt with, with a reason, it
    goes."""
    case = in_state(casework, state)
    contact_id = _urgent(casework, clock, CUSTOMER.id)
    assert casework.to_act_on() == [
        (
            case.id,
            ToActOn(contact_id, MADE, Channel.TELEPHONE, ContactPurpose.SAFEGUARDING, MADE.date()),
        )
    ]
    [item] = [each for each in casework.work_queue(RECORDS) if each.contact_id == contact_id]
    assert (item.kind, item.case_id, item.due, item.contact_id) == (
        "safeguarding_concern",
        case.id,
        MADE.date(),
        contact_id,
    )
    assert casework.store.waiting_contacts() == []
    assert casework.verify(case.id).problems == ()
    casework.record_read(contact_id, RECORDS, ReadOutcome.NOTHING_NEW, reason=DONE)
    assert casework.to_act_on() == []
    assert [each for each in casework.work_queue(RECORDS) if each.contact_id == contact_id] == []


@settings(max_examples=30, deadline=None)
@given(
    purpose=st.sampled_from(sorted(ContactPurpose, key=lambda each: each.value)),
    urgent=st.booleans(),
)
def test_a_contact_from_a_reference_with_no_case_waits_exactly_when_escalated_and_acted_on(
    purpose: ContactPurpose, urgent: bool
) -> None:
    """Whatever its purpose and flag, a contact from a reference with no
    case waits in the log exactly when it is escalated: a safeguarding
    concern, and an urgent contact, as the safeguard it was made for or,
    made for none, as a safeguarding concern; each naming its contact id.
    Nothing else waits."""
    casework = Casework(MemoryStore(), clock=FrozenClock(MADE), officers=ONE_OF_EACH.values())
    contact = Contact(Channel.EMAIL, MADE, urgent=urgent, purpose=purpose)
    decided = casework.decide_contact("CRM-404", contact, by=STAFF)
    waits = urgent or purpose is ContactPurpose.SAFEGUARDING
    assert decided.escalate is waits
    queued = [(item.kind, item.case_id, item.contact_id) for item in casework.work_queue(RECORDS)]
    assert queued == ([(WAITS_AS[purpose], None, 1)] if waits else [])
