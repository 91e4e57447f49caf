"""An appeal's deadline counted every Monday to Friday as a working day
(8.1), bank holidays included: an appeal received on Monday 14 December
2026 was due on 11 January 2027, three working days early (Christmas Day,
Boxing Day's substitute on 28 December and New Year's Day). Working days
now leave out the bank holidays of the council's nation (``bank_holidays``)
and its own ``closure_days``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import MAIDSTONE, InvalidPolicy, Policy
from contactpolicy.domain.working_days import NATIONS, WorkingDays, bank_holidays

LONDON = "Europe/London"


def received(year: int, month: int, day: int) -> pendulum.DateTime:
    """An appeal received at 10:00 London time on that day."""
    return pendulum.datetime(year, month, day, 10, tz=LONDON)


def due(policy: Policy, year: int, month: int, day: int) -> pendulum.Date:
    return policy.appeal_decision_due(received(year, month, day))


SCOTLAND = attrs.evolve(MAIDSTONE, bank_holidays="scotland")
NORTHERN_IRELAND = attrs.evolve(MAIDSTONE, bank_holidays="northern-ireland")
NO_BANK_HOLIDAYS = attrs.evolve(MAIDSTONE, bank_holidays="none")


def test_christmas_2026_in_england_and_wales() -> None:
    """25 December 2026 is a Friday, Boxing Day a Saturday (its substitute
    Monday 28 December), 1 January 2027 a Friday: 20 working days from
    Monday 14 December end on Thursday 14 January 2027."""
    assert MAIDSTONE.bank_holidays == "england-and-wales"
    assert due(MAIDSTONE, 2026, 12, 14) == pendulum.date(2027, 1, 14)
    assert due(NO_BANK_HOLIDAYS, 2026, 12, 14) == pendulum.date(2027, 1, 11)
    one_day = attrs.evolve(MAIDSTONE, appeal_decision_days=1)
    assert due(one_day, 2026, 12, 24) == pendulum.date(2026, 12, 29)
    assert due(one_day, 2026, 12, 31) == pendulum.date(2027, 1, 4)


def test_easter_2027() -> None:
    """Good Friday 26 March and Easter Monday 29 March 2027 in England and
    Wales and in Northern Ireland; in Scotland only Good Friday."""
    assert due(MAIDSTONE, 2027, 3, 15) == pendulum.date(2027, 4, 14)
    assert due(NORTHERN_IRELAND, 2027, 3, 15) == pendulum.date(2027, 4, 15)
    assert due(SCOTLAND, 2027, 3, 15) == pendulum.date(2027, 4, 13)
    assert due(NO_BANK_HOLIDAYS, 2027, 3, 15) == pendulum.date(2027, 4, 12)


def test_a_scottish_council() -> None:
    """Scotland: 2 January (a Saturday in 2027, so Monday 4 January) and
    St Andrew's Day (Monday 30 November 2026) are bank holidays."""
    assert due(SCOTLAND, 2026, 12, 14) == pendulum.date(2027, 1, 15)
    one_day = attrs.evolve(SCOTLAND, appeal_decision_days=1)
    assert due(one_day, 2026, 11, 27) == pendulum.date(2026, 12, 1)
    assert due(attrs.evolve(one_day, bank_holidays="england-and-wales"), 2026, 11, 27) == (
        pendulum.date(2026, 11, 30)
    )
    assert due(one_day, 2026, 12, 31) == pendulum.date(2027, 1, 5)


def test_northern_ireland_keeps_st_patricks_day() -> None:
    """17 March 2027 is a Wednesday."""
    one_day = attrs.evolve(NORTHERN_IRELAND, appeal_decision_days=1)
    assert due(one_day, 2027, 3, 16) == pendulum.date(2027, 3, 18)
    assert due(attrs.evolve(one_day, bank_holidays="scotland"), 2027, 3, 16) == (
        pendulum.date(2027, 3, 17)
    )


def test_one_off_bank_holidays() -> None:
    """The State Funeral of Queen Elizabeth II (Monday 19 September 2022)
    and the Coronation (Monday 8 May 2023) were bank holidays everywhere."""
    for policy in (MAIDSTONE, SCOTLAND, NORTHERN_IRELAND):
        one_day = attrs.evolve(policy, appeal_decision_days=1)
        assert due(one_day, 2022, 9, 16) == pendulum.date(2022, 9, 20)
        assert due(one_day, 2023, 5, 5) == pendulum.date(2023, 5, 9)


def test_the_councils_own_closure_days() -> None:
    """Closed from 29 to 31 December 2026: the deadline moves three working
    days on; a closure day at a weekend changes nothing."""
    closed = attrs.evolve(MAIDSTONE, closure_days=["2026-12-29", "2026-12-30", "2026-12-31"])
    assert closed.closure_days == frozenset(
        {pendulum.date(2026, 12, 29), pendulum.date(2026, 12, 30), pendulum.date(2026, 12, 31)}
    )
    assert due(closed, 2026, 12, 14) == pendulum.date(2027, 1, 19)
    assert pendulum.date(2026, 12, 30) not in closed.working_days
    weekend = attrs.evolve(MAIDSTONE, closure_days=[pendulum.date(2026, 12, 19)])
    assert due(weekend, 2026, 12, 14) == pendulum.date(2027, 1, 14)
    assert due(attrs.evolve(closed, bank_holidays="none"), 2026, 12, 14) == (
        pendulum.date(2027, 1, 14)
    )


def test_the_settings_are_read_from_a_policy_file(tmp_path: Path) -> None:
    """TOML dates and ISO dates as text are both closure days."""
    path = tmp_path / "policy.toml"
    path.write_text(
        'bank_holidays = "scotland"\nclosure_days = [2026-12-29, "2026-12-30"]\n',
        encoding="utf-8",
    )
    policy = Policy.from_toml(path)
    assert policy.bank_holidays == "scotland"
    assert policy.closure_days == frozenset(
        {pendulum.date(2026, 12, 29), pendulum.date(2026, 12, 30)}
    )
    assert due(policy, 2026, 12, 14) == pendulum.date(2027, 1, 19)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"bank_holidays": "wales"},
            "policy: [8.1] Policy.bank_holidays: must be 'england-and-wales', 'scotland', "
            "'northern-ireland' or 'none'",
        ),
        (
            {"bank_holidays": None},
            "policy: [8.1] Policy.bank_holidays: must be 'england-and-wales', 'scotland', "
            "'northern-ireland' or 'none'",
        ),
        (
            {"closure_days": "2026-12-29"},
            "policy: [8.1] Policy.closure_days: must be a collection such as a list, "
            "got a str of 10 characters",
        ),
        (
            {"closure_days": ["2026-12-29", "29/12/2026"]},
            "policy: [8.1] Policy.closure_days[1]: must be a calendar date written as "
            "2026-12-29, got other text",
        ),
        (
            {"closure_days": ["2026-02-30"]},
            "policy: [8.1] Policy.closure_days[0]: must be a calendar date written as "
            "2026-12-29, got other text",
        ),
        (
            {"closure_days": [pendulum.datetime(2026, 12, 29)]},
            "policy: [8.1] Policy.closure_days[0]: must be a calendar date (not a date and "
            "time), got a DateTime",
        ),
        (
            {"closure_days": [pendulum.date(2201, 1, 4)]},
            "policy: [8.1] Policy.closure_days[0]: must be from the year 1900 to 2200",
        ),
    ],
)
def test_settings_that_are_not_a_calendar_are_refused(
    settings: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidPolicy) as refused:
        attrs.evolve(MAIDSTONE, **settings)
    assert str(refused.value) == message


def test_a_policy_file_with_a_wrong_calendar_is_refused(tmp_path: Path) -> None:
    """Every problem at once, each naming its setting and section."""
    path = tmp_path / "policy.toml"
    path.write_text(
        'bank_holidays = "Scotland"\nclosure_days = ["next Tuesday"]\n', encoding="utf-8"
    )
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_toml(path)
    assert str(refused.value) == (
        f"{path}: [8.1] Policy.bank_holidays: must be 'england-and-wales', 'scotland', "
        "'northern-ireland' or 'none'; [8.1] Policy.closure_days[0]: must be a calendar "
        "date written as 2026-12-29, got other text"
    )
    path.write_text("bank_holidays = 1\nclosure_days = 2026-12-29\n", encoding="utf-8")
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_toml(path)
    assert str(refused.value) == (
        f"{path}: [8.1] Policy.bank_holidays: must be text, got an int; "
        "[8.1] Policy.closure_days: must be a list, got a date"
    )


def test_bank_holidays_are_the_packages_with_substitute_days() -> None:
    assert sorted(bank_holidays("england-and-wales", 2026)) == [
        pendulum.date(2026, 1, 1),
        pendulum.date(2026, 4, 3),
        pendulum.date(2026, 4, 6),
        pendulum.date(2026, 5, 4),
        pendulum.date(2026, 5, 25),
        pendulum.date(2026, 8, 31),
        pendulum.date(2026, 12, 25),
        pendulum.date(2026, 12, 26),
        pendulum.date(2026, 12, 28),
    ]
    assert bank_holidays("none", 2026) == frozenset()


DAYS = st.dates(min_value=pendulum.date(2000, 1, 1), max_value=pendulum.date(2090, 12, 31))


@given(
    day=DAYS.map(lambda day: pendulum.date(day.year, day.month, day.day)),
    days=st.integers(min_value=1, max_value=250),
    nation=st.sampled_from(sorted(NATIONS)),
    offsets=st.frozensets(st.integers(min_value=0, max_value=60), max_size=10),
)
def test_the_deadline_is_a_working_day_n_working_days_on(
    day: pendulum.Date, days: int, nation: str, offsets: frozenset[int]
) -> None:
    """The deadline is a working day, never earlier than counting Monday to
    Friday, and exactly ``days`` working days lie after the day received up
    to and including it (``appeal_decision_days`` runs from 1 to 250)."""
    calendar = WorkingDays(nation, frozenset(day.add(days=offset) for offset in offsets))
    found = calendar.after(day, days)
    assert found >= WorkingDays("none").after(day, days)
    span = (found - day).in_days()
    counted = len([k for k in range(1, span + 1) if day.add(days=k) in calendar])
    assert counted == days
    assert found in calendar
