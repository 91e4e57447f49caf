"""Files the command line writes that hold personal data or officers' names
(letters, subject access exports, the register, the configuration):
readable and writable by their owner only (mode 0600). One owner, so every
such file is made the same way: checked before anything is read, written
whole to a private file beside it and only then put in its place."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from contactpolicy.cli.parse import BadInput

__all__ = ["check_folder", "check_writable", "private_file", "write_private"]

Kept = Iterable[tuple[Path, str]]
"""Files in use that the command line must never write, each with what it
is, such as ``(Path("contactpolicy.db-wal"), "the database's write-ahead
log")``."""

SQLITE_HEADER = b"SQLite format 3\x00"
"""How every SQLite database file begins."""

_SQLITE_FILES = (
    (SQLITE_HEADER, "a database"),
    (b"\x37\x7f\x06\x82", "a SQLite write-ahead log"),
    (b"\x37\x7f\x06\x83", "a SQLite write-ahead log"),
    (bytes.fromhex("d9d505f920a163d7"), "a SQLite rollback journal"),
)
"""How the files SQLite keeps a database in begin, and what each is: a
letter written over a write-ahead log or a journal loses or corrupts the
changes it holds, wherever the database is."""


def check_writable(path: Path, option: str, kept: Kept = ()) -> None:
    """:class:`BadInput` naming ``option`` unless the command line may write
    ``path``: nothing there, or a regular file that is neither one of
    ``kept`` (the same file by its real path, or by device and inode, so
    through a link or a hard link too) nor a SQLite database, write-ahead
    log or rollback journal. A folder, a pipe or a device is refused (a
    device such as ``/dev/null`` would be made private for every user, and
    a pipe with no reader would wait for ever). A path that cannot be
    looked at (too long, a folder the user may not search) is refused too."""
    try:
        found: os.stat_result | None = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        found = None  # Nothing there yet; writing it says if the folder is missing.
    except OSError as error:
        raise BadInput(f"{option}: cannot look at {path}: {error.strerror}") from None
    real = os.path.realpath(path)
    for other, what in kept:
        if _same(real, found, other):
            raise BadInput(f"{option}: {path} is {what}; name another file")
    if found is None:
        return
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
    for header, what in _SQLITE_FILES:
        if start.startswith(header):
            raise BadInput(f"{option}: {path} is {what}; name another file")


def _same(real: str, found: os.stat_result | None, other: Path) -> bool:
    """Whether the path whose real path is ``real`` (and which ``found``
    describes, if it is there) is the file ``other``."""
    if real == os.path.realpath(other):
        return True
    if found is None:
        return False
    try:
        theirs = other.stat()
    except OSError:
        return False
    return (found.st_dev, found.st_ino) == (theirs.st_dev, theirs.st_ino)


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


@contextlib.contextmanager
def private_file(path: Path, option: str, kept: Kept = ()) -> Iterator[Path]:
    """A new file with mode 0600 beside ``path`` (beside the file a link
    names, through a link), for the block to write; when the block ends, it
    replaces ``path``, whole. If the block fails, or the file cannot be
    written, it is removed and ``path`` is left as it was: a full disk never
    leaves half a file of personal data behind. :class:`BadInput` naming
    ``option`` (the command's option for the path) for a path
    :func:`check_writable` refuses, for a file there whose mode cannot be
    made private (another user's), and for a write that fails."""
    check_writable(path, option, kept)
    target = Path(os.path.realpath(path))
    try:
        _make_private(target)
        descriptor, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
    except OSError as error:
        raise BadInput(f"{option}: cannot write {path}: {error.strerror}") from None
    os.close(descriptor)
    written = Path(name)
    try:
        yield written
        _flush(written)
        os.replace(written, target)
    except OSError as error:
        written.unlink(missing_ok=True)
        raise BadInput(f"{option}: cannot write {path}: {error.strerror}") from None
    except BaseException:
        written.unlink(missing_ok=True)
        raise


def _make_private(target: Path) -> None:
    """Make a file already at ``target`` private before it is replaced: a
    file whose mode cannot be set (another user's) is not this user's to
    replace, and the ``OSError`` leaves it as it was."""
    try:
        descriptor = os.open(target, os.O_WRONLY)
    except FileNotFoundError:
        return
    try:
        os.fchmod(descriptor, 0o600)
    finally:
        os.close(descriptor)


def _flush(path: Path) -> None:
    """Make sure what was written to ``path`` is on the disk before it takes
    another file's place."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_private(path: Path, content: bytes, option: str, kept: Kept = ()) -> None:
    """Write ``content`` to ``path`` with mode 0600, replacing any file
    there, whole (:func:`private_file`). :class:`BadInput` naming ``option``
    if it cannot be written, or is a path :func:`check_writable` refuses."""
    with private_file(path, option, kept) as written:
        written.write_bytes(content)
