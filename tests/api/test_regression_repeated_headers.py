"""Regressions: a repeated ``Idempotency-Key`` or ``If-Match`` was taken
as its first (an extra header added on the way chose the command's id or
the version expected). Each is refused before any handler runs, writing
nothing, as a second ``Authorization`` is."""

from __future__ import annotations

import pytest

from support.api import REPORT_BODY, Api

INVALID = "urn:contactpolicy:problem:invalid-input"


def reported(api: Api) -> str:
    with api.client("manager") as manager:
        answer = manager.post("/cases", json=REPORT_BODY)
    assert answer.status_code == 201, answer.text
    case_id: str = answer.json()["id"]
    return case_id


@pytest.mark.parametrize(
    ("name", "values"),
    [("Idempotency-Key", ("crm-1", "crm-2")), ("If-Match", ('"9"', '"1"'))],
)
def test_a_repeated_decisive_header_is_refused_naming_it(
    api: Api, name: str, values: tuple[str, str]
) -> None:
    case_id = reported(api)
    with api.client("manager") as manager:
        answer = manager.post(
            f"/cases/{case_id}/add_note",
            json={"text": "Called back."},
            headers=[(name, values[0]), (name, values[1])],
        )
        assert answer.status_code == 422, answer.text
        problem = answer.json()
        assert (problem["type"], problem["field"], problem["section"]) == (INVALID, name, "7.4")
        assert "more than once" in problem["detail"]
        assert manager.get(f"/cases/{case_id}").json()["version"] == 1


def test_a_repeated_idempotency_key_on_a_report_writes_no_case(api: Api) -> None:
    with api.client("manager") as manager:
        answer = manager.post(
            "/cases",
            json=REPORT_BODY,
            headers=[("Idempotency-Key", "crm-1"), ("Idempotency-Key", "crm-1")],
        )
        assert answer.status_code == 422, answer.text
        assert answer.json()["field"] == "Idempotency-Key"
        assert manager.get("/cases").json() == []
