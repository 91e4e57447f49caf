"""The checks every store makes before it reads or writes."""

from __future__ import annotations

import attrs
import pytest

from contactpolicy.errors import InvalidInput, StoreDamaged
from contactpolicy.stores.checks import check_feed, check_save, check_schema, check_seconds
from contactpolicy.testing.examples import example_case, history


@pytest.mark.parametrize(("position", "limit"), [(0, 1), (7, 100), (2**63 - 1, 10_000)])
def test_a_position_from_zero_and_a_limit_from_one_are_accepted(position: int, limit: int) -> None:
    """Position 0 is the start of the feed; positions up to the largest
    64-bit integer and limits up to 10,000 are fine."""
    check_feed(position, limit)


@pytest.mark.parametrize(
    ("position", "limit", "message"),
    [
        (-1, 10, f"position: must be a whole number from 0 to {2**63 - 1}, got -1"),
        (2**63, 10, f"position: must be a whole number from 0 to {2**63 - 1}, got {2**63}"),
        (0, 0, "limit: must be a whole number from 1 to 10000, got 0"),
        (0, 10**30, "limit: must be a whole number from 1 to 10000, got a number too large"),
        (1.5, 10, f"position: must be a whole number from 0 to {2**63 - 1}, got 1.5"),
        (0, "10", "limit: must be a whole number from 1 to 10000, got a str of 2 characters"),
        (False, 10, f"position: must be a whole number from 0 to {2**63 - 1}, got False"),
    ],
)
def test_other_feed_arguments_are_invalid_input(position: int, limit: int, message: str) -> None:
    """A position outside 0 to 2**63 - 1, a limit outside 1 to 10,000, or
    either not a whole number, is InvalidInput saying which argument and
    the number seen; a number too long to read, or anything else, is
    described by its type."""
    with pytest.raises(InvalidInput) as refused:
        check_feed(position, limit)
    assert str(refused.value) == message


def test_a_schema_at_or_below_the_supported_version_is_accepted() -> None:
    """Older schemas are migrated forward, so only newer ones are refused."""
    check_schema(0, 2, "the database")
    check_schema(2, 2, "the database")


def test_a_newer_schema_is_store_damaged_saying_to_upgrade() -> None:
    """A schema newer than this release knows is StoreDamaged (retrying will
    not help), naming both versions."""
    with pytest.raises(StoreDamaged) as refused:
        check_schema(3, 2, "the database cases.db")
    assert str(refused.value) == (
        "the database cases.db has schema version 3, but this release of contactpolicy "
        "understands versions up to 2; upgrade contactpolicy to use it"
    )


def test_nul_is_refused_wherever_it_is_nested() -> None:
    """A NUL in an event's data is named by its path in the event."""
    case = example_case()
    [event] = history(case)
    event = attrs.evolve(event, data={"text": ["fine", "bad\x00"]})
    with pytest.raises(InvalidInput) as refused:
        check_save(case, [event], 0)
    assert refused.value.field == "event 1.text[1]"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("bad\x00", "event 1.note.words[0]"),
        ("lone \ud800", "event 1.note.words[0]"),
        ("\x00", "event 1.note.words[0]"),
    ],
)
def test_text_no_store_can_keep_is_named_by_its_path(text: str, field: str) -> None:
    """A NUL or a lone surrogate anywhere in an event's data is refused,
    naming where it is."""
    case = example_case()
    [event] = history(case)
    event = attrs.evolve(event, data={"note": {"words": [text, "fine"]}, "n": 1})
    with pytest.raises(InvalidInput) as refused:
        check_save(case, [event], 0)
    assert refused.value.field == field


@pytest.mark.parametrize("text", ["\\u0000 typed as text", "C:\\u0000", "\u2028 \x01"])
def test_text_that_only_looks_like_a_nul_in_json_is_kept(text: str) -> None:
    """A backslash followed by ``u0000``, or a control character JSON
    escapes, is text every store keeps: nothing is refused."""
    case = example_case()
    [event] = history(case)
    check_save(case, [attrs.evolve(event, data={"text": text})], 0)


@pytest.mark.parametrize("value", [0.5, 1, 30])
def test_a_time_limit_above_zero_is_kept_in_seconds(value: float) -> None:
    """Whole and fractional seconds are accepted, as a float."""
    assert check_seconds("lock_timeout", value) == float(value)


@pytest.mark.parametrize("value", [0, -1, True, "5", float("nan"), float("inf")])
def test_other_time_limits_are_invalid_input_naming_the_setting(value: object) -> None:
    """Zero, negative, boolean, text, NaN and infinite limits are refused."""
    with pytest.raises(InvalidInput) as refused:
        check_seconds("statement_timeout", value)  # type: ignore[arg-type]
    assert refused.value.field == "statement_timeout"
