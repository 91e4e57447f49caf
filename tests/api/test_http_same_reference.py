"""Over HTTP a second report of one customer reference on the same issue is
taken (201, the case alone in the answer) and waits in the Policy and
Information team's ``GET /v1/work-queue`` as a possible duplicate (7.4)."""

from __future__ import annotations

from support.api import REPORT_BODY, Api


def test_a_second_report_on_the_same_issue_is_taken_and_queued_for_the_records_team(
    api: Api,
) -> None:
    with api.client("manager") as manager:
        first = manager.post("/cases", json=REPORT_BODY)
        api.clock.advance(minutes=1)
        second = manager.post("/cases", json={**REPORT_BODY, "issue": " Council TAX  bill"})
    assert (first.status_code, second.status_code) == (201, 201)
    first_id, second_id = first.json()["id"], second.json()["id"]
    with api.client("records") as records:
        queued = records.get("/work-queue").json()
    with api.client("manager") as manager:
        theirs = manager.get("/work-queue").json()
    assert queued == [
        {
            "kind": "possible_duplicate",
            "case_id": second_id,
            "due": "2026-01-31",
            "contact_id": None,
            "summary": (
                f"Possibly a duplicate of case {first_id}: open under the same customer "
                "reference on the same issue (7.4). Keep one case on the issue: close one with "
                "no further action (6.1), or merge them by hand."
            ),
        }
    ]
    assert theirs == []
