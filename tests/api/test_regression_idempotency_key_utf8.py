"""Regression: an ``Idempotency-Key`` sent as UTF-8 was read a byte a
character (Latin-1), so ``café`` was kept as ``cafÃ©`` and a key holding
the fullwidth comma U+FF0C was refused as holding the control character
U+008C. Its bytes are now read as UTF-8 and then held to the rules of a
command id (7.4); bytes that are not UTF-8 are 422 naming the header,
nothing written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.errors import InvalidInput
from contactpolicy.http.routing import command_id_of

from support.api import REPORT_BODY, Api

INVALID = "urn:contactpolicy:problem:invalid-input"
NOT_UTF8 = "[7.4] Idempotency-Key: is not UTF-8 text: send the header's text encoded as UTF-8"


def _reported(api: Api) -> str:
    with api.client("manager") as manager:
        answer = manager.post("/cases", json=REPORT_BODY)
    assert answer.status_code == 201, answer.text
    case_id: str = answer.json()["id"]
    return case_id


@pytest.mark.parametrize("key", ["café", "申請-4711", "🙂-1"])
def test_a_utf8_key_is_the_command_id_as_sent(api: Api, key: str) -> None:
    case_id = _reported(api)
    note = {"text": "Called back."}
    with api.client("manager") as manager:
        for _ in range(2):
            answer = manager.post(
                f"/cases/{case_id}/add_note",
                json=note,
                headers={b"Idempotency-Key": key.encode()},
            )
            assert (answer.status_code, answer.json()["version"]) == (200, 2), answer.text
    with api.store.unit_of_work() as work:
        applied = work.applied(key)
        misread = work.applied(key.encode().decode("latin-1"))
    assert applied is not None
    assert (applied.command_id, applied.case_id, misread) == (key, case_id, None)


@pytest.mark.parametrize("raw", [b"caf\xe9", b"\xff\xfe", b"crm-\xc3"])
def test_a_key_that_is_not_utf8_is_refused_naming_the_header(api: Api, raw: bytes) -> None:
    case_id = _reported(api)
    with api.client("manager") as manager:
        answer = manager.post(
            f"/cases/{case_id}/add_note",
            json={"text": "Called back."},
            headers={b"Idempotency-Key": raw},
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
        ) == (INVALID, "A value given is malformed", 422, "Idempotency-Key", "7.4", NOT_UTF8)
        assert manager.get(f"/cases/{case_id}").json()["version"] == 1


def test_a_fullwidth_comma_is_refused_as_itself(api: Api) -> None:
    """U+FF0C is named as the character sent (a look-alike of the comma),
    not as the control character U+008C its last byte read as."""
    case_id = _reported(api)
    with api.client("manager") as manager:
        answer = manager.post(
            f"/cases/{case_id}/add_note",
            json={"text": "Called back."},
            headers={b"Idempotency-Key": "crm\uff0c4711".encode()},
        )
        assert answer.status_code == 422, answer.text
        problem = answer.json()
        assert (problem["type"], problem["field"], problem["section"], problem["detail"]) == (
            INVALID,
            "Idempotency-Key",
            "7.4",
            "[7.4] Idempotency-Key: must not contain compatibility characters (fullwidth, "
            "ligature, superscript or styled forms): U+FF0C at character 4; use ',' (U+002C)",
        )
        assert manager.get(f"/cases/{case_id}").json()["version"] == 1


def test_a_decomposed_key_is_still_refused_for_its_normal_form(api: Api) -> None:
    """Read as UTF-8, the key is held to the rules as before: ``cafe`` and
    a combining acute accent is not in its normal form (NFC)."""
    case_id = _reported(api)
    with api.client("manager") as manager:
        answer = manager.post(
            f"/cases/{case_id}/add_note",
            json={"text": "Called back."},
            headers={b"Idempotency-Key": "cafe\u0301".encode()},
        )
        assert answer.status_code == 422, answer.text
        assert (answer.json()["field"], answer.json()["detail"]) == (
            "Idempotency-Key",
            "[7.4] Idempotency-Key: must be its own normal form (Unicode NFC, with no white "
            "space around it), so that a repeat that looks the same is the same id; got a str "
            "of 5 characters",
        )


def _taken(header: str) -> str | tuple[str, str]:
    """The id taken from ``header``, or the field and section refused."""
    try:
        return command_id_of(header) or ""
    except InvalidInput as error:
        return (error.field, error.section)


@given(st.text(min_size=1, max_size=40))
def test_any_text_sent_as_utf8_reads_back_as_itself(text: str) -> None:
    """Whatever the key, the id taken is the text sent, or a refusal naming
    the header: never a different text."""
    assert _taken(text.encode().decode("latin-1")) in (text, ("Idempotency-Key", "7.4"))


@given(st.binary(min_size=1, max_size=40))
def test_bytes_are_taken_only_as_the_utf8_text_they_are(raw: bytes) -> None:
    """Bytes that are not UTF-8 are refused naming the header."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        assert _taken(raw.decode("latin-1")) == ("Idempotency-Key", "7.4")
    else:
        assert _taken(raw.decode("latin-1")) in (text, ("Idempotency-Key", "7.4"))
