"""Reading stored rows back into cases and events."""

from __future__ import annotations

import datetime
import json
import zoneinfo

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy.audit import codec
from contactpolicy.domain.model import Case, Communication, Note
from contactpolicy.domain.vocabulary import CaseState, Channel
from contactpolicy.errors import StoreDamaged
from contactpolicy.stores import sqlite
from contactpolicy.stores.rows import (
    awaiting_since,
    case_document,
    event_document,
    note_document,
    read_case,
    read_event,
    read_note,
)
from contactpolicy.testing import strategies
from contactpolicy.testing.examples import START, example_case, history


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


def test_a_row_at_another_schema_version_is_store_damaged_naming_the_case() -> None:
    """A row written by another release is refused as StoreDamaged, not misread."""
    case = example_case()
    with pytest.raises(StoreDamaged) as refused:
        read_case(codec.dumps(case), 2, case.id)
    assert str(refused.value) == (
        f"case {case.id!r}: a stored row has schema version 2, but this release of "
        "contactpolicy reads version 1"
    )


def test_a_case_is_stored_without_its_notes_and_read_back_with_them() -> None:
    """The snapshot's row leaves the notes to their own rows; reading the row
    with them gives the case back."""
    case = attrs.evolve(example_case(), notes=(Note(START, "manager", "a careful note"),))
    document = case_document(case)
    assert json.loads(document)["notes"] == []
    notes = [read_note(note_document(note), codec.SCHEMA_VERSION, case.id) for note in case.notes]
    assert read_case(document, codec.SCHEMA_VERSION, case.id, notes) == case


@settings(max_examples=50, deadline=None)
@given(
    strategies.cases(),
    st.lists(st.sampled_from(["a careful note", "Called again.", "Gŵyl ✓"]), max_size=3),
)
def test_a_case_row_is_the_case_without_notes_as_the_codec_writes_it(
    case: Case, texts: list[str]
) -> None:
    """The row's document is exactly the codec's JSON of the case with no
    notes, whatever notes the case has: leaving them out copies nothing."""
    noted = attrs.evolve(case, notes=tuple(Note(START, "manager", text) for text in texts))
    assert case_document(noted) == codec.dumps(attrs.evolve(case, notes=()))


def test_an_unreadable_row_is_store_damaged_naming_the_case() -> None:
    """JSON that is not a case is StoreDamaged naming the case."""
    with pytest.raises(StoreDamaged, match="the case cannot be read") as refused:
        read_case('{"id": 1}', codec.SCHEMA_VERSION, "C-1")
    assert refused.value.case_id == "C-1"
    assert str(refused.value).startswith("case 'C-1': the case cannot be read")


@pytest.mark.parametrize("document", ['["Other PRIVATE"]', '"Zebedee PRIVATE"', "[]", "true"])
def test_a_row_that_is_json_but_no_object_is_store_damaged_quoting_nothing(
    document: str,
) -> None:
    """Reproduction: an event or case row holding a JSON list or string
    raised an AttributeError through every command that read it. It is
    StoreDamaged naming the case, and the row's text is not repeated."""
    with pytest.raises(StoreDamaged) as refused:
        read_event(document, codec.SCHEMA_VERSION, 7, "C-1")
    assert refused.value.case_id == "C-1"
    assert "PRIVATE" not in str(refused.value)
    with pytest.raises(StoreDamaged, match="the case cannot be read"):
        read_case(document, codec.SCHEMA_VERSION, "C-1")


@pytest.mark.parametrize(
    ("state", "communicated", "awaiting"),
    [
        (CaseState.DESIGNATED, False, True),
        (CaseState.UNDER_REVIEW, False, True),
        (CaseState.APPEALED, False, True),
        (CaseState.DESIGNATED, True, False),
        (CaseState.LIFTED, False, False),
    ],
)
def test_a_decision_awaits_communication_while_not_sent(
    state: CaseState, communicated: bool, awaiting: bool
) -> None:
    """awaiting_since is the latest decision's time while it is not recorded
    as communicated (6.3, 7.4), else None: the example's lifted case has its
    lift communicated."""
    case = example_case(state, review_due=pendulum.date(2100, 4, 30))
    decision = case.decision
    assert decision is not None
    if communicated:
        sent = Communication(START, Channel.LETTER, "records")
        case = attrs.evolve(case, decisions=(attrs.evolve(decision, communicated=sent),))
    assert awaiting_since(case) == (decision.decided_at if awaiting else None)


_ZONES = st.sampled_from(
    [
        pendulum.UTC,
        datetime.UTC,
        pendulum.timezone("Europe/London"),
        zoneinfo.ZoneInfo("Europe/London"),
        zoneinfo.ZoneInfo("UTC"),
        datetime.timezone(datetime.timedelta(hours=5, minutes=30)),
        pendulum.timezone("America/New_York"),
    ]
)


@settings(max_examples=300)
@given(
    moment=st.datetimes(datetime.datetime(1900, 1, 2), datetime.datetime(2200, 12, 30)),
    zone=_ZONES,
    as_pendulum=st.booleans(),
)
def test_a_time_is_written_as_the_standard_library_converts_it_to_utc(
    moment: datetime.datetime, zone: datetime.tzinfo, *, as_pendulum: bool
) -> None:
    """``utc_text`` and the SQLite store's sortable text give, for an aware
    time in any zone (pendulum's or the standard library's, UTC or not),
    exactly the text of the time converted to UTC by the standard library:
    a time already in UTC is written without being converted, and must
    come out the same."""
    at = moment.replace(tzinfo=zone)
    if as_pendulum:
        at = (
            pendulum.instance(at)
            if zone is not pendulum.UTC
            else pendulum.DateTime(
                at.year, at.month, at.day, at.hour, at.minute, at.second, at.microsecond, zone
            )
        )
    converted = datetime.datetime.astimezone(at, datetime.UTC)
    assert codec.utc_text(at) == converted.isoformat()
    assert sqlite._sortable(at) == converted.isoformat(timespec="microseconds")
