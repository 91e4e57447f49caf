"""What a command answers (7.4, 9.1; UK GDPR Art. 5(1)(f)): the case file
to an officer who may read it, the read logged as a GET's is; to any other
officer who may run the command (a member of staff adding an incident, a
manager of another service adding a note) the case's receipt, its id,
state and version, which holds no personal data. Repeats under an
``Idempotency-Key`` answer alike."""

from __future__ import annotations

import httpx

from support.api import REPORT_BODY, Api
from support.builders import RECORDS

INCIDENT = REPORT_BODY["incidents"][0]  # type: ignore[index]
AGAIN = {**INCIDENT, "description": "Called again the next day."}
"""Another incident than the report's: one the case holds is refused (7.4)."""


def reported(client: httpx.Client) -> str:
    """A case of CRM-7 reported over HTTP by ``client``'s officer; its id."""
    answer = client.post("/cases", json=REPORT_BODY)
    assert answer.status_code == 201, answer.text
    case_id: str = answer.json()["id"]
    return case_id


def reads(api: Api) -> list[tuple[str, str, str]]:
    """The read log as (officer, case, query)."""
    return [
        (read.officer_id, read.case_id, read.query) for read in api.casework.read_log(by=RECORDS)
    ]


def test_staff_adding_an_incident_get_the_receipt_not_the_file(api: Api) -> None:
    """A member of staff may add an incident (6.1, 4.1) but not read the
    file: the answer is the receipt, with the ETag and Location, and no
    read is logged for them; a repeat under the same key answers alike."""
    with api.client("manager") as manager, api.client("staff") as staff:
        case_id = reported(manager)
        for _ in range(2):
            answer = staff.post(
                f"/cases/{case_id}/add_incident",
                json={"incident": AGAIN},
                headers={"Idempotency-Key": "crm-activity-1"},
            )
            assert answer.status_code == 200, answer.text
            assert answer.json() == {"id": case_id, "state": "reported", "version": 2}
            assert (answer.headers["etag"], answer.headers["location"]) == (
                '"2"',
                f"/v1/cases/{case_id}",
            )
            assert "Sam Taylor" not in answer.text
    assert reads(api) == [("manager", case_id, "report")]


def test_a_manager_of_another_service_adding_a_note_gets_the_receipt(api: Api) -> None:
    """A manager may add a note to a case a head of service reported, whose
    file they may not read: the receipt, not the file (9.1)."""
    with api.client("head") as head, api.client("manager") as manager:
        case_id = reported(head)
        assert manager.get(f"/cases/{case_id}").status_code == 403
        answer = manager.post(f"/cases/{case_id}/add_note", json={"text": "Called again."})
        assert (answer.status_code, answer.json()) == (
            200,
            {"id": case_id, "state": "reported", "version": 2},
        )
    assert reads(api) == [("head", case_id, "report")]


def test_staff_raising_a_concern_get_the_receipt_of_the_new_case(api: Api) -> None:
    """A concern a member of staff raises (6.1) is answered 201 with its
    receipt and Location, not the file they may not read."""
    with api.client("staff") as staff:
        body = {"customer": REPORT_BODY["customer"], "incidents": [INCIDENT]}
        answer = staff.post("/concerns", json=body)
        assert answer.status_code == 201, answer.text
        case_id = answer.json()["id"]
        assert answer.json() == {"id": case_id, "state": "concern", "version": 1}
        assert answer.headers["location"] == f"/v1/cases/{case_id}"
    assert reads(api) == []


def test_an_officer_who_may_read_the_file_gets_it_and_the_read_is_logged(api: Api) -> None:
    """The manager who reported the case gets the file their note left,
    logged as a read by ``add_note`` (7.4)."""
    with api.client("manager") as manager:
        case_id = reported(manager)
        answer = manager.post(f"/cases/{case_id}/add_note", json={"text": "Called again."})
        assert answer.status_code == 200
        found = answer.json()
        assert (found["id"], found["version"], found["customer"]["name"]) == (
            case_id,
            2,
            "Sam Taylor",
        )
        assert answer.headers["location"] == f"/v1/cases/{case_id}"
    assert reads(api) == [("manager", case_id, "report"), ("manager", case_id, "add_note")]
