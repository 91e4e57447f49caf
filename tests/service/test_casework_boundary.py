"""Casework's arguments at the boundary: every reproduction of issue 9 about
commands and queries, grouped by kind of mistake."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pendulum
import pytest

from contactpolicy import (
    Behaviour,
    CaseState,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    InvalidInput,
    NotificationFailed,
    Officer,
    Policy,
    PreconditionsNotMet,
    Role,
)
from contactpolicy.restrictions import CallTimeLimit, NoFurtherEnquiriesOnIssue
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    START,
    incident,
    warn_and_continue,
)


def refused(call: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as error:
        call()
    return error.value


def designated(casework: Casework, *restrictions: Any, customer: Customer = CUSTOMER) -> str:
    case = casework.report(customer, "council tax", [incident(Behaviour.THREATS)], by=MANAGER)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        restrictions or [CallTimeLimit(5)],
        "Threats.",
        "Threatened.",
        council_wide_because=EVERY_SERVICE,
    )
    return case.id


# A string is never split into characters; None is not a collection ------------------


@pytest.mark.parametrize("measures", ["calls", None, 7, object()])
def test_measures_that_are_not_a_collection_are_refused(casework: Casework, measures: Any) -> None:
    """warn(measures="calls") used to store five one-letter measures, and
    None or a number raised a bare TypeError."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    error = refused(lambda: casework.warn(case.id, MANAGER, Channel.LETTER, measures))
    assert (error.field, error.section) == ("measures", "7.4")
    assert casework.get(case.id) == case


@pytest.mark.parametrize("incidents", ["shouting", None, 3])
def test_incidents_that_are_not_a_collection_are_refused(
    casework: Casework, incidents: Any
) -> None:
    """report(incidents=None) used to raise a bare TypeError; nothing is opened."""
    error = refused(lambda: casework.report(CUSTOMER, "council tax", incidents, by=MANAGER))
    assert (error.field, error.section) == ("incidents", "4.1")
    assert casework.cases() == []


def test_a_notifier_answering_with_one_string_is_refused_loudly(clock: FrozenClock) -> None:
    """A notifier returning "Revenues" used to record eight one-letter
    recipients; the decision stands and the failure says why."""

    class OneString:
        def restrictions_changed(self, _case: Any) -> Any:
            return "Revenues"

    casework = Casework(MemoryStore(), clock=clock, notifier=OneString())
    with pytest.raises(NotificationFailed) as failed:
        designated(casework)
    assert "the notifier's answer: must be a collection such as a list" in str(failed.value)
    assert casework.cases()[0].disseminations == ()


# Flags are real booleans --------------------------------------------------------------


def test_record_must_be_a_bool(casework: Casework) -> None:
    """decide_contact(record="no") used to record the contact; nothing is logged."""
    contact = Contact(Channel.TELEPHONE, START)
    no: Any = "no"
    error = refused(lambda: casework.decide_contact("CRM-7", contact, record=no))
    assert (error.field, error.section) == ("record", "5.1")
    assert casework.store.contacts("CRM-7") == []


# Each query refuses the wrong type the same way on every store ------------------------


@pytest.mark.parametrize(
    ("query", "field"),
    [
        (lambda cw: cw.get(["C-1"]), "case_id"),
        (lambda cw: cw.events_since(0, 10**30), "limit"),
        (lambda cw: cw.cases(customer_id=5), "customer_id"),
        (lambda cw: cw.due_reviews(pendulum.datetime(2026, 3, 2)), "as_of"),
        (lambda cw: cw.evidence("CRM-7", until=pendulum.datetime(2026, 3, 2)), "until"),
    ],
)
def test_a_query_given_the_wrong_type_is_invalid_input(
    casework: Casework, query: Any, field: str
) -> None:
    """A list for a case id, a limit of 10**30, a number for a customer and a
    date and time for a date are InvalidInput before any store is asked."""
    assert refused(lambda: query(casework)).field == field


# Casework refuses what is not a store or a clock -------------------------------------


def test_casework_without_a_store_is_refused_when_built() -> None:
    """Casework(None) used to fail only on first use."""
    error = refused(lambda: Casework(None))  # type: ignore[arg-type]
    assert error.field == "store"
    assert error.message.startswith("must be a Store")


class StdlibClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> Any:
        return self.at


def test_a_clock_giving_an_aware_stdlib_datetime_is_converted() -> None:
    """A custom clock returning a standard datetime used to fail with
    AttributeError: an aware one is taken, in UTC."""
    at = datetime(2026, 3, 2, 10, tzinfo=pendulum.UTC)
    casework = Casework(MemoryStore(), clock=StdlibClock(at))
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    assert case.reported_at == pendulum.datetime(2026, 3, 2, 10)


def test_a_clock_giving_a_naive_time_is_refused_at_first_use() -> None:
    """A naive time is refused clearly, naming the clock."""
    casework = Casework(MemoryStore(), clock=StdlibClock(datetime(2026, 3, 2, 10)))
    error = refused(lambda: casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER))
    assert (error.field, error.message) == ("clock", "must be time-zone-aware, got a naive time")
    assert casework.cases() == []


# References typed slightly differently are the same customer ----------------------


@pytest.mark.parametrize("typed", ["crm-7", " CRM-7", "CRM-7 ", "Crm-7\t"])
def test_a_reference_typed_differently_is_still_restricted(casework: Casework, typed: str) -> None:
    """crm-2001 or " CRM-2001" for a designated CRM-2001 used to get "No
    restriction applies" at the point of contact."""
    designated(casework)
    decision = casework.decide_contact(typed, Contact(Channel.TELEPHONE, START))
    assert decision.time_limit_minutes == 5


def test_reporting_a_reference_with_spaces_keeps_one_customer(casework: Casework) -> None:
    """report " CRM-2001 " used to create a second customer."""
    casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    again = Customer(" crm-7 ", "Sam Taylor")
    second = casework.report(again, "parking", [incident()], by=MANAGER)
    assert second.customer.id == "CRM-7"
    assert [case.customer.id for case in casework.cases(customer_id="CRM-7")] == [
        "CRM-7",
        "CRM-7",
    ]


def test_a_council_with_exact_references_keeps_their_case(clock: FrozenClock) -> None:
    """Under customer_reference_case = "exact", crm-7 and CRM-7 are two
    customers; the unknown one is told that no case is recorded."""
    casework = Casework(MemoryStore(), Policy(customer_reference_case="exact"), clock)
    designated(casework)
    decision = casework.decide_contact("crm-7", Contact(Channel.TELEPHONE, START))
    assert decision.reasons == (
        "No case is recorded for customer reference crm-7: check the reference.",
    )


# Issues compared as a person reads them ------------------------------------------------


def test_an_issue_typed_differently_is_still_restricted(casework: Casework) -> None:
    """Issues restricted under NoFurtherEnquiriesOnIssue used to match only
    when typed exactly."""
    designated(casework, NoFurtherEnquiriesOnIssue("Council tax bill"))
    contact = Contact(Channel.EMAIL, START, issue="  council TAX  bill")
    assert casework.decide_contact("CRM-7", contact).register is False


def test_two_restrictions_on_one_issue_differing_in_case_and_space_are_one(
    casework: Casework,
) -> None:
    """Both used to be kept; the first given is kept."""
    case_id = designated(
        casework,
        NoFurtherEnquiriesOnIssue("Council tax bill"),
        NoFurtherEnquiriesOnIssue("council  TAX bill "),
    )
    assert casework.get(case_id).restrictions == (NoFurtherEnquiriesOnIssue("Council tax bill"),)


# Duplicates count once ---------------------------------------------------------------


def test_the_same_incident_given_three_times_counts_once(casework: Casework) -> None:
    """The same incident three times used to count three times in the
    evidence summary; report keeps it once, and adding it again is refused
    (7.4)."""
    case = casework.report(CUSTOMER, "council tax", [incident()] * 3, by=MANAGER)
    assert case.incidents == (incident(),)
    with pytest.raises(PreconditionsNotMet, match="incident_already_recorded"):
        casework.add_incident(case.id, incident(), MANAGER)
    assert casework.evidence("CRM-7").incidents == (incident(),)


def test_an_officer_with_every_role_may_report() -> None:
    """Roles given as a list are the officer's roles, so a manager's report
    is allowed and the case is reported."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    officer = Officer("pat", "Pat Jones", [Role.MANAGER])
    assert casework.report(CUSTOMER, "bins", [incident()], officer).state is CaseState.REPORTED


def test_a_foreign_zone_time_comes_back_equal_from_the_store(casework: Casework) -> None:
    """A time given in another zone is kept as the same instant, so the case
    read back equals the case returned."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    case = warn_and_continue(casework, case.id)
    case = casework.designate(
        case.id, DECIDER, PASSED, [CallTimeLimit(5)], "Calls.", council_wide_because=EVERY_SERVICE
    )
    at = pendulum.datetime(2026, 2, 1, 0, tz="Pacific/Kiritimati")
    case = casework.record_communicated(case.id, RECORDS, at, Channel.LETTER)
    assert casework.get(case.id) == case
    assert case.designation is not None
    assert case.designation.communicated_at == pendulum.datetime(2026, 1, 31, 10)
