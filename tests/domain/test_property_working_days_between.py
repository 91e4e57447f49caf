"""How many working days one date is after another
(``WorkingDays.between``, 8.1: how late an appeal was decided): never more
than the calendar days, ``0`` exactly when the later date is not after the
earlier, and the count :meth:`WorkingDays.after` takes to reach it."""

from __future__ import annotations

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.domain.working_days import NATIONS, WorkingDays

DAYS = st.dates(min_value=pendulum.date(2024, 1, 1), max_value=pendulum.date(2028, 12, 31)).map(
    lambda day: pendulum.Date(day.year, day.month, day.day)
)
CALENDARS = st.builds(
    WorkingDays, st.sampled_from(sorted(NATIONS)), st.frozensets(DAYS, max_size=20)
)


@given(CALENDARS, DAYS, st.integers(min_value=-40, max_value=60))
def test_working_days_late_never_exceed_calendar_days(
    calendar: WorkingDays, due: pendulum.Date, offset: int
) -> None:
    held = due.add(days=offset)
    late = calendar.between(due, held)
    calendar_days = max(offset, 0)
    assert late <= calendar_days
    assert (late == 0) == (held <= due)
    if late:
        assert calendar.after(due, late) >= held
        assert calendar.after(due, late - 1) < held


def test_known_values() -> None:
    england = WorkingDays()
    assert england.between(pendulum.date(2026, 12, 18), pendulum.date(2026, 12, 21)) == 1
    assert england.between(pendulum.date(2026, 12, 24), pendulum.date(2027, 1, 4)) == 4
    assert england.between(pendulum.date(2026, 12, 24), pendulum.date(2026, 12, 26)) == 1
    assert england.between(pendulum.date(2026, 12, 21), pendulum.date(2026, 12, 18)) == 0
