"""Regression: calls made before the customer was told of a call limit
counted against it (5.1, 6.3).

For every call limit and every run of calls before the customer was told of
it, the first call after they were told is taken as call 1; and a limit
tightened by a later decision counts only the calls made since the customer
was told of that decision.
"""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    Case,
    Channel,
    Communication,
    Contact,
    ContactDecision,
    Decision,
    DecisionKind,
    LoggedContact,
)
from contactpolicy.domain import wording
from contactpolicy.restrictions import CallLimit

from support.contact_cases import AT, case, run

LIMITS = st.builds(
    CallLimit,
    st.integers(1, 4),
    st.integers(1, 72).map(lambda hours: pendulum.duration(hours=hours)),
)
TOLD = AT.subtract(minutes=30)
"""When the customer is told of the limit: half an hour before the call."""


def _untold_until(limit: CallLimit, told: pendulum.DateTime) -> Case:
    """A case designated with ``limit`` two weeks before :data:`AT` and
    told of it at ``told``."""
    designated = case(limit)
    decision = attrs.evolve(
        designated.decisions[0],
        decided_at=AT.subtract(weeks=2),
        communicated=Communication(told, Channel.LETTER, "lwong"),
    )
    return attrs.evolve(designated, decisions=(decision,))


def _taken(at: pendulum.DateTime) -> LoggedContact:
    return LoggedContact("CRM-1", Contact(Channel.TELEPHONE, at), ContactDecision(), at)


@given(LIMITS, st.lists(st.integers(1, 60 * 24 * 13), max_size=8))
def test_no_call_made_before_the_customer_was_told_counts_against_the_limit(
    limit: CallLimit, minutes_before: list[int]
) -> None:
    """Whatever the limit and the calls taken while the decision was not
    yet told, the first call after the customer was told is call 1."""
    calls = [_taken(TOLD.subtract(minutes=minutes)) for minutes in minutes_before]
    decision = run([_untold_until(limit, TOLD)], Contact(Channel.TELEPHONE, AT), calls)
    assert decision.allowed is True
    assert decision.reasons == (
        f"This is call 1 of at most {limit.calls} in any {wording.period(limit.per)} (5.1).",
    )


def test_a_tightened_limit_counts_only_calls_since_the_customer_was_told_of_it() -> None:
    """Three a day told four weeks ago, two calls this morning; one a day
    from a review told half an hour ago: the next call is call 1 of 1."""
    day = pendulum.duration(days=1)
    designated = case(CallLimit(3, day))
    varied = Decision(
        DecisionKind.REVIEW,
        AT.subtract(hours=2),
        "apatel",
        (CallLimit(1, day),),
        pendulum.date(2026, 6, 2),
        communicated=Communication(TOLD, Channel.LETTER, "lwong"),
    )
    varied_case = attrs.evolve(designated, decisions=(*designated.decisions, varied))
    calls = [_taken(AT.subtract(hours=3)), _taken(AT.subtract(hours=1))]
    decision = run([varied_case], Contact(Channel.TELEPHONE, AT), calls)
    assert (decision.allowed, decision.reasons) == (
        True,
        ("This is call 1 of at most 1 in any day (5.1).",),
    )
    assert varied_case.bound_since(CallLimit(1, day), AT) == TOLD
    assert varied_case.bound_since(CallLimit(3, day), AT) == AT.subtract(weeks=4)
