"""Issue 12's decisions in issue 11's safeguards: a decision of no action is
told to the customer like any other (6.1, 6.3), a member of staff's concern
waits in the work queue of the managers of their team (6.1), and the length
a decision sets (6.4) ends what applies, as the review day does (7.2)."""

import pendulum
import pytest

from contactpolicy import (
    CaseState,
    Casework,
    Channel,
    DecisionKind,
    FrozenClock,
    NoticeItem,
    Officer,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
    Role,
    WorkItem,
)
from contactpolicy.stores import MemoryStore

from conftest import CaseIn
from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    HEAD_OF_SERVICE,
    KEPT_UP,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    STAFF,
    incident,
)

LONDON = "Europe/London"
BECAUSE = "One billing cycle of calls."


def test_a_decision_of_no_action_waits_to_be_told_until_the_letter_is_recorded(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """6.1, 6.3: no action is a decision the customer is told of: it is in
    ``Case.decisions``, in ``not_communicated`` and in the records team's
    queue until the letter, covering why and the record kept, is recorded."""
    case = case_in(CaseState.WARNED)
    closed = casework.decide_no_action(case.id, DECIDER, "The bill was corrected.")
    assert [(each.kind, each.decided_by, each.restrictions) for each in closed.decisions] == [
        (DecisionKind.NO_ACTION, "decider", ())
    ]
    assert closed.awaiting_communication == clock.now()
    assert [each.id for each in casework.not_communicated()] == [case.id]
    assert casework.work_queue(RECORDS) == [
        WorkItem(
            "not_communicated",
            case.id,
            pendulum.date(2026, 1, 31),
            "The no action decision of 31 January 2026 is not recorded as communicated (6.3): "
            "write to the customer that no action will be taken under the policy, why, and "
            "that a record is kept (6.1, 7.4), then record it.",
        )
    ]
    told = casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    assert told.state is CaseState.CLOSED
    assert told.decisions[-1].communicated is not None
    assert told.decisions[-1].communicated.covered == {
        NoticeItem.WHY,
        NoticeItem.ELECTRONIC_RECORD,
    }
    assert told.designation is None
    assert (casework.not_communicated(), casework.work_queue(RECORDS)) == ([], [])


def test_a_withdrawn_request_has_no_decision_to_tell(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """6.1: a request the requester withdrew was never decided, so there is
    nothing to write to the customer about; the refusal writes nothing."""
    case = case_in(CaseState.REPORTED)
    closed = casework.close(case.id, MANAGER, "The bill was settled.")
    assert (closed.decisions, casework.not_communicated()) == ((), [])
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    assert refused.value.codes == ("no_decision",)
    assert len(casework.history(case.id)) == 2


def test_a_concern_waits_for_the_managers_of_the_raisers_team_until_taken_up(
    clock: FrozenClock,
) -> None:
    """6.1: the concern is an item for each manager of the team of the member
    of staff who raised it, and for nobody else; once a manager requests
    action it leaves the queue."""
    planning = Officer("pmanager", "Pat Manager", {Role.MANAGER}, team="Planning")
    casework = Casework(MemoryStore(), clock=clock)
    case = casework.raise_concern(CUSTOMER, [incident()], by=STAFF)
    waiting = WorkItem(
        "concern_raised",
        case.id,
        pendulum.date(2026, 1, 31),
        "A member of your team raised a concern about a customer on 31 January 2026 (6.1): "
        "request action under the policy, or close it.",
    )
    assert casework.work_queue(MANAGER) == [waiting]
    for officer in (planning, HEAD_OF_SERVICE, STAFF, DECIDER, RECORDS):
        assert casework.work_queue(officer) == []
    assert [each.id for each in casework.concerns(MANAGER)] == [case.id]
    casework.request(case.id, MANAGER, "council tax")
    assert casework.work_queue(MANAGER) == []


def test_restrictions_stop_after_the_length_decided_and_a_review_sets_the_next(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """6.4, 7.2: the restrictions in force end after the designation's
    ``ends_on``; a review that continues them with its own ``ends_on`` is
    recorded on the review's decision, which then governs; without one they
    run to the review day, then lapse. A continuation not yet told does not
    keep them past the end the customer was told of (6.3)."""
    case = case_in(CaseState.WARNED)
    ends = pendulum.date(2026, 3, 13)
    designated = casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls.",
        ends_on=ends,
        ends_on_because=BECAUSE,
        council_wide_because=EVERY_SERVICE,
    )
    assert designated.decisions[-1].ends_on == ends
    told = casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    last_day = pendulum.datetime(2026, 3, 13, 23, 59, tz=LONDON)
    after = pendulum.datetime(2026, 3, 14, 0, 0, tz=LONDON)
    assert told.restrictions_in_force(last_day) == RESTRICTIONS
    assert told.restrictions_in_force(after) == ()
    assert not told.lapsed(after)

    clock.set(pendulum.datetime(2026, 3, 2, 9, tz=LONDON))
    casework.start_review(case.id, RECORDS, ReviewTrigger.REQUESTED)
    continued = casework.complete_review(
        case.id,
        DECIDER,
        ReviewOutcome.CONTINUE,
        "Still calling daily.",
        overrides=KEPT_UP,
        ends_on=pendulum.date(2026, 4, 30),
        ends_on_because=BECAUSE,
    )
    decision = continued.decisions[-1]
    assert (decision.kind, decision.ends_on, decision.review_due) == (
        DecisionKind.REVIEW,
        pendulum.date(2026, 4, 30),
        pendulum.date(2026, 6, 2),
    )
    assert continued.designation is not None
    assert (continued.designation.ends_on, continued.designation.review_due) == (
        decision.ends_on,
        decision.review_due,
    )
    assert continued.restrictions_in_force(last_day) == RESTRICTIONS
    assert continued.restrictions_in_force(after) == ()

    clock.set(pendulum.datetime(2026, 3, 3, 9, tz=LONDON))
    told = casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    assert told.restrictions_in_force(after) == RESTRICTIONS
    assert told.restrictions_in_force(pendulum.datetime(2026, 5, 1, 0, 0, tz=LONDON)) == ()
    casework.start_review(case.id, RECORDS, ReviewTrigger.REQUESTED)
    open_ended = casework.complete_review(
        case.id, DECIDER, ReviewOutcome.CONTINUE, "Still calling.", overrides=KEPT_UP
    )
    assert (open_ended.decisions[-1].ends_on, open_ended.review_due) == (
        None,
        pendulum.date(2026, 6, 3),
    )
    on_review_day = pendulum.datetime(2026, 6, 3, 23, 59, tz=LONDON)
    assert open_ended.restrictions_in_force(on_review_day) == ()
    open_ended = casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    assert open_ended.restrictions_in_force(on_review_day) == RESTRICTIONS
    assert open_ended.restrictions_in_force(on_review_day.add(minutes=1)) == ()
    assert open_ended.lapsed(on_review_day.add(minutes=1))


def test_a_concern_from_a_team_with_no_manager_waits_for_heads_of_service_and_records(
    clock: FrozenClock,
) -> None:
    """6.1: with an officer directory in which the raiser's team has no
    manager, the concern is not lost: it waits for the heads of service and
    the Policy and Information team, and for no manager of another team."""
    kim = Officer("kdaly", "Kim Daly", {Role.STAFF}, team="Contact Centre")
    directory = [kim, MANAGER, HEAD_OF_SERVICE, DECIDER, RECORDS]
    casework = Casework(MemoryStore(), clock=clock, officers=directory)
    case = casework.raise_concern(CUSTOMER, [incident()], by=kim)
    waiting = WorkItem(
        "concern_raised",
        case.id,
        pendulum.date(2026, 1, 31),
        "A member of staff raised a concern about a customer on 31 January 2026 and their "
        "team has no manager in the officer directory (6.1): pass it to a manager, request "
        "action under the policy, or close it.",
    )
    assert casework.work_queue(HEAD_OF_SERVICE) == [waiting]
    assert casework.work_queue(RECORDS) == [waiting]
    assert casework.work_queue(MANAGER) == []
    assert casework.work_queue(kim) == []


def test_restrictions_whose_length_has_run_out_wait_to_be_lifted_or_reviewed(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """6.4: once the length decided for the restrictions has run out they no
    longer apply, and the still open case waits in the reviewers' queue to
    be lifted or reviewed; once lifted it is gone."""
    case = case_in(CaseState.WARNED)
    ends = pendulum.date(2026, 3, 13)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls.",
        ends_on=ends,
        ends_on_because=BECAUSE,
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)

    def ended_items(officer: Officer) -> list[WorkItem]:
        return [item for item in casework.work_queue(officer) if item.kind == "restrictions_ended"]

    clock.set(pendulum.datetime(2026, 3, 13, 12, tz=LONDON))
    assert ended_items(RECORDS) == []
    clock.set(pendulum.datetime(2026, 3, 14, 9, tz=LONDON))
    ended = WorkItem(
        "restrictions_ended",
        case.id,
        ends,
        "The restrictions ended after 13 March 2026, the length decided for them (6.4): they "
        "no longer apply; lift the case to record it, or review it.",
    )
    assert ended_items(RECORDS) == [ended]
    assert ended_items(DECIDER) == [ended]
    assert ended_items(MANAGER) == []
    casework.lift(case.id, DECIDER, "The length decided has run out.")
    assert ended_items(RECORDS) == []
