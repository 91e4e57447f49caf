"""Regressions found using PostgreSQL URLs.

An unencoded ``@`` in a password (``alice:pa@ssw0rd@db``) was split by
libpq at the first ``@`` and by the standard library at the last: the store
tried the rest of the password as a host and said "run the command again"
(StoreUnavailable), quoting it. An unencoded ``?`` in a password had libpq
quote the rest of the URL in its error; a time limit refused was repeated;
an ``int`` too large for libpq, a ``service`` not in the service file and a
``client_encoding`` the server does not know were StoreUnavailable; and a
parameter libpq does not know went unnamed in a URL holding a password.
Each is now InvalidInput naming the URL or the parameter, repeating no value
and nothing of a user name or password.
"""

from __future__ import annotations

from urllib.parse import quote

import psycopg
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.errors import InvalidInput
from contactpolicy.stores import PostgresStore, open_store
from contactpolicy.stores.url import (
    INT_RANGE,
    NUMBERS,
    TIME_LIMITS,
    check_parameters,
    check_user_info,
    postgres_settings,
)

from support.command_line import CommandLine

ENCODE = (
    "percent-encode '@' as %40 in a user name, password or parameter, and '/', '?' and '#' "
    "as %2F, %3F and %23"
)
FORMS = (
    "; use memory://, sqlite:///relative/path.db, sqlite:////absolute/path.db or "
    "postgresql://user@host:port/database"
)


def _refused(url: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        open_store(url)
    return refused.value


def test_an_unencoded_at_in_a_password_is_invalid_input_quoting_none_of_it() -> None:
    """The URL that showed it: InvalidInput for ``url`` before connecting (the
    host does not exist), saying to percent-encode, with nothing of the
    user name or password."""
    refused = _refused("postgresql://alice:pa@ssw0rd@db.council.example/cases")
    assert (refused.field, refused.message) == (
        "url",
        f"has more than one '@' before the host; {ENCODE}",
    )
    assert not {"alice", "pa", "ssw0rd"} & set(refused.message.replace(";", " ").split())


def test_an_unencoded_question_mark_in_a_password_is_not_echoed() -> None:
    """``u:Hunter2?secret@localhost`` had libpq quote ``secret@localhost:5432/db``."""
    refused = _refused("postgresql://u:Hunter2?secret@localhost:5432/db")
    assert (refused.field, refused.message) == (
        "url",
        f"has a '?' or '#' before the '@' that ends the user name and password; {ENCODE}",
    )


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("postgresql://a:b@c@db/cases", "has more than one '@' before the host"),
        ("postgres://a@b:c@d@db", "has more than one '@' before the host"),
        (
            "postgresql://alice:pa#ss@db/cases",
            "has a '?' or '#' before the '@' that ends the user name and password",
        ),
        (
            "postgresql://db?user=alice@corp",
            "has a '?' or '#' before the '@' that ends the user name and password",
        ),
        ("postgresql://alice:pa/ss@db/cases", "has an '@' in the database name"),
        ("postgresql://ali/ce@db", "has an '@' in the database name"),
        ("postgresql://alice:pa/s?s@db/cases", "has an '@' in a parameter's name"),
        ("postgresql://db/cases?sslmode=require&s%40db=1", "has an '@' in a parameter's name"),
    ],
)
def test_an_at_where_readers_of_urls_disagree_is_refused(url: str, problem: str) -> None:
    """Every place an unencoded '@', '/', '?' or '#' in a user name or
    password puts an '@' is refused, with the same advice."""
    refused = _refused(url)
    assert (refused.field, refused.message) == ("url", f"{problem}; {ENCODE}")


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://alice:pa%40ss%2Fw%3Fo%23rd@db/cases",
        "postgresql://db/cases?user=alice@corp",
        "postgresql://db:5432/cases?sslmode=require&application_name=a@b",
        "postgresql://[::1]:5432/cases",
    ],
)
def test_an_at_every_reader_finds_in_one_place_is_taken(url: str) -> None:
    """A percent-encoded password, and an '@' in a parameter's value after
    the '/', are read the same by libpq and the standard library."""
    check_user_info(url)
    assert postgres_settings(url) == (url, {})


def test_postgres_store_refuses_an_ambiguous_url_alike() -> None:
    """``PostgresStore`` makes the same check, naming ``conninfo``."""
    with pytest.raises(InvalidInput) as refused:
        PostgresStore("postgresql://alice:pa@ssw0rd@127.0.0.1:1/cases", connect_timeout=1)
    assert (refused.value.field, refused.value.message) == (
        "conninfo",
        f"has more than one '@' before the host; {ENCODE}",
    )


SECRET = "ЖЯ"
"""A password's letters, found in no message the store writes."""


@given(
    st.text(alphabet=f"{SECRET}@/?#:=&", min_size=1, max_size=10).filter(
        lambda password: any(mark in password for mark in "@/?#")
    )
)
def test_a_password_with_a_mark_unencoded_is_refused_quoting_none_of_it(password: str) -> None:
    """Any password holding '@', '/', '?' or '#' unencoded is InvalidInput
    before connecting, and its message holds none of the password's letters;
    percent-encoded, the same password is read back exactly."""
    with pytest.raises(InvalidInput) as refused:
        postgres_settings(f"postgresql://alice:{password}@db/cases?lock_timeout=2")
    assert not set(SECRET) & set(str(refused.value))
    encoded = f"postgresql://alice:{quote(password, safe='')}@db/cases"
    conninfo, _ = postgres_settings(f"{encoded}?lock_timeout=2")
    assert psycopg.conninfo.conninfo_to_dict(conninfo)["password"] == password


@pytest.mark.parametrize("name", TIME_LIMITS)
def test_a_time_limit_refused_is_described_not_repeated(name: str) -> None:
    """``connect_timeout=5password=Hunter2secret`` was repeated in the error."""
    refused = _refused(f"postgresql://u@localhost/db?{name}=5password=Hunter2secret")
    assert (refused.field, refused.message) == (
        name,
        "must be a number of seconds written in digits, with a decimal point if need be "
        "(such as 5 or 1.5), got text of 23 characters",
    )


def test_a_whole_number_libpq_cannot_keep_is_invalid_input() -> None:
    """``keepalives=99999999999999999999`` was StoreUnavailable at connect time."""
    refused = _refused("postgresql://u@127.0.0.1:1/db?keepalives=99999999999999999999")
    assert (refused.field, refused.message) == (
        "keepalives",
        "must be a whole number from -2147483648 to 2147483647, got text of 20 characters",
    )


@given(
    st.sampled_from(NUMBERS),
    st.integers(INT_RANGE[0] - 10, INT_RANGE[1] + 10) | st.integers(),
    st.sampled_from(["", " ", "\t", "+", "0", "-"]),
    st.sampled_from(["", " ", "\n"]),
)
def test_a_whole_number_is_taken_exactly_when_libpq_keeps_it(
    name: str, number: int, before: str, after: str
) -> None:
    """Around the bounds of a C ``int``, with spaces and a sign as libpq's
    ``strtol`` reads them: taken when in range, else InvalidInput naming the
    parameter."""
    text = f"{before}{number}{after}"
    readable = not (number < 0 and before in ("+", "-", "0"))  # "--5", "0-5"
    if readable and INT_RANGE[0] <= int(text) <= INT_RANGE[1]:
        check_parameters({name: text})
    else:
        with pytest.raises(InvalidInput) as refused:
            check_parameters({name: text})
        assert refused.value.field == name


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        (
            {"host": "db1,db2", "port": "5432,5433,5434"},
            "port",
            "must be one port, or one for each of the 2 hosts",
        ),
        (
            {"host": "db1,db2", "hostaddr": "10.0.0.1"},
            "hostaddr",
            "must be one address for each of the 2 hosts",
        ),
    ],
)
def test_ports_and_addresses_that_match_no_host_are_invalid_input(
    given: dict[str, str], field: str, message: str
) -> None:
    """Counts that psycopg refused only when connecting, as StoreUnavailable."""
    with pytest.raises(InvalidInput) as refused:
        check_parameters(given)
    assert (refused.value.field, refused.value.message) == (field, message)


def _on(postgres_url: str, query: str) -> InvalidInput:
    parts = psycopg.conninfo.conninfo_to_dict(postgres_url)
    base = f"postgresql://{parts['user']}@{parts['host']}:{parts['port']}/{parts['dbname']}"
    return _refused(f"{base}?{query}")


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            "service=nosuch",
            "service",
            'names no service libpq knows (definition of service "…" not found)',
        ),
        (
            "client_encoding=bogus",
            "client_encoding",
            "is not a value the PostgreSQL server takes (invalid value for parameter "
            '"client_encoding": "…")',
        ),
        (
            "sslnegotiation=bogus",
            "sslnegotiation",
            'is not a value libpq takes (invalid sslnegotiation value: "…")',
        ),
        (
            "options=-c%20bogus%3D1",
            "options",
            "sets a parameter the PostgreSQL server does not know (unrecognized "
            'configuration parameter "…")',
        ),
        (
            "hostaddr=notanaddress",
            "hostaddr",
            'is not an IP address (could not parse network address "…": Name or service not known)',
        ),
        (
            "options=Secr3t",
            "options",
            "is not an argument the PostgreSQL server takes (write settings as -c name=value) "
            "(invalid command-line argument for server process: …)",
        ),
        (
            "options=-c%20search_path%3DSecr3t",
            "search_path",
            "names no schema that exists for the store's tables: create the schema, or correct "
            "the search_path (the URL's options, or the role's or the database's setting) "
            "(3F000: no schema has been selected to create in)",
        ),
    ],
)
def test_a_setting_refused_as_the_connection_starts_is_invalid_input(
    postgres_url: str, query: str, field: str, message: str
) -> None:
    """What libpq, or the server, refuses of the URL's own settings when
    connecting: InvalidInput naming the parameter (once StoreUnavailable),
    with the value left out."""
    refused = _on(postgres_url, query)
    assert (refused.field, refused.message) == (field, message)


@pytest.mark.parametrize(
    ("part", "field", "message"),
    [
        (
            "dbname",
            "dbname",
            'names no database on the PostgreSQL server (database "…" does not exist)',
        ),
        ("user", "user", 'names no role on the PostgreSQL server (role "…" does not exist)'),
    ],
)
def test_a_database_or_role_the_server_does_not_have_is_invalid_input(
    postgres_url: str, part: str, field: str, message: str
) -> None:
    """A database or role the server does not have was StoreUnavailable,
    "run the command again", which cannot help until someone creates it:
    InvalidInput naming the part, its name left out."""
    parts = psycopg.conninfo.conninfo_to_dict(postgres_url)
    parts[part] = "Secr3t"
    url = f"postgresql://{parts['user']}@{parts['host']}:{parts['port']}/{parts['dbname']}"
    refused = _refused(url)
    assert (refused.field, refused.message) == (field, message)
    assert "Secr3t" not in str(refused)


def test_a_space_in_a_parameter_reaches_libpq_as_written(postgres_url: str) -> None:
    """``options=-c%20application_name%3Dcasework`` reached libpq as
    ``-c+application_name...`` (the standard library encodes a space as '+',
    which libpq does not decode): the server then knew no ``+application_name``."""
    parts = psycopg.conninfo.conninfo_to_dict(postgres_url)
    base = f"postgresql://{parts['user']}@{parts['host']}:{parts['port']}/{parts['dbname']}"
    store = open_store(f"{base}?options=-c%20application_name%3Dcasework&lock_timeout=2")
    assert isinstance(store, PostgresStore)
    with store._connection(None) as connection:
        shown = connection.execute("SHOW application_name").fetchone()
    assert shown == ("casework",)
    store.close()


@pytest.mark.parametrize(
    ("url", "name", "meant"),
    [
        ("postgresql://u@127.0.0.1:1/db?sslmod=require", "sslmod", "sslmode"),
        ("postgresql://u:Hunter2@127.0.0.1:1/db?sslmod=require", "sslmod", "sslmode"),
        ("postgresql://u@127.0.0.1:1/db?connect_timout=5", "connect_timout", "connect_timeout"),
        ("postgresql://u@127.0.0.1:1/db?lock_timout=5", "lock_timout", "lock_timeout"),
    ],
)
def test_a_misspelt_parameter_is_named_with_the_one_meant(url: str, name: str, meant: str) -> None:
    """A name like one of libpq's or the store's time limits is a
    misspelling, no secret: it is given, with the one meant, with or
    without a password in the URL."""
    refused = _refused(url)
    assert (refused.field, refused.message) == (
        "url",
        f"not a PostgreSQL URL libpq can read (libpq has no parameter {name!r}; did you mean "
        f"{meant!r}?){FORMS}",
    )


LEFT_OUT = (
    "not a PostgreSQL URL libpq can read (libpq has no parameter of one of its names; the "
    "name is left out, as it is like none of libpq's and may be part of a password"
)


@pytest.mark.parametrize(
    "name", ["bogus", "y", "Hunter2secret", "x" * 40, "pass%20word", "sec-ret"]
)
def test_a_parameter_name_like_none_of_libpqs_is_left_out(name: str) -> None:
    """A "name" like none of libpq's may be part of a password."""
    refused = _refused(f"postgresql://u@127.0.0.1:1/db?{name}=1")
    assert (refused.field, refused.message) == ("url", f"{LEFT_OUT}){FORMS}")


def test_a_password_holding_a_slash_and_a_query_is_not_quoted() -> None:
    """Regression: ``user:12/x?y=z@db``, a password not percent-encoded,
    is read by libpq as port 12, database ``x`` and a parameter ``y``:
    the error named ``y``, a piece of the password. It is left out, and
    the message says to percent-encode the password's '/', '?' and '#'."""
    refused = _refused("postgresql://u:12/x?y=z@127.0.0.1:1/db")
    assert (refused.field, refused.message) == (
        "url",
        f"{LEFT_OUT}: if the password holds '/', '?' or '#', percent-encode them as %2F, %3F "
        f"and %23){FORMS}",
    )


def test_the_command_line_says_the_same_with_status_2(command: CommandLine) -> None:
    """``--db`` with the URL that showed it is status 2, one line, nothing of the password."""
    ran = command("--db", "postgresql://alice:pa@ssw0rd@db.council.example/cases", "list")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: url: has more than one '@' before the host; {ENCODE}\n"
