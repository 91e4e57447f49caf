"""Regression: ``PostgresStore(conninfo)`` with ``lock_timeout`` or
``statement_timeout`` written into its connection string said "libpq has no
parameter 'lock_timeout'; did you mean 'lock_timeout'?", offering the very
name refused, called a ``key=value`` connection string "not a PostgreSQL
URL" and listed ``memory://`` and ``sqlite:///`` URLs, which
``PostgresStore`` does not take. The limits are the store's keyword
arguments, which only ``open_store`` takes out of a URL; the error now says
so. And ``open_store(5)`` said "got a int": refused values are described
by the one owner of that (``domain.validation.describe``)."""

from __future__ import annotations

from typing import Any

import pytest

from contactpolicy.errors import InvalidInput
from contactpolicy.stores import PostgresStore, open_store

URL_FORMS = (
    "use memory://, sqlite:///relative/path.db, sqlite:////absolute/path.db or "
    "postgresql://user@host:port/database"
)
CONNINFO_FORMS = (
    "give a libpq connection string (host=... dbname=...) or a "
    "postgresql://user@host:port/database URL"
)


@pytest.mark.parametrize(
    ("conninfo", "name"),
    [
        ("postgresql://casework:hunter2@127.0.0.1:1/cases?lock_timeout=5", "lock_timeout"),
        ("postgresql://casework@127.0.0.1:1/cases?statement_timeout=30", "statement_timeout"),
        ("host=127.0.0.1 dbname=cases lock_timeout=5", "lock_timeout"),
        ("host=127.0.0.1 statement_timeout=30 dbname=cases", "statement_timeout"),
    ],
)
def test_a_time_limit_in_a_connection_string_says_to_give_it_as_the_keyword_argument(
    conninfo: str, name: str
) -> None:
    """A time limit written into the connection string given to
    PostgresStore is InvalidInput for ``conninfo`` saying to give it as the
    keyword argument, or the URL to open_store; nothing is connected to."""
    with pytest.raises(InvalidInput) as refused:
        PostgresStore(conninfo)
    assert (refused.value.field, refused.value.message) == (
        "conninfo",
        f"{name} is the store's, not libpq's: give it as PostgresStore(conninfo, "
        f"{name}=seconds), or give a postgresql:// URL holding it to open_store",
    )


def test_a_time_limit_in_a_url_given_to_open_store_is_taken() -> None:
    """The same URL given to open_store has its limits taken out of it
    before libpq reads it, and is refused only for its port here."""
    with pytest.raises(InvalidInput) as refused:
        open_store("postgresql://casework@127.0.0.1:0/cases?lock_timeout=5")
    assert refused.value.field == "port"


def test_a_connection_string_libpq_cannot_read_is_not_called_a_url() -> None:
    """A connection string libpq cannot read, given to PostgresStore, is
    called what it is, with the forms PostgresStore takes, not open_store's."""
    with pytest.raises(InvalidInput) as refused:
        PostgresStore("host=127.0.0.1 sslmod=require")
    assert (refused.value.field, refused.value.message) == (
        "conninfo",
        "not a connection string or URL libpq can read (libpq has no parameter 'sslmod'; "
        f"did you mean 'sslmode'?); {CONNINFO_FORMS}",
    )


@pytest.mark.parametrize(
    ("given", "described"),
    [(5, "an int"), (None, "None"), (b"x", "a bytes of 1 character"), (1.5, "a float")],
)
def test_a_store_url_that_is_not_text_is_described_with_the_right_article(
    given: Any, described: str
) -> None:
    """open_store and PostgresStore describe a URL that is not text as every
    refused value is described: "an int", never "a int"."""
    with pytest.raises(InvalidInput) as by_url:
        open_store(given)
    with pytest.raises(InvalidInput) as by_conninfo:
        PostgresStore(given)
    assert str(by_url.value) == f"url: must be text, got {described}; {URL_FORMS}"
    assert str(by_conninfo.value) == (f"conninfo: must be text, got {described}; {CONNINFO_FORMS}")
