"""Regression: calls made before the customer was told of a call limit
counted against it.

A case designated with a call limit of 2 calls a day and not yet told took
three calls ("Decision not yet communicated (6.3): handle it normally"); once
the letter was recorded, the customer's first call after being told was
refused: "The limit of 2 calls in any day is reached (5.1)". A limit now
counts only the contacts made since it bound the customer (5.1, 6.3): since
they were told of it, or since it was decided when it applied at once; a
stricter limit set by a review counts from when the customer was told of
the review, and a looser one keeps counting from when the customer was first
bound by a limit at least as strict.
"""

from __future__ import annotations

import pendulum

from contactpolicy import (
    Behaviour,
    Casework,
    Channel,
    Contact,
    FrozenClock,
    ReviewOutcome,
    ReviewTrigger,
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
    START,
    incident,
    warn_and_continue,
)

DAY = pendulum.duration(days=1)
TWO_A_DAY = r.CallLimit(2, DAY)
ONE_A_DAY = r.CallLimit(1, DAY)
UNTOLD = (
    "Decision not yet communicated (6.3): handle it normally and tell the Policy and "
    "Information team."
)


def _casework() -> Casework:
    return Casework(MemoryStore(), clock=FrozenClock(START))


def _clock(casework: Casework) -> FrozenClock:
    assert isinstance(casework.clock, FrozenClock)
    return casework.clock


def _designated(casework: Casework, limit: r.Restriction) -> str:
    """A case designated with ``limit`` council-wide, not yet told."""
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id, DECIDER, PASSED, (limit,), "Calls.", council_wide_because=EVERY_SERVICE
    )
    return case.id


def _call(casework: Casework, minutes: int = 5) -> tuple[bool, tuple[str, ...]]:
    """A call ``minutes`` after the clock's time, logged: taken, and why."""
    _clock(casework).advance(minutes=minutes)
    decision = casework.decide_contact(
        CUSTOMER.id, Contact(Channel.TELEPHONE, casework.clock.now())
    )
    return decision.allowed, decision.reasons


def _told(casework: Casework, case_id: str) -> None:
    _clock(casework).advance(minutes=5)
    casework.record_communicated(case_id, RECORDS, casework.clock.now(), Channel.LETTER)


def test_calls_taken_before_the_customer_was_told_do_not_count_against_the_limit() -> None:
    """The reproduction: three calls before the letter, then the first two
    after it are taken as calls 1 and 2, and the third is refused until a
    day after the first call made since the customer was told."""
    casework = _casework()
    case_id = _designated(casework, TWO_A_DAY)
    assert [_call(casework) for _ in range(3)] == [(True, (UNTOLD,))] * 3
    _told(casework, case_id)
    assert _call(casework) == (True, ("This is call 1 of at most 2 in any day (5.1).",))
    assert _call(casework) == (True, ("This is call 2 of at most 2 in any day (5.1).",))
    assert _call(casework) == (
        False,
        (
            "The limit of 2 calls in any day is reached (5.1): do not take this call. Calls "
            "can be taken again from 10:25 on 1 February 2026.",
        ),
    )


def test_a_stricter_limit_set_by_a_review_counts_only_calls_since_the_review_was_told() -> None:
    """7.3, 6.3: two a day told, two calls; a review tightening it to one a
    day leaves two a day until told (the two calls count: the limit is
    reached); once told, the first call is taken as call 1 of 1."""
    casework = _casework()
    case_id = _designated(casework, TWO_A_DAY)
    _told(casework, case_id)
    assert [_call(casework)[0] for _ in range(2)] == [True, True]
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.VARY,
        "Still calling.",
        (ONE_A_DAY,),
        assessment=PASSED,
        overrides=KEPT_UP,
    )
    assert _call(casework)[0] is False
    _told(casework, case_id)
    assert _call(casework) == (True, ("This is call 1 of at most 1 in any day (5.1).",))
    assert _call(casework) == (
        False,
        (
            "The limit of 1 call in any day is reached (5.1): do not take this call. Calls "
            "can be taken again from 10:30 on 1 February 2026.",
        ),
    )


def test_a_looser_limit_still_counts_the_calls_made_under_the_stricter_one() -> None:
    """6.3: one a day told, one call; a review relaxing it to three a day
    applies at once, and the call already taken is call 1 of its three."""
    casework = _casework()
    case_id = _designated(casework, ONE_A_DAY)
    _told(casework, case_id)
    assert _call(casework)[0] is True
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(
        case_id,
        DECIDER,
        ReviewOutcome.VARY,
        "Fewer calls now.",
        (r.CallLimit(3, DAY),),
    )
    assert _call(casework) == (True, ("This is call 2 of at most 3 in any day (5.1).",))


def test_immediate_action_counts_calls_from_when_it_was_decided() -> None:
    """6.3: a call limit decided as immediate action applies at once, so it
    counts calls from its decision, not those before it."""
    casework = _casework()
    threats = incident(Behaviour.THREATS)
    case = casework.report(CUSTOMER, "council tax", [threats], by=MANAGER)
    assert _call(casework) == (True, ())
    _clock(casework).advance(minutes=1)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        (ONE_A_DAY,),
        "Threats to staff.",
        without_warning_because="Threats to staff on the telephone.",
        council_wide_because=EVERY_SERVICE,
    )
    assert _call(casework) == (True, ("This is call 1 of at most 1 in any day (5.1).",))
    assert _call(casework)[0] is False


def test_a_limit_recorded_as_not_told_counts_calls_from_the_exception() -> None:
    """6.3: a decision recorded as not told applies from the exception as
    if the customer had been told then: calls before it do not count, and
    the third call after it is refused (every call was call 1 when the
    exception was not a moment at which what applies may change)."""
    casework = _casework()
    case_id = _designated(casework, TWO_A_DAY)
    assert [_call(casework) for _ in range(2)] == [(True, (UNTOLD,))] * 2
    _clock(casework).advance(minutes=5)
    casework.record_not_told(case_id, DECIDER, "Writing to them would reveal a police inquiry.")
    assert _call(casework) == (True, ("This is call 1 of at most 2 in any day (5.1).",))
    assert _call(casework) == (True, ("This is call 2 of at most 2 in any day (5.1).",))
    assert _call(casework) == (
        False,
        (
            "The limit of 2 calls in any day is reached (5.1): do not take this call. Calls "
            "can be taken again from 10:20 on 1 February 2026.",
        ),
    )
