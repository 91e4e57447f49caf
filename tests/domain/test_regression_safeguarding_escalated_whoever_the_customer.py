"""A safeguarding concern raised at the point of contact by a customer with
no case at all (never reported, or the reference mistyped) was not
escalated: the contact decision for a customer with no case took
``escalate`` from the urgent flag alone, so a concern raised as one
(``purpose=safeguarding``) and not also flagged urgent reached nobody. A
safeguarding concern is always escalated, whoever the customer and whatever
restrictions they have or had (5.1; the Ombudsman: a restriction must never
stop the council hearing of a risk). One owner says so:
``domain.contact.escalates``."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import Case, CaseState, Channel, ContactDecision, ContactPurpose, Role
from contactpolicy.domain.contact import Contact, decide, escalates
from contactpolicy.domain.follow_up import follow_ups
from contactpolicy.restrictions import SingleContactMethod, SinglePointOfContact
from contactpolicy.testing import strategies

from support.contact_cases import AT, case

NO_CASE = "No case is recorded for customer reference CRM-1: check the reference."
URGENT = (
    "Safeguarding or urgent concern: deal with it now, whatever the restrictions, and "
    "escalate it at once under the council's safeguarding procedure."
)
PASSED_ON = (
    "A safeguarding concern (5.1): accept, register and answer it whatever the restrictions, "
    "and pass it to the Policy and Information team."
)
CONCERN = Contact(Channel.TELEPHONE, AT, purpose=ContactPurpose.SAFEGUARDING)


def test_a_safeguarding_concern_with_no_case_is_escalated() -> None:
    """The reproduction: ``escalate`` was ``False``. Otherwise handled as
    any contact with no restriction: taken, registered, answered, by
    whoever receives it, with the reference line alone."""
    assert decide([], CONCERN, [], customer_id="CRM-1") == ContactDecision(
        escalate=True, reasons=(NO_CASE,)
    )
    assert decide([], CONCERN, []) == ContactDecision(escalate=True)


def test_on_every_channel_and_with_a_new_issue_too() -> None:
    """Written or spoken, raising a new issue or not."""
    for channel in Channel:
        for new_issue in (False, True):
            contact = Contact(channel, AT, purpose=ContactPurpose.SAFEGUARDING, new_issue=new_issue)
            assert decide([], contact, []) == ContactDecision(escalate=True)


def test_a_safeguarding_concern_after_the_lift_is_escalated_and_passed_on() -> None:
    """Lifted: no restriction in force, escalated and passed to the team."""
    lifted = case(SingleContactMethod(Channel.EMAIL), state=CaseState.LIFTED)
    assert decide([lifted], CONCERN, []) == ContactDecision(
        escalate=True, route_to_role=Role.RECORDS, reasons=(URGENT, PASSED_ON)
    )


def test_a_safeguarding_concern_on_a_case_closed_with_no_action_is_escalated() -> None:
    """Closed with no action, never designated: escalated and passed on."""
    closed = attrs.evolve(case(state=CaseState.CLOSED), designation=None, decisions=())
    assert decide([closed], CONCERN, []) == ContactDecision(
        escalate=True, route_to_role=Role.RECORDS, reasons=(URGENT, PASSED_ON)
    )


def test_a_safeguarding_concern_from_a_designated_customer_gets_through() -> None:
    """Designated to email only and one officer: the call is still taken,
    escalated and passed on, with the channels the restrictions leave."""
    designated = case(SingleContactMethod(Channel.EMAIL), SinglePointOfContact("amir"))
    assert decide([designated], CONCERN, []) == ContactDecision(
        escalate=True,
        route_to_role=Role.RECORDS,
        reasons=(URGENT, PASSED_ON),
        accepted_channels={Channel.EMAIL},
    )


def test_an_enquiry_is_not_escalated_and_an_urgent_one_is() -> None:
    """The one owner: urgent, or raised as a safeguarding concern."""
    assert escalates(Contact(Channel.EMAIL, AT)) is False
    assert escalates(Contact(Channel.EMAIL, AT, urgent=True)) is True
    assert escalates(CONCERN) is True
    assert escalates(Contact(Channel.EMAIL, AT, purpose=ContactPurpose.DATA_REQUEST)) is False


@settings(max_examples=300)
@given(
    cases=st.lists(strategies.cases(), max_size=3),
    contact=strategies.contacts(),
    customer_id=st.none() | st.just("CRM-1"),
)
def test_property_a_safeguarding_concern_is_always_escalated(
    cases: list[Case], contact: Contact, customer_id: str | None
) -> None:
    """For any customer state the testing strategies draw (no case, or any
    cases in any state, with any restrictions, reviews, appeals and
    endings), a contact raising a safeguarding concern is taken, answered
    and escalated (5.1); with a case, it is passed to the Policy and
    Information team and leaves an item to act on (``follow_ups``)."""
    concern = attrs.evolve(contact, purpose=ContactPurpose.SAFEGUARDING)
    decision = decide(cases, concern, [], customer_id=customer_id)
    assert (decision.allowed, decision.respond, decision.escalate) == (True, True, True)
    if cases:
        assert decision.route_to_role is Role.RECORDS
        assert decision.reasons[:2] == (URGENT, PASSED_ON)
        left = follow_ups(cases, concern, decision)
        assert [item.act_on for item in left].count(True) >= 1
    else:
        assert decision.route_to_role is None


@given(contact=strategies.contacts())
def test_property_escalated_whatever_the_customer_is_the_contact_alone(contact: Contact) -> None:
    """Whether a contact is escalated never depends on the cases: the same
    with none as with a designated one (5.1)."""
    designated = case(SingleContactMethod(Channel.EMAIL))
    moved = attrs.evolve(contact, at=AT)
    expected = contact.urgent or contact.purpose is ContactPurpose.SAFEGUARDING
    assert decide([], moved, []).escalate is expected
    assert decide([designated], moved, []).escalate is expected
