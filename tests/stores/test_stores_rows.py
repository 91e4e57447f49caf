"""Reading stored rows back into cases and events."""

from __future__ import annotations

import json

import pytest

from contactpolicy.audit import codec
from contactpolicy.errors import StoreError
from contactpolicy.stores.rows import event_document, read_case, read_event
from contactpolicy.testing.examples import example_case, history


def test_an_event_is_stored_without_its_feed_position() -> None:
    """The feed position is the row's key, so the document leaves it out."""
    [event] = history(example_case())
    assert "position" not in json.loads(event_document(event))


def test_a_stored_event_comes_back_with_the_row_position() -> None:
    """An event read from a row carries the row's feed position."""
    [event] = history(example_case())
    found = read_event(event_document(event), codec.SCHEMA_VERSION, 42, event.case_id)
    assert found.position == 42
    assert found.hash == event.hash


def test_a_stored_case_comes_back_equal() -> None:
    """A case read from its row equals the case written."""
    case = example_case()
    assert read_case(codec.dumps(case), codec.SCHEMA_VERSION, case.id) == case


def test_a_row_at_another_schema_version_is_a_store_error_naming_the_case() -> None:
    """A row written by another release is refused, not misread."""
    case = example_case()
    with pytest.raises(StoreError) as refused:
        read_case(codec.dumps(case), 2, case.id)
    assert str(refused.value) == (
        f"case {case.id!r}: a stored row has schema version 2, but this release of "
        "contactpolicy reads version 1"
    )
