"""Regression: ``open_store("sqlite:///a\\x00b")`` raised ``ValueError``
(embedded null byte) and ``SQLiteStore(None)`` raised ``TypeError``. Both
are now ``InvalidInput`` naming the URL or the path, and nothing is
created."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from contactpolicy import InvalidInput
from contactpolicy.stores import SQLiteStore, open_store


def test_a_sqlite_url_with_nul_is_invalid_input() -> None:
    """The URL's path cannot be a file's, so the URL is refused."""
    with pytest.raises(InvalidInput) as refused:
        open_store("sqlite:///a\x00b")
    assert refused.value.field == "url"
    assert refused.value.message.startswith(
        "a SQLite URL's path must not contain the NUL character (U+0000); use "
    )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (None, "must be a file path, got None"),
        (7, "must be a file path, got an int"),
        (b"cases.db", "must be a file path, got a bytes of 8 characters"),
        ("a\x00b", "must not contain the NUL character (U+0000)"),
    ],
)
def test_a_sqlite_store_on_no_file_path_is_invalid_input(
    path: Any, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The path is named, not repeated, and no file is made."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidInput) as refused:
        SQLiteStore(path)
    assert (refused.value.field, refused.value.message) == ("path", message)
    assert list(tmp_path.iterdir()) == []
