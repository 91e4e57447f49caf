"""A time limit a PostgreSQL URL gives, refused, was described to a Python
caller as ``a str of 1 character`` and at the command line as ``text of 1
character``: the command line rewrote the library's words. A URL's part
can only be text, so the store describes it as text
(``domain.validation.describe_text``), and the command line's rewriting of
``str`` is that same function's (``as_text``): the two say the same."""

from __future__ import annotations

import pytest

from contactpolicy.errors import InvalidInput
from contactpolicy.stores import open_store

from support.command_line import CommandLine

NOWHERE = "postgresql://nobody@127.0.0.1:1/none"
"""A server that refuses connections: a part refused is refused before any is tried."""

RANGE = "must be a number of seconds above 0 and at most 2147483.647 (about 24.8 days)"
DIGITS = (
    "must be a number of seconds written in digits, with a decimal point if need be "
    "(such as 5 or 1.5)"
)


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("lock_timeout=0", f"lock_timeout: {RANGE}, got text of 1 character"),
        ("statement_timeout=2147483.648", f"statement_timeout: {RANGE}, got text of 11 characters"),
        ("connect_timeout=", f"connect_timeout: {DIGITS}, got empty text"),
        ("connect_timeout=%20", f"connect_timeout: {DIGITS}, got only white space"),
        (
            "sslmode=nope",
            "sslmode: must be one of disable, allow, prefer, require, verify-ca, verify-full, "
            "got text of 4 characters",
        ),
        (
            "keepalives=x",
            "keepalives: must be a whole number from -2147483648 to 2147483647, "
            "got text of 1 character",
        ),
    ],
)
def test_a_url_part_refused_reads_the_same_in_python_and_at_the_command_line(
    command: CommandLine, query: str, said: str
) -> None:
    """``open_store`` and ``--db`` give the same words, exactly."""
    url = f"{NOWHERE}?{query}"
    with pytest.raises(InvalidInput) as refused:
        open_store(url)
    ran = command("--db", url, "list")
    assert (str(refused.value), ran.status, ran.out, ran.err) == (said, 2, "", f"error: {said}\n")
