"""Regression: ``If-Match`` was checked on a command's first attempt only.

A PostgreSQL store decides a command on the copy of the case it holds and
learns as it writes that the copy is stale; ``Casework`` then decides the
command again on the case read under lock. That second decision was not
checked against ``If-Match``: two ``rectify`` sent at once with
``If-Match: "1"`` to two servers sharing one database were both saved (the
case at version 3, the last name silently replacing the other), up to ten
of ten ``add_note`` were, and a second ``warn`` was 409 for the state the
first had left, not 412. The other way round, a version the client had read
from another server was refused with 412 on a held copy that had gone
stale, naming that copy's version.

``If-Match`` is now checked on every attempt at the command until one
commits, and its refusal, a ``PolicyError``, is rechecked against the row
when it was decided on a held copy, as any refusal is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from contactpolicy import (
    Case,
    Casework,
    Channel,
    ConcurrentUpdate,
    FrozenClock,
    TransitionNotAllowed,
)
from contactpolicy.audit.events import AuditEvent
from contactpolicy.http import create_app
from contactpolicy.http.conditional import expecting
from contactpolicy.http.problems import StaleVersion
from contactpolicy.stores import PostgresStore, SQLiteStore, Store
from contactpolicy.stores.protocols import AppliedCommand

from support.api import OFFICERS, issue
from support.builders import CUSTOMER, MANAGER, RECORDS, START, incident
from support.http_server import serving

PATIENCE = 60
"""Seconds a racing request waits for the others before failing."""


class Counted:
    """``store``, counting the units of work opened: one for each attempt
    at a command."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.opened = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    @contextmanager
    def unit_of_work(self) -> Iterator[Any]:
        self.opened += 1
        with self._store.unit_of_work() as work:
            yield work


def two_servers(dsn: str) -> tuple[Casework, Casework, Case]:
    """Casework on each of two PostgreSQL stores on one database (two
    application servers), the first's store :class:`Counted`, and a case
    the first reported, which it holds."""
    clock = FrozenClock(START)
    here = Casework(Counted(PostgresStore(dsn)), clock=clock)
    there = Casework(PostgresStore(dsn), clock=clock)
    case = here.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    counted(here).opened = 0
    return here, there, case


def counted(casework: Casework) -> Counted:
    """The casework's store, :class:`Counted`."""
    assert isinstance(casework.store, Counted)
    return casework.store


def closed(*caseworks: Casework) -> None:
    for casework in caseworks:
        casework.store.close()


def test_a_write_from_another_server_is_caught_on_the_held_copy_s_second_decision(
    postgres_dsn: str,
) -> None:
    """The first decision, on the copy this server holds (version 1), passes
    ``If-Match: "1"``; its write finds the row moved on (another server's
    note), and the second decision, on the row read under lock, is refused:
    412, nothing written."""
    here, there, case = two_servers(postgres_dsn)
    noted = there.add_note(case.id, "There.", MANAGER)
    with pytest.raises(StaleVersion) as refused:
        expecting(here, '"1"').add_note(case.id, "Here.", MANAGER)
    assert (refused.value.given, refused.value.current) == ('"1"', 2)
    assert counted(here).opened == 2
    assert here.get(case.id) == there.get(case.id) == noted
    assert [event.kind for event in here.history(case.id)] == ["report", "add_note"]
    closed(here, there)


def test_a_version_read_from_another_server_is_not_refused_on_a_stale_held_copy(
    postgres_dsn: str,
) -> None:
    """A client that read version 2 from the other server names it: the
    copy this server holds (version 1) is stale, so the refusal decided on
    it is checked against the row, and the command is decided again on the
    case as it is, and saved."""
    here, there, case = two_servers(postgres_dsn)
    there.add_note(case.id, "There.", MANAGER)
    saved = expecting(here, '"2"').add_note(case.id, "Here.", MANAGER)
    assert saved.version == 3
    assert [note.text for note in saved.notes] == ["There.", "Here."]
    assert counted(here).opened == 2
    assert here.verify(case.id).problems == ()
    closed(here, there)


def test_a_current_held_copy_s_refusal_stands(postgres_dsn: str) -> None:
    """A version the case is not at, refused on a held copy that is still
    the stored case: 412 at once, naming the version it is at."""
    here, there, case = two_servers(postgres_dsn)
    with pytest.raises(StaleVersion) as refused:
        expecting(here, '"7"').add_note(case.id, "Here.", MANAGER)
    assert refused.value.current == 1
    assert counted(here).opened == 1
    assert there.get(case.id) == case
    closed(here, there)


def test_a_warning_given_meanwhile_by_another_server_is_412_not_409(postgres_dsn: str) -> None:
    """A second warning decided on a held copy of the reported case, after
    another server warned: not ``TransitionNotAllowed`` for the state the
    other warning left, but the version ``If-Match`` named."""
    here, there, case = two_servers(postgres_dsn)
    warned = there.warn(case.id, MANAGER, Channel.LETTER)
    with pytest.raises(StaleVersion) as refused:
        expecting(here, '"1"').warn(case.id, MANAGER, Channel.TELEPHONE)
    assert refused.value.current == 2
    assert here.get(case.id) == warned
    with pytest.raises(TransitionNotAllowed):  # without If-Match, the state's answer
        here.warn(case.id, MANAGER, Channel.TELEPHONE)
    closed(here, there)


class Interloper:
    """``store`` as a store that decides on a copy and learns only as it
    writes that the copy is stale: its first unit of work's ``save`` is
    ``ConcurrentUpdate`` (nothing written), and before the second opens,
    ``write`` changes the case through the store itself, as another writer
    would have."""

    def __init__(self, store: Store, write: Callable[[], object]) -> None:
        self._store = store
        self._write = write
        self.opened = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    @contextmanager
    def unit_of_work(self) -> Iterator[Any]:
        self.opened += 1
        if self.opened == 2:
            self._write()
        with self._store.unit_of_work() as work:
            yield _Stale(work) if self.opened == 1 else work


class _Stale:
    """A unit of work whose record of a command finds the case moved on."""

    def __init__(self, work: Any) -> None:
        self._work = work

    def __getattr__(self, name: str) -> Any:
        return getattr(self._work, name)

    def record(
        self,
        case: Case,
        event: AuditEvent,
        expected_version: int,
        command: AppliedCommand | None = None,
    ) -> None:
        del event, command  # refused before anything is looked at
        raise ConcurrentUpdate(case.id, expected_version, expected_version + 1)


@pytest.mark.parametrize("command_id", [None, "crm-rectify-1"])
def test_every_attempt_is_checked_on_every_store(store: Store, command_id: str | None) -> None:
    """On every store, a command decided again after ``ConcurrentUpdate``
    (the case changed between the decision and the write) is checked
    against ``If-Match`` again: 412, and nothing of it written."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)

    def elsewhere() -> None:
        casework.rectify(case.id, RECORDS, "customer.name", "John Smith", "typo")

    racing = Interloper(store, elsewhere)
    checked = expecting(Casework(racing, clock=clock), '"1"')
    with pytest.raises(StaleVersion) as refused:
        checked.rectify(
            case.id, RECORDS, "customer.name", "Jon Smith", "typo", command_id=command_id
        )
    assert refused.value.current == 2
    assert racing.opened == 2
    assert store.load(case.id).customer.name == "John Smith"
    assert [event.kind for event in casework.history(case.id)] == ["report", "rectify"]


# Over HTTP -------------------------------------------------------------------


@contextmanager
def api(store: Any) -> Iterator[str]:
    """The API served over ``store`` (one application server); its base URL."""
    casework = Casework(store, clock=FrozenClock(START), officers=OFFICERS)
    with serving(create_app(casework)) as url:
        yield f"{url}/v1"


def tokens(store: Any) -> dict[str, str]:
    """A bearer token for the manager and the records officer, kept in
    ``store`` (so in the database, for every server on it)."""
    return {officer: issue(store, officer) for officer in ("manager", "records")}


def post(url: str, token: str, path: str, body: dict[str, Any], if_match: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}", "If-Match": if_match}
    with httpx.Client(base_url=url, headers=headers, timeout=PATIENCE) as client:
        return client.post(path, json=body)


RECTIFY = {"field": "customer.name", "value": "John Smith", "reason": "typo"}


def test_over_http_a_write_from_another_server_is_412_with_the_current_etag(
    postgres_dsn: str,
) -> None:
    """``POST /cases/{id}/rectify`` with ``If-Match: "1"`` to a server whose
    copy of the case is version 1, after another server rectified it: 412
    naming version 2 as the ``ETag``, nothing written; with ``If-Match:
    "2"`` the same server saves it."""
    here, there = PostgresStore(postgres_dsn), PostgresStore(postgres_dsn)
    secrets = tokens(here)
    clock = FrozenClock(START)
    case = Casework(here, clock=clock).report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    Casework(there, clock=clock).rectify(case.id, RECORDS, "customer.name", "Jon Smith", "typo")
    with api(here) as url:
        stale = post(url, secrets["records"], f"/cases/{case.id}/rectify", RECTIFY, '"1"')
        assert stale.status_code == 412, stale.text
        assert stale.headers["etag"] == '"2"'
        assert stale.json()["type"] == "urn:contactpolicy:problem:stale-version"
        assert here.load(case.id).customer.name == "Jon Smith"
        current = post(url, secrets["records"], f"/cases/{case.id}/rectify", RECTIFY, '"2"')
        assert (current.status_code, current.headers["etag"]) == (200, '"3"')
    assert there.load(case.id).customer.name == "John Smith"
    here.close()
    there.close()


class Racing:
    """``store`` whose next ``racers`` units of work all decide before any
    writes: each waits, after loading its case (PostgreSQL: from the copy
    the store holds, which takes no lock), or before it begins (a store
    that locks as it begins: SQLite), until every one has got there. Later
    units of work (the decisions made again) do not wait."""

    def __init__(self, store: Store, barrier: threading.Barrier, racers: int) -> None:
        self._store = store
        self._barrier = barrier
        self._racers = racers
        self._lock = threading.Lock()
        self._after_load = isinstance(store, PostgresStore)
        self.opened = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    @contextmanager
    def unit_of_work(self) -> Iterator[Any]:
        with self._lock:
            self.opened += 1
            racing = self.opened <= self._racers
        if racing and not self._after_load:
            self._barrier.wait()
        with self._store.unit_of_work() as work:
            yield _Waiting(work, self._barrier) if racing and self._after_load else work


class _Waiting:
    """A unit of work that waits at ``barrier`` once it has loaded its case."""

    def __init__(self, work: Any, barrier: threading.Barrier) -> None:
        self._work = work
        self._barrier = barrier

    def __getattr__(self, name: str) -> Any:
        return getattr(self._work, name)

    def load(self, case_id: str) -> tuple[Case, AuditEvent]:
        found: tuple[Case, AuditEvent] = self._work.load(case_id)
        self._barrier.wait()
        return found


def held(store: Store, case_id: str) -> None:
    """Have ``store`` hold the case as it is, and know the feed's head, as
    a server that has just read it under lock does."""
    with store.unit_of_work() as work:
        work.load(case_id)
        work.feed_head()


COMMANDS: dict[str, tuple[str, Callable[[int], dict[str, Any]], str]] = {
    "rectify": (
        "rectify",
        lambda n: {**RECTIFY, "value": ("John Smith", "Jon Smith")[n % 2]},
        "records",
    ),
    "add_note": ("add_note", lambda n: {"text": f"Note {n}."}, "manager"),
    "warn": ("warn", lambda n: {"method": ("letter", "telephone")[n % 2]}, "manager"),
}


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_commands_sent_at_once_with_one_if_match_save_one(
    kind: str, command: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """The reproduction: the same command sent by several clients at
    once with ``If-Match: "1"``, to two servers on one database. Every
    request decides before any writes; exactly one is saved (200) and every
    other is 412, the case at version 2 with one event of the command."""
    racers = 6
    stores: list[Store]
    if kind == "postgresql":
        dsn = request.getfixturevalue("postgres_dsn")
        stores = [PostgresStore(dsn, max_connections=racers) for _ in range(2)]
    else:
        stores = [SQLiteStore(tmp_path / "cases.db") for _ in range(2)]
    secrets = tokens(stores[0])
    case = Casework(stores[0], clock=FrozenClock(START)).report(
        CUSTOMER, "council tax", [incident()], by=MANAGER
    )
    for store in stores:
        held(store, case.id)
    barrier = threading.Barrier(racers, timeout=PATIENCE)
    servers = [Racing(store, barrier, racers // 2) for store in stores]
    name, body, officer = COMMANDS[command]
    with api(servers[0]) as first, api(servers[1]) as second:
        urls = [first, second]

        def send(n: int) -> httpx.Response:
            path = f"/cases/{case.id}/{name}"
            try:
                return post(urls[n % 2], secrets[officer], path, body(n), '"1"')
            except BaseException:
                barrier.abort()
                raise

        with ThreadPoolExecutor(racers) as pool:
            answers = list(pool.map(send, range(racers)))
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200] + [412] * (racers - 1), [answer.text for answer in answers]
    assert {answer.headers["etag"] for answer in answers} == {'"2"'}
    casework = Casework(stores[0])
    assert stores[1].load(case.id).version == 2
    assert [event.kind for event in casework.history(case.id)] == ["report", name]
    assert casework.verify_all().problems == ()
    if kind == "postgresql":
        # Every loser decided on the copy its server held, then again under lock.
        assert sum(server.opened for server in servers) == 2 * racers - 1
    for store in stores:
        store.close()
