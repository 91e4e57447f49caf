"""Identifiers with invisible characters are refused over HTTP as in
Python: 422 ``invalid-input`` naming the field, never the value, nothing
written (5.1, 7.4)."""

from __future__ import annotations

from support.api import Api

PROBLEM = "application/problem+json"
INCIDENT = {
    "behaviour": "excessive_demands",
    "occurred_at": "2026-01-30T10:00:00+00:00",
    "channel": "telephone",
    "description": "23 calls in one day",
}


def test_a_customer_reference_with_a_right_to_left_override_is_refused(api: Api) -> None:
    """``POST /cases`` for "CRM-\\u202e7" is 422 naming the customer, as
    for any refused part of it; no case is listed afterwards."""
    body = {
        "customer": {"id": "CRM-\u202e7", "name": "Sam Taylor"},
        "issue": "council tax bill",
        "incidents": [INCIDENT],
    }
    with api.client("manager") as manager:
        answer = manager.post("/cases", json=body)
        listed = manager.get("/cases")
    assert (answer.status_code, answer.headers["content-type"]) == (422, PROBLEM)
    found = answer.json()
    assert (found["type"], found["field"]) == (
        "urn:contactpolicy:problem:invalid-input",
        "$.customer.id",
    )
    assert found["detail"] == (
        "[7.4] $.customer.id: must not contain bidirectional controls, which change the order "
        "text is shown in: U+202E at character 5"
    )
    assert "\u202e" not in answer.text
    assert listed.json() == []
