"""Regression: an appeal dismissed and never told, then the restrictions
lifted and the lift's letter recorded: ``show`` said "NOT YET" of the
appeal for ever, ``not-communicated`` said every decision was told, a
second ``communicated`` was refused, and ``letter CASE lifted`` said
nothing of the appeal (6.3, 8.1). The appeal waits beside the lift, the
lift's letter tells of it, and recording that letter records both told."""

from __future__ import annotations

import pendulum

from support.command_line import CommandLine

LONDON = "Europe/London"


def _lifted_with_the_appeal_untold(command: CommandLine) -> str:
    case_id = command.told()
    steps = (
        (10, ("--as", "lwong", "appeal", "record", case_id, "--grounds", "Unfair")),
        (
            11,
            ("--as", "mobrien", "appeal", "decide", case_id, "--outcome", "dismissed",
             "--reasons", "Stands."),
        ),
        (12, ("--as", "apatel", "lift", case_id, "--reason", "Contact is now reasonable.")),
    )  # fmt: skip
    for day, argv in steps:
        command.clock.set(pendulum.datetime(2026, 2, day, 10, tz=LONDON))
        ran = command(*argv)
        assert ran.status == 0, ran.err
    return case_id


def test_the_appeal_waits_and_is_told_with_the_lift(command: CommandLine) -> None:
    case_id = _lifted_with_the_appeal_untold(command)
    waiting = command("--as", "lwong", "not-communicated")
    assert waiting.status == 0
    assert [row[:2] for row in waiting.rows if row and row[0] == case_id] == [
        [case_id, "Sam"],
        [case_id, "Sam"],
    ]
    assert [row[4:] for row in waiting.rows if row and row[0] == case_id] == [
        ["appeal", "11", "February", "2026", "10:00"],
        ["lift", "12", "February", "2026", "10:00"],
    ]
    letter = command("--as", "lwong", "letter", case_id, "lifted")
    assert letter.status == 0, letter.err
    assert (
        "On 11 February 2026 the Director of Finance and Business Improvement decided your "
        "appeal, received on 10 February 2026 (section 8.1): it was dismissed: the "
        "restrictions stood. Why: Stands."
    ) in " ".join(letter.out.split())

    command.clock.set(pendulum.datetime(2026, 2, 13, 10, tz=LONDON))
    ran = command("--as", "lwong", "communicated", case_id, "--method", "letter")
    assert ran.status == 0, ran.err
    shown = command("--as", "lwong", "show", case_id)
    assert ["11", "February", "2026", "10:00", "appeal", "mobrien", "13", "February",
            "2026,", "letter"] in shown.rows  # fmt: skip
    assert [line.rstrip() for line in shown.out.splitlines() if "NOT YET" in line] == [
        "Managers told         NOT YET told of the lift of 12 February 2026 10:00 (9.1)"
    ]
    assert " ".join(command("--as", "lwong", "not-communicated").out.split()) == (
        "No decision waits to be communicated (decisions recorded as not told to the "
        "customer, 6.3, are not listed here: see the register)."
    )
    again = command("--as", "lwong", "communicated", case_id, "--method", "letter")
    assert (again.status, "already_communicated" in again.err) == (1, True)
    reprinted = command("--as", "lwong", "letter", case_id, "lifted")
    assert reprinted.status == 0, reprinted.err
    assert "decided your appeal, received on 10 February 2026" in " ".join(reprinted.out.split())
