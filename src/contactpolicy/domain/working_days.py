"""Working days: Monday to Friday, less the bank holidays of the council's
nation and the days the council itself is closed (8.1: an appeal is decided
within ``Policy.appeal_decision_days`` working days).

The bank holidays are the ``holidays`` package's (python-holidays), which
keeps each nation's: the substitute day when one falls at a weekend, and
one-off bank holidays such as 19 September 2022 and 8 May 2023; it knows
none after 2100, where every Monday to Friday counts. It is imported the
first time a year's bank holidays are asked for, so that ``import
contactpolicy`` does not pay for it.

>>> WorkingDays().after(pendulum.date(2026, 12, 24), 1)  # 25 and 28 December
Date(2026, 12, 29)
>>> WorkingDays("none").after(pendulum.date(2026, 12, 24), 1)
Date(2026, 12, 25)
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

import attrs
import pendulum

__all__ = ["NATIONS", "WorkingDays", "bank_holidays"]

NATIONS: Mapping[str, str | None] = MappingProxyType(
    {
        "england-and-wales": "ENG",
        "scotland": "SCT",
        "northern-ireland": "NIR",
        "none": None,
    }
)
"""Each value of ``Policy.bank_holidays`` and the ``holidays`` package's
subdivision of the United Kingdom it reads (``None``: no bank holidays)."""


@cache
def bank_holidays(nation: str, year: int) -> frozenset[pendulum.Date]:
    """The bank holidays of ``nation`` (a key of :data:`NATIONS`) in
    ``year``, substitute days and one-off bank holidays included; empty for
    ``"none"``.

    >>> sorted(bank_holidays("scotland", 2027))[:3]
    [Date(2027, 1, 1), Date(2027, 1, 2), Date(2027, 1, 4)]
    """
    subdivision = NATIONS[nation]
    if subdivision is None:
        return frozenset()
    # Imported here: the package loads every country's calendar, which takes
    # longer than the rest of the library to import.
    from holidays import country_holidays

    found = country_holidays("GB", subdiv=subdivision, years=year)
    return frozenset(pendulum.Date(day.year, day.month, day.day) for day in found)


@attrs.frozen
class WorkingDays:
    """The council's working days (8.1): Monday to Friday, less the bank
    holidays of ``nation`` (a key of :data:`NATIONS`) and the ``closed``
    days (calendar dates the council is closed, as ``pendulum.Date``)."""

    nation: str = "england-and-wales"
    closed: frozenset[pendulum.Date] = frozenset()

    def __contains__(self, day: pendulum.Date) -> bool:
        """Whether ``day`` (a calendar date) is a working day.

        >>> pendulum.date(2026, 12, 28) in WorkingDays()  # Boxing Day's substitute
        False
        """
        return (
            day.isoweekday() <= 5
            and day not in self.closed
            and day not in bank_holidays(self.nation, day.year)
        )

    def after(self, day: pendulum.Date, days: int) -> pendulum.Date:
        """The date ``days`` (a whole number, at least 0) working days after
        ``day``: the working day on which the count reaches ``days``, whether
        or not ``day`` is itself one; ``day`` for ``0``.

        >>> WorkingDays().after(pendulum.date(2026, 3, 7), 1)  # a Saturday
        Date(2026, 3, 9)
        """
        found = day
        while days > 0:
            found = found.add(days=1)
            if found in self:
                days -= 1
        return found

    def between(self, start: pendulum.Date, end: pendulum.Date) -> int:
        """How many working days ``end`` is after ``start`` (both calendar
        dates): the fewest working days counted from ``start``, as
        :meth:`after` counts them, that reach ``end`` or pass it, so a
        non-working ``end`` after ``start`` counts to the next working day;
        ``0`` when ``end`` is not after ``start``. Never more than the
        calendar days between them (8.1: how late an appeal was decided).

        >>> WorkingDays().between(pendulum.date(2026, 12, 24), pendulum.date(2026, 12, 29))
        1
        >>> WorkingDays().between(pendulum.date(2026, 12, 18), pendulum.date(2026, 12, 19))
        1
        >>> WorkingDays().between(pendulum.date(2026, 12, 18), pendulum.date(2026, 12, 18))
        0
        """
        if end <= start:
            return 0
        counted = 1  # the working day on which ``end`` is reached or passed
        found = start.add(days=1)
        while found < end:
            counted += found in self
            found = found.add(days=1)
        return counted
