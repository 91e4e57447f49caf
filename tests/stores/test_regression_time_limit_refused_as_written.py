"""A time limit a URL gives that is out of range was refused quoting the
number it was read as (``lock_timeout=0`` as ``got 0.0``,
``=99999999`` as ``got 99999999.0``), not what the URL wrote. It is now
described as the URL's other refusals describe a value (a port, a
``keepalives``): its kind and length, never quoted nor read."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.errors import InvalidInput
from contactpolicy.stores import PostgresStore, open_store
from contactpolicy.stores.checks import check_seconds
from contactpolicy.stores.url import TIME_LIMITS, postgres_settings

BASE = "postgresql://casework@db/cases"
NOWHERE = "postgresql://nobody@127.0.0.1:1/none"
"""A server that refuses connections: a limit refused is refused before any is tried."""

RANGE = "must be a number of seconds above 0 and at most 2147483.647 (about 24.8 days)"
DIGITS = (
    "must be a number of seconds written in digits, with a decimal point if need be "
    "(such as 5 or 1.5)"
)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("0", f"{RANGE}, got text of 1 character"),
        ("0.000", f"{RANGE}, got text of 5 characters"),
        ("99999999", f"{RANGE}, got text of 8 characters"),
        ("2147483.648", f"{RANGE}, got text of 11 characters"),
        ("+1", f"{DIGITS}, got text of 2 characters"),
        ("%2B1", f"{DIGITS}, got text of 2 characters"),
        ("-1", f"{DIGITS}, got text of 2 characters"),
        ("", f"{DIGITS}, got empty text"),
    ],
)
@pytest.mark.parametrize("name", TIME_LIMITS)
def test_a_time_limit_refused_in_a_url_is_described_as_written(
    name: str, written: str, message: str
) -> None:
    """The reproduction: ``?lock_timeout=0`` said ``got 0.0``."""
    with pytest.raises(InvalidInput) as refused:
        open_store(f"{NOWHERE}?{name}={written}")
    assert (refused.value.field, refused.value.message) == (name, message)


def test_a_time_limit_given_as_a_number_is_named_as_given() -> None:
    """``PostgresStore(lock_timeout=0)``, a number from a program, is
    named as the number it is."""
    with pytest.raises(InvalidInput) as refused:
        PostgresStore(NOWHERE, lock_timeout=0)
    assert refused.value.message == f"{RANGE}, got 0"


@given(st.from_regex(r"[0-9]{1,12}(\.[0-9]{1,6})?", fullmatch=True))
def test_a_limit_in_plain_digits_is_taken_or_refused_by_its_length(written: str) -> None:
    """Any plain decimal: taken as the seconds it reads as when
    check_seconds keeps them, else refused naming only its length."""
    try:
        seconds = check_seconds("statement_timeout", float(written))
    except InvalidInput:
        with pytest.raises(InvalidInput) as refused:
            postgres_settings(f"{BASE}?statement_timeout={written}")
        length = "1 character" if len(written) == 1 else f"{len(written)} characters"
        assert refused.value.message == f"{RANGE}, got text of {length}"
    else:
        assert postgres_settings(f"{BASE}?statement_timeout={written}") == (
            BASE,
            {"statement_timeout": seconds},
        )
