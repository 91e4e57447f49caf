"""Files the command line writes that hold personal data or officers' names
(letters, subject access exports, the configuration): readable and writable
by their owner only (mode 0600). One function, so every such file is made
the same way."""

from __future__ import annotations

import os
from pathlib import Path

from contactpolicy.cli.parse import BadInput

__all__ = ["write_private"]


def write_private(path: Path, content: bytes, option: str) -> None:
    """Write ``content`` to ``path``, replacing any file there, with mode
    0600 (a file that was there keeps its mode on opening, so it is set).
    :class:`BadInput` naming ``option`` (the command's option for the path)
    if it cannot be written."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
    except OSError as error:
        raise BadInput(f"{option}: cannot write {path}: {error.strerror}") from None
