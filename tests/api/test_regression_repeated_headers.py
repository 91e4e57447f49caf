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


MERGED = (
    "[7.4] Idempotency-Key: holds a comma, as the header does when given more than once and "
    "joined into one line on the way (RFC 9110, 5.3): give one key, with no comma; nothing "
    "was done"
)
"""The refusal of a key holding a comma."""


@pytest.mark.parametrize("key", ["k-2, k-3", "a,b"])
def test_a_key_holding_a_comma_is_refused_as_a_repeated_one(api: Api, key: str) -> None:
    """Regression: a proxy that merges two ``Idempotency-Key`` lines into
    one passes on ``k-2, k-3`` (RFC 9110, 5.3), which was taken as a key of
    its own. It is refused as two lines are: 422, ``invalid-input``, the
    header named, nothing written."""
    case_id = reported(api)
    with api.client("manager") as manager:
        answer = manager.post(
            f"/cases/{case_id}/add_note",
            json={"text": "Called back."},
            headers={"Idempotency-Key": key},
        )
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
        problem = answer.json()
        assert (
            problem["type"],
            problem["title"],
            problem["status"],
            problem["field"],
            problem["section"],
            problem["detail"],
        ) == (INVALID, "A value given is malformed", 422, "Idempotency-Key", "7.4", MERGED)
        assert manager.get(f"/cases/{case_id}").json()["version"] == 1
        repeated = manager.post(
            f"/cases/{case_id}/add_note",
            json={"text": "Called back."},
            headers=[("Idempotency-Key", "k-2"), ("Idempotency-Key", "k-3")],
        ).json()
        assert (repeated["type"], repeated["title"]) == (problem["type"], problem["title"])


def test_a_merged_key_on_a_report_writes_no_case(api: Api) -> None:
    with api.client("manager") as manager:
        answer = manager.post(
            "/cases", json=REPORT_BODY, headers={"Idempotency-Key": "crm-1, crm-1"}
        )
        assert answer.status_code == 422, answer.text
        assert (answer.json()["field"], answer.json()["detail"]) == ("Idempotency-Key", MERGED)
        assert manager.get("/cases").json() == []


def test_a_key_without_a_comma_still_applies_once(api: Api) -> None:
    """A key with no comma (a plain space inside included) is the command's
    id as before: the repeat applies nothing twice."""
    case_id = reported(api)
    note = {"text": "Called back."}
    with api.client("manager") as manager:
        for key, version in (("k-2", 2), ("k-2", 2), ("crm activity 3", 3)):
            answer = manager.post(
                f"/cases/{case_id}/add_note", json=note, headers={"Idempotency-Key": key}
            )
            assert (answer.status_code, answer.json()["version"]) == (200, version), answer.text
        assert len(manager.get(f"/cases/{case_id}").json()["notes"]) == 2
