"""Regression: the command line's refusal of a contact's issue named the
library's field, ``Contact.issue``, not the option typed, ``--issue`` (and
a department refused named ``Contact.department``); and a case's issue
and a restriction's were taken with a bidirectional control or a word
mixing scripts, which a contact's issue is refused for (5.1, 6.2). Each
is now refused naming the option, the character by its code point and
place and the section, never the text, and nothing is written."""

from __future__ import annotations

import pendulum

from support.command_line import CUSTOMER, DESIGNATE, REPORT_NOW, CommandLine

MIXED = "Bin c\u043ellections"
"""A Latin word holding a Cyrillic o."""
REVERSED = "\u202esnoitcelloc niB\u202c"
"""Text that shows as "Bin collections", reversed by a right-to-left override."""
SCRIPTS = (
    "must not mix letters of different scripts within a word: U+043E at character 6, a "
    "Cyrillic character among Latin ones; use 'o' (U+006F)"
)
CONTROLS = (
    "must not contain bidirectional controls, which change the order text is shown in: "
    "U+202E at character 1"
)


def test_a_contacts_issue_refused_names_the_option(command: CommandLine) -> None:
    command.told()
    ran = command("--as", "kdaly", "check", CUSTOMER, "--channel", "email", "--issue", MIXED)
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: [5.1] --issue: {SCRIPTS}\n"
    assert command.record()[2] == []


def test_a_contacts_department_refused_names_the_option(command: CommandLine) -> None:
    command.told()
    ran = command(
        "--as", "kdaly", "check", CUSTOMER, "--channel", "email", "--department", "Rev\u200benues"
    )
    assert ran.err == (
        "error: [5.1] --department: must not contain invisible characters: U+200B at character 4\n"
    )


def test_a_case_issue_with_a_bidirectional_control_is_refused(command: CommandLine) -> None:
    argv = list(REPORT_NOW)
    argv[argv.index("--issue") + 1] = REVERSED
    ran = command(*argv)
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: [6.2] --issue: {CONTROLS}\n"
    assert command.record() == ([], [], [])


def test_a_restriction_on_an_issue_mixing_scripts_is_refused(command: CommandLine) -> None:
    case_id = command.warned()
    command.clock.set(pendulum.datetime(2026, 1, 30, 11, tz="Europe/London"))
    assessed = DESIGNATE[: DESIGNATE.index("--restrict")]
    before = command.record()
    ran = command(
        "--as", "apatel", "designate", case_id, *assessed,
        "--restrict", f"no-further-enquiries={MIXED}",
    )  # fmt: skip
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        f"error: [5.1] --restrict no-further-enquiries=ISSUE: {SCRIPTS}; write "
        "no-further-enquiries=ISSUE\n"
    )
    assert command.record() == before
