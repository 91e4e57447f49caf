"""Regression: designated and told on 30 January 2026 (review due 30 April),
the review day passed with no review, the restrictions lapsed from 1 May
(Maidstone), and the case was lifted on 12 May. ``show`` had no Reviews
table at all and ``register`` no word of the review due on 30 April (7.2,
7.4). Now ``show``'s Reviews table has the review day as never held, the
register's case notes say so, ``register --json`` lists it in
``reviews_missed`` and ``show --json`` in ``reviews_not_held``."""

from __future__ import annotations

import csv
import io
import re

import pendulum
import pytest

from support.command_line import CommandLine

LONDON = "Europe/London"
NEVER_HELD = (
    "The review was due on 30 April 2026 and never held (7.2): the lift decision of 12 May "
    "2026 came 12 days after it, with no review completed; the restrictions have not "
    "applied since 1 May 2026."
)


def _lifted_without_a_review(command: CommandLine) -> str:
    """Told on 30 January, lifted on 12 May with no review; the clock on 13 May."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 5, 12, 10, tz=LONDON))
    ran = command("--as", "apatel", "lift", case_id, "--reason", "Contact is reasonable now.")
    assert ran.status == 0, ran.err
    command.clock.set(pendulum.datetime(2026, 5, 13, 10, tz=LONDON))
    return case_id


def test_show_gives_the_review_day_never_held(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Reviews table's one row: no review started, never held, due 30
    April, and why in its notes."""
    monkeypatch.setenv("COLUMNS", "400")
    case_id = _lifted_without_a_review(command)
    shown = command("--as", "lwong", "show", case_id)
    assert shown.status == 0, shown.err
    lines = shown.out.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Reviews (7.2, 7.3)")))
    [row] = [line for line in lines[start:] if "never held" in line and "30 April" in line]
    assert re.split(r"\s{2,}", row.strip()) == ["never held", "30 April 2026", NEVER_HELD]
    shown = command("--as", "lwong", "show", case_id, "--json")
    assert (shown.json["review_lateness"], shown.json["reviews_not_held"]) == (
        [],
        [
            {
                "due": "2026-04-30",
                "held": None,
                "days_late": 12,
                "not_applied_from": "2026-05-01",
                "applied_again": None,
                "missed_on": "2026-05-12",
                "missed_by": "lift",
                "working_days_late": None,
            }
        ],
    )


def test_the_register_file_gives_the_review_day_never_held(command: CommandLine) -> None:
    """The CSV's case notes have the line, and the row for scripts the day."""
    case_id = _lifted_without_a_review(command)
    ran = command("--as", "lwong", "register", "--csv", "register.csv")
    assert ran.status == 0, ran.err
    text = (command.folder / "register.csv").read_text(encoding="utf-8-sig")
    _, row = list(csv.reader(io.StringIO(text, newline="")))
    assert row[3:] == [
        "",
        "\n".join(
            [
                f"Case {case_id}: lifted.",
                "Restrictions ended on 12 May 2026: Contact is reasonable now.",
                NEVER_HELD,
                "The designation decision of 30 January 2026 was communicated to the customer "
                "on 30 January 2026 by letter (6.3).",
                "The lift decision of 12 May 2026 is not yet communicated to the customer (6.3).",
                "Managers not yet informed of the latest decision (9.1).",
            ]
        ),
    ]
    [listed] = command("--as", "lwong", "register", "--json").json
    assert (listed["reviews_missed"], listed["review_overdue"]) == (["2026-04-30"], False)
