"""An appeal made at the point of contact by a customer with no case at
all was decided as any contact with no restriction, with nothing to say it
was no appeal: nothing is held about the customer, so no decision or
restriction of theirs can be appealed (8.1). The decision now says so, and
to deal with it as a complaint or enquiry on its merits: register it and
reply, with nothing passed to the Policy and Information team."""

from __future__ import annotations

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Channel, ContactDecision, ContactPurpose
from contactpolicy.domain.contact import Contact, decide

AT = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")
NO_CASE = "No case is recorded for customer reference CRM-1: check the reference."
NOT_AN_APPEAL = (
    "An appeal against the decision or its restrictions (8.1): no restriction is on record "
    "for this customer, so it is not an appeal under this policy; deal with it as a complaint "
    "or enquiry on its merits: register it and reply."
)


def test_an_appeal_with_no_case_is_not_an_appeal_under_the_policy() -> None:
    """The reproduction: the reasons held the reference line alone."""
    decided = decide([], Contact(Channel.LETTER, AT, purpose=ContactPurpose.APPEAL), [])
    assert decided == ContactDecision(reasons=(NOT_AN_APPEAL,))
    named = decide(
        [], Contact(Channel.LETTER, AT, purpose=ContactPurpose.APPEAL), [], customer_id="CRM-1"
    )
    assert named == ContactDecision(reasons=(NO_CASE, NOT_AN_APPEAL))


def test_an_urgent_appeal_with_no_case_is_escalated_too() -> None:
    """Urgency is judged as for any contact with no restriction."""
    contact = Contact(Channel.TELEPHONE, AT, purpose=ContactPurpose.APPEAL, urgent=True)
    decided = decide([], contact, [], customer_id="CRM-1")
    assert decided == ContactDecision(escalate=True, reasons=(NO_CASE, NOT_AN_APPEAL))


@given(
    purpose=st.sampled_from(ContactPurpose),
    channel=st.sampled_from(Channel),
    urgent=st.booleans(),
)
def test_only_an_appeal_with_no_case_is_said_to_be_no_appeal(
    purpose: ContactPurpose, channel: Channel, urgent: bool
) -> None:
    """With no case, every purpose is handled as a contact with no
    restriction; the line is added for an appeal alone. An urgent contact
    and a safeguarding concern are escalated (5.1)."""
    decided = decide(
        [], Contact(channel, AT, purpose=purpose, urgent=urgent), [], customer_id="CRM-1"
    )
    lines = (NO_CASE, NOT_AN_APPEAL) if purpose is ContactPurpose.APPEAL else (NO_CASE,)
    escalate = urgent or purpose is ContactPurpose.SAFEGUARDING
    assert decided == ContactDecision(escalate=escalate, reasons=lines)
