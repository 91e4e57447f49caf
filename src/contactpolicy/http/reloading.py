"""The configuration file read again when it changes, so that a change of
role, or an officer removed, takes effect on the next request (6.1).

``contactpolicy serve`` gives :func:`~contactpolicy.http.create_app` a
:class:`Reloading`: before each request it looks at the file (its device,
inode, size, modification time and change time, one ``stat``: the change
time moves with its permissions too) and, when any of them changed, builds
the ``Casework`` again from it; the first request always reads it again,
so a change made while the server started is not missed. A file that can
no longer be used (missing, unreadable, malformed, naming no officers, or
not a regular file: a named pipe would keep every request waiting) is
never taken as "no directory", nor is the last good one kept, which would
leave an officer removed from the file with their powers: every request
is refused with :class:`ConfigurationUnusable` (503,
``configuration-unusable``), the reason logged to ``contactpolicy.http``,
until the file is put right.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

from contactpolicy.casework import Casework
from contactpolicy.http.problems import ConfigurationUnusable

__all__ = ["Reloading"]

_LOG = logging.getLogger("contactpolicy.http")

Stamp = tuple[int, int, int, int, int, int] | None
"""A file's device, inode, type and permissions, size, and modification and
change times in nanoseconds; ``None`` when it cannot be looked at."""

_UNREAD: Stamp = (-1, -1, -1, -1, -1, -1)
"""The stamp of a file not yet looked at: no file has it."""


def _stamp(path: Path) -> Stamp:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (
        found.st_dev,
        found.st_ino,
        found.st_mode,
        found.st_size,
        found.st_mtime_ns,
        found.st_ctime_ns,
    )


class Reloading:
    """The ``Casework`` that serves each request: ``build()`` (which reads
    ``path``) at the first request, and again whenever ``path`` changes.
    ``casework`` is the one built at start-up from the file; the first
    request reads the file again, as it may have changed since. Safe to
    call from several threads: one of them builds, the others wait for it."""

    def __init__(self, path: Path, build: Callable[[], Casework], casework: Casework) -> None:
        self._path = path
        self._build = build
        self._lock = threading.Lock()
        self._stamp = _UNREAD
        self._casework: Casework | None = casework

    def __call__(self) -> Casework:
        """The ``Casework`` for the file as it is now;
        :class:`ConfigurationUnusable` while it cannot be used."""
        stamp = _stamp(self._path)
        with self._lock:
            if stamp != self._stamp:
                self._stamp = stamp
                self._casework = self._rebuilt(stamp)
            if self._casework is None:
                raise ConfigurationUnusable
            return self._casework

    def _rebuilt(self, stamp: Stamp) -> Casework | None:
        if stamp is not None and not stat.S_ISREG(stamp[2]):
            # Opening a named pipe waits for a writer, and reading a device
            # may never end: either would hold every request behind it.
            _LOG.error("the configuration file %s is not a regular file: refusing", self._path)
            return None
        try:
            casework = self._build()
        except Exception:
            _LOG.exception(
                "the configuration file %s cannot be used; refusing requests", self._path
            )
            return None
        if not casework.officers:
            _LOG.error("the configuration file %s names no officers: refusing", self._path)
            return None
        _LOG.info("read the configuration file %s again", self._path)
        return casework
