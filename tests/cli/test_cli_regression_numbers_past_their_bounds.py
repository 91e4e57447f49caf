"""``feed --after`` with 5,000 digits was refused as not "written in the
digits 0 to 9", which it was, and with 20 digits as the library's
``position``, repeating the number; ``list --limit 10000`` was refused
though ``feed --limit`` and the HTTP API's ``limit`` take 10000. A number
past an option's bounds, of any length, is refused naming the option as
typed and its bounds alone, never the number (7.4); ``list`` and ``feed``
share one page size limit (``stores.checks.LIMIT``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.cli.parse import BadInput, whole

from support.command_line import DESIGNATE, CommandLine

POSITION = 2**63 - 1

BOUNDED: dict[str, tuple[tuple[str, ...], int, str]] = {
    "list --limit": (("list", "--limit"), 10000, "--limit: must be a whole number from 1 to 10000"),
    "due --within": (
        ("due", "--within"),
        3660,
        "[7.2] --within: must be a whole number from 0 to 3660",
    ),
    "feed --after": (
        ("feed", "--after"),
        POSITION,
        f"--after: must be a whole number from 0 to {POSITION}",
    ),
    "feed --limit": (("feed", "--limit"), 10000, "--limit: must be a whole number from 1 to 10000"),
    "serve --port": (("serve", "--port"), 65535, "--port: must be a whole number from 0 to 65535"),
}
"""Each option with bounds: how it is typed, its largest value, and the
whole message refusing any number past it."""


@pytest.mark.parametrize("option", sorted(BOUNDED))
@pytest.mark.parametrize("past", ["just past", "20 digits", "101 digits", "4301 digits", "5000"])
def test_a_number_past_an_option_s_bounds_names_the_option_and_its_bounds(
    command: CommandLine, option: str, past: str
) -> None:
    """Each value is past every option's bounds: 20 digits are past the
    largest position."""
    argv, most, message = BOUNDED[option]
    value = {
        "just past": str(most + 1),
        "20 digits": "9" * 20,
        "101 digits": "9" * 101,
        "4301 digits": "9" * 4301,
        "5000": "9" * 5000,
    }[past]
    command.report()
    before = command.record()
    ran = command("--as", "lwong", *argv, value)
    assert (ran.status, ran.out, ran.err) == (2, "", f"error: {message}\n")
    assert command.record() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("read", "{value}", "--outcome", "nothing_new"), "[5.1] CONTACT_ID"),
        (("warn", "{case}", "--method", "letter", "--incident", "{value}"), "[6.3] --incident"),
        (("designate", "{case}", *DESIGNATE, "--evidence", "{value}"), "[6.2] --evidence"),
    ],
)
def test_a_number_too_long_for_an_option_without_bounds_says_how_long(
    command: CommandLine, argv: tuple[str, ...], message: str
) -> None:
    """No upper bound to name: the most digits a number may have (100)."""
    case_id = command.warned()
    before = command.record()
    typed = [part.format(case=case_id, value="9" * 5000) for part in argv]
    ran = command("--as", "apatel", *typed)
    assert (ran.status, ran.out, ran.err) == (
        2,
        "",
        f"error: {message}: must be a whole number of 1 or more, of at most 100 digits\n",
    )
    assert command.record() == before


def test_list_takes_the_page_size_feed_takes(command: CommandLine) -> None:
    """``--limit 10000``, as ``feed`` and the HTTP API take it."""
    reported = {command.report(), command.report()}
    ran = command("--as", "lwong", "list", "--limit", "10000", "--json")
    assert (ran.status, {row["id"] for row in ran.json}) == (0, reported)


def test_list_says_more_cases_follow_only_when_they_do(command: CommandLine) -> None:
    """A full page is followed by the command for the next one only when a
    case follows it."""
    for _ in range(2):
        command.report()
    (first,) = command("--as", "lwong", "list", "--limit", "1", "--json").json
    one = command("--as", "lwong", "list", "--limit", "1")
    assert one.out.splitlines()[-1].endswith(f"list --limit 1 --after {first['id']}")
    two = command("--as", "lwong", "list", "--limit", "2")
    assert (two.status, "More cases follow" in two.out) == (0, False)
    last = command("--as", "lwong", "list", "--limit", "1", "--after", first["id"])
    assert (last.status, "More cases follow" in last.out) == (0, False)


@given(
    least=st.integers(0, 10),
    most=st.integers(10, 10**6),
    past=st.integers(1, 10**120),
)
def test_any_number_past_the_bounds_is_refused_with_the_bounds_alone(
    least: int, most: int, past: int
) -> None:
    """However far past ``most`` (within 100 digits or beyond), the refusal
    is the option and its bounds."""
    with pytest.raises(BadInput) as refused:
        whole("--option", "7.4", least=least, most=most)(str(most + past))
    assert str(refused.value) == f"[7.4] --option: must be a whole number from {least} to {most}"
