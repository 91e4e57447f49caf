"""The benchmarks: each row sets what the library does against a baseline
measured in the same run, and says whether the ratio meets its target.

A row is ``{name, value, baseline, ratio, target, met, unit, better,
cases}``. Rows whose ``better`` is ``"higher"`` compare throughput (``unit``
``"per_s"``: commands a second for the library, writes a second for the
baseline; ``ratio = value / baseline``, met when ``ratio >= target``). Rows
whose ``better`` is ``"lower"`` compare cost (``unit`` ``"us"``: microseconds
a call; ``ratio = value / baseline``, met when ``ratio <= target``).
``cases`` is how many cases the store held. ``docs/performance.md`` says
what each row compares and why.

Each time is the median of many short batches, the library's and the
baseline's batches taken in turn, so that both see the same machine: a
moment when something else on the machine slows it falls on a few batches
of each side, which the medians leave out, rather than on most of one side.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sized
from contextlib import ExitStack, closing, contextmanager, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pendulum
import psycopg
from statemachine import State, StateMachine

from benchmarks import stores
from contactpolicy import Case, CaseState, Casework, Channel, Contact, FrozenClock, ToActOn
from contactpolicy.audit import codec
from contactpolicy.cli import main as command_line
from contactpolicy.cli.queries import PAGE
from contactpolicy.domain.restrictions import (
    CallLimit,
    CallTimeLimit,
    Restriction,
    SinglePointOfContact,
)
from contactpolicy.stores import MemoryStore, PostgresStore, SQLiteStore
from contactpolicy.stores.protocols import Store

from support import postgres_server

__all__ = ["FULL", "QUICK", "TINY", "Row", "Sizes", "run"]


@dataclass(frozen=True)
class Row:
    """One comparison: the library's figure, the baseline's, and the target."""

    name: str
    value: float
    baseline: float
    target: float
    unit: Literal["per_s", "us"]
    better: Literal["higher", "lower"]
    cases: int

    @property
    def ratio(self) -> float:
        """``value / baseline``."""
        return self.value / self.baseline

    @property
    def met(self) -> bool:
        """Whether the ratio is on the right side of the target."""
        return self.ratio >= self.target if self.better == "higher" else self.ratio <= self.target

    def as_json(self) -> dict[str, Any]:
        """The row as the JSON object the report lists."""
        return {
            "name": self.name,
            "value": round(self.value, 3),
            "baseline": round(self.baseline, 3),
            "ratio": round(self.ratio, 3),
            "target": self.target,
            "met": self.met,
            "unit": self.unit,
            "better": self.better,
            "cases": self.cases,
        }


@dataclass(frozen=True)
class Sizes:
    """How large a run is: store sizes, and how many calls make a batch."""

    small: int
    """Cases in the small store every query is compared with."""
    large_sqlite: int
    large_postgres: int
    listed: int
    """Cases in the store ``list`` reads."""
    long_history: int
    """Events on the long case ``add_note`` is compared on."""
    short_history: int
    calls: int
    """Calls in a batch of a cheap operation (a query, a command in memory)."""
    writes: int
    """Calls in a batch of a durable write."""
    processes: int
    """Processes started for each side of the start-up comparison."""
    batches: int
    """Batches of each side; the median is reported."""
    budget: float
    """Seconds a batch may take: a slow operation gets fewer calls a batch."""
    audited: int
    """Events in the store ``verify_all`` checks."""


QUICK = Sizes(1_000, 10_000, 10_000, 10_000, 1_000, 10, 100, 100, 2, 21, 0.035, 1_200)
"""A run of well under a minute on two cores: every row, smaller stores."""
FULL = Sizes(1_000, 1_000_000, 100_000, 10_000, 1_000, 10, 200, 100, 10, 21, 0.17, 100_000)
"""The issue's sizes: 1M cases on SQLite, 100k on PostgreSQL."""
TINY = Sizes(30, 60, 60, 60, 20, 10, 2, 2, 1, 1, 0.0, 60)
"""Every row at the least size, for the test that checks the report's shape."""


def _batch_us(work: Callable[[], object], calls: int, times: list[float]) -> None:
    """Append the microseconds a call of ``work`` took over ``calls`` calls."""
    started = time.perf_counter()
    for _ in range(calls):
        work()
    times.append((time.perf_counter() - started) / calls * 1e6)


def compare(
    work: Callable[[], object],
    baseline: Callable[[], object],
    sizes: Sizes,
    calls: int | None = None,
    batches: int | None = None,
) -> tuple[float, float]:
    """Median microseconds a call of ``work`` and of ``baseline``, over
    ``batches`` batches of each (default ``sizes.batches``), taken in turn.
    A batch has ``calls`` calls (default ``sizes.calls``), fewer when one
    call of the slower side would make a batch longer than ``sizes.budget``
    seconds. Each side is called once first, untimed, so that what a
    process does once (imports, building the command tree) is neither
    measured nor taken for the cost of a call when sizing the batches."""
    work()
    baseline()
    first: list[float] = []
    _batch_us(work, 1, first)
    _batch_us(baseline, 1, first)
    most = calls or sizes.calls
    calls = max(1, min(most, int(sizes.budget * 1e6 / max(first))))
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(batches or sizes.batches):
        _batch_us(work, calls, mine)
        _batch_us(baseline, calls, theirs)
    return statistics.median(mine), statistics.median(theirs)


def _per_second(micros: float) -> float:
    return 1e6 / micros


# Durable commands against a raw single-row commit.


NOTE = "Called again about the bins."
NOTED = 20
"""Cases the durable ``add_note`` goes round, so none grows much in a run."""


def _note_taker(store: Store) -> Callable[[], object]:
    """``add_note`` on the next of :data:`NOTED` reported cases in turn."""
    casework = Casework(store, clock=FrozenClock(stores.START))
    ids = [stores.reported(casework, f"CRM-NOTE-{n}") for n in range(NOTED)]
    turn = itertools.count()
    return lambda: casework.add_note(ids[next(turn) % NOTED], NOTE, stores.MANAGER)


def _event_document() -> str:
    """The JSON of the audit event ``add_note`` writes: the raw baselines
    write a row of the same size."""
    casework = Casework(MemoryStore(), clock=FrozenClock(stores.START))
    case_id = stores.reported(casework, "CRM-NOTE")
    casework.add_note(case_id, NOTE, stores.MANAGER)
    event = casework.history(case_id)[-1]
    return json.dumps(codec.unstructure(event))


@contextmanager
def _raw_sqlite(path: Path, document: str) -> Iterator[Callable[[], object]]:
    """One row inserted and committed on a kept ``sqlite3`` connection in WAL
    with ``synchronous=FULL``: what a durable write costs without the library."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute(
        "CREATE TABLE notes (position INTEGER PRIMARY KEY, case_id TEXT, document TEXT)"
    )

    def write() -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO notes (case_id, document) VALUES ('C-1', ?)", (document,))
        connection.execute("COMMIT")

    try:
        yield write
    finally:
        connection.close()


@contextmanager
def _raw_postgres(dsn: str, document: str) -> Iterator[Callable[[], object]]:
    """One row inserted and committed on a kept psycopg connection."""
    with psycopg.connect(dsn) as connection:
        connection.execute(
            "CREATE TABLE bench_notes (position bigserial PRIMARY KEY, document jsonb)"
        )
        connection.commit()

        def write() -> None:
            connection.execute("INSERT INTO bench_notes (document) VALUES (%s)", (document,))
            connection.commit()

        yield write


def durable_command(
    name: str,
    store: Store,
    raw: Callable[[], object],
    sizes: Sizes,
    wals: tuple[Path, Path] | None = None,
) -> Row:
    """Durable ``add_note`` throughput against the raw driver's single-row
    commit throughput, on the same database server or file system. On
    SQLite, ``wals`` names the store's and the raw file's WAL, and each side
    first writes until its WAL has stopped growing (:func:`_steady`)."""
    note = _note_taker(store)
    if wals is not None:
        _steady(note, wals[0])
        _steady(raw, wals[1])
    mine, theirs = compare(note, raw, sizes, sizes.writes)
    return Row(name, _per_second(mine), _per_second(theirs), 0.5, "per_s", "higher", NOTED)


def _steady(write: Callable[[], object], wal: Path) -> None:
    """Call ``write`` until the SQLite WAL file ``wal`` stops growing. On a
    new file each commit makes the WAL longer, and its flush carries the
    file's new size too; once SQLite has checkpointed the WAL (at 1,000
    pages) commits write over it from its start and flush less, as every
    commit of a store that has been running does. A raw commit of one row
    costs about half as much then, so both sides are measured there. A WAL
    still growing after 10,000 writes (a reader holding a snapshot stops
    SQLite from starting it again) is an error, not a row."""
    last = -1
    for _ in range(100):
        if (size := wal.stat().st_size) == last:
            return
        last = size
        for _ in range(100):
            write()
    raise RuntimeError(f"{wal} still grows after 10,000 writes: is a reader holding the file?")


# One case's lifecycle against bare python-statemachine.


class _Bare(StateMachine):
    """The lifecycle's shape with nothing on it: the least five transitions cost."""

    new = State(initial=True)
    reported = State()
    warned = State()
    designated = State()
    under_review = State()
    lifted = State(final=True)
    report = new.to(reported)
    warn = reported.to(warned)
    designate = warned.to(designated)
    start_review = designated.to(under_review)
    complete_review = under_review.to(lifted)


def _bare_lifecycle() -> None:
    machine = _Bare()
    for event in ("report", "warn", "designate", "start_review", "complete_review"):
        machine.send(event)


def lifecycle_row(sizes: Sizes) -> Row:
    """Report, warn, designate, start a review and complete it lifting, on a
    ``MemoryStore``, against building one bare machine and sending it five
    events."""
    casework = Casework(MemoryStore(), clock=FrozenClock(stores.START))
    customers = (f"CRM-LIFE-{n}" for n in itertools.count())
    mine, theirs = compare(
        lambda: stores.lifecycle(casework, next(customers)),
        _bare_lifecycle,
        sizes,
    )
    return Row("lifecycle_memory_vs_bare_statemachine", mine, theirs, 2.0, "us", "lower", 0)


# Queries on a large store against the same queries on a small one.


def query_rows(driver: str, large: Store, small: Store, cases: int, sizes: Sizes) -> list[Row]:
    """``cases(state=designated, customer_id=...)``, ``not_communicated()``
    and ``to_act_on()`` on ``large`` against ``small``; both return the
    same cases (items)."""
    on_large = Casework(large, clock=FrozenClock(stores.START))
    on_small = Casework(small, clock=FrozenClock(stores.START))
    return [
        _query_row(f"cases_query_{driver}", _by_customer, on_large, on_small, cases, sizes),
        _query_row(
            f"not_communicated_{driver}", _not_communicated, on_large, on_small, cases, sizes
        ),
        _query_row(f"to_act_on_{driver}", _to_act_on, on_large, on_small, cases, sizes),
    ]


def _query_row(
    name: str,
    ask: Callable[[Casework], Sized],
    on_large: Casework,
    on_small: Casework,
    cases: int,
    sizes: Sizes,
) -> Row:
    assert len(ask(on_large)) == len(ask(on_small)) > 0
    mine, theirs = compare(lambda: ask(on_large), lambda: ask(on_small), sizes)
    return Row(f"{name}_{cases}_vs_{sizes.small}", mine, theirs, 1.5, "us", "lower", cases)


def _not_communicated(casework: Casework) -> list[Case]:
    return casework.not_communicated()


def _to_act_on(casework: Casework) -> list[tuple[str, ToActOn]]:
    return casework.to_act_on()


def _by_customer(casework: Casework) -> list[Case]:
    return casework.cases(state=CaseState.DESIGNATED, customer_id=stores.HOT_CUSTOMER)


# A command on a long history against the same command on a short one.


def history_row(driver: str, store: Store, sizes: Sizes) -> Row:
    """``add_note`` on a case with a long history against one with a short
    history, in the same store."""
    long_case = stores.grown(store, sizes.long_history)
    short_case = stores.grown(store, sizes.short_history)
    casework = Casework(store, clock=FrozenClock(stores.START))
    mine, theirs = compare(
        lambda: casework.add_note(long_case, "Called again.", stores.MANAGER),
        lambda: casework.add_note(short_case, "Called again.", stores.MANAGER),
        sizes,
        sizes.writes,
    )
    name = f"add_note_{driver}_{sizes.long_history}_vs_{sizes.short_history}_events"
    return Row(name, mine, theirs, 2.0, "us", "lower", len(store.cases()))


# The command line.


def _wall_us(argv: list[str], runs: int) -> float:
    """Median wall time of starting ``argv`` and waiting for it, in microseconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - started) * 1e6)
    return statistics.median(times)


def help_row(sizes: Sizes) -> Row:
    """``contactpolicy --help`` against ``python -c pass``, both with their
    bytecode compiled (each is run once first, which writes it)."""
    script = Path(sys.executable).parent / "contactpolicy"
    mine_argv, theirs_argv = [str(script), "--help"], [sys.executable, "-c", "pass"]
    for argv in (mine_argv, theirs_argv):
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(sizes.batches):
        mine.append(_wall_us(mine_argv, sizes.processes))
        theirs.append(_wall_us(theirs_argv, sizes.processes))
    return Row(
        "help_vs_python_startup",
        statistics.median(mine),
        statistics.median(theirs),
        8.0,
        "us",
        "lower",
        0,
    )


def _raw_list(path: Path, limit: int) -> Callable[[], object]:
    """What ``list`` shows, read by hand: open the file, read the first
    ``limit`` case documents in report order, decode them and print a line
    of the same five columns per case."""

    def read() -> None:
        out = io.StringIO()
        connection = sqlite3.connect(path)
        try:
            for (document,) in connection.execute(
                "SELECT document FROM cases ORDER BY reported_at, id LIMIT ?", (limit,)
            ):
                case = json.loads(document)
                due = (case.get("designation") or {}).get("review_due") or ""
                customer = case["customer"]
                out.write(
                    f"{case['id']}  {customer['name']} ({customer['id']})  {case['state']}  "
                    f"{due}  {case['issue']}\n"
                )
        finally:
            connection.close()

    return read


def _list(path: Path) -> Callable[[], object]:
    """``contactpolicy --db sqlite:///PATH list``, in this process, printing
    its first page to a string."""
    argv = ["--db", f"sqlite:///{path}", "--config", os.devnull, "list"]

    def show() -> None:
        with redirect_stdout(io.StringIO()):
            assert command_line(argv) == 0

    return show


def list_row(path: Path, cases: int, sizes: Sizes, *, held: bool = False) -> Row:
    """``contactpolicy list`` (its default page of 50) on a store of
    ``cases`` against reading and printing the same 50 rows with raw
    ``sqlite3`` and ``json``, both opening the file each time; ``held``
    names the row measured while another process holds the file open."""
    mine, theirs = compare(_list(path), _raw_list(path, PAGE), sizes)
    name = f"list_sqlite_{cases}_{'held_open_' if held else ''}vs_raw_sqlite_json"
    return Row(name, mine, theirs, 2.0, "us", "lower", cases)


@contextmanager
def _held_open(path: Path) -> Iterator[None]:
    """Another process with a connection open on the SQLite file ``path``,
    as a server running ``contactpolicy serve`` keeps one: SQLite's ``-wal``
    and ``-shm`` files then stay in place between the commands measured."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        said = "" if holder.stdout is None else holder.stdout.readline()
        if said != "open\n":
            raise RuntimeError(f"the process meant to hold {path} open did not open it")
        yield
    finally:
        holder.communicate("")


_HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("SELECT count(*) FROM cases").fetchone()
print("open", flush=True)
sys.stdin.read()
connection.close()
"""
"""The program of :func:`_held_open`: it reads the file once, says so and
keeps its connection until its standard input is closed."""


# Deciding a contact, against what it must cost about as much as.


CALLERS = 200
"""Designated customers in the store ``decide_contact`` is measured on."""
CALLS = 50
"""Calls logged for the customer asked about, one every 20 hours."""


def decide_contact_rows(sizes: Sizes, folder: Path) -> list[Row]:
    """``decide_contact`` previewing a call from a designated customer under a
    call limit (5 calls in any 7 days), a call time limit and a single point
    of contact, with :data:`CALLS` calls logged: on SQLite against the two
    reads it needs (the customer's cases, each with the last event of its
    history, which it is checked against, and their calls in the limit's
    period), and on MemoryStore, where reading costs next to nothing, against
    building one bare machine. At the point of contact it must cost about
    what reading costs, and less than building a machine."""
    # Filled without a flush a commit: what is measured reads, never writes.
    with _closing(SQLiteStore(folder / "contacts.db", synchronous="NORMAL")) as store:
        casework, call = _caller(store)

        def read() -> object:
            casework.store.customer_cases("CRM-0")
            return casework.store.contacts("CRM-0", call.at.subtract(days=7))

        mine, reads = compare(_preview(casework, call), read, sizes)
    again, machine = compare(_preview(*_caller(MemoryStore())), _Bare, sizes)
    return [
        Row("decide_contact_sqlite_vs_its_reads", mine, reads, 3.0, "us", "lower", CALLERS),
        Row("decide_contact_vs_building_a_machine", again, machine, 1.0, "us", "lower", CALLERS),
    ]


AUDIT_KEY = b"the benchmark's audit key, 32 b."


def verify_all_row(sizes: Sizes, folder: Path) -> Row:
    """``verify_all`` over a keyed SQLite store of ``sizes.audited`` events
    (designated cases of three events each), per event, against reading
    every row of its events, cases and notes once with raw ``sqlite3`` and
    parsing each JSON document: what checking adds to reading each row
    once (digests, replaying each case, comparing the snapshot)."""
    path = folder / "audited.db"
    cases = sizes.audited // 3
    with _closing(SQLiteStore(path, synchronous="NORMAL")) as store:
        stores.copy_cases(stores.chained(cases, AUDIT_KEY), store)
        casework = Casework(store, audit_key=AUDIT_KEY)
        assert casework.verify_all().ok, "the benchmark's store verifies"
        with closing(sqlite3.connect(path)) as raw:

            def read() -> None:
                for table in ("events", "cases", "notes"):
                    for (document,) in raw.execute(f"SELECT document FROM {table}"):
                        json.loads(document)

            # A call reads the whole store: seven batches of one call each.
            mine, theirs = compare(casework.verify_all, read, sizes, calls=1, batches=7)
    events = cases * 3
    name = f"verify_all_sqlite_{events}_events_vs_reading_them"
    return Row(name, mine / events, theirs / events, 25.0, "us", "lower", cases)


def _caller(store: Store) -> tuple[Casework, Contact]:
    """A store of :data:`CALLERS` designated customers, the first with
    :data:`CALLS` calls logged, and that customer's next call."""
    clock = FrozenClock(stores.START)
    casework = Casework(store, clock=clock)
    restrictions: list[Restriction] = [
        CallTimeLimit(10),
        CallLimit(5, pendulum.duration(days=7)),
        SinglePointOfContact("lwong"),
    ]
    for number in range(CALLERS):
        stores.designated(casework, f"CRM-{number}", restrictions)
    for _ in range(CALLS):
        clock.advance(hours=20)
        casework.decide_contact("CRM-0", Contact(Channel.TELEPHONE, clock.now()))
    return casework, Contact(Channel.TELEPHONE, clock.now())


def _preview(casework: Casework, call: Contact) -> Callable[[], object]:
    """Deciding ``call`` from the first customer without logging it."""
    return lambda: casework.decide_contact("CRM-0", call, record=False)


@contextmanager
def _seeded(store: Store, cases: int) -> Iterator[Store]:
    """``store`` filled with ``cases`` cases, closed on exit."""
    try:
        stores.populate(store, cases)
        yield store
    finally:
        store.close()


def _analyse(dsn: str) -> None:
    """Gather the planner's statistics of a database just filled, as
    autovacuum does for a store that grew command by command: without them
    PostgreSQL guesses a bulk-loaded table's row counts, and a large guess
    can make it compile a query to machine code (JIT) for ~100 ms."""
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("ANALYZE")


@contextmanager
def _closing(store: Store) -> Iterator[Store]:
    try:
        yield store
    finally:
        store.close()


def run(sizes: Sizes, folder: Path, pg_server: str | None, say: Callable[[str], None]) -> list[Row]:
    """Every row at ``sizes``, with the SQLite files in ``folder`` and the
    PostgreSQL rows in new databases of the server ``pg_server`` (none
    without one). ``say`` is told what is being measured."""
    rows: list[Row] = []
    say("lifecycle on MemoryStore")
    rows.append(lifecycle_row(sizes))
    say("decide_contact on MemoryStore")
    rows += decide_contact_rows(sizes, folder)
    from benchmarks.api_rows import http_decide_contact_row

    say("POST /v1/contacts/decisions over HTTP")
    rows.append(http_decide_contact_row(sizes, folder))
    say("contactpolicy --help")
    rows.append(help_row(sizes))
    say(f"verify_all over {sizes.audited} events on SQLite")
    rows.append(verify_all_row(sizes, folder))
    document = _event_document()
    with ExitStack() as stack:
        say("durable add_note on SQLite")
        notes = stack.enter_context(_closing(SQLiteStore(folder / "notes.db")))
        raw = stack.enter_context(_raw_sqlite(folder / "raw.db", document))
        wals = (folder / "notes.db-wal", folder / "raw.db-wal")
        rows.append(durable_command("add_note_sqlite_command_vs_raw", notes, raw, sizes, wals))
        say("add_note on a long history, SQLite")
        rows.append(history_row("sqlite", notes, sizes))
        say(f"seeding SQLite stores of {sizes.small} and {sizes.large_sqlite} cases")
        small = stack.enter_context(_seeded(SQLiteStore(folder / "small.db"), sizes.small))
        large = stack.enter_context(_seeded(SQLiteStore(folder / "large.db"), sizes.large_sqlite))
        say("queries on SQLite")
        rows += query_rows("sqlite", large, small, sizes.large_sqlite, sizes)
    listed = folder / "large.db"
    if sizes.listed != sizes.large_sqlite:
        listed = folder / "listed.db"
        say(f"seeding a SQLite store of {sizes.listed} cases")
        with _seeded(SQLiteStore(listed), sizes.listed):
            pass
    # Every store this process had on the file is closed, as it is for a
    # command run in a process of its own.
    say("contactpolicy list")
    rows.append(list_row(listed, sizes.listed, sizes))
    say("contactpolicy list, the file held open by another process")
    with _held_open(listed):
        rows.append(list_row(listed, sizes.listed, sizes, held=True))
    if pg_server is None:
        return rows
    with ExitStack() as stack:
        say("durable add_note on PostgreSQL")
        dsn = stack.enter_context(postgres_server.database(pg_server))
        notes = stack.enter_context(_closing(PostgresStore(dsn)))
        raw_dsn = stack.enter_context(postgres_server.database(pg_server))
        raw = stack.enter_context(_raw_postgres(raw_dsn, document))
        rows.append(durable_command("add_note_postgres_command_vs_raw", notes, raw, sizes))
        say("add_note on a long history, PostgreSQL")
        rows.append(history_row("postgres", notes, sizes))
        say(f"seeding PostgreSQL stores of {sizes.small} and {sizes.large_postgres} cases")
        small_dsn = stack.enter_context(postgres_server.database(pg_server))
        large_dsn = stack.enter_context(postgres_server.database(pg_server))
        small = stack.enter_context(_seeded(PostgresStore(small_dsn), sizes.small))
        large = stack.enter_context(_seeded(PostgresStore(large_dsn), sizes.large_postgres))
        for dsn in (small_dsn, large_dsn):
            _analyse(dsn)
        say("queries on PostgreSQL")
        rows += query_rows("postgres", large, small, sizes.large_postgres, sizes)
    return rows
