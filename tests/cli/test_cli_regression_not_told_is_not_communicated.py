"""``not-communicated`` said "Every decision is recorded as communicated."
when the only decision was recorded as not told to the customer (6.3): it
says no decision waits, and that those recorded as not told are not listed
there, never that they were communicated; the register gives the
exception."""

from __future__ import annotations

import pendulum

from support.command_line import CommandLine

NONE_WAITS = (
    "No decision waits to be communicated (decisions recorded as not told to the "
    "customer, 6.3, are not listed here: see the register)."
)
"""The line, its words as wrapped to the terminal's width joined again."""


def test_a_decision_recorded_as_not_told_is_not_said_to_be_communicated(
    command: CommandLine,
) -> None:
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 2, 2, 9, tz="Europe/London"))
    ran = command("--as", "apatel", "not-told", case_id, "--reason", "He would only call more.")
    assert ran.status == 0, ran.err
    listed = command("--as", "lwong", "not-communicated")
    assert (listed.status, " ".join(listed.out.split()), listed.err) == (0, NONE_WAITS, "")
    assert command("--as", "lwong", "not-communicated", "--json").json == []
    register = command("--as", "lwong", "register")
    assert [line.strip() for line in register.out.splitlines() if "Not told" in line] == [
        "Not told to the customer, by the exception recorded on 2 February 2026 (6.3)."
    ]


def test_with_no_decision_at_all_it_says_the_same(command: CommandLine) -> None:
    command.report()
    assert " ".join(command("--as", "lwong", "not-communicated").out.split()) == NONE_WAITS
