"""A note that starts with "--" was read as an unknown option and repeated in
the error, though a note may be personal text (found by the hypothesis test
of notes in test_cli_escapes)."""

import json

from support.command_line import CommandLine


def test_a_note_read_as_an_unknown_option_is_not_repeated(command: CommandLine) -> None:
    """Status 2, one line, the text not repeated, and how to give it."""
    case_id = command.report()
    ran = command("--as", "lwong", "note", case_id, "--00")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: no such option; text that starts with '-' goes after '--', as in note "
        "C-1 -- '-1' (see 'contactpolicy note --help')\n"
    )
    assert command("--as", "lwong", "note", case_id, "--", "--00").status == 0


def test_an_option_typed_wrong_still_gets_the_suggestion(command: CommandLine) -> None:
    """Click's suggestion names an option that exists, so it is kept; how to
    give text that starts with "-" is said only to a command that takes
    text (``note``)."""
    ran = command("--as", "apatel", "designate", "C-1", "--reasns", "x")
    assert ran.err == (
        "error: no such option (Possible options: --reasons) (see 'contactpolicy designate "
        "--help')\n"
    )


def test_an_option_of_another_command_is_named(command: CommandLine) -> None:
    """``--json`` given to ``seal`` (which always prints JSON) is one of the
    program's own options, not the officer's text, so the error names it;
    an option no command takes is still not repeated."""
    ran = command("seal", "--json")
    assert (ran.status, ran.out) == (2, "")
    assert json.loads(ran.err) == {
        "status": 2,
        "error": "wrong_input",
        "message": "this command has no --json option (see 'contactpolicy seal --help')",
    }
    ran = command("--as", "lwong", "note", "C-1", "--limit", "3")
    assert ran.err == (
        "error: this command has no --limit option (see 'contactpolicy note --help')\n"
    )
    assert command("seal", "--jsn").err == (
        "error: no such option (see 'contactpolicy seal --help')\n"
    )
