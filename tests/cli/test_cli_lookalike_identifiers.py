"""Regression: references that look like ``CRM-104233`` (a hyphen U+2010,
a Cyrillic U+0421, fullwidth letters) each opened a customer of their own,
identical in ``list``, and ``check`` of one said to take the contact of a
restricted customer (5.1, 7.4). They are refused with status 2, naming the
code point, its place and what to use instead, and nothing is written."""

from __future__ import annotations

import pytest

from support.command_line import REPORTED_NOW, CommandLine


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        (
            "CRM\u2010104233",
            "must not contain a dash or hyphen other than '-': U+2010 at character 4; "
            "use '-' (U+002D)",
        ),
        (
            "\u0421RM-104233",
            "must not mix letters of different scripts: U+0421 at character 1, a Cyrillic "
            "character among Latin ones; use 'C' (U+0043)",
        ),
        (
            "\uff23\uff32\uff2d-104233",
            "must not contain compatibility characters (fullwidth, ligature, superscript or "
            "styled forms): U+FF23 at character 1; use 'C' (U+0043)",
        ),
    ],
    ids=["hyphen", "cyrillic", "fullwidth"],
)
def test_a_report_of_a_lookalike_reference_is_status_2_and_writes_nothing(
    command: CommandLine, reference: str, message: str
) -> None:
    """``report`` with the reference is one line naming the code point, and
    the database holds no case."""
    ran = command("--as", "jsmith", "report", reference, *REPORTED_NOW, "--issue", "council tax")
    assert (ran.status, ran.out, ran.err) == (2, "", f"error: [7.4] CUSTOMER_ID: {message}\n")
    assert command.record() == ([], [], [])


def test_check_of_a_lookalike_of_a_restricted_customer_is_refused(command: CommandLine) -> None:
    """``check`` with U+2011 for the hyphen of a designated customer's
    reference is refused, not answered "take it"; the contact is not
    logged, and the reference as kept still finds the restrictions."""
    command.told()
    ran = command(
        "--as", "kdaly", "check", "CRM\u2011104233", "--channel", "telephone", "--preview"
    )
    assert (ran.status, ran.out, ran.err) == (
        2,
        "",
        "error: [7.4] customer_id: must not contain a dash or hyphen other than '-': U+2011 at "
        "character 4; use '-' (U+002D)\n",
    )
    ran = command("--as", "kdaly", "check", "CRM-104233", "--channel", "telephone", "--preview")
    assert ran.status == 0, ran.err
    assert "YES" not in ran.out.splitlines()[0]
