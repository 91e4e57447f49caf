"""Regressions: the PostgreSQL time limits accepted what the server refuses,
and URL parameters were read loosely.

``lock_timeout=3000000`` (seconds) passed the checks but PostgreSQL keeps
the limit as whole milliseconds in a 32-bit integer and refused it, which
the store reported as StoreDamaged ("ask an operator") instead of the
caller's mistake. A limit given twice was silently the last, and
``lock_timeout=1_0`` was ten seconds (Python's float reads underscores).
"""

from __future__ import annotations

import re

import psycopg
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.errors import InvalidInput
from contactpolicy.stores import PostgresStore, open_store
from contactpolicy.stores.checks import LONGEST_WAIT, check_seconds
from contactpolicy.stores.url import TIME_LIMITS, postgres_settings

BASE = "postgresql://casework@db/cases"
NOWHERE = "postgresql://nobody@127.0.0.1:1/none"
"""A server that refuses connections: a limit refused is refused before any is tried."""


def _base(dsn: str) -> str:
    parts = psycopg.conninfo.conninfo_to_dict(dsn)
    return f"postgresql://{parts['user']}@{parts['host']}:{parts['port']}/{parts['dbname']}"


def test_the_longest_wait_is_the_most_milliseconds_postgresql_keeps() -> None:
    """2,147,483.647 seconds is 2**31 - 1 milliseconds, about 24.8 days."""
    assert round(LONGEST_WAIT * 1000) == 2**31 - 1
    assert check_seconds("lock_timeout", LONGEST_WAIT) == LONGEST_WAIT


@pytest.mark.parametrize("name", TIME_LIMITS)
@pytest.mark.parametrize("seconds", [2_147_483.648, 2_147_483.6471, 3_000_000, 999_999_999])
def test_a_time_limit_postgresql_cannot_keep_is_invalid_input_naming_it(
    name: str, seconds: float
) -> None:
    """Just past the longest wait, given to PostgresStore or in a URL, is
    InvalidInput naming the limit, before any connection is tried."""
    with pytest.raises(InvalidInput) as refused:
        PostgresStore(NOWHERE, **{name: seconds})  # type: ignore[arg-type]
    assert refused.value.field == name
    with pytest.raises(InvalidInput) as refused:
        open_store(f"{NOWHERE}?{name}={seconds}")
    assert refused.value.field == name
    assert "at most 2147483.647" in refused.value.message


def test_the_longest_wait_is_what_the_server_runs_with(postgres_dsn: str) -> None:
    """The longest limits accepted are the ones the server then runs with:
    the reproduction (lock_timeout=3000000) was StoreDamaged."""
    store = open_store(
        f"{_base(postgres_dsn)}?lock_timeout=2147483.647&statement_timeout=2147483.647"
    )
    assert isinstance(store, PostgresStore)
    with store._connection(None) as connection:
        shown = connection.execute("SHOW lock_timeout").fetchone()
        slowest = connection.execute("SHOW statement_timeout").fetchone()
    assert (shown, slowest) == (("2147483647ms",), ("2147483647ms",))
    store.close()


@pytest.mark.parametrize("name", TIME_LIMITS)
def test_a_time_limit_given_twice_is_invalid_input_naming_it(name: str) -> None:
    """``?lock_timeout=1&lock_timeout=2`` is refused, not read as 2."""
    with pytest.raises(InvalidInput) as refused:
        postgres_settings(f"{BASE}?{name}=1&sslmode=require&{name}=2")
    assert refused.value.field == name
    assert refused.value.message == "is given more than once; give it once"


@pytest.mark.parametrize(
    "value", ["1_0", "1e3", "inf", "nan", " 5", "5 ", "+5", "0x10", "\u0665", "5.", ".5", "1,5"]
)
def test_a_time_limit_not_in_plain_digits_is_invalid_input(value: str) -> None:
    """Underscores, exponents, signs, spaces, words and digits of other
    scripts, all of which Python's float reads, are refused."""
    with pytest.raises(InvalidInput) as refused:
        postgres_settings(f"{BASE}?lock_timeout={value}")
    assert refused.value.field == "lock_timeout"


PLAIN = re.compile(r"[0-9]+(\.[0-9]+)?")


@given(st.text(alphabet="0123456789._e+- x\u0665", max_size=12))
def test_a_time_limit_is_read_only_from_plain_decimal_digits(value: str) -> None:
    """Any text: read as that many seconds when it is digits with an
    optional fraction and the number is a limit check_seconds keeps;
    otherwise InvalidInput naming the parameter."""
    url = f"{BASE}?statement_timeout={value}"
    try:
        seconds = (
            check_seconds("statement_timeout", float(value)) if PLAIN.fullmatch(value) else None
        )
    except InvalidInput:
        seconds = None
    if seconds is None:
        with pytest.raises(InvalidInput) as refused:
            postgres_settings(url)
        assert refused.value.field == "statement_timeout"
    else:
        assert postgres_settings(url) == (BASE, {"statement_timeout": seconds})
