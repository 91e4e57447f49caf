"""Where cases are kept: the store protocols, their implementations, and
:func:`open_store` to choose one by URL.

``PostgresStore`` is imported on first use, so ``import contactpolicy`` does
not load the PostgreSQL driver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from contactpolicy.stores.memory import MemoryStore
from contactpolicy.stores.protocols import (
    ERASED,
    AppliedCommand,
    AppliedContact,
    CaseStore,
    ContactCommand,
    ContactLog,
    ErasedContact,
    Erasure,
    EventFeed,
    PurgeRun,
    Store,
    UnitOfWork,
    WaitingContact,
)
from contactpolicy.stores.sqlite import SQLiteStore
from contactpolicy.stores.url import open_store

if TYPE_CHECKING:
    from contactpolicy.stores.postgres import PostgresStore

__all__ = [
    "ERASED",
    "AppliedCommand",
    "AppliedContact",
    "CaseStore",
    "ContactCommand",
    "ContactLog",
    "ErasedContact",
    "Erasure",
    "EventFeed",
    "MemoryStore",
    "PostgresStore",
    "PurgeRun",
    "SQLiteStore",
    "Store",
    "UnitOfWork",
    "WaitingContact",
    "open_store",
]


def __getattr__(name: str) -> Any:
    if name == "PostgresStore":
        from contactpolicy.stores.postgres import PostgresStore

        return PostgresStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
