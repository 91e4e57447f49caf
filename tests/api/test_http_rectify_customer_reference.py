"""Over HTTP, ``POST /v1/cases/{case_id}/rectify`` with the field
``customer.id`` moves a case to its customer reference (7.4; UK GDPR Art.
5(1)(d)); a reference breaking the rules is a 422 naming ``value`` with
nothing written (one ``rectify`` event in all), and the subject access
export under each reference is then the one person's."""

from __future__ import annotations

from support.api import Api
from support.builders import MANAGER, RECORDS, incident
from support.two_people import MOVED_BECAUSE, PRIYA, PRIYA_OWN, SAM


def test_a_case_is_moved_over_http_and_exported_under_its_new_reference(api: Api) -> None:
    sam = api.casework.report(SAM, "council tax", [incident()], by=MANAGER).id
    api.clock.advance(minutes=1)
    priya = api.casework.report(PRIYA, "housing benefit", [incident()], by=MANAGER).id
    with api.client("records") as records:
        before = records.get("/customers/CRM-7/subject-access").json()
        refused = records.post(
            f"/cases/{priya}/rectify",
            json={"field": "customer.id", "value": "CRM\n8", "reason": MOVED_BECAUSE},
        )
        moved = records.post(
            f"/cases/{priya}/rectify",
            json={"field": "customer.id", "value": "crm-8", "reason": MOVED_BECAUSE},
        )
        after = records.get("/customers/CRM-7/subject-access").json()
        theirs = records.get(f"/customers/{PRIYA_OWN}/subject-access").json()
        queued = records.get("/work-queue").json()
    assert [entry["case"]["id"] for entry in before["data"]["cases"]] == [sam]
    assert before["for_review"] == [
        {"where": "cases", "other": "CRM-7", "case_id": priya, "decision": None, "left_out": True}
    ]
    found = refused.json()
    assert (refused.status_code, found["field"], found["section"]) == (422, "$.value", "7.4")
    assert (moved.status_code, moved.json()["customer"]["id"]) == (200, "CRM-8")
    assert [entry["case"]["id"] for entry in after["data"]["cases"]] == [sam]
    assert [entry["case"]["id"] for entry in theirs["data"]["cases"]] == [priya]
    assert (after["for_review"], theirs["for_review"], queued) == ([], [], [])
    history = api.casework.history(priya, by=RECORDS)
    assert [event.kind for event in history] == ["report", "rectify"]
