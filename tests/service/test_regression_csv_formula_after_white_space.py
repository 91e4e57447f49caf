"""A cell of white space and then a formula (`` =1+1``) was written to the
register's CSV without the ``'`` that keeps a spreadsheet from running it,
though a spreadsheet's import may trim the white space."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.register import neutralised

_STARTS = ("=", "+", "-", "@")


@pytest.mark.parametrize("blank", [" ", "   ", "\n", "\u00a0", "\u2003", " \t"])
@pytest.mark.parametrize("start", _STARTS)
def test_white_space_before_a_formula_is_prefixed(blank: str, start: str) -> None:
    """A formula's first character after any white space gets the prefix."""
    assert neutralised(f"{blank}{start}1+1") == f"'{blank}{start}1+1"


def test_white_space_before_other_text_is_kept() -> None:
    """White space before text that starts no formula needs no prefix."""
    assert neutralised("  Sam Taylor") == "  Sam Taylor"


@given(st.text())
def test_no_cell_left_unprefixed_starts_a_formula(text: str) -> None:
    """Whatever the text, the cell is the text itself or the text after a
    ', and a cell left as it was starts no formula, with or without the
    white space before it, and starts with no tab or carriage return."""
    cell = neutralised(text)
    assert cell in (text, "'" + text)
    if cell == text:
        assert not text.lstrip().startswith(_STARTS)
        assert not text.startswith(("\t", "\r"))
    else:
        assert text.lstrip().startswith(_STARTS) or text.startswith(("\t", "\r"))
