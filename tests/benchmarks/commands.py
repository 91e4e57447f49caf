"""How much does the policy cost per command, against baselines in the same run?

Each row runs one ``Casework.add_note`` on a case with a few events (load the
case, check authority, build and hash the audit event, save with the version
check) and sets it against what the same durable write costs without the
library: a raw ``sqlite3``
transaction in the same WAL and ``synchronous=FULL`` settings, and a raw
psycopg transaction with the same row lock. A third pair sets one lifecycle
transition (``lifecycle.fire``, a new machine with its validator) against a
bare python-statemachine machine built and sent one event. It prints
microseconds per call and the ratios, and asserts nothing: timings depend on
the machine.

Run it with ``uv run python tests/benchmarks/commands.py``; set
``CONTACTPOLICY_PG_DSN`` to a PostgreSQL database it may create tables in to
include PostgreSQL.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path

import pendulum
import psycopg
from statemachine import State, StateMachine

from contactpolicy import (
    Behaviour,
    CaseState,
    Casework,
    Channel,
    Command,
    Customer,
    FrozenClock,
    Incident,
    Officer,
    Role,
    lifecycle,
)
from contactpolicy.stores import MemoryStore, PostgresStore, SQLiteStore, Store

START = pendulum.datetime(2026, 1, 5, 9, tz="Europe/London")
MANAGER = Officer("jsmith", "Jo Smith", {Role.MANAGER})
DOCUMENT = '{"note": "' + "x" * 1500 + '"}'
"""About the size of a stored case with a few incidents and notes."""


def per_call(work: Callable[[], object], rounds: int) -> float:
    """The best of three runs of ``rounds`` calls, in microseconds a call."""
    return min(timeit.repeat(work, number=rounds, repeat=3)) / rounds * 1e6


def note_taker(store: Store, cases: int) -> Callable[[], object]:
    """A function adding one note to the next of ``cases`` reported cases in
    ``store``, in turn, so that no case grows beyond a few notes."""
    casework = Casework(store, clock=FrozenClock(START))
    incident = Incident(Behaviour.EXCESSIVE_DEMANDS, START, Channel.TELEPHONE, "23 calls.")
    ids = itertools.cycle(
        [
            casework.report(Customer(f"CRM-{n}", "Sam Taylor"), "bins", [incident], by=MANAGER).id
            for n in range(cases)
        ]
    )
    return lambda: casework.add_note(next(ids), "Called again about the bins.", MANAGER)


def raw_sqlite(path: Path) -> Callable[[], object]:
    """The same durable write as a save, by hand: version check, one case row
    updated, one event row inserted, in one transaction."""
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode = WAL")
        setup.execute("CREATE TABLE cases (id TEXT PRIMARY KEY, version INT, document TEXT)")
        setup.execute(
            "CREATE TABLE events (position INTEGER PRIMARY KEY, case_id TEXT, document TEXT)"
        )
        setup.execute("INSERT INTO cases VALUES ('C-1', 0, ?)", (DOCUMENT,))
    setup.close()

    def write() -> None:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("BEGIN IMMEDIATE")
        (version,) = connection.execute("SELECT version FROM cases WHERE id = 'C-1'").fetchone()
        connection.execute(
            "UPDATE cases SET version = ?, document = ? WHERE id = 'C-1'", (version + 1, DOCUMENT)
        )
        connection.execute("INSERT INTO events (case_id, document) VALUES ('C-1', ?)", (DOCUMENT,))
        connection.execute("COMMIT")
        connection.close()

    return write


def raw_postgres(dsn: str) -> Callable[[], object]:
    """The same durable write in PostgreSQL, by hand, with the row lock."""
    with psycopg.connect(dsn, autocommit=True) as setup:
        setup.execute("DROP TABLE IF EXISTS bench_cases, bench_events")
        setup.execute("CREATE TABLE bench_cases (id text PRIMARY KEY, version int, document jsonb)")
        setup.execute("CREATE TABLE bench_events (position bigserial PRIMARY KEY, document jsonb)")
        setup.execute("INSERT INTO bench_cases VALUES ('C-1', 0, %s)", (DOCUMENT,))

    def write() -> None:
        with psycopg.connect(dsn) as connection:
            row = connection.execute(
                "SELECT version FROM bench_cases WHERE id = 'C-1' FOR UPDATE"
            ).fetchone()
            assert row is not None
            connection.execute(
                "UPDATE bench_cases SET version = %s, document = %s WHERE id = 'C-1'",
                (row[0] + 1, DOCUMENT),
            )
            connection.execute("INSERT INTO bench_events (document) VALUES (%s)", (DOCUMENT,))

    return write


class _Bare(StateMachine):
    designated = State(initial=True)
    under_review = State(final=True)
    start_review = designated.to(under_review)


def bare_machine() -> None:
    """The least a transition can cost: build a machine, send one event."""
    _Bare().send("start_review")


def policy_transition() -> None:
    """One lifecycle transition with its (passing) validator."""
    lifecycle.fire(CaseState.DESIGNATED, Command.START_REVIEW, list)


def main(rounds: int = 200, pg_dsn: str | None = None) -> list[tuple[str, float, float]]:
    """Print and return (name, microseconds a call, ratio to its baseline)."""
    with tempfile.TemporaryDirectory() as name:
        return _measure(rounds, Path(name), pg_dsn)


def _measure(rounds: int, folder: Path, pg_dsn: str | None) -> list[tuple[str, float, float]]:
    pairs = [
        ("lifecycle.fire", policy_transition, "bare python-statemachine", bare_machine),
        (
            "add_note on SQLiteStore",
            note_taker(SQLiteStore(folder / "cases.db"), rounds),
            "raw sqlite3 write",
            raw_sqlite(folder / "raw.db"),
        ),
    ]
    if pg_dsn is not None:
        pairs.append(
            (
                "add_note on PostgresStore",
                note_taker(PostgresStore(pg_dsn), rounds),
                "raw psycopg write",
                raw_postgres(pg_dsn),
            )
        )
    memory = per_call(note_taker(MemoryStore(), rounds), rounds)
    rows = []
    print(f"{'':28} {'us/call':>9}   {'baseline':<26} {'us/call':>9} {'ratio':>7}")
    for name, work, baseline_name, baseline in pairs:
        measured, base = per_call(work, rounds), per_call(baseline, rounds)
        rows.append((name, measured, measured / base))
        print(f"{name:28} {measured:9.1f}   {baseline_name:<26} {base:9.1f} {measured / base:7.2f}")
    print(f"{'add_note on MemoryStore':28} {memory:9.1f}")
    if pg_dsn is None:
        print("PostgreSQL not measured: set CONTACTPOLICY_PG_DSN to include it.")
    return rows


if __name__ == "__main__":
    main(pg_dsn=os.environ.get("CONTACTPOLICY_PG_DSN"))
