"""Choosing a store by URL: :func:`open_store` and the URLs it reads.

Pure parsing apart from opening the store it names; ``PostgresStore`` is
imported only for a PostgreSQL URL, so ``import contactpolicy`` does not load
the PostgreSQL driver.
"""

from __future__ import annotations

from typing import TypedDict
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from contactpolicy.errors import InvalidInput
from contactpolicy.stores.checks import check_seconds
from contactpolicy.stores.memory import MemoryStore
from contactpolicy.stores.protocols import Store
from contactpolicy.stores.sqlite import SQLiteStore

__all__ = ["FORMS", "TIME_LIMITS", "TimeLimits", "open_store", "postgres_settings"]

FORMS = (
    "memory://",
    "sqlite:///relative/path.db",
    "sqlite:////absolute/path.db",
    "postgresql://user@host:port/database",
)
"""The URLs :func:`open_store` accepts."""


class TimeLimits(TypedDict, total=False):
    """The time limits a PostgreSQL URL sets, in seconds."""

    connect_timeout: float
    lock_timeout: float
    statement_timeout: float


TIME_LIMITS = ("connect_timeout", "lock_timeout", "statement_timeout")
"""The query parameters of a PostgreSQL URL that bound the store's waits, in
seconds; they are ``PostgresStore``'s keyword arguments of the same names."""


def open_store(url: str) -> Store:
    """The store a URL names.

    ``memory://`` is a :class:`MemoryStore`; ``sqlite:///cases.db`` a
    :class:`SQLiteStore` on ``cases.db`` in the current folder and
    ``sqlite:////var/lib/contactpolicy/cases.db`` one on an absolute path;
    ``postgresql://`` (or ``postgres://``) URLs a ``PostgresStore``. A
    PostgreSQL URL may end in ``?connect_timeout=5&lock_timeout=5&statement_timeout=30``
    (seconds; see :func:`postgres_settings`); the rest goes to libpq as it is.
    A malformed URL is ``InvalidInput`` for ``url`` (or the parameter it
    names), never echoing a password.

    >>> open_store("memory://")  # doctest: +ELLIPSIS
    <contactpolicy.stores.memory.MemoryStore object at ...>
    >>> open_store("mysql://db/cases")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: url: unknown store 'mysql'; use memory://, sqlite:///...
    """
    if not isinstance(url, str):
        raise _malformed(f"must be text, got a {type(url).__name__}")
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
        from contactpolicy.stores.postgres import PostgresStore

        conninfo, limits = postgres_settings(url)
        return PostgresStore(conninfo, **limits)
    raise _malformed(f"unknown store {scheme!r}")


def postgres_settings(url: str) -> tuple[str, TimeLimits]:
    """A PostgreSQL URL split into what libpq reads and the time limits
    (:data:`TIME_LIMITS`, seconds) taken out of its query.

    >>> postgres_settings("postgresql://casework@db/cases?lock_timeout=1.5&sslmode=require")
    ('postgresql://casework@db/cases?sslmode=require', {'lock_timeout': 1.5})
    >>> postgres_settings("postgresql://db/cases?lock_timeout=soon")
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: lock_timeout: must be a number of seconds above 0, got 'soon'
    """
    import psycopg

    parts = urlsplit(url)
    kept: list[tuple[str, str]] = []
    limits = TimeLimits()
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name not in TIME_LIMITS:
            kept.append((name, value))
            continue
        try:
            seconds = float(value)
        except ValueError:
            raise InvalidInput(
                name, f"must be a number of seconds above 0, got {value!r}"
            ) from None
        limits[name] = check_seconds(name, seconds)  # type: ignore[literal-required]
    conninfo = urlunsplit(parts._replace(query=urlencode(kept)))
    try:
        psycopg.conninfo.conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError as error:
        problem = str(error)
        if parts.password:
            problem = problem.replace(parts.password, "…")
        raise _malformed(f"not a PostgreSQL URL libpq can read: {problem}") from None
    return conninfo, limits


def _sqlite_path(url: str) -> str:
    parts = urlsplit(url)
    if parts.netloc or not parts.path.startswith("/") or parts.path == "/":
        raise _malformed(f"a SQLite URL has three slashes and then a path, got {url!r}")
    if parts.query or parts.fragment:
        raise _malformed(f"a SQLite URL takes no options, got {url!r}")
    # The third slash ends the empty host; a fourth starts an absolute path.
    return parts.path[1:]


def _malformed(problem: str) -> InvalidInput:
    return InvalidInput("url", f"{problem}; use {', '.join(FORMS[:-1])} or {FORMS[-1]}")
