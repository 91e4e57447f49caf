"""A user found that a data request made at the point of contact
(``ContactPurpose.DATA_REQUEST``) was passed to the Policy and Information
team in words only: no item, no clock, though UK GDPR Art. 12(3) gives one
month from receipt to answer it. It now leaves one item per request, on the
customer's most recently reported case, due one calendar month after the
day it was received, until recorded as answered."""

from __future__ import annotations

from datetime import datetime

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    MAIDSTONE,
    Behaviour,
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
    Incident,
    InvalidInput,
    PreconditionsNotMet,
    ReadOutcome,
    ReviewTrigger,
    ToActOn,
    WorkItem,
)
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    MANAGER,
    ONE_OF_EACH,
    RECORDS,
    STAFF,
    designated_and_told,
    incident,
)

LONDON = "Europe/London"
RECEIVED = pendulum.datetime(2026, 1, 31, 12, tz=LONDON)
"""When the customer writes: noon on Saturday 31 January 2026."""
ASKED = (
    "A data protection request (7.4) made by letter on 31 January 2026 (contact 1) is not yet "
    "answered: answer it (a subject access request with the subject access export of "
    "everything held about the customer, subject-access; a correction with rectify), then "
    "record how it was dealt with. Its answer "
)


def _requested(clock: FrozenClock) -> tuple[Casework, str, str]:
    """A customer with a case designated and told on 31 January 2026 and a
    second case reported an hour later, who writes with a data request at
    noon; the casework, the designated case's id and the later one's."""
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    designated = designated_and_told(casework)
    casework.record_communicated(designated, RECORDS, clock.now(), Channel.LETTER)
    clock.set(RECEIVED.subtract(hours=1))
    later = casework.report(CUSTOMER, "parking permit", [incident()], by=MANAGER).id
    clock.set(RECEIVED)
    contact = Contact(
        Channel.LETTER, RECEIVED, department="Revenues", purpose=ContactPurpose.DATA_REQUEST
    )
    decision = casework.decide_contact(CUSTOMER.id, contact, by=STAFF)
    assert decision.contact_id == 1
    assert decision.reasons[0] == (
        "A data protection request (7.4): accept, register and answer it whatever the "
        "restrictions, and pass it to the Policy and Information team."
    )
    return casework, designated, later


def _data_requests(casework: Casework) -> list[WorkItem]:
    return [item for item in casework.work_queue(RECORDS) if item.kind == "data_request"]


def test_a_data_request_of_31_january_is_due_on_28_february(clock: FrozenClock) -> None:
    """One item, on the most recently reported case only, due 28 February
    2026 (one calendar month, clamped to the month's end); past it on 1
    March it says so. Nobody but the Policy and Information team sees it."""
    casework, designated, later = _requested(clock)
    passed = ToActOn(
        1, RECEIVED, Channel.LETTER, ContactPurpose.DATA_REQUEST, pendulum.date(2026, 2, 28)
    )
    assert casework.to_act_on() == [(later, passed)]
    assert casework.get(designated, by=RECORDS).to_act_on == ()
    assert _data_requests(casework) == [
        WorkItem(
            "data_request",
            later,
            pendulum.date(2026, 2, 28),
            ASKED + "is due by 28 February 2026, counted from then (UK GDPR Art. 12(3)).",
            contact_id=1,
        )
    ]
    clock.set(pendulum.datetime(2026, 2, 28, 23, 59, tz=LONDON))
    assert [item.summary for item in _data_requests(casework)] == [
        ASKED + "is due by 28 February 2026, counted from then (UK GDPR Art. 12(3))."
    ]
    clock.set(pendulum.datetime(2026, 3, 1, 0, 0, tz=LONDON))
    assert _data_requests(casework) == [
        WorkItem(
            "data_request",
            later,
            pendulum.date(2026, 2, 28),
            ASKED + "was due by 28 February 2026 and is past its deadline (UK GDPR Art. 12(3)).",
            contact_id=1,
        )
    ]
    for officer in (DECIDER, DIRECTOR, MANAGER, STAFF):
        assert [i for i in casework.work_queue(officer) if i.kind == "data_request"] == []


def test_a_data_request_is_answered_only_with_a_reason_by_the_records_team(
    clock: FrozenClock,
) -> None:
    """A review starting does not answer it; recording it without a
    reason, or by a manager, is refused with nothing written; with a reason
    the Policy and Information team clears it."""
    casework, designated, later = _requested(clock)
    casework.start_review(designated, RECORDS, ReviewTrigger.REQUESTED)
    assert [case_id for case_id, _ in casework.to_act_on()] == [later]
    before = casework.get(later, by=RECORDS)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_read(1, RECORDS, ReadOutcome.NOTHING_NEW)
    assert [(f.section, f.code, f.message) for f in refused.value.failures] == [
        (
            "7.4",
            "reason_missing",
            "a data protection request made at the point of contact is recorded as dealt "
            "with otherwise only with the reason",
        )
    ]
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_read(1, MANAGER, ReadOutcome.NOTHING_NEW, reason="Sent.")
    assert [(f.section, f.code) for f in refused.value.failures] == [("5.1", "not_the_reader")]
    assert casework.get(later, by=RECORDS) == before
    case = casework.record_read(
        1, RECORDS, ReadOutcome.NOTHING_NEW, reason="Subject access export sent on 3 February."
    )
    assert case.to_act_on == ()
    assert casework.to_act_on() == []
    assert casework.verify(later).problems == ()


def test_each_data_request_is_one_item() -> None:
    """Two requests leave two items on the same case, each with its own
    clock: 31 January 2028 is due on 29 February, a leap year."""
    clock = FrozenClock(pendulum.datetime(2028, 1, 31, 9, tz=LONDON))
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    called = Incident(
        Behaviour.EXCESSIVE_DEMANDS, clock.now().subtract(days=1), Channel.TELEPHONE, "23 calls."
    )
    case_id = casework.report(CUSTOMER, "council tax", [called], by=MANAGER).id
    for channel in (Channel.EMAIL, Channel.TELEPHONE):
        contact = Contact(channel, clock.now(), purpose=ContactPurpose.DATA_REQUEST)
        casework.decide_contact(CUSTOMER.id, contact, by=STAFF)
        clock.set(pendulum.datetime(2028, 3, 1, 9, tz=LONDON))
    assert [(item.case_id, item.due) for item in _data_requests(casework)] == [
        (case_id, pendulum.date(2028, 2, 29)),
        (case_id, pendulum.date(2028, 4, 1)),
    ]


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31)))
def test_property_a_data_request_is_due_one_calendar_month_after_its_day(
    naive: datetime,
) -> None:
    """The due date is in the next calendar month of the day of receipt in
    the policy's time zone, on the same day of the month, or on that
    month's last day when it has no such day (UK GDPR Art. 12(3))."""
    received = pendulum.instance(naive, tz=LONDON)
    day = MAIDSTONE.date_of(received)
    due = MAIDSTONE.data_request_due(received)
    after = pendulum.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    assert (due.year, due.month) == (after.year, after.month)
    assert due.day == min(day.day, after.days_in_month)


def test_a_time_with_no_time_zone_is_refused() -> None:
    """A receipt time without a time zone is ``InvalidInput`` naming it and
    the section."""
    with pytest.raises(InvalidInput) as refused:
        MAIDSTONE.data_request_due(pendulum.naive(2026, 1, 31, 12))
    assert (refused.value.field, refused.value.section) == ("received_at", "7.4")
