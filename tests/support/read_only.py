"""Opening SQLite databases read-only, as on a read-only mount: writes are
refused even for root, whom file permissions do not stop."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
"""Permissions do not stop root writing: tests that take away write
permission are skipped for root, those that open read-only are not."""


def read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every SQLite connection opened from now on, until ``monkeypatch`` is
    undone, in read-only mode (``mode=ro``)."""
    connect: Callable[..., sqlite3.Connection] = sqlite3.connect

    def opened(path: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        return connect(f"{Path(path).absolute().as_uri()}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", opened)
