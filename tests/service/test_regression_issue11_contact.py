"""Regressions of issue 11 at the point of contact: the customer can always
reach the council, restrictions are scoped to services, agreed adjustments
are honoured, urgent calls never use up a call limit, refused and filed
correspondence is still read, new issues are remembered, and a contact is
judged by the restrictions of its time.

Each test is one finding of the issue, reproduced and now answered.
Designations are recorded as communicated before contacts are decided, as
the policy requires (6.3) before restrictions bite.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pendulum
import pytest

from contactpolicy import (
    Adjustment,
    AppealOutcome,
    Assessment,
    Behaviour,
    Case,
    Casework,
    Channel,
    Contact,
    ContactDecision,
    ContactPurpose,
    Customer,
    FrozenClock,
    Incident,
    InvalidInput,
    NewIssue,
    Officer,
    PreconditionsNotMet,
    ReadOutcome,
    ReviewOutcome,
    ReviewTrigger,
    Role,
    ToRead,
)
from contactpolicy.restrictions import (
    CallLimit,
    CallTimeLimit,
    ReadAndFile,
    Restriction,
    SingleContactMethod,
    SinglePointOfContact,
)
from contactpolicy.stores import MemoryStore

from support.builders import EVERY_SERVICE, KEPT_UP, warn_and_continue

START = pendulum.datetime(2026, 1, 5, 9, 30, tz="Europe/London")
DECIDED = START.add(weeks=2)
MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER})
HEAD_OF_POLICY = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER})
RECORDS = Officer("pi-team", "Pat Info", {Role.RECORDS})
LWONG = Officer("lwong", "Lee Wong", {Role.STAFF})
DIRECTOR = Officer("mobrien", "Morgan O'Brien", {Role.APPEAL_DECIDER})
SAM = Customer("CRM-1", "Sam Taylor", "12 Week Street")
PASSED = Assessment(
    issue_investigated=True,
    communications_adequate=True,
    no_significant_new_information=True,
    adjustments_considered=True,
)
ALL = frozenset(Channel)


def _casework() -> tuple[Casework, FrozenClock]:
    clock = FrozenClock(START)
    return Casework(MemoryStore(), clock=clock), clock


def _designate(
    casework: Casework,
    clock: FrozenClock,
    restrictions: Sequence[Restriction],
    issue: str = "council tax bill",
    **scope: Any,
) -> Case:
    """A case of Sam's about ``issue`` reported, warned, designated with
    ``restrictions`` (and ``scope``: services, adjustments) two weeks after
    the first report, and the decision communicated by letter."""
    evidence = Incident(Behaviour.EXCESSIVE_DEMANDS, START, Channel.TELEPHONE, "23 calls a day")
    case = casework.report(SAM, issue, [evidence], by=MANAGER)
    warn_and_continue(casework, case.id, MANAGER)
    clock.set(DECIDED)
    casework.designate(
        case.id,
        HEAD_OF_POLICY,
        PASSED,
        restrictions,
        "Persistent.",
        **{"council_wide_because": None if "services" in scope else EVERY_SERVICE, **scope},
    )
    return casework.record_communicated(case.id, RECORDS, DECIDED, Channel.LETTER)


def _contact(channel: Channel, clock: FrozenClock, **fields: Any) -> Contact:
    return Contact(channel, clock.now(), **fields)


def _failures(refused: pytest.ExceptionInfo[PreconditionsNotMet]) -> list[tuple[str, str]]:
    return [(failure.section, failure.code) for failure in refused.value.failures]


APPEAL_LINE = (
    "An appeal against the decision or its restrictions (8.1): accept, register and answer "
    "it whatever the restrictions, and pass it to the Policy and Information team."
)


def test_an_appeal_letter_is_not_filed_unread_under_read_and_file() -> None:
    """Finding: a letter appealing against the restriction was filed unread.
    It is accepted, registered, answered and passed to the Policy and
    Information team (8.1), and nothing waits to be read."""
    casework, clock = _casework()
    _designate(casework, clock, [ReadAndFile("lwong")])
    letter = _contact(Channel.LETTER, clock, purpose=ContactPurpose.APPEAL)
    assert casework.decide_contact(SAM.id, letter) == ContactDecision(
        route_to_role=Role.RECORDS, reasons=(APPEAL_LINE,), contact_id=1
    )
    assert casework.to_read() == []


def test_an_appeal_email_is_not_refused_under_a_single_contact_method() -> None:
    """Finding: an email appealing against the restriction was refused
    (telephone only). It gets through, though telephone stays the one method."""
    casework, clock = _casework()
    _designate(casework, clock, [SingleContactMethod(Channel.TELEPHONE)])
    email = _contact(Channel.EMAIL, clock, purpose=ContactPurpose.APPEAL)
    decision = casework.decide_contact(SAM.id, email)
    assert (decision.allowed, decision.register, decision.respond) == (True, True, True)
    assert (decision.route_to_role, decision.reasons) == (Role.RECORDS, (APPEAL_LINE,))
    assert decision.accepted_channels == {Channel.TELEPHONE}


@pytest.mark.parametrize(
    ("purpose", "line"),
    [
        (ContactPurpose.REVIEW_REQUEST, "A request to have the decision reviewed (6.3)"),
        (ContactPurpose.COMPLAINT_ABOUT_RESTRICTION, "A complaint about the restrictions (6.3)"),
        (ContactPurpose.DATA_REQUEST, "A data protection request (7.4)"),
    ],
)
def test_every_safeguard_purpose_gets_through(purpose: ContactPurpose, line: str) -> None:
    """Every purpose but an enquiry is accepted, registered, answered and
    routed to the Policy and Information team, whatever the restrictions."""
    casework, clock = _casework()
    _designate(casework, clock, [SingleContactMethod(Channel.LETTER), ReadAndFile("lwong")])
    decision = casework.decide_contact(SAM.id, _contact(Channel.EMAIL, clock, purpose=purpose))
    assert decision == ContactDecision(
        route_to_role=Role.RECORDS,
        reasons=(
            f"{line}: accept, register and answer it whatever the restrictions, and pass it "
            "to the Policy and Information team.",
        ),
        accepted_channels={Channel.LETTER},
        contact_id=1,
    )


def test_a_safeguarding_contact_is_escalated() -> None:
    """A safeguarding concern gets through and is escalated at once."""
    casework, clock = _casework()
    _designate(casework, clock, [SingleContactMethod(Channel.LETTER)])
    call = _contact(Channel.TELEPHONE, clock, purpose=ContactPurpose.SAFEGUARDING)
    decision = casework.decide_contact(SAM.id, call)
    assert (decision.allowed, decision.escalate, decision.route_to_role) == (
        True,
        True,
        Role.RECORDS,
    )
    assert decision.reasons[1] == (
        "A safeguarding concern (5.1): accept, register and answer it whatever the "
        "restrictions, and pass it to the Policy and Information team."
    )


def test_refused_correspondence_is_still_read() -> None:
    """Finding: refused correspondence was never read. An email refused
    under a telephone-only restriction waits for the single point of
    contact to read it; reading it with nothing new closes the item."""
    casework, clock = _casework()
    case = _designate(
        casework, clock, [SingleContactMethod(Channel.TELEPHONE), SinglePointOfContact("lwong")]
    )
    clock.advance(days=1)
    refused = casework.decide_contact(SAM.id, _contact(Channel.EMAIL, clock))
    assert (refused.allowed, refused.contact_id) == (False, 1)
    item = ToRead(1, clock.now(), Channel.EMAIL, reader="lwong")
    assert casework.to_read() == [(case.id, item)]
    assert casework.to_read(LWONG) == [(case.id, item)]
    assert casework.to_read(RECORDS) == []
    with pytest.raises(PreconditionsNotMet) as not_theirs:
        casework.record_read(1, Officer("kdaly", "Kim Daly", {Role.STAFF}), ReadOutcome.NOTHING_NEW)
    assert not_theirs.value.failures[0].message == (
        "this correspondence is read by officer lwong only, or by the Policy and Information "
        "team in their absence"
    )
    read = casework.record_read(1, LWONG, ReadOutcome.NOTHING_NEW)
    assert (read.to_read, read.new_issues) == ((), ())
    assert casework.to_read() == []
    event = casework.history(case.id)[-1]
    assert (event.kind, event.actor, dict(event.data)) == (
        "record_read",
        "lwong",
        {"contact_id": 1, "outcome": "nothing_new", "state": "designated"},
    )
    assert casework.verify(case.id).problems == ()


def test_filed_correspondence_is_read_by_the_read_and_file_officer() -> None:
    """A letter placed on file waits for the read-and-file officer, before the
    single point of contact; the audit trail records who opened it."""
    casework, clock = _casework()
    case = _designate(casework, clock, [SinglePointOfContact("spoc"), ReadAndFile("lwong")])
    filed = casework.decide_contact(SAM.id, _contact(Channel.LETTER, clock))
    assert (filed.allowed, filed.register, filed.respond) == (True, False, False)
    assert casework.to_read() == [(case.id, ToRead(1, DECIDED, Channel.LETTER, reader="lwong"))]
    assert casework.history(case.id)[-1].actor == "point-of-contact"


def test_correspondence_with_no_named_officer_is_read_by_the_policy_and_information_team() -> None:
    """With no read-and-file officer or single point of contact, the Policy
    and Information team reads it; another officer may not."""
    casework, clock = _casework()
    case = _designate(casework, clock, [SingleContactMethod(Channel.TELEPHONE)])
    casework.decide_contact(SAM.id, _contact(Channel.EMAIL, clock))
    assert casework.to_read(RECORDS) == [(case.id, ToRead(1, DECIDED, Channel.EMAIL))]
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_read(1, LWONG, ReadOutcome.NOTHING_NEW)
    assert _failures(refused) == [("5.1", "not_the_reader")]
    assert refused.value.failures[0].message == (
        "this correspondence is read by the Policy and Information team only"
    )
    assert casework.record_read(1, RECORDS, ReadOutcome.NOTHING_NEW).to_read == ()


@pytest.mark.parametrize(
    "outcome",
    [ReadOutcome.NEW_ISSUE, ReadOutcome.SIGNIFICANT_NEW_INFORMATION, ReadOutcome.SAFEGUARDING],
)
def test_what_reading_finds_waits_for_a_review(outcome: ReadOutcome) -> None:
    """A new issue, significant new information or a safeguarding concern
    found on reading leaves a marker until a review for a new issue starts."""
    casework, clock = _casework()
    case = _designate(casework, clock, [ReadAndFile("lwong")])
    casework.decide_contact(SAM.id, _contact(Channel.LETTER, clock))
    casework.record_read(1, LWONG, outcome)
    assert casework.new_issues() == [(case.id, NewIssue(1, DECIDED, outcome))]
    casework.start_review(case.id, RECORDS, ReviewTrigger.NEW_ISSUE)
    assert casework.new_issues() == []


def test_reading_names_a_contact_waiting_to_be_read() -> None:
    """An id that waits for nothing is ``InvalidInput``; a repeat under the
    same command id is applied once."""
    casework, clock = _casework()
    case = _designate(casework, clock, [ReadAndFile("lwong")])
    with pytest.raises(InvalidInput) as refused:
        casework.record_read(1, LWONG, ReadOutcome.NOTHING_NEW)
    assert str(refused.value) == (
        "[5.1] contact_id: names no correspondence waiting to be read, contact waiting to be "
        "acted on nor finding no review can take up (see to_read(), to_act_on() and "
        "new_issues())"
    )
    casework.decide_contact(SAM.id, _contact(Channel.LETTER, clock))
    first = casework.record_read(1, LWONG, ReadOutcome.NOTHING_NEW, command_id="read-1")
    again = casework.record_read(1, LWONG, ReadOutcome.NOTHING_NEW, command_id="read-1")
    assert first == again
    assert [event.kind for event in casework.history(case.id)][-2:] == [
        "contact_received",
        "record_read",
    ]


def _two_cases(casework: Casework, clock: FrozenClock) -> Case:
    """Sam's Revenues case, email only, and a second case about housing."""
    _designate(casework, clock, [SingleContactMethod(Channel.EMAIL)], services=["Revenues"])
    evidence = Incident(Behaviour.EXCESSIVE_DEMANDS, START, Channel.TELEPHONE, "Shouting")
    case = casework.report(SAM, "housing repair", [evidence], by=MANAGER)
    warn_and_continue(casework, case.id, MANAGER)
    return case


def test_two_cases_may_not_leave_the_customer_no_channel() -> None:
    """Finding: email only (Revenues) and telephone only (Housing), both
    council-wide, left no channel at all. Such a designation is refused."""
    casework, clock = _casework()
    _designate(casework, clock, [SingleContactMethod(Channel.EMAIL)])
    evidence = Incident(Behaviour.EXCESSIVE_DEMANDS, START, Channel.TELEPHONE, "Shouting")
    case = casework.report(SAM, "housing repair", [evidence], by=MANAGER)
    warn_and_continue(casework, case.id, MANAGER)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case.id,
            HEAD_OF_POLICY,
            PASSED,
            [SingleContactMethod(Channel.TELEPHONE)],
            "Calls.",
            council_wide_because=EVERY_SERVICE,
        )
    assert _failures(refused) == [("5.1", "no_channel_left")]
    assert refused.value.failures[0].message == (
        "with the restrictions on the customer's other cases, these would leave the customer "
        "no way to contact any service: allow a contact method they already have, scope the "
        "restrictions to services, or agree an adjustment"
    )
    assert casework.get(case.id).designation is None


def test_two_cases_scoped_to_their_services_each_leave_a_channel() -> None:
    """Scoped to Revenues and Housing, each service keeps its own method."""
    casework, clock = _casework()
    case = _two_cases(casework, clock)
    casework.designate(
        case.id,
        HEAD_OF_POLICY,
        PASSED,
        [SingleContactMethod(Channel.TELEPHONE)],
        "Calls.",
        services=["Housing"],
    )
    casework.record_communicated(case.id, RECORDS, DECIDED, Channel.LETTER)
    housing = casework.decide_contact(
        SAM.id, _contact(Channel.TELEPHONE, clock, department="housing")
    )
    revenues = casework.decide_contact(
        SAM.id, _contact(Channel.TELEPHONE, clock, department="Revenues")
    )
    assert (housing.allowed, housing.accepted_channels) == (True, frozenset({Channel.TELEPHONE}))
    assert (revenues.allowed, revenues.accepted_channels) == (False, frozenset({Channel.EMAIL}))


def test_a_scoped_restriction_that_would_leave_a_service_no_channel_is_refused() -> None:
    """Telephone only for every service, on top of email only for Revenues,
    leaves Revenues nothing: refused, naming the service."""
    casework, clock = _casework()
    case = _two_cases(casework, clock)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case.id,
            HEAD_OF_POLICY,
            PASSED,
            [SingleContactMethod(Channel.TELEPHONE)],
            "Calls.",
            council_wide_because="Several services involved.",
        )
    assert _failures(refused) == [("5.1", "no_channel_left")]
    assert "no way to contact the Revenues service" in refused.value.failures[0].message


def test_a_revenues_restriction_does_not_refuse_a_housing_repairs_call() -> None:
    """Finding: a Revenues restriction refused a call to Housing Repairs about
    a broken boiler and routed it to the Revenues officer. Scoped to
    Revenues, it does not touch the call."""
    casework, clock = _casework()
    _designate(
        casework,
        clock,
        [SingleContactMethod(Channel.EMAIL), SinglePointOfContact("rev-officer")],
        services=["Revenues"],
    )
    boiler = _contact(Channel.TELEPHONE, clock, department="Housing Repairs", issue="boiler")
    assert casework.decide_contact(SAM.id, boiler) == ContactDecision(contact_id=1)
    revenues = casework.decide_contact(
        SAM.id, _contact(Channel.TELEPHONE, clock, department="Revenues")
    )
    assert (revenues.allowed, revenues.route_to) == (False, "rev-officer")


def test_a_scoped_restriction_names_its_services_when_the_department_is_not_known() -> None:
    """With no department given, scoped restrictions are not applied and the
    reason line says which services they cover."""
    casework, clock = _casework()
    _designate(
        casework, clock, [SingleContactMethod(Channel.EMAIL)], services=["Revenues", "Benefits"]
    )
    decision = casework.decide_contact(SAM.id, _contact(Channel.TELEPHONE, clock))
    assert decision == ContactDecision(
        reasons=(
            "Restrictions cover contacts for Benefits and Revenues only (5.1): this contact's "
            "service is not known, so they are not applied; if it is for one of those "
            "services, decide it again naming the service.",
        ),
        contact_id=1,
    )


def test_a_designation_names_services_or_why_it_is_council_wide_not_both() -> None:
    """Services and a council-wide reason together contradict each other."""
    casework, _clock = _casework()
    evidence = Incident(Behaviour.EXCESSIVE_DEMANDS, START, Channel.TELEPHONE, "Shouting")
    case = casework.report(SAM, "bins", [evidence], by=MANAGER)
    warn_and_continue(casework, case.id, MANAGER)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case.id,
            HEAD_OF_POLICY,
            PASSED,
            [SingleContactMethod(Channel.EMAIL)],
            "Calls.",
            services=["Revenues"],
            council_wide_because="Risk to staff.",
        )
    assert _failures(refused) == [("5.1", "scope_conflict")]
    designated = casework.designate(
        case.id,
        HEAD_OF_POLICY,
        PASSED,
        [SingleContactMethod(Channel.EMAIL)],
        "Calls.",
        council_wide_because="Risk to staff.",
    )
    assert designated.designation is not None
    assert (designated.designation.services, designated.designation.council_wide_because) == (
        (),
        "Risk to staff.",
    )


DYSLEXIA = Adjustment(
    "May telephone her single point of contact instead of writing",
    channel=Channel.TELEPHONE,
    officer_id="lwong",
)


def test_the_agreed_adjustment_lets_a_dyslexic_customer_telephone() -> None:
    """Finding: the adjustment lived in free-text notes staff never saw, and
    her call was refused. Recorded on the designation, it keeps the
    telephone open to her single point of contact, and staff see it first."""
    casework, clock = _casework()
    case = _designate(
        casework,
        clock,
        [SingleContactMethod(Channel.EMAIL), SinglePointOfContact("lwong")],
        adjustments=[DYSLEXIA],
    )
    assert case.designation is not None
    assert case.designation.adjustments == (DYSLEXIA,)
    decision = casework.decide_contact(SAM.id, _contact(Channel.TELEPHONE, clock))
    assert decision == ContactDecision(
        route_to="lwong",
        reasons=(
            "Agreed reasonable adjustment (Equality Act 2010): May telephone her single point "
            "of contact instead of writing; telephone stays open; pass it to officer lwong.",
            "Contact is limited to email (5.1), but an agreed adjustment keeps telephone "
            "open: take it.",
            "Pass it to the single point of contact, officer lwong (5.1).",
        ),
        accepted_channels={Channel.EMAIL, Channel.TELEPHONE},
        contact_id=1,
    )
    letter = casework.decide_contact(SAM.id, _contact(Channel.LETTER, clock))
    assert (letter.allowed, letter.reasons[0]) == (
        False,
        "Contact is limited to email (5.1): do not accept this letter contact; "
        "tell the customer to use email.",
    )


def test_an_adjustment_keeps_its_channel_open_for_the_channel_check() -> None:
    """An adjustment's channel counts as a channel left: telephone only on one
    case and email only with a telephone adjustment on another is allowed."""
    casework, clock = _casework()
    _designate(casework, clock, [SingleContactMethod(Channel.EMAIL)], adjustments=[DYSLEXIA])
    evidence = Incident(Behaviour.EXCESSIVE_DEMANDS, START, Channel.TELEPHONE, "Shouting")
    case = casework.report(SAM, "housing repair", [evidence], by=MANAGER)
    warn_and_continue(casework, case.id, MANAGER)
    designated = casework.designate(
        case.id,
        HEAD_OF_POLICY,
        PASSED,
        [SingleContactMethod(Channel.TELEPHONE)],
        "Calls.",
        council_wide_because=EVERY_SERVICE,
    )
    assert designated.restrictions == (SingleContactMethod(Channel.TELEPHONE),)


def test_a_review_that_varies_may_change_the_adjustments_and_must_leave_a_channel() -> None:
    """A varying review records new adjustments; one that would leave no
    channel across the customer's cases is refused; other outcomes take
    neither."""
    casework, clock = _casework()
    case = _designate(casework, clock, [SingleContactMethod(Channel.EMAIL)])
    casework.start_review(case.id, RECORDS, ReviewTrigger.REQUESTED)
    with pytest.raises(PreconditionsNotMet) as unexpected:
        casework.complete_review(
            case.id,
            HEAD_OF_POLICY,
            ReviewOutcome.CONTINUE,
            "Same.",
            adjustments=[DYSLEXIA],
            overrides=KEPT_UP,
        )
    assert _failures(unexpected) == [("5.1", "scope_unexpected")]
    varied = casework.complete_review(
        case.id,
        HEAD_OF_POLICY,
        ReviewOutcome.VARY,
        "Dyslexia disclosed.",
        [SingleContactMethod(Channel.EMAIL)],
        adjustments=[DYSLEXIA],
        services=["Revenues"],
        overrides=KEPT_UP,
    )
    assert varied.designation is not None
    assert (varied.designation.adjustments, varied.designation.services) == (
        (DYSLEXIA,),
        ("Revenues",),
    )
    assert casework.verify(case.id).problems == ()


def test_an_appeal_varied_to_no_channel_is_refused() -> None:
    """An appeal decision that varies the restrictions must leave a channel;
    letter-only added on appeal also tightens, which an appeal may not do
    (8.1), and both are reported. (This test once expected only the first.)"""
    casework, clock = _casework()
    _designate(casework, clock, [SingleContactMethod(Channel.EMAIL)])
    evidence = Incident(Behaviour.EXCESSIVE_DEMANDS, START, Channel.TELEPHONE, "Shouting")
    other = casework.report(SAM, "housing repair", [evidence], by=MANAGER)
    warn_and_continue(casework, other.id, MANAGER)
    casework.designate(
        other.id,
        HEAD_OF_POLICY,
        PASSED,
        [SinglePointOfContact("lwong")],
        "Calls.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.appeal(other.id, RECORDS, "Too strict.")
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.decide_appeal(
            other.id,
            DIRECTOR,
            AppealOutcome.VARIED,
            "Letters only.",
            [SingleContactMethod(Channel.LETTER)],
            assessment=PASSED,
        )
    assert _failures(refused) == [("8.1", "appeal_tightens"), ("5.1", "no_channel_left")]


def test_an_urgent_safeguarding_call_does_not_use_up_the_only_call() -> None:
    """Finding: an urgent safeguarding call used up the customer's only call
    of the day. Urgent calls, and calls made for a safeguard, never count."""
    casework, clock = _casework()
    _designate(casework, clock, [CallLimit(1, pendulum.duration(days=1))])
    urgent = casework.decide_contact(SAM.id, _contact(Channel.TELEPHONE, clock, urgent=True))
    clock.advance(minutes=5)
    safeguarding = _contact(Channel.TELEPHONE, clock, purpose=ContactPurpose.SAFEGUARDING)
    assert casework.decide_contact(SAM.id, safeguarding).allowed
    clock.advance(minutes=5)
    ordinary = casework.decide_contact(SAM.id, _contact(Channel.TELEPHONE, clock))
    assert (urgent.allowed, urgent.escalate) == (True, True)
    assert (ordinary.allowed, ordinary.reasons) == (
        True,
        ("This is call 1 of at most 1 in any day (5.1).",),
    )
    clock.advance(minutes=5)
    assert not casework.decide_contact(SAM.id, _contact(Channel.TELEPHONE, clock)).allowed


def test_a_new_issue_is_remembered_until_a_new_issue_review_starts() -> None:
    """Finding: a new issue said "review needed" and was then forgotten. It
    leaves a marker that a scheduled review does not clear and a review for a
    new issue does."""
    casework, clock = _casework()
    case = _designate(casework, clock, [SingleContactMethod(Channel.EMAIL)])
    clock.advance(days=3)
    raised = clock.now()
    new = _contact(Channel.EMAIL, clock, issue="housing repair", new_issue=True)
    assert casework.decide_contact(SAM.id, new).review_required
    marker = NewIssue(1, raised, ReadOutcome.NEW_ISSUE, "housing repair")
    assert casework.new_issues() == [(case.id, marker)]
    assert casework.get(case.id).new_issues == (marker,)
    clock.set(pendulum.datetime(2026, 4, 19, 9, tz="Europe/London"))
    casework.start_review(case.id, RECORDS, ReviewTrigger.SCHEDULED)
    assert casework.new_issues() == [(case.id, marker)]
    casework.complete_review(
        case.id, HEAD_OF_POLICY, ReviewOutcome.CONTINUE, "Still needed.", overrides=KEPT_UP
    )
    casework.start_review(case.id, RECORDS, ReviewTrigger.NEW_ISSUE)
    assert casework.new_issues() == []


def test_a_back_dated_contact_is_judged_by_the_restrictions_of_its_time() -> None:
    """Finding: a back-dated contact was judged by today's restrictions. A
    call made before the designation is not refused by it; one made before
    the lift is judged by the restrictions then in force."""
    casework, clock = _casework()
    case = _designate(casework, clock, [SingleContactMethod(Channel.EMAIL)])
    clock.advance(days=10)
    before = Contact(Channel.TELEPHONE, DECIDED.subtract(days=1))
    assert casework.decide_contact(SAM.id, before, record=False) == ContactDecision()
    casework.lift(case.id, HEAD_OF_POLICY, "Contact is now reasonable.")
    clock.advance(days=1)
    while_restricted = Contact(Channel.TELEPHONE, DECIDED.add(days=2))
    assert not casework.decide_contact(SAM.id, while_restricted, record=False).allowed
    assert casework.decide_contact(SAM.id, _contact(Channel.TELEPHONE, clock)).allowed


def test_a_back_dated_filed_letter_on_a_lifted_case_is_still_read() -> None:
    """A letter received while read-and-file applied, logged after the lift,
    still waits to be read."""
    casework, clock = _casework()
    case = _designate(casework, clock, [ReadAndFile("lwong")])
    clock.advance(days=10)
    casework.lift(case.id, HEAD_OF_POLICY, "Contact is now reasonable.")
    letter = Contact(Channel.LETTER, DECIDED.add(days=2))
    assert not casework.decide_contact(SAM.id, letter).respond
    assert casework.to_read() == [
        (case.id, ToRead(1, DECIDED.add(days=2), Channel.LETTER, reader="lwong"))
    ]
    assert casework.new_issues() == []


def test_a_contact_dated_in_the_future_is_refused() -> None:
    """Finding: a contact dated in the future was logged. It is
    ``InvalidInput`` naming the field, and nothing is logged."""
    casework, clock = _casework()
    _designate(casework, clock, [SingleContactMethod(Channel.EMAIL)])
    later = Contact(Channel.TELEPHONE, clock.now().add(seconds=1))
    with pytest.raises(InvalidInput) as refused:
        casework.decide_contact(SAM.id, later)
    now = clock.now().isoformat()
    assert str(refused.value) == (
        f"[7.4] contact.at: the contact ({later.at.isoformat()}) is later than now ({now}) "
        "by 1 second; records must be accurate"
    )
    assert casework.store.contacts(SAM.id) == []


def test_contact_ids_count_up_from_one() -> None:
    """Each logged contact's id is the log's, one more than the one before."""
    casework, clock = _casework()
    ids = [
        casework.decide_contact(SAM.id, _contact(Channel.TELEPHONE, clock)).contact_id
        for _ in range(3)
    ]
    preview = casework.decide_contact(SAM.id, _contact(Channel.EMAIL, clock), record=False)
    assert (ids, preview.contact_id) == ([1, 2, 3], None)


@pytest.mark.parametrize("services", [None, []], ids=["not given", "none named"])
def test_a_designation_naming_neither_services_nor_a_council_wide_reason_is_refused(
    services: list[str] | None,
) -> None:
    """Finding: a designation that named no service silently covered every
    service. It must name the services or record why it must be
    council-wide (5.1): ``scope_missing``, and nothing is written."""
    casework, _ = _casework()
    evidence = Incident(Behaviour.EXCESSIVE_DEMANDS, START, Channel.TELEPHONE, "23 calls a day")
    case = casework.report(SAM, "council tax bill", [evidence], by=MANAGER)
    warned = warn_and_continue(casework, case.id, MANAGER)
    history = casework.history(case.id)
    scope: dict[str, Any] = {} if services is None else {"services": services}
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case.id, HEAD_OF_POLICY, PASSED, [SingleContactMethod(Channel.EMAIL)], "P.", **scope
        )
    assert _failures(refused) == [("5.1", "scope_missing")]
    assert refused.value.failures[0].message == (
        "name the services the restrictions cover, or record why they must be council-wide"
    )
    assert (casework.get(case.id), casework.history(case.id)) == (warned, history)


def test_a_varying_review_keeps_the_scope_unless_it_names_a_new_one() -> None:
    """A varying review that gives no scope keeps the designation's services;
    one that names no service and no council-wide reason is refused
    (``scope_missing``, 5.1)."""
    casework, clock = _casework()
    case = _designate(casework, clock, [SingleContactMethod(Channel.EMAIL)], services=["Revenues"])
    casework.start_review(case.id, RECORDS, ReviewTrigger.REQUESTED)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.complete_review(
            case.id,
            HEAD_OF_POLICY,
            ReviewOutcome.VARY,
            "Same.",
            [SingleContactMethod(Channel.EMAIL)],
            services=[],
            overrides=KEPT_UP,
        )
    assert _failures(refused) == [("5.1", "scope_missing")]
    varied = casework.complete_review(
        case.id,
        HEAD_OF_POLICY,
        ReviewOutcome.VARY,
        "Shorter calls.",
        [SingleContactMethod(Channel.EMAIL), CallTimeLimit(20)],
        assessment=PASSED,
        overrides=KEPT_UP,
    )
    assert varied.designation is not None
    assert (varied.designation.services, varied.designation.council_wide_because) == (
        ("Revenues",),
        None,
    )
