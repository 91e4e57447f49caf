"""Regression: an integer path parameter written in digits but outside its
bounds (``POST /v1/contacts/0/read``, ``POST /v1/contacts/99999999999999999999/acted-on``)
was refused only once the body had been read: a malformed body hid it
(``$.outcome: is required``), and the field the answer named depended on
the body sent, while a value not written in digits (``abc``) was refused
before the body. Each integer path parameter is now checked whole, its
digits and its bounds (the library's own check of a contact id, 5.1),
before the body is read: the same answer whatever body is sent, or none."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy.http import openapi_document

from support.api import Api

INVALID = "urn:contactpolicy:problem:invalid-input"
BOUNDS = "[5.1] contact_id: must be a whole number of contact id from 1 to 9223372036854775807, got"
ROUTES = {
    "/contacts/{contact_id}/read": ({"outcome": "nothing_new"}, "$.outcome"),
    "/contacts/{contact_id}/acted-on": ({"reason": "Passed to the service concerned."}, "$.reason"),
}
"""Each route with an integer path parameter: a body it takes, and the
field a body without it is refused for."""
OUT_OF_BOUNDS = [
    ("0", "0"),
    ("9223372036854775808", "a number too large"),
    ("99999999999999999999", "a number too large"),
    ("9" * 5000, "a number too large"),
]
"""Contact ids in canonical digits outside 1 to 2**63 - 1, and what the
message says of each (5,000 digits: more than Python reads as a number)."""
BODIES: dict[str, Any] = {
    "a malformed body": {"json": {}},
    "a body that is not JSON": {
        "content": b"{",
        "headers": {"Content-Type": "application/json"},
    },
    "no body": {},
}


def _post(api: Api, route: str, contact_id: str, **sent: Any) -> Any:
    with api.client("records") as records:
        return records.post(route.replace("{contact_id}", contact_id), **sent)


def test_the_routes_are_those_of_the_document() -> None:
    """The routes checked here are every route with an integer path parameter."""
    found = {
        path.removeprefix("/v1")
        for path, methods in openapi_document()["paths"].items()
        for operation in methods.values()
        for parameter in operation.get("parameters", ())
        if parameter["in"] == "path" and parameter["schema"].get("type") == "integer"
    }
    assert found == set(ROUTES)


@pytest.mark.parametrize("route", sorted(ROUTES))
@pytest.mark.parametrize(("value", "got"), OUT_OF_BOUNDS)
@pytest.mark.parametrize("body", [*BODIES, "a good body"])
def test_a_contact_id_out_of_bounds_is_refused_whatever_the_body(
    api: Api, route: str, value: str, got: str, body: str
) -> None:
    """0, 2**63, twenty nines and 5,000 nines: 422 naming ``contact_id``,
    its bounds and 5.1, with a malformed body, a body not JSON, no body
    or a good one; nothing written."""
    sent = {"json": ROUTES[route][0]} if body == "a good body" else BODIES[body]
    before = api.store.events_since(0, 100)
    answer = _post(api, route, value, **sent)
    problem = answer.json()
    assert (answer.status_code, problem["type"], problem["field"], problem["detail"]) == (
        422,
        INVALID,
        "contact_id",
        f"{BOUNDS} {got}",
    )
    assert api.store.events_since(0, 100) == before


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_a_contact_id_in_bounds_with_a_malformed_body_names_the_body(api: Api, route: str) -> None:
    """1 and 2**63 - 1 pass the path's check: a body without its required
    field is refused naming that field."""
    field = ROUTES[route][1]
    for value in ("1", "9223372036854775807"):
        answer = _post(api, route, value, json={})
        problem = answer.json()
        assert (answer.status_code, problem["type"], problem["field"]) == (422, INVALID, field)


def test_any_contact_id_out_of_bounds_is_refused_before_the_body(api: Api) -> None:
    """Any whole number from 2**63 up, or 0, in canonical digits, with a
    malformed body: 422 naming ``contact_id``, on every route."""

    @settings(max_examples=25, deadline=None)
    @given(value=st.just(0) | st.integers(min_value=2**63, max_value=10**40))
    def each(value: int) -> None:
        got = "0" if value == 0 else "a number too large"
        for route in ROUTES:
            problem = _post(api, route, str(value), json={}).json()
            assert (problem["field"], problem["detail"]) == ("contact_id", f"{BOUNDS} {got}")

    each()
