"""Need-to-know reads over HTTP against a real server (7.4, 9.1; UK GDPR
Art. 5(1)(f)): for each family of roles one read allowed and one refused as
a 403 problem, and the read log of who read whose file."""

from __future__ import annotations

import httpx

from support.api import REPORT_BODY, Api, moment
from support.builders import RECORDS

PROBLEM = "application/problem+json"


def reported(client: httpx.Client, customer_id: str) -> str:
    """A case of ``customer_id`` reported over HTTP by ``client``'s officer; its id."""
    body = {**REPORT_BODY, "customer": {**REPORT_BODY["customer"], "id": customer_id}}  # type: ignore[dict-item]
    answer = client.post("/cases", json=body)
    assert answer.status_code == 201, answer.text
    case_id: str = answer.json()["id"]
    return case_id


def refused(answer: httpx.Response) -> None:
    """A read refused as need-to-know: 403, naming 7.4, no personal data."""
    assert answer.status_code == 403, answer.text
    assert answer.headers["content-type"] == PROBLEM
    found = answer.json()
    assert (found["type"], found["section"]) == ("urn:contactpolicy:problem:not-authorised", "7.4")
    assert "Sam Taylor" not in answer.text


def test_staff_get_the_contact_decision_but_no_case_file(api: Api) -> None:
    """At the point of contact staff are told how to handle the contact,
    never given the case file (9.1)."""
    with api.client("manager") as manager, api.client("staff") as staff:
        case_id = reported(manager, "CRM-7")
        call = {"channel": "telephone", "at": moment(api.clock.now())}
        decided = staff.post("/contacts/decisions", json={"customer_id": "CRM-7", "contact": call})
        assert (decided.status_code, decided.json()["allowed"]) == (200, True)
        refused(staff.get(f"/cases/{case_id}"))


def test_a_manager_reads_the_cases_they_requested_and_no_other(api: Api) -> None:
    """A manager reads the case they reported, not one a head of service
    reported with no restrictions on their service, and not the whole feed
    (6.1, 9.1)."""
    with api.client("manager") as manager, api.client("head") as head:
        own = reported(manager, "CRM-7")
        other = reported(head, "CRM-8")
        assert manager.get(f"/cases/{own}").json()["id"] == own
        refused(manager.get(f"/cases/{other}"))
        refused(manager.get(f"/cases/{other}/history"))
        assert [summary["id"] for summary in manager.get("/cases").json()] == [own]
        refused(manager.get("/events"))


def test_a_manager_reads_the_evidence_of_their_own_customers_only(api: Api) -> None:
    """A customer's evidence is a customer's files: a manager gets it for a
    customer with a case they may read, logged as read; a 403 for another
    customer's, or an unknown customer's (9.1)."""
    with api.client("manager") as manager, api.client("head") as head:
        own = reported(manager, "CRM-7")
        reported(head, "CRM-8")
        found = manager.get("/customers/CRM-7/evidence")
        assert (found.status_code, len(found.json()["incidents"])) == (200, 1)
        refused(manager.get("/customers/CRM-8/evidence"))
        refused(manager.get("/customers/CRM-404/evidence"))
    logged = api.casework.read_log("CRM-7", by=RECORDS)
    assert [(read.officer_id, read.case_id, read.query) for read in logged] == [
        ("manager", own, "report"),
        ("manager", own, "evidence"),
    ]


def test_the_decision_maker_reads_every_file_but_not_the_read_log(api: Api) -> None:
    """The decision maker reads any case file and the feed; the read log is
    the Policy and Information team's (7.4)."""
    with api.client("head") as head, api.client("decider") as decider:
        case_id = reported(head, "CRM-8")
        assert decider.get(f"/cases/{case_id}").json()["id"] == case_id
        assert [event["kind"] for event in decider.get("/events").json()] == ["report"]
        refused(decider.get("/read-log"))


def test_the_records_team_reads_the_read_log_of_who_read_whose_file(api: Api) -> None:
    """Every case file read over HTTP by a named officer is in the read log,
    the answers to their commands too, which the Policy and Information team
    reads, by customer too (7.4)."""
    with api.client("manager") as manager, api.client("records") as records:
        sam = reported(manager, "CRM-7")
        alex = reported(manager, "CRM-8")
        manager.get(f"/cases/{sam}").raise_for_status()
        records.get(f"/cases/{alex}/history").raise_for_status()
        log = records.get("/read-log").json()
        assert log == [
            {
                "at": "2026-01-31T10:00:00+00:00",
                "officer_id": "manager",
                "customer_id": "CRM-7",
                "case_id": sam,
                "query": "report",
            },
            {
                "at": "2026-01-31T10:00:00+00:00",
                "officer_id": "manager",
                "customer_id": "CRM-8",
                "case_id": alex,
                "query": "report",
            },
            {
                "at": "2026-01-31T10:00:00+00:00",
                "officer_id": "manager",
                "customer_id": "CRM-7",
                "case_id": sam,
                "query": "get",
            },
            {
                "at": "2026-01-31T10:00:00+00:00",
                "officer_id": "records",
                "customer_id": "CRM-8",
                "case_id": alex,
                "query": "history",
            },
        ]
        assert records.get("/read-log", params={"customer_id": "crm-8"}).json() == [
            log[1],
            log[3],
        ]
