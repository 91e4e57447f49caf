"""Where time comes from.

Nothing in the library calls ``now()`` but a clock: :class:`SystemClock` in
production, :class:`FrozenClock` in tests and simulations.

>>> clock = FrozenClock(pendulum.datetime(2026, 1, 31, 9, tz="Europe/London"))
>>> clock.advance(months=3)
>>> clock.now().date()
Date(2026, 4, 30)
"""

from __future__ import annotations

import threading
from typing import Protocol

import pendulum

from contactpolicy.domain.validation import moment_field

__all__ = ["Clock", "FrozenClock", "SystemClock"]


class Clock(Protocol):
    """Protocol: a source of the current time as an aware ``pendulum.DateTime``.

    ``Casework`` also takes an aware standard ``datetime``, converted to UTC,
    and refuses a naive time as ``InvalidInput`` naming ``clock`` at the first
    command that asks the time."""

    def now(self) -> pendulum.DateTime:
        """The current time."""
        ...


class SystemClock:
    """The machine's clock, in UTC."""

    def now(self) -> pendulum.DateTime:
        """The current time."""
        return pendulum.now("UTC")


def _aware(at: pendulum.DateTime) -> pendulum.DateTime:
    """``at`` if it is an aware time within the library's bounds; kept in
    its own zone, so that calendar arithmetic (``advance(months=1)``) is
    done there."""
    moment_field("clock")(at)
    return at


class FrozenClock:
    """A clock that moves only when told to; safe to share between threads."""

    def __init__(self, at: pendulum.DateTime) -> None:
        self._at = _aware(at)
        self._lock = threading.Lock()

    def now(self) -> pendulum.DateTime:
        """The time it was set to."""
        with self._lock:
            return self._at

    def set(self, at: pendulum.DateTime) -> None:
        """Move the clock to ``at``."""
        with self._lock:
            self._at = _aware(at)

    def advance(self, **duration: int) -> None:
        """Move the clock on by a pendulum duration (``days=3``, ``months=1``);
        months are calendar months."""
        with self._lock:
            self._at = self._at.add(**duration)
