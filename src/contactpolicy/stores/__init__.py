"""Where cases are kept: the ``Store`` protocol, its implementations, and
:func:`open_store` to choose one by URL.

``PostgresStore`` is imported on first use, so ``import contactpolicy`` does
not load the PostgreSQL driver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from contactpolicy.errors import InvalidInput
from contactpolicy.stores.memory import MemoryStore
from contactpolicy.stores.protocols import Store
from contactpolicy.stores.sqlite import SQLiteStore

if TYPE_CHECKING:
    from contactpolicy.stores.postgres import PostgresStore

__all__ = ["MemoryStore", "PostgresStore", "SQLiteStore", "Store", "open_store"]

FORMS = (
    "memory://",
    "sqlite:///relative/path.db",
    "sqlite:////absolute/path.db",
    "postgresql://user@host:port/database",
)
"""The URLs :func:`open_store` accepts."""


def open_store(url: str) -> Store:
    """The store a URL names.

    ``memory://`` is a :class:`MemoryStore`; ``sqlite:///cases.db`` a
    :class:`SQLiteStore` on ``cases.db`` in the current folder and
    ``sqlite:////var/lib/contactpolicy/cases.db`` one on an absolute path;
    ``postgresql://`` (or ``postgres://``) URLs a :class:`PostgresStore`,
    passed to libpq as they are.

    >>> open_store("memory://")  # doctest: +ELLIPSIS
    <contactpolicy.stores.memory.MemoryStore object at ...>
    >>> open_store("mysql://db/cases")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: url: unknown store 'mysql'; use memory://, sqlite:///...
    """
    if not isinstance(url, str):
        raise _malformed(f"must be text, got {url!r}")
    scheme, _, rest = url.partition("://")
    if not rest and scheme != "memory":
        # Not echoed: text that is not a URL may be a connection string with a password.
        raise _malformed("expected a URL such as scheme://...")
    if scheme == "memory":
        if rest:
            raise _malformed(f"memory:// takes nothing after it, got {url!r}")
        return MemoryStore()
    if scheme == "sqlite":
        return SQLiteStore(_sqlite_path(url))
    if scheme in ("postgresql", "postgres"):
        return _postgres(url)
    raise _malformed(f"unknown store {scheme!r}")


def _sqlite_path(url: str) -> str:
    parts = urlsplit(url)
    if parts.netloc or not parts.path.startswith("/") or parts.path == "/":
        raise _malformed(f"a SQLite URL has three slashes and then a path, got {url!r}")
    if parts.query or parts.fragment:
        raise _malformed(f"a SQLite URL takes no options, got {url!r}")
    # The third slash ends the empty host; a fourth starts an absolute path.
    return parts.path[1:]


def _postgres(url: str) -> Store:
    import psycopg

    from contactpolicy.stores.postgres import PostgresStore

    try:
        psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as error:
        raise _malformed(f"not a PostgreSQL URL libpq can read: {error}") from None
    return PostgresStore(url)


def _malformed(problem: str) -> InvalidInput:
    return InvalidInput("url", f"{problem}; use {', '.join(FORMS[:-1])} or {FORMS[-1]}")


def __getattr__(name: str) -> Any:
    if name == "PostgresStore":
        from contactpolicy.stores.postgres import PostgresStore

        return PostgresStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
