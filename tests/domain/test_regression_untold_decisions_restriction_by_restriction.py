"""Regression: a decision not yet told applied whole or not at all, judged
against the previous decision's restrictions, lapsed or ended as they may
have been. A mixed decision (one restriction removed, another added) kept
enforcing what it removed; restrictions set again after a lapse (7.2) or an
end (6.4) applied before the customer was told.

The rule, at any moment (6.3): nothing in force is stricter than what the
latest decision sets, nor than what the latest decision binding the customer
sets (told by then, immediate action, or any under
``enforce_before_communicated``), each only until its own length or review
day runs out; the latest applies as a whole once it binds; until then, what
it removes or relaxes against the one before applies at once.
"""

from __future__ import annotations

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    MAIDSTONE,
    Case,
    CaseState,
    Channel,
    Communication,
    Customer,
    Decision,
    DecisionKind,
    Policy,
)
from contactpolicy import restrictions as r
from contactpolicy.domain.restrictions import tightened, until_told
from contactpolicy.testing.strategies import restriction_sets

LONDON = "Europe/London"
DECIDED = pendulum.datetime(2026, 1, 30, 11, tz=LONDON)
DAY = pendulum.duration(days=1)
EMAIL = r.SingleContactMethod(Channel.EMAIL)
LWONG = r.SinglePointOfContact("lwong")


def _case(*decisions: Decision) -> Case:
    return Case(
        id="C-1",
        state=CaseState.DESIGNATED,
        version=len(decisions) + 3,
        customer=Customer("CRM-1", "Sam Taylor"),
        issue="council tax",
        reported_at=DECIDED.subtract(weeks=3),
        reported_by="jsmith",
        decisions=decisions,
    )


def _decision(
    restrictions: tuple[r.Restriction, ...],
    at: pendulum.DateTime,
    *,
    told: pendulum.DateTime | None = None,
    immediate: bool = False,
    ends_on: pendulum.Date | None = None,
    kind: DecisionKind = DecisionKind.REVIEW,
) -> Decision:
    return Decision(
        kind,
        at,
        "apatel",
        restrictions,
        MAIDSTONE.review_due(at) if restrictions else None,
        immediate,
        None if told is None else Communication(told, Channel.LETTER, "lwong"),
        ends_on,
    )


def test_an_appeal_replacing_email_only_with_a_call_limit_applies_it_at_once() -> None:
    """Varied from email-only and lwong to lwong and one call a day: the
    call limit allows calls email-only refused and limits nothing email-only
    allowed, so it relaxes and the whole variation applies at once."""
    told = _decision((EMAIL, LWONG), DECIDED, told=DECIDED, kind=DecisionKind.DESIGNATION)
    varied_at = DECIDED.add(days=14)
    varied = (LWONG, r.CallLimit(1, DAY))
    case = _case(told, _decision(varied, varied_at, kind=DecisionKind.APPEAL))
    assert case.restrictions_in_force(varied_at.subtract(minutes=1)) == (EMAIL, LWONG)
    assert case.restrictions_in_force(varied_at) == varied


def test_an_appeal_replacing_email_only_with_a_call_time_limit_applies_it_once_told() -> None:
    """A call time limit limits a call on a new issue that email-only takes
    in full (7.3), so it adds to email-only and waits for the letter."""
    told = _decision((EMAIL, LWONG), DECIDED, told=DECIDED, kind=DecisionKind.DESIGNATION)
    varied_at = DECIDED.add(days=14)
    varied = (LWONG, r.CallTimeLimit(10))
    letter = varied_at.add(days=2)
    case = _case(told, _decision(varied, varied_at, told=letter, kind=DecisionKind.APPEAL))
    assert case.restrictions_in_force(letter.subtract(minutes=1)) == (LWONG,)
    assert case.restrictions_in_force(letter) == varied


def test_restrictions_continued_after_they_lapsed_apply_only_once_told() -> None:
    """7.2: email-only from 30 January lapsed at the end of 30 April; a
    continuation on 1 June adds it back, so it waits for the letter; the
    same for restrictions that ended on their own day (6.4)."""
    june = pendulum.datetime(2026, 6, 1, 10, tz=LONDON)
    told = _decision((EMAIL,), DECIDED, told=DECIDED, kind=DecisionKind.DESIGNATION)
    case = _case(told, _decision((EMAIL,), june))
    assert case.in_force_before(case.decisions[-1]) == ()
    assert case.restrictions_in_force(june.add(hours=1)) == ()
    case = _case(told, _decision((EMAIL,), june, told=june.add(hours=2)))
    assert case.restrictions_in_force(june.add(hours=1)) == ()
    assert case.restrictions_in_force(june.add(hours=2)) == (EMAIL,)
    ended = _decision(
        (EMAIL,),
        DECIDED,
        told=DECIDED,
        ends_on=pendulum.date(2026, 2, 28),
        kind=DecisionKind.DESIGNATION,
    )
    march = pendulum.datetime(2026, 3, 2, 10, tz=LONDON)
    assert _case(ended, _decision((EMAIL,), march)).restrictions_in_force(march) == ()


def test_immediate_action_and_a_policy_enforcing_first_still_apply_at_once() -> None:
    """6.3: immediate action binds at once, and under
    ``enforce_before_communicated`` so does a continuation after a lapse."""
    june = pendulum.datetime(2026, 6, 1, 10, tz=LONDON)
    threats = _decision((EMAIL,), DECIDED, immediate=True, kind=DecisionKind.DESIGNATION)
    assert _case(threats).restrictions_in_force(DECIDED) == (EMAIL,)
    told = _decision((EMAIL,), DECIDED, told=DECIDED, kind=DecisionKind.DESIGNATION)
    enforcing = Policy(enforce_before_communicated=True)
    assert _case(told, _decision((EMAIL,), june)).restrictions_in_force(june, enforcing) == (EMAIL,)


def test_until_told_takes_each_restriction_at_the_looser_level() -> None:
    """Longer calls at once, a shorter call waits, two call limits neither
    looser give the most calls over the shorter period, a single contact
    method or no further enquiries added gives none, another named officer
    applies at once."""
    week = pendulum.duration(weeks=1)
    old = (r.CallTimeLimit(10), r.CallLimit(1, DAY), LWONG, r.ReadAndFile("lwong"))
    new = (
        r.ReadAndFile("kdaly"),
        r.SingleContactMethod(Channel.LETTER),
        r.CallTimeLimit(5),
        r.CallLimit(2, week),
        r.SinglePointOfContact("kdaly"),
        r.NoFurtherEnquiriesOnIssue("council tax"),
    )
    assert until_told(old, new) == (
        r.ReadAndFile("kdaly"),
        r.CallTimeLimit(10),
        r.CallLimit(2, DAY),
        r.SinglePointOfContact("kdaly"),
    )


_steps = st.lists(
    st.tuples(
        st.one_of(st.just(()), restriction_sets()),
        st.integers(0, 120),  # days after the decision before
        st.one_of(st.none(), st.integers(0, 24 * 40)),  # hours to the letter
        st.booleans(),  # immediate action
        st.one_of(st.none(), st.integers(0, 100)),  # its own length in days
    ),
    min_size=1,
    max_size=4,
)


@given(
    steps=_steps,
    hours_after=st.integers(0, 24 * 200),
    enforce=st.booleans(),
    lapse=st.booleans(),
)
def test_nothing_in_force_is_stricter_than_the_customer_was_told_or_the_latest_decision(
    steps: list[tuple[tuple[r.Restriction, ...], int, int | None, bool, int | None]],
    hours_after: int,
    enforce: bool,
    lapse: bool,
) -> None:
    """The rule of 6.3 at any moment, for any decisions: see the module."""
    policy = Policy(
        enforce_before_communicated=enforce, on_review_overdue="lapse" if lapse else "continue"
    )
    decisions: list[Decision] = []
    at = DECIDED
    for restrictions, days, told_after, immediate, length in steps:
        at = at.add(days=days)
        previous = decisions[-1] if decisions else None
        if previous is not None and previous.communicated is not None:
            at = max(at, previous.communicated.at)
        told = None if told_after is None else at.add(hours=told_after)
        ends_on = None
        if length is not None and restrictions:
            ends_on = min(policy.date_of(at).add(days=length), policy.review_due(at))
        decisions.append(
            _decision(restrictions, at, told=told, immediate=immediate, ends_on=ends_on)
        )
    now = DECIDED.add(hours=hours_after)
    in_force = _case(*decisions).restrictions_in_force(now, policy)
    decided = [decision for decision in decisions if decision.decided_at <= now]

    def binds(decision: Decision) -> bool:
        told = decision.communicated is not None and decision.communicated.at <= now
        return told or decision.immediate or policy.enforce_before_communicated

    def sets(decision: Decision) -> tuple[r.Restriction, ...]:
        stopped = decision.ended(policy.date_of(now)) or policy.lapses(decision.review_due, now)
        return () if stopped else decision.restrictions

    bound = [decision for decision in decided if binds(decision)]
    if not bound:
        assert in_force == ()
        return
    latest, last_told = sets(decided[-1]), sets(bound[-1])
    assert tightened(latest, in_force) == ()
    assert tightened(last_told, in_force) == ()
    if binds(decided[-1]):
        assert in_force == latest
    elif len(decided) > 1 and binds(decided[-2]):
        relaxed = [each for each in latest if not tightened(last_told, (each,))]
        assert set(relaxed) <= set(in_force)
