"""Bodies the JSON decoder cannot take (nesting past the stack, numbers no
float or integer can be, bytes that are not UTF-8) are 422 problems naming
the body, never a 500; and a request without credentials is 401 before its
body is read."""

from __future__ import annotations

import pytest

from contactpolicy.errors import InvalidInput
from contactpolicy.http import wire

from support.api import Api

NOT_JSON = "$: the request body must be JSON (RFC 8259) in UTF-8, its numbers finite"
TOO_DEEP = "$: the request body nests deeper than 32 levels"
TOO_LONG = "$: the request body holds a number too long to read: at most 4300 digits"
HOSTILE = {
    "arrays 5,000 deep": (b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}", TOO_DEEP),
    "objects 5,000 deep": (b'{"a":' * 5000 + b"1" + b"}" * 5000, TOO_DEEP),
    "arrays 40 deep": (b'{"text": ' + b"[" * 40 + b"]" * 40 + b"}", TOO_DEEP),
    "a float past the largest": (b'{"text": 1e999999}', NOT_JSON),
    "a negative float past the largest": (b'{"text": -1e999999}', NOT_JSON),
    "NaN": (b'{"text": NaN}', NOT_JSON),
    "Infinity": (b'{"text": Infinity}', NOT_JSON),
    "an integer of 5,000 digits": (b'{"text": ' + b"9" * 5000 + b"}", TOO_LONG),
    "bytes that are not UTF-8": (b'{"text": "\xff\xfe"}', NOT_JSON),
}
ROUTES = ("/cases/CASE-1/add_note", "/contacts/decisions", "/cases", "/webhooks")
JSON = {"content-type": "application/json"}


@pytest.mark.parametrize("body", [each for each, _ in HOSTILE.values()], ids=list(HOSTILE))
def test_parse_refuses_what_the_decoder_cannot_take(body: bytes) -> None:
    with pytest.raises(InvalidInput) as refused:
        wire.parse(body)
    assert str(refused.value) == dict(HOSTILE.values())[body]
    assert refused.value.field == "$"


def test_parse_takes_nesting_up_to_its_depth() -> None:
    nested: list[object] = []
    for _ in range(31):
        nested = [nested]
    assert wire.parse(b"[" * 32 + b"]" * 32) == nested
    assert wire.parse(b'{"n": 1e308}') == {"n": 1e308}


def test_hostile_bodies_are_422_problems_naming_the_body(api: Api) -> None:
    with api.client("manager") as manager:
        for route in ROUTES:
            for name, (body, message) in HOSTILE.items():
                answer = manager.post(route, content=body, headers=JSON)
                assert answer.status_code == 422, (route, name, answer.text)
                found = answer.json()
                assert (found["field"], found["detail"]) == ("$", message), (route, name)


def test_without_credentials_the_body_is_never_read(api: Api) -> None:
    with api.client(None) as nobody:
        for route in ROUTES:
            for name, (body, _) in HOSTILE.items():
                answer = nobody.post(route, content=body, headers=JSON)
                assert answer.status_code == 401, (route, name, answer.text)
                assert answer.json()["type"] == "urn:contactpolicy:problem:unauthenticated"
