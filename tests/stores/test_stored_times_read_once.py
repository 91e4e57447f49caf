"""A stored time is read from its text once and the value kept for the
same text read again: a case's times recur in its row and in its events
(when it was decided, recorded, told), and checking its audit trail
(7.4) reads every one of them. Text refused is refused every time."""

from __future__ import annotations

import json

import pendulum
import pytest
from hypothesis import given, settings

from contactpolicy.audit import codec
from contactpolicy.errors import StoreError
from contactpolicy.testing import strategies


@settings(max_examples=200, deadline=None)
@given(strategies.moments())
def test_a_time_read_twice_is_the_same_value(at: pendulum.DateTime) -> None:
    """Any time written as stores write it reads back as that time, in
    UTC, and read again gives the very same value (it is immutable)."""
    text = json.dumps(codec.utc_text(at))
    first = codec.loads(text, pendulum.DateTime, "C-1")
    assert first == at
    assert first.tzinfo is pendulum.UTC
    assert codec.loads(text, pendulum.DateTime, "C-1") is first


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2026-01-05T10:00:00+01:00", "a date and time not in the stored form"),
        ("2026-01-05 09:00:00+00:00", "a date and time not in the stored form"),
        ("2026-01-05T09:00:00", "a date and time without an offset"),
    ],
)
def test_text_refused_is_refused_each_time_it_is_read(text: str, why: str) -> None:
    """A time in another form than the one stores write, or without an
    offset, is refused naming the case, the first time and again."""
    for _ in range(2):
        with pytest.raises(StoreError) as refused:
            codec.loads(json.dumps(text), pendulum.DateTime, "C-1")
        assert refused.value.args[0] == (
            f"case 'C-1': stored DateTime cannot be read: ValueError(\"{why}: '{text}'\")"
        )
