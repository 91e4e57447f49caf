"""Arguments as an officer types them: text that may be personal data read
from a file or standard input (``@FILE``, ``@-``) so it need not appear in
the process list, arguments that are not UTF-8, and words typed without
quotes, none of them echoed in an error."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest

from support.command_line import CUSTOMER, DESIGNATE, CommandLine

SCRIPT = Path(sys.executable).parent / "contactpolicy"
REPORT = (
    "--as",
    "jsmith",
    "report",
    CUSTOMER,
    "--behaviour",
    "excessive_demands",
    "--channel",
    "telephone",
    "--json",
)


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_personal_text_is_read_from_files_and_standard_input(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--name @-`` reads standard input and ``--contact @FILE`` a file, as
    UTF-8 without the final line breaks; the case holds the text read."""
    (command.folder / "contact.txt").write_text("12 Week Street\nMaidstone\n\n", encoding="utf-8")
    (command.folder / "what.txt").write_text("Called 23 times.\r\n", encoding="utf-8")
    _stdin(monkeypatch, "Siân Taylor\n".encode())
    ran = command(
        *REPORT,
        "--name",
        "@-",
        "--contact",
        "@contact.txt",
        "--issue",
        "@@home address",
        "--description",
        "@what.txt",
    )
    assert ran.status == 0, ran.err
    customer = ran.json["customer"]
    assert (customer["name"], customer["contact"]) == ("Siân Taylor", "12 Week Street\nMaidstone")
    assert ran.json["issue"] == "@home address"
    assert ran.json["incidents"][0]["description"] == "Called 23 times."


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (("--as", "lwong", "note", "C-1A2B3C4D5E", "@note.txt"), "TEXT"),
        (("--as", "jsmith", "close", "C-1A2B3C4D5E", "--reason", "@note.txt"), "--reason"),
        (("--as", "apatel", "lift", "C-1A2B3C4D5E", "--reason", "@note.txt"), "--reason"),
        (("--as", "apatel", "designate", "C-1A2B3C4D5E", "--reasons", "@note.txt"), "--reasons"),
        (
            ("--as", "apatel", "designate", "C-1A2B3C4D5E", "--assessment-notes", "@note.txt"),
            "--assessment-notes",
        ),
        (
            (
                "--as",
                "apatel",
                "designate",
                "C-1A2B3C4D5E",
                "--without-warning-because",
                "@note.txt",
            ),
            "--without-warning-because",
        ),
        (("--as", "lwong", "review", "start", "C-1A2B3C4D5E", "--note", "@note.txt"), "--note"),
        (
            (
                "--as",
                "apatel",
                "review",
                "complete",
                "C-1A2B3C4D5E",
                "--outcome",
                "lift",
                "--notes",
                "@note.txt",
            ),
            "--notes",
        ),
        (
            ("--as", "lwong", "appeal", "record", "C-1A2B3C4D5E", "--grounds", "@note.txt"),
            "--grounds",
        ),
        (
            (
                "--as",
                "mobrien",
                "appeal",
                "decide",
                "C-1A2B3C4D5E",
                "--outcome",
                "allowed",
                "--reasons",
                "@note.txt",
            ),
            "--reasons",
        ),
        (
            (
                "--as",
                "jsmith",
                "incident",
                "C-1A2B3C4D5E",
                "--behaviour",
                "threats",
                "--channel",
                "letter",
                "--description",
                "@note.txt",
            ),
            "--description",
        ),
        (("check", CUSTOMER, "--channel", "email", "--issue", "@note.txt"), "--issue"),
    ],
)
def test_every_personal_text_argument_takes_a_file(
    command: CommandLine, argv: tuple[str, ...], option: str
) -> None:
    """Each argument whose text may be personal data reads ``@FILE``: a file
    that is not there is status 2, naming the argument and the file, before
    anything is written."""
    ran = command(*argv)
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: {option}: cannot read note.txt: No such file or directory\n"
    assert command.record() == ([], [], [])


def test_a_file_that_is_not_utf8_is_refused(command: CommandLine) -> None:
    """A note saved in another encoding is status 2 and writes nothing."""
    case_id = command.report()
    before = command.record()
    (command.folder / "note.txt").write_bytes("Siân".encode("cp1252"))
    ran = command("--as", "lwong", "note", case_id, "@note.txt")
    assert (ran.status, ran.err) == (
        2,
        "error: TEXT: note.txt is not UTF-8 text; save it as UTF-8 and try again\n",
    )
    assert command.record() == before


def test_standard_input_is_read_once(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two arguments given as ``@-`` are status 2: standard input holds one text."""
    _stdin(monkeypatch, b"Sam Taylor\n")
    ran = command(*REPORT, "--name", "@-", "--description", "@-")
    assert ran.status == 2
    assert json.loads(ran.err) == {
        "status": 2,
        "error": "wrong_input",
        "message": "--name: standard input was read already: give at most one argument as "
        "@-, and the others as @FILE",
    }
    assert command.record() == ([], [], [])


def test_words_typed_without_quotes_are_not_echoed(command: CommandLine) -> None:
    """A name typed without quotes leaves extra words, which the usage error
    does not repeat (the issue: errors echo personal data)."""
    ran = command(*REPORT[:-1], "--name", "Sam", "Taylor", "--description", "Called.")
    assert ran.status == 2
    assert ran.err == (
        'error: unexpected extra arguments: put text with spaces in quotes, "like this" '
        "(see 'contactpolicy report --help')\n"
    )


def test_an_argument_that_is_not_utf8_is_refused_in_process(command: CommandLine) -> None:
    """An argument holding a byte the locale could not decode (a lone
    surrogate, as Python passes it on) is status 2, naming its position,
    never the text."""
    ran = command("--as", "lwong", "note", "C-1A2B3C4D5E", "Called \udcff again")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: argument 5 is not UTF-8 text; type it again in a UTF-8 terminal, or give the "
        "text as @FILE\n"
    )


def test_a_non_utf8_argument_to_the_installed_script_is_one_line(command: CommandLine) -> None:
    """The issue's reproduction: the byte 0xFF in an argument, in a UTF-8
    locale, is status 2 and one line, with no traceback."""
    environment = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONUTF8": "0"}
    ran = subprocess.run(
        [os.fsencode(SCRIPT), b"--as", b"lwong", b"note", b"C-1A2B3C4D5E", b"Called \xff again"],
        capture_output=True,
        cwd=command.folder,
        env=environment,
        check=False,
    )
    assert (ran.returncode, ran.stdout) == (2, b"")
    assert ran.stderr == (
        b"error: argument 5 is not UTF-8 text; type it again in a UTF-8 terminal, or give the "
        b"text as @FILE\n"
    )


def test_a_restricted_issue_is_read_from_a_file(command: CommandLine) -> None:
    """``--restrict no-further-enquiries=@FILE`` restricts the issue the file
    holds; a file that is not there is named, never the issue."""
    case_id = command.warned()
    command.clock.set(pendulum.datetime(2026, 1, 30, 11, tz="Europe/London"))
    (command.folder / "issue.txt").write_text("council tax bill\n", encoding="utf-8")
    missing = command(
        "--as",
        "apatel",
        "designate",
        case_id,
        *DESIGNATE,
        "--restrict",
        "no-further-enquiries=@other.txt",
    )
    assert (missing.status, missing.err) == (
        2,
        "error: --restrict no-further-enquiries=ISSUE: the issue: cannot read other.txt: No such "
        "file or directory\n",
    )
    ran = command(
        "--as",
        "apatel",
        "designate",
        case_id,
        *DESIGNATE,
        "--restrict",
        "no-further-enquiries=@issue.txt",
        "--json",
    )
    assert ran.status == 0, ran.err
    assert ran.json["designation"]["restrictions"][-1] == {
        "issue": "council tax bill",
        "type": "NoFurtherEnquiriesOnIssue",
    }
