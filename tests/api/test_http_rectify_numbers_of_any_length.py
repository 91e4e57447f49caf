"""Over HTTP, ``rectify`` with an incident number of more than 4,300 digits
was a 500 (Python's ``int`` reads no longer number): any length is the 422
of an incident the case has not (``field_unknown``, 7.4), nothing written;
an integer query parameter of that length is a 422 naming it."""

from __future__ import annotations

import pytest

from support.api import Api
from support.builders import CUSTOMER, DECIDER, MANAGER, RECORDS, incident


@pytest.mark.parametrize("digits", [4300, 4301, 5000])
def test_an_incident_number_of_any_length_is_a_422(api: Api, digits: int) -> None:
    case_id = api.casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER).id
    with api.client(RECORDS.id) as records:
        answer = records.post(
            f"/cases/{case_id}/rectify",
            json={
                "field": f"incident.{'9' * digits}.description",
                "value": "22 calls in one day",
                "reason": "Typo.",
            },
        )
    found = answer.json()
    assert (answer.status_code, found["type"], found["section"]) == (
        422,
        "urn:contactpolicy:problem:preconditions-not-met",
        "7.4",
    )
    assert [each["code"] for each in found["failures"]] == ["field_unknown"]
    assert [event.kind for event in api.casework.history(case_id, by=DECIDER)] == ["report"]


@pytest.mark.parametrize("digits", [4300, 4301, 5000])
@pytest.mark.parametrize(("path", "name"), [("/events", "after"), ("/reviews/due", "within_days")])
def test_an_integer_query_parameter_of_any_length_is_a_422(
    api: Api, digits: int, path: str, name: str
) -> None:
    with api.client(RECORDS.id) as records:
        answer = records.get(path, params={name: "9" * digits})
    assert (answer.status_code, answer.json()["field"]) == (422, name)
