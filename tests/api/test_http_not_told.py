"""``POST /v1/cases/{case_id}/record_not_told``: the exception of not telling
the customer of a decision (6.3), generated from the command registry like
every command: for the decision maker only, with a reason, and the decision
leaves the list of those not communicated."""

from __future__ import annotations

from typing import Any

import httpx

from contactpolicy.http import openapi_document

from support.api import Api
from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RESTRICTIONS,
    incident,
    warn_and_continue,
)

PROBLEM = "application/problem+json"
REASON = "Writing to them would reveal a police investigation"
"""Why the decision maker does not tell the customer."""


def _designated(api: Api) -> str:
    """A case designated in process on the tests' start, not yet told; its id."""
    casework = api.casework
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    return case.id


def _problem(answer: httpx.Response, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM
    found: dict[str, Any] = answer.json()
    return found


def test_the_decision_maker_records_it_and_the_decision_is_no_longer_waiting(
    api: Api,
) -> None:
    """6.3: the answer is the case, its latest decision carrying who, when
    and why; the event is in the history, naming the decision it covers,
    and the decision has left ``/not-communicated``."""
    case_id = _designated(api)
    with api.client("decider") as decider:
        assert [case["id"] for case in decider.get("/not-communicated").json()] == [case_id]
        answer = decider.post(f"/cases/{case_id}/record_not_told", json={"reason": REASON})
        assert (answer.status_code, answer.headers["etag"]) == (200, '"5"')
        assert answer.json()["decisions"][-1]["not_told"] == {
            "at": "2026-01-31T10:00:00+00:00",
            "by": "decider",
            "reason": REASON,
        }
        history = decider.get(f"/cases/{case_id}/history").json()
        assert (history[-1]["kind"], history[-1]["data"]) == (
            "record_not_told",
            {"reason": REASON, "decisions": [0], "state": "designated"},
        )
        assert decider.get("/not-communicated").json() == []


def test_the_records_team_is_refused_with_the_section(api: Api) -> None:
    """6.1, 6.3: only the decision maker may decide not to tell the customer."""
    case_id = _designated(api)
    with api.client("records") as records:
        refused = records.post(f"/cases/{case_id}/record_not_told", json={"reason": REASON})
    found = _problem(refused, 403)
    assert (found["type"], found["section"]) == ("urn:contactpolicy:problem:not-authorised", "6.3")
    assert len(api.casework.history(case_id, by=DECIDER)) == 4


def test_a_blank_reason_is_refused_without_repeating_it(api: Api) -> None:
    """6.3: the reason is required text; a body without one is refused too."""
    case_id = _designated(api)
    with api.client("decider") as decider:
        blank = decider.post(f"/cases/{case_id}/record_not_told", json={"reason": "   "})
        found = _problem(blank, 422)
        assert (found["field"], found["section"], found["detail"]) == (
            "$.reason",
            "6.3",
            "[6.3] $.reason: must be non-empty text, got a str of only white space",
        )
        missing = decider.post(f"/cases/{case_id}/record_not_told", json={})
        assert _problem(missing, 422)["field"] == "$.reason"
    assert len(api.casework.history(case_id, by=DECIDER)) == 4


def test_the_operation_is_in_the_openapi_document_under_6_3() -> None:
    """The registry's entry generates the operation, its body and its section."""
    document = openapi_document()
    operation = document["paths"]["/v1/cases/{case_id}/record_not_told"]["post"]
    assert operation["summary"] == (
        "Record that the customer is not told of the latest decision, and why: the exception "
        "to writing to them (6.3) that must itself be recorded (UK GDPR, ICO)."
    )
    assert document["components"]["schemas"]["RecordNotTold"]["required"] == ["reason"]


def test_subject_access_points_the_records_team_to_the_reason(api: Api) -> None:
    """UK GDPR Article 15: the JSON export lists, in ``for_review``, each
    place holding the reason a decision was not told, with the case and
    the decision, for the records team to weigh an exemption."""
    case_id = _designated(api)
    with api.client("decider") as decider:
        answer = decider.post(f"/cases/{case_id}/record_not_told", json={"reason": REASON})
        assert answer.status_code == 200, answer.text
    with api.client("records") as records:
        found = records.get("/customers/CRM-7/subject-access").json()
    assert found["for_review"] == [
        {
            "where": "cases.0.case.decisions.0.not_told.reason",
            "other": "",
            "case_id": case_id,
            "decision": 0,
            "left_out": False,
        },
        {
            "where": "cases.0.history.4.data.reason",
            "other": "",
            "case_id": case_id,
            "decision": 0,
            "left_out": False,
        },
    ]
    assert found["data"]["cases"][0]["history"][4]["data"]["reason"] == REASON
