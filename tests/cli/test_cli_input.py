"""Arguments as an officer types them: text that may be personal data read
from a file or standard input (``@FILE``, ``@-``) so it need not appear in
the process list, arguments that are not UTF-8, and words typed without
quotes, none of them echoed in an error."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest

from contactpolicy.cli.session import FROM_FILE

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


CASE = "C-1A2B3C4D5E"
NEEDS = {
    "report": (
        "--as",
        "jsmith",
        "report",
        CUSTOMER,
        "--behaviour",
        "threats",
        "--channel",
        "letter",
        "--name",
        "Sam",
        "--contact",
        "1 Street",
        "--issue",
        "bill",
        "--description",
        "Wrote.",
    ),
    "incident": (
        "--as",
        "jsmith",
        "incident",
        CASE,
        "--behaviour",
        "threats",
        "--channel",
        "letter",
        "--description",
        "Wrote.",
    ),
    "note": ("--as", "lwong", "note", CASE),
    "close": ("--as", "jsmith", "close", CASE, "--reason", "Settled."),
    "not-told": ("--as", "apatel", "not-told", CASE, "--reason", "Would alert them."),
    "correction-told": (
        "--as",
        "apatel",
        "correction-told",
        CASE,
        "--reason",
        "Nothing they rely on changed.",
    ),
    "concern": (
        "--as",
        "kdaly",
        "concern",
        CUSTOMER,
        "--behaviour",
        "other",
        "--channel",
        "letter",
        "--name",
        "Sam",
        "--contact",
        "1 Street",
        "--description",
        "Wrote.",
    ),
    "request": ("--as", "jsmith", "request", CASE, "--issue", "bill"),
    "designate": (
        "--as",
        "apatel",
        "designate",
        CASE,
        "--reasons",
        "Why.",
        "--assessment-notes",
        "How.",
        "--without-warning-because",
        "Threats.",
        "--council-wide-because",
        "Every service.",
        "--ends-on",
        "2026-03-31",
        "--ends-on-because",
        "Long enough.",
        "--issue-investigated-because",
        "Done.",
        "--communications-adequate-because",
        "Done.",
        "--nothing-new-because",
        "None.",
        "--adjustments-considered-because",
        "Done.",
        "--evidence-because",
        "Recent.",
    ),
    "no-action": ("--as", "apatel", "no-action", CASE, "--reasons", "Why."),
    "lift": ("--as", "apatel", "lift", CASE, "--reason", "Reasonable."),
    "reassign": (
        "--as",
        "lwong",
        "reassign",
        CASE,
        "--from",
        "lwong",
        "--to",
        "jsmith",
        "--reason",
        "Moved.",
    ),
    "review start": ("--as", "lwong", "review", "start", CASE, "--note", "Due."),
    "review complete": (
        "--as",
        "apatel",
        "review",
        "complete",
        CASE,
        "--outcome",
        "vary",
        "--reassess",
        "--notes",
        "Found.",
        "--assessment-notes",
        "How.",
        "--council-wide-because",
        "Every service.",
        "--ends-on",
        "2026-03-31",
        "--ends-on-because",
        "Long enough.",
    ),
    "appeal record": ("--as", "lwong", "appeal", "record", CASE, "--grounds", "Hard for me."),
    "appeal decide": (
        "--as",
        "mobrien",
        "appeal",
        "decide",
        CASE,
        "--outcome",
        "varied",
        "--reassess",
        "--reasons",
        "Why.",
        "--assessment-notes",
        "How.",
        "--council-wide-because",
        "Every service.",
    ),
    "check": ("check", CUSTOMER, "--channel", "email", "--issue", "bill"),
    "acted-on": ("--as", "lwong", "acted-on", "1", "--reason", "Dealt with."),
    "read": ("--as", "lwong", "read", "1", "--outcome", "nothing_new", "--reason", "Dealt with."),
    "rectify": (
        "--as",
        "apatel",
        "rectify",
        CASE,
        "--field",
        "customer.contact",
        "--value",
        "2 Street",
        "--reason",
        "Moved.",
    ),
}
"""Each command that takes personal text, with every such argument given."""

TEXT = "TEXT"
"""How a note's text, an argument rather than an option, is named."""


def _personal_text() -> list[tuple[str, str]]:
    """Every argument whose help says it reads @FILE, by command, from the
    command line itself: the arguments the documentation says take one."""
    from contactpolicy.cli.runner import _command

    def walk(command: Any, path: str) -> Iterator[tuple[str, Any]]:
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{path} {name}".strip())
        if not hasattr(command, "commands"):
            yield path, command

    return sorted(
        (path, parameter.opts[0] if parameter.opts[0].startswith("-") else parameter.name.upper())
        for path, command in walk(_command(), "")
        for parameter in command.params
        if FROM_FILE in (getattr(parameter, "help", None) or "")
    )


def _argv(command: str, option: str) -> tuple[str, ...]:
    """:data:`NEEDS`'s arguments for ``command`` with ``option`` given as
    ``@note.txt``, a file that is not there."""
    given = list(NEEDS[command])
    if option == TEXT:
        return (*given, "@note.txt")
    given[given.index(option) + 1] = "@note.txt"
    return tuple(given)


def test_every_argument_the_docs_say_reads_a_file_says_so() -> None:
    """The arguments whose help says ``@FILE`` are every argument the
    command line guide lists as personal text (a reason or grounds, notes,
    names and contact details, descriptions, issues), and each is in
    :data:`NEEDS` to be tested below: a new one cannot be left out."""
    documented = {
        "--name",
        "--contact",
        "--issue",
        "--description",
        TEXT,
        "--reason",
        "--reasons",
        "--assessment-notes",
        "--without-warning-because",
        "--note",
        "--notes",
        "--grounds",
        "--council-wide-because",
        "--ends-on-because",
        "--value",
        "--issue-investigated-because",
        "--communications-adequate-because",
        "--nothing-new-because",
        "--adjustments-considered-because",
        "--evidence-because",
    }
    from contactpolicy.cli.runner import _command

    def options(command: Any, path: str) -> Iterator[tuple[str, str]]:
        for name, sub in getattr(command, "commands", {}).items():
            yield from options(sub, f"{path} {name}".strip())
        for parameter in getattr(command, "params", ()):
            name = (
                parameter.opts[0] if parameter.opts[0].startswith("-") else parameter.name.upper()
            )
            if path in NEEDS and name in documented:
                yield path, name

    assert _personal_text() == sorted(options(_command(), ""))
    assert {command for command, _ in _personal_text()} == set(NEEDS)


@pytest.mark.parametrize(("command_name", "option"), _personal_text())
def test_every_personal_text_argument_takes_a_file(
    command: CommandLine, command_name: str, option: str
) -> None:
    """Each argument whose text may be personal data reads ``@FILE``: a file
    that is not there is status 2, naming the argument but not the file, before
    anything is written (``rectify --reason`` once stored "@r.txt" itself)."""
    ran = command(*_argv(command_name, option))
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        f"error: {option}: the text starts with @, which reads the file it names, and there is "
        "no such file; a text that starts with @ is written @@...\n"
    )
    assert command.record() == ([], [], [])


@pytest.mark.parametrize(
    "saved",
    [
        pytest.param(b"The customer moved.\n", id="plain"),
        pytest.param("\ufeffThe customer moved.\r\n".encode(), id="byte-order-mark"),
    ],
)
def test_a_rectification_reason_is_read_from_a_file(command: CommandLine, saved: bytes) -> None:
    """``rectify --reason @r.txt`` records the file's text as the reason in
    the audit trail (7.4), not the words "@r.txt"; a text saved as UTF-8
    with a byte-order mark (as Windows Notepad saves it) is read without
    the mark, which would otherwise begin the recorded text with an
    invisible U+FEFF, as the configuration file is read."""
    case_id = command.report()
    (command.folder / "r.txt").write_bytes(saved)
    ran = command(
        "--as",
        "apatel",
        "rectify",
        case_id,
        "--field",
        "customer.contact",
        "--value",
        "14 Week Street",
        "--reason",
        "@r.txt",
    )
    assert ran.status == 0, ran.err
    history = command("--as", "lwong", "history", case_id, "--json").json
    assert history[-1]["data"]["reason"] == "The customer moved."


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
        "error: [5.1] --restrict no-further-enquiries=ISSUE: the issue: the text starts with "
        "@, which "
        "reads the file it names, and there is no such file; a text that starts with @ is "
        "written @@...\n",
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


def test_an_at_sign_alone_asks_for_a_file_name(command: CommandLine) -> None:
    """``note C @`` says that ``@`` needs a file name, not that a folder
    cannot be read."""
    ran = command("--as", "lwong", "note", "C-1A2B3C4D5E", "@")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == "error: TEXT: @ needs a file name: write @FILE, or @- for standard input\n"


def test_a_text_file_too_large_for_any_text_is_refused(command: CommandLine) -> None:
    """A file of more than 4,000,000 bytes (the longest text, 1,000,000
    characters, at four bytes each) is status 2, naming the argument, and
    nothing is written."""
    case_id = command.report()
    before = command.record()
    (command.folder / "big.txt").write_bytes(b"a" * 4_000_001)
    ran = command("--as", "lwong", "note", case_id, "@big.txt")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: TEXT: big.txt holds more than 4,000,000 bytes; a text is at most "
        "1,000,000 characters\n"
    )
    assert command.record() == before


class _Endless:
    """Standard input that never ends, as ``/dev/zero`` or ``yes |`` is;
    ``interrupt_at``: the read during which Ctrl-C is pressed."""

    def __init__(self, interrupt_at: int = 0) -> None:
        self.read_bytes = 0
        self.reads = 0
        self.interrupt_at = interrupt_at

    def read(self, size: int) -> bytes:
        self.reads += 1
        if self.reads == self.interrupt_at:
            os.kill(os.getpid(), signal.SIGINT)
        self.read_bytes += size
        return b"\0" * size


def test_standard_input_that_never_ends_is_read_no_further_than_the_limit(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--description @-`` on an endless pipe reads one byte past the
    limit and stops: status 2, naming the argument, nothing written."""
    endless = _Endless()
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=endless))
    ran = command(*REPORT[:-1], "--name", "Sam", "--description", "@-")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: --description: standard input holds more than 4,000,000 bytes; a text is at "
        "most 1,000,000 characters\n"
    )
    assert endless.read_bytes == 4_000_001
    assert command.record() == ([], [], [])


def test_ctrl_c_while_a_text_is_read_is_status_130(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while ``@-`` is read from a pipe stops the run between two
    reads: status 130, one line, nothing written."""
    endless = _Endless(interrupt_at=3)
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=endless))
    ran = command(*REPORT[:-1], "--name", "Sam", "--description", "@-")
    assert (ran.status, ran.out) == (130, "")
    assert ran.err == (
        "interrupted: stopped before it finished; a change is saved whole or not at all\n"
    )
    assert endless.reads == 3
    assert command.record() == ([], [], [])


def test_an_audit_key_file_too_large_for_keys_is_refused(command: CommandLine) -> None:
    """An ``audit_key_file`` of more than 64 KiB (a device such as
    ``/dev/zero`` never ends) is status 2 in one line that quotes no key,
    and nothing is written."""
    case_id = command.report()
    before = command.record()
    config = command.folder / "contactpolicy.toml"
    config.write_text('audit_key_file = "audit.key"\n' + config.read_text())
    (command.folder / "audit.key").write_text("0" * 65_537)
    ran = command("--as", "lwong", "note", case_id, "Called again.")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: the audit key file audit.key is larger than 64 KiB; "
        "it holds keys in hex, one a line\n"
    )
    assert command.record() == before


def test_an_audit_key_file_with_a_byte_order_mark_is_read(command: CommandLine) -> None:
    """An ``audit_key_file`` saved as UTF-8 with a byte-order mark (as
    Windows Notepad saves it) holds the same key: the command runs, and
    the record checks with the key written without the mark."""
    case_id = command.report()
    config = command.folder / "contactpolicy.toml"
    config.write_text('audit_key_file = "audit.key"\n' + config.read_text())
    (command.folder / "audit.key").write_bytes(b"\xef\xbb\xbf" + b"ab" * 32 + b"\r\n")
    ran = command("--as", "lwong", "note", case_id, "Called again.")
    assert (ran.status, ran.err) == (0, "")
    (command.folder / "audit.key").write_text("ab" * 32)
    checked = command("--as", "lwong", "verify", case_id)
    assert checked.status == 0, checked.out + checked.err
