""" "Calls can be taken again from H:MM" states the first whole minute at or
after the moment the oldest counted call leaves the period: a moment of
14:32:10 is 14:33, never 14:32, which is before the customer may call
(5.1); a moment on a whole minute stays as it is."""

from __future__ import annotations

import re

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Channel, Contact, ContactDecision, LoggedContact
from contactpolicy.domain import wording
from contactpolicy.restrictions import CallLimit

from support.contact_cases import AT, case, run

TWO_HOURS = pendulum.duration(hours=2)
REACHED = "The limit of 2 calls in any 2 hours is reached (5.1): do not take this call. "


def _call(at: pendulum.DateTime) -> LoggedContact:
    return LoggedContact("CRM-1", Contact(Channel.TELEPHONE, at), ContactDecision(allowed=True), at)


def _refused(oldest: pendulum.DateTime) -> str:
    """The reason a call at :data:`AT` (10:00 on 2 March 2026) is refused,
    after calls at ``oldest`` and half an hour before :data:`AT`."""
    calls = [_call(oldest), _call(AT.subtract(minutes=30))]
    decision = run([case(CallLimit(2, TWO_HOURS))], Contact(Channel.TELEPHONE, AT), calls)
    (reason,) = decision.reasons
    return reason


def test_a_moment_within_a_minute_is_stated_as_the_next_minute() -> None:
    """The oldest call at 8:32:10: calls can be taken from 10:32:10, said as 10:33."""
    assert _refused(AT.subtract(hours=1, minutes=27, seconds=50)) == (
        f"{REACHED}Calls can be taken again from 10:33 on 2 March 2026."
    )


def test_a_moment_a_microsecond_past_the_minute_is_the_next_minute() -> None:
    assert _refused(AT.subtract(hours=1, minutes=28).add(microseconds=1)) == (
        f"{REACHED}Calls can be taken again from 10:33 on 2 March 2026."
    )


def test_a_moment_on_a_whole_minute_stays() -> None:
    assert _refused(AT.subtract(hours=1, minutes=28)) == (
        f"{REACHED}Calls can be taken again from 10:32 on 2 March 2026."
    )


def test_the_next_minute_crosses_midnight_into_the_next_day() -> None:
    """23:59:30 is written as 0:00 on the next day."""
    moment = pendulum.datetime(2026, 3, 2, 23, 59, 30, tz="Europe/London")
    assert wording.from_time_on_day(moment, "Europe/London") == "0:00 on 3 March 2026"


def test_the_hour_the_clocks_go_back_keeps_its_zone() -> None:
    """1:30:05 BST on 25 October 2026 is 1:31 BST, not the 1:31 GMT an hour later."""
    moment = pendulum.datetime(2026, 10, 25, 0, 30, 5, tz="UTC")
    assert wording.from_time_on_day(moment, "Europe/London") == "1:31 BST on 25 October 2026"


_STATED = re.compile(r"(\d+):(\d\d)(?: (\w+))? on (\d+ \w+ \d{4})")


@given(st.datetimes(min_value=pendulum.naive(2026, 1, 1), max_value=pendulum.naive(2027, 12, 31)))
def test_the_time_stated_is_never_before_the_moment_nor_a_minute_after(
    naive: pendulum.DateTime,
) -> None:
    """For any moment, the minute stated is at or after it and less than a
    minute after it."""
    moment = pendulum.instance(naive, tz="UTC")
    found = _STATED.fullmatch(wording.from_time_on_day(moment, "Europe/London"))
    assert found is not None
    hour, minute, zone, day = found.groups()
    local = pendulum.from_format(f"{day} {hour}:{minute}", "D MMMM YYYY H:mm", tz="Europe/London")
    if zone == "GMT":
        # The second of the two wall times the hour the clocks go back.
        local = local.add(hours=1) if local.offset != 0 else local
    stated = local.in_timezone("UTC")
    assert stated >= moment
    assert (stated - moment).total_seconds() < 60
