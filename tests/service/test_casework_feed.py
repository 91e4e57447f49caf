"""Casework.events_since: the feed of every case's events for integrations."""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import (
    Behaviour,
    Casework,
    Channel,
    Customer,
    FrozenClock,
    Incident,
    InvalidInput,
    Officer,
    Role,
)
from contactpolicy.stores import MemoryStore

NOW = pendulum.datetime(2026, 1, 5, 9, tz="Europe/London")
MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER})


def two_cases() -> tuple[Casework, str, str]:
    """Two cases reported, then a note on the first: feed positions 1 to 3."""
    casework = Casework(MemoryStore(), clock=FrozenClock(NOW))
    incident = Incident(Behaviour.THREATS, NOW, Channel.TELEPHONE, "Threatened staff.")
    first = casework.report(Customer("CRM-1", "Sam Taylor"), "bins", [incident], by=MANAGER)
    second = casework.report(Customer("CRM-2", "Alex Reed"), "parking", [incident], by=MANAGER)
    casework.add_note(first.id, "Spoke to the customer.", MANAGER)
    return casework, first.id, second.id


def test_the_feed_lists_every_case_event_in_the_order_saved() -> None:
    """From position 0 the feed gives each case's events in the order they
    happened, numbered 1, 2, 3."""
    casework, first, second = two_cases()
    feed = casework.events_since(0)
    assert [(event.position, event.case_id, event.kind) for event in feed] == [
        (1, first, "report"),
        (2, second, "report"),
        (3, first, "add_note"),
    ]


def test_a_follower_resumes_after_the_last_position_it_read() -> None:
    """Reading from the last position seen, a page at a time, gives the rest."""
    casework, first, _ = two_cases()
    page = casework.events_since(0, limit=2)
    assert [event.position for event in page] == [1, 2]
    rest = casework.events_since(page[-1].position, limit=2)
    assert [(event.position, event.case_id) for event in rest] == [(3, first)]
    assert casework.events_since(3) == []


@pytest.mark.parametrize(
    ("position", "limit", "message"),
    [
        (
            -1,
            10,
            "position: must be a whole number of events from 0 to 9223372036854775807, got -1",
        ),
        (0, 0, "limit: must be a whole number of cases or events from 1 to 2147483647, got 0"),
    ],
)
def test_a_negative_position_or_a_limit_below_one_is_invalid_input(
    position: int, limit: int, message: str
) -> None:
    """The feed refuses arguments that cannot name a place in it."""
    casework, _, _ = two_cases()
    with pytest.raises(InvalidInput) as refused:
        casework.events_since(position, limit)
    assert str(refused.value) == message
