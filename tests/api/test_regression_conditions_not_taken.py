"""Regression: a condition the API does not evaluate was taken and
ignored: ``If-Unmodified-Since``, ``If-None-Match``, ``If-Modified-Since``
and ``If-Range`` on a command let the write land as if the client had set
no condition, and ``If-None-Match`` on ``GET /v1/cases/{case_id}``, whose
answer carries the case's ``ETag``, was answered with the whole case
whatever it named. Now a condition a request does not take is 422
(``invalid-input``, the header as ``field``, section 7.4), nothing done;
``GET /v1/cases/{case_id}`` takes ``If-None-Match`` and answers ``304 Not
Modified`` when the case is at a version it names (RFC 9110, 13.1.2)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.http.conditional import unchanged
from contactpolicy.http.routing import TAKEN_ONLY

from support.api import REPORT_BODY, Api
from support.builders import RECORDS

INVALID = "urn:contactpolicy:problem:invalid-input"
NOT_TAKEN = (
    "[7.4] {name}: is not taken by this request: send it without the header (docs/http.md, "
    "Safe writes, lists the requests that take it); nothing was done"
)
DATE = "Sat, 31 Jan 2026 09:00:00 GMT"
CONDITIONS = {
    "If-None-Match": '"1"',
    "If-Modified-Since": DATE,
    "If-Unmodified-Since": DATE,
    "If-Range": '"1"',
}


def _refused(answer: Any, name: str) -> None:
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert (problem["type"], problem["field"], problem["section"]) == (INVALID, name, "7.4")
    assert problem["detail"] == NOT_TAKEN.format(name=name)


def test_every_condition_of_rfc_9110_is_one_a_route_must_take() -> None:
    assert TAKEN_ONLY == (
        "Idempotency-Key",
        "If-Match",
        "If-None-Match",
        "If-Modified-Since",
        "If-Unmodified-Since",
        "If-Range",
    )


@pytest.mark.parametrize("name", sorted(CONDITIONS))
def test_a_condition_a_command_does_not_evaluate_is_refused_and_nothing_written(
    api: Api, name: str
) -> None:
    with api.client("manager") as manager, api.client("records") as records:
        case = manager.post("/cases", json=REPORT_BODY).json()
        noted = manager.post(
            f"/cases/{case['id']}/add_note",
            json={"text": "Called again."},
            headers={name: CONDITIONS[name]},
        )
        _refused(noted, name)
        reported = manager.post("/cases", json=REPORT_BODY, headers={name: CONDITIONS[name]})
        _refused(reported, name)
        removed = records.delete("/webhooks/wh_1", headers={name: CONDITIONS[name]})
        _refused(removed, name)
        assert manager.get(f"/cases/{case['id']}").headers["etag"] == '"1"'
    assert len(api.store.cases()) == 1


def test_if_none_match_on_the_case_is_304_when_it_names_the_version(api: Api) -> None:
    with api.client("manager") as manager:
        case_id = manager.post("/cases", json=REPORT_BODY).json()["id"]
        answers = {
            tag: manager.get(f"/cases/{case_id}", headers={"If-None-Match": tag})
            for tag in ('"1"', 'W/"1"', '"7", "1"', "*", '"2"')
        }
        head = manager.head(f"/cases/{case_id}", headers={"If-None-Match": '"1"'})
    reads = [read.query for read in api.casework.read_log(by=RECORDS)]
    assert {tag: (each.status_code, each.headers["etag"]) for tag, each in answers.items()} == {
        '"1"': (304, '"1"'),
        'W/"1"': (304, '"1"'),
        '"7", "1"': (304, '"1"'),
        "*": (304, '"1"'),
        '"2"': (200, '"1"'),
    }
    assert [answers[tag].content for tag in ('"1"', "*")] == [b"", b""]
    assert answers['"2"'].json()["id"] == case_id
    assert (head.status_code, head.headers["etag"], head.content) == (304, '"1"', b"")
    # Each GET is a read of the file, logged (7.4); the HEAD transfers none.
    assert reads.count("get") == 5


def test_if_none_match_in_two_lines_is_one_list(api: Api) -> None:
    with api.client("manager") as manager:
        case_id = manager.post("/cases", json=REPORT_BODY).json()["id"]
        answer = manager.get(
            f"/cases/{case_id}", headers=[("If-None-Match", '"5"'), ("If-None-Match", '"1"')]
        )
    assert (answer.status_code, answer.headers["etag"]) == (304, '"1"')


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("If-None-Match", "/concerns"),
        ("If-None-Match", "/cases"),
        ("If-Match", "/cases/{case_id}"),
        ("If-Modified-Since", "/cases/{case_id}"),
        ("If-Unmodified-Since", "/cases/{case_id}/history"),
        ("If-Range", "/cases/{case_id}"),
    ],
)
def test_a_condition_a_read_does_not_evaluate_is_refused(api: Api, name: str, path: str) -> None:
    value = CONDITIONS.get(name, '"1"')
    with api.client("manager") as manager:
        case_id = manager.post("/cases", json=REPORT_BODY).json()["id"]
        _refused(manager.get(path.format(case_id=case_id), headers={name: value}), name)


@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_property_if_none_match_compares_weakly(named: int, version: int) -> None:
    assert unchanged(f'"{named}"', version) is (named == version)
    assert unchanged(f'W/"{named}"', version) is (named == version)
    assert unchanged(f'"{named}", W/"{version}"', version) is True
    assert unchanged("*", version) is True


@pytest.mark.parametrize("name", ["If-Match", "Idempotency-Key", "If-None-Match"])
def test_a_header_sent_in_the_query_is_not_a_query_parameter(api: Api, name: str) -> None:
    """A route's headers were listed as query parameters it takes, so
    ``?If-Match=...`` was let through and never read: a condition lost."""
    with api.client("manager") as manager:
        case_id = manager.post("/cases", json=REPORT_BODY).json()["id"]
        noted = manager.post(
            f"/cases/{case_id}/add_note", params={name: '"1"'}, json={"text": "Called."}
        )
        read = manager.get(f"/cases/{case_id}", params={name: '"1"'})
    for answer in (noted, read):
        assert answer.status_code == 422, answer.text
        assert (answer.json()["field"], answer.json()["detail"]) == (
            name,
            f"{name}: is not a query parameter of this resource, which takes none",
        )
    assert len(api.casework.history(case_id, by=RECORDS)) == 1
