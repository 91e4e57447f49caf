"""Test configuration: hypothesis profiles and the PostgreSQL server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from hypothesis import settings

import postgres_server

pytest.register_assert_rewrite("contactpolicy.testing")

settings.register_profile("ci", max_examples=200, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """The DSN of the session's PostgreSQL server. Without one the tests that
    need it skip, unless ``CONTACTPOLICY_REQUIRE_PG=1`` makes that a failure."""
    with ExitStack() as stack:
        try:
            dsn = stack.enter_context(postgres_server.server())
        except postgres_server.ServerUnavailable as missing:
            if os.environ.get("CONTACTPOLICY_REQUIRE_PG") == "1":
                pytest.fail(f"CONTACTPOLICY_REQUIRE_PG=1 but {missing}")
            pytest.skip(str(missing))
        yield dsn


@pytest.fixture
def postgres_dsn(postgres: str) -> Iterator[str]:
    """The DSN of a new, empty database of this test's own."""
    with postgres_server.database(postgres) as dsn:
        yield dsn
