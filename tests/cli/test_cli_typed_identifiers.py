"""Identifiers typed on the command line that show as nothing, or as
another, are refused naming the character's code point (a message quoting
them would look like an officer there is), and references are shown as
kept (7.4)."""

from __future__ import annotations

import pytest

from support.command_line import CommandLine


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--as", "lwong\ufe0f", "todo"],
            "error: [6.1] --as: must not contain invisible characters: U+FE0F at character 6\n",
        ),
        (
            ["--as", "lwong", "token", "create", "--officer", "lwong\u3164"],
            "error: [6.1] --officer: must not contain blank-looking characters: U+3164 at "
            "character 6\n",
        ),
        (
            ["--as", "lwong", "token", "revoke", "tok_\ufe0f"],
            "error: TOKEN_ID: must not contain invisible characters: U+FE0F at character 5\n",
        ),
    ],
    ids=["as", "officer", "token"],
)
def test_an_id_with_a_character_that_shows_as_nothing_is_named_by_code_point(
    command: CommandLine, argv: list[str], message: str
) -> None:
    """Status 2, one line naming the option and the code point."""
    ran = command(*argv)
    assert (ran.status, ran.out, ran.err) == (2, "", message)


def test_a_restriction_naming_an_officer_that_looks_like_one_is_refused(
    command: CommandLine,
) -> None:
    """``single-point-of-contact=lwong`` with a variation selector after it
    would be quoted as "there is no officer 'lwong'"."""
    case_id = command.report()
    ran = command(
        "--as",
        "apatel",
        "designate",
        case_id,
        "--restrict",
        "single-point-of-contact=lwong\ufe0f",
    )
    assert (ran.status, ran.err) == (
        2,
        "error: [5.1] --restrict single-point-of-contact: must not contain invisible "
        "characters: U+FE0F at character 6\n",
    )


def test_check_shows_the_customer_reference_as_kept(command: CommandLine) -> None:
    """The reference typed in lower case with spaces around it is shown in
    the form it is kept and looked up by."""
    ran = command("--as", "kdaly", "check", " crm-104233 ", "--channel", "letter", "--preview")
    assert ran.status == 0, ran.err
    assert ran.out.splitlines()[0].split(None, 1)[1].rstrip() == (
        "letter from CRM-104233, 5 January 2026 09:30"
    )
