"""Files the command line writes that hold personal data or officers' names
(letters, subject access exports, the register, the configuration):
readable and writable by their owner only (mode 0600). One owner, so every
such file is made the same way."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from contactpolicy.cli.parse import BadInput

__all__ = ["check_folder", "check_writable", "make_private", "write_private"]


def _opened(path: Path, option: str) -> int:
    """``path`` opened for writing, with mode 0600 (a file that was there
    keeps its mode on opening, so it is set), then emptied: a file whose
    mode cannot be set (another user's) is left as it was. Only a path
    :func:`check_writable` allows."""
    check_writable(path, option)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        os.fchmod(descriptor, 0o600)
        os.ftruncate(descriptor, 0)
    except OSError:
        os.close(descriptor)
        raise
    return descriptor


SQLITE_HEADER = b"SQLite format 3\x00"
"""How every SQLite database file begins."""


def check_writable(path: Path, option: str) -> None:
    """:class:`BadInput` naming ``option`` unless the command line may write
    ``path``: nothing there, or a regular file that is not a SQLite database.
    A folder, a pipe or a device is refused (a device such as ``/dev/null``
    would be made private for every user, and a pipe with no reader would
    wait for ever), and so is a database, which a letter, an export or a
    configuration written over it would destroy. A path that cannot be
    looked at (too long, a folder the user may not search) is refused too."""
    try:
        found = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return  # Nothing there yet; writing it says if the folder is missing.
    except OSError as error:
        raise BadInput(f"{option}: cannot look at {path}: {error.strerror}") from None
    if stat.S_ISDIR(found.st_mode):
        raise BadInput(f"{option}: {path} is a folder; name a file")
    if not stat.S_ISREG(found.st_mode):
        raise BadInput(
            f"{option}: {path} is not a regular file (a pipe or a device, say); name a file"
        )
    try:
        with path.open("rb") as file:
            start = file.read(len(SQLITE_HEADER))
    except OSError:
        return  # Writing it says why it cannot be written.
    if start == SQLITE_HEADER:
        raise BadInput(f"{option}: {path} is a database; name another file")


def check_folder(path: Path, option: str) -> None:
    """:class:`BadInput` naming ``option`` if ``path``, to be a folder the
    command line writes in (made if missing), is there and is not a folder,
    or cannot be looked at."""
    try:
        found = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return  # Made when written; making it says if it cannot be.
    except OSError as error:
        raise BadInput(f"{option}: cannot look at {path}: {error.strerror}") from None
    if not stat.S_ISDIR(found.st_mode):
        raise BadInput(f"{option}: {path} is not a folder; name a folder to write in")


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
