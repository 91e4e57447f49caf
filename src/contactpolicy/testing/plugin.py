"""The pytest plugin of the testing kit, registered through the ``pytest11``
entry point: installing ``contactpolicy[testing]`` makes its fixtures
available in every test, with no import or ``conftest.py`` line.

- ``frozen_clock``: a :class:`~contactpolicy.FrozenClock` at 10:00 on
  31 January 2026, London time;
- ``memory_casework``: a :class:`~contactpolicy.Casework` under the
  Maidstone policy over a new ``MemoryStore``, on ``frozen_clock``;
- ``sqlite_casework``: the same over a new ``SQLiteStore`` in a temporary
  file of the test's own (``tmp_path / "cases.db"``), closed after the test;
- ``postgres_url``: the ``postgresql://`` URL of a new, empty database of the
  test's own, dropped after it, on a throwaway PostgreSQL server on
  127.0.0.1 started once per session from the installed server binaries as
  the library's own tests start it (:mod:`contactpolicy.testing.postgres_server`),
  or on the server whose URL is in ``CONTACTPOLICY_PG_DSN``. Without either
  the test is skipped, or fails when ``CONTACTPOLICY_REQUIRE_PG=1``. Opening
  a ``PostgresStore`` on it needs ``contactpolicy[postgres]``.

A project that uses none of them gets nothing from the plugin: it imports
nothing of contactpolicy (nor hypothesis) until a fixture is asked for, and
adds no option. Its one hook loads a hypothesis profile
(:mod:`contactpolicy.testing.profiles`) only when
``CONTACTPOLICY_HYPOTHESIS_PROFILE`` is set, or ``HYPOTHESIS_PROFILE`` names
one of the kit's profiles (``dev``, ``ci``, ``nightly``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import pendulum

    from contactpolicy.casework import Casework
    from contactpolicy.clock import FrozenClock

__all__ = [
    "frozen_clock",
    "memory_casework",
    "postgres_url",
    "pytest_configure",
    "sqlite_casework",
]


def pytest_configure() -> None:
    """Load the hypothesis profile (``dev``, ``ci`` or ``nightly``) that
    ``CONTACTPOLICY_HYPOTHESIS_PROFILE`` names, or else ``HYPOTHESIS_PROFILE``
    when it names one of them (see
    :func:`~contactpolicy.testing.profiles.plugin_profile`)."""
    if not (
        os.environ.get("CONTACTPOLICY_HYPOTHESIS_PROFILE") or os.environ.get("HYPOTHESIS_PROFILE")
    ):
        return
    from hypothesis import settings

    from contactpolicy.errors import InvalidInput
    from contactpolicy.testing.profiles import plugin_profile, register_profiles

    try:
        name = plugin_profile()
    except InvalidInput as error:
        raise pytest.UsageError(str(error)) from None
    if name is not None:
        register_profiles()
        settings.load_profile(name)


def _start() -> pendulum.DateTime:
    """10:00 on 31 January 2026, London time: where ``frozen_clock`` stands.
    A designation then is due for review on 30 April 2026 (6.4)."""
    import pendulum

    return pendulum.datetime(2026, 1, 31, 10, tz="Europe/London")


@pytest.fixture
def frozen_clock() -> FrozenClock:
    """A clock frozen at 10:00 on 31 January 2026, London time; move it with
    ``set(at)`` or ``advance(days=...)``."""
    from contactpolicy.clock import FrozenClock

    return FrozenClock(_start())


@pytest.fixture
def memory_casework(frozen_clock: FrozenClock) -> Casework:
    """The Maidstone policy over a new, empty ``MemoryStore``, on ``frozen_clock``."""
    from contactpolicy.casework import Casework
    from contactpolicy.stores.memory import MemoryStore

    return Casework(MemoryStore(), clock=frozen_clock)


@pytest.fixture
def sqlite_casework(frozen_clock: FrozenClock, tmp_path: Path) -> Iterator[Casework]:
    """The Maidstone policy over a new ``SQLiteStore`` in ``tmp_path / "cases.db"``,
    on ``frozen_clock``; the store is closed after the test."""
    from contactpolicy.casework import Casework
    from contactpolicy.stores.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "cases.db")
    try:
        yield Casework(store, clock=frozen_clock)
    finally:
        store.close()


@pytest.fixture(scope="session")
def _contactpolicy_postgres_server() -> Iterator[str]:
    """The URL of the session's PostgreSQL server, where databases may be
    created; the test is skipped without one, unless
    ``CONTACTPOLICY_REQUIRE_PG=1`` makes that a failure."""
    from contactpolicy.testing import postgres_server

    with ExitStack() as stack:
        try:
            url = stack.enter_context(postgres_server.server())
        except postgres_server.ServerUnavailable as missing:
            if os.environ.get("CONTACTPOLICY_REQUIRE_PG") == "1":
                pytest.fail(f"CONTACTPOLICY_REQUIRE_PG=1 but {missing}")
            pytest.skip(str(missing))
        yield url


@pytest.fixture
def postgres_url(_contactpolicy_postgres_server: str) -> Iterator[str]:
    """The ``postgresql://`` URL of a new, empty database of this test's own,
    dropped after it (``open_store(postgres_url)`` or
    ``PostgresStore(postgres_url)`` opens a store on it)."""
    from contactpolicy.testing import postgres_server

    with postgres_server.database(_contactpolicy_postgres_server) as url:
        yield url
