"""Regression, at the command line: after a review on 1 June 2026 continued
restrictions that lapsed at the end of 30 April,

- ``communicated --at "2026-06-01 10:00"`` (before the review) was refused
  naming the review's next review day, 1 September 2026, as the day the
  restrictions lapsed (7.2); it names 30 April now;
- ``appeal record --received 2026-05-15`` is recorded as received then:
  an appeal is against the restrictions the designation set (8.1), and a
  review since does not move when the council had it; a date before the
  designation is refused (``appeal_before_decision``), and one on the
  designation's day is its time.
"""

from __future__ import annotations

import pendulum

from support.command_line import CommandLine

LONDON = "Europe/London"


def _continued(command: CommandLine) -> str:
    """A case designated and told on 30 January 2026 (review day 30 April),
    continued by a review at 10:30 on 1 June; the clock at 13:00 that day."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 6, 1, 9, tz=LONDON))
    ran = command("--as", "lwong", "review", "start", case_id, "--trigger", "requested")
    assert ran.status == 0, ran.err
    command.clock.set(pendulum.datetime(2026, 6, 1, 10, 30, tz=LONDON))
    ran = command(
        "--as",
        "apatel",
        "review",
        "complete",
        case_id,
        "--outcome",
        "continue",
        "--notes",
        "Calls continue at the same rate.",
        "--override",
        "no_incident_since_decision=Kept within limits only by them.",
    )
    assert ran.status == 0, ran.err
    command.clock.set(pendulum.datetime(2026, 6, 1, 13, tz=LONDON))
    return case_id


def test_told_before_the_review_names_the_lapse_that_applied(command: CommandLine) -> None:
    case_id = _continued(command)
    ran = command(
        "--as", "lwong", "communicated", case_id, "--method", "letter", "--at", "2026-06-01 10:00"
    )
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == (
        "refused: cannot run 'communicated': the policy requires\n"
        "  - [7.2] the restrictions lapsed at the end of 30 April 2026, their review day, and "
        "no longer apply: review them (continue or vary them with reasons, then send the "
        "review's letter), or lift them (restrictions_lapsed)\n"
        "  - [7.4] the decision cannot be communicated (1 June 2026 10:00) before it was "
        "taken (1 June 2026 10:30) (communicated_before_decision)\n"
    )


def test_an_appeal_received_before_a_later_review_is_recorded_then(command: CommandLine) -> None:
    case_id = _continued(command)
    ran = command(
        "--as", "lwong", "appeal", "record", case_id, "--grounds", "g", "--received", "2026-01-29"
    )
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == (
        "refused: cannot run 'appeal record': the policy requires\n"
        "  - [8.1] an appeal cannot be received (29 January 2026 00:00) before the "
        "designation it appeals was decided (30 January 2026 11:00) (appeal_before_decision)\n"
    )
    assert command("--as", "lwong", "show", case_id).facts["Case"] == f"{case_id}, designated"
    ran = command(
        "--as", "lwong", "appeal", "record", case_id, "--grounds", "g", "--received", "2026-05-15"
    )
    assert (ran.status, ran.out) == (0, f"Case {case_id} is appealed.\n"), ran.err
    shown = command("--as", "lwong", "show", case_id, "--json")
    assert [each["received_at"] for each in shown.json["appeals"]] == ["2026-05-14T23:00:00+00:00"]


def test_an_appeal_received_on_the_designations_day_is_its_time(command: CommandLine) -> None:
    case_id = _continued(command)
    ran = command(
        "--as", "lwong", "appeal", "record", case_id, "--grounds", "g", "--received", "2026-01-30"
    )
    assert (ran.status, ran.out) == (0, f"Case {case_id} is appealed.\n"), ran.err
