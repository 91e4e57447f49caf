"""The Casework service: audit events, queries, verification and bad input."""

import json

import attrs
import pendulum
import pytest

from contactpolicy import (
    Case,
    CaseNotFound,
    CaseState,
    CaseSummary,
    Casework,
    Channel,
    Customer,
    FrozenClock,
    InvalidInput,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.audit.replay import replay
from contactpolicy.stores import MemoryStore

from conftest import CaseIn
from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    KEPT_UP,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    incident,
    warn_and_continue,
)


def test_each_command_appends_one_audit_event(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """Every successful command is one event: kind, when, who, what and the new state."""
    case = case_in(CaseState.DESIGNATED)
    events = casework.history(case.id)
    assert [(e.seq, e.kind, e.actor) for e in events] == [
        (1, "report", "manager"),
        (2, "warn", "manager"),
        (3, "add_incident", "manager"),
        (4, "designate", "decider"),
    ]
    assert all(event.at == clock.now() for event in events)
    assert events[1].data == {
        "method": "letter",
        "measures": ["calls limited to 10 minutes"],
        "at": "2026-01-30T10:00:00+00:00",
        "incidents": [
            {
                "behaviour": "excessive_demands",
                "occurred_at": "2026-01-30T10:00:00+00:00",
                "channel": "telephone",
                "description": "23 calls in one day",
                "department": None,
                "protected_characteristics": [],
            }
        ],
        "behaviours": ["excessive_demands"],
        "state": "warned",
    }
    assert events[3].data["designation"]["review_due"] == "2026-04-30"
    assert events[3].data["designation"]["restrictions"] == [
        {"channel": "email", "type": "SingleContactMethod"},
        {"officer_id": "records", "type": "SinglePointOfContact"},
    ]
    assert [event.position for event in events] == [1, 2, 3, 4]
    json.dumps([event.data for event in events])


def test_replaying_the_history_gives_the_case(casework: Casework, case_in: CaseIn) -> None:
    """The stored case is exactly what its events describe."""
    case = case_in(CaseState.APPEALED)
    assert replay(casework.history(case.id)) == case


def test_verify_holds_for_an_untouched_case(casework: Casework, case_in: CaseIn) -> None:
    """verify() finds nothing wrong with a case changed only by commands."""
    case = case_in(CaseState.UNDER_REVIEW)
    verification = casework.verify(case.id)
    assert verification.ok
    assert (verification.case_id, verification.events, verification.problems) == (case.id, 5, ())


def test_verify_detects_an_edited_event_in_the_store(clock: FrozenClock) -> None:
    """A changed byte in a stored event breaks the chain."""
    store = MemoryStore()
    casework = Casework(store, clock=clock)
    case = casework.report(CUSTOMER, "bins", [incident()], by=MANAGER)
    casework.warn(case.id, MANAGER, Channel.LETTER)
    warned = store._events[case.id][1]
    store._events[case.id][1] = attrs.evolve(warned, data={**warned.data, "method": "email"})
    assert [str(problem) for problem in casework.verify(case.id).problems] == [
        f"case {case.id}, event 2 (warn) at position 2: was changed after it was recorded",
        f"case {case.id}: the case as stored differs from what its history records, "
        "in its warning: the case or its history was changed",
    ]


def test_verify_detects_an_edited_snapshot(clock: FrozenClock) -> None:
    """A stored case that differs from its history is reported."""
    store = MemoryStore()
    casework = Casework(store, clock=clock)
    case = casework.report(CUSTOMER, "bins", [incident()], by=MANAGER)
    store._cases[case.id] = attrs.evolve(store._cases[case.id], issue="parking")
    assert [str(problem) for problem in casework.verify(case.id).problems] == [
        f"case {case.id}: the case as stored differs from what its history records, "
        "in its issue: the case or its history was changed",
    ]
    assert not casework.verify(case.id)


def test_an_unknown_case_is_case_not_found(casework: Casework) -> None:
    """Commands and queries on a case that does not exist name it."""
    with pytest.raises(CaseNotFound, match="no case with id 'C-NOPE'"):
        casework.get("C-NOPE")
    with pytest.raises(CaseNotFound):
        casework.warn("C-NOPE", MANAGER, Channel.LETTER)
    with pytest.raises(CaseNotFound):
        casework.history("C-NOPE")


@pytest.mark.parametrize(
    ("call", "field", "section"),
    [
        (lambda cw, cid: cw.warn(cid, MANAGER, "letter"), "method", "7.4"),
        (lambda cw, cid: cw.warn(cid, MANAGER, Channel.LETTER, [3]), "measures[0]", "7.4"),
        (lambda cw, cid: cw.add_note(cid, None, MANAGER), "text", "7.4"),
        (lambda cw, cid: cw.add_incident(cid, "shouted", MANAGER), "incident", "4.1"),
        (lambda cw, cid: cw.close(cid, "manager", "x"), "by", "6.1"),
        (
            lambda cw, cid: cw.designate(
                cid, DECIDER, True, RESTRICTIONS, "x", council_wide_because=EVERY_SERVICE
            ),
            "assessment",
            "6.2",
        ),
        (
            lambda cw, cid: cw.designate(
                cid, DECIDER, PASSED, ["email only"], "x", council_wide_because=EVERY_SERVICE
            ),
            "restrictions[0]",
            "5.1",
        ),
        (lambda cw, cid: cw.start_review(cid, RECORDS, "scheduled"), "trigger", "7.2"),
        (lambda cw, cid: cw.complete_review(cid, DECIDER, "lift", "x"), "outcome", "7.2"),
        (
            lambda cw, cid: cw.appeal(cid, RECORDS, "x", pendulum.naive(2026, 1, 1)),
            "received_at",
            "8.1",
        ),
        (
            lambda cw, cid: cw.record_communicated(cid, RECORDS, "today", Channel.LETTER),
            "at",
            "6.3",
        ),
    ],
)
def test_bad_input_is_invalid_input_and_writes_nothing(
    casework: Casework, case_in: CaseIn, call: object, field: str, section: str
) -> None:
    """A value of the wrong kind is InvalidInput naming the field and its section."""
    case = case_in(CaseState.REPORTED)
    with pytest.raises(InvalidInput) as error:
        call(casework, case.id)  # type: ignore[operator]
    assert (error.value.field, error.value.section) == (field, section)
    assert casework.get(case.id) == case
    assert len(casework.history(case.id)) == 1


def test_cases_filters_by_state_and_customer(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """cases() lists every case, oldest report first, or those in a state, or
    those of one customer."""
    warned = case_in(CaseState.WARNED)
    clock.advance(minutes=1)
    other = casework.report(Customer("CRM-9", "Pat Jones", ""), "bins", [incident()], by=MANAGER)
    assert [c.id for c in casework.cases()] == [warned.id, other.id]
    assert [c.id for c in casework.cases(state=CaseState.WARNED)] == [warned.id]
    assert [c.id for c in casework.cases(customer_id="CRM-9")] == [other.id]
    assert casework.cases(state=CaseState.LIFTED, customer_id="CRM-9") == []


def test_summaries_are_what_a_listing_shows_of_the_cases(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """summaries() takes the filters and pages of cases() and gives each
    case's summary; a state that is not a CaseState is InvalidInput (7.4)."""
    warned = case_in(CaseState.WARNED)
    clock.advance(minutes=1)
    other = casework.report(Customer("CRM-9", "Pat Jones", ""), "bins", [incident()], by=MANAGER)
    assert casework.summaries(customer_id="CRM-9") == [
        CaseSummary(other.id, "CRM-9", "Pat Jones", CaseState.REPORTED, clock.now(), None, "bins")
    ]
    assert casework.summaries(state=CaseState.WARNED) == [CaseSummary.of(warned)]
    assert casework.summaries(after=warned.id, limit=1) == [CaseSummary.of(other)]
    with pytest.raises(InvalidInput) as error:
        casework.summaries(state="warned")  # type: ignore[arg-type]
    assert (error.value.field, error.value.section) == ("state", "7.4")


def _designated_on(casework: Casework, clock: FrozenClock, day: pendulum.DateTime) -> Case:
    clock.set(day)
    case = casework.report(CUSTOMER, "bins", [incident(days_ago=0)], by=MANAGER)
    warn_and_continue(casework, case.id)
    return casework.designate(
        case.id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )


def test_due_reviews_lists_the_longest_overdue_first(
    casework: Casework, clock: FrozenClock
) -> None:
    """7.2: reviews due on or before the day, oldest due date first; cases
    still within their period, or ended, are not listed."""
    later = _designated_on(casework, clock, pendulum.datetime(2026, 2, 10, 9, tz="Europe/London"))
    earlier = _designated_on(casework, clock, pendulum.datetime(2026, 2, 3, 9, tz="Europe/London"))
    notyet = _designated_on(casework, clock, pendulum.datetime(2026, 3, 1, 9, tz="Europe/London"))
    ended = _designated_on(casework, clock, pendulum.datetime(2026, 2, 1, 9, tz="Europe/London"))
    casework.lift(ended.id, DECIDER, "No longer needed.")
    clock.set(pendulum.datetime(2026, 5, 10, 9, tz="Europe/London"))
    assert [c.id for c in casework.due_reviews()] == [earlier.id, later.id]
    assert [c.id for c in casework.due_reviews(pendulum.date(2026, 6, 1))] == [
        earlier.id,
        later.id,
        notyet.id,
    ]
    assert casework.due_reviews(pendulum.date(2026, 5, 2)) == []


def test_a_review_in_progress_is_still_listed_as_due(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """7.2: a started review counts as due until it is completed."""
    case = case_in(CaseState.DESIGNATED)
    clock.set(pendulum.datetime(2026, 4, 30, 9, tz="Europe/London"))
    casework.start_review(case.id, RECORDS, ReviewTrigger.SCHEDULED)
    assert [c.id for c in casework.due_reviews()] == [case.id]
    casework.complete_review(
        case.id, DECIDER, ReviewOutcome.CONTINUE, "Still needed.", overrides=KEPT_UP
    )
    assert casework.due_reviews() == []


def test_not_communicated_lists_decisions_the_customer_was_not_told_of(
    casework: Casework, clock: FrozenClock
) -> None:
    """6.3, 7.4: cases with a decision the customer is owed, the oldest
    owed decision first; recording the letter takes a case off, and lifting
    is a decision of its own to tell the customer of, which leaves the
    designation it overtook owed (8.1), so the case keeps its place."""
    first = _designated_on(casework, clock, pendulum.datetime(2026, 2, 3, 9, tz="Europe/London"))
    second = _designated_on(casework, clock, pendulum.datetime(2026, 2, 10, 9, tz="Europe/London"))
    third = _designated_on(casework, clock, pendulum.datetime(2026, 2, 17, 9, tz="Europe/London"))
    assert [c.id for c in casework.not_communicated()] == [first.id, second.id, third.id]
    casework.record_communicated(second.id, RECORDS, clock.now(), Channel.LETTER)
    casework.appeal(third.id, RECORDS, "Unfair.")
    clock.advance(hours=1)
    casework.lift(first.id, DECIDER, "No longer needed.")
    assert [c.id for c in casework.not_communicated()] == [first.id, third.id]
    casework.record_communicated(first.id, RECORDS, clock.now(), Channel.LETTER)
    assert [c.id for c in casework.not_communicated()] == [third.id]
