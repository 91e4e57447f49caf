"""A date without a time on the day of the decision was read as midnight, so
``communicated --at`` and ``appeal record --received`` given that day were
refused as before the decision (7.4, 8.1), though the help offers a date
alone. A date alone is that day: its midnight, or the time of the event the
moment must follow when that happened on that day; the day never changes."""

from __future__ import annotations

import pendulum

from support.command_line import CommandLine

DECIDED = "2026-01-30T11:00:00+00:00"
"""When :meth:`CommandLine.designated` designates: 11:00 on 30 January 2026."""


def test_a_communication_dated_the_day_of_the_decision_follows_it(
    command: CommandLine,
) -> None:
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 1, 30, 15, tz="Europe/London"))
    ran = command(
        "--as", "lwong", "communicated", case_id, "--method", "letter", "--at", "2026-01-30"
    )
    assert (ran.status, ran.err) == (0, "")
    assert ran.out.startswith(
        f"Case {case_id}: the designation decision was communicated on 30 January 2026, "
    )
    shown = command("--as", "lwong", "show", case_id, "--json").json
    assert shown["designation"]["decided_at"] == DECIDED
    assert shown["decisions"][-1]["communicated"]["at"] == DECIDED


def test_an_appeal_received_the_day_of_the_decision_follows_it(command: CommandLine) -> None:
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 1, 30, 15, tz="Europe/London"))
    assert command("--as", "lwong", "communicated", case_id, "--method", "letter").status == 0
    ran = command(
        "--as", "lwong", "appeal", "record", case_id, "--grounds", "x", "--received", "2026-01-30"
    )
    assert (ran.status, ran.err) == (0, "")
    shown = command("--as", "lwong", "show", case_id, "--json").json
    assert shown["appeals"][-1]["received_at"] == DECIDED


def test_a_date_alone_on_a_later_day_is_its_midnight(command: CommandLine) -> None:
    """The day, and so any deadline counted in days, is the one typed."""
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 2, 3, 15, tz="Europe/London"))
    ran = command(
        "--as", "lwong", "communicated", case_id, "--method", "letter", "--at", "2026-02-02"
    )
    assert ran.status == 0
    shown = command("--as", "lwong", "show", case_id, "--json").json
    assert shown["decisions"][-1]["communicated"]["at"] == "2026-02-02T00:00:00+00:00"


def test_a_date_alone_before_the_decision_day_is_still_refused(command: CommandLine) -> None:
    case_id = command.designated()
    ran = command(
        "--as", "lwong", "communicated", case_id, "--method", "letter", "--at", "2026-01-29"
    )
    assert ran.status == 1
    assert ran.err == (
        "refused: cannot run 'communicated': the policy requires\n"
        "  - [7.4] the decision cannot be communicated (29 January 2026 00:00) before it was "
        "taken (30 January 2026 11:00) (communicated_before_decision)\n"
    )


def test_a_warning_dated_the_day_of_its_incidents_follows_them(command: CommandLine) -> None:
    case_id = command.report()
    incident = (
        "incident", case_id, "--behaviour", "excessive_demands", "--channel", "telephone",
        "--occurred", "2026-01-05 08:00", "--description", "Called again.",
    )  # fmt: skip
    assert command("--as", "jsmith", *incident).status == 0
    ran = command("--as", "jsmith", "warn", case_id, "--method", "letter", "--at", "2026-01-05")
    assert (ran.status, ran.err) == (0, "")
