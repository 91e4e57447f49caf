"""``list`` after the review day of restrictions that ended on a last day of
their own the day they were decided (6.4) said "30 April 2026 (lapsed)",
and ``list --json`` ``"lapsed": true``: they had ended months before, as
``show``, ``due`` and ``todo`` said. ``list`` and ``show`` now say the same
of the review day: overdue, and the day the restrictions ended on (7.2)."""

from __future__ import annotations

import pendulum

from support.command_line import DESIGNATE, CommandLine

LONDON = "Europe/London"


def _designated(command: CommandLine, *ending: str) -> str:
    """Designated on 30 January 2026 (review day 30 April) with ``ending``
    options, and told; its id."""
    case_id = command.warned()
    command.clock.set(pendulum.datetime(2026, 1, 30, 11, tz=LONDON))
    ran = command("--as", "apatel", "designate", case_id, *DESIGNATE, *ending)
    assert ran.status == 0, ran.err
    ran = command("--as", "lwong", "communicated", case_id, "--method", "letter")
    assert ran.status == 0, ran.err
    command.clock.set(pendulum.datetime(2026, 5, 1, 10, tz=LONDON))
    return case_id


def test_list_says_they_ended_as_show_does(command: CommandLine) -> None:
    case_id = _designated(command, "--ends-on", "2026-01-30", "--ends-on-because", "One day.")
    ran = command("--as", "lwong", "list")
    assert ran.status == 0, ran.err
    assert ran.out.splitlines()[4:6] == [
        f"{case_id}  Sam Taylor (CRM-104233)  designated  "
        "30 April 2026 (overdue; ended on 30 January 2026)",
        "  Issue: council tax bill",
    ]
    assert "lapse" not in ran.out
    shown = command("--as", "lwong", "show", case_id)
    assert shown.facts["Review due"] == "30 April 2026 (overdue; ended on 30 January 2026)"


def test_list_json_says_they_ended_and_did_not_lapse(command: CommandLine) -> None:
    _designated(command, "--ends-on", "2026-01-30", "--ends-on-because", "One day.")
    [row] = command("--as", "lwong", "list", "--json").json
    assert {
        key: row[key]
        for key in ("review_due", "ends_on", "review_overdue", "lapsed", "ended_before_review")
    } == {
        "review_due": "2026-04-30",
        "ends_on": "2026-01-30",
        "review_overdue": True,
        "lapsed": False,
        "ended_before_review": "2026-01-30",
    }


def test_restrictions_running_until_their_review_still_lapse(command: CommandLine) -> None:
    """Without a last day of their own they lapse at the end of their review
    day, and ``list`` and ``show`` say so as before (7.2)."""
    case_id = _designated(command)
    ran = command("--as", "lwong", "list")
    assert ran.out.splitlines()[4] == (
        f"{case_id}  Sam Taylor (CRM-104233)  designated  30 April 2026 (lapsed)"
    )
    [row] = command("--as", "lwong", "list", "--json").json
    assert (row["ends_on"], row["lapsed"], row["ended_before_review"]) == (None, True, None)
    assert command("--as", "lwong", "show", case_id).facts["Review due"] == (
        "30 April 2026 (lapsed)"
    )
