"""Where time comes from.

Nothing in the library calls ``now()`` but a clock: :class:`SystemClock` in
production, :class:`FrozenClock` in tests and simulations.

>>> clock = FrozenClock(pendulum.datetime(2026, 1, 31, 9, tz="Europe/London"))
>>> clock.advance(months=3)
>>> clock.now().date()
Date(2026, 4, 30)
"""

from __future__ import annotations

import math
import threading
from typing import Any, Protocol

import pendulum

from contactpolicy.domain.validation import describe, moment_field
from contactpolicy.errors import InvalidInput

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
        months are calendar months. Each amount is a whole number (a finite
        number of seconds or smaller units may have a fraction) in one of
        :data:`UNITS`, and the time reached stays within the library's
        bounds; anything else is :class:`~contactpolicy.errors.InvalidInput`
        naming the unit, and the clock does not move.

        >>> FrozenClock(pendulum.datetime(2026, 1, 5, tz="UTC")).advance(days=float("nan"))
        Traceback (most recent call last):
        ...
        contactpolicy.errors.InvalidInput: days: must be a whole number, got a float
        """
        for unit, amount in duration.items():
            _check_amount(unit, amount)
        with self._lock:
            try:
                later = self._at.add(**duration)
            except (OverflowError, ValueError):
                later = None
            if later is None or not _within(later):
                raise InvalidInput(
                    ", ".join(duration), "must keep the clock within the years 1900 to 2200"
                )
            self._at = later


UNITS = ("years", "months", "weeks", "days", "hours", "minutes", "seconds", "microseconds")
"""The units :meth:`FrozenClock.advance` moves by."""
_FRACTIONAL = ("seconds", "microseconds")


def _check_amount(unit: str, amount: Any) -> None:
    """``amount`` of ``unit`` is one :meth:`FrozenClock.advance` can add."""
    if unit not in UNITS:
        raise InvalidInput("duration", f"must name units of {', '.join(UNITS)}")
    whole = isinstance(amount, int) and not isinstance(amount, bool)
    fraction = unit in _FRACTIONAL and isinstance(amount, float) and math.isfinite(amount)
    if not (whole or fraction):
        raise InvalidInput(unit, f"must be a whole number, got {describe(amount)}")


def _within(at: pendulum.DateTime) -> bool:
    """Whether ``at`` is a time the library accepts."""
    try:
        moment_field("clock")(at)
    except InvalidInput:
        return False
    return True
