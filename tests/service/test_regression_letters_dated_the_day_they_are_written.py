"""A warning recorded after it was given dated its letter the day it was
given, and ``show`` and the register gave no sign it was recorded later.
Every letter is now dated the day it is written, the clock's day in the
policy's time zone (6.3), the warning letter saying when the warning was
given; ``show`` and the register say when a warning, or the customer told
of a decision, was recorded when that was another day (7.4)."""

import datetime
import io

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from contactpolicy import Channel
from contactpolicy.cli.render import case_view

from support.email_only import MANAGER, RECORDS, designated, reported

WRITTEN = pendulum.datetime(2026, 3, 2, 10, 30, tz="Europe/London")
GIVEN = pendulum.datetime(2026, 2, 26, 9, tz="Europe/London")


def test_a_warning_recorded_late_is_dated_today_and_says_when_it_was_given() -> None:
    casework, clock, case_id = reported()
    clock.set(pendulum.datetime(2026, 3, 2, 10, 2, tz="Europe/London"))
    casework.warn(case_id, MANAGER, Channel.TELEPHONE, ["calls limited"], at=GIVEN)
    clock.set(WRITTEN)
    text = casework.letter(case_id, "warning", by=RECORDS).text
    assert ("Date: 2 March 2026" in text, "Date: 26 February 2026" in text) == (True, False)
    assert (
        "On 26 February 2026 you were warned by telephone that the way you have been "
        "contacting us is unreasonable." in text
    )


def test_show_and_the_register_say_when_the_warning_was_recorded() -> None:
    casework, clock, case_id = reported()
    clock.set(pendulum.datetime(2026, 3, 2, 10, 2, tz="Europe/London"))
    case = casework.warn(case_id, MANAGER, Channel.TELEPHONE, ["calls limited"], at=GIVEN)
    assert case.warning is not None
    assert case.warning.recorded_at == pendulum.datetime(2026, 3, 2, 10, 2, tz="Europe/London")
    [row] = casework.register(by=RECORDS)
    assert row.warning.splitlines()[0] == (
        "Given on 26 February 2026 by telephone (recorded 2 March 2026)."
    )
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(case_view(case, casework.policy, clock.now()))
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert (
        "Warned        26 February 2026 09:00 by jsmith, telephone: calls limited "
        "(recorded 2 March 2026)" in shown
    )


def test_a_warning_recorded_the_day_it_was_given_says_nothing_more() -> None:
    casework, clock, case_id = reported()
    clock.set(pendulum.datetime(2026, 3, 2, 10, 2, tz="Europe/London"))
    casework.warn(case_id, MANAGER, Channel.TELEPHONE, ["calls limited"])
    [row] = casework.register(by=RECORDS)
    assert row.warning.splitlines()[0] == "Given on 2 March 2026 by telephone."


def test_the_customer_told_recorded_late_shows_when_it_was_recorded() -> None:
    casework, clock, case_id = designated()
    told_at = pendulum.datetime(2026, 3, 20, 11, tz="Europe/London")
    clock.set(pendulum.datetime(2026, 4, 2, 9, tz="Europe/London"))
    case = casework.record_communicated(case_id, RECORDS, told_at, Channel.LETTER)
    [row] = casework.register(by=RECORDS)
    assert row.policy_applied.splitlines()[1] == (
        "Communicated on 20 March 2026 (recorded 2 April 2026)."
    )
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(case_view(case, casework.policy, clock.now()))
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "20 March 2026 11:00, letter (recorded by lwong on 2 April 2026)" in shown


@settings(max_examples=30, deadline=None)
@given(
    st.datetimes(
        min_value=pendulum.datetime(2026, 3, 20, 10, 4).naive(),
        max_value=pendulum.datetime(2026, 6, 20, 22, 59).naive(),
    )
)
def test_every_letter_is_dated_the_clocks_day(moment: datetime.datetime) -> None:
    """Whenever a letter is written, before the review day ends, the
    warning and designation letters are dated the clock's day in London."""
    casework, clock, case_id = designated()
    at = pendulum.instance(moment, tz="UTC")
    clock.set(at)
    dated = f"Date: {at.in_timezone('Europe/London').format('D MMMM YYYY')}\n"
    assert [
        dated in casework.letter(case_id, kind, by=RECORDS).text
        for kind in ("warning", "designation")
    ] == [True, True]
