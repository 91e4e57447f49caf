"""The register (7.4) said when the designation was communicated to the
customer but not the review's or the appeal's decision, nor that the
appeal's decision was not yet communicated; and a review held after its
day, the restrictions lapsed meanwhile, and an appeal decided after its
deadline left no trace once done: "Reviewed on 22 April 2026 (scheduled):
continued." (7.2, 8.1, 6.3).

The story: a designation of 14 January 2026 told that day, review due 14
April; the restrictions lapsed from 15 April (Maidstone: ``on_review_overdue
= "lapse"``); the review continued them on 22 April, told that day; an
appeal made at the point of contact on 1 May, due to be decided by 2 June
(20 working days, the May Day and Spring bank holidays left out), decided
on 16 June and not yet told. Now the case notes say, for every
decision, when and how the customer was told or that they are not yet;
for each review, when it was due, how late it was held, and when the
restrictions did not apply; for the appeal, its deadline and how late."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import (
    AppealOutcome,
    Behaviour,
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
    Incident,
    Policy,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.domain.model import Lateness
from contactpolicy.domain.restrictions import CallLimit
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    MANAGER,
    ONE_OF_EACH,
    PASSED,
    RECORDS,
    STAFF,
)

LONDON = "Europe/London"
DEMANDS = Behaviour.EXCESSIVE_DEMANDS
LIMIT = CallLimit(1, pendulum.duration(days=1))


def at(month: int, day: int, hour: int = 10) -> pendulum.DateTime:
    """A time in 2026, London."""
    return pendulum.datetime(2026, month, day, hour, tz=LONDON)


def _designated(policy: Policy | None = None) -> tuple[Casework, FrozenClock, str]:
    """Reported 5 January 2026, warned by letter 6 January, an incident on
    12 January, designated on 14 January (review due 14 April), told by
    letter at 15:00 that day (recorded on 15 January), managers told."""
    clock = FrozenClock(at(1, 5))
    casework = Casework(MemoryStore(), policy or Policy(), clock, officers=ONE_OF_EACH.values())
    first = Incident(DEMANDS, at(1, 4), Channel.TELEPHONE, "Called 23 times in one day.")
    case = casework.report(CUSTOMER, "council tax", [first], by=MANAGER)
    clock.set(at(1, 6))
    casework.warn(case.id, MANAGER, Channel.LETTER, ["calls limited to 10 minutes"])
    clock.set(at(1, 12))
    again = Incident(DEMANDS, at(1, 12, 9), Channel.TELEPHONE, "Called 12 times.")
    casework.add_incident(case.id, again, MANAGER)
    clock.set(at(1, 14))
    casework.designate(
        case.id, DECIDER, PASSED, [LIMIT], "Calls.", council_wide_because=EVERY_SERVICE
    )
    clock.set(at(1, 15))
    casework.record_communicated(case.id, RECORDS, at(1, 14, 15), Channel.LETTER)
    casework.record_informed(case.id, RECORDS, ["Revenues manager"])
    return casework, clock, case.id


def _reviewed(casework: Casework, clock: FrozenClock, case_id: str, day: int) -> None:
    """An incident on 10 April, then a scheduled review started the day
    before ``day`` April (at 9:00 on 14 April, the review day, for a
    review held then: not before, 7.2) and completed on ``day`` April at
    10:00, continuing the restrictions."""
    clock.set(at(4, 10))
    later = Incident(DEMANDS, at(4, 10, 9), Channel.TELEPHONE, "Called 8 times.")
    casework.add_incident(case_id, later, MANAGER)
    clock.set(at(4, day - 1) if day > 14 else at(4, 14, 9))
    casework.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    clock.set(at(4, day))
    casework.complete_review(case_id, DECIDER, ReviewOutcome.CONTINUE, "Still calling.")


def _story() -> tuple[Casework, FrozenClock, str]:
    """The whole story, the clock at 20 June 2026."""
    casework, clock, case_id = _designated()
    _reviewed(casework, clock, case_id, 22)
    clock.set(at(4, 23))
    casework.record_communicated(case_id, RECORDS, at(4, 22, 15), Channel.LETTER)
    casework.record_informed(case_id, RECORDS, ["Revenues manager"])
    clock.set(at(5, 1))
    contact = Contact(
        Channel.LETTER, at(5, 1), department="Revenues", purpose=ContactPurpose.APPEAL
    )
    contact_id = casework.decide_contact(CUSTOMER.id, contact, by=STAFF).contact_id
    clock.set(at(6, 15))
    casework.appeal(case_id, RECORDS, "One call a day is too few.", contact_id=contact_id)
    clock.set(at(6, 16))
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
    clock.set(at(6, 20))
    return casework, clock, case_id


def test_the_register_says_when_each_decision_was_told_and_how_late_each_step_was() -> None:
    """The reproduction, every line of the case notes."""
    casework, _, case_id = _story()
    [row] = casework.register(by=RECORDS)
    assert row.case_notes.splitlines() == [
        f"Case {case_id}: designated.",
        "Restrictions in force (5.1): Restricting the number of telephone calls that will be "
        "taken: at most 1 call in any day.",
        "Review due on 22 July 2026 (7.2).",
        "Reviewed on 22 April 2026 (scheduled): continued. Still calling.",
        "The review was due on 14 April 2026 and held 8 days late (7.2): the restrictions did "
        "not apply from 15 April 2026 until 22 April 2026.",
        "Appeal received on 1 May 2026, decided on 16 June 2026: dismissed (8.1). Proportionate.",
        "The appeal was to be decided by 2 June 2026 and was decided 10 working days late (8.1).",
        "The designation decision of 14 January 2026 was communicated to the customer on "
        "14 January 2026 by letter (recorded 15 January 2026) (6.3).",
        "The review decision of 22 April 2026 was communicated to the customer on "
        "22 April 2026 by letter (recorded 23 April 2026) (6.3).",
        "The appeal decision of 16 June 2026 is not yet communicated to the customer (6.3).",
        "Managers informed on 15 January 2026 of the designation decision of 14 January 2026 "
        "(9.1): Revenues manager.",
        "Managers informed on 23 April 2026 of the review decision of 22 April 2026 "
        "(9.1): Revenues manager.",
        "Managers not yet informed of the latest decision (9.1).",
    ]
    assert row.policy_applied.splitlines()[:2] == [
        "Decided on 14 January 2026.",
        "Communicated on 14 January 2026 (recorded 15 January 2026).",
    ]


def test_the_one_owner_says_when_the_review_and_the_appeal_were_due() -> None:
    """:meth:`Case.review_lateness` and :meth:`Case.appeal_lateness`, exactly."""
    casework, clock, case_id = _story()
    case = casework.get(case_id, by=RECORDS)
    [review] = case.reviews
    [appeal] = case.appeals
    now = clock.now()
    assert case.review_lateness(review, now, casework.policy) == Lateness(
        due=pendulum.date(2026, 4, 14),
        held=pendulum.date(2026, 4, 22),
        days_late=8,
        not_applied_from=pendulum.date(2026, 4, 15),
        applied_again=pendulum.date(2026, 4, 22),
    )
    assert case.appeal_lateness(appeal, now, casework.policy) == Lateness(
        due=pendulum.date(2026, 6, 2),
        held=pendulum.date(2026, 6, 16),
        days_late=14,
        working_days_late=10,
    )


def test_a_review_held_on_time_says_nothing_late() -> None:
    """Held on its review day, 14 April: due then, held on time, no lapse."""
    casework, clock, case_id = _designated()
    _reviewed(casework, clock, case_id, 14)
    [row] = casework.register(by=RECORDS)
    notes = row.case_notes.splitlines()
    assert notes[3:5] == [
        "Reviewed on 14 April 2026 (scheduled): continued. Still calling.",
        "The review was due on 14 April 2026 and held on time (7.2).",
    ]
    assert not [line for line in notes if " late (" in line or "did not apply" in line]


def test_under_continue_a_late_review_is_late_but_nothing_lapsed() -> None:
    """``on_review_overdue = "continue"``: the restrictions applied all along;
    the review is 8 days late and no lapse is claimed."""
    casework, clock, case_id = _designated(Policy(on_review_overdue="continue"))
    _reviewed(casework, clock, case_id, 22)
    [row] = casework.register(by=RECORDS)
    assert row.case_notes.splitlines()[4] == (
        "The review was due on 14 April 2026 and held 8 days late (7.2)."
    )
    assert "did not apply" not in row.case_notes


def test_a_review_continued_but_not_yet_told_says_the_restrictions_still_do_not_apply() -> None:
    """Continued on 22 April, the customer not told of it by 30 April: the
    restrictions that lapsed on 15 April have not applied since (6.3, 7.2)."""
    casework, clock, case_id = _designated()
    _reviewed(casework, clock, case_id, 22)
    clock.set(at(4, 30))
    [row] = casework.register(by=RECORDS)
    notes = row.case_notes.splitlines()
    assert (
        "The review was due on 14 April 2026 and held 8 days late (7.2): the restrictions have "
        "not applied since 15 April 2026." in notes
    )
    assert (
        "The review decision of 22 April 2026 is not yet communicated to the customer (6.3)."
        in notes
    )


def test_a_review_in_progress_after_its_day_says_how_late_it_is() -> None:
    """Started 21 April, not completed by 24 April: 10 days late so far."""
    casework, clock, case_id = _designated()
    clock.set(at(4, 21))
    casework.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    clock.set(at(4, 24))
    [row] = casework.register(by=RECORDS)
    assert (
        "The review was due on 14 April 2026 and is 10 days late (7.2): the restrictions have "
        "not applied since 15 April 2026." in row.case_notes.splitlines()
    )


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=6))
def test_days_late_start_the_day_after_the_review_day(offset: int) -> None:
    """The boundary: held on 14 April is on time; each day after
    is one day late, and under "lapse" the restrictions did not apply from
    15 April until the day the customer was told, that day."""
    casework, clock, case_id = _designated()
    day = 14 + offset
    _reviewed(casework, clock, case_id, day)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    case = casework.get(case_id, by=RECORDS)
    lateness = case.review_lateness(case.reviews[0], clock.now(), casework.policy)
    held = pendulum.date(2026, 4, day)
    if offset == 0:
        assert lateness == Lateness(pendulum.date(2026, 4, 14), held, 0)
    else:
        assert lateness == Lateness(
            pendulum.date(2026, 4, 14), held, offset, pendulum.date(2026, 4, 15), held
        )


@pytest.mark.parametrize(("decided", "late"), [(2, 0), (3, 1)])
def test_an_appeal_decided_on_its_deadline_says_nothing_late(decided: int, late: int) -> None:
    """An appeal received on 1 May is to be decided by 2 June (20 working
    days, 8.1, less the bank holidays of 4 and 25 May): decided then,
    nothing is said; a day later, 1 working day late."""
    casework, clock, case_id = _designated()
    _reviewed(casework, clock, case_id, 14)
    clock.set(at(5, 1))
    casework.appeal(case_id, RECORDS, "One call a day is too few.")
    clock.set(at(6, decided))
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Proportionate.")
    [row] = casework.register(by=RECORDS)
    said = [line for line in row.case_notes.splitlines() if line.startswith("The appeal was")]
    assert said == (
        [
            "The appeal was to be decided by 2 June 2026 and was decided "
            f"{late} working day late (8.1)."
        ]
        if late
        else []
    )
