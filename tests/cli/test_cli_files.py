"""Files the command line writes (the starter configuration, letters,
exports, the register, the demo's register): only regular files that are not
a database, checked before anything is read or written, and made private
without emptying a file whose mode cannot be set."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from contactpolicy.stores import SQLiteStore

from support.command_line import CommandLine


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _reads(command: CommandLine) -> int:
    store = SQLiteStore(command.folder / "contactpolicy.db")
    try:
        return len(store.reads())
    finally:
        store.close()


_REFUSED = {
    "contactpolicy.db": "is a database; name another file",
    "pipe": "is not a regular file (a pipe or a device, say); name a file",
}
"""What is there at a path the command line would write, and why it is refused."""


@pytest.mark.parametrize("target", list(_REFUSED))
@pytest.mark.parametrize(
    ("argv", "option"),
    [(("--config", "{}", "init", "--force"), "--config"), (("register", "--csv", "{}"), "--csv")],
    ids=["init", "register"],
)
def test_only_a_file_is_written(
    command: CommandLine, argv: tuple[str, ...], option: str, target: str
) -> None:
    """Naming the database, or a pipe (or a device such as /dev/null), as
    the file to write is refused in one line, status 2, before anything is
    opened: the database is unchanged (a configuration or a register
    written over it would destroy the record), a pipe with no reader is not
    waited on for ever, and a device is not made private for every user."""
    command.report()
    if target == "pipe":
        os.mkfifo(command.folder / target, 0o644)
    path = command.folder / target
    before = (_mode(path), path.read_bytes() if target != "pipe" else b"")
    ran = command("--as", "lwong", *(part.format(target) for part in argv))
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: {option}: {target} {_REFUSED[target]}\n"
    assert (_mode(path), path.read_bytes() if target != "pipe" else b"") == before


def test_a_file_whose_mode_cannot_be_set_is_left_as_it_was(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file another user owns cannot be made private: writing it is
    refused, status 2, and its content is kept, not emptied first."""
    kept = command.folder / "theirs.csv"
    kept.write_text("their own notes\n")

    def refused(*_: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fchmod", refused)
    ran = command("--as", "lwong", "register", "--csv", "theirs.csv")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == "error: --csv: cannot write theirs.csv: Operation not permitted\n"
    assert kept.read_text() == "their own notes\n"


def test_the_demo_never_writes_its_register_into_a_pipe(command: CommandLine) -> None:
    """The demo checks its register's path before it starts: a pipe there is
    status 2, and no demo database is made."""
    pipe = command.folder / "contactpolicy-demo-register.xlsx"
    os.mkfifo(pipe, 0o644)
    ran = command("demo")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: the demo's register: contactpolicy-demo-register.xlsx is not a regular file "
        "(a pipe or a device, say); name a file\n"
    )
    assert _mode(pipe) == 0o644
    assert not (command.folder / "contactpolicy-demo.db").exists()


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("nowhere/c.toml", "--config: cannot write nowhere/c.toml: the folder {folder}/nowhere "),
        ("a" * 300 + ".toml", "--config: cannot look at " + "a" * 300 + ".toml: File name too "),
    ],
    ids=["missing folder", "name too long"],
)
def test_init_that_cannot_write_its_configuration_makes_no_database(
    command: CommandLine, config: str, message: str
) -> None:
    """``init`` checks it can write the configuration before it makes the
    database: a missing folder or a name too long is status 2 and leaves no
    database behind (status 2 writes nothing)."""
    ran = command("--db", "sqlite:///new.db", "--config", config, "init")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err.startswith("error: " + message.format(folder=command.folder))
    assert not (command.folder / "new.db").exists()


def test_init_through_a_link_into_a_missing_folder_makes_no_database(
    command: CommandLine,
) -> None:
    """A configuration path that is a link into a folder not there (a share
    not mounted) is refused before the database is made."""
    link = command.folder / "linked.toml"
    link.symlink_to(command.folder / "share" / "c.toml")
    ran = command("--db", "sqlite:///new.db", "--config", "linked.toml", "init", "--force")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        f"error: --config: cannot write linked.toml: the folder {command.folder / 'share'} "
        "is not there\n"
    )
    assert not (command.folder / "new.db").exists()


def test_a_subject_access_export_refused_reads_and_writes_nothing(command: CommandLine) -> None:
    """``--out`` naming a file, or a folder where one of the export's files
    is a pipe, is status 2 before the customer's file is read: no read is
    logged, no file of the export is written, and no traceback."""
    command.report()
    reads = _reads(command)
    (command.folder / "report.txt").write_text("a file")
    ran = command("--as", "lwong", "subject-access", "crm-104233", "--out", "report.txt")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == "error: --out: report.txt is not a folder; name a folder to write in\n"
    folder = command.folder / "sar"
    folder.mkdir()
    os.mkfifo(folder / "subject-access.html")
    ran = command("--as", "lwong", "subject-access", "crm-104233", "--out", "sar")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: --out: sar/subject-access.html is not a regular file (a pipe or a device, "
        "say); name a file\n"
    )
    assert sorted(path.name for path in folder.iterdir()) == ["subject-access.html"]
    assert _reads(command) == reads


def test_a_letter_refused_for_its_file_is_not_a_read(command: CommandLine) -> None:
    """``letter --html`` naming a pipe is refused before the case is read:
    status 2, and no read of the customer's file is logged."""
    case_id = command.designated()
    reads = _reads(command)
    os.mkfifo(command.folder / "pipe")
    ran = command("--as", "lwong", "letter", case_id, "designation", "--html", "pipe")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: --html: pipe is not a regular file (a pipe or a device, say); name a file\n"
    )
    assert _reads(command) == reads
