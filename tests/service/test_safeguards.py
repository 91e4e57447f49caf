"""The safeguards' commands and queries: ``record_communicated`` against the
latest decision, ``reassign``, ``due_reviews(within=)``, the officer
directory and the work queue (6.3, 7.2, 7.4, 5.1, 8.1, 9.1)."""

import pendulum
import pytest

from contactpolicy import (
    AppealOutcome,
    Casework,
    Channel,
    Contact,
    DecisionKind,
    FrozenClock,
    InvalidInput,
    NotAuthorised,
    NoticeItem,
    Officer,
    Policy,
    PreconditionsNotMet,
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
    RESTRICTIONS,
    incident,
    warn_and_continue,
)

LONDON = "Europe/London"


def _designated(casework: Casework) -> str:
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls continued.",
        council_wide_because=EVERY_SERVICE,
    )
    return case.id


def _codes(refused: pytest.ExceptionInfo[PreconditionsNotMet]) -> list[str]:
    return [failure.code for failure in refused.value.failures]


def test_communication_is_in_writing_only(casework: Casework, clock: FrozenClock) -> None:
    """6.3 "will write to the customer": a telephone call is not a record of
    the decision being communicated, and nothing is written."""
    case_id = _designated(casework)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_communicated(case_id, RECORDS, clock.now(), Channel.TELEPHONE)
    assert _codes(refused) == ["not_in_writing"]
    assert refused.value.failures[0].section == "6.3"
    assert len(casework.history(case_id, by=RECORDS)) == 4


def test_a_letter_missing_an_item_the_decision_needs_is_refused(
    casework: Casework, clock: FrozenClock
) -> None:
    """A restricting decision's letter covers the whole 6.3/7.4 checklist; one
    that left out the right of appeal and the Ombudsman is refused, naming
    both."""
    case_id = _designated(casework)
    partial = set(NoticeItem) - {NoticeItem.REVIEW_OR_APPEAL, NoticeItem.OMBUDSMAN}
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER, covered=partial)
    assert _codes(refused) == ["notice_incomplete"]
    assert refused.value.failures[0].message == (
        "the letter must also cover: ombudsman, review_or_appeal (6.3, 7.4, 8.1)"
    )


def test_the_communication_records_the_checklist_covered(
    casework: Casework, clock: FrozenClock
) -> None:
    """By default the whole checklist the decision needs is recorded as
    covered; an ended decision needs only why and the electronic record."""
    case_id = _designated(casework)
    told = casework.record_communicated(case_id, RECORDS, clock.now(), Channel.EMAIL)
    assert told.decision is not None
    assert told.decision.communicated is not None
    assert told.decision.communicated.covered == frozenset(NoticeItem)
    assert told.designation is not None
    assert told.designation.communicated == told.decision.communicated
    casework.lift(case_id, DECIDER, "Contact is now reasonable.")
    ending = {NoticeItem.WHY, NoticeItem.ELECTRONIC_RECORD}
    lifted = casework.record_communicated(
        case_id, RECORDS, clock.now(), Channel.LETTER, covered=ending
    )
    assert lifted.decision is not None
    assert lifted.decision.kind is DecisionKind.LIFT
    assert lifted.decision.communicated is not None
    assert lifted.decision.communicated.covered == frozenset(ending)
    assert casework.not_communicated(by=RECORDS) == []


def test_each_decision_is_communicated_once(casework: Casework, clock: FrozenClock) -> None:
    """The latest decision takes one communication; the next decision takes
    its own."""
    case_id = _designated(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    assert _codes(refused) == ["already_communicated"]
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(
        case_id, DECIDER, ReviewOutcome.CONTINUE, "Still needed.", overrides=KEPT_UP
    )
    case = casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    assert [decision.kind for decision in case.decisions] == [
        DecisionKind.DESIGNATION,
        DecisionKind.REVIEW,
    ]
    assert all(decision.communicated is not None for decision in case.decisions)


def test_a_covered_item_that_is_not_one_is_invalid_input(
    casework: Casework, clock: FrozenClock
) -> None:
    """``covered`` holds NoticeItem members only, as every enumeration
    argument does; the item at fault is named."""
    case_id = _designated(casework)
    with pytest.raises(InvalidInput) as refused:
        casework.record_communicated(
            case_id,
            RECORDS,
            clock.now(),
            Channel.LETTER,
            covered=[NoticeItem.WHY, "a hug"],  # type: ignore[list-item]
        )
    assert refused.value.field == "covered[1]"


def test_reassign_needs_a_named_officer_another_officer_and_a_reason(
    casework: Casework,
) -> None:
    """5.1: reassign replaces an officer the restrictions name, with someone
    else, for a reason; every unmet condition is named at once."""
    case_id = _designated(casework)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.reassign(case_id, RECORDS, "nobody", "nobody", " ")
    assert _codes(refused) == ["reason_missing", "officer_not_named", "same_officer"]


def test_reassign_may_be_run_by_the_decision_maker_or_the_records_team(
    casework: Casework,
) -> None:
    """A manager may not name a new officer."""
    case_id = _designated(casework)
    with pytest.raises(NotAuthorised):
        casework.reassign(case_id, MANAGER, "records", "decider", "Moved team.")
    case = casework.reassign(case_id, DECIDER, "records", "decider", "Moved team.")
    assert case.restrictions == (
        r.SingleContactMethod(Channel.EMAIL),
        r.SinglePointOfContact("decider"),
    )


def test_due_reviews_within_lists_those_coming_due(casework: Casework) -> None:
    """7.2: ``within`` adds reviews coming due in that many days, so a lapse
    never comes as a surprise; the day before the window they are not due."""
    case_id = _designated(casework)
    as_of = pendulum.date(2026, 4, 16)
    assert casework.due_reviews(as_of, by=RECORDS) == []
    assert casework.due_reviews(as_of, within=pendulum.duration(days=13), by=RECORDS) == []
    due = casework.due_reviews(as_of, within=pendulum.duration(days=14), by=RECORDS)
    assert [case.id for case in due] == [case_id]


@pytest.mark.parametrize(
    "within", [pendulum.duration(hours=5), pendulum.duration(days=-1), 14, "14 days"]
)
def test_due_reviews_within_takes_whole_days(casework: Casework, within: object) -> None:
    """``within`` is a duration of whole days, 0 or more; anything else is
    InvalidInput naming it."""
    with pytest.raises(InvalidInput) as refused:
        casework.due_reviews(pendulum.date(2026, 4, 16), within=within, by=RECORDS)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.section) == ("within", "7.2")


class TestTheOfficerDirectory:
    """``Casework(officers=...)``: the directory is authoritative (6.1, 5.1)."""

    def test_an_officer_not_in_the_directory_may_not_act(self, clock: FrozenClock) -> None:
        """Someone passing an Officer the directory does not hold is refused."""
        casework = Casework(MemoryStore(), clock=clock, officers=[DECIDER])
        with pytest.raises(NotAuthorised) as refused:
            casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
        assert refused.value.officer_id == "manager"
        assert "not in the council's officer directory" in str(refused.value)

    def test_roles_come_from_the_directory_not_the_object_passed(self, clock: FrozenClock) -> None:
        """An officer claiming the decision maker's role, whom the directory
        holds as staff, may not designate."""
        staff = Officer("decider", "Dev Decider", {Role.STAFF})
        directory = {officer.id: officer for officer in (MANAGER, staff)}
        casework = Casework(MemoryStore(), clock=clock, officers=directory)
        case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
        warn_and_continue(casework, case.id)
        with pytest.raises(NotAuthorised):
            casework.designate(
                case.id,
                DECIDER,
                PASSED,
                RESTRICTIONS,
                "Calls continued.",
                council_wide_because=EVERY_SERVICE,
            )

    def test_restrictions_naming_an_unknown_officer_are_refused(self, clock: FrozenClock) -> None:
        """5.1: a single point of contact must be someone who works here."""
        casework = Casework(MemoryStore(), clock=clock, officers=[MANAGER, DECIDER])
        case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
        warn_and_continue(casework, case.id)
        with pytest.raises(PreconditionsNotMet) as refused:
            casework.designate(
                case.id,
                DECIDER,
                PASSED,
                [r.ReadAndFile("ghost")],
                "Letters continued.",
                council_wide_because=EVERY_SERVICE,
            )
        assert [(f.section, f.code) for f in refused.value.failures] == [("5.1", "unknown_officer")]

    @pytest.mark.parametrize(
        "officers",
        ["decider", [DECIDER, DECIDER], {"someone": DECIDER}, [DECIDER, "manager"]],
    )
    def test_a_directory_that_is_not_one_is_invalid_input(self, officers: object) -> None:
        """Text, a repeated officer, an officer under another's id, or
        something other than an Officer is refused, naming ``officers``."""
        with pytest.raises(InvalidInput) as refused:
            Casework(MemoryStore(), officers=officers)  # type: ignore[arg-type]
        assert refused.value.field == "officers"


class TestTheWorkQueue:
    """``work_queue(officer)``: every unmet duty, for whoever owes it."""

    def test_a_decision_not_communicated_waits_for_the_records_team(
        self, casework: Casework
    ) -> None:
        """6.3: until the letter is recorded, the records team and the decision
        maker see it; staff and the appeal decider do not."""
        case_id = _designated(casework)
        expected = WorkItem(
            "not_communicated",
            case_id,
            pendulum.date(2026, 1, 31),
            "The designation decision of 31 January 2026 is not recorded as communicated "
            "(6.3): write to the customer, then record it; restrictions it adds or tightens do "
            "not apply until then.",
        )
        assert expected in casework.work_queue(RECORDS)
        assert expected in casework.work_queue(DECIDER)
        assert casework.work_queue(DIRECTOR) == []
        assert casework.work_queue(Officer("s", "Sol Staff", {Role.STAFF})) == []

    def test_informing_the_managers_clears_their_item(
        self, casework: Casework, clock: FrozenClock
    ) -> None:
        """9.1: once who was told is recorded, only the letter waits."""
        case_id = _designated(casework)
        casework.record_informed(case_id, RECORDS, ["Revenues manager"])
        casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
        assert casework.work_queue(RECORDS) == []

    def test_a_review_coming_due_shows_two_weeks_ahead(
        self, casework: Casework, clock: FrozenClock
    ) -> None:
        """7.2: fourteen days before the review day it is coming due, and on
        the day it is due today."""
        case_id = _designated(casework)
        casework.record_informed(case_id, RECORDS, ["Revenues manager"])
        casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
        clock.set(pendulum.datetime(2026, 4, 15, 9, tz=LONDON))
        assert casework.work_queue(RECORDS) == []
        clock.set(pendulum.datetime(2026, 4, 16, 9, tz=LONDON))
        assert casework.work_queue(RECORDS) == [
            WorkItem(
                "review_coming_due",
                case_id,
                pendulum.date(2026, 4, 30),
                "The review is due on 30 April 2026 (7.2): start it now and complete it by then, "
                "or the restrictions lapse.",
            )
        ]
        clock.set(pendulum.datetime(2026, 4, 30, 23, 59, tz=LONDON))
        [item] = casework.work_queue(DECIDER)
        assert (item.kind, item.summary) == (
            "review_due",
            "The review is due today, 30 April 2026 (7.2).",
        )

    def test_under_continue_an_overdue_review_is_overdue_not_lapsed(
        self, clock: FrozenClock
    ) -> None:
        """A council choosing ``"continue"`` sees the review overdue, and the
        restrictions still apply."""
        casework = Casework(MemoryStore(), Policy(on_review_overdue="continue"), clock)
        case_id = _designated(casework)
        casework.record_informed(case_id, RECORDS, ["Revenues manager"])
        casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
        clock.set(pendulum.datetime(2026, 5, 1, 0, 1, tz=LONDON))
        [item] = casework.work_queue(RECORDS)
        assert item.kind == "review_overdue"
        assert casework.get(case_id, by=RECORDS).restrictions_in_force(
            clock.now(), casework.policy
        ) == (RESTRICTIONS)

    def test_an_appeal_waits_for_the_appeal_decider_until_decided(
        self, casework: Casework, clock: FrozenClock
    ) -> None:
        """8.1: an appeal received on Monday 2 March 2026 is to be decided by
        Monday 30 March (20 working days); decided, it leaves the queue."""
        case_id = _designated(casework)
        clock.set(pendulum.datetime(2026, 3, 2, 9, tz=LONDON))
        casework.appeal(case_id, RECORDS, "Email is hard for me.")
        assert casework.work_queue(DIRECTOR) == [
            WorkItem(
                "appeal_to_decide",
                case_id,
                pendulum.date(2026, 3, 30),
                "Decide the appeal received on 2 March 2026 by 30 March 2026 (8.1).",
            )
        ]
        casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
        assert casework.work_queue(DIRECTOR) == []

    def test_the_queue_is_oldest_first(self, casework: Casework, clock: FrozenClock) -> None:
        """Items are ordered by due date, then case and kind (the second
        case, open on the first one's issue, is a possible duplicate, 7.4)."""
        first = _designated(casework)
        clock.advance(days=3)
        second = _designated(casework)
        items = casework.work_queue(RECORDS)
        assert [(item.case_id, item.kind) for item in items] == [
            (first, "managers_not_informed"),
            (first, "not_communicated"),
            (second, "managers_not_informed"),
            (second, "not_communicated"),
            (second, "possible_duplicate"),
        ]


def test_a_call_limit_past_its_review_day_still_counts_under_continue(clock: FrozenClock) -> None:
    """Under ``"continue"`` an overdue call limit still applies, so the
    contact log is read and a second call in the day is refused (5.1, 7.2)."""
    casework = Casework(MemoryStore(), Policy(on_review_overdue="continue"), clock)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    one_a_day = [r.CallLimit(1, pendulum.duration(days=1))]
    casework.designate(
        case.id, DECIDER, PASSED, one_a_day, "Calls continued.", council_wide_because=EVERY_SERVICE
    )
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 5, 4, 9, tz=LONDON))
    first = casework.decide_contact(
        CUSTOMER.id, Contact(Channel.TELEPHONE, clock.now()), by=RECORDS
    )
    clock.advance(hours=1)
    second = casework.decide_contact(
        CUSTOMER.id, Contact(Channel.TELEPHONE, clock.now()), by=RECORDS
    )
    assert (first.allowed, first.overdue, second.allowed) == (True, True, False)


def test_an_event_on_an_overdue_case_says_so_in_the_feed(
    casework: Casework, clock: FrozenClock
) -> None:
    """7.2: a system following the feed sees that a case's review is overdue,
    and whether its restrictions lapsed, from any event on it; an event
    before the review day carries neither key."""
    case_id = _designated(casework)
    assert "review_overdue" not in casework.history(case_id, by=RECORDS)[-1].data
    clock.set(pendulum.datetime(2026, 5, 1, 9, tz=LONDON))
    casework.add_note(case_id, "Asked for the review to be booked.", RECORDS)
    [event] = casework.events_since(4, 10, by=RECORDS)
    assert (event.kind, event.data["review_overdue"], event.data["lapsed"]) == (
        "add_note",
        True,
        True,
    )
