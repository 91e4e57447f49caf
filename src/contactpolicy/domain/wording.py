"""How the library writes dates, times, names, counts and periods in words.

Letters, handling instructions, the command line and the demo all speak to
people; they all call these functions, so a date reads the same everywhere.

>>> import pendulum
>>> from contactpolicy import Channel
>>> day(pendulum.date(2026, 4, 30))
'30 April 2026'
>>> day_and_time(pendulum.datetime(2026, 4, 30, 8, 5, tz="UTC"), "Europe/London")
'30 April 2026 09:05'
>>> time_on_day(pendulum.datetime(2026, 4, 30, 8, 5, tz="UTC"), "Europe/London")
'9:05 on 30 April 2026'
>>> name(Channel.FACE_TO_FACE)
'face to face'
>>> a("Incident"), a("Customer")
('an Incident', 'a Customer')
>>> count(1, "week"), count(3, "week")
('1 week', '3 weeks')
>>> period(pendulum.duration(days=1)), period(pendulum.duration(hours=36))
('day', '36 hours')
>>> listing(["Revenues", "Housing", "Planning"])
'Revenues, Housing and Planning'
"""

from __future__ import annotations

from enum import Enum

import pendulum

__all__ = ["a", "count", "day", "day_and_time", "listing", "name", "period", "time_on_day"]

_DAY = "D MMMM YYYY"


def day(date: pendulum.Date) -> str:
    """A calendar date as people write it: ``30 April 2026``."""
    return date.format(_DAY)


def day_and_time(at: pendulum.DateTime, timezone: str) -> str:
    """A moment as the date and 24-hour time in ``timezone``:
    ``30 April 2026 09:05``."""
    return at.in_timezone(timezone).format(f"{_DAY} HH:mm")


def time_on_day(at: pendulum.DateTime, timezone: str) -> str:
    """A moment as the time and then the date in ``timezone``, for a sentence:
    ``9:05 on 30 April 2026``."""
    return at.in_timezone(timezone).format(f"H:mm [on] {_DAY}")


def name(value: Enum) -> str:
    """An enumeration value in words: ``face_to_face`` reads ``face to face``."""
    return str(value.value).replace("_", " ")


def a(noun: str) -> str:
    """A noun with its indefinite article: ``a Customer``, ``an Incident``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def count(number: int, unit: str) -> str:
    """A number of things, with the unit in the plural unless there is one:
    ``1 week``, ``3 weeks``."""
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def period(span: pendulum.Duration) -> str:
    """A period in its largest whole unit, and a single unit by itself (as in
    "per day"): ``day``, ``7 days``, ``36 hours``."""
    seconds = int(span.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            return unit if seconds == size else count(seconds // size, unit)
    return count(seconds, "second")


def listing(items: list[str]) -> str:
    """Several things in a sentence: ``Revenues``, ``Revenues and Housing``,
    ``Revenues, Housing and Planning``."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
