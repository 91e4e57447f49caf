"""Regression: an integer path parameter that was not a number answered
404 (``POST /v1/contacts/abc/acted-on``: the route's template took digits
only, so the path matched no route), while one that was a number written
otherwise answered 422 naming it (``POST /v1/contacts/-1/acted-on``). A
client could not tell a mistyped contact id from a resource that does not
exist. Every integer path parameter of the API now answers the same: the
``invalid-input`` problem (422) naming the parameter and the form it must
take, whatever was sent in its place, before anything is read or written."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy.http import openapi_document

from support.api import Api

NOT_WHOLE = "is not a whole number written in decimal digits (no sign, no leading zero)"
BOUNDS = "must be a whole number of contact id from 1 to 9223372036854775807, got"
INVALID = "urn:contactpolicy:problem:invalid-input"


def integer_routes() -> list[tuple[str, str, str]]:
    """Every route of the OpenAPI document with an integer path parameter,
    as ``(method, path, parameter)``, in the document's order."""
    found = []
    for path, methods in openapi_document()["paths"].items():
        for method, operation in methods.items():
            for parameter in operation.get("parameters", ()):
                if parameter["in"] == "path" and parameter["schema"].get("type") == "integer":
                    found.append((method.upper(), path, parameter["name"]))
    return found


ROUTES = integer_routes()
BODIES = {
    "/v1/contacts/{contact_id}/read": {"outcome": "nothing_new"},
    "/v1/contacts/{contact_id}/acted-on": {"reason": "Passed to the service concerned."},
}
"""A body each route takes."""


def test_the_routes_with_an_integer_path_parameter_are_known() -> None:
    """The contact routes hold the API's integer path parameters: a new one
    is checked by the tests below as soon as the document lists it."""
    assert ROUTES == [
        ("POST", "/v1/contacts/{contact_id}/read", "contact_id"),
        ("POST", "/v1/contacts/{contact_id}/acted-on", "contact_id"),
    ]


def _sent(api: Api, method: str, path: str, name: str, value: str) -> Any:
    """``method path`` with ``value`` (percent-encoded as a segment) as the
    path parameter ``name`` (``/`` and ``.`` too, so that the value is one
    segment, never a step up the path), as the Policy and Information team, with a
    body every such route takes."""
    segment = quote(value, safe="").replace(".", "%2E")
    target = path.removeprefix("/v1").replace("{" + name + "}", segment)
    body = BODIES[path]
    with api.client("records") as records:
        return records.request(method, target, json=body)


@pytest.mark.parametrize(("method", "path", "name"), ROUTES)
@pytest.mark.parametrize(
    "value", ["abc", "-1", "+1", "01", "1.0", "1e3", " 1", "\u0661", "0x1f", "1_000"]
)
def test_a_value_not_written_as_a_whole_number_is_invalid_input_naming_it(
    api: Api, method: str, path: str, name: str, value: str
) -> None:
    """Letters, a sign, a leading zero, a decimal point, an exponent, white
    space, digits of another script, hexadecimal or an underscore: 422,
    the parameter named and the form it takes said, the value never
    repeated; nothing written."""
    before = api.store.events_since(0, 100)
    answer = _sent(api, method, path, name, value)
    assert (answer.status_code, answer.headers["content-type"]) == (
        422,
        "application/problem+json",
    )
    body = answer.json()
    assert (body["type"], body["field"], body["detail"]) == (INVALID, name, f"{name}: {NOT_WHOLE}")
    assert api.store.events_since(0, 100) == before


@pytest.mark.parametrize(("method", "path", "name"), ROUTES)
@pytest.mark.parametrize(
    ("value", "got"), [("0", "0"), ("9223372036854775808", "a number too large")]
)
def test_a_whole_number_out_of_bounds_is_invalid_input_naming_it(
    api: Api, method: str, path: str, name: str, value: str, got: str
) -> None:
    """0 and 2**63: 422 naming the parameter, its
    bounds (1 to 2**63 - 1, as the document says) and its section, as the
    library's own check of a contact id says."""
    answer = _sent(api, method, path, name, value)
    body = answer.json()
    assert (answer.status_code, body["type"], body["field"], body["detail"]) == (
        422,
        INVALID,
        name,
        f"[5.1] {name}: {BOUNDS} {got}",
    )


@pytest.mark.parametrize(("method", "path", "name"), ROUTES)
def test_a_number_longer_than_python_reads_is_invalid_input_naming_it(
    api: Api, method: str, path: str, name: str
) -> None:
    """A number of 5,000 digits, more than Python reads as a number, is 422
    naming the parameter, its bounds and its section, not 404."""
    answer = _sent(api, method, path, name, "9" * 5000)
    body = answer.json()
    assert (answer.status_code, body["type"], body["field"], body["detail"]) == (
        422,
        INVALID,
        name,
        f"[5.1] {name}: {BOUNDS} a number too large",
    )


def test_any_text_but_digits_is_invalid_input_on_every_integer_route(api: Api) -> None:
    """Whatever text is sent in place of the number, but decimal digits,
    every integer route answers the same 422 naming its parameter."""

    @settings(max_examples=50, deadline=None)
    @given(value=st.text(min_size=1, max_size=12).filter(lambda text: not text.isdecimal()))
    def each(value: str) -> None:
        for method, path, name in ROUTES:
            answer = _sent(api, method, path, name, value)
            assert (answer.status_code, answer.json()["field"]) == (422, name), (path, value)

    each()
