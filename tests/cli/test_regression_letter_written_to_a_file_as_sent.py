"""Regression: a letter written to a file held its right-to-left lines'
isolates as the escapes ``\\u2068`` and ``\\u2069`` (6.3).

``letter`` printed the letter through the terminal's escaping, which
writes every format character as an escape so that no stored character
acts on a terminal; a records officer who sent that output to a file to
print or post got the escapes in the customer's letter, where the HTTP
API's ``text/plain``, ``--html`` and ``--pdf`` give the letter as sent.
``--text PATH`` now writes the letter's text as sent, in UTF-8, with the
isolates as characters; standard output still escapes them.
"""

from __future__ import annotations

import stat

from support.command_line import CommandLine

NAME = "\u05e9\u05e8\u05d4 \u05dc\u05d5\u05d9"
"""A customer's name in Hebrew: Sarah Levi."""

FSI, PDI = "\u2068", "\u2069"


def _warned(command: CommandLine) -> str:
    """A case of a customer named in Hebrew, warned by letter; its id."""
    case_id = command.report(NAME)
    assert command("--as", "jsmith", "warn", case_id, "--method", "letter").status == 0
    return case_id


def test_a_letter_written_as_text_holds_the_isolates_as_characters(
    command: CommandLine,
) -> None:
    """``--text PATH`` writes the letter in UTF-8, each line naming the
    customer between U+2068 and U+2069 as characters, never as escapes;
    the file is readable by its owner only, as a letter's HTML and PDF are."""
    case_id = _warned(command)
    path = command.folder / "warning.txt"
    ran = command("--as", "jsmith", "letter", case_id, "warning", "--text", str(path))
    assert ran.status == 0, ran.err
    assert "".join(ran.out.split()) == f"Wrotethewarningletterof{case_id}to{path}."
    written = path.read_bytes()
    lines = written.decode("utf-8").splitlines()
    assert lines[3:6] == ["", f"{FSI}{NAME}{PDI}", "12 Week Street, Maidstone"]
    assert f"Dear {FSI}{NAME}{PDI},".encode() in written
    assert (
        b"\nDear \xe2\x81\xa8\xd7\xa9\xd7\xa8\xd7\x94 \xd7\x9c\xd7\x95\xd7\x99\xe2\x81\xa9,\n"
        in written
    )
    assert b"\\u2068" not in written
    assert b"\\u2069" not in written
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_terminal_still_escapes_what_the_file_holds(command: CommandLine) -> None:
    """Printed, the same letter has the escapes where the file has the
    characters, and is otherwise the same text line for line."""
    case_id = _warned(command)
    path = command.folder / "warning.txt"
    assert command("--as", "jsmith", "letter", case_id, "warning", "--text", str(path)).status == 0
    printed = command("--as", "jsmith", "letter", case_id, "warning")
    assert printed.status == 0, printed.err
    assert f"Dear \\u2068{NAME}\\u2069," in printed.out.splitlines()
    filed = path.read_text(encoding="utf-8")
    assert printed.out.replace("\\u2068", FSI).replace("\\u2069", PDI) == filed


def test_only_one_file_is_written(command: CommandLine) -> None:
    """``--text`` with ``--html`` or ``--pdf`` is refused, nothing written."""
    case_id = _warned(command)
    both = command(
        "--as", "jsmith", "letter", case_id, "warning", "--text", "a.txt", "--pdf", "a.pdf"
    )
    assert (both.status, both.err) == (2, "error: give one of --text, --html and --pdf, not more\n")
    assert not (command.folder / "a.txt").exists()
