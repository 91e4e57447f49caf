"""Reliability of the durable stores: racing writers in threads and
processes, a follower reading the feed while they write, and a writer
killed in the middle of its work."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest

from contactpolicy.audit.events import Problem
from contactpolicy.casework import Casework
from contactpolicy.stores import SQLiteStore

from support.store_workers import add_notes, note_forever, note_writer, open_, report

THREADS, PROCESSES, NOTES = 8, 4, 5
SPAWN = multiprocessing.get_context("spawn")
PATIENCE = 120
"""Seconds to wait for a process's message before failing instead of hanging."""


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """Which store, and where: a SQLite file or a PostgreSQL database."""
    if request.param == "sqlite":
        return "sqlite", str(tmp_path / "cases.db")
    return "postgresql", request.getfixturevalue("postgres_dsn")


def test_racing_threads_and_processes_lose_and_duplicate_nothing(target: tuple[str, str]) -> None:
    """Eight threads sharing a store and four processes with their own race
    to add notes to one case, retrying on ConcurrentUpdate: every note
    acknowledged is in the history exactly once and the trail verifies."""
    kind, where = target
    store = open_(kind, where)
    case = report(store)
    go, out = SPAWN.Event(), SPAWN.Queue()
    processes = [
        SPAWN.Process(
            target=note_writer, args=(kind, where, case.id, f"process {n}", NOTES, go, out)
        )
        for n in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    ready = sorted(out.get(timeout=PATIENCE) for _ in processes)
    assert ready == [("ready", f"process {n}") for n in range(PROCESSES)]
    with ThreadPoolExecutor(THREADS) as pool:
        go.set()
        threads = [
            pool.submit(add_notes, store, case.id, f"thread {n}", NOTES) for n in range(THREADS)
        ]
        acknowledged = [note for thread in threads for note in thread.result()]
    acknowledged += [note for _ in processes for note in out.get(timeout=PATIENCE)[1]]
    for process in processes:
        process.join()
    notes = [event.data["text"] for event in store.trail(case.id)[1] if event.kind == "add_note"]
    assert len(acknowledged) == (THREADS + PROCESSES) * NOTES
    assert sorted(notes) == sorted(acknowledged)
    assert store.load(case.id).version == 1 + len(acknowledged)
    assert Casework(store).verify(case.id).problems == ()


def test_a_follower_reading_the_feed_as_writers_save_misses_nothing(
    target: tuple[str, str],
) -> None:
    """A follower paging through the feed while four writers save never sees
    a position before all lower ones, so it reads every event once, in order."""
    kind, where = target
    store = open_(kind, where)
    writers, notes = 4, 10
    total = writers * (1 + notes)
    done = threading.Event()

    def write(label: str) -> None:
        add_notes(store, report(store).id, label, notes)

    def follow() -> list[int]:
        seen: list[int] = []
        while len(seen) < total:
            page = [event.position for event in store.events_since(len(seen), 7)]
            assert page == list(range(len(seen) + 1, len(seen) + 1 + len(page)))
            seen += page
            if not page and done.wait(0.001):
                seen += [event.position for event in store.events_since(len(seen), total)]
                break
        return seen

    with ThreadPoolExecutor(writers + 1) as pool:
        follower = pool.submit(follow)
        try:
            for writer in [pool.submit(write, f"writer {n}") for n in range(writers)]:
                writer.result()
        finally:
            done.set()
        assert follower.result() == list(range(1, total + 1))


def test_a_writer_killed_mid_stream_leaves_every_acknowledged_note(tmp_path: Path) -> None:
    """A process killed with SIGKILL while adding notes leaves a sound SQLite
    file holding every note it acknowledged, in order, and at most the one
    note it saved but had no time to acknowledge."""
    path = tmp_path / "cases.db"
    store = SQLiteStore(path)
    case = report(store)
    receiving, sending = SPAWN.Pipe(duplex=False)
    writer = SPAWN.Process(target=note_forever, args=(str(path), case.id, sending))
    writer.start()
    sending.close()
    acknowledged = [receiving.recv() for _ in range(25)]
    assert writer.pid is not None
    os.kill(writer.pid, signal.SIGKILL)
    writer.join()
    while True:
        try:
            acknowledged.append(receiving.recv())
        except EOFError:
            break
    assert writer.exitcode == -signal.SIGKILL
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    notes = [event.data["text"] for event in store.trail(case.id)[1] if event.kind == "add_note"]
    assert notes[: len(acknowledged)] == acknowledged
    assert len(notes) - len(acknowledged) in (0, 1)
    assert Casework(store).verify(case.id).problems == ()


OVERLAPPING = 20
"""How many checks, at least, must have had a write saved while they ran."""


def test_verify_while_writers_save_never_reports_false_tampering(
    target: tuple[str, str],
) -> None:
    """verify reads a case and its events in one consistent read, so checking
    a case again and again while four writers add notes to it reports no
    problem, ever: a snapshot is never compared with events older or newer
    than it. The writers go on (up to 200 notes each) until at least
    OVERLAPPING checks had a note saved while they ran, so the test cannot
    pass having checked nothing that was being written."""
    kind, where = target
    store = open_(kind, where)
    case = report(store)
    casework = Casework(store)
    done = threading.Event()
    counted = threading.Lock()
    saved, overlapping, checks = [0], [0], [0]

    def check() -> list[tuple[Problem, ...]]:
        alarms = []
        while not done.is_set():
            before = saved[0]
            problems = casework.verify(case.id).problems
            if problems:
                alarms.append(problems)
            checks[0] += 1
            if saved[0] > before:
                overlapping[0] += 1
        return alarms

    def write(label: str) -> int:
        number = 0
        while number < 10 or (overlapping[0] < OVERLAPPING and number < 200):
            add_notes(store, case.id, f"{label} {number}", 1)
            with counted:
                saved[0] += 1
            number += 1
        return number

    with ThreadPoolExecutor(5) as pool:
        checker = pool.submit(check)
        try:
            writers = [pool.submit(write, f"writer {n}") for n in range(4)]
            written = sum(writer.result() for writer in writers)
        finally:
            done.set()
        assert checker.result() == []
    assert overlapping[0] >= OVERLAPPING
    assert checks[0] >= overlapping[0]
    assert store.load(case.id).version == 1 + written == 1 + saved[0]
    store.close()
