"""Regression: ``communicated`` was accepted for a designation never told
whose restrictions had lapsed at a missed review day (7.2), although its
``letter`` is refused then; the printed checklist ticked how long the
restrictions last and the review date, neither of which applied any more."""

from __future__ import annotations

import pendulum

from support.command_line import CommandLine

LAPSED = (
    "the restrictions lapsed at the end of 30 April 2026, their review day, and no longer "
    "apply: review them (continue or vary them with reasons, then send the review's letter), "
    "or lift them (restrictions_lapsed)"
)


def test_told_after_the_lapse_is_refused_as_the_letter_is(command: CommandLine) -> None:
    """Designated on 30 January, review day 30 April, never told: on 27 May
    both the letter and the record of telling are refused, and a letter
    sent on 2 February is still recorded with ``--at``."""
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 5, 27, 10, tz="Europe/London"))
    letter = command("--as", "lwong", "letter", case_id, "designation")
    told = command("--as", "lwong", "communicated", case_id, "--method", "letter")
    assert (letter.status, told.status) == (1, 1)
    assert (LAPSED in letter.err, LAPSED in told.err, told.out) == (True, True, "")
    late = command(
        "--as", "lwong", "communicated", case_id, "--method", "letter", "--at", "2026-02-02 10:00"
    )
    assert late.status == 0, late.err
    facts = command("--as", "lwong", "show", case_id).facts
    assert "communicated" not in facts["Possible now"].split(", ")
