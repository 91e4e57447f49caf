"""Regression: the command line took an issue holding a control character
(ESC U+001B) and a note holding any, where a department refused them
(5.1, 6.2, 7.4). Each is now refused naming the option or argument, the
character by its code point and place and the section, never the text,
and nothing is written."""

from __future__ import annotations

from support.command_line import REPORT_NOW, CommandLine


def test_a_case_issue_with_an_escape_is_refused(command: CommandLine) -> None:
    """``report --issue`` with ESC in it is status 2, the store as it was."""
    argv = list(REPORT_NOW)
    argv[argv.index("--issue") + 1] = "Rev\x1benues"
    ran = command(*argv)
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: [6.2] --issue: must not contain control characters: U+001B at character 4\n"
    )
    assert command.record() == ([], [], [])


def test_a_note_with_a_next_line_character_is_refused(command: CommandLine) -> None:
    """``note`` with NEL U+0085 in it is refused and adds no note."""
    case_id = command.report()
    before = command.record()
    ran = command("--as", "lwong", "note", case_id, "Rev\x85enues")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: [7.4] TEXT: must not contain control characters: U+0085 at character 4\n"
    )
    assert command.record() == before
