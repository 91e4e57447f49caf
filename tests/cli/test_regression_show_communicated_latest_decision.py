"""Found in use: ``show``'s "Communicated" line spoke only of the
designation: after a review that varied the restrictions it still showed
the designation's letter, while the review's decision had not been told
(6.3). It now speaks of the latest decision, as the "Decisions told"
table does."""

from __future__ import annotations

import pendulum

from support.command_line import CommandLine

LONDON = "Europe/London"


def test_communicated_speaks_of_the_latest_decision(command: CommandLine) -> None:
    """Told of the designation on 30 January; a review varies on 30 April:
    not recorded yet for the review, then told when recorded."""
    case_id = command.told()
    shown = command("--as", "lwong", "show", case_id)
    assert shown.facts["Communicated"] == ("30 January 2026 11:00, letter (recorded by lwong)")
    command.clock.set(pendulum.datetime(2026, 4, 30, 9, tz=LONDON))
    assert command("--as", "lwong", "review", "start", case_id).status == 0
    ran = command(
        "--as", "apatel", "review", "complete", case_id, "--outcome", "vary",
        "--notes", "Still calling.", "--restrict", "single-contact-method=email",
        "--override", "no_incident_since_decision=Calm only under the limits.",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    shown = command("--as", "lwong", "show", case_id)
    assert shown.facts["Communicated"] == (
        "not recorded yet, for the latest decision (review, 30 April 2026 09:00)"
    )
    command.clock.set(pendulum.datetime(2026, 4, 30, 10, tz=LONDON))
    assert command("--as", "lwong", "communicated", case_id, "--method", "email").status == 0
    shown = command("--as", "lwong", "show", case_id)
    assert shown.facts["Communicated"] == (
        "30 April 2026 10:00, email (recorded by lwong), for the latest decision "
        "(review, 30 April 2026 09:00)"
    )
