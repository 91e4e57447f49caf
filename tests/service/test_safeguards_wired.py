"""The two halves of the safeguards working together: items to read and new
issues in the work queue, the contact decision asking the restrictions in
force with their services and adjustments, the no-channel check counting
what is told on other cases, and the officer directory for adjustments and
reading (5.1, 6.3, 7.2, 7.3)."""

import pendulum
import pytest

from contactpolicy import (
    Adjustment,
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
    Officer,
    Policy,
    PreconditionsNotMet,
    ReadOutcome,
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
    EVERY_SERVICE,
    KEPT_UP,
    MANAGER,
    PASSED,
    RECORDS,
    incident,
    warn_and_continue,
)

LONDON = "Europe/London"
DAY = pendulum.duration(days=1)
UNTOLD = (
    "Decision not yet communicated (6.3): handle it normally and tell the Policy and "
    "Information team."
)


def _warned(casework: Casework, issue: str = "council tax") -> str:
    case = casework.report(CUSTOMER, issue, [incident()], by=MANAGER)
    warn_and_continue(casework, case.id, MANAGER)
    return case.id


def _told(casework: Casework, clock: FrozenClock, chosen: list[r.Restriction]) -> str:
    case_id = _warned(casework)
    casework.designate(
        case_id, DECIDER, PASSED, chosen, "Letters continued.", council_wide_because=EVERY_SERVICE
    )
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    return case_id


def _kinds(casework: Casework, officer: Officer) -> set[tuple[str, str | None]]:
    return {(item.kind, item.case_id) for item in casework.work_queue(officer)}


def test_filed_correspondence_is_a_work_item_for_its_reader_until_read(
    casework: Casework, clock: FrozenClock
) -> None:
    """An email placed on file waits in the read-and-file officer's queue,
    not the team's, and leaves it once read (5.1)."""
    case_id = _told(casework, clock, [r.ReadAndFile("decider")])
    filed = casework.decide_contact(CUSTOMER.id, Contact(Channel.EMAIL, clock.now()), by=RECORDS)
    assert (filed.respond, filed.contact_id) == (False, 1)
    assert [item for item in casework.work_queue(DECIDER) if item.kind == "to_read"] == [
        WorkItem(
            "to_read",
            case_id,
            pendulum.date(2026, 1, 31),
            "Read the email received on 31 January 2026 that the restrictions refused or "
            "placed on file (5.1), for a new issue, significant new information or a "
            "safeguarding concern; record what it held (contact 1).",
            contact_id=1,
        )
    ]
    assert ("to_read", case_id) not in _kinds(casework, RECORDS)
    casework.record_read(1, DECIDER, ReadOutcome.NOTHING_NEW)
    assert ("to_read", case_id) not in _kinds(casework, DECIDER)


def test_correspondence_whose_reader_left_waits_for_the_team(clock: FrozenClock) -> None:
    """With a directory, an item to read named to an officer no longer in it
    goes to the Policy and Information team, so it is never nobody's."""
    amir = Officer("amir", "Amir Shah", {Role.STAFF})
    store = MemoryStore()
    casework = Casework(store, clock=clock, officers=[MANAGER, DECIDER, RECORDS, amir])
    case_id = _told(casework, clock, [r.ReadAndFile("amir")])
    casework.decide_contact(CUSTOMER.id, Contact(Channel.LETTER, clock.now()), by=RECORDS)
    assert ("to_read", case_id) not in _kinds(casework, RECORDS)
    left = Casework(store, clock=clock, officers=[MANAGER, DECIDER, RECORDS])
    assert {("to_read", case_id), ("officer_left", case_id)} <= _kinds(left, RECORDS)


def test_a_new_issue_is_a_work_item_until_a_review_for_it_starts(
    casework: Casework, clock: FrozenClock
) -> None:
    """7.3: the marker a new issue leaves is in the queue of the Policy and
    Information team and the decision maker until a new-issue review starts."""
    case_id = _told(casework, clock, [r.SingleContactMethod(Channel.EMAIL)])
    raised = Contact(Channel.EMAIL, clock.now(), issue="housing repair", new_issue=True)
    assert casework.decide_contact(CUSTOMER.id, raised, by=RECORDS).review_required
    [item] = [item for item in casework.work_queue(RECORDS) if item.kind == "new_issue"]
    assert item.summary == (
        "A new issue was raised on 31 January 2026 (7.3): start a review for a new issue "
        "(contact 1)."
    )
    assert ("new_issue", case_id) in _kinds(casework, DECIDER)
    casework.start_review(case_id, RECORDS, ReviewTrigger.NEW_ISSUE)
    assert ("new_issue", case_id) not in _kinds(casework, RECORDS)


def test_a_scoped_designation_bites_only_once_told(casework: Casework, clock: FrozenClock) -> None:
    """A Revenues-only designation not yet communicated is not enforced on a
    Revenues call and says so (6.3); once told, it refuses that call and
    still leaves Housing alone (5.1)."""
    case_id = _warned(casework)
    casework.designate(
        case_id,
        DECIDER,
        PASSED,
        [r.SingleContactMethod(Channel.EMAIL)],
        "Calls continued.",
        services=["Revenues"],
    )
    call = Contact(Channel.TELEPHONE, clock.now(), department="Revenues")
    untold = casework.decide_contact(CUSTOMER.id, call, record=False, by=RECORDS)
    assert (untold.allowed, untold.reasons) == (True, (UNTOLD,))
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    assert not casework.decide_contact(CUSTOMER.id, call, record=False, by=RECORDS).allowed
    housing = Contact(Channel.TELEPHONE, clock.now(), department="Housing")
    assert casework.decide_contact(CUSTOMER.id, housing, record=False, by=RECORDS).reasons == ()


def test_an_agreed_adjustment_applies_only_with_the_told_restrictions(
    casework: Casework, clock: FrozenClock
) -> None:
    """Past the review day under "lapse" nothing applies, the adjustment's
    line included: the decision says the restrictions lapsed (7.2)."""
    case_id = _warned(casework)
    casework.designate(
        case_id,
        DECIDER,
        PASSED,
        [r.SingleContactMethod(Channel.EMAIL)],
        "Calls continued.",
        adjustments=[Adjustment("May telephone instead of writing", Channel.TELEPHONE)],
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    call = Contact(Channel.TELEPHONE, clock.now())
    assert casework.decide_contact(CUSTOMER.id, call, record=False, by=RECORDS).reasons[0] == (
        "Agreed reasonable adjustment (Equality Act 2010): May telephone instead of "
        "writing; telephone stays open."
    )
    clock.set(pendulum.datetime(2026, 5, 1, 9, tz=LONDON))
    later = casework.decide_contact(
        CUSTOMER.id, Contact(Channel.TELEPHONE, clock.now()), record=False, by=RECORDS
    )
    assert (later.lapsed, later.reasons) == (
        True,
        (
            "Restrictions lapsed at the end of their review day, 30 April 2026, with no "
            "completed review (7.2): handle it normally and tell the Policy and "
            "Information team.",
        ),
    )


def test_an_appeal_letter_on_an_overdue_case_still_says_the_review_is_overdue(
    clock: FrozenClock,
) -> None:
    """Under "continue", a contact made for a safeguard gets through to the
    Policy and Information team and carries the review clock (7.2, 8.1)."""
    casework = Casework(MemoryStore(), Policy(on_review_overdue="continue"), clock)
    _told(casework, clock, [r.ReadAndFile("records")])
    clock.set(pendulum.datetime(2026, 5, 1, 9, tz=LONDON))
    letter = Contact(Channel.LETTER, clock.now(), purpose=ContactPurpose.APPEAL)
    decision = casework.decide_contact(CUSTOMER.id, letter, record=False, by=RECORDS)
    assert (decision.respond, decision.route_to_role, decision.overdue) == (
        True,
        Role.RECORDS,
        True,
    )
    assert decision.reasons[-1] == (
        "The review of these restrictions was due on 30 April 2026 and is overdue (7.2): "
        "tell the Policy and Information team."
    )


def test_no_channel_left_counts_what_another_case_was_told(
    casework: Casework, clock: FrozenClock
) -> None:
    """A variation not yet told leaves the told email-only restriction in
    force; a telephone-only designation on another case would leave the
    customer nothing meanwhile, so it is refused (5.1)."""
    revenues = _told(casework, clock, [r.SingleContactMethod(Channel.EMAIL)])
    casework.start_review(revenues, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(
        revenues,
        DECIDER,
        ReviewOutcome.VARY,
        "Calls on a new issue kept short.",
        [r.SingleContactMethod(Channel.EMAIL), r.CallTimeLimit(10)],
        assessment=PASSED,
        overrides=KEPT_UP,
    )
    now = clock.now()
    assert casework.get(revenues, by=RECORDS).restrictions_in_force(now) == (
        r.SingleContactMethod(Channel.EMAIL),
    )
    housing = _warned(casework, "housing repair")
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            housing,
            DECIDER,
            PASSED,
            [r.SingleContactMethod(Channel.TELEPHONE)],
            "Letters.",
            council_wide_because=EVERY_SERVICE,
        )
    assert [(f.section, f.code) for f in refused.value.failures] == [("5.1", "no_channel_left")]


def test_an_adjustment_naming_an_officer_not_in_the_directory_is_refused(
    clock: FrozenClock,
) -> None:
    """With a directory, the officer an agreed adjustment names must be in it,
    as the restrictions' officers must (5.1)."""
    casework = Casework(MemoryStore(), clock=clock, officers=[MANAGER, DECIDER, RECORDS])
    case_id = _warned(casework)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case_id,
            DECIDER,
            PASSED,
            [r.SingleContactMethod(Channel.EMAIL)],
            "Calls continued.",
            adjustments=[Adjustment("May telephone", Channel.TELEPHONE, "ghost")],
            council_wide_because=EVERY_SERVICE,
        )
    assert [failure.message for failure in refused.value.failures] == [
        "the restrictions name officer ghost, who is not in the officer directory"
    ]


def test_reading_takes_the_readers_roles_from_the_directory(clock: FrozenClock) -> None:
    """An officer claiming the Policy and Information team's role, which the
    directory does not give them, may not read another officer's item (5.1)."""
    pretender = Officer("amir", "Amir Shah", {Role.STAFF})
    casework = Casework(MemoryStore(), clock=clock, officers=[MANAGER, DECIDER, RECORDS, pretender])
    _told(casework, clock, [r.ReadAndFile("decider")])
    casework.decide_contact(CUSTOMER.id, Contact(Channel.EMAIL, clock.now()), by=RECORDS)
    claimed = Officer("amir", "Amir Shah", {Role.RECORDS})
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_read(1, claimed, ReadOutcome.NOTHING_NEW)
    assert [failure.code for failure in refused.value.failures] == ["not_the_reader"]
