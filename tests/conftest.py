"""Shared fixtures: cases in every state, the PostgreSQL server (the testing
kit's plugin's), and the kit's hypothesis profiles chosen by
HYPOTHESIS_PROFILE."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from contactpolicy import Case, CaseState, Casework, FrozenClock
from contactpolicy.stores import MemoryStore, PostgresStore, SQLiteStore
from contactpolicy.stores.protocols import Store
from contactpolicy.testing import profiles

from support.builders import START, in_state
from support.command_line import START as COMMAND_START
from support.command_line import CommandLine

if TYPE_CHECKING:
    from support.api import Api

pytest.register_assert_rewrite("contactpolicy.testing")

# The kit's profiles, chosen by CONTACTPOLICY_HYPOTHESIS_PROFILE or
# HYPOTHESIS_PROFILE (.ci/run sets HYPOTHESIS_PROFILE=ci).
profiles.load_profile()


@pytest.fixture
def clock() -> FrozenClock:
    """A clock frozen at 10:00 on 31 January 2026, London time."""
    return FrozenClock(START)


@pytest.fixture
def casework(clock: FrozenClock) -> Casework:
    """The Maidstone policy over an empty MemoryStore."""
    return Casework(MemoryStore(), clock=clock)


CaseIn = Callable[[CaseState], Case]


@pytest.fixture
def case_in(casework: Casework) -> CaseIn:
    """Build a case in the given state by running the usual commands."""

    return lambda state: in_state(casework, state)


@pytest.fixture(scope="session")
def postgres(_contactpolicy_postgres_server: str) -> str:
    """The URL of the session's PostgreSQL server, the testing kit's plugin's
    (``postgres_url``). Without one the tests that need it skip, unless
    ``CONTACTPOLICY_REQUIRE_PG=1`` makes that a failure."""
    return _contactpolicy_postgres_server


@pytest.fixture
def postgres_dsn(postgres_url: str) -> str:
    """The URL of a new, empty database of this test's own (the plugin's
    ``postgres_url``)."""
    return postgres_url


@pytest.fixture
def api() -> Iterator[Api]:
    """The HTTP API served by uvicorn on 127.0.0.1 over an empty MemoryStore,
    with a bearer token for each of the tests' officers (support/api.py)."""
    from support.api import served

    with served() as running:
        yield running


@pytest.fixture
def command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> CommandLine:
    """The contactpolicy command in an empty folder holding the starter
    configuration, on a clock frozen at 09:30 on 5 January 2026, 80 columns
    wide, with no CONTACTPOLICY_ or colour settings from outside."""
    for name in (
        "CONTACTPOLICY_DB",
        "CONTACTPOLICY_CONFIG",
        "CONTACTPOLICY_OFFICER",
        "CONTACTPOLICY_AUDIT_KEY",
        "FORCE_COLOR",
        "NO_COLOR",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(tmp_path)
    run = CommandLine(tmp_path, FrozenClock(COMMAND_START), capsys)
    assert run("init").status == 0
    return run


STORES = ["memory", "sqlite", "postgresql"]
"""The library's stores, by the name a test's id shows."""


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each kind, closed after the test. A PostgreSQL
    store pools ``POOL_CONNECTIONS`` connections when the test module sets
    it (one for each thread a test runs at once), else 2."""
    opened: Store
    if request.param == "memory":
        opened = MemoryStore()
    elif request.param == "sqlite":
        opened = SQLiteStore(tmp_path / "cases.db")
    else:
        connections = getattr(request.module, "POOL_CONNECTIONS", 2)
        opened = PostgresStore(request.getfixturevalue("postgres_dsn"), max_connections=connections)
    yield opened
    opened.close()
