"""Regression: the answers' schemas marked ``required`` only the fields
without a default in Python (``Case`` left out ``warning``, ``designation``,
``notes`` and eleven more; ``Decision``, ``Review``, ``AuditEvent``,
``CaseSummary`` their optional fields), though the server sends every field
of every value, ``null`` for none: a generated client made each optional,
and a validator let an answer missing one through. Now every answer's
object schema requires exactly the fields sent; a value a request gives too
(an incident, a customer, an assessment, an adjustment), where fields with
a default may be left out, has a schema of its own for the answers
(``RecordedIncident``...)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import jsonschema_rs

from contactpolicy.http import openapi_document

from support.api import REPORT_BODY, Api

DOCUMENT = openapi_document()
SCHEMAS = DOCUMENT["components"]["schemas"]


def references(schema: Any) -> Iterator[str]:
    """The components ``schema`` refers to, not following them."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            yield schema["$ref"].rsplit("/", 1)[-1]
        for value in schema.values():
            yield from references(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from references(value)


def reached(roots: list[Any]) -> set[str]:
    """Every component ``roots`` refer to, at any depth."""
    found: set[str] = set()
    waiting = [name for root in roots for name in references(root)]
    while waiting:
        name = waiting.pop()
        if name not in found:
            found.add(name)
            waiting.extend(references(SCHEMAS[name]))
    return found


OPERATIONS = [operation for item in DOCUMENT["paths"].values() for operation in item.values()]
ANSWERS = reached(
    [
        answer.get("content", {}).get("application/json", {}).get("schema", {})
        for operation in OPERATIONS
        for status, answer in operation["responses"].items()
        if status.startswith("2")
    ]
)
REQUESTS = reached([operation.get("requestBody", {}) for operation in OPERATIONS])


def test_every_answer_schema_requires_every_field_it_has() -> None:
    optional = {
        name: sorted(set(SCHEMAS[name]["properties"]) - set(SCHEMAS[name].get("required", [])))
        for name in sorted(ANSWERS)
        if "properties" in SCHEMAS[name]
    }
    assert {name: fields for name, fields in optional.items() if fields} == {}
    assert len(optional) > 40


def test_a_value_given_in_requests_too_has_a_schema_of_its_own_in_the_answers() -> None:
    assert sorted(name for name in ANSWERS if name.startswith("Recorded")) == [
        "RecordedAdjustment",
        "RecordedAssessment",
        "RecordedCustomer",
        "RecordedIncident",
    ]
    assert {"Incident", "Customer", "Assessment", "Adjustment"} & ANSWERS == set()
    assert SCHEMAS["Incident"]["required"] == ["behaviour", "channel", "description", "occurred_at"]
    assert SCHEMAS["RecordedIncident"]["required"] == [
        "behaviour",
        "channel",
        "department",
        "description",
        "occurred_at",
        "protected_characteristics",
    ]
    assert SCHEMAS["Customer"]["required"] == ["id", "name"]
    assert SCHEMAS["RecordedCustomer"]["required"] == ["contact", "id", "name"]
    assert SCHEMAS["Case"]["properties"]["incidents"]["items"] == {
        "$ref": "#/components/schemas/RecordedIncident"
    }
    assert {"Incident", "Customer"} <= REQUESTS


def closed(schema: Any) -> Any:
    """``schema`` with every object schema taking no field it does not name."""
    if isinstance(schema, dict):
        found = {key: closed(value) for key, value in schema.items()}
        if "properties" in schema:
            found["additionalProperties"] = False
        return found
    if isinstance(schema, list):
        return [closed(value) for value in schema]
    return schema


CLOSED = closed(copy.deepcopy(DOCUMENT["components"]))


def answers_as_documented(path: str, method: str, status: str, answer: Any) -> bool:
    """Whether ``answer`` holds exactly the fields the document's schema of
    ``method path``'s ``status`` answer names, each it requires."""
    operation = DOCUMENT["paths"][path][method]
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    return bool(jsonschema_rs.is_valid({**closed(schema), "components": CLOSED}, answer))


def test_the_answers_sent_hold_exactly_the_fields_their_schemas_require(api: Api) -> None:
    """The schemas are read from what the server writes: each answer holds
    every field its schema names (all required) and no other."""
    with api.client("manager") as manager, api.client("decider") as decider:
        reported = manager.post("/cases", json=REPORT_BODY)
        assert reported.status_code == 201, reported.text
        case_id = reported.json()["id"]
        decided = manager.post(
            "/contacts/decisions",
            json={
                "customer_id": "CRM-7",
                "contact": {"at": "2026-01-31T09:00:00+00:00", "channel": "telephone"},
            },
        )
        read = [
            ("/v1/cases", "post", "201", reported.json()),
            ("/v1/contacts/decisions", "post", "200", decided.json()),
            ("/v1/cases/{case_id}", "get", "200", manager.get(f"/cases/{case_id}").json()),
            ("/v1/cases", "get", "200", manager.get("/cases").json()),
            (
                "/v1/cases/{case_id}/history",
                "get",
                "200",
                manager.get(f"/cases/{case_id}/history").json(),
            ),
            ("/v1/events", "get", "200", decider.get("/events").json()),
            ("/v1/seal", "get", "200", decider.get("/seal").json()),
            (
                "/v1/customers/{customer_id}/evidence",
                "get",
                "200",
                decider.get("/customers/CRM-7/evidence").json(),
            ),
        ]
    for path, method, status, answer in read:
        assert (path, answers_as_documented(path, method, status, answer)) == (path, True)
    # A field left out of an answer is one the document says is missing.
    case = dict(read[2][3])
    del case["warning"]
    assert not answers_as_documented("/v1/cases/{case_id}", "get", "200", case)
