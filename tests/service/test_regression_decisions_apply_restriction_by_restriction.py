"""Regression: a decision waiting for its letter was applied whole or not at
all, and judged against the previous decision's list.

An appeal that removed email-only but added a call limit went on enforcing
email-only until its letter was recorded: the customer who won the appeal
was still refused. A review continuing restrictions that had lapsed (7.2)
or ended (6.4) applied them again at once, before the customer was told.
Until the customer is told of a decision, what applies is now what applied
when it was taken (after a lapse or an end: nothing) less what it removes or
relaxes, restriction by restriction, never more than either; once told, the
decision as a whole (6.3).
"""

from __future__ import annotations

import attrs
import pendulum
import pytest

from contactpolicy import (
    AppealOutcome,
    Casework,
    Channel,
    Contact,
    FrozenClock,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy import restrictions as r
from contactpolicy.domain.policy import MAIDSTONE
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
    incident,
    warn_and_continue,
)

DAY = pendulum.duration(days=1)
EMAIL = r.SingleContactMethod(Channel.EMAIL)
RECORDS_ONLY = r.SinglePointOfContact("records")
ONE_CALL_A_DAY = r.CallLimit(1, DAY)


def _designated(
    casework: Casework,
    restrictions: tuple[r.Restriction, ...] = (EMAIL, RECORDS_ONLY),
    ends_on: pendulum.Date | None = None,
) -> str:
    """A case designated with ``restrictions`` and its letter recorded."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        restrictions,
        "Calls continued after the warning.",
        council_wide_because=EVERY_SERVICE,
        ends_on=ends_on,
        ends_on_because=None if ends_on is None else "The calls follow the billing cycle.",
    )
    casework.record_communicated(case.id, RECORDS, casework.clock.now(), Channel.LETTER)
    return case.id


def _telephone(casework: Casework) -> bool:
    call = Contact(Channel.TELEPHONE, casework.clock.now())
    return casework.decide_contact(CUSTOMER.id, call, record=False).allowed


def _untold(casework: Casework) -> list[str]:
    return [case.id for case in casework.not_communicated()]


def test_an_appeal_replacing_email_only_with_a_call_limit_applies_at_once() -> None:
    """The reproduction: varied on appeal to a single point of contact and
    one call a day. The call limit refuses nothing email-only allowed, so
    the appeal may set it (8.1) and the whole variation applies at once,
    before the letter. (This test once varied on review, the call limit
    counted as added and waiting for the letter.)"""
    clock = FrozenClock(pendulum.datetime(2026, 2, 2, 10, tz="Europe/London"))
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _designated(casework)
    clock.advance(days=1)
    casework.appeal(case_id, RECORDS, "Email is hard for me.")
    clock.advance(hours=1)
    casework.decide_appeal(
        case_id,
        DIRECTOR,
        AppealOutcome.VARIED,
        "Telephone allowed again, one call a day.",
        [RECORDS_ONLY, ONE_CALL_A_DAY],
    )
    case = casework.get(case_id)
    assert case.in_force_before(case.decisions[-1]) == (EMAIL, RECORDS_ONLY)
    assert case.restrictions_in_force(clock.now()) == (RECORDS_ONLY, ONE_CALL_A_DAY)
    assert _telephone(casework) is True
    assert _untold(casework) == [case_id]


def test_a_mixed_variation_applies_each_restriction_at_its_looser_level_until_told() -> None:
    """Longer calls apply at once, a shorter call limit period waits, and
    two call limits neither looser than the other give the looser of each
    until the letter; a single contact method added gives none until then."""
    clock = FrozenClock(pendulum.datetime(2026, 2, 2, 10, tz="Europe/London"))
    casework = Casework(MemoryStore(), clock=clock)
    told = (r.CallTimeLimit(10), ONE_CALL_A_DAY)
    case_id = _designated(casework, told)
    clock.advance(days=1)
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    varied = (
        r.SingleContactMethod(Channel.LETTER),
        r.CallTimeLimit(20),
        r.CallLimit(2, pendulum.duration(weeks=1)),
    )
    casework.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.VARY,
        "Letters instead.",
        varied,
        assessment=PASSED,
        overrides=KEPT_UP,
    )
    case = casework.get(case_id)
    assert case.restrictions_in_force(clock.now()) == (r.CallTimeLimit(20), r.CallLimit(2, DAY))
    clock.advance(hours=1)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    assert casework.get(case_id).restrictions_in_force(clock.now()) == varied


def test_a_review_continuing_lapsed_restrictions_applies_them_only_once_told() -> None:
    """The reproduction: email-only from 30 January 2026, lapsed at the end
    of 30 April; a review continuing it on 1 June does not refuse a call
    until the customer is told, and the decision waits in the queue."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 30, 11, tz="Europe/London"))
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _designated(casework, (EMAIL,))
    assert _telephone(casework) is False
    clock.set(pendulum.datetime(2026, 6, 1, 10, tz="Europe/London"))
    case = casework.get(case_id)
    assert case.lapsed(clock.now()) is True
    assert case.restrictions_in_force(clock.now()) == ()
    assert _telephone(casework) is True
    casework.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    casework.complete_review(case_id, DECIDER, ReviewOutcome.CONTINUE, "x", overrides=KEPT_UP)
    case = casework.get(case_id)
    assert case.lapsed(clock.now()) is False
    assert case.in_force_before(case.decisions[-1]) == ()
    assert case.restrictions_in_force(clock.now()) == ()
    assert _telephone(casework) is True
    assert _untold(casework) == [case_id]
    [item] = [i for i in casework.work_queue(RECORDS) if i.kind == "not_communicated"]
    assert item.summary.endswith(
        "write to the customer, then record it; restrictions it adds or tightens do not "
        "apply until then."
    )
    clock.advance(hours=2)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    assert casework.get(case_id).restrictions_in_force(clock.now()) == (EMAIL,)
    assert _telephone(casework) is False
    assert _untold(casework) == []


def test_restrictions_set_again_after_their_end_apply_only_once_told() -> None:
    """6.4: restrictions that ended on their ``ends_on`` day and are set
    again by a review stay ended until the customer is told."""
    clock = FrozenClock(pendulum.datetime(2026, 2, 2, 10, tz="Europe/London"))
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _designated(casework, (EMAIL,), ends_on=pendulum.date(2026, 2, 28))
    clock.set(pendulum.datetime(2026, 3, 2, 10, tz="Europe/London"))
    assert casework.get(case_id).restrictions_in_force(clock.now()) == ()
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(case_id, DECIDER, ReviewOutcome.CONTINUE, "x", overrides=KEPT_UP)
    assert casework.get(case_id).restrictions_in_force(clock.now()) == ()
    assert _telephone(casework) is True
    assert _untold(casework) == [case_id]
    clock.advance(hours=1)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    assert casework.get(case_id).restrictions_in_force(clock.now()) == (EMAIL,)


def test_a_continuation_not_yet_told_does_not_outlast_the_date_the_customer_was_told() -> None:
    """7.2: continued before its review day but not told, email-only
    applies to the end of the review day the customer was told of, and
    again once they are told of the next."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 30, 11, tz="Europe/London"))
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _designated(casework, (EMAIL,))
    clock.set(pendulum.datetime(2026, 4, 28, 10, tz="Europe/London"))
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(case_id, DECIDER, ReviewOutcome.CONTINUE, "x", overrides=KEPT_UP)
    case = casework.get(case_id)
    assert case.restrictions_in_force(clock.now()) == (EMAIL,)
    last_day = pendulum.datetime(2026, 4, 30, 23, 59, tz="Europe/London")
    assert case.restrictions_in_force(last_day) == (EMAIL,)
    assert case.restrictions_in_force(last_day.add(minutes=2)) == ()
    clock.set(pendulum.datetime(2026, 5, 4, 10, tz="Europe/London"))
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    assert casework.get(case_id).restrictions_in_force(clock.now()) == (EMAIL,)


@pytest.mark.parametrize("enforce_first", [False, True])
def test_a_policy_enforcing_before_telling_still_applies_a_continuation_at_once(
    enforce_first: bool,
) -> None:
    """6.3: under ``enforce_before_communicated`` every decision applies at
    once, a review continuing lapsed restrictions included; either way it
    waits in the queue until the customer is told."""
    policy = attrs.evolve(MAIDSTONE, enforce_before_communicated=enforce_first)
    clock = FrozenClock(pendulum.datetime(2026, 1, 30, 11, tz="Europe/London"))
    casework = Casework(MemoryStore(), clock=clock, policy=policy)
    case_id = _designated(casework, (EMAIL,))
    clock.set(pendulum.datetime(2026, 6, 1, 10, tz="Europe/London"))
    assert casework.get(case_id).restrictions_in_force(clock.now(), policy) == ()
    casework.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    casework.complete_review(case_id, DECIDER, ReviewOutcome.CONTINUE, "x", overrides=KEPT_UP)
    expected = (EMAIL,) if enforce_first else ()
    assert casework.get(case_id).restrictions_in_force(clock.now(), policy) == expected
    assert _untold(casework) == [case_id]
