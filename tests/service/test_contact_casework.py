"""``Casework.decide_contact`` on real cases driven through the lifecycle:
restrictions in force while designated, reviewed or appealed and gone once
lifted, call limits counted from the contact log, and the log itself."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import pendulum
import pytest

from contactpolicy import (
    MAIDSTONE,
    AppealOutcome,
    Assessment,
    Behaviour,
    Case,
    CaseState,
    Casework,
    Channel,
    Contact,
    ContactDecision,
    Customer,
    FrozenClock,
    Incident,
    InvalidInput,
    LoggedContact,
    Officer,
    Policy,
    ReviewOutcome,
    ReviewTrigger,
    Role,
    lifecycle,
)
from contactpolicy.restrictions import (
    CallLimit,
    Restriction,
    SingleContactMethod,
    SinglePointOfContact,
)
from contactpolicy.stores import MemoryStore

from support.builders import EVERY_SERVICE, KEPT_UP, PASSED

START = pendulum.datetime(2026, 1, 5, 9, 30, tz="Europe/London")
MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER})
HEAD_OF_POLICY = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER})
RECORDS = Officer("lwong", "Lee Wong", {Role.RECORDS})
DIRECTOR = Officer("mobrien", "Morgan O'Brien", {Role.APPEAL_DECIDER})
SAM = Customer("CRM-1", "Sam Taylor", "12 Week Street")
EMAIL_ONLY = "Contact is limited to email (5.1)."
INCIDENT = "Called 23 times in one day about the same bill."


def designated(
    restrictions: Sequence[Restriction],
    store: MemoryStore | None = None,
    policy: Policy = MAIDSTONE,
) -> tuple[Casework, FrozenClock, Case]:
    """A case of Sam's reported, warned and designated with ``restrictions``,
    the decision communicated to Sam by letter at once (6.3)."""
    clock = FrozenClock(START)
    casework = Casework(store or MemoryStore(), policy, clock=clock)
    evidence = Incident(Behaviour.EXCESSIVE_DEMANDS, START, Channel.TELEPHONE, INCIDENT)
    case = casework.report(SAM, "council tax bill", [evidence], by=MANAGER)
    casework.warn(case.id, MANAGER, Channel.LETTER)
    clock.advance(weeks=2)
    after = Incident(Behaviour.EXCESSIVE_DEMANDS, clock.now(), Channel.TELEPHONE, INCIDENT)
    casework.add_incident(case.id, after, MANAGER)
    case = casework.designate(
        case.id,
        HEAD_OF_POLICY,
        Assessment(
            issue_investigated=True,
            communications_adequate=True,
            no_significant_new_information=True,
            adjustments_considered=True,
        ),
        restrictions,
        "Persistent calls continued after the warning.",
        council_wide_because=EVERY_SERVICE,
    )
    case = casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    return casework, clock, case


def contact(clock: FrozenClock, channel: Channel = Channel.TELEPHONE, **fields: Any) -> Contact:
    return Contact(channel, clock.now(), **fields)


def test_a_customer_without_a_case_is_allowed_and_logged() -> None:
    """No case, no restriction, and the one reason line says that no case is
    recorded for the reference, so that a typo is noticed; the contact is
    logged with the decision given, under the id the decision names."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    call = contact(clock)
    unknown = ContactDecision(
        reasons=("No case is recorded for customer reference CRM-7: check the reference.",)
    )
    assert casework.decide_contact("CRM-7", call) == attrs.evolve(unknown, contact_id=1)
    assert casework.store.contacts("CRM-7") == [LoggedContact("CRM-7", call, unknown, START)]


def test_a_designated_customer_gets_the_handling_instruction_not_the_file() -> None:
    """The decision carries the restriction, never the incidents or reasons on file."""
    casework, clock, _ = designated([SingleContactMethod(Channel.EMAIL)])
    decision = casework.decide_contact(SAM.id, contact(clock))
    assert (decision.allowed, decision.accepted_channels) == (False, frozenset({Channel.EMAIL}))
    assert decision.reasons == (
        "Contact is limited to email (5.1): do not accept this telephone contact; "
        "tell the customer to use email.",
    )
    assert casework.decide_contact(SAM.id, contact(clock, Channel.EMAIL)).reasons == (EMAIL_ONLY,)


def test_restrictions_stay_in_force_during_an_appeal_and_go_when_it_is_allowed() -> None:
    """Appealed restrictions still apply (8.1); an allowed appeal removes them."""
    casework, clock, case = designated([SingleContactMethod(Channel.EMAIL)])
    casework.appeal(case.id, RECORDS, "Email is hard for me.")
    appealed = casework.decide_contact(SAM.id, contact(clock))
    assert (appealed.allowed, casework.get(case.id).state) == (False, CaseState.APPEALED)
    casework.decide_appeal(case.id, DIRECTOR, AppealOutcome.ALLOWED, "Disproportionate.")
    assert casework.decide_contact(SAM.id, contact(clock)) == ContactDecision(contact_id=2)


def test_restrictions_go_when_lifted() -> None:
    """Once lifted, the customer is simply allowed again (7.2)."""
    casework, clock, case = designated([SinglePointOfContact("lwong")])
    assert casework.decide_contact(SAM.id, contact(clock)).route_to == "lwong"
    casework.lift(case.id, HEAD_OF_POLICY, "Contact is now reasonable.")
    assert casework.decide_contact(SAM.id, contact(clock)) == ContactDecision(contact_id=2)


def test_a_varied_review_changes_the_handling() -> None:
    """After a review varies the restrictions, the new ones apply once the
    customer is told of them (6.3); until then, only what both the old and
    the new allow: another single contact method, neither."""
    casework, clock, case = designated([SingleContactMethod(Channel.EMAIL)])
    casework.start_review(case.id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(
        case.id,
        HEAD_OF_POLICY,
        ReviewOutcome.VARY,
        "Letters suit the customer better.",
        [SingleContactMethod(Channel.LETTER)],
        assessment=PASSED,
        overrides=KEPT_UP,
    )
    before = casework.decide_contact(SAM.id, contact(clock, Channel.EMAIL))
    assert (before.allowed, before.accepted_channels) == (True, frozenset(Channel))
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    decision = casework.decide_contact(SAM.id, contact(clock, Channel.EMAIL))
    assert (decision.allowed, decision.accepted_channels) == (False, frozenset({Channel.LETTER}))


def test_call_limit_is_counted_from_the_contact_log() -> None:
    """Two calls a day: the third is refused, and calls are taken again a day
    after the first; refused calls do not count."""
    casework, clock, _ = designated([CallLimit(2, pendulum.duration(days=1))])
    taken = []
    for _ in range(4):
        taken.append(casework.decide_contact(SAM.id, contact(clock)).allowed)
        clock.advance(hours=1)
    assert taken == [True, True, False, False]
    clock.set(START.add(weeks=2, days=1))
    assert casework.decide_contact(SAM.id, contact(clock)).reasons == (
        "This is call 2 of at most 2 in any day (5.1).",
    )


def test_a_preview_is_not_logged() -> None:
    """``record=False`` decides without writing anything."""
    casework, clock, _ = designated([CallLimit(1, pendulum.duration(days=1))])
    for _ in range(3):
        assert casework.decide_contact(SAM.id, contact(clock), record=False).allowed
    assert casework.store.contacts(SAM.id) == []


def test_a_new_issue_asks_for_a_review_that_can_then_start() -> None:
    """A new issue is registered and answered; the review it asks for starts
    with the 7.3 trigger, and the restrictions stay in force meanwhile."""
    casework, clock, case = designated([SingleContactMethod(Channel.EMAIL)])
    decision = casework.decide_contact(SAM.id, contact(clock, issue="housing", new_issue=True))
    assert (decision.allowed, decision.register, decision.respond) == (True, True, True)
    assert decision.review_required is True
    reviewed = casework.start_review(case.id, RECORDS, ReviewTrigger.NEW_ISSUE)
    assert reviewed.state is CaseState.UNDER_REVIEW
    assert casework.decide_contact(SAM.id, contact(clock)).allowed is False


def test_an_urgent_concern_is_taken_and_escalated() -> None:
    """A safeguarding concern is taken whatever the restrictions, and escalated."""
    casework, clock, _ = designated([SingleContactMethod(Channel.EMAIL)])
    decision = casework.decide_contact(SAM.id, contact(clock, urgent=True))
    assert (decision.allowed, decision.respond, decision.escalate) == (True, True, True)


def test_deciding_builds_no_state_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path reads the cases and decides; it never builds a lifecycle machine."""
    casework, clock, _ = designated([CallLimit(3, pendulum.duration(days=1))])

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a state machine was built")

    monkeypatch.setattr(lifecycle.Lifecycle, "__init__", refuse)
    assert casework.decide_contact(SAM.id, contact(clock)).allowed is True


def test_the_log_is_read_only_for_calls_under_a_call_limit() -> None:
    """The contact log is read once for a call under a call limit, over the
    limit's period, and not at all for anything else."""
    reads: list[pendulum.DateTime | None] = []

    class Counting(MemoryStore):
        def contacts(
            self, customer_id: str, since: pendulum.DateTime | None = None
        ) -> list[LoggedContact]:
            reads.append(since)
            return super().contacts(customer_id, since)

    casework, clock, _ = designated([CallLimit(3, pendulum.duration(days=1))], Counting())
    casework.decide_contact(SAM.id, contact(clock, Channel.EMAIL))
    casework.decide_contact("CRM-7", contact(clock))
    assert reads == []
    casework.decide_contact(SAM.id, contact(clock))
    assert reads == [clock.now().subtract(days=1)]


@pytest.mark.parametrize(
    ("customer_id", "given", "field"),
    [("", "call", "customer_id"), (7, "call", "customer_id"), ("CRM-1", "text", "contact")],
)
def test_malformed_input_is_refused_and_nothing_is_logged(
    customer_id: Any, given: str, field: str
) -> None:
    """A blank or non-text customer id, or something that is not a Contact, is
    InvalidInput naming the field; nothing is logged."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    value: Any = contact(clock) if given == "call" else "a phone call"
    with pytest.raises(InvalidInput) as raised:
        casework.decide_contact(customer_id, value)
    assert raised.value.field == field
    assert casework.store.contacts("CRM-1") == []


def test_an_overdue_review_is_said_at_the_point_of_contact() -> None:
    """7.2: under a policy that lets restrictions continue past their review
    date, a restriction still applies, and staff are told the review is
    overdue; on the due day itself it is not yet overdue."""
    continuing = Policy(on_review_overdue="continue")
    casework, clock, case = designated([SingleContactMethod(Channel.EMAIL)], policy=continuing)
    assert case.designation is not None
    assert case.designation.review_due == pendulum.date(2026, 4, 19)
    clock.set(pendulum.datetime(2026, 4, 19, 23, 59, tz="Europe/London"))
    assert casework.decide_contact(SAM.id, contact(clock, Channel.EMAIL)).reasons == (EMAIL_ONLY,)
    clock.set(pendulum.datetime(2026, 4, 20, 0, 1, tz="Europe/London"))
    late = casework.decide_contact(SAM.id, contact(clock))
    assert late.allowed is False
    assert (late.overdue, late.lapsed) == (True, False)
    assert late.review_required is False
    assert late.reasons[0] == (
        "The review of these restrictions was due on 19 April 2026 and is overdue (7.2): "
        "tell the Policy and Information team."
    )
