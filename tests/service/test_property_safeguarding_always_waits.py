"""Property: whatever the customer's situation the testing kit draws (no
case, or a case taken through any command sequence: reported, warned,
designated, under review or appeal, lifted, closed), a safeguarding
concern raised at the point of contact is escalated and leaves a
``safeguarding_concern`` item in the Policy and Information team's work
queue, on a case or on none, until it is recorded as dealt with (5.1,
7.4)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import Casework, Channel, Contact, ContactPurpose, FrozenClock, ReadOutcome
from contactpolicy.errors import PolicyError
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.sequences import Step
from contactpolicy.testing.strategies import command_sequences

from support.builders import CUSTOMER, RECORDS, START


def _naming(casework: Casework, contact_id: int) -> list[tuple[str, str | None]]:
    """The items of the team's work queue that name contact ``contact_id``."""
    return [
        (item.kind, item.case_id)
        for item in casework.work_queue(RECORDS)
        if f"contact {contact_id}" in item.summary
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.none() | command_sequences(max_steps=8), st.sampled_from(Channel))
def test_a_safeguarding_concern_waits_in_a_queue_until_dealt_with(
    steps: list[Step] | None, channel: Channel
) -> None:
    clock = FrozenClock(START if steps is None else steps[0].at)
    casework = Casework(MemoryStore(), clock=clock)
    customer_id = CUSTOMER.id
    if steps is not None:
        case = steps[0].run(casework, clock)
        customer_id = case.customer.id
        for step in steps[1:]:
            try:
                case = step.run(casework, clock, case.id)
            except PolicyError:
                continue
    contact = Contact(channel, clock.now(), purpose=ContactPurpose.SAFEGUARDING)
    decision = casework.decide_contact(customer_id, contact)
    assert decision.escalate is True
    assert decision.contact_id is not None
    waiting = _naming(casework, decision.contact_id)
    assert [kind for kind, _ in waiting] == ["safeguarding_concern"]
    [(_, case_id)] = waiting
    reason = "Passed to the safeguarding team."
    if case_id is None:
        casework.record_acted_on(decision.contact_id, RECORDS, reason=reason)
    else:
        casework.record_read(decision.contact_id, RECORDS, ReadOutcome.NOTHING_NEW, reason=reason)
    assert _naming(casework, decision.contact_id) == []
