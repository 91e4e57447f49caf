"""Ctrl-C at any moment: the command stops with status 130 and one line, no
traceback, and a change is saved whole or not at all.

Each test runs the command in a process of its own that sends itself SIGINT
at a chosen point: when a module is first imported (start-up) or when a
function is called (opening the store, running the command, saving,
rendering), so the moment is the same on every run."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading

import pendulum
import pytest

from contactpolicy.cli import main

from support.command_line import REPORT_NOW, CommandLine

CHILD = """
import importlib, os, signal, sys

kind, target, *argv = sys.argv[1:]


def stop():
    os.kill(os.getpid(), signal.SIGINT)


class StopOnImport:
    def find_spec(self, name, path=None, module=None):
        if name == target:
            sys.meta_path.remove(self)
            stop()
        return None


if kind == "import":
    sys.meta_path.insert(0, StopOnImport())
else:
    module, _, path = target.partition(":")
    *owners, name = path.split(".")
    owner = importlib.import_module(module)
    for part in owners:
        owner = getattr(owner, part)
    original = getattr(owner, name)

    def stopping(*args, **kwargs):
        stop()
        return original(*args, **kwargs)

    setattr(owner, name, stopping)
sys.argv = ["contactpolicy", *argv]
from contactpolicy.cli import main

sys.exit(main())
"""
"""Runs the command after arranging SIGINT on importing the module
``target`` names, or on calling the function ``module:name`` names."""

STOPPED = "interrupted: stopped before it finished; a change is saved whole or not at all\n"


def _interrupted(command: CommandLine, kind: str, target: str, *argv: str) -> tuple[int, str]:
    """Run ``contactpolicy ARGV`` in the command's folder, interrupted at
    ``target``; its exit status and standard error."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CONTACTPOLICY_")}
    ran = subprocess.run(
        [sys.executable, "-c", CHILD, kind, target, *argv],
        capture_output=True,
        text=True,
        cwd=command.folder,
        env=environment,
        timeout=60,
        check=False,
    )
    assert ran.stdout == ""
    return ran.returncode, ran.stderr


@pytest.mark.parametrize(
    ("kind", "target"),
    [
        ("import", "typer"),
        ("import", "contactpolicy.stores.sqlite"),
        ("call", "contactpolicy.cli.session:open_store"),
        ("call", "contactpolicy.casework:Casework.history"),
    ],
)
def test_ctrl_c_before_any_change_is_status_130_and_one_line(
    command: CommandLine, kind: str, target: str
) -> None:
    """Interrupted while starting up, opening the store or reading, the
    command says it stopped, in one line, with status 130."""
    case_id = command.report()
    assert _interrupted(command, kind, target, "--as", "lwong", "history", case_id) == (
        130,
        STOPPED,
    )


@pytest.mark.parametrize(
    "target",
    [
        "contactpolicy.casework:Casework.add_note",
        "contactpolicy.stores.sqlite:_SQLiteUnitOfWork.save",
    ],
)
def test_ctrl_c_during_a_change_gives_the_command_id_to_repeat(
    command: CommandLine, target: str
) -> None:
    """Interrupted once the note may be being saved, the command gives its
    id to repeat it with, in one line, status 130; the note was not saved,
    and the repeat with that id saves it once."""
    case_id = command.report()
    before = command.record()
    status, err = _interrupted(command, "call", target, "--as", "lwong", "note", case_id, "Called.")
    found = re.fullmatch(
        r"interrupted: the change may or may not have been saved; it is saved at most once "
        r"if you run the same command again with --command-id ([0-9a-f]{32})\n",
        err,
    )
    assert (status, found is not None) == (130, True), err
    assert found is not None
    assert command.record() == before
    again = ("--as", "lwong", "note", case_id, "Called.", "--command-id", found[1], "--json")
    assert [note["text"] for note in command(*again).json["notes"]] == ["Called."]


def test_ctrl_c_while_rendering_is_status_130(command: CommandLine) -> None:
    """Interrupted while drawing the case file, the command stops in one line."""
    case_id = command.report()
    assert _interrupted(
        command, "call", "contactpolicy.cli.queries:case_view", "--as", "lwong", "show", case_id
    ) == (130, STOPPED)


def test_ctrl_c_with_json_is_a_json_error(command: CommandLine) -> None:
    """With ``--json`` the interruption is told as one JSON object."""
    case_id = command.report()
    status, err = _interrupted(
        command, "import", "rich.console", "--as", "lwong", "show", case_id, "--json"
    )
    assert (status, err) == (
        130,
        '{"status": 130, "error": "interrupted", "message": "stopped before it finished; a '
        'change is saved whole or not at all"}\n',
    )


def test_a_call_from_python_leaves_the_ctrl_c_handler_as_it_found_it(
    command: CommandLine,
) -> None:
    """``main`` called with arguments puts back the SIGINT handler it replaced."""
    before = signal.getsignal(signal.SIGINT)
    assert command("--as", "lwong", "list").status == 0
    assert signal.getsignal(signal.SIGINT) is before


@pytest.mark.usefixtures("command")
def test_a_call_from_another_thread_runs_without_a_handler() -> None:
    """Outside the main thread, where no signal handler can be set, the
    command runs as usual."""
    statuses: list[int] = []
    worker = threading.Thread(target=lambda: statuses.append(main(["--as", "lwong", "list"])))
    worker.start()
    worker.join()
    assert statuses == [0]


def test_ctrl_c_while_a_report_is_saved_gives_the_time_it_chose_to_repeat_with(
    command: CommandLine,
) -> None:
    """A report without --occurred, stopped while saving on the system
    clock: the message gives the id and the time the run chose, to the
    microsecond; the repeat with both, later, saves the report once."""
    target = "contactpolicy.stores.sqlite:_SQLiteUnitOfWork.save"
    status, err = _interrupted(command, "call", target, *REPORT_NOW)
    found = re.fullmatch(
        r"interrupted: the change may or may not have been saved; it is saved at most once "
        r"if you run the same command again with --command-id ([0-9a-f]{32}) "
        r"--occurred (\S+)\n",
        err,
    )
    assert (status, found is not None) == (130, True), err
    assert found is not None
    command.clock.set(pendulum.now("UTC").add(minutes=1))
    again = command(*REPORT_NOW, "--command-id", found[1], "--occurred", found[2], "--json")
    assert again.status == 0, again.err
    occurred = again.json["incidents"][0]["occurred_at"]
    assert pendulum.parse(occurred) == pendulum.parse(found[2])
    repeated = command(*REPORT_NOW, "--command-id", found[1], "--occurred", found[2], "--json")
    assert (repeated.status, repeated.json) == (0, again.json)


def test_ctrl_c_while_check_logs_a_contact_gives_its_id_and_time_to_repeat_with(
    command: CommandLine,
) -> None:
    """``check`` logs a contact under a command id: stopped once it may be
    logging it, it gives the id and the time it took as now (``--at``),
    and the repeat with both logs the contact once (5.1, 7.4)."""
    check = ("--as", "jsmith", "check", "CRM-104233", "--channel", "telephone")
    target = "contactpolicy.stores.sqlite:_SQLiteContactUnit.append"
    status, err = _interrupted(command, "call", target, *check)
    found = re.fullmatch(
        r"interrupted: the change may or may not have been saved; it is saved at most once "
        r"if you run the same command again with --command-id ([0-9a-f]{32}) "
        r"--at (\S+)\n",
        err,
    )
    assert (status, found is not None) == (130, True), err
    assert found is not None
    command.clock.set(pendulum.now("UTC").add(minutes=1))
    first = command(*check, "--command-id", found[1], "--at", found[2], "--json")
    assert first.status == 0, first.err
    again = command(*check, "--command-id", found[1], "--at", found[2], "--json")
    assert (again.status, again.json) == (0, first.json)
    assert first.json["contact_id"] == 1
