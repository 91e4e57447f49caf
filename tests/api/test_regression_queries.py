"""Regressions: the request target read strictly. A customer reference
holding ``/`` reaches its route; a query parameter not taken, given twice
or not UTF-8 is 422; integers in canonical digits only; ``q=0`` refuses a
media type; ``HEAD`` wherever ``GET`` is, logging no read; ``Allow`` lists
every method; nothing in the path is normalised silently; the OpenAPI
document gives the problems the server sends."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest

from contactpolicy.http import openapi_document

from support.api import REPORT_BODY, Api

PROBLEM = "application/problem+json"
SLASHED = "REV/2024/0012"


def invalid(detail: str, field: str) -> dict[str, Any]:
    return {
        "type": "urn:contactpolicy:problem:invalid-input",
        "status": 422,
        "title": "A value given is malformed",
        "detail": detail,
        "field": field,
    }


def reported(api: Api, customer_id: str = SLASHED) -> str:
    body: dict[str, Any] = copy.deepcopy(REPORT_BODY)
    body["customer"] = {**body["customer"], "id": customer_id}
    with api.client("manager") as manager:
        answer = manager.post("/cases", json=body)
    assert answer.status_code == 201
    found: str = answer.json()["id"]
    return found


def test_a_reference_holding_a_slash_reaches_subject_access_and_evidence(api: Api) -> None:
    reported(api)
    with api.client("records") as records:
        answer = records.get("/customers/REV%2F2024%2F0012/subject-access")
        assert (answer.status_code, answer.json()["customer_id"]) == (200, SLASHED)
        log = records.get("/read-log", params={"customer_id": SLASHED})
        assert [each["customer_id"] for each in log.json()] == [SLASHED, SLASHED]
    with api.client("decider") as decider:
        answer = decider.get("/customers/REV%2F2024%2F0012/evidence")
    assert (answer.status_code, answer.json()["customer_id"]) == (200, SLASHED)


def test_a_reference_holding_a_percent_reaches_its_route(api: Api) -> None:
    reported(api, "REV%2F1")
    with api.client("decider") as decider:
        answer = decider.get("/customers/REV%252F1/evidence")
    assert (answer.status_code, answer.json()["customer_id"]) == (200, "REV%2F1")


@pytest.mark.parametrize(
    ("path", "query", "field", "detail"),
    [
        (
            "/read-log",
            "customerId=CRM-FLOW",
            "customerId",
            "customerId: is not a query parameter of this resource, which takes customer_id",
        ),
        (
            "/cases",
            "customerId=X",
            "customerId",
            "customerId: is not a query parameter of this resource, which takes after, "
            "customer_id, limit, state",
        ),
        (
            "/work-queue",
            "limit=3",
            "limit",
            "limit: is not a query parameter of this resource, which takes none",
        ),
        (
            "/cases",
            "%E6%9D%8E=1",
            "query",
            "query: a parameter given is not a query parameter of this resource, which takes "
            "after, customer_id, limit, state",
        ),
        (
            "/cases",
            "state=reported&state=warned",
            "state",
            "state: is given more than once: give it once",
        ),
        ("/cases", "limit=2&limit=3", "limit", "limit: is given more than once: give it once"),
        (
            "/cases",
            "customer_id=%ff%fe",
            "customer_id",
            "customer_id: is not UTF-8 once percent-decoded",
        ),
        (
            "/cases",
            "customer_id=%ed%a0%80",
            "customer_id",
            "customer_id: is not UTF-8 once percent-decoded",
        ),
        ("/cases", "%ff=1", "query", "query: a parameter's name is not UTF-8 once percent-decoded"),
    ],
)
def test_a_query_not_taken_repeated_or_not_utf8_is_refused(
    api: Api, path: str, query: str, field: str, detail: str
) -> None:
    reported(api)
    with api.client("records") as records:
        answer = records.get(f"{path}?{query}")
    assert (answer.status_code, answer.headers["content-type"]) == (422, PROBLEM)
    assert answer.json() == invalid(detail, field)


NOT_WHOLE = "is not a whole number written in decimal digits (no sign, no leading zero)"


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/reviews/due?within_days=1e3", "within_days"),
        ("/reviews/due?within_days=%2B2", "within_days"),
        ("/cases?limit=02", "limit"),
        ("/cases?limit=%2B2", "limit"),
        ("/cases?limit=2_0", "limit"),
        ("/events?after=-0", "after"),
        ("/events?after=%202", "after"),
    ],
)
def test_an_integer_takes_canonical_digits_only(api: Api, path: str, field: str) -> None:
    with api.client("decider") as decider:
        answer = decider.get(path)
    assert answer.status_code == 422
    assert answer.json() == invalid(f"{field}: {NOT_WHOLE}", field)


def test_an_integer_in_canonical_digits_is_taken(api: Api) -> None:
    with api.client("decider") as decider:
        assert decider.get("/reviews/due?within_days=0").status_code == 200
        assert decider.get("/events?after=10&limit=2").status_code == 200


def test_an_integer_in_the_path_takes_canonical_digits_only(api: Api) -> None:
    with api.client("decider") as decider:
        answer = decider.post("/contacts/%2B2/read", json={})
    assert answer.json() == invalid(f"contact_id: {NOT_WHOLE}", "contact_id")


def test_q_zero_refuses_a_media_type(api: Api) -> None:
    reported(api)
    offered = (
        "this resource is offered as application/json, text/html, application/pdf: "
        "ask for one of them"
    )
    with api.client("records") as records:
        for accept in (
            "text/html;q=0, application/json;q=0, application/pdf;q=0",
            "image/png, */*;q=0",
        ):
            answer = records.get(
                "/customers/REV%2F2024%2F0012/subject-access", headers={"Accept": accept}
            )
            assert (answer.status_code, answer.headers["content-type"]) == (406, PROBLEM)
            assert answer.json() == {
                "type": "urn:contactpolicy:problem:not-acceptable",
                "status": 406,
                "title": "None of the media types the resource is offered in is accepted",
                "detail": offered,
                "field": "Accept",
            }
        answer = records.get(
            "/customers/REV%2F2024%2F0012/subject-access",
            headers={"Accept": "application/json;q=0, */*;q=0.5"},
        )
    assert (answer.status_code, answer.headers["content-type"]) == (200, "text/html; charset=utf-8")


def test_head_is_answered_wherever_get_is_and_logs_no_read(api: Api) -> None:
    case_id = reported(api)
    with api.client("records") as records:
        before = len(records.get("/read-log").json())
        got = records.get(f"/cases/{case_id}")
        after_get = len(records.get("/read-log").json())
        head = records.head(f"/cases/{case_id}")
        after_head = len(records.get("/read-log").json())
        listed = records.head("/cases")
    assert (after_get - before, after_head - after_get) == (1, 0)
    assert (head.status_code, head.content, head.headers["etag"]) == (200, b"", got.headers["etag"])
    assert head.headers["content-length"] == got.headers["content-length"]
    assert (listed.status_code, listed.content) == (200, b"")


def test_allow_lists_every_method_of_the_path(api: Api) -> None:
    with api.client("manager") as manager:
        options = manager.options("/cases")
        put = manager.put("/cases", json={})
        head = manager.head("/contacts/decisions")
    assert (options.status_code, options.headers["allow"]) == (204, "GET, HEAD, OPTIONS, POST")
    assert (put.status_code, put.headers["allow"]) == (405, "GET, HEAD, OPTIONS, POST")
    assert (head.status_code, head.headers["allow"]) == (405, "OPTIONS, POST")


EMPTY = {
    "type": "urn:contactpolicy:problem:not-found",
    "status": 404,
    "title": "No resource has the path given",
    "detail": "the path names no resource: it has an empty segment",
}


def test_a_path_is_never_normalised_silently(api: Api) -> None:
    case_id = reported(api)
    with api.client("decider") as decider:
        spaced = decider.get(f"/cases/{case_id}%20")
        doubled = decider.get(f"{api.url}/v1//cases")
        trailing = decider.get(f"/cases/{case_id}/")
        bad = decider.get("/cases/%ff%fe")
    assert (spaced.status_code, spaced.json()) == (
        422,
        invalid(
            "case_id: is not in the form the record keeps it (no white space at its start or "
            "end, Unicode NFC): give it as the record gives it",
            "case_id",
        ),
    )
    assert (doubled.status_code, doubled.json()) == (404, EMPTY)
    assert (trailing.status_code, trailing.json()) == (404, EMPTY)
    assert (bad.status_code, bad.json()) == (
        422,
        invalid("path: a segment is not UTF-8 once percent-decoded", "path"),
    )


def test_refused_queries_write_nothing(api: Api) -> None:
    with api.client("manager") as manager:
        answer = manager.post("/cases?dry_run=1", json=REPORT_BODY)
    assert answer.status_code == 422
    assert api.store.summaries() == []


def test_the_openapi_document_gives_the_problems_the_server_sends() -> None:
    document = openapi_document()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            answers = operation["responses"]
            # The server's one 400 (ambiguous-length) is a problem, never the framework's.
            for status in ("400", "401", "403", "404", "405", "422", "500", "503"):
                assert list(answers[status]["content"]) == [PROBLEM], (method, path, status)
            if "requestBody" in operation:
                assert list(answers["408"]["content"]) == [PROBLEM]
                assert list(answers["413"]["content"]) == [PROBLEM]
                assert list(answers["415"]["content"]) == [PROBLEM]
    command = document["paths"]["/v1/cases/{case_id}/designate"]["post"]["responses"]
    assert sorted(command) == [
        "200",
        "400",
        "401",
        "403",
        "404",
        "405",
        "408",
        "409",
        "412",
        "413",
        "415",
        "422",
        "500",
        "502",
        "503",
    ]


def test_an_openapi_document_query_not_taken_is_refused(api: Api) -> None:
    answer = httpx.get(f"{api.url}/v1/openapi.json?format=yaml")
    assert answer.json() == invalid(
        "format: is not a query parameter of this resource, which takes none", "format"
    )
