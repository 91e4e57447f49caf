"""Where cases are kept: the ``Store`` protocol and its implementations."""

from contactpolicy.stores.memory import MemoryStore
from contactpolicy.stores.protocol import Store
from contactpolicy.stores.sqlite import SQLiteStore

__all__ = ["MemoryStore", "SQLiteStore", "Store"]
