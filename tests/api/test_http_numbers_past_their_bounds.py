"""A request body holding an integer of more than 4,300 digits is valid
JSON, but was refused as not JSON ("its numbers finite"): it is refused as
a number too long to read. A feed position past its bounds, of any length,
names ``after`` and its bounds, never the number; ``limit`` takes 10000, as
the command line's ``list`` and ``feed`` do (7.4)."""

from __future__ import annotations

import pytest

from contactpolicy.http import wire

from support.api import Api

TOO_LONG = "the request body holds a number too long to read: at most 4300 digits"


@pytest.mark.parametrize("route", ["/cases", "/contacts/decisions", "/webhooks"])
@pytest.mark.parametrize("digits", [4301, 5000])
def test_a_body_with_an_integer_too_long_to_read_says_so(api: Api, route: str, digits: int) -> None:
    with api.client("manager") as manager:
        answer = manager.post(
            route,
            content=b'{"text": ' + b"9" * digits + b"}",
            headers={"content-type": "application/json"},
        )
    found = answer.json()
    assert (answer.status_code, found["field"], found["detail"]) == (422, "$", f"$: {TOO_LONG}")
    assert api.store.cases() == []


def test_an_integer_of_4300_digits_is_read() -> None:
    assert wire.parse(b"[" + b"9" * 4300 + b"]") == [10**4300 - 1]


@pytest.mark.parametrize("after", ["9" * 20, "9" * 101, "9" * 5000])
def test_a_feed_position_past_its_bounds_names_after_and_its_bounds(api: Api, after: str) -> None:
    with api.client("records") as records:
        answer = records.get("/events", params={"after": after})
    found = answer.json()
    assert (answer.status_code, found["field"], found["detail"]) == (
        422,
        "after",
        "after: must be a whole number from 0 to 9223372036854775807",
    )


@pytest.mark.parametrize("path", ["/cases", "/events"])
def test_limit_takes_the_page_size_the_command_line_takes(api: Api, path: str) -> None:
    with api.client("records") as records:
        answer = records.get(path, params={"limit": "10000"})
    assert (answer.status_code, answer.json()) == (200, [])
