"""Issue 11: the customer's safeguards, never silently skipped.

One test per finding of the issue that this part covers, named after it:
decisions not communicated, restrictions overdue, appeals that froze a case,
and a single point of contact who left.
"""

from collections.abc import Sequence

import pendulum

from contactpolicy import (
    Adjustment,
    AppealOutcome,
    Behaviour,
    CaseState,
    Casework,
    Channel,
    Contact,
    DecisionKind,
    FrozenClock,
    Officer,
    ReviewOutcome,
    ReviewTrigger,
    Role,
    WorkItem,
)
from contactpolicy import restrictions as r
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    KEPT_UP,
    MANAGER,
    PASSED,
    RECORDS,
    incident,
    warn_and_continue,
)

LONDON = "Europe/London"
NOT_TOLD = (
    "Decision not yet communicated (6.3): handle it normally and tell the Policy and "
    "Information team."
)


def _designated(
    casework: Casework, *chosen: r.Restriction, adjustments: Sequence[Adjustment] = ()
) -> str:
    """A case of CRM-7 warned and designated at START with ``chosen`` (and
    any agreed ``adjustments``); its id."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        chosen,
        "Calls continued after the warning.",
        adjustments=adjustments,
        council_wide_because=EVERY_SERVICE,
    )
    return case.id


def test_a_designation_never_communicated_is_not_enforced_and_the_instruction_says_so(
    casework: Casework, clock: FrozenClock
) -> None:
    """Finding: a designation never recorded as communicated was enforced from
    the moment it was made, and six weeks later the customer's letter asking
    why no reply came was filed unread. Now it is registered and answered,
    and the instruction says the customer was never told (6.3)."""
    case_id = _designated(casework, r.ReadAndFile("records"))
    clock.advance(weeks=6)
    letter = Contact(Channel.LETTER, clock.now(), issue="why no reply?")
    decision = casework.decide_contact(CUSTOMER.id, letter, by=RECORDS)
    assert (decision.allowed, decision.register, decision.respond) == (True, True, True)
    assert decision.route_to is None
    assert decision.reasons == (NOT_TOLD,)
    assert [case.id for case in casework.not_communicated(by=RECORDS)] == [case_id]
    assert casework.get(case_id, by=RECORDS).restrictions_in_force(clock.now()) == ()


def test_immediate_action_for_staff_safety_applies_before_it_is_communicated(
    casework: Casework, clock: FrozenClock
) -> None:
    """6.3: a designation without warning, for threats to staff, applies at
    once; it is still listed until the customer is told."""
    case = casework.report(CUSTOMER, "council tax", [incident(Behaviour.THREATS)], by=MANAGER)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        [r.SingleContactMethod(Channel.LETTER)],
        "Threats.",
        "Threats.",
        council_wide_because=EVERY_SERVICE,
    )
    decision = casework.decide_contact(
        CUSTOMER.id, Contact(Channel.TELEPHONE, clock.now()), by=RECORDS
    )
    assert decision.allowed is False
    assert [each.id for each in casework.not_communicated(by=RECORDS)] == [case.id]


def test_a_varied_decision_can_be_communicated_and_bites_only_once_it_is(
    casework: Casework, clock: FrozenClock
) -> None:
    """Finding: after a review varied the restrictions, the new decision
    could not be recorded as communicated (``already_communicated``),
    ``not_communicated()`` was empty, and the new restrictions bit at once.
    Now the variation is a decision of its own: listed until told, the old
    restrictions applying meanwhile, and then recorded against it. (This
    test once varied on appeal too; an appeal no longer tightens, 8.1, see
    the next test.)"""
    case_id = _designated(casework, r.SingleContactMethod(Channel.EMAIL))
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.advance(days=7)
    letters = [r.SingleContactMethod(Channel.LETTER)]
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.VARY,
        "Letters suit.",
        letters,
        assessment=PASSED,
        overrides=KEPT_UP,
    )
    assert [case.id for case in casework.not_communicated(by=RECORDS)] == [case_id]
    email = Contact(Channel.EMAIL, clock.now())
    assert casework.decide_contact(CUSTOMER.id, email, by=RECORDS).allowed is True
    clock.advance(days=1)
    told = casework.record_communicated(case_id, RECORDS, clock.now(), Channel.EMAIL)
    assert told.decision is not None
    assert told.decision.kind is DecisionKind.REVIEW
    assert told.decision.communicated is not None
    assert told.decision.communicated.at == clock.now()
    assert casework.not_communicated(by=RECORDS) == []
    assert (
        casework.decide_contact(
            CUSTOMER.id, Contact(Channel.EMAIL, clock.now()), by=RECORDS
        ).allowed
        is False
    )


def test_an_appeal_variation_is_communicated_and_relaxes_at_once(
    casework: Casework, clock: FrozenClock
) -> None:
    """An appeal varied to longer calls and no single contact method is a
    decision of its own, listed until told and recorded against it (6.3);
    what it relaxes applies at once (8.1: a variation on appeal never
    tightens)."""
    case_id = _designated(casework, r.SingleContactMethod(Channel.EMAIL), r.CallTimeLimit(10))
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.advance(days=7)
    casework.appeal(case_id, RECORDS, "Email is hard for me.")
    casework.decide_appeal(
        case_id, DIRECTOR, AppealOutcome.VARIED, "Calls suit.", [r.CallTimeLimit(20)]
    )
    assert [case.id for case in casework.not_communicated(by=RECORDS)] == [case_id]
    telephone = Contact(Channel.TELEPHONE, clock.now())
    assert casework.decide_contact(CUSTOMER.id, telephone, by=RECORDS).allowed is True
    assert casework.get(case_id).restrictions_in_force(clock.now()) == (r.CallTimeLimit(20),)
    clock.advance(days=1)
    told = casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    assert told.decision is not None
    assert told.decision.kind is DecisionKind.APPEAL
    assert casework.not_communicated(by=RECORDS) == []


def test_six_months_past_its_review_date_a_restriction_has_lapsed_and_says_so(
    casework: Casework, clock: FrozenClock
) -> None:
    """Finding: six months past its review date a restriction was still
    enforced, with only a reason line to show for it. Under Maidstone's
    ``on_review_overdue = "lapse"`` it stops applying at the end of the review
    day (7.2); the case, the contact decision, ``due_reviews`` and the work
    queue all say so."""
    case_id = _designated(casework, r.SingleContactMethod(Channel.EMAIL))
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 10, 30, 10, tz=LONDON))
    case = casework.get(case_id, by=RECORDS)
    assert case.review_due == pendulum.date(2026, 4, 30)
    assert (case.review_overdue(clock.now()), case.lapsed(clock.now())) == (True, True)
    assert case.restrictions_in_force(clock.now()) == ()
    decision = casework.decide_contact(
        CUSTOMER.id, Contact(Channel.TELEPHONE, clock.now()), by=RECORDS
    )
    assert (decision.allowed, decision.overdue, decision.lapsed) == (True, True, True)
    assert decision.reasons == (
        "Restrictions lapsed at the end of their review day, 30 April 2026, with no completed "
        "review (7.2): handle it normally and tell the Policy and Information team.",
    )
    assert [each.id for each in casework.due_reviews(by=RECORDS)] == [case_id]
    assert casework.work_queue(RECORDS) == [
        WorkItem(
            "managers_not_informed",
            case_id,
            pendulum.date(2026, 1, 31),
            "Tell the managers of teams in contact with the customer the details of the "
            "designation decision of 31 January 2026, and record who was told (9.1).",
        ),
        WorkItem(
            "lapsed",
            case_id,
            pendulum.date(2026, 4, 30),
            "The restrictions lapsed at the end of 30 April 2026, their review day (7.2): "
            "review them and continue them with reasons, or lift them.",
        ),
    ]


def test_an_undecided_appeal_no_longer_freezes_the_restrictions(
    casework: Casework, clock: FrozenClock
) -> None:
    """Finding: while an appeal was pending no review could start and nobody
    could lift. Now a review may start and complete (the case returns to
    waiting for the appeal), and an appeal past its deadline of 20 working
    days is flagged (8.1). Lifting waits for the appeal's decision, which
    an appeal allowed gives (test_regression_lift_waits_for_the_appeal)."""
    case_id = _designated(casework, r.SingleContactMethod(Channel.EMAIL))
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 4, 1, 9, tz=LONDON))
    assert casework.appeal(case_id, RECORDS, "Email is hard for me.").state is CaseState.APPEALED
    clock.set(pendulum.datetime(2026, 4, 30, 9, tz=LONDON))
    reviewing = casework.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    assert reviewing.state is CaseState.UNDER_REVIEW
    kept = casework.complete_review(
        case_id, DECIDER, ReviewOutcome.CONTINUE, "Still needed.", overrides=KEPT_UP
    )
    assert kept.state is CaseState.APPEALED
    assert kept.review_due == pendulum.date(2026, 7, 30)
    # Due on 1 May: 20 working days, less Good Friday and Easter Monday.
    clock.set(pendulum.datetime(2026, 5, 4, 9, tz=LONDON))
    [waiting] = [item for item in casework.work_queue(DIRECTOR) if item.case_id == case_id]
    assert waiting == WorkItem(
        "appeal_past_deadline",
        case_id,
        pendulum.date(2026, 5, 1),
        "The appeal received on 1 April 2026 was to be decided by 1 May 2026 and is past "
        "its deadline (8.1).",
    )
    lifted = casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.ALLOWED, "Upheld.")
    assert lifted.state is CaseState.LIFTED
    assert [item.kind for item in casework.work_queue(DIRECTOR)] == []


def test_a_departed_single_point_of_contact_is_flagged_and_replaced_without_a_review(
    clock: FrozenClock,
) -> None:
    """Finding: when the single point of contact left, the only way to name a
    replacement was a "vary" review that pushed the next review three months
    out, and contacts kept going to the departed officer with no warning.
    Now the directory says who works here: the contact decision and the work
    queue flag the departed officer, the contact goes to the Policy and
    Information team meanwhile, and ``reassign`` names another at once,
    keeping the review date (5.1)."""
    lee = Officer("lwong", "Lee Wong", {Role.STAFF})
    staff = [MANAGER, DECIDER, DIRECTOR, RECORDS, lee]
    store = MemoryStore()
    casework = Casework(store, clock=clock, officers=staff)
    case_id = _designated(casework, r.SinglePointOfContact("lwong"))
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.advance(weeks=5)
    after = Casework(store, clock=clock, officers=staff[:-1])
    call = Contact(Channel.TELEPHONE, clock.now())
    decision = after.decide_contact(CUSTOMER.id, call, record=False, by=RECORDS)
    assert (decision.route_to, decision.route_to_role) == (None, Role.RECORDS)
    assert decision.reasons[-1] == (
        "Officer lwong, named by these restrictions, is no longer in the officer directory "
        "(5.1): pass it to the Policy and Information team, who name a replacement."
    )
    assert WorkItem(
        "officer_left",
        case_id,
        pendulum.date(2026, 3, 7),
        "Officer lwong, named by the restrictions, is no longer in the officer directory "
        "(5.1): name a replacement with reassign.",
    ) in after.work_queue(RECORDS)
    case = after.reassign(case_id, RECORDS, "lwong", "records", "Lee Wong has left the council.")
    assert case.restrictions == (r.SinglePointOfContact("records"),)
    assert case.review_due == pendulum.date(2026, 4, 30)
    assert case.decision is not None
    assert case.decision.kind is DecisionKind.REASSIGNMENT
    assert after.decide_contact(CUSTOMER.id, call, record=False, by=RECORDS).route_to == "records"
    assert [each.id for each in after.not_communicated(by=RECORDS)] == [case_id]
    assert [item.kind for item in after.work_queue(RECORDS)] == [
        "managers_not_informed",
        "not_communicated",
    ]


def test_an_officer_named_by_an_agreed_adjustment_who_left_is_flagged(
    clock: FrozenClock,
) -> None:
    """An agreed adjustment that a customer may telephone an officer who has
    since left is flagged like a restriction naming them: the contact goes
    to the Policy and Information team with a reason line, and the
    reviewers' queue says to name a replacement with reassign (5.1)."""
    lee = Officer("lwong", "Lee Wong", {Role.STAFF})
    staff = [MANAGER, DECIDER, DIRECTOR, RECORDS, lee]
    store = MemoryStore()
    casework = Casework(store, clock=clock, officers=staff)
    adjustment = Adjustment("Dyslexia: may telephone.", Channel.TELEPHONE, "lwong")
    case_id = _designated(casework, r.SingleContactMethod(Channel.EMAIL), adjustments=[adjustment])
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.advance(weeks=5)
    after = Casework(store, clock=clock, officers=staff[:-1])
    decision = after.decide_contact(
        CUSTOMER.id, Contact(Channel.TELEPHONE, clock.now()), by=RECORDS
    )
    assert (decision.allowed, decision.route_to, decision.route_to_role) == (
        True,
        None,
        Role.RECORDS,
    )
    assert decision.reasons[-1] == (
        "Officer lwong, named by these restrictions, is no longer in the officer directory "
        "(5.1): pass it to the Policy and Information team, who name a replacement."
    )
    assert WorkItem(
        "officer_left",
        case_id,
        pendulum.date(2026, 3, 7),
        "Officer lwong, named by an agreed adjustment, is no longer in the officer directory "
        "(5.1): name a replacement with reassign.",
    ) in after.work_queue(RECORDS)
