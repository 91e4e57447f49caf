"""Regression: what a decision not yet told brings in, and what it keeps.

Restrictions that had lapsed at the end of their review day (7.2) or ended
on the last day decided (6.4) are a new imposition when a review sets them
again: they apply once the customer is told of it, or an exception of not
telling them is recorded (6.3), never at once unless it is immediate action
or the policy enforces before communication. A review that continues
restrictions before they lapsed keeps them applying without a break: a
continuation of two call limits of a kind (one a day, five a week) not yet
told loosened one a day to five a day, judged against the last of its kind
only.

For every timeline of decisions, each told or excepted (if at all) before
the next is taken: from a decision until it is settled or the next is
taken, nothing applies that is stricter than what applied just before it,
and what it keeps or relaxes of that applies at once.
"""

from __future__ import annotations

import attrs
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
    NotTold,
    Policy,
)
from contactpolicy import restrictions as r
from contactpolicy.domain.restrictions import tightened, until_told
from contactpolicy.testing.strategies import restriction_sets

LONDON = "Europe/London"
DECIDED = pendulum.datetime(2026, 1, 30, 11, tz=LONDON)
DAY = pendulum.duration(days=1)
WEEK = pendulum.duration(weeks=1)
ONE_A_DAY = r.CallLimit(1, DAY)
FIVE_A_WEEK = r.CallLimit(5, WEEK)
EMAIL = r.SingleContactMethod(Channel.EMAIL)


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
    excepted: pendulum.DateTime | None = None,
    immediate: bool = False,
    ends_on: pendulum.Date | None = None,
) -> Decision:
    return Decision(
        DecisionKind.DESIGNATION if at == DECIDED else DecisionKind.REVIEW,
        at,
        "apatel",
        restrictions,
        MAIDSTONE.review_due(at),
        immediate,
        None if told is None else Communication(told, Channel.LETTER, "lwong"),
        ends_on,
        None if excepted is None else NotTold(excepted, "apatel", "Told by the police."),
    )


def test_two_limits_of_a_kind_continued_before_they_lapse_apply_without_a_break() -> None:
    """One a day and five a week, told on 30 January; continued unchanged on
    28 April and not yet told: both still apply that day, not five a day."""
    april = pendulum.datetime(2026, 4, 28, 11, tz=LONDON)
    told = _decision((ONE_A_DAY, FIVE_A_WEEK), DECIDED, told=DECIDED)
    case = _case(told, _decision((ONE_A_DAY, FIVE_A_WEEK), april))
    assert until_told((ONE_A_DAY, FIVE_A_WEEK), (ONE_A_DAY, FIVE_A_WEEK)) == (
        ONE_A_DAY,
        FIVE_A_WEEK,
    )
    assert case.restrictions_in_force(april) == (ONE_A_DAY, FIVE_A_WEEK)
    assert case.restrictions_in_force(april.add(days=2)) == (ONE_A_DAY, FIVE_A_WEEK)
    assert case.restrictions_in_force(april.add(days=3)) == ()


def test_a_limit_tightened_below_two_told_keeps_both_until_told() -> None:
    """One a week replacing one a day and five a week stays at the two
    limits the customer was told of until they are told of it."""
    april = pendulum.datetime(2026, 4, 28, 11, tz=LONDON)
    told = _decision((ONE_A_DAY, FIVE_A_WEEK), DECIDED, told=DECIDED)
    case = _case(told, _decision((r.CallLimit(1, WEEK),), april))
    assert case.restrictions_in_force(april) == (ONE_A_DAY, FIVE_A_WEEK)


def test_restrictions_set_again_after_a_lapse_wait_for_the_letter_or_the_exception() -> None:
    """Email-only lapsed at the end of 30 April; set again on 1 June, it
    applies from the letter at 14:00, or from an exception of not telling
    the customer recorded at 12:00, and not a minute before."""
    june = pendulum.datetime(2026, 6, 1, 11, tz=LONDON)
    first = _decision((EMAIL,), DECIDED, told=DECIDED)
    letter, exception = june.add(hours=3), june.add(hours=1)
    told = _case(first, _decision((EMAIL,), june, told=letter))
    excepted = _case(first, _decision((EMAIL,), june, excepted=exception))
    assert told.restrictions_in_force(june) == ()
    assert told.restrictions_in_force(letter.subtract(minutes=1)) == ()
    assert told.restrictions_in_force(letter) == (EMAIL,)
    assert excepted.restrictions_in_force(exception.subtract(minutes=1)) == ()
    assert excepted.restrictions_in_force(exception) == (EMAIL,)


def _restrictions() -> st.SearchStrategy[tuple[r.Restriction, ...]]:
    """A decision's restrictions: as a decision maker chooses them, with up
    to two call limits besides (5.1 allows one a day and five a week)."""
    limits = st.lists(
        st.builds(r.CallLimit, st.integers(1, 6), st.sampled_from([DAY, WEEK])),
        max_size=2,
        unique=True,
    )
    return st.tuples(restriction_sets(), limits).map(
        lambda chosen: tuple(dict.fromkeys(chosen[0] + tuple(chosen[1])))
    )


_step = st.tuples(
    st.one_of(st.none(), _restrictions()),  # None: the same as the decision before
    st.integers(1, 150),  # days after the decision before
    st.one_of(st.none(), st.tuples(st.booleans(), st.floats(0, 1))),  # told or excepted, when
    st.booleans(),  # immediate action
    st.one_of(st.none(), st.integers(0, 100)),  # its own length in days
)


Step = tuple[tuple[r.Restriction, ...] | None, int, tuple[bool, float] | None, bool, int | None]


def _timeline(steps: list[Step], policy: Policy) -> list[Decision]:
    """The decisions of ``steps``, each taken at 11:00 some days after the
    one before, and told or excepted (if at all) before the next is taken,
    as ``record_communicated`` and ``record_not_told`` record against the
    latest decision only."""
    decisions: list[Decision] = []
    at = DECIDED
    for index, (chosen, days, settled, immediate, length) in enumerate(steps):
        if index:
            at = at.add(days=days)
        restrictions = (
            decisions[-1].restrictions if chosen is None and decisions else chosen or (EMAIL,)
        )
        gap = steps[index + 1][1] if index + 1 < len(steps) else 200
        moment = None
        if settled is not None:
            # Before the next decision, counted on the clock: a day the
            # clocks change (29 March 2026, say) is 23 or 25 hours long.
            minutes = int((at.add(days=gap) - at).total_seconds()) // 60
            moment = at.add(minutes=int(settled[1] * (minutes - 1)))
        ends_on = None
        if length is not None:
            ends_on = min(policy.date_of(at).add(days=length), policy.review_due(at))
        decisions.append(
            _decision(
                restrictions,
                at,
                told=moment if settled is not None and settled[0] else None,
                excepted=moment if settled is not None and not settled[0] else None,
                immediate=immediate and not index,
                ends_on=ends_on,
            )
        )
    return decisions


def _settled_at(decision: Decision) -> pendulum.DateTime | None:
    records = [each.at for each in (decision.communicated, decision.not_told) if each is not None]
    return min(records, default=None)


@given(
    steps=st.lists(_step, min_size=1, max_size=4),
    offsets=st.lists(st.floats(0, 1), max_size=4),
    enforce=st.booleans(),
    lapse=st.booleans(),
)
def test_a_decision_not_yet_settled_brings_in_nothing_that_did_not_apply_just_before(
    steps: list[Step], offsets: list[float], enforce: bool, lapse: bool
) -> None:
    """6.3, 6.4, 7.2: see the module. Immediate action, and any decision
    under ``enforce_before_communicated``, applies as a whole at once."""
    policy = attrs.evolve(
        MAIDSTONE,
        enforce_before_communicated=enforce,
        on_review_overdue="lapse" if lapse else "continue",
    )
    decisions = _timeline(steps, policy)
    case = _case(*decisions)
    for index, decision in enumerate(decisions):
        start = decision.decided_at
        ends = [start.add(days=200)]
        if index + 1 < len(decisions):
            ends.append(decisions[index + 1].decided_at)
        settled = _settled_at(decision)
        if settled is not None:
            ends.append(settled)
        end = min(ends)
        before = case.restrictions_in_force(start.subtract(microseconds=1), policy)
        moments = [
            start,
            *(start.add(seconds=int(o * (end - start).total_seconds())) for o in offsets),
        ]
        for moment in (each for each in moments if each < end):
            in_force = case.restrictions_in_force(moment, policy)
            if decision.immediate or enforce:
                if moment == start:
                    assert in_force == decision.restrictions
                continue
            assert tightened(before, in_force) == (), (before, decision.restrictions, in_force)
            if moment == start:
                kept = [each for each in decision.restrictions if not tightened(before, (each,))]
                assert set(kept) <= set(in_force), (before, decision.restrictions, in_force)
