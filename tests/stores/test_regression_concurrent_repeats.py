"""Regression: on PostgreSQL, attempts racing with one command id were refused.

Six threads repeating ``add_note(case, "same", officer, command_id="id-N")``
at once were sometimes refused as ``InvalidInput`` ("already used for
another command"), which was false: each attempt found no command under the
id, all wrote, and the unique index refused every one but the first. A true
repeat must return the case as saved and write nothing, on every store; a
different command under the id is refused. The second attempt is now
``ConcurrentUpdate`` in the store, and ``Casework`` decides it again.

The race is made to happen: every thread's first unit of work waits until
all have opened theirs; on PostgreSQL, whose unit of work looks the id up
before it locks anything, they also wait until all have looked it up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from contactpolicy import Case, Casework, FrozenClock, InvalidInput
from contactpolicy.stores import (
    AppliedCommand,
    PostgresStore,
    Store,
    UnitOfWork,
)

from support.builders import CUSTOMER, MANAGER, START, incident

THREADS, ROUNDS = 6, 4
POOL_CONNECTIONS = THREADS
"""A PostgreSQL store's connections: one for each thread (the ``store`` fixture)."""
PATIENCE = 60
"""Seconds a thread waits for the others at a barrier before failing."""


class Racing:
    """``store`` counting the units of work opened (one a decision), whose
    threads' first units of work all begin together: each waits until every
    thread has opened one, and, where the store looks a command id up before
    taking any lock (PostgreSQL), until every thread has looked it up."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._looks_up_unlocked = isinstance(store, PostgresStore)
        self._opened = threading.Barrier(THREADS, timeout=PATIENCE)
        self._looked_up = threading.Barrier(THREADS, timeout=PATIENCE)
        self._first = threading.local()
        self._lock = threading.Lock()
        self.decisions = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def abort(self) -> None:
        """Let no thread wait any longer: one has failed."""
        self._opened.abort()
        self._looked_up.abort()

    @contextmanager
    def unit_of_work(self) -> Iterator[Any]:
        with self._lock:
            self.decisions += 1
        first = not getattr(self._first, "done", False)
        self._first.done = True
        if first:
            self._opened.wait()
        with self._store.unit_of_work() as work:
            if first and self._looks_up_unlocked:
                yield _LookedUp(work, self._looked_up)
            else:
                yield work


class _LookedUp:
    """A unit of work whose ``applied`` waits at ``barrier`` once it has
    looked the id up."""

    def __init__(self, work: UnitOfWork, barrier: threading.Barrier) -> None:
        self._work = work
        self._barrier = barrier

    def __getattr__(self, name: str) -> Any:
        return getattr(self._work, name)

    def applied(self, command_id: str) -> AppliedCommand | None:
        found = self._work.applied(command_id)
        self._barrier.wait()
        return found


def _race(store: Store, attempt: Callable[[Casework, int], Case]) -> tuple[list[Any], int]:
    """Each thread's outcome of ``attempt`` (a case or the error raised), run
    by ``THREADS`` threads at once, and the units of work they opened."""
    racing = Racing(store)
    casework = Casework(racing, clock=FrozenClock(START))

    def run(number: int) -> Any:
        try:
            return attempt(casework, number)
        except InvalidInput as refused:
            return refused
        except BaseException:
            racing.abort()  # the others stop waiting for this thread
            raise

    with ThreadPoolExecutor(THREADS) as pool:
        outcomes = list(pool.map(run, range(THREADS)))
    return outcomes, racing.decisions


def _retried(store: Store) -> int:
    """The decisions made again in one round of racing threads: every thread
    but the first to commit, on a store that looks a command id up before
    it locks; none where the lock comes first."""
    return THREADS - 1 if isinstance(store, PostgresStore) else 0


def test_concurrent_repeats_of_one_command_return_the_case_as_saved(store: Store) -> None:
    """Threads repeating one note under one command id at once all get the
    same case back, and the note is written once, round after round."""
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    for round_ in range(ROUNDS):

        def repeat(racing: Casework, _thread: int, text: str = f"same {round_}") -> Case:
            return racing.add_note(case.id, text, MANAGER, command_id=f"id-{text}")

        outcomes, decisions = _race(store, repeat)
        saved = store.load(case.id)
        assert outcomes == [saved] * THREADS
        assert decisions == THREADS + _retried(store)
        assert [note.text for note in saved.notes] == [f"same {n}" for n in range(round_ + 1)]
        assert saved.version == round_ + 2
    assert casework.verify(case.id).ok


def test_concurrent_commands_under_one_id_save_one_and_refuse_the_others(store: Store) -> None:
    """Threads adding different notes under one command id at once: one is
    saved, every other is InvalidInput for command_id, and nothing else is
    written."""
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    outcomes, decisions = _race(
        store,
        lambda racing, n: racing.add_note(case.id, f"note {n}", MANAGER, command_id="id-1"),
    )
    saved = [outcome for outcome in outcomes if isinstance(outcome, Case)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, InvalidInput)]
    assert len(saved) == 1
    assert len(refused) == THREADS - 1
    assert {error.field for error in refused} == {"command_id"}
    assert all("different command" in str(error) for error in refused)
    assert decisions == THREADS + _retried(store)
    assert store.load(case.id) == saved[0]
    assert saved[0].version == 2
    assert [event.kind for event in casework.history(case.id)] == ["report", "add_note"]


def test_concurrent_repeats_of_one_report_open_one_case(store: Store) -> None:
    """Threads repeating one report under one command id at once all get the
    one case it opened."""
    outcomes, decisions = _race(
        store,
        lambda racing, _n: racing.report(
            CUSTOMER, "council tax", [incident()], by=MANAGER, command_id="report-1"
        ),
    )
    cases = store.cases()
    assert len(cases) == 1
    assert outcomes == cases * THREADS
    assert decisions == THREADS + _retried(store)
