"""A user found that an appeal, a request for review, a complaint about the
restrictions or a safeguarding concern made while no restriction applied to
the customer left nothing behind: an appeal against a designation decided
but not yet told to them, a safeguarding concern after their restrictions
lapsed at the review day, a complaint once they were lifted. The contact
decision did not tell staff to pass it on either. Each now leaves an item
on the customer's cases (``domain.follow_up.acted_on``) and is passed to the
Policy and Information team (8.1, 6.3, 5.1)."""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import (
    CaseState,
    Casework,
    Channel,
    Contact,
    ContactDecision,
    ContactPurpose,
    FrozenClock,
    ReadOutcome,
    Role,
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
    in_state,
    incident,
)

LONDON = "Europe/London"
TEAM = "Policy and Information team"
APPEAL_LINE = (
    "An appeal against the decision or its restrictions (8.1): accept, register and answer "
    f"it whatever the restrictions, and pass it to the {TEAM}."
)
ACTED_ON_KINDS = {
    "appeal_to_record",
    "review_requested",
    "complaint_about_restriction",
    "safeguarding_concern",
    "data_request",
}


@pytest.fixture
def casework(clock: FrozenClock) -> Casework:
    """The Maidstone policy with one officer of each role, at 31 January 2026."""
    return Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())


def _made(
    casework: Casework, purpose: ContactPurpose, channel: Channel = Channel.TELEPHONE
) -> ContactDecision:
    """The decision on a contact made now by CRM-7 for ``purpose``, logged."""
    contact = Contact(channel, casework.clock.now(), department="Revenues", purpose=purpose)
    return casework.decide_contact(CUSTOMER.id, contact, by=STAFF)


def _acted_on(casework: Casework) -> list[WorkItem]:
    """The items to act on in the Policy and Information team's queue."""
    return [item for item in casework.work_queue(RECORDS) if item.kind in ACTED_ON_KINDS]


def test_an_appeal_against_a_decision_not_yet_told_waits_to_be_recorded(
    casework: Casework, clock: FrozenClock
) -> None:
    """Designated on 31 January 2026 and not yet told, the customer phones
    on 3 February to appeal: staff are told to pass it on, and the appeal
    waits for the Policy and Information team, due 3 March 2026 (20
    working days), until recorded with its contact id."""
    case_id = designated_and_told(casework)
    made = pendulum.datetime(2026, 2, 3, 10, tz=LONDON)
    clock.set(made)
    decision = _made(casework, ContactPurpose.APPEAL)
    assert decision == ContactDecision(
        route_to_role=Role.RECORDS,
        reasons=(
            APPEAL_LINE,
            f"Decision not yet communicated (6.3): handle it normally and tell the {TEAM}.",
        ),
        contact_id=1,
    )
    assert casework.get(case_id, by=RECORDS).to_act_on == (
        ToActOn(1, made, Channel.TELEPHONE, ContactPurpose.APPEAL, pendulum.date(2026, 3, 3)),
    )
    assert _acted_on(casework) == [
        WorkItem(
            "appeal_to_record",
            case_id,
            pendulum.date(2026, 3, 3),
            "An appeal against the decision or its restrictions (8.1) made by telephone on "
            "3 February 2026 (contact 1) is not yet recorded on the case: record it with its "
            "contact id, or record how it was dealt with otherwise. Its decision is due by "
            "3 March 2026, counted from then (8.1).",
            contact_id=1,
        )
    ]
    for officer in (DECIDER, DIRECTOR, MANAGER, STAFF):
        assert [i for i in casework.work_queue(officer) if i.kind in ACTED_ON_KINDS] == []
    case = casework.appeal(case_id, RECORDS, "I was never told why.", contact_id=1)
    assert case.appeal is not None
    assert (case.state, case.appeal.received_at, case.to_act_on) == (
        CaseState.APPEALED,
        made,
        (),
    )
    assert casework.verify(case_id).problems == ()


def test_a_safeguarding_concern_after_the_restrictions_lapsed_waits_and_is_escalated(
    casework: Casework, clock: FrozenClock
) -> None:
    """Told on 31 January 2026, the restrictions lapsed at the end of 30
    April, their review day (7.2). A safeguarding concern on 5 May is
    escalated and passed on, and waits on that case, due that day."""
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 5, 5, 9, tz=LONDON))
    decision = _made(casework, ContactPurpose.SAFEGUARDING, Channel.FACE_TO_FACE)
    assert (decision.escalate, decision.route_to_role, decision.lapsed) == (
        True,
        Role.RECORDS,
        True,
    )
    assert decision.reasons == (
        "Safeguarding or urgent concern: deal with it now, whatever the restrictions, and "
        "escalate it at once under the council's safeguarding procedure.",
        "A safeguarding concern (5.1): accept, register and answer it whatever the "
        f"restrictions, and pass it to the {TEAM}.",
        "Restrictions lapsed at the end of their review day, 30 April 2026, with no "
        f"completed review (7.2): handle it normally and tell the {TEAM}.",
    )
    assert _acted_on(casework) == [
        WorkItem(
            "safeguarding_concern",
            case_id,
            pendulum.date(2026, 5, 5),
            "A safeguarding concern (5.1) made by face to face on 5 May 2026 (contact 1) is "
            "not yet acted on: escalate it at once if not done, consider whether the "
            "restrictions still suit the customer (start a review), or record how it was "
            "dealt with otherwise.",
            contact_id=1,
        )
    ]


def test_a_complaint_after_the_lift_is_dealt_with_on_the_lifted_case(
    casework: Casework, clock: FrozenClock
) -> None:
    """A complaint about restrictions already lifted waits on the lifted
    case, the customer's only one with a decision, and is dealt with there
    with a reason; a case reported since without a decision is not
    chosen."""
    lifted = in_state(casework, CaseState.LIFTED)
    clock.advance(days=1)
    casework.report(CUSTOMER, "parking permit", [incident()], by=MANAGER)
    clock.set(pendulum.datetime(2026, 2, 9, 14, tz=LONDON))
    _made(casework, ContactPurpose.COMPLAINT_ABOUT_RESTRICTION, Channel.EMAIL)
    passed = ToActOn(
        1,
        pendulum.datetime(2026, 2, 9, 14, tz=LONDON),
        Channel.EMAIL,
        ContactPurpose.COMPLAINT_ABOUT_RESTRICTION,
        pendulum.date(2026, 2, 9),
    )
    assert casework.to_act_on() == [(lifted.id, passed)]
    case = casework.record_read(
        1, RECORDS, ReadOutcome.NOTHING_NEW, reason="Answered under the complaints procedure."
    )
    assert (case.id, case.state, case.to_act_on) == (lifted.id, CaseState.LIFTED, ())
    assert _acted_on(casework) == []


@pytest.mark.parametrize("state", [CaseState.CONCERN, CaseState.REPORTED, CaseState.CLOSED])
def test_with_no_decision_yet_a_request_for_review_waits_on_the_latest_case(
    casework: Casework, clock: FrozenClock, state: CaseState
) -> None:
    """With no case that has a decision, a request for review waits on the
    most recently reported case, whatever its state, and is dealt with there
    with a reason (6.3)."""
    older = in_state(casework, CaseState.REPORTED)
    clock.advance(days=1)
    latest = in_state(casework, state)
    clock.set(pendulum.datetime(2026, 2, 4, 11, tz=LONDON))
    decision = _made(casework, ContactPurpose.REVIEW_REQUEST)
    assert decision.route_to_role is Role.RECORDS
    assert [(case_id, item.contact_id) for case_id, item in casework.to_act_on()] == [
        (latest.id, 1)
    ]
    assert casework.get(older.id, by=RECORDS).to_act_on == ()
    case = casework.record_read(1, RECORDS, ReadOutcome.NOTHING_NEW, reason="Nothing to review.")
    assert (case.id, case.state, case.to_act_on) == (latest.id, state, ())


def test_a_customer_with_no_case_leaves_nothing_and_is_not_passed_on(
    casework: Casework,
) -> None:
    """A reference with no case: the decision says so, and that an appeal
    is no appeal under the policy (8.1), and passes nothing on; the contact
    is logged and leaves no item."""
    decision = _made(casework, ContactPurpose.APPEAL)
    assert decision == ContactDecision(
        reasons=(
            f"No case is recorded for customer reference {CUSTOMER.id}: check the reference.",
            "An appeal against the decision or its restrictions (8.1): no restriction is on "
            "record for this customer, so it is not an appeal under this policy; deal with it "
            "as a complaint or enquiry on its merits: register it and reply.",
        ),
        contact_id=1,
    )
    assert casework.to_act_on() == []
