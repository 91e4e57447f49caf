"""Recording who was told of the restrictions (9.1) names someone: each
recipient a name, team or id holding at least one letter or digit.
Before, ``"."`` was recorded and the work queue's "managers not informed"
disappeared with nobody named. A refusal writes nothing."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import CaseState, Casework, PreconditionsNotMet
from contactpolicy.errors import InvalidInput
from contactpolicy.testing.strategies import texts

from conftest import CaseIn
from support.builders import RECORDS


@pytest.mark.parametrize("told", [".", "-", "…", "- / -", "()"])
def test_punctuation_alone_names_nobody(casework: Casework, case_in: CaseIn, told: str) -> None:
    """Refused with its code and section; the case, its history and the
    work queue's item stay as they were."""
    case = case_in(CaseState.DESIGNATED)
    history = casework.history(case.id)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_informed(case.id, RECORDS, ["Planning managers", told])
    assert [(f.section, f.code, f.message) for f in refused.value.failures] == [
        (
            "9.1",
            "recipient_unnamed",
            "each person or team told must be named by a name or id holding at least one "
            "letter or digit",
        )
    ]
    assert (casework.get(case.id), casework.history(case.id)) == (case, history)
    assert [item.kind for item in casework.work_queue(RECORDS)].count("managers_not_informed") == 1


def test_names_in_any_script_and_ids_are_taken(casework: Casework, case_in: CaseIn) -> None:
    """A team, an officer's name and id, a name in another script, a number."""
    case = case_in(CaseState.DESIGNATED)
    told = ["Planning managers", "Jo Smith (jsmith)", "Ζωή", "7"]
    recorded = casework.record_informed(case.id, RECORDS, told)
    assert recorded.disseminations[-1].recipients == tuple(told)
    assert "managers_not_informed" not in [item.kind for item in casework.work_queue(RECORDS)]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(told=st.lists(texts(1, 12), min_size=1, max_size=3))
def test_recorded_iff_each_recipient_holds_a_letter_or_digit(
    casework: Casework, case_in: CaseIn, told: list[str]
) -> None:
    """Whatever the text: recorded exactly when every recipient holds a
    letter or a digit; otherwise refused, nothing written."""
    case = case_in(CaseState.DESIGNATED)
    named = all(any(character.isalnum() for character in each) for each in told)
    try:
        recorded = casework.record_informed(case.id, RECORDS, told)
    except (PreconditionsNotMet, InvalidInput):
        assert not named
        assert casework.get(case.id) == case
    else:
        assert named
        assert recorded.disseminations[-1].recipients == tuple(told)
