"""``informed --told`` names someone (9.1): ``"."`` is refused, status 1,
and the work queue still asks for the managers to be told; ``show`` says
who was told and when, or that they are not yet. Before, ``"."`` was
recorded as who was told and ``show`` never said who was."""

from __future__ import annotations

import pendulum

from support.command_line import CommandLine


def _kinds(command: CommandLine) -> list[str]:
    """The kinds of what waits for the Policy and Information team."""
    return [item["kind"] for item in command("--as", "lwong", "todo", "--json").json]


def test_a_dot_is_refused_and_the_duty_stays(command: CommandLine) -> None:
    """The refusal names the rule, its code and 9.1; nothing is recorded."""
    case_id = command.told()
    ran = command("--as", "lwong", "informed", case_id, "--told", ".")
    assert (ran.status, ran.out) == (1, "")
    assert " ".join(ran.err.split()) == (
        "refused: cannot run 'informed': the policy requires - [9.1] each person or team told "
        "must be named by a name or id holding at least one letter or digit (recipient_unnamed)"
    )
    assert _kinds(command) == ["managers_not_informed"]
    shown = command("--as", "lwong", "show", case_id).facts
    assert (
        shown["Managers told"] == "NOT YET told of the designation of 30 January 2026 11:00 (9.1)"
    )


def test_show_says_who_was_told_and_when(command: CommandLine) -> None:
    """One line per record: the recipients, when, by whom, of which decision."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 2, 3, 10, tz="Europe/London"))
    ran = command(
        "--as", "lwong", "informed", case_id, "--told", "Jo Smith (jsmith)", "--told", "Planning"
    )
    assert (ran.status, ran.out) == (0, f"Case {case_id}: who was told is recorded (9.1).\n")
    shown = command("--as", "lwong", "show", case_id).facts
    assert shown["Managers told"] == (
        "Jo Smith (jsmith), Planning: 3 February 2026 10:00 by lwong "
        "(of the designation of 30 January 2026 11:00)"
    )
    assert _kinds(command) == []
