"""Paths that can never be a SQLite database file, each with the words the
store refuses it in (``InvalidInput`` naming ``path``), for the store's
tests and the command line's alike."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

__all__ = ["IDS", "UNUSABLE"]


def _folder(root: Path) -> Path:
    path = root / "cases.db"
    path.mkdir()
    return path


def _pipe(root: Path) -> Path:
    path = root / "cases.db"
    os.mkfifo(path)
    return path


def _device(_root: Path) -> Path:
    return Path(os.devnull)


def _too_long(root: Path) -> Path:
    return root / f"{'a' * 300}.db"


def _loop(root: Path) -> Path:
    path = root / "cases.db"
    path.symlink_to(path)
    return path


def _under_a_file(root: Path) -> Path:
    (root / "notes.txt").write_text("not a folder")
    return root / "notes.txt" / "cases.db"


_NEVER = "{path} is not a regular file (a pipe or a device, say); name a database file"

UNUSABLE: list[tuple[Callable[[Path], Path], str]] = [
    (_folder, "{path} is a folder; name a database file in it"),
    (_pipe, _NEVER),
    (_device, _NEVER),
    (_too_long, "cannot look at {path}: File name too long"),
    (_loop, "cannot look at {path}: Too many levels of symbolic links"),
    (_under_a_file, "cannot look at {path}: Not a directory"),
]
"""Each path, made in a folder given, and the store's message for it, with
``{path}`` where the path is named."""

IDS = ["folder", "pipe", "device", "too long", "loop", "under a file"]
"""A name for each of :data:`UNUSABLE`, in order."""
