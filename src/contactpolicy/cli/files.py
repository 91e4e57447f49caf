"""Files the command line writes that hold personal data or officers' names
(letters, subject access exports, the register, the configuration):
readable and writable by their owner only (mode 0600). One owner, so every
such file is made the same way."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from contactpolicy.cli.parse import BadInput

__all__ = ["check_regular", "make_private", "write_private"]


def _opened(path: Path, option: str) -> int:
    """``path`` opened for writing, emptied, with mode 0600 (a file that was
    there keeps its mode on opening, so it is set). Only a regular file:
    a device such as ``/dev/null`` would be made private for every user,
    and a pipe with no reader would wait for ever."""
    check_regular(path, option)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    return descriptor


def check_regular(path: Path, option: str) -> None:
    """:class:`BadInput` naming ``option`` if ``path`` is there and is not a
    regular file (a folder, a pipe or a device); nothing there is fine."""
    try:
        found = path.stat()
    except OSError:
        return  # Nothing there yet, or for writing it to say what is wrong.
    if stat.S_ISDIR(found.st_mode):
        raise BadInput(f"{option}: {path} is a folder; name a file")
    if not stat.S_ISREG(found.st_mode):
        raise BadInput(
            f"{option}: {path} is not a regular file (a pipe or a device, say); name a file"
        )


def write_private(path: Path, content: bytes, option: str) -> None:
    """Write ``content`` to ``path`` with mode 0600, replacing any file
    there. :class:`BadInput` naming ``option`` (the command's option for the
    path) if it cannot be written, or is there and is not a regular file."""
    try:
        with os.fdopen(_opened(path, option), "wb") as file:
            file.write(content)
    except OSError as error:
        raise BadInput(f"{option}: cannot write {path}: {error.strerror}") from None


def make_private(path: Path, option: str) -> None:
    """Make ``path`` an empty file with mode 0600, for a library function
    that then writes it in place (the register's CSV and Excel), which
    keeps the mode. :class:`BadInput` as :func:`write_private`."""
    write_private(path, b"", option)
