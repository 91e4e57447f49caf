"""A new user found that an appeal, a request for review, a complaint about
the restrictions or a safeguarding concern made at the point of contact was
passed to the Policy and Information team in words only: it was in nobody's
work queue, and an appeal recorded weeks later had its deadline counted from
then (8.1, 6.3, 5.1). Each now leaves an item on the case that waits in the
team's queue until it is dealt with."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from contactpolicy import (
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
    PreconditionsNotMet,
    ReadOutcome,
    ReviewTrigger,
    ToActOn,
    WorkItem,
)
from contactpolicy.audit.replay import replay
from contactpolicy.stores import MemoryStore

from support.builders import (
    DECIDER,
    DIRECTOR,
    MANAGER,
    ONE_OF_EACH,
    RECORDS,
    STAFF,
    designated_and_told,
)

LONDON = "Europe/London"
MADE = pendulum.datetime(2026, 2, 3, 10, tz=LONDON)
"""When the customer gets in touch: 10:00 on Tuesday 3 February 2026."""
APPEAL = "An appeal against the decision or its restrictions (8.1) made by letter on "
ACTED_ON_KINDS = {
    "appeal_to_record",
    "review_requested",
    "complaint_about_restriction",
    "safeguarding_concern",
}


def _told(clock: FrozenClock) -> tuple[Casework, str]:
    """A designation of 31 January 2026 the customer was told of then, in a
    casework with one officer of each role."""
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(MADE)
    return casework, case_id


def _made(casework: Casework, purpose: ContactPurpose, channel: Channel = Channel.LETTER) -> int:
    """The contact id of a contact made now for ``purpose``."""
    contact = Contact(channel, casework.clock.now(), department="Revenues", purpose=purpose)
    contact_id = casework.decide_contact("CRM-7", contact, by=STAFF).contact_id
    assert contact_id is not None
    return contact_id


def _acted_on(casework: Casework) -> list[WorkItem]:
    """The items to act on in the Policy and Information team's queue."""
    return [item for item in casework.work_queue(RECORDS) if item.kind in ACTED_ON_KINDS]


def test_an_appeal_made_at_the_point_of_contact_waits_until_recorded(clock: FrozenClock) -> None:
    """The appeal is the Policy and Information team's to record, due when its
    decision is (20 working days from the contact), flagged once past; no
    other role sees it. Recorded seven weeks later with its contact id, it
    takes the contact's time, so its deadline stays the one counted from the
    contact, and the item is gone."""
    casework, case_id = _told(clock)
    contact_id = _made(casework, ContactPurpose.APPEAL)
    [case] = casework.cases(by=RECORDS)
    assert case.to_act_on == (
        ToActOn(contact_id, MADE, Channel.LETTER, ContactPurpose.APPEAL, pendulum.date(2026, 3, 3)),
    )
    clock.set(pendulum.datetime(2026, 2, 10, 9, tz=LONDON))
    waiting = (
        f"{APPEAL}3 February 2026 (contact {contact_id}) is not yet recorded on the case: "
        "record it with its contact id, or record how it was dealt with otherwise. Its "
    )
    assert _acted_on(casework) == [
        WorkItem(
            "appeal_to_record",
            case_id,
            pendulum.date(2026, 3, 3),
            waiting + "decision is due by 3 March 2026, counted from then (8.1).",
            contact_id=contact_id,
        )
    ]
    clock.set(pendulum.datetime(2026, 3, 31, 10, tz=LONDON))
    assert _acted_on(casework) == [
        WorkItem(
            "appeal_to_record",
            case_id,
            pendulum.date(2026, 3, 3),
            waiting + "decision was due by 3 March 2026 and is past its deadline (8.1).",
            contact_id=contact_id,
        )
    ]
    for officer in (DECIDER, DIRECTOR, MANAGER):
        assert [i for i in casework.work_queue(officer) if i.kind in ACTED_ON_KINDS] == []
    clock.set(pendulum.datetime(2026, 7, 11, 10, tz=LONDON))
    case = casework.appeal(case_id, RECORDS, "Unfair.", contact_id=contact_id)
    assert case.appeal is not None
    assert case.appeal.received_at == MADE
    assert case.to_act_on == ()
    assert _acted_on(casework) == []
    assert [(i.kind, i.due) for i in casework.work_queue(DIRECTOR) if "appeal" in i.kind] == [
        ("appeal_past_deadline", pendulum.date(2026, 3, 3))
    ]
    assert casework.verify(case_id).problems == ()


def test_a_review_request_and_a_safeguarding_concern_wait_until_a_review_starts(
    clock: FrozenClock,
) -> None:
    """Both are due the day they were made and say what to do; a review
    started on the case, on request, answers both (6.3, 7.3), and leaves a
    complaint about the restrictions waiting."""
    casework, case_id = _told(clock)
    asked = _made(casework, ContactPurpose.REVIEW_REQUEST, Channel.TELEPHONE)
    worried = _made(casework, ContactPurpose.SAFEGUARDING, Channel.FACE_TO_FACE)
    complained = _made(casework, ContactPurpose.COMPLAINT_ABOUT_RESTRICTION, Channel.EMAIL)
    today = pendulum.date(2026, 2, 3)
    assert sorted(_acted_on(casework), key=lambda item: item.kind) == [
        WorkItem(
            "complaint_about_restriction",
            case_id,
            today,
            f"A complaint about the restrictions (6.3) made by email on 3 February 2026 "
            f"(contact {complained}) is not yet acted on: answer it under the complaints "
            "procedure (the customer may complain to the Ombudsman about being restricted), "
            "and record how it was dealt with.",
            contact_id=complained,
        ),
        WorkItem(
            "review_requested",
            case_id,
            today,
            f"A request to have the decision reviewed (6.3) made by telephone on 3 February "
            f"2026 (contact {asked}) is not yet acted on: review the restrictions (start a "
            "review), or record how it was dealt with otherwise.",
            contact_id=asked,
        ),
        WorkItem(
            "safeguarding_concern",
            case_id,
            today,
            f"A safeguarding concern (5.1) made by face to face on 3 February 2026 (contact "
            f"{worried}) is not yet acted on: escalate it at once if not done, consider "
            "whether the restrictions still suit the customer (start a review), or record "
            "how it was dealt with otherwise.",
            contact_id=worried,
        ),
    ]
    case = casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    assert [item.contact_id for item in case.to_act_on] == [complained]
    assert casework.to_act_on() == [(case_id, case.to_act_on[0])]


def test_dealt_with_otherwise_is_recorded_by_the_records_team_with_a_reason(
    clock: FrozenClock,
) -> None:
    """Without a reason, or by an officer the contact was not passed to, it
    is refused and nothing is written; with one it is dealt with, and what
    it held waits for a review as a read letter's findings do (7.3)."""
    casework, case_id = _told(clock)
    complained = _made(casework, ContactPurpose.COMPLAINT_ABOUT_RESTRICTION)
    before = casework.get(case_id, by=RECORDS)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_read(complained, RECORDS, ReadOutcome.NOTHING_NEW)
    assert [(f.section, f.code, f.message) for f in refused.value.failures] == [
        (
            "6.3",
            "reason_missing",
            "a complaint about the restrictions made at the point of contact is recorded as "
            "dealt with otherwise only with the reason",
        )
    ]
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_read(complained, MANAGER, ReadOutcome.NOTHING_NEW, reason="Answered.")
    assert [(f.section, f.code) for f in refused.value.failures] == [("5.1", "not_the_reader")]
    assert casework.get(case_id, by=RECORDS) == before
    case = casework.record_read(
        complained,
        RECORDS,
        ReadOutcome.SIGNIFICANT_NEW_INFORMATION,
        reason="Answered under the complaints procedure on 4 February 2026.",
    )
    assert case.to_act_on == ()
    assert [(m.contact_id, m.found) for m in case.new_issues] == [
        (complained, ReadOutcome.SIGNIFICANT_NEW_INFORMATION)
    ]
    assert casework.history(case_id, by=RECORDS)[-1].data["reason"] == (
        "Answered under the complaints procedure on 4 February 2026."
    )
    assert casework.verify(case_id).problems == ()


def test_an_appeal_names_only_an_appeal_waiting_on_its_case(clock: FrozenClock) -> None:
    """A contact id that is not an appeal waiting on the case is refused,
    with nothing written."""
    casework, case_id = _told(clock)
    worried = _made(casework, ContactPurpose.SAFEGUARDING)
    before = casework.get(case_id, by=RECORDS)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.appeal(case_id, RECORDS, "Unfair.", contact_id=worried)
    assert [(f.section, f.code, f.message) for f in refused.value.failures] == [
        (
            "8.1",
            "appeal_contact_unknown",
            f"contact {worried} is not an appeal made at the point of contact waiting to be "
            "recorded on this case",
        )
    ]
    assert casework.get(case_id, by=RECORDS) == before


def test_an_enquiry_leaves_nothing_to_act_on_and_a_data_request_one_item(
    clock: FrozenClock,
) -> None:
    """An enquiry is judged by the restrictions and leaves nothing to act
    on; a data request, answered under UK GDPR for the customer as a whole,
    leaves one item (see test_regression_data_request_at_the_point_of_contact)."""
    casework, case_id = _told(clock)
    asked = _made(casework, ContactPurpose.DATA_REQUEST)
    _made(casework, ContactPurpose.ENQUIRY, Channel.EMAIL)
    passed = ToActOn(
        asked, MADE, Channel.LETTER, ContactPurpose.DATA_REQUEST, pendulum.date(2026, 3, 3)
    )
    assert casework.get(case_id, by=RECORDS).to_act_on == (passed,)
    assert casework.to_act_on() == [(case_id, passed)]


def test_a_contact_event_recorded_before_items_to_act_on_replays_as_it_was(
    clock: FrozenClock,
) -> None:
    """A ``contact_received`` event without ``act_on`` (as recorded before
    such items were kept) leaves none on replay, so older histories replay
    to their stored cases."""
    casework, case_id = _told(clock)
    contact = Contact(
        Channel.LETTER, MADE, department="Revenues", new_issue=True, purpose=ContactPurpose.APPEAL
    )
    casework.decide_contact("CRM-7", contact, by=STAFF)
    events = casework.history(case_id, by=RECORDS)
    last = events[-1]
    assert (last.kind, last.data["act_on"], last.data["new_issue"]) == (
        "contact_received",
        True,
        True,
    )
    older = attrs.evolve(last, data={k: v for k, v in last.data.items() if k != "act_on"})
    replayed = replay([*events[:-1], older])
    assert replayed is not None
    assert (replayed.to_act_on, len(replayed.new_issues)) == ((), 1)
