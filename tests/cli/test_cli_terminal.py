"""The contactpolicy command in a terminal 80 columns wide: the installed
script run in a pseudo-terminal, as an officer runs it."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pendulum
import pytest

from support.command_line import DESIGNATE, CommandLine

SCRIPT = Path(sys.executable).parent / "contactpolicy"
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _in_terminal(folder: Path, *argv: str, **environment: str) -> tuple[str, str]:
    """Run the script in a pseudo-terminal of 80 by 24; what the officer sees
    (escape sequences removed) and what was written (with them)."""
    parent, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    settings = {"COLUMNS": "80", "LINES": "24", "TERM": "xterm", **environment}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONTACTPOLICY_", "NO_COLOR"))}
    process = subprocess.Popen(
        [str(SCRIPT), *argv],
        stdin=child,
        stdout=child,
        stderr=child,
        cwd=folder,
        env={**env, **settings},
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(parent, 4096)
        except OSError:  # the terminal closes when the script ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(parent)
    assert process.wait(timeout=60) == 0
    written = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return ESCAPE.sub("", written), written


@pytest.fixture
def cases(command: CommandLine) -> tuple[CommandLine, str]:
    """Two designated cases, one with every restriction, and the id of that one."""
    first = command.designated()
    second = command.warned()
    command.clock.set(pendulum.datetime(2026, 2, 2, 11, tz="Europe/London"))
    every = (
        "no-further-enquiries=council tax bill for the year 2025/26 and its instalments",
        "call-time-limit=10",
        "call-limit=3/day",
        "read-and-file=lwong",
    )
    restricts = [part for restriction in every for part in ("--restrict", restriction)]
    ran = command("--as", "apatel", "designate", second, *DESIGNATE, *restricts)
    assert ran.status == 0, ran.err
    assert first != second
    return command, second


def _width(seen: str) -> int:
    return max(len(line) for line in seen.splitlines())


def test_list_reads_at_80_columns(cases: tuple[CommandLine, str]) -> None:
    """``list`` in a terminal fits 80 columns and shows each case's id and state."""
    command, case_id = cases
    seen, written = _in_terminal(command.folder, "--as", "lwong", "list")
    assert _width(seen) <= 80
    assert "Cases (2)" in seen
    assert case_id in seen
    assert seen.count("designated") == 2
    assert "\x1b[" in written


def test_show_reads_at_80_columns(cases: tuple[CommandLine, str]) -> None:
    """``show`` of a case with six restrictions and long text fits 80 columns."""
    command, case_id = cases
    seen, _ = _in_terminal(command.folder, "--as", "lwong", "show", case_id)
    assert _width(seen) <= 80
    assert f"{case_id}, designated" in seen
    assert "call-limit=3/day" in seen
    assert "2 May 2026" in seen


def test_due_reads_at_80_columns(cases: tuple[CommandLine, str]) -> None:
    """``due`` fits 80 columns with the days each review is overdue."""
    command, case_id = cases
    seen, _ = _in_terminal(command.folder, "--as", "lwong", "due", "--as-of", "2026-05-12")
    assert case_id in seen
    assert _width(seen) <= 80
    assert "Reviews due by 12 May 2026 (7.2)" in seen
    assert "12 days" in seen
    assert "10 days" in seen


def test_no_color_turns_colour_off_in_a_terminal(cases: tuple[CommandLine, str]) -> None:
    """With NO_COLOR set, nothing is coloured (bold and dim may remain)."""
    command, _ = cases
    _, written = _in_terminal(command.folder, "--as", "lwong", "list", NO_COLOR="1")
    colours = re.findall(r"\x1b\[([0-9;]*)m", written)
    assert not [code for code in colours if re.search(r"(^|;)(3|4|9|10)[0-9]", code)]


def test_output_to_a_pipe_has_no_escape_sequences(cases: tuple[CommandLine, str]) -> None:
    """Printed to a file or a pipe, tables carry no escape sequences."""
    command, case_id = cases
    assert "\x1b" not in command("--as", "lwong", "show", case_id).out
    assert "\x1b" not in command("--as", "lwong", "list").out


def test_the_demo_runs_through_the_installed_script(tmp_path: Path) -> None:
    """``contactpolicy demo`` leaves contactpolicy-demo.db in the current folder."""
    seen, _ = _in_terminal(tmp_path, "demo")
    assert _width(seen) <= 80
    assert (tmp_path / "contactpolicy-demo.db").is_file()
    assert "Audit trail intact: 23 events, hash chain checked." in seen


def test_stored_escape_sequences_do_not_reach_the_terminal(command: CommandLine) -> None:
    """The issue's reproduction: a customer named with the sequence that
    clears the screen is shown escaped by ``show`` and ``list`` in a real
    terminal, and the sequence itself is never written."""
    ran = command(
        "--as",
        "jsmith",
        "report",
        "CRM-1",
        "--name",
        "Sam\x1b[2J\x1b[HTaylor\u202e",
        "--issue",
        "council tax",
        "--behaviour",
        "threats",
        "--channel",
        "letter",
        "--description",
        "Threatened.",
        "--json",
    )
    assert ran.status == 0, ran.err
    for argv in (["--as", "lwong", "show", ran.json["id"]], ["--as", "lwong", "list"]):
        seen, written = _in_terminal(command.folder, *argv)
        assert "\x1b[2J" not in written
        assert "\u202e" not in written
        # An issue with a bidirectional control is refused (6.2); a name keeps it, escaped.
        assert "Sam\\x1b[2J\\x1b[HTaylor\\u202e" in "".join(seen.split())
