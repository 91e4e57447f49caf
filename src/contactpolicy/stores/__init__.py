"""Where cases are kept: the ``Store`` protocol and its implementations.

``PostgresStore`` is imported on first use, so ``import contactpolicy`` does
not load the PostgreSQL driver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from contactpolicy.stores.memory import MemoryStore
from contactpolicy.stores.protocol import Store
from contactpolicy.stores.sqlite import SQLiteStore

if TYPE_CHECKING:
    from contactpolicy.stores.postgres import PostgresStore

__all__ = ["MemoryStore", "PostgresStore", "SQLiteStore", "Store"]


def __getattr__(name: str) -> Any:
    if name == "PostgresStore":
        from contactpolicy.stores.postgres import PostgresStore

        return PostgresStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
