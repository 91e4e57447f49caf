"""``COLUMNS`` written in another script's digits (``\u0666\u0660``) was read
by ``str.isdigit`` and ``int`` as 60; a width that is not the digits 0 to 9
alone is now ignored, as an unset one is."""

from __future__ import annotations

import io
import os

import pytest

from contactpolicy.cli import overview


def _help() -> str:
    out = io.StringIO()
    overview.write_help(out)
    return out.getvalue()


def _written_at(width: int) -> str:
    out = io.StringIO()
    overview.write_help(out, width)
    return out.getvalue()


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Standard output is no terminal: without COLUMNS the width is 80."""

    def no_size(_fd: int = 1) -> os.terminal_size:
        raise OSError("not a terminal")

    monkeypatch.setattr(os, "get_terminal_size", no_size)
    return monkeypatch


@pytest.mark.parametrize("columns", ["\u0666\u0660", "\uff16\uff10", "60\u00b3", " 60", "+60", ""])
def test_columns_not_in_the_digits_0_to_9_is_ignored(
    no_terminal: pytest.MonkeyPatch, columns: str
) -> None:
    """The overview is written at 80 columns, as without COLUMNS."""
    no_terminal.setenv("COLUMNS", columns)
    assert _help() == _written_at(80)
    assert _help() != _written_at(60)


def test_columns_in_the_digits_0_to_9_sets_the_width(no_terminal: pytest.MonkeyPatch) -> None:
    """``COLUMNS=60`` writes at 60, and 120 at the most, 100."""
    no_terminal.setenv("COLUMNS", "60")
    assert _help() == _written_at(60)
    assert max(len(line) for line in _help().splitlines()) <= 60
    no_terminal.setenv("COLUMNS", "120")
    assert _help() == _written_at(100)
