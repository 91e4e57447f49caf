"""Regressions of the OpenAPI document against what the server answers
and refuses: a command's answer (``Case`` or ``CaseReceipt``) matches
exactly one branch of its ``oneOf``, so a strict generated client reads it;
the limits the server enforces are in the document."""

from __future__ import annotations

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
        receipt = staff.post(f"/cases/{case['id']}/add_incident", json={"incident": INCIDENT})
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
