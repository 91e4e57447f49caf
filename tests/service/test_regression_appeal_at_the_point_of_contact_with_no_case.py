"""``decide_contact`` for an appeal from a customer with no case at all
says it is not an appeal under the policy (8.1) and to deal with it on its
merits; it is logged as any contact of such a customer is, and leaves no
item for the Policy and Information team, as nothing is held about them."""

from __future__ import annotations

from contactpolicy import Casework, Channel, Contact, ContactPurpose, FrozenClock
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, START

NOT_AN_APPEAL = (
    "An appeal against the decision or its restrictions (8.1): no restriction is on record "
    "for this customer, so it is not an appeal under this policy; deal with it as a complaint "
    "or enquiry on its merits: register it and reply."
)


def test_an_appeal_from_a_customer_with_no_case_is_dealt_with_on_its_merits() -> None:
    """Allowed, registered, answered, routed to nobody; logged, nothing to act on."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    decided = casework.decide_contact(
        CUSTOMER.id, Contact(Channel.LETTER, START, purpose=ContactPurpose.APPEAL)
    )
    assert (decided.allowed, decided.register, decided.respond) == (True, True, True)
    assert (decided.route_to, decided.route_to_role, decided.escalate) == (None, None, False)
    assert decided.reasons == (
        "No case is recorded for customer reference CRM-7: check the reference.",
        NOT_AN_APPEAL,
    )
    assert decided.contact_id == 1
    assert [entry.decision.reasons for entry in casework.store.contacts(CUSTOMER.id)] == [
        decided.reasons
    ]
    assert casework.to_act_on() == []
    assert casework.store.cases(customer_id=CUSTOMER.id) == []


def test_a_preview_says_the_same_and_logs_nothing() -> None:
    """``record=False`` gives the same reasons and logs nothing."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    decided = casework.decide_contact(
        CUSTOMER.id, Contact(Channel.EMAIL, START, purpose=ContactPurpose.APPEAL), record=False
    )
    assert decided.reasons[-1] == NOT_AN_APPEAL
    assert decided.contact_id is None
    assert casework.store.contacts(CUSTOMER.id) == []
