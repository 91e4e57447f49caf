"""Regression: plain Python exceptions escaped the policy's and the frozen
clock's public methods. ``LOOSE.review_due`` given a naive datetime,
``None``, text or a date raised ``AttributeError``; ``may`` given a role or
command by name raised ``KeyError``, and given ``None`` ``AttributeError``;
``title("bogus")`` raised ``KeyError``; ``FrozenClock.advance(days=nan)``
raised ``ValueError``. Each is now ``InvalidInput`` naming the argument and
the section, never repeating the value."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import MAIDSTONE, Command, FrozenClock, InvalidInput, Role

LOOSE: Any = MAIDSTONE
"""The policy, called as a caller without type checks may call it."""
AT = pendulum.datetime(2026, 1, 31, 10, tz="Europe/London")
ROLES = "must be a role (staff, manager, head_of_service, decision_maker, appeal_decider, records)"
AWARE = "must be a time-zone-aware date and time"


@pytest.mark.parametrize(
    ("call", "field", "section", "message"),
    [
        (
            lambda: LOOSE.review_due(datetime.datetime(2026, 1, 1)),
            "at",
            "6.4",
            "must be time-zone-aware, got a naive time",
        ),
        (lambda: LOOSE.review_due(None), "at", "6.4", f"{AWARE}, got None"),
        (
            lambda: LOOSE.review_due("2026-01-01"),
            "at",
            "6.4",
            f"{AWARE}, got a str of 10 characters",
        ),
        (
            lambda: LOOSE.review_due(pendulum.date(2026, 1, 1)),
            "at",
            "6.4",
            f"{AWARE}, got a Date",
        ),
        (
            lambda: LOOSE.review_due(AT, first=0),
            "first",
            "6.4",
            "must be True or False, got an int",
        ),
        (
            lambda: LOOSE.review_due(pendulum.datetime(9999, 1, 1, tz="UTC")),
            "at",
            "6.4",
            "must be from the year 1900 to 2200",
        ),
        (lambda: LOOSE.date_of(None), "at", "7.4", f"{AWARE}, got None"),
        (
            lambda: LOOSE.review_overdue("2026-04-30", AT),
            "review_due",
            "7.2",
            "must be a calendar date (not a date and time), got a str of 10 characters",
        ),
        (
            lambda: LOOSE.lapses(pendulum.date(2026, 4, 30), None),
            "at",
            "7.2",
            f"{AWARE}, got None",
        ),
        (lambda: LOOSE.appeal_decision_due(None), "received_at", "8.1", f"{AWARE}, got None"),
        (lambda: LOOSE.evidence_from(7), "at", "6.2", f"{AWARE}, got an int"),
        (lambda: LOOSE.warning_expires(None), "given_at", "6.3", f"{AWARE}, got None"),
        (
            lambda: LOOSE.may({"manager"}, Command.REPORT),
            "roles[0]",
            "6.1",
            f"{ROLES}, got a str of 7 characters",
        ),
        (
            lambda: LOOSE.may(None, Command.REPORT),
            "roles",
            "6.1",
            "must be a collection such as a list, got None",
        ),
        (
            lambda: LOOSE.may({Role.MANAGER}, "report"),
            "command",
            "6.1",
            "must be a command",
        ),
        (lambda: LOOSE.title("bogus"), "role", "6.1", f"{ROLES}, got a str of 5 characters"),
        (lambda: LOOSE.title(None), "role", "6.1", f"{ROLES}, got None"),
    ],
)
def test_a_policy_method_given_a_wrong_value_is_invalid_input(
    call: Callable[[], Any], field: str, section: str, message: str
) -> None:
    """Each is InvalidInput naming the argument and its section."""
    with pytest.raises(InvalidInput) as refused:
        call()
    assert (refused.value.field, refused.value.section) == (field, section)
    assert refused.value.message.startswith(message)


def test_a_policy_method_given_right_values_answers_as_before() -> None:
    """A standard aware datetime and a set of roles are taken as before."""
    utc = datetime.datetime(2026, 1, 31, 10, tzinfo=datetime.UTC)
    assert LOOSE.review_due(utc) == pendulum.date(2026, 4, 30)
    assert MAIDSTONE.may(frozenset({Role.MANAGER}), Command.REPORT) is True
    assert MAIDSTONE.may([Role.STAFF], Command.DESIGNATE) is False  # type: ignore[arg-type]
    assert MAIDSTONE.review_overdue(None, AT) is False


@pytest.mark.parametrize(
    ("duration", "field", "message"),
    [
        ({"days": float("nan")}, "days", "must be a whole number, got a float"),
        ({"days": float("inf")}, "days", "must be a whole number, got a float"),
        ({"days": True}, "days", "must be a whole number, got a bool"),
        ({"days": "1"}, "days", "must be a whole number, got a str of 1 character"),
        ({"seconds": float("nan")}, "seconds", "must be a whole number, got a float"),
        (
            {"fortnights": 1},
            "duration",
            "must name units of years, months, weeks, days, hours, minutes, seconds, microseconds",
        ),
        ({"years": 10**9}, "years", "must keep the clock within the years 1900 to 2200"),
    ],
)
def test_advancing_the_frozen_clock_by_a_wrong_amount_is_invalid_input(
    duration: dict[str, Any], field: str, message: str
) -> None:
    """The clock does not move, and the error names the unit."""
    clock = FrozenClock(AT)
    with pytest.raises(InvalidInput) as refused:
        clock.advance(**duration)
    assert (refused.value.field, refused.value.message) == (field, message)
    assert clock.now() == AT


@given(days=st.integers(-40_000, 60_000))
def test_advancing_by_whole_days_within_the_bounds_moves_the_clock(days: int) -> None:
    """Any whole number of days that keeps the clock in 1900 to 2200 moves it."""
    clock = FrozenClock(AT)
    clock.advance(days=days)
    assert clock.now() == AT.add(days=days)
