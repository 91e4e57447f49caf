"""``show`` says when a designation was made without confirming reasonable
adjustments were considered (4.2, Equality Act 2010), with the policy's
reason for not requiring it. Before, a council's file could drop the
check with no reason and ``show`` said nothing of it."""

from __future__ import annotations

import pendulum

from support.command_line import DESIGNATE, CommandLine

WHY = "Adjustments are agreed and recorded in the CRM."


def _relax(command: CommandLine, reason: str | None) -> None:
    """Drop the check in the folder's configuration, with ``reason`` if given."""
    config = command.folder / "contactpolicy.toml"
    text = config.read_text(encoding="utf-8")
    added = "require_reasonable_adjustments = false\n"
    if reason is not None:
        added += f'adjustments_not_required_because = "{reason}"\n'
    config.write_text(text.replace("[policy]\n", "[policy]\n" + added, 1), encoding="utf-8")


def test_a_file_dropping_the_check_without_a_reason_stops_with_status_2(
    command: CommandLine,
) -> None:
    """Every command refuses the file, naming the field and 4.2."""
    _relax(command, None)
    ran = command("--as", "lwong", "list")
    assert (ran.status, ran.out) == (2, "")
    assert (
        "[4.2] Policy.require_reasonable_adjustments: is false, so a designation need not "
        "confirm that reasonable adjustments (Equality Act 2010) were considered: state why "
        "in adjustments_not_required_because"
    ) in " ".join(ran.err.split())


def test_show_says_adjustments_were_not_considered_and_why(command: CommandLine) -> None:
    """A designation without ``--adjustments-considered`` under such a file."""
    _relax(command, WHY)
    case_id = command.warned()
    command.clock.set(pendulum.datetime(2026, 1, 30, 11, tz="Europe/London"))
    without = [each for each in DESIGNATE if each != "--adjustments-considered"]
    ran = command("--as", "apatel", "designate", case_id, *without)
    assert ran.status == 0, ran.err
    shown = command("--as", "apatel", "show", case_id).facts
    assert shown["Adjustments considered (4.2)"] == f"no; the policy does not require it: {WHY}"


def test_show_says_nothing_more_when_they_were_considered(command: CommandLine) -> None:
    """The confirmation is the rule; only its absence gets a line."""
    case_id = command.designated()
    assert "Adjustments considered (4.2)" not in command("--as", "apatel", "show", case_id).facts
