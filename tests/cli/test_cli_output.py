"""Standard output that cannot be written: a reader that stopped reading
ends the run quietly, a full disk is one line with status 3, and output
that is closed is refused before anything is done; never a traceback."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from support.command_line import CommandLine

SCRIPT = Path(sys.executable).parent / "contactpolicy"


class _Failing(io.StringIO):
    """Standard output whose every write fails with ``error``."""

    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, _text: str) -> int:
        raise self.error


FULL = OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("argv", [("seal",), ("verify", "--all"), ("--as", "lwong", "list")])
def test_a_full_disk_under_standard_output_is_one_line_with_status_3(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]
) -> None:
    """``seal > /dev/full`` (and any query) is status 3 and one line saying
    what to do, not a traceback."""
    command.report()
    monkeypatch.setattr("sys.stdout", _Failing(FULL))
    ran = command(*argv)
    assert ran.status == 3
    assert ran.err == (
        "not done: cannot write to standard output: No space left on device; make room or "
        "send it elsewhere, then run the command again\n"
    )


def test_a_full_disk_with_json_is_a_json_error(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``list --json > /dev/full`` tells the failure as JSON."""
    command.report()
    monkeypatch.setattr("sys.stdout", _Failing(FULL))
    ran = command("--as", "lwong", "list", "--json")
    assert (ran.status, ran.err) == (
        3,
        '{"status": 3, "error": "retry", "message": "cannot write to standard output: No '
        'space left on device; make room or send it elsewhere, then run the command again"}\n',
    )


def test_a_change_saved_before_its_output_failed_gives_the_id_to_repeat_it_with(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note saved whose confirmation cannot be printed is status 3 with
    the options that repeat it at most once, and the note is saved once."""
    case_id = command.report()
    events = len(command.record()[1])
    captured = sys.stdout
    monkeypatch.setattr("sys.stdout", _Failing(FULL))
    ran = command("--as", "lwong", "note", case_id, "Called again.", "--command-id", "note-1")
    assert ran.status == 3
    assert ran.err == (
        "not done: cannot write to standard output: No space left on device; the change may "
        "have been saved: it is saved at most once if you run the same command again with "
        "--command-id note-1\n"
    )
    monkeypatch.setattr("sys.stdout", captured)
    again = command("--as", "lwong", "note", case_id, "Called again.", "--command-id", "note-1")
    assert again.status == 0, again.err
    assert len(command.record()[1]) == events + 1


def test_a_reader_that_stopped_reading_ends_the_run_quietly(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken pipe (``| head -1``) is status 141, as for a Unix tool
    stopped by SIGPIPE, and nothing on standard error."""
    command.report()
    monkeypatch.setattr("sys.stdout", _Failing(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    ran = command("seal")
    assert (ran.status, ran.err) == (141, "")


def test_closed_standard_output_is_refused_before_anything_is_done(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``note ... >&-`` (Python's standard output is then ``None``) is
    status 2 in one line, and the note is not saved."""
    case_id = command.report()
    before = command.record()
    monkeypatch.setattr("sys.stdout", None)
    ran = command("--as", "lwong", "note", case_id, "Called again.")
    assert ran.status == 2
    assert ran.err == (
        "error: standard output is closed; send it to a file or a pipe, or to /dev/null to "
        "discard it\n"
    )
    assert command.record() == before


def _script(folder: Path, stdout: Any, *argv: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(SCRIPT), *argv], cwd=folder, stdout=stdout, stderr=subprocess.PIPE, check=False
    )


def test_the_installed_script_on_a_closed_pipe_exits_141_quietly(command: CommandLine) -> None:
    """The command writing into a pipe whose reader has gone (as ``evidence
    ... | head -1`` leaves it) ends with status 141 and says nothing, not
    even Python's message about the last flush."""
    command.report()
    reader, writer = os.pipe()
    os.close(reader)
    try:
        ran = _script(command.folder, writer, "seal")
    finally:
        os.close(writer)
    assert (ran.returncode, ran.stderr) == (141, b"")


def test_the_installed_script_on_a_full_device_is_one_line(command: CommandLine) -> None:
    """``seal > /dev/full`` is status 3 and one line on standard error."""
    command.report()
    with open("/dev/full", "wb") as full:
        ran = _script(command.folder, full, "seal")
    assert ran.returncode == 3
    assert ran.stderr == (
        b"not done: cannot write to standard output: No space left on device; make room or "
        b"send it elsewhere, then run the command again\n"
    )


def test_the_installed_script_with_standard_output_closed_is_refused(
    command: CommandLine,
) -> None:
    """``seal >&-`` is status 2 and one line, not status 0 having printed
    nothing."""
    command.report()
    ran = subprocess.run(
        f"exec {SCRIPT} seal >&-",
        shell=True,
        cwd=command.folder,
        stderr=subprocess.PIPE,
        check=False,
    )
    assert ran.returncode == 2
    assert ran.stderr == (
        b"error: standard output is closed; send it to a file or a pipe, or to /dev/null to "
        b"discard it\n"
    )
