"""At the command line: a correction of the issue (``rectify --field
issue``, 7.4) after the warning and the designation's letter were sent,
both of which quote it ("...your contact with us about council tax bill"),
is in ``todo`` naming both letters (6.3); ``history`` shows how it was
answered in its row."""

from __future__ import annotations

from support.command_line import CommandLine
from support.corrections import corrected_at_the_command_line, todo_items

SUMMARY = (
    "The record was corrected after the customer was sent the warning of 4 January 2026 (the "
    "issue corrected on 30 January 2026) and the designation letter of 30 January 2026 (the "
    "issue corrected on 30 January 2026) (7.4): send them a corrected letter and record when "
    "and how (correction-told with --at and --method), or record the reason none is sent "
    "(correction-told --reason), as not telling them is an exception that must itself be "
    "recorded (6.3)."
)


def test_correcting_the_issue_after_its_letters_is_in_todo_and_history_shows_the_answer(
    command: CommandLine,
) -> None:
    """The reproduction: before, ``todo`` held no ``letter_corrected``
    item. Now it names both letters until the corrected letter is recorded
    sent, and that row of ``history`` says by what and when."""
    case_id = corrected_at_the_command_line(
        command, "issue", "council tax account", "The contact was about the account, not one bill."
    )
    assert ("letter_corrected", SUMMARY) in todo_items(command)
    ran = command("--as", "lwong", "correction-told", case_id, "--method", "letter")
    assert ran.status == 0, ran.err
    assert [kind for kind, _ in todo_items(command)] == ["managers_not_informed"]
    ran = command("--as", "lwong", "history", case_id)
    assert ran.status == 0, ran.err
    assert ran.out.splitlines()[-8:-1] == [
        "  6   30 January 2026 11:00   rectify issue to 'council   lwong    designated   ",
        "                              tax account': The contact                         ",
        "                              was about the account,                            ",
        "                              not one bill.                                     ",
        "  7   30 January 2026 11:00   record_correction_told:     lwong    designated   ",
        "                              corrected letter sent by                          ",
        "                              letter on 30 January 2026                         ",
    ]


def test_history_shows_the_reason_no_corrected_letter_is_sent(command: CommandLine) -> None:
    """Answered with a reason, the row gives it."""
    case_id = corrected_at_the_command_line(
        command, "issue", "council tax account", "The contact was about the account, not one bill."
    )
    reason = "Told by telephone; the letters stand otherwise."
    ran = command("--as", "lwong", "correction-told", case_id, "--reason", reason)
    assert ran.status == 0, ran.err
    ran = command("--as", "lwong", "history", case_id)
    assert ran.status == 0, ran.err
    assert ran.out.splitlines()[-5:-1] == [
        "  7   30 January 2026 11:00   record_correction_told:     lwong    designated   ",
        "                              no corrected letter: Told                         ",
        "                              by telephone; the letters                         ",
        "                              stand otherwise.                                  ",
    ]
