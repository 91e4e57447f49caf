"""Regression: a review continuing (or varying) restrictions after they
lapsed (7.2) or ended (6.4) is a new imposition, told as one.

The point of contact already handled the customer normally until they were
told (6.3), but the review letter said "the restrictions continue", as if
they had applied throughout the months without them. It now says when and
why they stopped and that they apply again once the customer is told; a
call limit set again counts only the calls made since the customer was told.
"""

from __future__ import annotations

import attrs
import pendulum

from contactpolicy import (
    Casework,
    Channel,
    Contact,
    FrozenClock,
    LetterKind,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy import restrictions as r
from contactpolicy.domain.policy import MAIDSTONE
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
ONE_A_DAY = r.CallLimit(1, pendulum.duration(days=1))
RECORDS_ONLY = r.SinglePointOfContact("records")
LAPSED = (
    "Restrictions lapsed at the end of their review day, 30 April 2026, with no completed "
    "review (7.2): handle it normally and tell the Policy and Information team."
)
UNTOLD = (
    "Decision not yet communicated (6.3): handle it normally and tell the Policy and "
    "Information team."
)


def _designated(casework: Casework, ends_on: pendulum.Date | None = None) -> str:
    """One call a day through officer records, told on 30 January 2026."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        (ONE_A_DAY, RECORDS_ONLY),
        "Calls continued after the warning.",
        council_wide_because=EVERY_SERVICE,
        ends_on=ends_on,
        ends_on_because=None if ends_on is None else "The calls follow the billing cycle.",
    )
    casework.record_communicated(case.id, RECORDS, casework.clock.now(), Channel.LETTER)
    return case.id


def _call(casework: Casework, *, record: bool = False) -> tuple[bool, tuple[str, ...]]:
    """Whether a call now is taken, and the reasons the officer is given."""
    call = Contact(Channel.TELEPHONE, casework.clock.now())
    decision = casework.decide_contact(CUSTOMER.id, call, record=record)
    return decision.allowed, decision.reasons


def _continued(casework: Casework, case_id: str) -> None:
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(
        case_id, DECIDER, ReviewOutcome.CONTINUE, "Still needed.", overrides=KEPT_UP
    )


def test_restrictions_continued_after_their_lapse_apply_only_from_the_letter() -> None:
    """The reproduction: lapsed at the end of 30 April; continued on 1 June
    at 10:30, nothing applies and a call is taken until the letter is
    recorded at 12:00; then both apply, and the call taken at 10:00 during
    the lapse does not count against the limit."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 30, 11, tz=LONDON))
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _designated(casework)
    clock.set(pendulum.datetime(2026, 6, 1, 10, tz=LONDON))
    assert casework.get(case_id).restrictions_in_force(clock.now()) == ()
    assert _call(casework, record=True) == (True, (LAPSED,))
    clock.advance(minutes=30)
    _continued(casework, case_id)
    case = casework.get(case_id)
    decision = case.decisions[-1]
    assert (decision.decided_at, decision.restrictions) == (clock.now(), (ONE_A_DAY, RECORDS_ONLY))
    assert case.in_force_before(decision) == ()
    assert case.restrictions_in_force(clock.now()) == ()
    assert case.bound_since(ONE_A_DAY, clock.now()) is None
    assert _call(casework) == (True, (UNTOLD,))
    assert [each.id for each in casework.not_communicated()] == [case_id]
    [item] = [i for i in casework.work_queue(RECORDS) if i.kind == "not_communicated"]
    assert item.summary == (
        "The review decision of 1 June 2026 is not recorded as communicated (6.3): write to the "
        "customer, then record it; restrictions it adds or tightens do not apply until then."
    )
    told = pendulum.datetime(2026, 6, 1, 12, tz=LONDON)
    clock.set(told)
    casework.record_communicated(case_id, RECORDS, told, Channel.LETTER)
    case = casework.get(case_id)
    assert case.restrictions_in_force(told) == (ONE_A_DAY, RECORDS_ONLY)
    assert case.bound_since(ONE_A_DAY, told) == told
    assert casework.not_communicated() == []
    clock.advance(minutes=30)
    allowed, reasons = _call(casework, record=True)
    assert (allowed, reasons[0]) == (True, "This is call 1 of at most 1 in any day (5.1).")
    clock.advance(minutes=30)
    allowed, reasons = _call(casework)
    assert (allowed, reasons[0]) == (
        False,
        "The limit of 1 call in any day is reached (5.1): do not take this call. Calls can be "
        "taken again from 12:30 on 2 June 2026.",
    )


def test_the_review_letter_after_a_lapse_says_they_apply_again_not_that_they_continue() -> None:
    """7.2: the letter of a review continuing lapsed restrictions says when
    they stopped and that they apply again from its date."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 30, 11, tz=LONDON))
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _designated(casework)
    clock.set(pendulum.datetime(2026, 6, 1, 10, tz=LONDON))
    _continued(casework, case_id)
    text = " ".join(casework.letter(case_id, LetterKind.REVIEW, by=RECORDS).text.split())
    assert (
        "On 1 June 2026 the Head of Policy, Communications and Governance decided: the "
        "restrictions, which stopped applying at the end of 30 April 2026, their review day, "
        "as no review had been completed by then (section 7.2), apply again from when this "
        "letter is sent to you." in text
    )
    assert "the restrictions continue" not in text


def test_the_review_letter_after_their_end_says_they_apply_again() -> None:
    """6.4: restrictions that ended on 28 February and are continued on
    2 March apply again once the customer is told, which the letter says."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 30, 11, tz=LONDON))
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _designated(casework, ends_on=pendulum.date(2026, 2, 28))
    clock.set(pendulum.datetime(2026, 3, 2, 10, tz=LONDON))
    _continued(casework, case_id)
    assert casework.get(case_id).restrictions_in_force(clock.now()) == ()
    text = " ".join(casework.letter(case_id, LetterKind.REVIEW, by=RECORDS).text.split())
    assert (
        "decided: the restrictions, which ended on 28 February 2026 (section 6.4), apply again "
        "from when this letter is sent to you." in text
    )


def test_a_review_continuing_them_before_their_review_day_keeps_them_without_a_break() -> None:
    """7.2: continued on 28 April and not yet told, both apply throughout,
    the call taken at 9:00 still counts, and the letter says they
    continue."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 30, 11, tz=LONDON))
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _designated(casework)
    clock.set(pendulum.datetime(2026, 4, 28, 9, tz=LONDON))
    assert _call(casework, record=True)[0] is True
    clock.advance(hours=1)
    _continued(casework, case_id)
    case = casework.get(case_id)
    assert case.restrictions_in_force(clock.now()) == (ONE_A_DAY, RECORDS_ONLY)
    assert case.bound_since(ONE_A_DAY, clock.now()) == pendulum.datetime(2026, 1, 30, 11, tz=LONDON)
    allowed, reasons = _call(casework)
    assert (allowed, reasons[0]) == (
        False,
        "The limit of 1 call in any day is reached (5.1): do not take this call. Calls can be "
        "taken again from 9:00 on 29 April 2026.",
    )
    text = " ".join(casework.letter(case_id, LetterKind.REVIEW, by=RECORDS).text.split())
    assert "decided: the restrictions continue." in text


def test_enforcing_first_the_letter_says_they_apply_again_from_the_decision() -> None:
    """6.3: under ``enforce_before_communicated`` restrictions continued
    after their lapse apply from the decision, and the letter says so."""
    policy = attrs.evolve(MAIDSTONE, enforce_before_communicated=True)
    clock = FrozenClock(pendulum.datetime(2026, 1, 30, 11, tz=LONDON))
    casework = Casework(MemoryStore(), clock=clock, policy=policy)
    case_id = _designated(casework)
    clock.set(pendulum.datetime(2026, 6, 1, 10, tz=LONDON))
    _continued(casework, case_id)
    case = casework.get(case_id)
    assert case.restrictions_in_force(clock.now(), policy) == (ONE_A_DAY, RECORDS_ONLY)
    clock.advance(days=1)
    text = " ".join(casework.letter(case_id, LetterKind.REVIEW, by=RECORDS).text.split())
    assert (
        "as no review had been completed by then (section 7.2), apply again from 1 June 2026."
        in text
    )


def test_a_review_varying_lapsed_restrictions_says_they_apply_again_changed() -> None:
    """7.2: varied after their lapse to the single point of contact alone,
    the letter says the restrictions apply again, changed."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 30, 11, tz=LONDON))
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _designated(casework)
    clock.set(pendulum.datetime(2026, 6, 1, 10, tz=LONDON))
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(
        case_id, DECIDER, ReviewOutcome.VARY, "Calls are fewer.", [RECORDS_ONLY], overrides=KEPT_UP
    )
    assert casework.get(case_id).restrictions_in_force(clock.now()) == ()
    text = " ".join(casework.letter(case_id, LetterKind.REVIEW, by=RECORDS).text.split())
    assert (
        "(section 7.2), apply again from when this letter is sent to you, changed as set out "
        "below." in text
    )
