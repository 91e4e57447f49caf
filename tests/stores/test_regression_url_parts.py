"""Regression: ``open_store`` given a PostgreSQL URL with a part no server
would take (a port that is no port, an ``sslmode`` libpq does not know, a
``keepalives`` that is no number) tried to connect and reported
``StoreUnavailable``, "try again", which can never help; only the command
line checked these. The one check is now ``stores.url.check_parameters``:
``open_store``, ``PostgresStore`` and the command line all refuse such a
URL with ``InvalidInput`` naming the part, before connecting, never
repeating the value or the password."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.errors import InvalidInput
from contactpolicy.stores import PostgresStore, open_store
from contactpolicy.stores.url import CHOICES, NUMBERS, check_parameters

BASE = "postgresql://casework:hunter2@127.0.0.1"


def _refused(url: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        open_store(url)
    assert "hunter2" not in str(refused.value)
    return refused.value


@pytest.mark.parametrize(
    ("url", "field", "message"),
    [
        (
            f"{BASE}:70000/cases?connect_timeout=1",
            "port",
            "must be a number from 1 to 65535 for each host; host 1's is text of 5 characters",
        ),
        (
            f"{BASE}:0/cases?connect_timeout=1",
            "port",
            "must be a number from 1 to 65535 for each host; host 1's is text of 1 character",
        ),
        (
            f"{BASE}/cases?sslmode=sometimes&connect_timeout=1",
            "sslmode",
            "must be one of disable, allow, prefer, require, verify-ca, verify-full, "
            "got text of 9 characters",
        ),
        (
            f"{BASE}/cases?gssencmode=yes&connect_timeout=1",
            "gssencmode",
            "must be one of disable, prefer, require, got text of 3 characters",
        ),
        (
            f"{BASE}/cases?keepalives_idle=soon&connect_timeout=1",
            "keepalives_idle",
            "must be a whole number from -2147483648 to 2147483647, got text of 4 characters",
        ),
    ],
    ids=["port too high", "port 0", "sslmode", "gssencmode", "keepalives_idle"],
)
def test_open_store_refuses_a_part_no_server_would_take(url: str, field: str, message: str) -> None:
    """Each is InvalidInput naming the part, with the rule and a description
    of the value: no connection is tried (the URL's server does not exist)."""
    refused = _refused(url)
    assert (refused.field, refused.message) == (field, message)


def test_a_port_that_is_the_end_of_a_password_is_not_repeated() -> None:
    """``user:pass/word@db`` ends the host at the slash, so libpq would read
    the password's first half as the port: it is refused, before that, for
    the '@' in the database name, saying to percent-encode the password,
    without repeating any of it."""
    refused = _refused("postgresql://casework:sec/ret@db/cases")
    assert refused.field == "url"
    assert refused.message.startswith("has an '@' in the database name; percent-encode")
    assert "sec" not in refused.message


def test_postgres_store_refuses_a_bad_connection_string_alike() -> None:
    """``PostgresStore("host=db port=x")`` is the same InvalidInput for ``port``."""
    with pytest.raises(InvalidInput) as refused:
        PostgresStore("host=127.0.0.1 port=x dbname=cases password=hunter2", connect_timeout=1)
    assert refused.value.field == "port"
    assert "hunter2" not in str(refused.value)


@given(st.text(max_size=8))
def test_a_port_is_refused_exactly_when_it_is_no_number_from_1_to_65535(port: str) -> None:
    """Any text as the port of the one host: refused naming ``port`` unless
    it is digits from 1 to 65535 (or empty, libpq's default)."""
    good = port == "" or (port.isascii() and port.isdigit() and 1 <= int(port) <= 65535)
    if good:
        check_parameters({"host": "db", "port": port})
    else:
        with pytest.raises(InvalidInput) as refused:
            check_parameters({"host": "db", "port": port})
        assert refused.value.field == "port"


@given(st.sampled_from(sorted(CHOICES)), st.text(max_size=16))
def test_a_choice_is_refused_exactly_when_libpq_does_not_know_the_word(
    name: str, word: str
) -> None:
    """Any text for ``sslmode`` and the other word-valued parameters: refused
    naming the parameter unless it is one of its words."""
    if word in CHOICES[name]:
        check_parameters({name: word})
    else:
        with pytest.raises(InvalidInput) as refused:
            check_parameters({name: word})
        assert refused.value.field == name


@given(st.sampled_from(NUMBERS), st.integers(-(10**6), 10**6))
def test_a_whole_number_is_taken_for_every_numeric_parameter(name: str, number: int) -> None:
    """Whole numbers, as libpq reads them, pass for ``keepalives`` and the like."""
    check_parameters({name: str(number)})
