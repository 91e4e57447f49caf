"""Regression: ``write_csv`` and ``write_xlsx`` given a path holding NUL, or
a bytes path, raised ``ValueError``/``TypeError`` from the system. Both are
now ``InvalidInput`` naming ``path`` (7.4), and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from contactpolicy import InvalidInput
from contactpolicy.register import write_csv, write_xlsx


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("out\x00.csv", "must not contain the NUL character (U+0000)"),
        (b"out.csv", "must be a file path, got a bytes of 7 characters"),
    ],
)
def test_a_register_file_path_the_system_cannot_take_is_invalid_input(
    writer: Callable[[Any, Any], None],
    name: Any,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The path is named, not repeated, and no file is made."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidInput) as refused:
        writer([], name)
    assert (refused.value.field, refused.value.section, refused.value.message) == (
        "path",
        "7.4",
        message,
    )
    assert list(tmp_path.iterdir()) == []
