"""An appeal made at the point of contact and recorded weeks later with a
later ``received_at`` had its 20 working days counted from the later time:
the contact it named was forgotten and no past-deadline item showed (8.1).
The contact is the record now: a ``received_at`` other than its time is
refused, and an appeal recorded without the contact while one waits on the
case is refused, both writing nothing."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import (
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    Failure,
    FrozenClock,
    PreconditionsNotMet,
    ReadOutcome,
    WorkItem,
)
from contactpolicy.stores import MemoryStore

from support.builders import DIRECTOR, ONE_OF_EACH, RECORDS, STAFF, designated_and_told

LONDON = "Europe/London"
MADE = pendulum.datetime(2026, 2, 3, 10, tz=LONDON)
"""When the customer appeals at the point of contact: Tuesday 3 February 2026, 10:00."""
LATER = pendulum.datetime(2026, 3, 31, 10, tz=LONDON)
"""When the appeal is recorded, past its deadline of 3 March 2026."""


def _appealed_at_contact(clock: FrozenClock) -> tuple[Casework, str, int]:
    """A designation of 31 January 2026 told then, an appeal made by letter
    at :data:`MADE` waiting on it, and the clock at :data:`LATER`."""
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(MADE)
    contact = Contact(Channel.LETTER, MADE, department="Revenues", purpose=ContactPurpose.APPEAL)
    contact_id = casework.decide_contact("CRM-7", contact, by=STAFF).contact_id
    assert contact_id is not None
    clock.set(LATER)
    return casework, case_id, contact_id


def _refused(casework: Casework, case_id: str, **given: object) -> tuple[Failure, ...]:
    """The failures of recording the appeal with ``given``, having checked
    that nothing was written and the appeal still waits, past its deadline."""
    before = casework.history(case_id, by=RECORDS)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.appeal(case_id, RECORDS, "Email only is hard for me.", **given)  # type: ignore[arg-type]
    assert casework.history(case_id, by=RECORDS) == before
    waiting = [item for item in casework.work_queue(RECORDS) if item.kind == "appeal_to_record"]
    assert [(item.case_id, item.due) for item in waiting] == [(case_id, pendulum.date(2026, 3, 3))]
    assert waiting[0].summary.endswith(
        "decision was due by 3 March 2026 and is past its deadline (8.1)."
    )
    return refused.value.failures


def test_a_later_received_at_for_the_contact_is_refused(clock: FrozenClock) -> None:
    """The reproduction: the appeal named its contact and a later time; it
    is refused, naming received_at and 8.1, and the appeal stays waiting
    past its deadline."""
    casework, case_id, contact_id = _appealed_at_contact(clock)
    assert _refused(casework, case_id, contact_id=contact_id, received_at=LATER) == (
        Failure(
            "8.1",
            "appeal_received_not_contact",
            "received_at (2026-03-31T09:00:00+00:00) is not when contact 1 was made "
            "(2026-02-03T10:00:00+00:00): an appeal made at the point of contact was received "
            "then, and its decision is due counted from then; leave received_at out",
        ),
    )


def test_recorded_without_the_contact_while_it_waits_is_refused(clock: FrozenClock) -> None:
    """Without the contact id the appeal would be received now, weeks after
    the customer made it; it is refused, naming the waiting contact."""
    casework, case_id, _ = _appealed_at_contact(clock)
    assert _refused(casework, case_id) == (
        Failure(
            "8.1",
            "appeal_contact_waiting",
            "an appeal made at the point of contact waits to be recorded on this case "
            "(contact 1): record it with its contact id, so its decision is due counted from "
            "when it was made, or first record how it was dealt with otherwise",
        ),
    )


def test_recorded_with_its_contact_the_appeal_is_received_when_it_was_made(
    clock: FrozenClock,
) -> None:
    """With the contact id, and with received_at the contact's very time, the
    appeal is received then and its decision is due 3 March 2026, past."""
    casework, case_id, contact_id = _appealed_at_contact(clock)
    case = casework.appeal(case_id, RECORDS, "Unfair.", MADE, contact_id=contact_id)
    assert case.appeal is not None
    assert case.appeal.received_at == MADE
    assert case.to_act_on == ()
    assert [item.kind for item in casework.work_queue(RECORDS) if "appeal" in item.kind] == [
        "appeal_past_deadline"
    ]
    assert [
        (item.kind, item.due) for item in casework.work_queue(DIRECTOR) if "appeal" in item.kind
    ] == [("appeal_past_deadline", pendulum.date(2026, 3, 3))]
    assert casework.policy.appeal_decision_due(case.appeal.received_at) == pendulum.date(2026, 3, 3)
    assert casework.verify(case_id).problems == ()


def test_dealt_with_otherwise_first_another_appeal_is_received_when_given(
    clock: FrozenClock,
) -> None:
    """Once the waiting contact is recorded as dealt with otherwise, with
    its reason, an appeal without it is received when given: on 30 March
    2026, due 20 working days later, Good Friday and Easter Monday left
    out."""
    casework, case_id, contact_id = _appealed_at_contact(clock)
    casework.record_read(
        contact_id, RECORDS, ReadOutcome.NOTHING_NEW, reason="Withdrawn by the customer."
    )
    letter = pendulum.datetime(2026, 3, 30, 9, tz=LONDON)
    case = casework.appeal(case_id, RECORDS, "A new appeal by letter.", letter)
    assert case.appeal is not None
    assert case.appeal.received_at == letter
    assert [
        (item.kind, item.due) for item in casework.work_queue(DIRECTOR) if "appeal" in item.kind
    ] == [("appeal_to_decide", pendulum.date(2026, 4, 29))]


@settings(max_examples=30, deadline=None)
@given(minutes=st.integers(-3 * 24 * 60, 50 * 24 * 60).filter(lambda minutes: minutes != 0))
def test_any_received_at_but_the_contacts_time_is_refused(minutes: int) -> None:
    """The boundary: with the contact named, only its own time is accepted;
    a minute earlier or later, or days, is ``appeal_received_not_contact``."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 31, 10, tz=LONDON))
    casework, case_id, contact_id = _appealed_at_contact(clock)
    received_at = MADE.add(minutes=minutes)
    codes = (
        failure.code
        for failure in _refused(casework, case_id, contact_id=contact_id, received_at=received_at)
    )
    assert "appeal_received_not_contact" in codes


def test_the_waiting_appeal_is_the_contacts(clock: FrozenClock) -> None:
    """The item the refused commands leave waiting is the one the contact
    made, due 20 working days from it."""
    casework, case_id, contact_id = _appealed_at_contact(clock)
    [item] = [item for item in casework.work_queue(RECORDS) if item.kind == "appeal_to_record"]
    assert item == WorkItem(
        "appeal_to_record",
        case_id,
        pendulum.date(2026, 3, 3),
        "An appeal against the decision or its restrictions (8.1) made by letter on "
        f"3 February 2026 (contact {contact_id}) is not yet recorded on the case: record it "
        "with its contact id, or record how it was dealt with otherwise. Its decision was due "
        "by 3 March 2026 and is past its deadline (8.1).",
        contact_id=contact_id,
    )
