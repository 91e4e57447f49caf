"""Regression: small things the HTTP API said or did wrong. A ``GET`` whose
empty body came in chunks was refused as carrying a body, though
``Content-Length: 0`` was answered; an unquoted ``If-None-Match: 6`` was
ignored (the case answered whole) and an unquoted ``If-Match`` refused as
stale, neither being of RFC 9110's form; a value the library refused cited
its section twice (``[5.1] ... (5.1)``); the 403 problem's title spoke of
running a command for a refused read too; and a case's issue was taken
with a bidirectional control or a word mixing scripts."""

from __future__ import annotations

from collections.abc import Iterator

from support.api import REPORT_BODY, Api

MALFORMED: dict[str, object] = {
    "type": "urn:contactpolicy:problem:malformed-condition",
    "status": 400,
    "title": "A condition header is not of the form RFC 9110 gives it",
    "field": "If-None-Match",
    "detail": (
        'If-None-Match: must be * or a list of entity-tags, each quoted, such as "3" or W/"3" '
        "(RFC 9110, 8.8.3 and 13.1); nothing was done"
    ),
}


def _nothing() -> Iterator[bytes]:
    yield from ()


def test_a_get_with_an_empty_chunked_body_is_answered(api: Api) -> None:
    with api.client("manager") as manager:
        case_id = manager.post("/cases", json=REPORT_BODY).json()["id"]
        listed = manager.request("GET", "/cases", content=_nothing())
        read = manager.request("GET", f"/cases/{case_id}", content=_nothing())
    assert listed.request.headers["transfer-encoding"] == "chunked"
    assert (listed.status_code, [each["id"] for each in listed.json()]) == (200, [case_id])
    assert (read.status_code, read.json()["id"]) == (200, case_id)


def test_a_get_with_a_chunked_body_of_one_byte_is_refused_and_closed(api: Api) -> None:
    def one() -> Iterator[bytes]:
        yield b"{"

    with api.client("manager") as manager:
        answer = manager.request("GET", "/cases", content=one())
    assert (answer.status_code, answer.headers["connection"]) == (400, "close")
    assert answer.json()["type"] == "urn:contactpolicy:problem:body-not-taken"


def test_an_unquoted_if_none_match_is_refused_naming_the_form(api: Api) -> None:
    with api.client("manager") as manager:
        case_id = manager.post("/cases", json=REPORT_BODY).json()["id"]
        unquoted = manager.get(f"/cases/{case_id}", headers={"If-None-Match": "1"})
        listed = manager.get(f"/cases/{case_id}", headers={"If-None-Match": '"1", 2'})
        quoted = manager.get(f"/cases/{case_id}", headers={"If-None-Match": '"1"'})
    assert (unquoted.status_code, unquoted.json()) == (400, MALFORMED)
    assert (listed.status_code, listed.json()) == (400, MALFORMED)
    assert (quoted.status_code, quoted.headers["etag"]) == (304, '"1"')


def test_an_unquoted_if_match_is_refused_and_nothing_written(api: Api) -> None:
    with api.client("manager") as manager:
        case_id = manager.post("/cases", json=REPORT_BODY).json()["id"]
        answer = manager.post(
            f"/cases/{case_id}/add_note", json={"text": "Called."}, headers={"If-Match": "1"}
        )
        after = manager.get(f"/cases/{case_id}")
    assert (answer.status_code, answer.json()) == (
        400,
        {
            **MALFORMED,
            "field": "If-Match",
            "detail": str(MALFORMED["detail"]).replace("If-None-Match", "If-Match"),
        },
    )
    assert after.json()["version"] == 1


def test_a_contacts_issue_refused_cites_its_section_once(api: Api) -> None:
    contact = {
        "channel": "email",
        "at": "2026-01-30T10:00:00+00:00",
        "issue": "Bin c\u043ellections",
    }
    with api.client("staff") as staff:
        answer = staff.post(
            "/contacts/decisions", json={"customer_id": "CRM-7", "contact": contact}
        )
    assert answer.status_code == 422
    assert answer.json()["detail"] == (
        "[5.1] $.contact.issue: must not mix letters of different scripts within a word: U+043E "
        "at character 6, a Cyrillic character among Latin ones; use 'o' (U+006F)"
    )


def test_a_value_refused_among_others_names_its_own_section(api: Api) -> None:
    """Two values refused under different sections: the first's is cited
    before the field, the other's after its message."""
    body = {
        **REPORT_BODY,
        "customer": {"id": "CRM-7", "name": ""},
        "incidents": [{**REPORT_BODY["incidents"][0], "description": ""}],  # type: ignore[index]
    }
    with api.client("manager") as manager:
        answer = manager.post("/cases", json=body)
    assert answer.status_code == 422
    assert answer.json()["detail"] == (
        "[7.4] $.customer.name: must be non-empty text, got an empty str; "
        "$.incidents[0].description: must be non-empty text, got an empty str (4.1)"
    )


def test_a_case_issue_with_a_right_to_left_override_is_refused(api: Api) -> None:
    with api.client("manager") as manager:
        answer = manager.post("/cases", json={**REPORT_BODY, "issue": "\u202esnoitcelloc niB"})
        listed = manager.get("/cases")
    assert (answer.status_code, answer.json()["field"], answer.json()["detail"]) == (
        422,
        "$.issue",
        "[6.2] $.issue: must not contain bidirectional controls, which change the order text "
        "is shown in: U+202E at character 1",
    )
    assert listed.json() == []


def test_a_read_refused_is_titled_for_what_the_request_asks(api: Api) -> None:
    with api.client("staff") as staff:
        answer = staff.get("/register")
    assert (answer.status_code, answer.json()["title"]) == (
        403,
        "The officer does not hold a role that may do what the request asks",
    )
