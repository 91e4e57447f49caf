"""``rectify`` took ``incident.01.description`` as incident 1: an incident's
number in the field corrected is written one way only, ASCII digits from 1
without a leading zero, in the library (so the command line and the HTTP API
too)."""

from __future__ import annotations

import pytest

from contactpolicy import Casework, PreconditionsNotMet
from contactpolicy.domain.preconditions import rectified

from support.builders import CUSTOMER, MANAGER, RECORDS, incident

NOT_CANONICAL = [
    "incident.01.description",
    "incident.001.description",
    "incident.0.description",
    "incident.+1.description",
    "incident. 1.description",
    "incident.1 .description",
    "incident.\u0661.description",
    "incident.\uff11.description",
    "incident.1_0.description",
]


@pytest.mark.parametrize("field", NOT_CANONICAL)
def test_a_number_not_written_canonically_is_no_field(casework: Casework, field: str) -> None:
    """Refused as a field the case has not (7.4), nothing written."""
    case_id = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER).id
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.rectify(case_id, RECORDS, field, "22 calls in one day", "Typo.")
    assert [failure.code for failure in refused.value.failures] == ["field_unknown"]
    assert str(refused.value.failures[0]) == (
        "[7.4] the case has no such field to correct (customer.id, customer.name, "
        "customer.contact, issue, incident.N.description) (field_unknown)"
    )
    assert [event.kind for event in casework.history(case_id)] == ["report"]
    assert casework.get(case_id).incidents[0].description == incident().description


def test_the_canonical_number_is_taken(casework: Casework) -> None:
    case_id = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER).id
    case = casework.rectify(case_id, RECORDS, "incident.1.description", "22 calls", "Typo.")
    assert case.incidents[0].description == "22 calls"


def test_a_field_already_recorded_is_read_as_it_was_taken() -> None:
    """A ``rectify`` event written before the rule keeps replaying."""
    assert rectified("incident.10.description") == ("incident.description", 9)
    assert rectified("incident.01.description") is None
    assert rectified("incident.01.description", recorded=True) == ("incident.description", 0)
    assert rectified("incident.+1.description", recorded=True) is None
