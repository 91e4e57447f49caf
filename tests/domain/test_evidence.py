"""The evidence summary: contacts per week, busy weeks and their cycle, the
same issue with several departments, the incidents on file, and the text."""

from __future__ import annotations

from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    Assessment,
    Behaviour,
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
    Role,
)
from contactpolicy.domain.evidence import Burst, ParallelEnquiries, Recurrence, summarise
from contactpolicy.restrictions import CallTimeLimit
from contactpolicy.stores import MemoryStore

from support.builders import EVERY_SERVICE

SINCE = pendulum.date(2026, 1, 5)
UNTIL = pendulum.date(2026, 6, 28)
LONDON = "Europe/London"


def at(day: pendulum.Date, hour: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, tz=LONDON)


def logged(
    when: pendulum.DateTime, issue: str | None = None, department: str | None = None
) -> LoggedContact:
    contact = Contact(Channel.TELEPHONE, when, department=department, issue=issue)
    return LoggedContact("CRM-1", contact, ContactDecision(), when)


def monthly() -> list[LoggedContact]:
    """One call every Wednesday, and six more on the Monday after each bill."""
    weekly = [logged(at(SINCE.add(weeks=n, days=2))) for n in range(25)]
    bills = [pendulum.date(2026, m, d) for m, d in ((2, 2), (3, 2), (3, 30), (5, 4), (6, 1))]
    return weekly + [logged(at(day, hour)) for day in bills for hour in range(9, 15)]


def test_a_monthly_cycle_is_found_and_explained() -> None:
    """Bursts around each monthly bill are busy weeks recurring every 4 weeks or
    so; the text says so, with the rule used, and that it is not a finding."""
    incidents = [
        Incident(
            Behaviour.EXCESSIVE_DEMANDS, at(pendulum.date(2026, 2, 2)), Channel.TELEPHONE, "a"
        ),
        Incident(Behaviour.SCATTER_GUN, at(pendulum.date(2026, 1, 7)), Channel.EMAIL, "b"),
        Incident(
            Behaviour.EXCESSIVE_DEMANDS, at(pendulum.date(2026, 3, 2)), Channel.TELEPHONE, "c"
        ),
        Incident(Behaviour.THREATS, at(pendulum.date(2025, 12, 1)), Channel.TELEPHONE, "d"),
    ]
    summary = summarise("CRM-1", incidents, monthly(), SINCE, UNTIL)
    assert (len(summary.weeks), summary.contacts, summary.median_per_week) == (25, 55, 1.0)
    assert summary.bursts == tuple(
        Burst(pendulum.date(2026, m, d), 1, 7) for m, d in ((2, 2), (3, 2), (3, 30), (5, 4), (6, 1))
    )
    assert summary.recurrence == Recurrence((4, 4, 5, 4), 4.0, regular=True)
    assert [i.description for i in summary.incidents] == ["b", "a", "c"]
    assert summary.text == "\n".join(
        [
            "Contact from customer CRM-1, 5 January 2026 to 28 June 2026, counted in 25 weeks "
            "(Monday to Sunday).",
            "Contacts logged: 55, a median of 1 a week; the busiest week had 7 (week of "
            "2 February 2026).",
            "Busy weeks (at least 2 times the median and at least 3 more than it): 5, in 5 bursts:",
            "- 1 week from 2 February 2026: 7 contacts",
            "- 1 week from 2 March 2026: 7 contacts",
            "- 1 week from 30 March 2026: 7 contacts",
            "- 1 week from 4 May 2026: 7 contacts",
            "- 1 week from 1 June 2026: 7 contacts",
            "Behavioural cycle (6.4): the bursts recur roughly every 4 weeks (intervals 4, 4, "
            "5, 4 weeks).",
            "No issue was raised with 3 or more departments within 7 days.",
            "Incidents recorded (4.1): 3, 7 January 2026 to 2 March 2026: scatter gun 1, "
            "excessive demands 2.",
            "This summary counts what was recorded; it is not a finding. Whether to apply the "
            "policy is for the Head of Policy, Communications and Governance to decide "
            "(6.1, 6.2).",
        ]
    )


def test_nothing_recorded_says_so() -> None:
    """With no contacts and no incidents, every line says none."""
    summary = summarise("CRM-1", [], [], SINCE, SINCE.add(days=13))
    assert summary.text.splitlines()[1:5] == [
        "Contacts logged: none.",
        "Busy weeks (at least 2 times the median and at least 3 more than it): none.",
        "No issue was raised with 3 or more departments within 7 days.",
        "Incidents recorded (4.1): none in the period.",
    ]
    assert (summary.bursts, summary.recurrence) == ((), None)


def test_busy_weeks_in_a_row_are_one_burst() -> None:
    """Two busy weeks running are one burst of two weeks."""
    contacts = [logged(at(SINCE.add(days=d), h)) for d in (1, 8) for h in range(9, 13)]
    summary = summarise("CRM-1", [], contacts, SINCE, SINCE.add(weeks=5))
    assert summary.bursts == (Burst(SINCE, 2, 8),)
    assert summary.recurrence is None


def test_irregular_bursts_are_not_called_a_cycle() -> None:
    """Bursts 2 and then 9 weeks apart are reported as not regular."""
    days = [SINCE, SINCE.add(weeks=2), SINCE.add(weeks=11)]
    contacts = [logged(at(day, hour)) for day in days for hour in range(9, 13)]
    summary = summarise("CRM-1", [], contacts, SINCE, UNTIL)
    assert summary.recurrence == Recurrence((2, 9), 5.5, regular=False)
    assert "The bursts do not recur at a regular interval (intervals 2, 9 weeks)." in (
        summary.text.splitlines()
    )


def test_the_same_issue_with_three_departments_within_a_week_is_reported() -> None:
    """An issue raised with three departments (names compared without case)
    within seven days of its first contact is reported once per window."""
    day = pendulum.date(2026, 1, 5)
    contacts = [
        logged(at(day), "Council tax bill", "Revenues"),
        logged(at(day.add(days=1)), "council tax bill", "revenues"),
        logged(at(day.add(days=2)), "council tax bill", "Planning"),
        logged(at(day.add(days=7)), "council tax bill", "Waste"),
        logged(at(day.add(days=20)), "council tax bill", "Waste"),
        logged(at(day.add(days=21)), "council tax bill", "Housing"),
        logged(at(day.add(days=29)), "council tax bill", "Planning"),
        logged(at(day), "bins", "Waste"),
    ]
    summary = summarise("CRM-1", [], contacts, SINCE, UNTIL)
    assert summary.parallel_enquiries == (
        ParallelEnquiries(
            "Council tax bill", ("Revenues", "Planning", "Waste"), at(day), at(day.add(days=7))
        ),
    )
    assert "- 'Council tax bill': Revenues, Planning, Waste, 5 January 2026 to 12 January 2026" in (
        summary.text.splitlines()
    )


def test_a_period_that_ends_before_it_starts_is_invalid() -> None:
    """``since`` after ``until`` is InvalidInput naming ``since``."""
    with pytest.raises(InvalidInput) as raised:
        summarise("CRM-1", [], [], UNTIL, SINCE)
    assert (raised.value.field, raised.value.section) == ("since", "2.1")


@pytest.mark.parametrize(
    ("customer_id", "since", "until", "field"),
    [
        ("", None, None, "customer_id"),
        ("CRM-1", None, "2026-06-28", "until"),
        ("CRM-1", "2026-01-05", None, "since"),
    ],
)
def test_casework_evidence_refuses_malformed_input(
    customer_id: str, since: Any, until: Any, field: str
) -> None:
    """A blank customer id or a period given as text is InvalidInput naming the field."""
    casework = Casework(MemoryStore(), clock=FrozenClock(at(UNTIL)))
    with pytest.raises(InvalidInput) as raised:
        casework.evidence(customer_id, since, until)
    assert raised.value.field == field


@given(st.lists(st.integers(-30, 200), max_size=40))
def test_property_every_contact_in_the_period_is_counted_once(days: list[int]) -> None:
    """The weekly counts add up to the contacts made within the period, and
    every busy week meets the documented rule."""
    contacts = [logged(at(SINCE.add(days=d))) for d in days]
    summary = summarise("CRM-1", [], contacts, SINCE, UNTIL)
    assert summary.contacts == sum(0 <= d <= (UNTIL - SINCE).in_days() for d in days)
    median = summary.median_per_week
    for week in summary.weeks:
        assert week.busy is (week.contacts >= max(2 * median, median + 3))


def test_casework_summarises_the_log_and_every_case_without_changing_any() -> None:
    """``Casework.evidence`` reads contacts logged by ``decide_contact`` and the
    incidents of every case, lifted ones included, over the 26 weeks to today;
    it changes no case."""
    clock = FrozenClock(at(pendulum.date(2026, 1, 5)))
    casework = Casework(MemoryStore(), clock=clock)
    manager = Officer("jsmith", "Jo Smith", {Role.MANAGER})
    head = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER})
    sam = Customer("CRM-1", "Sam Taylor")
    threat = Incident(Behaviour.THREATS, clock.now(), Channel.FACE_TO_FACE, "Threatened staff.")
    first = casework.report(sam, "council tax bill", [threat], by=manager)
    casework.designate(
        first.id,
        head,
        Assessment(
            issue_investigated=True,
            communications_adequate=True,
            no_significant_new_information=True,
            adjustments_considered=True,
        ),
        [CallTimeLimit(10)],
        "Threats.",
        without_warning_because="Threats to staff at the front desk.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.lift(first.id, head, "Behaviour improved.")
    for _ in range(3):
        clock.advance(weeks=4)
        casework.decide_contact("CRM-1", Contact(Channel.EMAIL, clock.now()))
    demand = Incident(Behaviour.EXCESSIVE_DEMANDS, clock.now(), Channel.EMAIL, "Forty emails.")
    second = casework.report(sam, "parking fine", [demand], by=manager)
    before = casework.cases(customer_id="CRM-1")
    summary = casework.evidence("CRM-1")
    assert (summary.since, summary.until) == (
        pendulum.date(2025, 9, 29),
        pendulum.date(2026, 3, 30),
    )
    assert (summary.contacts, len(summary.incidents)) == (3, 2)
    assert casework.cases(customer_id="CRM-1") == before
    assert [case.state for case in before] == [CaseState.LIFTED, CaseState.REPORTED]
    assert casework.get(second.id).version == 1
