"""Regression: a contact that must be heard from a customer whose only
case cannot be relied on was told both that no case is recorded and that
the case disagrees with its audit trail (5.1, 7.4, 8.1).

The case's record is left out of the decision (it disagrees with the last
event of its history), and the decision then spoke as of a customer with
no case at all: "No case is recorded for customer reference CRM-7: check
the reference.", and for an appeal that nothing was on record to appeal,
above the line saying the case's record does not match its trail. The
customer has a case; it cannot be relied on; the contact is taken and
escalated. The decision now says only that, and the work queue's item for
the safeguard waiting with no case to hold it names the same case in the
same words.
"""

from __future__ import annotations

import attrs
import pytest

from contactpolicy import CaseState, Casework, Channel, Contact, ContactPurpose, FrozenClock
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.examples import START

from support.builders import MANAGER, RECORDS
from support.tampering import CUSTOMER, INCIDENT

NOT_RELIED_ON = (
    "The record of case {case} does not match its audit trail (7.4), so what it restricts "
    "cannot be relied on: this contact is taken and escalated; pass it to the Policy and "
    "Information team by hand, and ask them to verify the audit trail."
)

WAITING = (
    "A safeguarding concern (5.1) made by email on 4 January 2100 (contact 1, customer "
    "reference CRM-7) was escalated with no case to hold it. The record of case {case} does "
    "not match its audit trail (7.4), so what it restricts cannot be relied on: escalate it at "
    "once under the council's safeguarding procedure if not done, and pass it to the service "
    "concerned (1.2). Have the case's record verified (verify) so that it can be held on the "
    "case again (7.4). Then record it acted on, with what was done (record_acted_on; "
    "contactpolicy acted-on 1 --reason)."
)


def _damaged() -> tuple[Casework, str]:
    """Sam Taylor's one case, reported, its stored copy edited to closed
    behind the store's back: it disagrees with its one event."""
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax", [INCIDENT], by=MANAGER)
    store._cases[case.id] = attrs.evolve(case, state=CaseState.CLOSED)
    return casework, case.id


@pytest.mark.parametrize(
    "purpose",
    [purpose for purpose in ContactPurpose if purpose is not ContactPurpose.ENQUIRY],
    ids=lambda purpose: purpose.value,
)
def test_the_decision_says_the_case_cannot_be_relied_on_and_nothing_of_no_case(
    purpose: ContactPurpose,
) -> None:
    """Every contact that must be heard is taken and escalated with the one
    line naming the case that cannot be relied on: no line says no case is
    recorded, nor that there is nothing to appeal."""
    casework, case_id = _damaged()
    contact = Contact(Channel.EMAIL, START, purpose=purpose)
    decision = casework.decide_contact(CUSTOMER.id, contact, record=False)
    assert (decision.allowed, decision.escalate, decision.reasons) == (
        True,
        True,
        (NOT_RELIED_ON.format(case=case_id),),
    )


def test_the_waiting_safeguard_names_the_case_as_the_decision_did() -> None:
    """A safeguarding concern logged for that customer waits in the
    Policy and Information team's queue saying the customer's case cannot
    be relied on, in the decision's words, and asking for it to be
    verified."""
    casework, case_id = _damaged()
    contact = Contact(Channel.EMAIL, START, purpose=ContactPurpose.SAFEGUARDING)
    decision = casework.decide_contact(CUSTOMER.id, contact)
    assert decision.reasons == (NOT_RELIED_ON.format(case=case_id),)
    assert [item.summary for item in casework.work_queue(RECORDS)] == [WAITING.format(case=case_id)]


def test_a_customer_with_no_case_is_still_told_so() -> None:
    """A reference with no case at all is still told there is none, and
    its safeguarding concern still waits as one with no case."""
    casework, _ = _damaged()
    contact = Contact(Channel.EMAIL, START, purpose=ContactPurpose.SAFEGUARDING)
    decision = casework.decide_contact("CRM-8", contact)
    assert (decision.escalate, decision.reasons) == (
        True,
        ("No case is recorded for customer reference CRM-8: check the reference.",),
    )
