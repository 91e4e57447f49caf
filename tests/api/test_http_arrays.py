"""Every field a request body gives as an array takes a JSON array and
nothing else: text, an object, ``""`` or ``{}`` where the OpenAPI document
says array is a 422 problem naming the field by its JSON path, and nothing
is written (text was once split into its letters and saved)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from contactpolicy.errors import InvalidInput
from contactpolicy.http import openapi_document, wire

from support.api import REPORT_BODY, Api

INCIDENT = REPORT_BODY["incidents"][0]  # type: ignore[index]
PASSED = {
    "issue_investigated": True,
    "communications_adequate": True,
    "no_significant_new_information": True,
    "adjustments_considered": True,
}
RESTRICTIONS = [{"type": "SingleContactMethod", "channel": "email"}]
SCOPE = {"restrictions": RESTRICTIONS, "services": ["Housing"], "adjustments": []}
BODIES: dict[str, dict[str, Any]] = {
    "report": REPORT_BODY,
    "raise_concern": {"customer": REPORT_BODY["customer"], "incidents": [INCIDENT]},
    "add_incident": {"incident": INCIDENT},
    "warn": {
        "method": "letter",
        "measures": ["calls limited to 10 minutes"],
        "incidents": [INCIDENT],
        "behaviours": ["excessive_demands"],
    },
    "designate": {
        "assessment": PASSED,
        "restrictions": RESTRICTIONS,
        "reasons": "Calls continued after the warning.",
        "services": ["Housing"],
        "adjustments": [],
        "evidence": [INCIDENT],
    },
    "record_communicated": {
        "at": "2026-01-31T10:00:00+00:00",
        "method": "letter",
        "covered": ["why"],
    },
    "complete_review": {**SCOPE, "outcome": "vary", "notes": "Still needed."},
    "decide_appeal": {**SCOPE, "outcome": "varied", "reasons": "Varied on appeal."},
    "record_informed": {"recipients": ["manager"]},
    "add_webhook": {"url": "https://crm.example.gov.uk/hooks", "kinds": ["designate"]},
    "verify_all": {"seals": []},
}
"""A body for each operation with an array field, every array given."""
ROUTES = {
    "report": "/cases",
    "raise_concern": "/concerns",
    "add_webhook": "/webhooks",
    "verify_all": "/verification",
}
NOT_ARRAYS = {
    "text": "Housing",
    "empty text": "",
    "an object": {"Housing": 1},
    "an empty object": {},
    "a number": 7,
    "true": True,
}


def _arrays(schema: dict[str, Any], path: str, schemas: dict[str, Any]) -> dict[str, str]:
    """The JSON paths of the arrays in ``schema`` (``[0]`` for an item),
    each with what a value of another kind is told it must be."""
    if "$ref" in schema:
        return _arrays(schemas[schema["$ref"].rsplit("/", 1)[1]], path, schemas)
    found: dict[str, str] = {}
    choices = schema.get("oneOf", [])
    for inner in choices:
        found.update(_arrays(inner, path, schemas))
    if path in found and {"type": "null"} in choices:
        found[path] = "must be an array or null"
    if schema.get("type") == "array":
        found[path] = "must be an array"
        found.update(_arrays(schema.get("items", {}), f"{path}[0]", schemas))
    for name, inner in schema.get("properties", {}).items():
        found.update(_arrays(inner, f"{path}.{name}", schemas))
    return found


def array_fields() -> list[tuple[str, str, str]]:
    """Each operation, the JSON path of each array its body holds, as the
    OpenAPI document describes them, and what anything else is told."""
    document = openapi_document()
    schemas = document["components"]["schemas"]
    found = []
    for item in document["paths"].values():
        operation = item.get("post")
        if operation is None or "requestBody" not in operation:
            continue
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        for path, message in _arrays(schema, "$", schemas).items():
            found.append((operation["operationId"], path, message))
    return found


FIELDS = array_fields()


def replaced(body: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """``body`` with the value at the JSON ``path`` (``$.incidents[0].x``) replaced."""
    changed = copy.deepcopy(body)
    steps = path.removeprefix("$.").replace("[0]", ".0").split(".")
    inner: Any = changed
    for step in steps[:-1]:
        inner = inner[int(step)] if step.isdigit() else inner[step]
    inner[steps[-1]] = value
    return changed


def test_every_array_field_has_a_body_to_try() -> None:
    """The OpenAPI document's array fields are these, and each operation
    that has one has a valid body here: a new array field is tested too."""
    assert sorted({operation for operation, _, _ in FIELDS}) == sorted(BODIES)
    assert ("designate", "$.services", "must be an array") in FIELDS
    assert ("warn", "$.incidents", "must be an array or null") in FIELDS
    assert ("report", "$.incidents[0].protected_characteristics", "must be an array") in FIELDS
    for operation, body in BODIES.items():
        wire.decode(body, wire.operations()[operation].body)


@pytest.mark.parametrize(
    ("operation", "path", "message"), FIELDS, ids=[f"{o}:{p}" for o, p, _ in FIELDS]
)
@pytest.mark.parametrize("given", list(NOT_ARRAYS.values()), ids=list(NOT_ARRAYS))
def test_an_array_field_takes_a_json_array_only(
    operation: str, path: str, message: str, given: Any
) -> None:
    """Anything but a JSON array where the schema says array is
    InvalidInput naming the field by its JSON path."""
    body = replaced(BODIES[operation], path, given)
    with pytest.raises(InvalidInput) as refused:
        wire.decode(body, wire.operations()[operation].body)
    assert (refused.value.field, refused.value.message) == (path, message)


def test_a_mapping_field_takes_a_json_object_only() -> None:
    """``overrides`` is an object: an array of pairs is not one."""
    body = {**BODIES["designate"], "overrides": [["warning_missing", "threats"]]}
    with pytest.raises(InvalidInput) as refused:
        wire.decode(body, wire.operations()["designate"].body)
    assert (refused.value.field, refused.value.message) == (
        "$.overrides",
        "must be an object or null",
    )


def test_text_for_an_array_is_refused_over_http_and_nothing_is_written(api: Api) -> None:
    """Over HTTP each array field given as text is a 422 ``invalid-input``
    problem naming the field, and the feed does not move."""
    with api.client("manager") as manager, api.client("records") as records:
        reported = manager.post("/cases", json=REPORT_BODY)
        assert reported.status_code == 201
        case_id = reported.json()["id"]
        head = api.store.head()
        for operation, path, message in FIELDS:
            route = ROUTES.get(operation, f"/cases/{case_id}/{operation}")
            client = records if operation in ("add_webhook", "verify_all") else manager
            answer = client.post(route, json=replaced(BODIES[operation], path, "Housing"))
            assert answer.status_code == 422, (operation, path, answer.text)
            assert answer.headers["content-type"] == "application/problem+json"
            found = answer.json()
            assert (found["type"], found["field"], found["detail"]) == (
                "urn:contactpolicy:problem:invalid-input",
                path,
                f"{path}: {message}",
            ), (operation, path)
        assert api.store.head() == head
        assert api.store.subscriptions() == []
        assert api.casework.get(case_id, by=api.casework.officers["records"]).version == 1  # type: ignore[index]
