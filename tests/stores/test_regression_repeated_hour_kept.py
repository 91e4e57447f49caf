"""A case reported in the hour repeated when the clocks go back reads back
as the same instants, in UTC, from every store (7.4): Python never counts
such a Europe/London time equal to a time of another zone, so the store
contract compares a case as kept (``testing.examples.as_kept``)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pendulum

from contactpolicy.stores import Store
from contactpolicy.testing.examples import as_kept, example_case, saved

from support.example_modules import load_example

custom_store = load_example("custom_store")

FIRST_OF_REPEATED = pendulum.instance(datetime.datetime(2032, 10, 31, 1, 30), tz="Europe/London")
"""01:30 British Summer Time, the first of the two 01:30s of 31 October 2032."""


def _read_back(store: Store) -> tuple[str, bool, bool]:
    case = saved(store, as_kept(example_case(reported_at=FIRST_OF_REPEATED)))
    back = store.load(case.id)
    return back.reported_at.isoformat(), back == case, store.trail(case.id)[0] == case


def test_a_time_in_the_repeated_hour_reads_back_as_kept(store: Store) -> None:
    assert FIRST_OF_REPEATED.utcoffset() == datetime.timedelta(hours=1)
    assert _read_back(store) == ("2032-10-31T00:30:00+00:00", True, True)


def test_the_example_store_reads_it_back_as_kept(tmp_path: Path) -> None:
    store = custom_store.JsonFileStore(tmp_path / "cases.json")
    assert _read_back(store) == ("2032-10-31T00:30:00+00:00", True, True)


def test_as_kept_moves_the_time_to_utc_and_keeps_the_instant() -> None:
    kept = as_kept(example_case(reported_at=FIRST_OF_REPEATED)).reported_at
    assert (kept.isoformat(), kept.timestamp() == FIRST_OF_REPEATED.timestamp()) == (
        "2032-10-31T00:30:00+00:00",
        True,
    )
