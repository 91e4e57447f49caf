"""Regressions of the OpenAPI document against what the server answers
and refuses: a command's answer (``Case`` or ``CaseReceipt``) matches
exactly one branch of its ``oneOf``, so a strict generated client reads it;
the limits the server enforces are in the document."""

from __future__ import annotations

import json
from typing import Any

import jsonschema_rs
import pytest

from contactpolicy.http import openapi_document

from support.api import REPORT_BODY, Api

INCIDENT = REPORT_BODY["incidents"][0]  # type: ignore[index]
DOCUMENT = openapi_document()


def answer_schema(path: str, status: str) -> dict[str, Any]:
    """The JSON Schema of ``POST path``'s answer with ``status``, its
    references resolved against the document's components."""
    operation = DOCUMENT["paths"][path]["post"]
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    return {**schema, "components": DOCUMENT["components"]}


def branches_matched(schema: dict[str, Any], answer: Any) -> int:
    """How many branches of ``schema``'s ``oneOf`` ``answer`` matches."""
    return sum(
        jsonschema_rs.is_valid({**branch, "components": DOCUMENT["components"]}, answer)
        for branch in schema["oneOf"]
    )


def test_a_full_case_and_a_receipt_each_match_exactly_one_branch(api: Api) -> None:
    """The report's answer (the full case, to the manager who reported) and
    an incident's answer to a member of staff (the receipt) are valid under
    the document's answer schemas: each matches one branch of the oneOf,
    never both (a receipt open to more fields matched every full case)."""
    with api.client("manager") as manager, api.client("staff") as staff:
        reported = manager.post("/cases", json=REPORT_BODY)
        assert reported.status_code == 201, reported.text
        case = reported.json()
        noted = manager.post(f"/cases/{case['id']}/add_note", json={"text": "Called back."})
        assert noted.status_code == 200, noted.text
        again = {**INCIDENT, "description": "Called again the next day."}
        receipt = staff.post(f"/cases/{case['id']}/add_incident", json={"incident": again})
        assert receipt.status_code == 200, receipt.text
    assert receipt.json() == {"id": case["id"], "state": "reported", "version": 3}
    for path, status, answer in (
        ("/v1/cases", "201", case),
        ("/v1/cases/{case_id}/add_note", "200", noted.json()),
        ("/v1/cases/{case_id}/add_incident", "200", receipt.json()),
    ):
        schema = answer_schema(path, status)
        jsonschema_rs.validate(schema, answer)
        assert branches_matched(schema, answer) == 1


@pytest.mark.parametrize(
    "path",
    sorted(
        path
        for path, item in DOCUMENT["paths"].items()
        if "CaseReceipt" in str(item.get("post", {}).get("responses", {}).get("200", ""))
        or "CaseReceipt" in str(item.get("post", {}).get("responses", {}).get("201", ""))
    ),
)
def test_every_answer_of_case_or_receipt_keeps_the_receipt_closed(path: str) -> None:
    """Every operation answering ``Case`` or ``CaseReceipt`` (19 of them)
    refers to the one closed receipt: a receipt with any other field is no
    receipt."""
    responses = DOCUMENT["paths"][path]["post"]["responses"]
    status = "201" if "201" in responses else "200"
    schema = answer_schema(path, status)
    receipt = {"id": "C-1A2B3C4D5E", "state": "reported", "version": 1}
    assert branches_matched(schema, receipt) == 1
    assert branches_matched(schema, {**receipt, "issue": "council tax bill"}) == 0


SCHEMAS = DOCUMENT["components"]["schemas"]
INVALID = "urn:contactpolicy:problem:invalid-input"


def parameter(path: str, method: str, name: str) -> dict[str, Any]:
    """The schema of ``name``, a parameter of ``method path``, its string
    branch when it may be ``null``."""
    found = next(
        each for each in DOCUMENT["paths"][path][method]["parameters"] if each["name"] == name
    )
    schema: dict[str, Any] = found["schema"]
    return next((each for each in schema.get("oneOf", []) if each["type"] != "null"), schema)


def test_the_limits_the_server_enforces_are_in_the_document() -> None:
    """Each limit a schema-valid request was refused for is in the
    document, with the values the server checks (2**63 - 1 exactly, not
    the float that rounds to 2**63)."""
    assert SCHEMAS["Customer"]["properties"]["id"] | {"description": ""} == {
        "type": "string",
        "minLength": 1,
        "maxLength": 200,
        "pattern": r"\S",
        "description": "",
    }
    assert "control" in SCHEMAS["Customer"]["properties"]["id"]["description"]
    assert SCHEMAS["Incident"]["properties"]["description"]["minLength"] == 1
    assert SCHEMAS["Incident"]["properties"]["description"]["maxLength"] == 1_000_000
    url = SCHEMAS["AddWebhook"]["properties"]["url"]
    assert (url["minLength"], url["maxLength"]) == (1, 2000)
    key = parameter("/v1/cases/{case_id}/add_note", "post", "Idempotency-Key")
    assert (key["minLength"], key["maxLength"], key["pattern"]) == (1, 200, r"^[^,]*[^\s,][^,]*$")
    described = next(
        each["description"]
        for each in DOCUMENT["paths"]["/v1/cases/{case_id}/add_note"]["post"]["parameters"]
        if each["name"] == "Idempotency-Key"
    )
    assert ("no comma" in described, "RFC 9110, 5.3" in described) == (True, True)
    for allowed in ("k-2", "crm activity 3", "x"):
        assert jsonschema_rs.is_valid(key, allowed)
    for refused in ("k-2, k-3", "a,b", ",", "k-2,", "   "):
        assert not jsonschema_rs.is_valid(key, refused)
    kind = parameter("/v1/cases/{case_id}/letters/{kind}", "get", "kind")
    assert kind["enum"] == [
        "warning",
        "designation",
        "review",
        "appeal",
        "lifted",
        "reassigned",
        "no_action",
    ]
    required_text = {
        ("AddNote", "text"): 1_000_000,
        ("RecordNotTold", "reason"): 1_000_000,
        ("Lift", "reason"): 1_000_000,
        ("Designate", "reasons"): 1_000_000,
        ("http_wire_Appeal", "grounds"): 1_000_000,
        ("Report", "issue"): 1_000,
    }
    for (schema, name), longest in required_text.items():
        field = SCHEMAS[schema]["properties"][name]
        assert (field["minLength"], field["maxLength"], field["pattern"]) == (1, longest, r"\S")
    after = parameter("/v1/events", "get", "after")
    assert after["maximum"] == 2**63 - 1
    assert isinstance(after["maximum"], int)
    for name in ("since", "until"):
        day = parameter("/v1/customers/{customer_id}/evidence", "get", name)
        assert day["pattern"] == "^(19[0-9]{2}|20[0-9]{2}|21[0-9]{2}|2200)-"
        assert jsonschema_rs.is_valid(day, "2200-12-31")
        assert not jsonschema_rs.is_valid(day, "2201-01-01")
        assert not jsonschema_rs.is_valid(day, "1899-12-31")
    assert '"maximum": 9.2' not in json.dumps(DOCUMENT)


@pytest.mark.parametrize(
    ("method", "path", "body", "headers", "field"),
    [
        (
            "post",
            "/cases",
            {**REPORT_BODY, "customer": {"id": "", "name": "S"}},
            {},
            "$.customer.id",
        ),
        (
            "post",
            "/cases",
            {**REPORT_BODY, "incidents": [{**INCIDENT, "description": ""}]},
            {},
            "$.incidents[0].description",
        ),
        ("post", "/webhooks", {"url": ""}, {}, "$.url"),
        ("post", "/cases", REPORT_BODY, {"Idempotency-Key": "k" * 201}, "Idempotency-Key"),
        ("post", "/cases", REPORT_BODY, {"Idempotency-Key": "k-2, k-3"}, "Idempotency-Key"),
        ("get", "/cases/C-1A2B3C4D5E/letters/summons", None, {}, "kind"),
        ("get", "/events?after=9223372036854775808", None, {}, "after"),
        ("get", "/customers/CRM-7/evidence?since=1899-12-31", None, {}, "since"),
        ("get", "/customers/CRM-7/evidence?until=2201-01-01", None, {}, "until"),
    ],
)
def test_a_value_outside_a_documented_limit_is_refused_naming_it(
    api: Api, method: str, path: str, body: Any, headers: dict[str, str], field: str
) -> None:
    """The server refuses what the document's limits exclude: 422,
    ``invalid-input``, naming the field."""
    with api.client("decider") as client:
        answer = client.request(method.upper(), path, json=body, headers=headers)
    assert answer.status_code == 422, answer.text
    assert (answer.json()["type"], answer.json()["field"]) == (INVALID, field)
