"""Files the command line writes that hold personal data or officers' names
(letters, subject access exports, the register, the configuration):
readable and writable by their owner only (mode 0600). One owner, so every
such file is made the same way."""

from __future__ import annotations

import os
from pathlib import Path

from contactpolicy.cli.parse import BadInput

__all__ = ["make_private", "write_private"]


def _opened(path: Path) -> int:
    """``path`` opened for writing, emptied, with mode 0600 (a file that was
    there keeps its mode on opening, so it is set)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    return descriptor


def write_private(path: Path, content: bytes, option: str) -> None:
    """Write ``content`` to ``path`` with mode 0600, replacing any file
    there. :class:`BadInput` naming ``option`` (the command's option for the
    path) if it cannot be written."""
    try:
        with os.fdopen(_opened(path), "wb") as file:
            file.write(content)
    except OSError as error:
        raise BadInput(f"{option}: cannot write {path}: {error.strerror}") from None


def make_private(path: Path, option: str) -> None:
    """Make ``path`` an empty file with mode 0600, for a library function
    that then writes it in place (the register's CSV and Excel), which
    keeps the mode. :class:`BadInput` as :func:`write_private`."""
    write_private(path, b"", option)
