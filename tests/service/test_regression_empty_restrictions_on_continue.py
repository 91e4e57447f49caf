"""Regression: an empty restriction list given with a continuing outcome once
replaced the restrictions with none, leaving a designated case unrestricted."""

from contactpolicy import AppealOutcome, CaseState, Casework, ReviewOutcome

from conftest import CaseIn
from support.builders import DECIDER, DIRECTOR, KEPT_UP, RESTRICTIONS


def test_continuing_a_review_with_an_empty_list_keeps_the_restrictions(
    casework: Casework, case_in: CaseIn
) -> None:
    """CONTINUE with restrictions=[] keeps the designation's restrictions."""
    case = case_in(CaseState.UNDER_REVIEW)
    continued = casework.complete_review(
        case.id, DECIDER, ReviewOutcome.CONTINUE, "Same.", [], overrides=KEPT_UP
    )
    assert continued.restrictions == RESTRICTIONS
    assert casework.history(case.id)[-1].data["restrictions"] is None


def test_dismissing_an_appeal_with_an_empty_list_keeps_the_restrictions(
    casework: Casework, case_in: CaseIn
) -> None:
    """DISMISSED with restrictions=[] keeps the designation's restrictions."""
    case = case_in(CaseState.APPEALED)
    decided = casework.decide_appeal(case.id, DIRECTOR, AppealOutcome.DISMISSED, "Stands.", [])
    assert decided.restrictions == RESTRICTIONS
