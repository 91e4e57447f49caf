"""Regression: the customer is owed every decision they were not told of,
not only the latest (6.3, 8.1). ``Case.untold`` is the one list,
``Case.awaiting_communication`` (the stores' ``awaiting_since``) the oldest
of it, and the guards of ``record_communicated`` and ``record_not_told``
take a record while any decision is owed, even once the latest was told
(a case recorded before, when a letter recorded the latest decision only)."""

from __future__ import annotations

import attrs
import pendulum

from contactpolicy.domain.model import Case, Communication, Customer, Decision, NotTold
from contactpolicy.domain.policy import MAIDSTONE
from contactpolicy.domain.preconditions import check_record_communicated, check_record_not_told
from contactpolicy.domain.vocabulary import CaseState, Channel, DecisionKind, NoticeItem
from contactpolicy.errors import Failure

DAY = pendulum.datetime(2026, 2, 2, 10, tz="UTC")
TOLD = Communication(DAY, Channel.LETTER, "records")
DESIGNATION = Decision(DecisionKind.DESIGNATION, DAY.subtract(days=3), "decider", communicated=TOLD)
APPEAL = Decision(DecisionKind.APPEAL, DAY.add(days=9), "director")
LIFT = Decision(DecisionKind.LIFT, DAY.add(days=10), "decider")
LATER = DAY.add(days=11)


def _case(*decisions: Decision) -> Case:
    return Case(
        "C-1",
        CaseState.LIFTED,
        9,
        Customer("CRM-1", "Sam Taylor", "12 Week Street"),
        "council tax",
        DAY.subtract(days=30),
        "manager",
        decisions=decisions,
    )


def _codes(failures: list[Failure]) -> list[str]:
    return [failure.code for failure in failures]


def test_the_oldest_decision_owed_is_the_one_awaited() -> None:
    case = _case(DESIGNATION, APPEAL, LIFT)
    assert case.untold == (APPEAL, LIFT)
    assert case.awaiting_communication == APPEAL.decided_at
    assert case.told_with(LIFT) == (APPEAL,)
    assert case.told_with(APPEAL) == ()


def test_a_decision_not_told_by_a_recorded_exception_is_not_owed() -> None:
    excused = attrs.evolve(APPEAL, not_told=NotTold(LATER, "decider", "Moved abroad."))
    case = _case(DESIGNATION, excused, LIFT)
    assert (case.untold, case.awaiting_communication) == ((LIFT,), LIFT.decided_at)


def test_a_latest_decision_told_leaves_an_earlier_one_owed() -> None:
    """As recorded before: the lift told, the appeal it overtook not. The
    case still waits from the appeal's time, and both records are taken."""
    case = _case(DESIGNATION, APPEAL, attrs.evolve(LIFT, communicated=TOLD))
    assert (case.untold, case.awaiting_communication) == ((APPEAL,), APPEAL.decided_at)
    covered = frozenset({NoticeItem.WHY, NoticeItem.ELECTRONIC_RECORD})
    assert check_record_communicated(case, MAIDSTONE, LATER, Channel.LETTER, covered, LATER) == []
    assert check_record_not_told(case) == []


def test_nothing_owed_is_refused_as_before() -> None:
    told = _case(DESIGNATION, attrs.evolve(APPEAL, communicated=TOLD))
    covered = frozenset(NoticeItem)
    assert _codes(
        check_record_communicated(told, MAIDSTONE, LATER, Channel.LETTER, covered, LATER)
    ) == ["already_communicated"]
    assert _codes(check_record_not_told(told)) == ["already_communicated"]
    excused = _case(attrs.evolve(DESIGNATION, communicated=None, not_told=NotTold(DAY, "d", "r")))
    assert _codes(check_record_not_told(excused)) == ["already_not_told"]
    assert excused.awaiting_communication is None
