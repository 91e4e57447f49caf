"""Request bodies found wanting in use of the API: a lone surrogate in a
field's name was a 500; unknown field names were repeated whole (a
customer's name and address among them); a field given twice was taken as
its last value; UTF-16 and UTF-32 bodies were read; any Content-Type, or
none, was taken as JSON; ``field`` named an object, a class or a bare name
where the docs promise the JSON path of the field; an upper-case
``letter_sha256`` was refused; ``rectify`` took ``incident.01.description``
as incident 1."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from contactpolicy import Case

from support.api import REPORT_BODY, Api, moment
from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RESTRICTIONS,
    incident,
    warn_and_continue,
)

JSON = {"Content-Type": "application/json"}
PROBLEM = "application/problem+json"
INVALID = "urn:contactpolicy:problem:invalid-input"
TITLE = "A value given is malformed"
NOT_JSON = "$: the request body must be JSON (RFC 8259) in UTF-8, its numbers finite"
NOTE = {"text": "Called again."}
DECISION = {
    "customer_id": "CRM-7",
    "contact": {"channel": "telephone", "at": "2026-01-31T10:00:00Z"},
}


def invalid(field: str, detail: str, section: str | None = None) -> dict[str, Any]:
    """The problem of a malformed body."""
    found: dict[str, Any] = {"type": INVALID, "status": 422, "title": TITLE, "detail": detail}
    if section is not None:
        found["section"] = section
    found["field"] = field
    return found


def problem_of(answer: httpx.Response) -> dict[str, Any]:
    assert answer.headers["content-type"] == PROBLEM, answer.text
    found: dict[str, Any] = answer.json()
    return found


def raw(body: str) -> bytes:
    """``body``, JSON text that may escape lone surrogates, as UTF-8."""
    return body.encode("utf-8")


def report(**changed: Any) -> str:
    return json.dumps({**REPORT_BODY, **changed})


def nothing_written(api: Api, case_id: str | None = None) -> None:
    assert [case.id for case in api.store.cases()] == ([] if case_id is None else [case_id])
    if case_id is not None:
        assert [event.kind for event in api.casework.history(case_id, by=DECIDER)] == ["report"]


def test_a_lone_surrogate_in_a_field_name_is_a_422_not_a_500(api: Api) -> None:
    """At the top of a body and inside it, on every kind of route."""
    case_id = api.casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER).id
    unknown = "has a field the API does not know (its name is not repeated)"
    sent = [
        ("/cases", raw(report()[:-1] + ', "\\ud800": 1}'), invalid("$", f"$: {unknown}")),
        (
            "/cases",
            raw(report(customer={"id": "X", "name": "S", "\ud800": 1})),
            invalid("$.customer", f"$.customer: {unknown}"),
        ),
        (
            f"/cases/{case_id}/add_note",
            raw('{"text": "Called again.", "\\udfff": 1}'),
            invalid("$", f"$: {unknown}"),
        ),
        (
            "/contacts/decisions",
            raw(
                '{"customer_id": "CRM-7", "contact": {"channel": "telephone", '
                '"at": "2026-01-31T10:00:00Z", "\\ud800x": 1}}'
            ),
            invalid("$.contact", f"$.contact: {unknown}"),
        ),
    ]
    with api.client("manager") as manager:
        for route, body, expected in sent:
            assert b"\\ud" in body
            answer = manager.post(route, content=body, headers=JSON)
            assert (answer.status_code, problem_of(answer)) == (422, expected), route
    nothing_written(api, case_id)


def test_an_unknown_field_is_named_only_when_shaped_like_the_apis_names(api: Api) -> None:
    """A name that may be personal text, or is long, is counted, never
    repeated; one shaped like the API's is named, with the field meant."""
    personal = "Sam Taylor 12 Week Street"
    long = "k" * 100_000
    cases = [
        (
            {"id": "X", "name": "S", personal: 1},
            "$.customer: has a field the API does not know (its name is not repeated)",
        ),
        (
            {"id": "X", "name": "S", long: 1},
            "$.customer: has a field the API does not know (its name is not repeated)",
        ),
        (
            {"id": "X", "name": "S", "nmae": "S", "colour": 1},
            "$.customer: has fields the API does not know: colour, nmae (did you mean name?)",
        ),
        (
            {"id": "X", "name": "S", "idd": 1, personal: 1, "Zoë": 2},
            "$.customer: has fields the API does not know: idd (did you mean id?) "
            "and 2 more (their names are not repeated)",
        ),
        (
            {"id": "X", "name": "S", personal: 1, "Zoë": 2},
            "$.customer: has 2 fields the API does not know (their names are not repeated)",
        ),
    ]
    with api.client("manager") as manager:
        for customer, detail in cases:
            answer = manager.post("/cases", content=report(customer=customer), headers=JSON)
            assert (answer.status_code, problem_of(answer)) == (
                422,
                invalid("$.customer", detail),
            )
            assert "Taylor" not in answer.text
            assert len(answer.text) < 1000
    nothing_written(api)


def test_a_field_given_twice_is_refused_at_every_depth(api: Api) -> None:
    """Readers of JSON differ on which of the two counts: neither does. The
    field is named only when it is one of the API's."""
    incident_twice = report()[:-1].replace('"behaviour"', '"channel": "email", "behaviour"', 1)
    sent = [
        (
            '{"customer": {"id": "CRM-5", "name": "Sam Taylor", "id": "CRM-6"}, '
            '"issue": "b", "incidents": []}',
            invalid("$.customer", "$.customer: gives the field id more than once"),
        ),
        (
            report()[:-1] + ', "issue": "another"}',
            invalid("$", "$: gives the field issue more than once"),
        ),
        (
            incident_twice + "}",
            invalid("$.incidents[0]", "$.incidents[0]: gives the field channel more than once"),
        ),
        (
            '{"customer": {"id": "X", "name": "S", "Sam Taylor": 1, "Sam Taylor": 2}, '
            '"issue": "b", "incidents": []}',
            invalid("$.customer", "$.customer: gives a field more than once"),
        ),
        (
            '{"customer": {"id": "X", "name": "S", "Sam Taylor": {"a": 1, "a": 2}}, '
            '"issue": "b", "incidents": []}',
            invalid("$.customer", "$.customer: holds an object that gives a field more than once"),
        ),
    ]
    with api.client("manager") as manager:
        for body, expected in sent:
            answer = manager.post("/cases", content=raw(body), headers=JSON)
            assert (answer.status_code, problem_of(answer)) == (422, expected), body
            assert "Taylor" not in answer.text
    nothing_written(api)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"])
def test_a_body_not_in_utf8_is_refused(api: Api, encoding: str) -> None:
    with api.client("manager") as manager:
        answer = manager.post("/cases", content=report().encode(encoding), headers=JSON)
    assert (answer.status_code, problem_of(answer)) == (422, invalid("$", NOT_JSON))
    nothing_written(api)


def test_a_utf8_byte_order_mark_is_ignored(api: Api) -> None:
    """RFC 8259 (8.1) lets a reader ignore it; .NET's writers put it there."""
    with api.client("manager") as manager:
        answer = manager.post("/cases", content=report().encode("utf-8-sig"), headers=JSON)
    assert answer.status_code == 201, answer.text
    assert answer.json()["customer"]["id"] == "CRM-7"


UNSUPPORTED = {
    "type": "urn:contactpolicy:problem:unsupported-media-type",
    "status": 415,
    "title": "The request body is not of the media type the API takes",
    "detail": (
        "a request body must be sent with Content-Type: application/json (its charset, "
        "if given, utf-8); nothing was done"
    ),
    "field": "Content-Type",
}


def test_a_body_not_sent_as_json_is_415(api: Api) -> None:
    """With no Content-Type, another type, another charset or a +json type,
    before the body is read; nothing written."""
    case_id = api.casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER).id
    routes = {
        "/cases": report(),
        f"/cases/{case_id}/add_note": json.dumps(NOTE),
        "/contacts/decisions": json.dumps(DECISION),
    }
    types: list[str | None] = [
        None,
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin-1",
        "application/json; charset=utf-16",
        "application/merge-patch+json",
        "application/jsonx",
    ]
    with api.client("manager") as manager:
        for route, body in routes.items():
            for kind in types:
                headers = {} if kind is None else {"Content-Type": kind}
                answer = manager.post(route, content=body.encode(), headers=headers)
                assert (answer.status_code, problem_of(answer)) == (415, UNSUPPORTED), (route, kind)
                assert answer.headers["accept-post"] == "application/json"
    nothing_written(api, case_id)


def test_json_in_any_spelling_of_its_type_is_taken(api: Api) -> None:
    with api.client("manager") as manager:
        for kind in (
            "application/json; charset=utf-8",
            'Application/JSON;charset="UTF-8"',
            "application/json ; foo=bar",
        ):
            answer = manager.post(
                "/cases", content=report().encode(), headers={"Content-Type": kind}
            )
            assert answer.status_code == 201, (kind, answer.text)


def test_credentials_are_checked_before_the_type_and_an_empty_body_is_422(api: Api) -> None:
    with api.client(None) as nobody:
        answer = nobody.post(
            "/cases", content=report().encode(), headers={"Content-Type": "text/plain"}
        )
        assert (answer.status_code, problem_of(answer)["type"]) == (
            401,
            "urn:contactpolicy:problem:unauthenticated",
        )
    with api.client("manager") as manager:
        empty = manager.post("/cases", content=b"")
        assert (empty.status_code, problem_of(empty)["field"]) == (422, "$")
    nothing_written(api)


def test_every_refused_value_is_named_by_the_json_path_of_its_field(api: Api) -> None:
    """The library's checks as much as the decoder's."""
    case_id = api.casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER).id
    description = json.loads(json.dumps(REPORT_BODY))
    description["incidents"][0]["description"] = "\ud800"
    nul = "must not contain the NUL character (U+0000), which databases cannot store"
    empty = "must be non-empty text, got an empty str"
    with api.client("manager") as manager:
        for customer, field, message in (
            ({"id": "X", "name": "Sam\u0000"}, "$.customer.name", nul),
            ({"id": "X", "name": ""}, "$.customer.name", empty),
            ({"id": "", "name": "S"}, "$.customer.id", empty),
            ({"id": "X\u0000", "name": "S"}, "$.customer.id", nul),
        ):
            answer = manager.post("/cases", content=report(customer=customer), headers=JSON)
            assert (answer.status_code, problem_of(answer)) == (
                422,
                invalid(field, f"[7.4] {field}: {message}", "7.4"),
            )
        answer = manager.post("/cases", content=json.dumps(description), headers=JSON)
        assert (answer.status_code, problem_of(answer)) == (
            422,
            invalid(
                "$.incidents[0].description",
                "[4.1] $.incidents[0].description: must be Unicode text, but holds a lone "
                "surrogate",
                "4.1",
            ),
        )
        answer = manager.post("/cases", content=report(issue="x" * 1001), headers=JSON)
        assert (answer.status_code, problem_of(answer)["field"]) == (422, "$.issue")
        answer = manager.post(f"/cases/{case_id}/add_note", json={"text": "a\u0000b"})
        assert (answer.status_code, problem_of(answer)["field"]) == (422, "$.text")
    with api.client("decider") as decider:
        for body, field in (
            ({"url": "ftp://crm.example.gov.uk/h"}, "$.url"),
            ({"url": "https://crm.example.gov.uk/h", "secret": "short"}, "$.secret"),
            (
                {"url": "https://crm.example.gov.uk/h", "subscription_id": "a/b"},
                "$.subscription_id",
            ),
        ):
            answer = decider.post("/webhooks", json=body)
            assert (answer.status_code, problem_of(answer)["field"]) == (422, field), body
        decider.post(
            "/webhooks", json={"url": "https://crm.example.gov.uk/h", "subscription_id": "crm"}
        )
        taken = decider.post(
            "/webhooks", json={"url": "https://crm.example.gov.uk/i", "subscription_id": "crm"}
        )
        assert (taken.status_code, problem_of(taken)) == (
            422,
            invalid(
                "$.subscription_id",
                "[9.1] $.subscription_id: is taken by another subscription",
                "9.1",
            ),
        )
    assert [each.id for each in api.store.subscriptions()] == ["crm"]
    nothing_written(api, case_id)


def _designated(api: Api) -> Case:
    casework = api.casework
    case = casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    return casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "The calls continued after the warning.",
        council_wide_because=EVERY_SERVICE,
    )


def test_letter_sha256_is_read_in_either_case(api: Api) -> None:
    """As .NET's Convert.ToHexString writes it; the digest kept is the
    letter's own, in lower case."""
    case = _designated(api)
    told = {"at": moment(api.clock.now()), "method": "letter", "letter_kind": "designation"}
    with api.client("decider") as decider:
        fetched = decider.get(f"/cases/{case.id}/letters/designation").json()
        wrong = decider.post(
            f"/cases/{case.id}/record_communicated",
            json={**told, "letter_sha256": fetched["sha256"][:-1].upper() + "\u0660"},
        )
        assert (wrong.status_code, problem_of(wrong)["field"]) == (422, "$.letter_sha256")
        recorded = decider.post(
            f"/cases/{case.id}/record_communicated",
            json={**told, "letter_sha256": fetched["sha256"].upper()},
        )
        assert recorded.status_code == 200, recorded.text
    event = api.casework.history(case.id, by=DECIDER)[-1]
    assert event.data["letter"] == {"kind": "designation", "sha256": fetched["sha256"]}


def test_seals_are_read_in_either_case(api: Api) -> None:
    api.casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER)
    seal = json.loads(api.casework.seal().to_json())
    assert seal["digest"] != seal["digest"].upper()
    with api.client("decider") as decider:
        answer = decider.post(
            "/verification", json={"seals": [{**seal, "digest": seal["digest"].upper()}]}
        )
    assert answer.status_code == 200, answer.text
    assert answer.json()["problems"] == []


def test_rectify_over_http_refuses_an_incident_number_not_written_canonically(api: Api) -> None:
    case_id = api.casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER).id
    with api.client("records") as records:
        for field in (
            "incident.01.description",
            "incident.+1.description",
            "incident.\u0661.description",
        ):
            answer = records.post(
                f"/cases/{case_id}/rectify",
                json={"field": field, "value": "22 calls in one day", "reason": "Typo."},
            )
            found = problem_of(answer)
            assert (answer.status_code, found["type"], found["section"]) == (
                422,
                "urn:contactpolicy:problem:preconditions-not-met",
                "7.4",
            )
            assert [each["code"] for each in found["failures"]] == ["field_unknown"]
    nothing_written(api, case_id)
