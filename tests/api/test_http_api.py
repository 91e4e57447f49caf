"""The HTTP API against a real server (uvicorn on 127.0.0.1), driven with
httpx: a whole case, the refusals as problem details, safe retries and
conditional writes, and who may do what."""

from __future__ import annotations

from typing import Any

import httpx

from contactpolicy import CaseState

from support.api import Api, moment
from support.builders import EVERY_SERVICE, RECORDS, START

PROBLEM = "application/problem+json"
INCIDENT = {
    "behaviour": "excessive_demands",
    "occurred_at": "2026-01-30T10:00:00+00:00",
    "channel": "telephone",
    "description": "23 calls in one day",
}
REPORT = {
    "customer": {"id": "CRM-7", "name": "Sam Taylor", "contact": "12 Week Street, Maidstone"},
    "issue": "council tax bill",
    "incidents": [INCIDENT],
}
PASSED = {
    "issue_investigated": True,
    "communications_adequate": True,
    "no_significant_new_information": True,
    "adjustments_considered": True,
}
RESTRICTIONS = [
    {"type": "SingleContactMethod", "channel": "email"},
    {"type": "SinglePointOfContact", "officer_id": "records"},
]


def report(api: Api) -> str:
    """A case reported over HTTP by the manager; its id."""
    with api.client("manager") as manager:
        answer = manager.post("/cases", json=REPORT)
    assert answer.status_code == 201, answer.text
    case_id: str = answer.json()["id"]
    return case_id


def problem(answer: httpx.Response, status: int) -> dict[str, Any]:
    """The problem details of a refusal, checked to be one."""
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM
    found: dict[str, Any] = answer.json()
    assert found["status"] == status
    assert "Traceback" not in answer.text
    return found


def test_a_whole_case_from_report_to_lift_over_http(api: Api) -> None:
    with api.client("manager") as manager, api.client("decider") as decider:
        whole_case(api, manager, decider)


def whole_case(api: Api, manager: httpx.Client, decider: httpx.Client) -> None:
    """Report, warn, an incident after the warning, designate, tell the
    customer, a refused call, lift: each step over HTTP."""
    reported = manager.post("/cases", json=REPORT)
    assert reported.status_code == 201
    case_id = reported.json()["id"]
    assert reported.headers["location"] == f"/v1/cases/{case_id}"
    assert reported.headers["etag"] == '"1"'
    assert reported.json()["state"] == "reported"
    assert reported.json()["customer"]["id"] == "CRM-7"

    warned = manager.post(
        f"/cases/{case_id}/warn",
        json={"method": "letter", "measures": ["calls limited to 10 minutes"]},
        headers={"If-Match": '"1"'},
    )
    assert (warned.status_code, warned.headers["etag"]) == (200, '"2"')
    assert warned.json()["state"] == "warned"
    api.clock.advance(weeks=3)
    later = {**INCIDENT, "occurred_at": moment(api.clock.now().subtract(days=1))}
    added = manager.post(f"/cases/{case_id}/add_incident", json={"incident": later})
    assert added.headers["etag"] == '"3"'

    designated = decider.post(
        f"/cases/{case_id}/designate",
        json={
            "assessment": PASSED,
            "restrictions": RESTRICTIONS,
            "reasons": "The calls continued after the warning.",
            "council_wide_because": EVERY_SERVICE,
        },
    )
    assert designated.status_code == 200, designated.text
    assert designated.json()["state"] == "designated"
    assert designated.json()["designation"]["review_due"] == "2026-05-21"
    told = decider.post(
        f"/cases/{case_id}/record_communicated",
        json={"at": moment(api.clock.now()), "method": "letter"},
    )
    assert told.status_code == 200, told.text

    api.clock.advance(days=1)
    call = {"channel": "telephone", "at": moment(api.clock.now())}
    decision = manager.post("/contacts/decisions", json={"customer_id": "crm-7", "contact": call})
    assert decision.status_code == 200
    assert decision.json()["allowed"] is False
    assert decision.json()["accepted_channels"] == ["email"]
    assert decision.json()["contact_id"] == 1

    lifted = decider.post(f"/cases/{case_id}/lift", json={"reason": "No contact for months."})
    assert lifted.json()["state"] == "lifted"
    assert lifted.headers["etag"] == '"6"'

    got = manager.get(f"/cases/{case_id}")
    assert (got.headers["etag"], got.json()["state"]) == ('"6"', "lifted")
    history = manager.get(f"/cases/{case_id}/history").json()
    assert [event["kind"] for event in history] == [
        "report",
        "warn",
        "add_incident",
        "designate",
        "record_communicated",
        "lift",
    ]
    assert manager.get(f"/cases/{case_id}/verification").json()["problems"] == []
    feed = decider.get("/events", params={"after": 4, "limit": 10}).json()
    assert [(event["position"], event["kind"]) for event in feed] == [
        (5, "record_communicated"),
        (6, "lift"),
    ]
    listed = manager.get("/cases", params={"state": CaseState.LIFTED.value}).json()
    assert [summary["id"] for summary in listed] == [case_id]
    assert manager.get("/seal").json()["position"] == 6
    evidence = decider.get("/customers/CRM-7/evidence").json()
    assert (evidence["customer_id"], len(evidence["incidents"])) == ("CRM-7", 2)


def test_the_refusals_are_problem_details_with_their_sections(api: Api) -> None:
    case_id = report(api)
    with api.client("decider") as decider, api.client("staff") as staff:
        unwarned = decider.post(
            f"/cases/{case_id}/designate",
            json={"assessment": PASSED, "restrictions": RESTRICTIONS, "reasons": "Calls."},
        )
        found = problem(unwarned, 422)
        assert found["type"] == "urn:contactpolicy:problem:preconditions-not-met"
        assert [(each["section"], each["code"]) for each in found["failures"]] == [
            ("6.3", "warning_missing"),
            ("6.3", "immediate_action_not_justified"),
            ("5.1", "scope_missing"),
        ]

        not_allowed = staff.post(f"/cases/{case_id}/lift", json={"reason": "Fine now."})
        found = problem(not_allowed, 403)
        assert (found["type"], found["section"]) == (
            "urn:contactpolicy:problem:not-authorised",
            "7.2",
        )

        wrong_state = decider.post(f"/cases/{case_id}/lift", json={"reason": "Fine now."})
        assert problem(wrong_state, 409)["state"] == "reported"

        missing = decider.get("/cases/C-0000000000")
        assert problem(missing, 404)["detail"] == "no case with id 'C-0000000000'"

        malformed = decider.post(
            f"/cases/{case_id}/add_note",
            content=b"{not json",
            headers={"Content-Type": "application/json"},
        )
        assert problem(malformed, 422)["field"] == "$"
        wrong_kind = decider.post(f"/cases/{case_id}/add_note", json={"text": 7})
        found = problem(wrong_kind, 422)
        assert (found["field"], found["detail"]) == ("$.text", "$.text: must be text")
        naive = decider.post(
            "/contacts/decisions",
            json={
                "customer_id": "CRM-7",
                "contact": {"channel": "letter", "at": "2026-01-30T10:00"},
            },
        )
        assert problem(naive, 422)["field"] == "$.contact.at"


def test_personal_data_is_never_repeated_in_a_problem(api: Api) -> None:
    with api.client("manager") as manager:
        answer = manager.post("/cases", json={**REPORT, "issue": ""})
        found = problem(answer, 422)
        assert "Sam Taylor" not in answer.text
        assert [each["code"] for each in found["failures"]] == ["issue_missing"]
        by_name = manager.get("/cases/Sam Taylor")
        assert "Sam Taylor" not in problem(by_name, 404)["detail"]


def test_an_idempotent_retry_writes_nothing_twice(api: Api) -> None:
    case_id = report(api)
    with api.client("manager") as manager:
        key = {"Idempotency-Key": "crm-note-81"}
        first = manager.post(f"/cases/{case_id}/add_note", json={"text": "Called."}, headers=key)
        again = manager.post(f"/cases/{case_id}/add_note", json={"text": "Called."}, headers=key)
        assert (first.headers["etag"], again.headers["etag"]) == ('"2"', '"2"')
        assert again.json() == first.json()
        other = manager.post(f"/cases/{case_id}/add_note", json={"text": "Other."}, headers=key)
        assert problem(other, 422)["field"] == "command_id"
        assert len(manager.get(f"/cases/{case_id}/history").json()) == 2

        opening = {"Idempotency-Key": "crm-report-9"}
        made = manager.post("/cases", json=REPORT, headers=opening)
        remade = manager.post("/cases", json=REPORT, headers=opening)
        assert made.json()["id"] == remade.json()["id"]
        assert len(manager.get("/cases").json()) == 2


def test_a_key_reused_by_another_officer_names_only_a_case_they_may_read(api: Api) -> None:
    """An ``Idempotency-Key`` the manager used, sent by a head of service
    who may not read the manager's case, is 422 naming no case; sent again
    by the manager with another body, it names the case, theirs to read."""
    key = {"Idempotency-Key": "crm-report-12"}
    with api.client("manager") as manager, api.client("head") as head:
        made = manager.post("/cases", json=REPORT, headers=key)
        case_id = made.json()["id"]
        assert head.get(f"/cases/{case_id}").status_code == 403
        for refused in (
            head.post("/cases", json=REPORT, headers=key),
            head.post(f"/cases/{case_id}/add_note", json={"text": "Called."}, headers=key),
        ):
            found = problem(refused, 422)
            assert found["field"] == "command_id"
            assert "already used" in found["detail"]
            assert case_id not in refused.text
        mine = manager.post(f"/cases/{case_id}/add_note", json={"text": "Called."}, headers=key)
        assert f"on case {case_id}" in problem(mine, 422)["detail"]
        assert len(manager.get(f"/cases/{case_id}/history").json()) == 1


def test_a_stale_if_match_is_refused(api: Api) -> None:
    case_id = report(api)
    with api.client("manager") as manager:
        manager.post(f"/cases/{case_id}/add_note", json={"text": "First."})
        stale = manager.post(
            f"/cases/{case_id}/add_note", json={"text": "Second."}, headers={"If-Match": '"1"'}
        )
        found = problem(stale, 412)
        assert found["type"] == "urn:contactpolicy:problem:stale-version"
        assert stale.headers["etag"] == '"2"'
        assert len(manager.get(f"/cases/{case_id}/history").json()) == 2
        current = manager.post(
            f"/cases/{case_id}/add_note", json={"text": "Second."}, headers={"If-Match": '"2"'}
        )
        assert current.headers["etag"] == '"3"'


def test_unauthenticated_and_wrong_role_requests_are_refused(api: Api) -> None:
    case_id = report(api)
    with api.client(None) as nobody:
        refused = nobody.get(f"/cases/{case_id}")
        assert problem(refused, 401)["type"] == "urn:contactpolicy:problem:unauthenticated"
        assert refused.headers["www-authenticate"] == 'Bearer realm="contactpolicy"'
        for credentials in ("Bearer cp_not-a-token", "Basic bWFuYWdlcjpwdw==", "Bearer x.y.z"):
            answer = nobody.get(f"/cases/{case_id}", headers={"Authorization": credentials})
            problem(answer, 401)
    with api.client("staff") as staff:
        found = problem(staff.post("/cases", json=REPORT), 403)
        assert (found["section"], found["command"]) == ("6.1", "report")
    assert api.store.revoke_token("tok_manager", START)
    with api.client("manager") as manager:
        problem(manager.get(f"/cases/{case_id}"), 401)
    assert len(api.casework.history(case_id, by=RECORDS)) == 1


def test_two_authorization_headers_are_refused(api: Api) -> None:
    """Two ``Authorization`` headers are 401, whichever officers they name
    and in either order: the first is not taken as the officer, and nothing
    is written (RFC 9110, 11.6.2)."""
    case_id = report(api)
    manager, staff = (f"Bearer {api.tokens[officer]}" for officer in ("manager", "staff"))
    with api.client(None) as nobody:
        for pair in ((manager, staff), (staff, manager), (manager, manager)):
            headers = [("Authorization", pair[0]), ("Authorization", pair[1])]
            refused = nobody.post(
                f"/cases/{case_id}/add_note", json={"text": "Second."}, headers=headers
            )
            found = problem(refused, 401)
            assert found["type"] == "urn:contactpolicy:problem:unauthenticated"
            assert found["detail"] == "give one Authorization header, not several"
            assert "cp_" not in refused.text
        single = nobody.get(f"/cases/{case_id}", headers={"Authorization": manager})
        assert single.status_code == 200
    assert len(api.casework.history(case_id, by=RECORDS)) == 1
