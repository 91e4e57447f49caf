"""When restrictions apply: told before restricted (6.3), lapsed after the
review day (7.2), relaxations at once; and the policy's choices about it."""

import pendulum
import pytest
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
    InvalidPolicy,
    Policy,
)
from contactpolicy import restrictions as r
from contactpolicy.domain.decisions import relaxes
from contactpolicy.domain.working_days import WorkingDays

LONDON = "Europe/London"
DECIDED = pendulum.datetime(2026, 1, 31, 10, tz=LONDON)
DAY = pendulum.duration(days=1)
EMAIL_ONLY = (r.SingleContactMethod(Channel.EMAIL),)


def _case(*decisions: Decision, state: CaseState = CaseState.DESIGNATED) -> Case:
    return Case(
        id="C-1",
        state=state,
        version=3,
        customer=Customer("CRM-1", "Sam Taylor"),
        issue="council tax",
        reported_at=DECIDED.subtract(weeks=3),
        reported_by="jsmith",
        decisions=decisions,
    )


def _decision(
    restrictions: tuple[r.Restriction, ...] = EMAIL_ONLY,
    *,
    at: pendulum.DateTime = DECIDED,
    told: pendulum.DateTime | None = None,
    immediate: bool = False,
    kind: DecisionKind = DecisionKind.DESIGNATION,
) -> Decision:
    communicated = None if told is None else Communication(told, Channel.LETTER, "lwong")
    return Decision(
        kind,
        at,
        "apatel",
        restrictions,
        MAIDSTONE.review_due(at) if restrictions else None,
        immediate,
        communicated,
    )


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        ((r.CallLimit(3, DAY),), (r.CallLimit(1, DAY),), True),
        ((r.CallLimit(1, DAY),), (r.CallLimit(3, DAY),), False),
        ((r.CallLimit(1, DAY),), (r.CallLimit(1, DAY * 7),), True),
        ((r.CallTimeLimit(20),), (r.CallTimeLimit(10),), True),
        ((r.CallTimeLimit(5),), (r.CallTimeLimit(10),), False),
        ((r.SinglePointOfContact("b"),), (r.SinglePointOfContact("a"),), True),
        ((r.ReadAndFile("b"),), (r.SinglePointOfContact("a"),), False),
        ((r.SingleContactMethod(Channel.LETTER),), EMAIL_ONLY, False),
        ((), EMAIL_ONLY, True),
        (EMAIL_ONLY, (), False),
        (EMAIL_ONLY, (*EMAIL_ONLY, r.CallTimeLimit(10)), True),
    ],
)
def test_relaxes_says_whether_a_decision_only_removes_or_relaxes(
    new: tuple[r.Restriction, ...], old: tuple[r.Restriction, ...], expected: bool
) -> None:
    """More calls over no longer a period, longer calls, fewer restrictions
    or another named officer relax; anything added or tightened does not."""
    assert relaxes(new, old) is expected


@given(
    told_after=st.one_of(st.none(), st.integers(0, 60 * 24 * 30)),
    contact_after=st.integers(0, 60 * 24 * 80),
)
def test_a_designation_applies_from_when_the_customer_is_told(
    told_after: int | None, contact_after: int
) -> None:
    """6.3: a designation's restrictions apply to a contact at or after the
    time the customer was told, never before, and never if not told."""
    told = None if told_after is None else DECIDED.add(minutes=told_after)
    case = _case(_decision(told=told))
    at = DECIDED.add(minutes=contact_after)
    expected = EMAIL_ONLY if told is not None and told <= at else ()
    assert case.restrictions_in_force(at) == expected


@given(contact_after=st.integers(0, 60 * 24 * 80))
def test_immediate_action_and_a_council_enforcing_before_telling_apply_at_once(
    contact_after: int,
) -> None:
    """Immediate action for staff safety applies at once (6.3), as does any
    designation under ``enforce_before_communicated``."""
    at = DECIDED.add(minutes=contact_after)
    assert _case(_decision(immediate=True)).restrictions_in_force(at) == EMAIL_ONLY
    enforcing = Policy(enforce_before_communicated=True)
    assert _case(_decision()).restrictions_in_force(at, enforcing) == EMAIL_ONLY


@given(day=st.dates(pendulum.date(2026, 1, 1), pendulum.date(2030, 12, 31)))
def test_restrictions_lapse_at_the_end_of_the_review_day(day: pendulum.Date) -> None:
    """7.2 under ``"lapse"``: the last minute of the review day (London time,
    whatever the clocks do) they apply; the first minute after, they have
    lapsed and the review is overdue. Under ``"continue"`` they still apply."""
    decided = pendulum.datetime(day.year, day.month, day.day, 10, tz=LONDON)
    case = _case(_decision(at=decided, told=decided))
    due = MAIDSTONE.review_due(decided)
    last = pendulum.datetime(due.year, due.month, due.day, 23, 59, tz=LONDON)
    after = last.add(minutes=1)
    assert (case.restrictions_in_force(last), case.review_overdue(last)) == (EMAIL_ONLY, False)
    assert (case.restrictions_in_force(after), case.lapsed(after)) == ((), True)
    continuing = Policy(on_review_overdue="continue")
    assert case.restrictions_in_force(after, continuing) == EMAIL_ONLY
    assert (case.review_overdue(after, continuing), case.lapsed(after, continuing)) == (
        True,
        False,
    )


def test_a_tightening_waits_and_a_relaxation_applies_at_once() -> None:
    """A variation adding a restriction applies once told, the restrictions
    the customer was told of applying until then; one removing a
    restriction applies at once."""
    both = (*EMAIL_ONLY, r.CallTimeLimit(10))
    later = DECIDED.add(days=7)
    tightened = _case(_decision(told=DECIDED), _decision(both, at=later, kind=DecisionKind.REVIEW))
    assert tightened.restrictions_in_force(later.add(hours=1)) == EMAIL_ONLY
    relaxed = _case(
        _decision(both, told=DECIDED), _decision(EMAIL_ONLY, at=later, kind=DecisionKind.REVIEW)
    )
    assert relaxed.restrictions_in_force(later.add(hours=1)) == EMAIL_ONLY
    assert relaxed.restrictions_in_force(later.subtract(hours=1)) == both


def test_a_lift_applies_at_once_and_a_back_dated_contact_sees_what_applied() -> None:
    """A decision ending the restrictions applies at once, told or not; a
    contact dated before it is judged by the restrictions then."""
    lifted_at = DECIDED.add(days=10)
    case = _case(
        _decision(told=DECIDED),
        _decision((), at=lifted_at, kind=DecisionKind.LIFT),
        state=CaseState.LIFTED,
    )
    assert case.restrictions_in_force(lifted_at) == ()
    assert case.restrictions_in_force(lifted_at.subtract(minutes=1)) == EMAIL_ONLY
    assert case.review_overdue(lifted_at.add(months=6)) is False
    assert case.awaiting_communication == lifted_at


def test_appeals_are_decided_within_working_days() -> None:
    """8.1: the deadline counts working days (these weeks hold no bank holiday)."""
    assert WorkingDays().after(pendulum.date(2026, 3, 6), 1) == pendulum.date(2026, 3, 9)
    assert WorkingDays().after(pendulum.date(2026, 3, 7), 1) == pendulum.date(2026, 3, 9)
    assert MAIDSTONE.appeal_decision_due(
        pendulum.datetime(2026, 3, 2, 9, tz=LONDON)
    ) == pendulum.date(2026, 3, 30)
    assert Policy(appeal_decision_days=5).appeal_decision_due(
        pendulum.datetime(2026, 3, 6, 16, tz=LONDON)
    ) == pendulum.date(2026, 3, 13)


def test_the_maidstone_safeguard_choices() -> None:
    """Maidstone: told before enforced, lapse at the review day, appeals in
    20 working days."""
    assert (
        MAIDSTONE.enforce_before_communicated,
        MAIDSTONE.on_review_overdue,
        MAIDSTONE.appeal_decision_days,
    ) == (False, "lapse", 20)


def test_wrong_safeguard_choices_are_all_reported_at_once() -> None:
    """Each wrong value names its field and section."""
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_mapping(
            {
                "enforce_before_communicated": "no",
                "on_review_overdue": "extend",
                "appeal_decision_days": 0,
            }
        )
    assert [(p.field, p.section) for p in refused.value.problems] == [
        ("Policy.enforce_before_communicated", "6.3"),
        ("Policy.on_review_overdue", "7.2"),
        ("Policy.appeal_decision_days", "8.1"),
    ]
