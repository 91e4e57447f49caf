"""``show``'s Reviews table had no due date: a review held after its day,
and the restrictions lapsed meanwhile, left no trace once it was done, nor
an appeal decided after its deadline (7.2, 8.1). The Reviews table now has
the day each review was due and, in its notes, how late it was held, and
the Appeals table the day each appeal was to be decided by and, in its
reasons, how late it was; ``show --json`` gives both for each
(``review_lateness``, ``appeal_lateness``)."""

from __future__ import annotations

import re

import pendulum
import pytest

from support.command_line import CommandLine

LONDON = "Europe/London"


def _cells(out: str, first: str) -> list[str]:
    """The cells of the table row that starts with ``first``."""
    [line] = [line for line in out.splitlines() if line.strip().startswith(first)]
    return re.split(r"\s{2,}", line.strip())


def test_show_says_when_the_review_and_the_appeal_were_due_and_how_late(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Designated and told on 30 January 2026, review due 30 April; the
    review started 7 May and continued on 8 May, told at 10:00 that day;
    an appeal made by letter on 11 May, to be decided by 9 June (the Spring
    bank holiday, 25 May, is not a working day), dismissed on 10 June."""
    monkeypatch.setenv("COLUMNS", "400")
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 5, 7, 9, tz=LONDON))
    assert command("--as", "lwong", "review", "start", case_id).status == 0
    command.clock.set(pendulum.datetime(2026, 5, 8, 9, tz=LONDON))
    ran = command(
        "--as", "apatel", "review", "complete", case_id, "--outcome", "continue",
        "--notes", "Still calling.",
        "--override", "no_incident_since_decision=Calm only under the limits.",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    shown = command("--as", "lwong", "show", case_id)
    assert _cells(shown.out, "7 May 2026") == [
        "7 May 2026",
        "scheduled",
        "continue (0 incidents since the last decision)",
        "30 April 2026",
        "The review was due on 30 April 2026 and held 8 days late (7.2): the restrictions "
        "have not applied since 1 May 2026.",
    ]
    assert _cells(shown.out, "Grounds:") == ["Grounds: Still calling."]
    command.clock.set(pendulum.datetime(2026, 5, 8, 10, tz=LONDON))
    assert command("--as", "lwong", "communicated", case_id, "--method", "letter").status == 0
    command.clock.set(pendulum.datetime(2026, 5, 11, 10, tz=LONDON))
    contact_id = command.checked("letter", "appeal")
    command.clock.set(pendulum.datetime(2026, 6, 10, 10, tz=LONDON))
    ran = command(
        "--as", "lwong", "appeal", "record", case_id, "--contact-id", str(contact_id),
        "--grounds", "Email only is hard for me.",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    ran = command(
        "--as", "mobrien", "appeal", "decide", case_id, "--outcome", "dismissed",
        "--reasons", "Email works at any hour.",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    shown = command("--as", "lwong", "show", case_id)
    assert _cells(shown.out, "7 May 2026")[4] == (
        "The review was due on 30 April 2026 and held 8 days late (7.2): the restrictions "
        "did not apply from 1 May 2026 until 8 May 2026."
    )
    assert _cells(shown.out, "11 May 2026") == [
        "11 May 2026",
        "Email only is hard for me.",
        "dismissed",
        "9 June 2026",
        "The appeal was to be decided by 9 June 2026 and was decided 1 working day late (8.1).",
    ]
    assert _cells(shown.out, "Email works")[0] == "Email works at any hour."
    shown = command("--as", "lwong", "show", case_id, "--json")
    assert (shown.json["review_lateness"], shown.json["appeal_lateness"]) == (
        [
            {
                "due": "2026-04-30",
                "held": "2026-05-08",
                "days_late": 8,
                "not_applied_from": "2026-05-01",
                "applied_again": "2026-05-08",
                "missed_on": None,
                "missed_by": None,
                "working_days_late": None,
            }
        ],
        [
            {
                "due": "2026-06-09",
                "held": "2026-06-10",
                "days_late": 1,
                "not_applied_from": None,
                "applied_again": None,
                "missed_on": None,
                "missed_by": None,
                "working_days_late": 1,
            }
        ],
    )
