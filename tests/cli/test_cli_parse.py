"""Reading what an officer types: names, dates and restrictions."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Channel, ReviewTrigger
from contactpolicy import restrictions as r
from contactpolicy.cli.parse import BadInput, calendar_date, choice, moment, restriction, spell

OFFICERS = {"lwong", "apatel"}


def test_a_name_is_read_in_any_case_with_hyphens_or_spaces() -> None:
    """``Face-to-face``, ``face to face`` and ``face_to_face`` name one channel."""
    for typed in ("Face-to-face", "face to face", "face_to_face"):
        assert choice(Channel, typed, "--channel") is Channel.FACE_TO_FACE
    assert choice(ReviewTrigger, "new-issue", "--trigger") is ReviewTrigger.NEW_ISSUE


def test_an_unknown_name_lists_the_names_accepted() -> None:
    """The message names the section and the option and lists every value
    accepted, but never repeats the value seen: it may be personal data."""
    with pytest.raises(BadInput) as refused:
        choice(ReviewTrigger, "monthly", "--trigger", "7.3")
    assert str(refused.value) == ("[7.3] --trigger: is not one of: scheduled, new_issue, requested")


def test_a_time_without_an_offset_is_in_the_policy_time_zone() -> None:
    """Summer times are British Summer Time; a date alone is its midnight."""
    assert moment("2026-07-01 10:00", "--at", "Europe/London") == pendulum.datetime(
        2026, 7, 1, 10, tz="Europe/London"
    )
    assert moment("2026-07-01", "--at", "Europe/London") == pendulum.datetime(
        2026, 7, 1, tz="Europe/London"
    )
    assert moment("2026-07-01T10:00+00:00", "--at", "Europe/London") == pendulum.datetime(
        2026, 7, 1, 11, tz="Europe/London"
    )


@pytest.mark.parametrize("typed", ["14:30", "2026-02-30", "1/7/2026", "tomorrow", "P1D"])
def test_a_time_that_does_not_parse_says_how_to_write_it(typed: str) -> None:
    """A time without a date, an impossible date or another form is refused."""
    with pytest.raises(BadInput) as refused:
        moment(typed, "--at", "Europe/London")
    assert str(refused.value) == (
        "--at: is not a date and time; write it as 2026-01-31 or 2026-01-31 14:30 "
        "(Europe/London time unless an offset such as +01:00 is given)"
    )


def test_a_time_the_clocks_skip_is_refused_naming_the_change() -> None:
    """01:30 on 29 March 2026 never happens in London (the clocks go from
    01:00 to 02:00): refused, not moved an hour (7.4)."""
    with pytest.raises(BadInput) as refused:
        moment("2026-03-29 01:30", "--at", "Europe/London")
    assert str(refused.value) == (
        "--at: the time given does not exist in Europe/London, whose clocks go forward "
        "then; give the time after the change, or an offset such as +00:00"
    )


def test_a_time_the_clocks_show_twice_is_refused_without_an_offset() -> None:
    """01:30 on 25 October 2026 happens twice in London: refused without an
    offset, naming both; with one, the moment meant is taken."""
    with pytest.raises(BadInput) as refused:
        moment("2026-10-25 01:30", "--at", "Europe/London")
    assert str(refused.value) == (
        "--at: the time given happens twice in Europe/London, whose clocks go back then; "
        "give an offset: +01:00 for the first, +00:00 for the second"
    )
    first = moment("2026-10-25 01:30+01:00", "--at", "Europe/London")
    second = moment("2026-10-25 01:30+00:00", "--at", "Europe/London")
    assert second - first == pendulum.duration(hours=1)
    assert moment("2026-10-25", "--at", "Europe/London") == pendulum.datetime(
        2026, 10, 25, tz="Europe/London"
    )


ZONES = ("Europe/London", "America/New_York", "Australia/Lord_Howe")


def _changes(timezone: str) -> list[datetime]:
    """The wall-clock times, in 2026, at which ``timezone`` changes its
    offset from UTC (Lord Howe Island's by half an hour)."""
    zone = ZoneInfo(timezone)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    hours = [start + timedelta(minutes=30 * n) for n in range(2 * 24 * 365)]
    return [
        later.astimezone(zone).replace(tzinfo=None)
        for earlier, later in itertools.pairwise(hours)
        if earlier.astimezone(zone).utcoffset() != later.astimezone(zone).utcoffset()
    ]


CHANGES = {timezone: _changes(timezone) for timezone in ZONES}


@given(st.sampled_from(ZONES), st.data(), st.integers(min_value=-150, max_value=150))
def test_a_local_time_is_taken_as_typed_or_refused_when_the_clocks_change(
    timezone: str, data: st.DataObject, minutes: int
) -> None:
    """A wall-clock time without an offset, near any of a zone's clock
    changes, is either the one moment whose local time is what was typed,
    or refused: never shifted by the change."""
    wall = data.draw(st.sampled_from(CHANGES[timezone])) + timedelta(minutes=minutes)
    typed = wall.isoformat(sep=" ", timespec="minutes")
    zone = ZoneInfo(timezone)
    meanings = {
        instant
        for fold in (0, 1)
        for instant in [wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)]
        if instant.astimezone(zone).replace(tzinfo=None) == wall
    }
    if len(meanings) == 1:
        taken = moment(typed, "--at", timezone)
        assert {datetime.fromisoformat(taken.isoformat()).astimezone(UTC)} == meanings
    else:
        with pytest.raises(BadInput, match=r"does not exist|happens twice"):
            moment(typed, "--at", timezone)


def test_each_zone_tried_changes_its_clocks_twice_in_2026() -> None:
    """The property above is tried at real clock changes."""
    assert {timezone: len(changes) for timezone, changes in CHANGES.items()} == dict.fromkeys(
        ZONES, 2
    )


def test_a_date_is_year_month_day() -> None:
    """``calendar_date`` reads 2026-04-30 and nothing else."""
    assert calendar_date("2026-04-30", "--as-of") == pendulum.date(2026, 4, 30)
    with pytest.raises(BadInput, match=r"^--as-of: is not a date; write it as 2026-01-31$"):
        calendar_date("2026-04-31", "--as-of")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("no-further-enquiries=council tax", r.NoFurtherEnquiriesOnIssue("council tax")),
        ("call-time-limit=10", r.CallTimeLimit(10)),
        ("call-limit=3/day", r.CallLimit(3, pendulum.duration(days=1))),
        ("call-limit=5/week", r.CallLimit(5, pendulum.duration(weeks=1))),
        ("call-limit=2/36h", r.CallLimit(2, pendulum.duration(hours=36))),
        ("call-limit=1/90m", r.CallLimit(1, pendulum.duration(minutes=90))),
        ("call-limit=4/2w", r.CallLimit(4, pendulum.duration(weeks=2))),
        ("single-contact-method=email", r.SingleContactMethod(Channel.EMAIL)),
        ("single_point_of_contact=lwong", r.SinglePointOfContact("lwong")),
        ("read-and-file=apatel", r.ReadAndFile("apatel")),
    ],
)
def test_each_restriction_is_read_and_spelled_back(typed: str, expected: r.Restriction) -> None:
    """Each 5.1 restriction written KIND=VALUE is read, and spelled back in a
    form that reads as the same restriction."""
    assert restriction(typed, OFFICERS) == expected
    assert restriction(spell(expected), OFFICERS) == expected


def test_a_call_limit_is_spelled_with_the_plainest_period() -> None:
    """A day is ``day``, 36 hours ``36h``."""
    assert spell(r.CallLimit(3, pendulum.duration(hours=24))) == "call-limit=3/day"
    assert spell(r.CallLimit(2, pendulum.duration(hours=36))) == "call-limit=2/36h"
    assert spell(r.CallLimit(2, pendulum.duration(days=14))) == "call-limit=2/2w"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "call-time-limit=0",
            "[5.1] --restrict call-time-limit=MINUTES: must be a whole number of minutes "
            "from 1 to 1440, got 0; "
            "write a whole number of minutes, e.g. call-time-limit=10",
        ),
        (
            "call-limit=3/30m",
            "[5.1] --restrict call-limit=CALLS/PERIOD: must be from one hour to 366 days; "
            "write calls/period, e.g. call-limit=3/day; the period is "
            "hour, day, week or a number with m, h, d or w, such as 36h",
        ),
        (
            "single-contact-method=fax",
            "[5.1] --restrict single-contact-method=CHANNEL: the channel: is not one of: "
            "face_to_face, telephone, letter, email, online_form",
        ),
        (
            "read-and-file=nobody",
            "[5.1] --restrict read-and-file=OFFICER: names no officer of the configuration; "
            "officers: apatel, lwong",
        ),
        (
            "no-further-enquiries= ",
            "[5.1] --restrict no-further-enquiries=ISSUE: must be non-empty text, "
            "got an empty str; write no-further-enquiries=ISSUE",
        ),
        (
            "curfew",
            "[5.1] --restrict: names no restriction; write KIND=VALUE with one of: "
            "no-further-enquiries=ISSUE, "
            "call-time-limit=MINUTES, call-limit=CALLS/PERIOD, single-contact-method=CHANNEL, "
            "single-point-of-contact=OFFICER, read-and-file=OFFICER",
        ),
    ],
)
def test_a_restriction_written_badly_says_how_to_write_it(typed: str, message: str) -> None:
    """The one-line message names the kind of restriction and what its value
    is, never the value typed, and the form to use."""
    with pytest.raises(BadInput) as refused:
        restriction(typed, sorted(OFFICERS))
    assert str(refused.value) == message


@pytest.mark.parametrize(
    "period", ["99999999999w", "9999999999999999d", "99999999999999999999999h", "0h"]
)
def test_a_call_limit_period_too_long_for_any_clock_is_refused_as_too_long(period: str) -> None:
    """A period so long that no duration can hold it (once an
    OverflowError) is refused as any period outside one hour to 366 days is."""
    with pytest.raises(BadInput) as refused:
        restriction(f"call-limit=1/{period}", sorted(OFFICERS))
    assert str(refused.value) == (
        "[5.1] --restrict call-limit=CALLS/PERIOD: must be from one hour to 366 days; "
        "write calls/period, e.g. call-limit=3/day; the period is "
        "hour, day, week or a number with m, h, d or w, such as 36h"
    )


@pytest.mark.parametrize(
    ("period", "spelled"), [("36h", "36h"), ("1w", "week"), ("366d", "366d"), ("90m", "90m")]
)
def test_a_call_limit_period_is_spelled_back_as_typed(period: str, spelled: str) -> None:
    """A period read in seconds is spelled back in the largest unit it fills."""
    assert spell(restriction(f"call-limit=2/{period}", [])) == f"call-limit=2/{spelled}"
