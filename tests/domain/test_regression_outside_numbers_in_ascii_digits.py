"""Numbers in text from outside that no officer typed (a webhook
signature's ``t=``, the terminal's ``COLUMNS``, a PostgreSQL server's
folder) were read with ``str.isdigit`` and ``int``, which take other
scripts' digits (an Arabic-Indic three, U+0663, is 3 to them; a
superscript three passed ``isdigit`` and then broke ``int``). They are
read by ``numerals.digits``: the digits 0 to 9 alone, else nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.domain.numerals import digits

ASCII_DIGITS = frozenset("0123456789")


@given(st.text(max_size=8))
def test_a_number_from_outside_is_the_digits_0_to_9_alone(text: str) -> None:
    """Any text: its value when every character is one of 0 to 9, else None."""
    expected = int(text) if text and set(text) <= ASCII_DIGITS else None
    assert digits(text) == expected


@pytest.mark.parametrize(
    "text", ["\u0663", "\uff15", "\u00b3", "\u0661\u0667", " 3", "3 ", "+3", "-3", "3_0", "3\n", ""]
)
def test_what_isdigit_or_int_takes_is_no_number(text: str) -> None:
    """Other scripts' digits, a superscript, spaces, a sign, ``_`` and a
    line break after the digits are none of them a number here."""
    assert digits(text) is None


def test_leading_zeros_are_digits() -> None:
    """``007`` is 7, as a header or a variable may write it."""
    assert digits("007") == 7
