"""Regression: a ``GET`` (or ``HEAD``, or ``DELETE``) carrying a body was
answered as if it had none, though a client that sends one expects it to
be used and RFC 9110 gives it no meaning (9.3.1, 9.3.2, 9.3.5). Now it is
refused before any route: 400, ``body-not-taken``, ``field: $``, the
connection closed, nothing done."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.http import target

from support.api import REPORT_BODY, Api

BODY = b'{"state": "designated"}'


def _problem(method: str) -> dict[str, object]:
    return {
        "type": "urn:contactpolicy:problem:body-not-taken",
        "status": 400,
        "title": "The request carries a body its method does not take",
        "detail": (
            f"a {method} request takes no body (RFC 9110, 9.3), so the body sent would not be "
            "read: send the request without one; nothing was done"
        ),
        "field": "$",
    }


def test_a_get_with_a_body_is_refused_naming_the_body(api: Api) -> None:
    with api.client("manager") as manager:
        case_id = manager.post("/cases", json=REPORT_BODY).json()["id"]
        answer = manager.request(
            "GET", f"/cases/{case_id}", content=BODY, headers={"Content-Type": "application/json"}
        )
        assert answer.status_code == 400, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.headers["connection"] == "close"
        assert answer.json() == _problem("GET")
        listed = manager.request("GET", "/cases", content=BODY)
        assert (listed.status_code, listed.json()) == (400, _problem("GET"))
    reads = [read.query for read in api.store.reads()]
    assert reads == ["report"]


def test_a_head_or_delete_with_a_body_is_refused_and_nothing_removed(api: Api) -> None:
    with api.client("records") as records:
        added = records.post("/webhooks", json={"url": "https://crm.council.example/hooks/ucp"})
        hook = added.json()["id"]
        removed = records.request("DELETE", f"/webhooks/{hook}", content=b"{}")
        assert (removed.status_code, removed.json()) == (400, _problem("DELETE"))
        head = records.request("HEAD", "/webhooks", content=BODY)
        assert (head.status_code, head.headers["content-type"]) == (400, "application/problem+json")
        assert [each["id"] for each in records.get("/webhooks").json()] == [hook]


def test_a_get_with_a_chunked_body_is_refused(api: Api) -> None:
    def parts() -> Iterator[bytes]:
        yield BODY

    with api.client("manager") as manager:
        answer = manager.request("GET", "/cases", content=parts())
    assert (answer.status_code, answer.json()) == (400, _problem("GET"))


def test_a_get_that_says_its_body_is_empty_is_answered(api: Api) -> None:
    with api.client("manager") as manager:
        answer = manager.get("/cases", headers={"Content-Length": "0"})
    assert (answer.status_code, answer.json()) == (200, [])


def _scope(method: str, headers: list[tuple[bytes, bytes]]) -> dict[str, object]:
    return {"type": "http", "method": method, "path": "/v1/cases", "headers": headers}


@given(
    st.sampled_from(["GET", "HEAD", "DELETE", "POST", "PUT", "PATCH", "OPTIONS"]),
    st.integers(0, 10**12),
    st.booleans(),
)
def test_property_only_a_method_that_takes_a_body_may_carry_one(
    method: str, length: int, chunked: bool
) -> None:
    # A body in chunks says its length only as it comes: read by the
    # sent_empty guard, not refused from the headers.
    headers = [(b"transfer-encoding", b"chunked")] if chunked else []
    headers.append((b"content-length", str(length).zfill(3).encode()))
    carries = length > 0
    if method in ("GET", "HEAD", "DELETE") and carries:
        with pytest.raises(target.Refused) as refused:
            target.bodiless(_scope(method, headers))
        assert (refused.value.status, refused.value.body) == (400, _problem(method))
    else:
        target.bodiless(_scope(method, headers))  # answered: no refusal
