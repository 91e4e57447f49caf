"""``due`` after the review day of restrictions that ended on a last day of
their own the day they were decided (6.4) said "Restrictions lapse at the
end of their review day (7.2): those overdue no longer apply until a review
continues them", and ``--json`` called them lapsed: they had ended months
before. It says they ended and that the review is of the record (7.2)."""

from __future__ import annotations

import pendulum

from support.command_line import DESIGNATE, CommandLine

LONDON = "Europe/London"


def _ended_the_day_decided(command: CommandLine) -> str:
    """Designated on 30 January 2026 to end that day, and told; its id."""
    case_id = command.warned()
    command.clock.set(pendulum.datetime(2026, 1, 30, 11, tz=LONDON))
    ran = command(
        "--as",
        "apatel",
        "designate",
        case_id,
        *DESIGNATE,
        "--ends-on",
        "2026-01-30",
        "--ends-on-because",
        "One day only.",
    )
    assert ran.status == 0, ran.err
    ran = command("--as", "lwong", "communicated", case_id, "--method", "letter")
    assert ran.status == 0, ran.err
    return case_id


def test_due_says_they_ended_and_the_review_is_of_the_record(command: CommandLine) -> None:
    case_id = _ended_the_day_decided(command)
    command.clock.set(pendulum.datetime(2026, 5, 1, 10, tz=LONDON))
    ran = command("--as", "lwong", "due")
    assert ran.status == 0, ran.err
    assert ran.rows[4] == [case_id, "Sam", "Taylor", "designated", "30", "April",
                           "2026", "1", "day"]  # fmt: skip
    assert " ".join(ran.out.split()).endswith(
        "Restrictions that ended on a last day of their own before their review day (6.4) no "
        "longer apply: their review is of the record (7.2)."
    )
    assert "lapse" not in ran.out
    rows = command("--as", "lwong", "due", "--json").json
    assert [(row["days_overdue"], row["review_overdue"], row["lapsed"]) for row in rows] == [
        (1, True, False)
    ]


def test_the_letter_says_they_end_and_the_record_is_reviewed(command: CommandLine) -> None:
    case_id = _ended_the_day_decided(command)
    ran = command("--as", "lwong", "letter", case_id, "designation")
    assert ran.status == 0, ran.err
    text = " ".join(ran.out.split())
    assert (
        "The restrictions apply until 30 January 2026. That is the last day decided for them "
        "(section 6.4 of the policy): they end then. The council's record of them will still be "
        "reviewed on 30 April 2026 (section 7.2 of the policy), so that it is kept no longer "
        "than needed. Why they end then: One day only."
    ) in text
    assert "you will be told the outcome" not in text
