"""A Python caller's audit key refused is named by its place among the keys
given, never by its key id (a mapping written the wrong way round holds the
key where the id should be), and the keys' repr shows their ids, never the
keys (7.4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Casework
from contactpolicy.audit.keys import AuditKeys, key_problem
from contactpolicy.errors import InvalidInput
from contactpolicy.stores import MemoryStore

KEY_TEXT = "4b7f2c9e0d1a6b3f8e5c2a7d9f0b1e4c"
"""A key in hex, as text: given by mistake as a key id."""


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (
            {KEY_TEXT: b"2027"},
            "[7.4] audit_key: the key is 4 bytes; an audit key is at least 16 bytes",
        ),
        (
            {"2026": b"k" * 32, KEY_TEXT: b"2027"},
            "[7.4] audit_key: key 2 of 2 is 4 bytes; an audit key is at least 16 bytes",
        ),
        (
            {KEY_TEXT: "2027", "2028": b"k" * 32},
            "[7.4] audit_key: key 1 of 2 must be bytes, at least 16 of them, got a str of 4 "
            "characters",
        ),
        (b"k" * 15, "[7.4] audit_key: the key is 15 bytes; an audit key is at least 16 bytes"),
    ],
)
def test_a_key_refused_is_named_by_its_place(key: object, message: str) -> None:
    """The message is exact, and quotes neither the key nor its id."""
    with pytest.raises(InvalidInput) as refused:
        Casework(MemoryStore(), audit_key=key)  # type: ignore[arg-type]
    assert str(refused.value) == message
    assert KEY_TEXT[:6] not in str(refused.value)


def test_the_keys_repr_shows_their_ids_never_the_keys() -> None:
    """A repr in a log or a traceback names the key ids alone."""
    keys = AuditKeys.of({"2026": b"\x01" * 32, "2027": KEY_TEXT.encode()})
    assert repr(keys) == "AuditKeys(by_id=<the keys of ids ['2026', '2027']>, current='2027')"


@given(st.binary(max_size=15))
def test_a_short_key_is_told_its_length_alone(key: bytes) -> None:
    """Any key shorter than 16 bytes: its length in bytes, nothing of it."""
    assert key_problem(key) == f"is {len(key)} bytes; an audit key is at least 16 bytes"


@given(st.binary(min_size=16, max_size=64))
def test_a_key_of_16_bytes_or_more_is_one(key: bytes) -> None:
    """The boundary: 16 bytes and more are accepted."""
    assert (key_problem(key), AuditKeys.of(key).by_id["default"]) == (None, key)
