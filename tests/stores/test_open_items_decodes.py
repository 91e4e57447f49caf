"""What waits is read from the cases with an item, not from every case:
``Casework.to_read``, ``to_act_on`` and ``new_issues`` decode on SQLite
the same snapshots with 20 cases without an item in the store as with
200, and so does the work queue (5.1, 7.3, 8.1; docs/performance.md,
"Design limits")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from contactpolicy import CaseState, Casework, FrozenClock
from contactpolicy.stores import SQLiteStore
from contactpolicy.stores import sqlite as sqlite_store
from contactpolicy.stores.rows import read_case
from contactpolicy.testing.examples import example_case, saved

from support.builders import RECORDS, START
from support.open_items import scene

WITHOUT_ITEMS = (
    CaseState.REPORTED,
    CaseState.WARNED,
    CaseState.DESIGNATED,
    CaseState.UNDER_REVIEW,
    CaseState.LIFTED,
    CaseState.CLOSED,
)
"""The states of the cases with no item: every case of these was read by
one of the three queries before they read the cases with an item."""

QUIET = (CaseState.CLOSED,)
"""The state of cases without an item that no other source of the work
queue reads: a reported or warned case is read to see whether it has gone
stale (7.2, 6.3), a restricted one for its restrictions, by design (the
work queue's cost grows with the open cases, not with the store)."""


def _decodes(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    filler: int,
    states: tuple[CaseState, ...],
    ask: Callable[[Casework], object],
) -> int:
    """How many snapshots ``ask`` decodes on a store holding the scene and
    ``filler`` cases without an item, in ``states`` by turns."""
    store = SQLiteStore(tmp_path / f"cases-{filler}.db")
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    scene(casework, clock)
    for number in range(filler):
        state = states[number % len(states)]
        due = START.date().add(months=6) if state.restricts else None
        saved(store, example_case(state, customer_id=f"CRM-F{number}", review_due=due))
    count = 0
    decode = read_case

    def counted(*arguments: Any) -> Any:
        nonlocal count
        count += 1
        return decode(*arguments)

    with monkeypatch.context() as patched:
        patched.setattr(sqlite_store, "read_case", counted)
        ask(casework)
    store.close()
    return count


@pytest.mark.parametrize(
    "ask",
    [Casework.to_read, Casework.to_act_on, Casework.new_issues],
    ids=["to_read", "to_act_on", "new_issues"],
)
def test_the_three_queries_decode_only_the_cases_with_an_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ask: Callable[[Casework], object]
) -> None:
    """Each query decodes the scene's three cases with an item, whether the
    store holds 20 other cases or 200, in every state but appealed."""
    small = _decodes(tmp_path, monkeypatch, 20, WITHOUT_ITEMS, ask)
    large = _decodes(tmp_path, monkeypatch, 200, WITHOUT_ITEMS, ask)
    assert (small, large) == (3, 3)


def test_the_work_queue_decodes_no_more_with_more_cases_without_an_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Policy and Information team's queue decodes the same snapshots
    with 20 closed cases without an item as with 200:
    the scene's cases, once for each query that lists them."""

    def queue(casework: Casework) -> object:
        return casework.work_queue(RECORDS)

    small = _decodes(tmp_path, monkeypatch, 20, QUIET, queue)
    large = _decodes(tmp_path, monkeypatch, 200, QUIET, queue)
    assert (small, large) == (8, 8)
