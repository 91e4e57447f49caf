"""Clocks: the only source of the current time."""

import pendulum
import pytest

from contactpolicy import FrozenClock, InvalidInput, SystemClock


def test_a_frozen_clock_moves_only_when_told() -> None:
    """set() and advance() move it; advance counts calendar months."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 31, 9, tz="Europe/London"))
    assert clock.now() == pendulum.datetime(2026, 1, 31, 9, tz="Europe/London")
    clock.advance(months=1)
    assert clock.now() == pendulum.datetime(2026, 2, 28, 9, tz="Europe/London")
    clock.set(pendulum.datetime(2027, 1, 1, tz="UTC"))
    assert clock.now() == pendulum.datetime(2027, 1, 1, tz="UTC")


def test_a_frozen_clock_needs_an_aware_time() -> None:
    """A naive time would be read in whatever zone the machine is in."""
    with pytest.raises(InvalidInput, match="time-zone-aware"):
        FrozenClock(pendulum.naive(2026, 1, 1))


def test_the_system_clock_is_in_utc() -> None:
    """SystemClock gives an aware UTC time."""
    assert SystemClock().now().timezone_name == "UTC"
