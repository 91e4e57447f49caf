"""Racing writers: the part of the store contract that catches a store that
is right one call at a time and wrong under load.

- :class:`RaceContract`, part of
  :class:`~contactpolicy.testing.contract.StoreContract`: many threads
  saving the same version of one case, and many threads running commands on
  one case through :class:`~contactpolicy.Casework`.
- :class:`ProcessRaceContract`: the same race across processes, for a store
  several processes may open on one database (SQLite, PostgreSQL). Add it to
  a store's test class and override ``store_opener``.

After every race exactly one writer of each version has won, the case's
history has one event per version, and the audit chain verifies (4): a store
that checks the version and then writes without holding a lock fails here.
Needs pytest.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from contactpolicy.audit.events import AuditEvent, chain_problems
from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.model import Case, Customer, Incident
from contactpolicy.domain.vocabulary import Behaviour, Channel
from contactpolicy.errors import ConcurrentUpdate
from contactpolicy.stores.protocols import Store
from contactpolicy.testing.examples import MANAGER, START, example_case, history, saved
from contactpolicy.testing.store_fixtures import StoreFixtures

__all__ = ["PROCESSES", "THREADS", "ProcessRaceContract", "RaceContract"]

THREADS = 16
"""How many threads race."""

PROCESSES = 4
"""How many processes race (each starts a Python interpreter)."""

WON = "won"


def _outcome(error: Exception) -> object:
    """What a refused writer was told: the versions of a ``ConcurrentUpdate``
    (which another process can be sent), or what else it raised."""
    if isinstance(error, ConcurrentUpdate):
        return (error.expected, error.actual)
    return repr(error)


def _racing(count: int, act: Callable[[int], object]) -> list[object]:
    """Run ``act(0)`` to ``act(count - 1)`` in threads released together,
    switching between threads as often as the interpreter can; each
    outcome is ``WON`` or :func:`_outcome` of the exception it raised."""
    barrier = threading.Barrier(count)
    outcomes: list[object] = [None] * count

    def run(index: int) -> None:
        barrier.wait()
        try:
            act(index)
        except Exception as error:
            outcomes[index] = _outcome(error)
        else:
            outcomes[index] = WON

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    return outcomes


def _rival(case: Case, last: AuditEvent, index: int) -> tuple[Case, list[AuditEvent]]:
    """Writer ``index``'s next version of ``case``, told apart by its issue,
    and the event that takes it there from ``last``."""
    later = attrs.evolve(case, version=case.version + 1, issue=f"writer {index}")
    return later, history(later, case.version, last)


def _save(store: Store, case: Case, events: list[AuditEvent], expected_version: int) -> None:
    with store.unit_of_work() as work:
        work.save(case, events, expected_version)


def _check_one_won(store: Store, case: Case, outcomes: list[object]) -> None:
    """Exactly one writer won; the others were told the case had moved on;
    the stored case is the winner's, with one event per version, hash-chained."""
    winners = [index for index, outcome in enumerate(outcomes) if outcome == WON]
    assert len(winners) == 1, f"{len(winners)} of {len(outcomes)} writers of version 2 won"
    refused = [outcome for outcome in outcomes if outcome != WON]
    assert refused == [(case.version, case.version + 1)] * (len(outcomes) - 1), refused
    stored, events = store.trail(case.id)
    assert (stored.version, stored.issue) == (case.version + 1, f"writer {winners[0]}")
    assert [event.seq for event in events] == list(range(1, stored.version + 1))
    assert chain_problems(case.id, events) == []


class RaceContract(StoreFixtures):
    """Threads racing on one store object, as a web or contact-centre server
    shares it (4)."""

    def test_one_of_many_threads_saving_the_same_version_wins(self, store: Store) -> None:
        """Of THREADS threads saving version 2 of a case at once, each in its
        own unit of work, exactly one wins and the rest are ConcurrentUpdate;
        the history is two events long and its hash chain intact."""
        case = saved(store, example_case())
        last = store.trail(case.id)[1][-1]
        rivals = [_rival(case, last, index) for index in range(THREADS)]
        outcomes = _racing(THREADS, lambda index: _save(store, *rivals[index], case.version))
        _check_one_won(store, case, outcomes)

    def test_commands_racing_on_one_case_each_land_once(self, store: Store) -> None:
        """THREADS threads adding a note to one case at once through Casework
        (each trying again when told of a concurrent update) each add it
        once: the case ends at version THREADS + 1 with one event per
        version, every note kept, and the audit chain verifies."""
        casework = Casework(store, clock=FrozenClock(START))
        incident = Incident(Behaviour.THREATS, START, Channel.TELEPHONE, "Shouted threats.")
        case = casework.report(Customer("CRM-1", "Sam Taylor"), "bins", [incident], by=MANAGER)

        def note(index: int) -> None:
            while True:
                try:
                    casework.add_note(case.id, f"note {index}", MANAGER)
                except ConcurrentUpdate:
                    continue
                return

        outcomes = _racing(THREADS, note)
        assert outcomes == [WON] * THREADS, outcomes
        stored, events = store.trail(case.id)
        ended = f"the case ended at version {stored.version} with {len(events)} events"
        assert stored.version == len(events) == THREADS + 1, ended
        assert [event.seq for event in events] == list(range(1, THREADS + 2))
        assert sorted(note.text for note in stored.notes) == sorted(
            f"note {index}" for index in range(THREADS)
        )
        assert casework.verify(case.id).problems == ()


def _save_elsewhere(
    opener: Callable[[], Store],
    case: Case,
    events: list[AuditEvent],
    index: int,
    barrier: Any,
    outcomes: Any,
) -> None:
    """In another process: open the store, wait for the others, save, and
    report ``WON`` or :func:`_outcome` of the exception raised."""
    store = opener()
    try:
        barrier.wait()
        try:
            _save(store, case, events, case.version - 1)
        except Exception as error:
            outcomes.put((index, _outcome(error)))
        else:
            outcomes.put((index, WON))
    finally:
        store.close()


class ProcessRaceContract(StoreFixtures):
    """Processes racing on one database, each with its own store object (4)."""

    @pytest.fixture
    def store_opener(self) -> Callable[[], Store]:
        """Override: a function another process can be sent (a module-level
        function, or a ``functools.partial`` of one) that opens a store on
        this test's database, as ``make_store`` does."""
        raise NotImplementedError(
            "a process race contract subclass must override the store_opener fixture"
        )

    def test_one_of_many_processes_saving_the_same_version_wins(
        self, store: Store, store_opener: Callable[[], Store]
    ) -> None:
        """Of PROCESSES processes saving version 2 of a case at once, exactly
        one wins and the rest are ConcurrentUpdate; the history is two
        events long and its hash chain intact."""
        case = saved(store, example_case())
        last = store.trail(case.id)[1][-1]
        context = multiprocessing.get_context("spawn")
        barrier = context.Barrier(PROCESSES)
        results = context.Queue()
        processes = [
            context.Process(
                target=_save_elsewhere,
                args=(store_opener, *_rival(case, last, index), index, barrier, results),
            )
            for index in range(PROCESSES)
        ]
        for process in processes:
            process.start()
        outcomes: list[object] = [None] * PROCESSES
        for _ in processes:
            index, outcome = results.get(timeout=120)
            outcomes[index] = outcome
        for process in processes:
            process.join(timeout=120)
            assert process.exitcode == 0
        _check_one_won(store, case, outcomes)
