"""Evidence that cannot be accurate is refused at the command line (7.4):
an incident dated further back than the council keeps anything (7.2), and
a description that shows nothing (a zero-width space alone). Before, both
were recorded, the second shown as ``\\u200b``. Nothing is written."""

from __future__ import annotations

from support.command_line import CommandLine

INCIDENT = ("--behaviour", "excessive_demands", "--channel", "telephone")


def test_an_incident_of_1900_is_refused_with_status_1(command: CommandLine) -> None:
    """The reproduction: the rule, its code and sections, the date in words."""
    case_id = command.report()
    before = command.record()
    ran = command(
        "--as", "kdaly", "incident", case_id, *INCIDENT,
        "--occurred", "1900-01-01", "--description", "Old.",
    )  # fmt: skip
    assert (ran.status, ran.out) == (1, "")
    assert " ".join(ran.err.split()) == (
        "refused: cannot run 'incident': the policy requires - [7.4] the incident "
        "(1 January 1900 00:00) is earlier than 5 January 2024, 24 months before now: nothing "
        "older is kept (7.2), so it cannot be an accurate record (7.4) (incident_too_long_ago)"
    )
    assert command.record() == before


def test_a_description_of_a_zero_width_space_is_refused_with_status_2(
    command: CommandLine,
) -> None:
    """Refused as typed, as white space alone is, naming the option."""
    case_id = command.report()
    before = command.record()
    ran = command(
        "--as", "kdaly", "incident", case_id, *INCIDENT,
        "--occurred", "2026-01-04 10:00", "--description", "\u200b",
    )  # fmt: skip
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == "error: [4.1] --description: holds no visible character; give the text\n"
    assert command.record() == before


def test_a_note_that_shows_nothing_is_refused_with_status_2(command: CommandLine) -> None:
    """Every typed text follows the one rule."""
    case_id = command.report()
    ran = command("--as", "jsmith", "note", case_id, "\u200b \ufeff")
    assert (ran.status, ran.err) == (
        2,
        "error: [7.4] TEXT: holds no visible character; give the text\n",
    )
