"""Python's ``int`` reads any script's digits (a fullwidth ``\\uff15`` is 5),
a sign and ``_`` between digits; a number an officer types is read in the
digits 0 to 9 alone (``typed_whole``, ``typed_decimal``), refused otherwise
naming the field and its section, never the text (7.4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.domain.validation import typed_decimal, typed_whole
from contactpolicy.errors import InvalidInput

ASCII_DIGITS = frozenset("0123456789")


@given(st.text(max_size=8))
def test_a_whole_number_is_read_from_the_digits_0_to_9_alone(text: str) -> None:
    """Any text: read as its ASCII digits, or refused in the same words."""
    typed = text.strip(" \t")
    if typed and set(typed) <= ASCII_DIGITS:
        assert typed_whole(text, "minutes", "5.1") == int(typed)
        return
    with pytest.raises(InvalidInput) as refused:
        typed_whole(text, "minutes", "5.1")
    assert str(refused.value) == (
        "[5.1] minutes: must be a whole number written in the digits 0 to 9"
    )


@pytest.mark.parametrize("text", ["\uff15", "\u0663", "+5", "5_0", "1.0", "", " "])
def test_what_int_takes_and_an_officer_does_not_type_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        typed_whole(text, "--within", "7.2")
    assert (refused.value.field, refused.value.section) == ("--within", "7.2")


@pytest.mark.parametrize(("text", "read"), [("0.5", 0.5), (" 30 ", 30.0), ("86400", 86400.0)])
def test_a_number_may_have_a_fraction_after_a_point(text: str, read: float) -> None:
    assert typed_decimal(text, "--interval") == read


@pytest.mark.parametrize("text", ["nan", "inf", "1e3", "\uff10.5", ".5", "5.", "-1"])
def test_a_number_not_in_the_digits_0_to_9_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        typed_decimal(text, "--interval")
    assert str(refused.value) == (
        "--interval: must be a number written in the digits 0 to 9, any fraction after a '.'"
    )
