"""Times in words: the hour the clocks go back reads differently for its
two moments."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.domain import wording
from contactpolicy.testing.strategies import moments

LONDON = "Europe/London"


@pytest.mark.parametrize(
    ("utc", "dated", "in_a_sentence"),
    [
        ("2026-10-25T00:30:00", "25 October 2026 01:30 BST", "1:30 BST on 25 October 2026"),
        ("2026-10-25T01:30:00", "25 October 2026 01:30 GMT", "1:30 GMT on 25 October 2026"),
        ("2026-10-25T02:30:00", "25 October 2026 02:30", "2:30 on 25 October 2026"),
        ("2026-10-24T23:59:00", "25 October 2026 00:59", "0:59 on 25 October 2026"),
        ("2026-03-29T00:30:00", "29 March 2026 00:30", "0:30 on 29 March 2026"),
        ("2026-03-29T01:30:00", "29 March 2026 02:30", "2:30 on 29 March 2026"),
        ("2026-06-01T08:05:00", "1 June 2026 09:05", "9:05 on 1 June 2026"),
    ],
)
def test_a_time_shown_twice_by_the_clock_names_its_zone(
    utc: str, dated: str, in_a_sentence: str
) -> None:
    """Only the hour the clocks go back (01:00 to 02:00 on the last Sunday
    of October) carries the zone; the hour they skip, and every other,
    does not."""
    at = pendulum.parse(utc, tz="UTC")
    assert isinstance(at, pendulum.DateTime)
    assert (wording.day_and_time(at, LONDON), wording.time_on_day(at, LONDON)) == (
        dated,
        in_a_sentence,
    )


AROUND_THE_CHANGES = st.sampled_from(
    [pendulum.datetime(2026, 10, 24, 23, tz="UTC"), pendulum.datetime(2026, 3, 28, 23, tz="UTC")]
).flatmap(lambda start: st.integers(0, 4 * 60).map(lambda minutes: start.add(minutes=minutes)))
"""Minutes in the hours around the clocks going back and going forward."""


@given(moments() | AROUND_THE_CHANGES, st.integers(1, 3 * 60))
def test_two_different_minutes_never_read_the_same(first: pendulum.DateTime, later: int) -> None:
    """A moment and one some minutes later read differently in words, the
    hour the clocks go back included."""
    second = first.add(minutes=later)
    assert wording.day_and_time(first, LONDON) != wording.day_and_time(second, LONDON)
