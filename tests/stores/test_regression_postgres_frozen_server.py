"""Regression: a PostgreSQL server that stops answering on connections the
pool had open (frozen with ``kill -STOP``, say) made requests hang with no
time limit: ``statement_timeout`` and ``lock_timeout`` are the server's to
enforce, and a frozen server enforces nothing. Now the store waits for any
answer at most ``statement_timeout`` plus ``ANSWER_MARGIN`` seconds, throws
the connection away, and fails with ``StoreUnavailable`` (nothing written)
or ``OutcomeUnknown`` (COMMIT sent, no answer); repeating the command with
its command id then records it once. A frozen server is a proxy that stops
forwarding (``support.network.freezable``); each test fails if a wait takes
more than a generous 30 seconds, never on its speed."""

from __future__ import annotations

import functools
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import httpx
import psycopg
import pytest
from psycopg import errors

from contactpolicy import Casework, FrozenClock
from contactpolicy.errors import OutcomeUnknown, StoreUnavailable
from contactpolicy.http import create_app
from contactpolicy.http.problems import RETRY_AFTER
from contactpolicy.stores.postgres import ANSWER_MARGIN, NoAnswer, PostgresStore, translate

from support.api import OFFICERS, REPORT_BODY, issue
from support.builders import START
from support.http_server import serving
from support.network import Freezer, freezable
from support.store_workers import MANAGER
from support.tampering import told

DEADLINE = 30.0
"""Seconds after which a wait counts as unbounded: far above the bound of
the stores below (a statement timeout of 1 s and the margin)."""

BOUND = 1 + ANSWER_MARGIN

T = TypeVar("T")


@pytest.fixture
def frozen(postgres_dsn: str) -> Iterator[Freezer]:
    with freezable(postgres_dsn) as freezer:
        yield freezer


@pytest.fixture
def store(frozen: Freezer) -> Iterator[PostgresStore]:
    opened = PostgresStore(
        frozen.dsn, connect_timeout=2, lock_timeout=0.5, statement_timeout=1, max_connections=2
    )
    yield opened
    frozen.resume()
    opened.close()


def within_deadline(call: Callable[[], T]) -> T:
    """``call``'s result, having failed the test if it took longer than
    :data:`DEADLINE`."""
    start = time.monotonic()
    try:
        return call()
    finally:
        assert time.monotonic() - start < DEADLINE, "the store waited without a bound"


@contextmanager
def discarded(store: PostgresStore) -> Iterator[None]:
    """Check that the block gave one connection back to the pool in a state
    it could only throw away (and replace), never hand out again."""
    before = store._pool.get_stats().get("returns_bad", 0)
    yield
    assert store._pool.get_stats().get("returns_bad", 0) == before + 1


def no_answer(words: str = "") -> str:
    return (
        f"no answer within {BOUND:g} seconds, the statement timeout and {ANSWER_MARGIN:g} "
        f"more; the connection was closed{words}"
    )


def test_a_read_from_a_frozen_server_is_store_unavailable(
    frozen: Freezer, store: PostgresStore
) -> None:
    """A read on a pooled connection to a server that stopped answering is
    StoreUnavailable within the bound, saying the server did not answer in
    time; the connection is thrown away, and once the server answers again
    reads and commands succeed."""
    casework, case = told(store, 0)
    frozen.freeze()
    with discarded(store), pytest.raises(StoreUnavailable) as refused:
        within_deadline(lambda: store.load(case.id))
    assert str(refused.value) == (
        f"case {case.id!r}: the PostgreSQL server did not answer in time ({no_answer()})"
    )
    assert isinstance(refused.value.__cause__, NoAnswer)
    frozen.resume()
    assert store.load(case.id) == case
    assert casework.add_note(case.id, "after the thaw", MANAGER).version == case.version + 1


def test_a_snapshot_read_from_a_frozen_server_is_store_unavailable(
    frozen: Freezer, store: PostgresStore
) -> None:
    """The trail, read in a REPEATABLE READ transaction, fails the same way
    (no COMMIT is sent on the connection given up), as do the feed and the
    listings: on the pool's other connection, or, once those are given up,
    waiting for a new one, which a frozen server does not finish opening
    (the connect timeout)."""
    _, case = told(store, 0)
    frozen.freeze()
    found = []
    for read in (
        lambda: store.trail(case.id),
        lambda: store.events_since(0, 10),
        lambda: store.cases(),
    ):
        with pytest.raises(StoreUnavailable) as refused:
            within_deadline(read)
        found.append(str(refused.value).split(" (", 1)[0])
    assert found[0] == f"case {case.id!r}: the PostgreSQL server did not answer in time"
    assert set(found[1:]) <= {
        "the PostgreSQL server did not answer in time",
        "no connection to the PostgreSQL server became free within the connect timeout",
    }
    frozen.resume()
    assert store.trail(case.id)[0] == case


def test_a_command_frozen_before_commit_is_store_unavailable_and_writes_nothing(
    frozen: Freezer, store: PostgresStore
) -> None:
    """A command whose first round trip gets no answer is StoreUnavailable:
    nothing was sent that writes. Repeated after the thaw, it is saved."""
    casework, case = told(store, 0)
    frozen.freeze()
    with pytest.raises(StoreUnavailable, match="did not answer in time") as refused:
        within_deadline(
            lambda: casework.add_note(case.id, "a frozen note", MANAGER, command_id="note-1")
        )
    assert not isinstance(refused.value, OutcomeUnknown)
    frozen.resume()
    assert store.load(case.id) == case
    again = casework.add_note(case.id, "a frozen note", MANAGER, command_id="note-1")
    assert again.version == case.version + 1


def test_a_command_whose_commit_gets_no_answer_is_outcome_unknown_and_saved_once(
    frozen: Freezer, store: PostgresStore, postgres_dsn: str
) -> None:
    """A command whose COMMIT was sent to a server that then stopped
    answering is OutcomeUnknown within the bound, naming the case and the
    command id; the server commits when it resumes, and the command repeated
    with its command id is the one saved, recorded once."""
    casework, case = told(store, 0)
    frozen.freeze_at_commit()
    with pytest.raises(OutcomeUnknown) as unknown:
        within_deadline(
            lambda: casework.add_note(case.id, "a held note", MANAGER, command_id="note-2")
        )
    assert frozen.held_commit.is_set()
    assert str(unknown.value) == (
        f"case {case.id!r}: the PostgreSQL server did not answer COMMIT in time, so the "
        f"command may or may not have been saved ({no_answer()})"
    )
    assert (unknown.value.case_id, unknown.value.command_id) == (case.id, "note-2")
    assert isinstance(unknown.value.__cause__, NoAnswer)
    frozen.resume()
    repeated = casework.add_note(case.id, "a held note", MANAGER, command_id="note-2")
    assert repeated.version == case.version + 1
    with psycopg.connect(postgres_dsn) as db:
        saved = db.execute("SELECT count(*) FROM events WHERE command_id = 'note-2'").fetchone()
    assert saved == (1,)
    assert [note.text for note in store.load(case.id).notes].count("a held note") == 1
    # And the store goes on: another command is saved.
    assert casework.add_note(case.id, "next", MANAGER).version == case.version + 2


@pytest.mark.parametrize("committing", [False, True])
def test_no_answer_translates_to_its_own_meaning(committing: bool) -> None:
    """NoAnswer is its own row of the translation: StoreUnavailable, or with
    COMMIT sent OutcomeUnknown saying COMMIT had no answer; other
    operational errors keep theirs."""
    translated = translate(NoAnswer("msg"), "C-1", committing=committing, command_id="n-1")
    if committing:
        assert type(translated) is OutcomeUnknown
        assert str(translated) == (
            "case 'C-1': the PostgreSQL server did not answer COMMIT in time, so the "
            "command may or may not have been saved (msg)"
        )
        assert translated.command_id == "n-1"
    else:
        assert type(translated) is StoreUnavailable
        assert str(translated) == "case 'C-1': the PostgreSQL server did not answer in time (msg)"
    assert type(translate(psycopg.OperationalError("msg"), "C-1")) is StoreUnavailable
    assert isinstance(NoAnswer("msg"), psycopg.OperationalError)
    assert not isinstance(NoAnswer("msg"), errors.QueryCanceled)


def test_over_http_a_frozen_server_is_503_with_retry_after_or_outcome_unknown(
    frozen: Freezer, store: PostgresStore
) -> None:
    """``contactpolicy serve`` on the frozen store answers within the bound:
    a read (``/events``, ``/seal``, ``/cases``) is 503 ``store-unavailable``
    with ``Retry-After``, a note whose COMMIT had no answer 503
    ``outcome-unknown`` with ``Retry-After``; repeated after the thaw with
    the same ``Idempotency-Key``, the note is saved once."""
    tokens = {officer: issue(store, officer) for officer in ("manager",)}
    casework = Casework(store, clock=FrozenClock(START), officers=OFFICERS)
    headers = {"Authorization": f"Bearer {tokens['manager']}"}
    with (
        serving(create_app(casework)) as url,
        httpx.Client(base_url=f"{url}/v1", headers=headers, timeout=DEADLINE) as client,
    ):
        made = client.post("/cases", json=REPORT_BODY)
        assert made.status_code == 201, made.text
        case_id = made.json()["id"]
        frozen.freeze()
        for path in ("/events?after=0&limit=10", "/seal", "/cases"):
            answer = within_deadline(functools.partial(client.get, path))
            assert answer.status_code == 503, (path, answer.text)
            assert answer.headers["retry-after"] == RETRY_AFTER
            assert answer.json()["type"] == "urn:contactpolicy:problem:store-unavailable"
        frozen.resume()
        note = {"Idempotency-Key": "crm-note-frozen"}
        frozen.freeze_at_commit()
        answer = within_deadline(
            lambda: client.post(f"/cases/{case_id}/add_note", json={"text": "Held."}, headers=note)
        )
        assert answer.status_code == 503, answer.text
        assert answer.headers["retry-after"] == RETRY_AFTER
        assert answer.json()["type"] == "urn:contactpolicy:problem:outcome-unknown"
        frozen.resume()
        again = client.post(f"/cases/{case_id}/add_note", json={"text": "Held."}, headers=note)
        assert (again.status_code, again.headers["etag"]) == (200, '"2"'), again.text
        assert len(client.get(f"/cases/{case_id}/history").json()) == 2


def test_ctrl_c_still_interrupts_a_wait_on_a_frozen_server(
    frozen: Freezer, store: PostgresStore
) -> None:
    """An interruption (SIGINT, Ctrl-C) during a wait for a frozen server is
    KeyboardInterrupt, as psycopg makes it (it tries to cancel the query, and
    closes the connection when that is not answered either), not a store
    error; the store works once the server answers again."""
    _, case = told(store, 0)
    frozen.freeze()
    main = threading.main_thread().ident
    assert main is not None
    # Python's own handler, as in a terminal: a process started in the
    # background of a script inherits SIGINT ignored.
    replaced = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.5, signal.pthread_kill, (main, signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            within_deadline(lambda: store.load(case.id))
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, replaced)
    frozen.resume()
    assert store.load(case.id) == case


def test_a_transaction_block_on_a_frozen_server_is_store_unavailable(
    frozen: Freezer, store: PostgresStore
) -> None:
    """A customer's contact log, written in a transaction of psycopg's
    (which would roll back on the connection given up), fails the same way:
    the wait for the log's lock gets no answer, and nothing was written."""
    assert store.contacts("CRM-7") == []
    frozen.freeze()
    with pytest.raises(StoreUnavailable) as refused, store.contact_unit("CRM-7") as unit:
        unit.contacts(None)
    assert str(refused.value) == f"the PostgreSQL server did not answer in time ({no_answer()})"
    frozen.resume()
    with store.contact_unit("CRM-7") as unit:
        assert unit.contacts(None) == []
