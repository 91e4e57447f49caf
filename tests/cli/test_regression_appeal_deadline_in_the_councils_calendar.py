"""``show`` gave an appeal received on 14 December 2026 the deadline of 11
January 2027 whatever the council's nation and closures (8.1): Monday to
Friday only. The configuration file's ``bank_holidays`` and
``closure_days`` now set the council's working days, and a wrong one is
refused before anything runs, naming the setting and the section."""

from __future__ import annotations

import re
from pathlib import Path

import pendulum
import pytest

from support.command_line import CommandLine

LONDON = "Europe/London"
NAME = 'name = "Maidstone Borough Council"\n'


def _configured(folder: Path, settings: str) -> None:
    """The starter configuration with ``settings`` added to its policy."""
    path = folder / "contactpolicy.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(NAME) == 1
    path.write_text(text.replace(NAME, NAME + settings), encoding="utf-8")


def _cells(out: str, first: str) -> list[str]:
    """The cells of the table row that starts with ``first``."""
    [line] = [line for line in out.splitlines() if line.strip().startswith(first)]
    return re.split(r"\s{2,}", line.strip())


def test_a_scottish_council_closed_on_29_december(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scotland, closed on 29 December 2026: 20 working days from Monday 14
    December leave out 25, 28 and 29 December, 1 and 4 January, so the
    appeal is due on Monday 18 January 2027."""
    monkeypatch.setenv("COLUMNS", "400")
    _configured(
        command.folder,
        'bank_holidays = "scotland"\nclosure_days = ["2026-12-29"]\n'
        'on_review_overdue = "continue"\n',
    )
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 12, 14, 10, tz=LONDON))
    ran = command(
        "--as", "lwong", "appeal", "record", case_id, "--grounds", "Email only is hard for me."
    )  # fmt: skip
    assert ran.status == 0, ran.err
    shown = command("--as", "lwong", "show", case_id)
    assert _cells(shown.out, "14 December 2026") == [
        "14 December 2026",
        "Email only is hard for me.",
        "undecided",
        "18 January 2027",
    ]
    command.clock.set(pendulum.datetime(2027, 1, 18, 16, tz=LONDON))
    ran = command(
        "--as", "mobrien", "appeal", "decide", case_id, "--outcome", "dismissed",
        "--reasons", "Email works at any hour.",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    shown = command("--as", "lwong", "show", case_id, "--json")
    assert shown.json["appeal_lateness"] == [
        {
            "due": "2027-01-18",
            "held": "2027-01-18",
            "days_late": 0,
            "not_applied_from": None,
            "applied_again": None,
            "missed_on": None,
            "missed_by": None,
            "working_days_late": 0,
        }
    ]


def test_a_calendar_that_is_not_one_is_refused(command: CommandLine) -> None:
    _configured(command.folder, 'bank_holidays = "wales"\nclosure_days = ["29/12/2026"]\n')
    ran = command("--as", "lwong", "list")
    assert ran.status != 0
    assert ran.err == (
        "error: contactpolicy.toml [policy]: [8.1] Policy.bank_holidays: must be "
        "'england-and-wales', 'scotland', 'northern-ireland' or 'none'; [8.1] "
        "Policy.closure_days[0]: must be a calendar date written as 2026-12-29, got other text\n"
    )
