"""At the command line: a correction (``rectify``, 7.4) of an incident the
designation's letter gave, after it was sent, is in ``todo`` until
``correction-told`` records the corrected letter sent, or the reason none
is (6.3)."""

from __future__ import annotations

from support.command_line import CommandLine
from support.corrections import corrected_at_the_command_line, todo_items

SUMMARY = (
    "The record was corrected after the customer was sent the designation letter of 30 "
    "January 2026 (incident 2 corrected on 30 January 2026) (7.4): send them a corrected "
    "letter and record when and how (correction-told with --at and --method), or record the "
    "reason none is sent (correction-told --reason), as not telling them is an exception that "
    "must itself be recorded (6.3)."
)


def test_todo_shows_the_letter_corrected_until_the_corrected_letter_is_recorded(
    command: CommandLine,
) -> None:
    """The item, with its exact words, goes once the letter is recorded
    sent; the audit trail is intact after it."""
    case_id = corrected_at_the_command_line(command)
    assert ("letter_corrected", SUMMARY) in todo_items(command)
    ran = command("--as", "lwong", "correction-told", case_id, "--method", "letter")
    assert (ran.status, ran.out) == (
        0,
        f"Case {case_id}: the corrected letter was sent on 30 January 2026, by letter \n(7.4).\n",
    )
    assert [kind for kind, _ in todo_items(command)] == ["managers_not_informed"]
    ran = command("--as", "lwong", "verify", case_id)
    assert (ran.status, ran.out.splitlines()[0]) == (
        0,
        f"Case {case_id}: the audit trail is intact (7 events).",
    )


def test_the_reason_no_corrected_letter_is_sent_answers_it_once(command: CommandLine) -> None:
    """``--reason`` records why none is sent; a second answer, with nothing
    waiting, is refused (status 1) with its section."""
    case_id = corrected_at_the_command_line(command)
    reason = "The customer was told of the miscount by telephone; the letter stands otherwise."
    ran = command("--as", "lwong", "correction-told", case_id, "--reason", reason)
    assert ran.status == 0, ran.err
    assert ran.out.replace("\n", " ") == (
        f"Case {case_id}: no corrected letter is sent, and the reason is recorded (6.3, 7.4). "
    )
    ran = command("--as", "lwong", "correction-told", case_id, "--reason", reason)
    assert (ran.status, ran.err.strip().splitlines()) == (
        1,
        [
            "refused: cannot run 'correction-told': the policy requires",
            "  - [7.4] no letter the customer was sent waits for a correction made since "
            "(no_correction_to_tell)",
        ],
    )


def test_neither_a_letter_nor_a_reason_is_wrong_input(command: CommandLine) -> None:
    """Without ``--method`` or ``--reason`` nothing is written (status 2)."""
    case_id = corrected_at_the_command_line(command)
    ran = command("--as", "lwong", "correction-told", case_id)
    assert (ran.status, ran.err.strip()) == (
        2,
        "error: [7.4] --reason: is missing: give when and how the corrected letter was sent "
        "(--method, and --at when it was not now), or the reason none is sent",
    )
    assert ("letter_corrected", SUMMARY) in todo_items(command)
