"""The demo tells the managers of the teams in contact with Sam of each
decision they are owed (9.1), so its story ends with nothing owed: every
officer's ``todo`` on its database is empty afterwards, and ``show`` says
who was told of each decision and when. Before, the managers were told of
the designation only, and ``todo`` went on asking for the lift."""

from __future__ import annotations

import pendulum
import pytest

from support.command_line import CommandLine

DEMO = ("--db", "sqlite:///contactpolicy-demo.db")
TEAMS = "Revenues and Benefits manager, Planning, Waste Services, Customer Services"


@pytest.mark.parametrize(
    ("officer", "name"),
    [
        ("jsmith", "Jo Smith"),
        ("kdaly", "Kim Daly"),
        ("apatel", "Asha Patel"),
        ("lwong", "Lee Wong"),
        ("mobrien", "Morgan O'Brien"),
    ],
)
def test_nothing_waits_for_anyone_after_the_demo(
    command: CommandLine, officer: str, name: str
) -> None:
    """Months after the story ends, under the starter configuration."""
    assert command("demo").status == 0
    command.clock.set(pendulum.datetime(2026, 12, 1, 10, tz="Europe/London"))
    ran = command(*DEMO, "--as", officer, "todo")
    assert (ran.status, ran.out) == (0, f"Nothing waits for {name}.\n")


def test_show_says_who_was_told_of_each_decision_and_when(command: CommandLine) -> None:
    """Told of the designation, the review, the appeal and the lift."""
    assert command("demo").status == 0
    [case] = command(*DEMO, "--as", "lwong", "list", "--json").json
    shown = command(*DEMO, "--as", "lwong", "show", case["id"]).facts
    assert shown["Managers told"] == " ".join(
        [
            f"{TEAMS}: 16 April 2026 09:00 by lwong (of the designation of 30 January 2026 11:00)",
            f"{TEAMS}: 1 May 2026 10:00 by lwong (of the review of 30 April 2026 09:00)",
            f"{TEAMS}: 13 May 2026 10:00 by lwong (of the appeal of 13 May 2026 10:00)",
            f"{TEAMS}: 30 July 2026 09:00 by lwong (of the review of 30 July 2026 09:00)",
        ]
    )
