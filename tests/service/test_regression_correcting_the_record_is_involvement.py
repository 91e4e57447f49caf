"""An officer of the Policy and Information team who may also decide
appeals could correct an incident the decision rests on and then decide
the appeal against it: ``rectify`` was not counted as taking part (8.1).
Involvement is now read from the history, command by command
(``authority.TAKING_PART``): correcting any of the record counts."""

from __future__ import annotations

import pytest

from contactpolicy import (
    AppealOutcome,
    CaseState,
    Casework,
    FrozenClock,
    NotAuthorised,
    Officer,
    Role,
)
from contactpolicy.domain.authority import involvements
from contactpolicy.stores import MemoryStore

from support.builders import DIRECTOR, ONE_OF_EACH, RECORDS, designated_and_told

RGRANT = Officer("rgrant", "Rory Grant", {Role.RECORDS, Role.APPEAL_DECIDER})
"""Of the Policy and Information team, and a Director who hears appeals."""


def _appealed(clock: FrozenClock) -> tuple[Casework, str]:
    """A designated case told to the customer, whose appeal is recorded."""
    casework = Casework(MemoryStore(), clock=clock, officers=[*ONE_OF_EACH.values(), RGRANT])
    case_id = designated_and_told(casework)
    casework.appeal(case_id, RECORDS, "Email only is hard for me.")
    return casework, case_id


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("incident.2.description", "Called 3 times."),
        ("incident.1.description", "Called 12 times."),
        ("customer.name", "Sam Tayler"),
        ("customer.contact", "14 Week Street"),
        ("issue", "council tax arrears"),
    ],
)
def test_the_officer_who_corrected_the_record_may_not_decide_the_appeal(
    clock: FrozenClock, field: str, value: str
) -> None:
    """The reproduction: rgrant corrects the record, then is refused the
    appeal, naming 8.1 and the involvement; nothing is written; another
    Director decides it."""
    casework, case_id = _appealed(clock)
    casework.rectify(case_id, RGRANT, field, value, "Recorded wrongly.")
    before = casework.history(case_id, by=RECORDS)
    with pytest.raises(NotAuthorised) as refused:
        casework.decide_appeal(case_id, RGRANT, AppealOutcome.DISMISSED, "Stands.")
    assert str(refused.value) == (
        "[8.1] officer 'rgrant' may not decide_appeal: an appeal is heard by an officer not "
        "involved in the case; this officer corrected the record"
    )
    assert casework.history(case_id, by=RECORDS) == before
    assert involvements(casework.get(case_id, by=RECORDS))["rgrant"] == ["corrected the record"]
    decided = casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Stands.")
    assert decided.state is CaseState.DESIGNATED
    assert casework.verify(case_id).problems == ()


def test_an_officer_who_only_recorded_the_appeal_may_decide_it(clock: FrozenClock) -> None:
    """Recording what happened is no involvement: rgrant recording the
    appeal, then deciding it, goes ahead."""
    casework = Casework(MemoryStore(), clock=clock, officers=[*ONE_OF_EACH.values(), RGRANT])
    case_id = designated_and_told(casework)
    casework.appeal(case_id, RGRANT, "Unfair.")
    assert "rgrant" not in involvements(casework.get(case_id, by=RECORDS))
    decided = casework.decide_appeal(case_id, RGRANT, AppealOutcome.DISMISSED, "Stands.")
    assert decided.appeal is not None
    assert (decided.appeal.decided_by, decided.appeal.outcome) == (
        "rgrant",
        AppealOutcome.DISMISSED,
    )
