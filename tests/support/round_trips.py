"""What a PostgreSQL store sends: every query of this thread, one entry
per round trip."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest


@contextmanager
def statements_sent(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The text of every query this thread sends, one entry per round
    trip, while the block runs (not the pool's, which sets up connections
    in a thread of its own)."""
    sent: list[str] = []
    execute = psycopg.Connection.execute
    caller = threading.get_ident()

    def spy(self: psycopg.Connection[Any], query: Any, *args: Any, **kwargs: Any) -> Any:
        if threading.get_ident() == caller:
            sent.append(query.decode() if isinstance(query, bytes) else str(query))
        return execute(self, query, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(psycopg.Connection, "execute", spy)
        yield sent
