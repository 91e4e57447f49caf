"""Where cases are kept: the ``Store`` protocol and its implementations."""

from contactpolicy.stores.memory import MemoryStore
from contactpolicy.stores.protocol import Store

__all__ = ["MemoryStore", "Store"]
