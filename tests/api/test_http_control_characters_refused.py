"""An issue or a reason holding a control character is refused over HTTP
as in Python: 422 ``invalid-input`` naming the field and the character by
its code point, never the value, nothing written (6.2, 7.2)."""

from __future__ import annotations

from contactpolicy import CaseState

from support.api import Api
from support.builders import in_state

PROBLEM = "application/problem+json"
INCIDENT = {
    "behaviour": "excessive_demands",
    "occurred_at": "2026-01-30T10:00:00+00:00",
    "channel": "telephone",
    "description": "23 calls in one day",
}


def test_a_case_issue_with_a_bell_is_refused(api: Api) -> None:
    """``POST /cases`` with BEL U+0007 in the issue is 422 naming the issue."""
    body = {
        "customer": {"id": "CRM-7", "name": "Sam Taylor"},
        "issue": "Rev\x07enues",
        "incidents": [INCIDENT],
    }
    with api.client("manager") as manager:
        answer = manager.post("/cases", json=body)
        listed = manager.get("/cases")
    assert (answer.status_code, answer.headers["content-type"]) == (422, PROBLEM)
    found = answer.json()
    assert (found["type"], found["field"]) == ("urn:contactpolicy:problem:invalid-input", "$.issue")
    assert found["detail"] == (
        "[6.2] $.issue: must not contain control characters: U+0007 at character 4"
    )
    assert listed.json() == []


def test_a_reason_with_a_control_sequence_introducer_is_refused(api: Api) -> None:
    """``POST /cases/{id}/lift`` with CSI U+009B in the reason is 422
    naming the reason; the case stays designated."""
    case = in_state(api.casework, CaseState.DESIGNATED)
    with api.client("decider") as decider:
        answer = decider.post(f"/cases/{case.id}/lift", json={"reason": "Rev\x9benues"})
        state = decider.get(f"/cases/{case.id}").json()["state"]
    assert (answer.status_code, answer.headers["content-type"]) == (422, PROBLEM)
    found = answer.json()
    assert (found["type"], found["field"]) == (
        "urn:contactpolicy:problem:invalid-input",
        "$.reason",
    )
    assert found["detail"] == (
        "[7.2] $.reason: must not contain control characters: U+009B at character 4"
    )
    assert state == "designated"
