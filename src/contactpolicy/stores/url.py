"""Choosing a store by URL: :func:`open_store` and the URLs it reads.

Pure parsing apart from opening the store it names; ``PostgresStore`` is
imported only for a PostgreSQL URL, so ``import contactpolicy`` does not load
the PostgreSQL driver.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypedDict
from urllib.parse import SplitResult, unquote, urlsplit

from contactpolicy.domain import wording
from contactpolicy.domain.numerals import digits
from contactpolicy.domain.validation import describe, describe_text
from contactpolicy.errors import InvalidInput
from contactpolicy.stores.checks import check_seconds
from contactpolicy.stores.memory import MemoryStore
from contactpolicy.stores.protocols import Store
from contactpolicy.stores.sqlite import SQLiteStore

__all__ = [
    "CHOICES",
    "FORMS",
    "INT_RANGE",
    "NUMBERS",
    "TIME_LIMITS",
    "TimeLimits",
    "check_conninfo",
    "check_parameters",
    "check_user_info",
    "open_store",
    "postgres_settings",
    "redact",
    "sqlite_path",
]

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
    ``postgresql://`` (or ``postgres://``) URLs a ``PostgresStore``; the
    scheme may be written in any case (``SQLite:///cases.db``). A
    PostgreSQL URL may end in ``?connect_timeout=5&lock_timeout=5&statement_timeout=30``
    (seconds; see :func:`postgres_settings`); the rest goes to libpq as it is.
    A malformed URL is ``InvalidInput`` for ``url``, and one with a part no
    server would take (a port, ``sslmode``, a time limit) ``InvalidInput``
    naming that part (:func:`check_parameters`): trying again cannot mend
    it, so it is never ``StoreUnavailable``. No error echoes a password.

    >>> open_store("memory://")  # doctest: +ELLIPSIS
    <contactpolicy.stores.memory.MemoryStore object at ...>
    >>> open_store("mysql://db/cases")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: url: unknown store 'mysql'; use memory://, sqlite:///...
    """
    if not isinstance(url, str):
        raise _malformed(f"must be text, got {describe(url)}")
    scheme, separator, rest = url.partition("://")
    if scheme.isascii() and scheme != scheme.lower():
        # A scheme is case-insensitive (RFC 3986, 3.1); libpq reads it in lower case.
        scheme = scheme.lower()
        url = f"{scheme}://{rest}"
    if not separator or not _SCHEME.fullmatch(scheme) or (not rest and scheme != "memory"):
        # Not echoed: text that is not a URL may be a connection string with a password.
        raise _malformed("expected a URL such as scheme://...")
    if scheme == "memory":
        if rest:
            raise _malformed(f"memory:// takes nothing after it, got {redact(url)!r}")
        return MemoryStore()
    if scheme == "sqlite":
        return SQLiteStore(sqlite_path(url))
    if scheme in ("postgresql", "postgres"):
        from contactpolicy.stores.postgres import PostgresStore

        conninfo, limits = postgres_settings(url)
        return PostgresStore(conninfo, **limits)
    raise _malformed(f"unknown store {scheme!r}")


_DECIMAL = re.compile(r"[0-9]{1,20}(?:\.[0-9]{1,20})?")
"""A time limit as a URL gives it: digits, and a fraction after a point.
Not Python's ``float`` syntax, which also reads ``1_0``, ``1e3``, ``inf``
and digits of other scripts."""

_SCHEME = re.compile(r"[a-z][a-z0-9+.-]{0,30}")
"""A URL's scheme; anything else is not repeated in an error."""

_USERINFO = re.compile(r"(?P<start>^[^:/?#]+://[^:@/?#]*):[^/?#]*@")
_PASSWORD = re.compile(r"(?P<start>password\s*=\s*)(?:'(?:[^'\\]|\\.)*'?|[^\s&;#]*)", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` with any password in it replaced by ``…``: the password of a
    URL's ``user:password@`` and the value of a ``password=`` parameter (in
    a URL's query or a libpq connection string), so a URL, a connection
    string or a driver's message that quotes one may be shown.

    >>> redact("postgresql://casework:hunter2@db/cases?sslmode=require")
    'postgresql://casework:…@db/cases?sslmode=require'
    >>> redact("host=db password='hunter 2' dbname=cases")
    'host=db password=… dbname=cases'
    """
    return _PASSWORD.sub(r"\g<start>…", _USERINFO.sub(r"\g<start>:…@", text))


CHOICES = {
    "sslmode": ("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
    "gssencmode": ("disable", "prefer", "require"),
    "channel_binding": ("disable", "prefer", "require"),
    "target_session_attrs": (
        "any",
        "read-write",
        "read-only",
        "primary",
        "standby",
        "prefer-standby",
    ),
    "load_balance_hosts": ("disable", "random"),
}
"""The PostgreSQL connection parameters that take one of a few words, and
the words libpq takes."""

NUMBERS = (
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_count",
    "tcp_user_timeout",
)
"""The PostgreSQL connection parameters that take a whole number."""

INT_RANGE = (-(2**31), 2**31 - 1)
"""The whole numbers libpq reads for :data:`NUMBERS`: a C ``int``."""

_INTEGER = re.compile(r"[ \t\n\v\f\r]*([+-]?)([0-9]+)[ \t\n\v\f\r]*")
"""A whole number as libpq reads one (``strtol``): spaces, a sign and
ASCII digits, then spaces."""


def check_conninfo(conninfo: Any, field: str) -> None:
    """``conninfo`` is text libpq can read as a connection string or URL,
    else :class:`InvalidInput` for ``field``, and no part of it is one no
    server would take (:func:`check_parameters`). The error gives libpq's
    words only when the text holds no password: libpq quotes what it could
    not read, which may be the password. Without psycopg installed it is the
    ``ModuleNotFoundError`` of :mod:`contactpolicy.stores.postgres`, which
    names the ``postgres`` extra to install."""
    # First the store's module, whose import names the extra if psycopg is missing.
    import contactpolicy.stores.postgres  # noqa: F401

    # isort: split
    import psycopg

    if not isinstance(conninfo, str):
        raise _unreadable(f"must be text, got {describe(conninfo)}", field)
    check_user_info(conninfo, field)
    try:
        given = psycopg.conninfo.conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError as error:
        words = str(error).strip().split("\n", 1)[0]
        unknown = _UNKNOWN.search(words)
        if unknown is not None and unknown["name"] in TIME_LIMITS:
            # Only open_store takes the limits out of a URL; libpq knows none.
            name = unknown["name"]
            raise InvalidInput(
                field,
                f"{name} is the store's, not libpq's: give it as PostgresStore(conninfo, "
                f"{name}=seconds), or give a postgresql:// URL holding it to open_store",
            ) from None
        what = "a PostgreSQL URL" if field == "url" else "a connection string or URL"
        raise _unreadable(f"not {what} libpq can read ({_words(words, conninfo)})", field) from None
    check_parameters(given)


def _unreadable(problem: str, field: str) -> InvalidInput:
    """:class:`InvalidInput` for ``field``, text that cannot name a store:
    for ``url`` (:func:`open_store`) with the URLs it takes, and for a
    ``PostgresStore``'s connection string with what that takes."""
    if field == "url":
        return _malformed(problem)
    return InvalidInput(
        field,
        f"{problem}; give a libpq connection string (host=... dbname=...) or a "
        "postgresql://user@host:port/database URL",
    )


_UNKNOWN = re.compile(r'invalid (?:URI query parameter: |connection option )"(?P<name>.*)"', re.S)
"""libpq's words for a parameter it does not know, in a URL's query or a
connection string."""

_NAME = re.compile(r"[a-z][a-z_]{0,31}")
"""What a parameter's name looks like (``sslmode``, ``target_session_attrs``)."""


_LIBPQ_TOKENS = ('"="', '":"', '"/"', '"]"')
"""The quoted characters of libpq's own messages (``missing key/value
separator "="``), kept when the rest of what a message quotes is left out."""

_QUOTED = re.compile(r'"[^"]*"')


def elide(words: str, name: str = "") -> str:
    """libpq's ``words`` with what they quote of the text they are about
    left out (``"…"``): libpq quotes the part it could not read, which may be
    a password or a piece of one; its own tokens, such as ``"="``, stay, and
    so does the parameter ``name`` they are about.

    >>> elide('invalid percent-encoded token: "pass%word"')
    'invalid percent-encoded token: "…"'
    >>> elide('invalid "ssl_min_protocol_version" value: "TLSv9"', "ssl_min_protocol_version")
    'invalid "ssl_min_protocol_version" value: "…"'
    """
    kept = (*_LIBPQ_TOKENS, f'"{name}"')
    return _QUOTED.sub(lambda quoted: quoted[0] if quoted[0] in kept else '"…"', words)


def _words(words: str, conninfo: str) -> str:
    """What to say of libpq's refusal (its ``words``) to read ``conninfo``: the name of a
    parameter it does not know, with the one meant, if it looks like a
    misspelling of one of libpq's or :data:`TIME_LIMITS`; otherwise its
    words with what they quote left out (:func:`elide`), and none at all
    when the text holds a password."""
    unknown = _UNKNOWN.search(words)
    if unknown is not None:
        name = unknown["name"]
        meant = _meant(name) if _NAME.fullmatch(name) else None
        if meant is not None:
            return f"libpq has no parameter {name!r}; did you mean {meant!r}?"
        left_out = (
            "libpq has no parameter of one of its names; the name is left out, as it is "
            "like none of libpq's and may be part of a password"
        )
        if "@" in conninfo.partition("://")[2].partition("/")[2]:
            # user:12/x?y=z@db: a password's '/' ended the host early.
            return (
                f"{left_out}: if the password holds '/', '?' or '#', percent-encode them as "
                "%2F, %3F and %23"
            )
        return left_out
    if redact(conninfo) != conninfo:
        return "its words are left out, as the text holds a password"
    return elide(redact(words))


def _meant(name: str) -> str | None:
    """The parameter of libpq or :data:`TIME_LIMITS` that ``name`` looks
    like a misspelling of (``sslmod``: ``sslmode``), or ``None``: a name
    like none of them (``y`` of ``user:12/x?y=z@db``, an unencoded
    password) may be part of a password, and is not repeated."""
    import psycopg

    known = [option.keyword.decode() for option in psycopg.pq.Conninfo.get_defaults()]
    return wording.meant(name, [*known, *TIME_LIMITS], cutoff=0.8)


_ENCODE = (
    "percent-encode '@' as %40 in a user name, password or parameter, and '/', '?' and '#' "
    "as %2F, %3F and %23"
)
"""What to do about an '@' where libpq and other readers of URLs would
read a different user name, password or host."""


def check_user_info(url: str, field: str = "url") -> None:
    """``url``, if it is a PostgreSQL URL, has its user name and password
    where every reader finds them, else :class:`InvalidInput` for ``field``
    saying to percent-encode them, quoting nothing of the URL.

    libpq ends the user name and password at the first ``@`` before the
    first ``/``, and the standard library at the last ``@`` before the
    first ``/``, ``?`` or ``#``; a password holding an ``@``, ``/``, ``?``
    or ``#`` not percent-encoded is read differently by each, and libpq
    then tries the rest of the password as a host, reads it as a port or
    a database name, or quotes it in its error. So an ``@`` is refused when
    there is more than one before the first ``/``, when a ``?`` or ``#``
    comes before the one there, and in the database name or a parameter's
    name; an ``@`` in a parameter's value after the first ``/``
    (``/cases?user=alice@corp``) is taken.

    >>> try:
    ...     check_user_info("postgresql://alice:pa@ssw0rd@db.council.example/cases")
    ... except InvalidInput as error:
    ...     print(error.field, "|", error.message)  # doctest: +ELLIPSIS
    url | has more than one '@' before the host; percent-encode '@' as %40 in ...
    """
    scheme, separator, rest = url.partition("://")
    if not separator or scheme not in ("postgresql", "postgres"):
        return
    head = rest.partition("/")[0]
    if head.count("@") > 1:
        problem = "has more than one '@' before the host"
    elif "@" in head and any(mark in head.partition("@")[0] for mark in "?#"):
        problem = "has a '?' or '#' before the '@' that ends the user name and password"
    else:
        # The host ends at the first '/' or '?', as libpq reads it.
        after = rest[re.match(r"[^/?]*", rest).end() :]  # type: ignore[union-attr]
        path, _, query = after[1:].partition("?") if after[:1] == "/" else ("", "", after[1:])
        names = (piece.partition("=")[0] for piece in query.split("&"))
        if "@" in path:
            problem = "has an '@' in the database name"
        elif any("@" in unquote(name) for name in names):
            problem = "has an '@' in a parameter's name"
        else:
            return
    raise InvalidInput(field, f"{problem}; {_ENCODE}")


def check_parameters(given: Mapping[str, Any]) -> None:
    """The connection parameters libpq read from a URL or connection string
    are ones a server could take: each port a number from 1 to 65535 (one
    for each host), each of :data:`CHOICES` one of its words and each of
    :data:`NUMBERS` a whole number; else :class:`InvalidInput` naming the
    parameter, before any connection is tried, so that it is not reported
    as a server to try again. No value is repeated: a port mistyped may be
    the end of a password (``user:pass/word@db`` reads ``pass`` as a port);
    it is described as text (:func:`~contactpolicy.domain.validation.describe_text`),
    the same for a Python caller as at the command line.

    >>> try:
    ...     check_parameters({"host": "db1,db2", "port": "5432,70000"})
    ... except InvalidInput as error:
    ...     print(error.field, "|", error.message)
    port | must be a number from 1 to 65535 for each host; host 2's is text of 5 characters
    """
    ports = str(given.get("port") or "").split(",")
    for index, port in enumerate(ports, start=1):
        number = digits(port)
        if port and not (number is not None and 1 <= number <= 65535):
            raise InvalidInput(
                "port",
                f"must be a number from 1 to 65535 for each host; host {index}'s is "
                f"{describe_text(port)}",
            )
    for name, words in CHOICES.items():
        value = given.get(name)
        if value is not None and value not in words:
            raise InvalidInput(
                name, f"must be one of {', '.join(words)}, got {describe_text(value)}"
            )
    for name in NUMBERS:
        value = given.get(name)
        if value is not None and not _whole(str(value)):
            least, most = INT_RANGE
            raise InvalidInput(
                name, f"must be a whole number from {least} to {most}, got {describe_text(value)}"
            )
    names, addresses = (
        len(str(given[name]).split(",")) if given.get(name) else 0 for name in ("host", "hostaddr")
    )
    if names and addresses and names != addresses:
        raise InvalidInput("hostaddr", f"must be one address for each of the {names} hosts")
    hosts = max(names, addresses)
    if len(ports) > 1 and len(ports) != hosts:
        raise InvalidInput("port", f"must be one port, or one for each of the {hosts} hosts")


def _whole(text: str) -> bool:
    """Whether ``text`` is a whole number libpq reads for an ``int``."""
    found = _INTEGER.fullmatch(text)
    number = None if found is None else digits(found[2])
    if found is None or number is None:
        return False
    return INT_RANGE[0] <= (-number if found[1] == "-" else number) <= INT_RANGE[1]


def postgres_settings(url: str) -> tuple[str, TimeLimits]:
    """A PostgreSQL URL split into what libpq reads and the time limits
    (:data:`TIME_LIMITS`, seconds) taken out of its query. A limit refused
    is :class:`InvalidInput` naming it, its text described as written
    (percent-decoded, ``+`` kept), never quoted nor the number it was read
    as, as :func:`check_parameters` describes the other parameters: as
    text (:func:`~contactpolicy.domain.validation.describe_text`), as the
    command line says it too.

    >>> postgres_settings("postgresql://casework@db/cases?lock_timeout=1.5&sslmode=require")
    ('postgresql://casework@db/cases?sslmode=require', {'lock_timeout': 1.5})
    >>> postgres_settings("postgresql://db/cases?lock_timeout=1_0")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: lock_timeout: must be a number of seconds ... 3 characters
    """
    check_user_info(url)
    _split(url)
    # The query is cut as libpq cuts it, and what is kept goes to libpq as
    # it was written: decoding it and encoding it again would change it
    # (libpq reads '+' as '+', the standard library as a space).
    start, mark, query = url.partition("?")
    kept: list[str] = []
    limits = TimeLimits()
    for piece in query.split("&") if mark else ():
        name, _, value = piece.partition("=")
        name, value = unquote(name), unquote(value)
        if name not in TIME_LIMITS:
            if piece:
                kept.append(piece)
            continue
        if name in limits:
            raise InvalidInput(name, "is given more than once; give it once")
        if not _DECIMAL.fullmatch(value):
            raise InvalidInput(
                name,
                "must be a number of seconds written in digits, with a decimal point if "
                f"need be (such as 5 or 1.5), got {describe_text(value)}",
            )
        seconds = check_seconds(name, float(value), shown=describe_text(value))
        limits[name] = seconds  # type: ignore[literal-required]
    conninfo = start + (f"?{'&'.join(kept)}" if kept else "")
    check_conninfo(conninfo, "url")
    return conninfo, limits


def _split(url: str) -> SplitResult:
    """``url`` in its parts; a URL the standard library cannot split (an
    unclosed ``[`` in the host) is :class:`InvalidInput`, not repeated."""
    try:
        return urlsplit(url)
    except ValueError:
        raise _malformed("not a URL that can be split into its parts") from None


def sqlite_path(url: str) -> str:
    """The path a ``sqlite:///PATH`` URL names (relative to the current
    folder, or absolute after a fourth slash); :class:`InvalidInput` for a
    malformed one, never repeating a password in it."""
    parts = _split(url)
    if parts.netloc or not parts.path.startswith("/") or parts.path == "/":
        raise _malformed(f"a SQLite URL has three slashes and then a path, got {redact(url)!r}")
    if parts.query or parts.fragment:
        raise _malformed(f"a SQLite URL takes no options, got {redact(url)!r}")
    if "\x00" in parts.path:
        raise _malformed("a SQLite URL's path must not contain the NUL character (U+0000)")
    # The third slash ends the empty host; a fourth starts an absolute path.
    return parts.path[1:]


def _malformed(problem: str, field: str = "url") -> InvalidInput:
    return InvalidInput(field, f"{problem}; use {', '.join(FORMS[:-1])} or {FORMS[-1]}")
