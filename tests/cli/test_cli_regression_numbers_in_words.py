"""``read SamTaylor --outcome nothing_new`` was refused as "Invalid value
for 'contact_id': Input should be a valid integer, unable to parse string
as an integer": the program's internal name and a library's words. And
``--restrict "call-time-limit=\\uff15"`` (a fullwidth five) was taken as
5, as Python reads any script's digits. Every number an officer types, an
option's, an argument's or a restriction's, is read by one rule (the digits
0 to 9 alone, ``domain.validation.typed_whole``), and refused in the
command line's words: the option or ``METAVAR``, its policy section when it
has one and its bounds, never the value."""

from __future__ import annotations

from typing import Any

import pytest

from contactpolicy.cli.runner import _command

from support.command_line import DESIGNATE, CommandLine

DIGITS = "written in the digits 0 to 9"

NUMBERS: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    ("acted-on", "contact_id"): (
        ("acted-on", "{value}", "--reason", "Passed on."),
        f"[5.1] CONTACT_ID: must be a whole number of 1 or more, {DIGITS}",
    ),
    ("read", "contact_id"): (
        ("read", "{value}", "--outcome", "nothing_new"),
        f"[5.1] CONTACT_ID: must be a whole number of 1 or more, {DIGITS}",
    ),
    ("appeal record", "contact"): (
        ("appeal", "record", "{case}", "--grounds", "g", "--contact-id", "{value}"),
        f"[8.1] --contact-id: must be a whole number of 1 or more, {DIGITS}",
    ),
    ("warn", "incidents"): (
        ("warn", "{case}", "--method", "letter", "--incident", "{value}"),
        f"[6.3] --incident: must be a whole number of 1 or more, {DIGITS}",
    ),
    ("designate", "evidence"): (
        ("designate", "{case}", *DESIGNATE, "--evidence", "{value}"),
        f"[6.2] --evidence: must be a whole number of 1 or more, {DIGITS}",
    ),
    ("list", "limit"): (
        ("list", "--limit", "{value}"),
        f"--limit: must be a whole number from 1 to 10000, {DIGITS}",
    ),
    ("due", "within"): (
        ("due", "--within", "{value}"),
        f"[7.2] --within: must be a whole number from 0 to 3660, {DIGITS}",
    ),
    ("feed", "after"): (
        ("feed", "--after", "{value}"),
        f"--after: must be a whole number from 0 to {2**63 - 1}, {DIGITS}",
    ),
    ("feed", "limit"): (
        ("feed", "--limit", "{value}"),
        f"--limit: must be a whole number from 1 to 10000, {DIGITS}",
    ),
    ("notify", "interval"): (
        ("notify", "--follow", "--interval", "{value}"),
        f"--interval: must be a number of seconds from 0.1 to 86400, {DIGITS}, "
        "any fraction after a '.'",
    ),
    ("serve", "port"): (
        ("serve", "--port", "{value}"),
        f"--port: must be a whole number from 0 to 65535, {DIGITS}",
    ),
}
"""Each parameter typed as a number, by command and parameter name: a run
giving it ``{value}``, and the whole message refusing a value it cannot
take."""

REFUSED = ["SamTaylor", "\uff15", "\u0663", "+5", "5_0", "1e3", "0x10"]
"""Values no numeric parameter takes: a customer reference in the wrong
place, a fullwidth and an Arabic-Indic digit, a sign, ``_`` between digits,
an exponent and a hexadecimal number."""


def _leaves(command: Any, path: tuple[str, ...] = ()) -> Any:
    children = getattr(command, "commands", None)
    if not children:
        yield path, command
        return
    for name, child in children.items():
        yield from _leaves(child, (*path, name))


def _numeric(param: Any) -> bool:
    annotation = param.type_descriptor.annotation
    return annotation in (int, float) or annotation == list[int] or annotation == int | None


def test_the_table_holds_every_numeric_parameter() -> None:
    """A parameter typed as a number that is added later fails here until
    its message is pinned above."""
    found = {
        (" ".join(path), param.name)
        for path, leaf in _leaves(_command())
        for param in leaf.params
        if _numeric(param)
    }
    assert found == set(NUMBERS)


@pytest.mark.parametrize("where", sorted(NUMBERS), ids=" ".join)
def test_every_numeric_parameter_refuses_in_words(
    command: CommandLine, where: tuple[str, str]
) -> None:
    """Status 2, one line naming the parameter, its section and bounds,
    never the value, and nothing written."""
    case_id = command.warned()
    before = command.record()
    argv, message = NUMBERS[where]
    for value in REFUSED:
        typed = [part.format(case=case_id, value=value) for part in argv]
        ran = command("--as", "apatel", *typed)
        assert (ran.status, ran.out, ran.err) == (2, "", f"error: {message}\n"), value
    assert command.record() == before


def test_a_fullwidth_digit_in_a_restriction_is_refused(command: CommandLine) -> None:
    """5.1: a fullwidth five (U+FF15) is not 5 in a call limit or a period."""
    case_id = command.warned()
    before = command.record()
    for restriction, message in [
        (
            "call-time-limit=\uff15",
            "[5.1] --restrict call-time-limit=MINUTES: must be a whole number written in the "
            "digits 0 to 9; write a whole number of minutes, e.g. call-time-limit=10",
        ),
        (
            "call-limit=\uff13/day",
            "[5.1] --restrict call-limit=CALLS/PERIOD: must be a whole number written in the "
            "digits 0 to 9; write calls/period, e.g. call-limit=3/day; the period is hour, "
            "day, week or a number with m, h, d or w, such as 36h",
        ),
        (
            "call-limit=3/\uff15d",
            "[5.1] --restrict call-limit=CALLS/PERIOD: cannot be read; write calls/period, "
            "e.g. call-limit=3/day; the period is hour, day, week or a number with m, h, d "
            "or w, such as 36h",
        ),
    ]:
        ran = command("--as", "apatel", "designate", case_id, *DESIGNATE, "--restrict", restriction)
        assert (ran.status, ran.out, ran.err) == (2, "", f"error: {message}\n")
    assert command.record() == before
