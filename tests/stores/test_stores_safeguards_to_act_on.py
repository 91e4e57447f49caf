"""Safeguards exercised at the point of contact (8.1, 6.3, 5.1) on every
store: the items a contact leaves are kept in the case's snapshot and read
back exactly, the work queue answers alike, what deals with them clears
them, and the audit trail replays to the stored case on memory, SQLite and
PostgreSQL."""

from __future__ import annotations

import pendulum

from contactpolicy import (
    AppealOutcome,
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
    ReadOutcome,
    ReviewTrigger,
    ToActOn,
)
from contactpolicy.stores import Store

from support.builders import DIRECTOR, RECORDS, designated_and_told

LONDON = "Europe/London"
MADE = pendulum.datetime(2026, 2, 3, 10, tz=LONDON)
ACTED_ON_KINDS = {"appeal_to_record", "review_requested", "complaint_about_restriction"}


def test_items_to_act_on_are_kept_queued_and_cleared_alike_on_every_store(store: Store) -> None:
    """An appeal, a request for review and a complaint made at the point of
    contact: each store keeps the three items and queues them for the Policy
    and Information team; recording the appeal with its contact, starting a
    review and recording the complaint dealt with clear them, one by one."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 31, 10, tz=LONDON))
    casework = Casework(store, clock=clock)
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(MADE)
    made: dict[ContactPurpose, int] = {}
    for purpose in (
        ContactPurpose.APPEAL,
        ContactPurpose.REVIEW_REQUEST,
        ContactPurpose.COMPLAINT_ABOUT_RESTRICTION,
    ):
        contact = Contact(Channel.EMAIL, clock.now(), purpose=purpose)
        contact_id = casework.decide_contact("CRM-7", contact).contact_id
        assert contact_id is not None
        made[purpose] = contact_id
    due = {
        ContactPurpose.APPEAL: pendulum.date(2026, 3, 3),
        ContactPurpose.REVIEW_REQUEST: pendulum.date(2026, 2, 3),
        ContactPurpose.COMPLAINT_ABOUT_RESTRICTION: pendulum.date(2026, 2, 3),
    }
    assert casework.get(case_id).to_act_on == tuple(
        ToActOn(contact_id, MADE, Channel.EMAIL, purpose, due[purpose])
        for purpose, contact_id in made.items()
    )
    queued = casework.work_queue(RECORDS)
    assert [(item.kind, item.due) for item in queued if item.kind in ACTED_ON_KINDS] == [
        ("complaint_about_restriction", pendulum.date(2026, 2, 3)),
        ("review_requested", pendulum.date(2026, 2, 3)),
        ("appeal_to_record", pendulum.date(2026, 3, 3)),
    ]
    clock.set(pendulum.datetime(2026, 2, 20, 10, tz=LONDON))
    appeal = made[ContactPurpose.APPEAL]
    case = casework.appeal(case_id, RECORDS, "Email only is hard.", contact_id=appeal)
    assert case.appeal is not None
    assert case.appeal.received_at == MADE
    complaint = made[ContactPurpose.COMPLAINT_ABOUT_RESTRICTION]
    case = casework.record_read(
        complaint, RECORDS, ReadOutcome.NOTHING_NEW, reason="Answered on 20 February 2026."
    )
    assert [item.purpose for item in case.to_act_on] == [ContactPurpose.REVIEW_REQUEST]
    assert casework.get(case_id) == case
    assert casework.verify(case_id).problems == ()
    assert casework.to_act_on() == [(case_id, case.to_act_on[0])]
    clock.set(pendulum.datetime(2026, 2, 21, 10, tz=LONDON))
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "They stand.")
    case = casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    assert (case.to_act_on, casework.get(case_id).to_act_on) == ((), ())
    assert casework.verify(case_id).problems == ()
