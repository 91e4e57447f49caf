"""The HTTP API for its tests: served by uvicorn over a MemoryStore on a
frozen clock, with a bearer token for each officer of the tests' directory."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import attrs
import httpx
import pendulum

from contactpolicy import Casework, FrozenClock, Officer
from contactpolicy.http import create_app
from contactpolicy.stores import MemoryStore
from contactpolicy.stores.tokens import ApiToken, TokenStore, new_secret

from support.builders import ONE_OF_EACH, START
from support.http_server import serving


@attrs.frozen
class Api:
    """The served API: its base URL, the casework and store behind it, its clock and a
    bearer token for each officer of the directory, by officer id."""

    url: str
    casework: Casework
    store: MemoryStore
    clock: FrozenClock
    tokens: dict[str, str]

    def client(self, officer_id: str | None) -> httpx.Client:
        """An HTTP client acting as ``officer_id`` (``None``: no credentials)."""
        headers = (
            {} if officer_id is None else {"Authorization": f"Bearer {self.tokens[officer_id]}"}
        )
        return httpx.Client(base_url=f"{self.url}/v1", headers=headers, timeout=30)


OFFICERS: tuple[Officer, ...] = tuple(ONE_OF_EACH.values())
REPORT_BODY = {
    "customer": {"id": "CRM-7", "name": "Sam Taylor", "contact": "12 Week Street, Maidstone"},
    "issue": "council tax bill",
    "incidents": [
        {
            "behaviour": "excessive_demands",
            "occurred_at": "2026-01-30T10:00:00+00:00",
            "channel": "telephone",
            "description": "23 calls in one day",
        }
    ],
}
"""A report's body: one customer and one incident the day before the tests' start."""


def issue(store: TokenStore, officer_id: str) -> str:
    """A new token for ``officer_id`` kept in ``store``; its secret."""
    secret, digest = new_secret()
    store.add_token(ApiToken(f"tok_{officer_id}", digest, officer_id, "tests", START))
    return secret


@contextmanager
def served() -> Iterator[Api]:
    """The API served over an empty MemoryStore on a clock frozen at the
    tests' start (the ``api`` fixture of tests/conftest.py)."""
    clock = FrozenClock(START)
    store = MemoryStore()
    casework = Casework(store, clock=clock, officers=OFFICERS)
    tokens = {officer.id: issue(store, officer.id) for officer in OFFICERS}
    with serving(create_app(casework)) as url:
        yield Api(url, casework, store, clock, tokens)


def moment(at: pendulum.DateTime) -> str:
    """A time as the API takes it."""
    return at.in_timezone("UTC").isoformat()
