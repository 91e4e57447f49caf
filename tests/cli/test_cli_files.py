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

from support.command_line import CUSTOMER, CommandLine


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _reads(command: CommandLine) -> int:
    store = SQLiteStore(command.folder / "contactpolicy.db")
    try:
        return len(store.reads())
    finally:
        store.close()


_REFUSED = {
    "contactpolicy.db": "is the database; name another file",
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


_COMPANIONS = {
    "contactpolicy.db-wal": "the database's write-ahead log",
    "contactpolicy.db-shm": "the database's shared-memory file",
    "contactpolicy.db-journal": "the database's rollback journal",
    "contactpolicy.toml": "the configuration file in use",
}
"""The files in use beside the database, and what the refusal calls each."""

_WRITERS = {
    "letter --html": ("letter", "{case}", "designation", "--html", "{target}"),
    "letter --pdf": ("letter", "{case}", "designation", "--pdf", "{target}"),
    "register --csv": ("register", "--csv", "{target}"),
    "register --xlsx": ("register", "--xlsx", "{target}"),
}
"""Commands that write a file the officer names, with their arguments."""


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file in ``folder`` (not the database): its mode and content."""
    return {
        path.name: (_mode(path), path.read_bytes())
        for path in sorted(folder.iterdir())
        if path.is_file() and path.name != "contactpolicy.db"
    }


@pytest.mark.parametrize("target", list(_COMPANIONS))
@pytest.mark.parametrize("writer", list(_WRITERS))
def test_a_file_in_use_beside_the_database_is_never_written(
    command: CommandLine, writer: str, target: str
) -> None:
    """A letter or the register named as the database's write-ahead log,
    shared memory or rollback journal, or as the configuration file in use,
    is refused in one line, status 2, before the case is read: the file
    keeps its content and mode (a letter over the log lost saved changes
    and left the database malformed; one over the configuration stopped
    every command)."""
    case_id = command.designated()
    reads = _reads(command)
    for companion in _COMPANIONS:
        if companion != "contactpolicy.toml":
            (command.folder / companion).write_bytes(b"held by a running server")
    before = _snapshot(command.folder)
    argv = [part.format(case=case_id, target=target) for part in _WRITERS[writer]]
    ran = command("--as", "lwong", *argv)
    option = writer.split()[1]
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: {option}: {target} is {_COMPANIONS[target]}; name another file\n"
    assert _snapshot(command.folder) == before
    for companion in _COMPANIONS:
        if companion != "contactpolicy.toml":
            (command.folder / companion).unlink()
    assert _reads(command) == reads


def test_a_link_or_a_hard_link_to_a_file_in_use_is_refused(command: CommandLine) -> None:
    """The files in use are found by their real path and by device and
    inode: a link to the write-ahead log, a hard link to the configuration,
    and a link to the audit key file the configuration names are refused,
    status 2, and left as they were."""
    command.report()
    config = command.folder / "contactpolicy.toml"
    key = command.folder / "audit.key"
    key.write_text("00" * 32 + "\n")
    config.write_text('audit_key_file = "audit.key"\n' + config.read_text())
    (command.folder / "wal-link").symlink_to(command.folder / "contactpolicy.db-wal")
    os.link(config, command.folder / "config-link")
    (command.folder / "key-link").symlink_to(key)
    before = _snapshot(command.folder)
    said = {
        "wal-link": "the database's write-ahead log",
        "config-link": "the configuration file in use",
        "key-link": "the audit key file the configuration names",
    }
    for name, what in said.items():
        ran = command("--as", "lwong", "register", "--csv", name)
        assert (ran.status, ran.out) == (2, "")
        assert ran.err == f"error: --csv: {name} is {what}; name another file\n"
    assert _snapshot(command.folder) == before
    assert not (command.folder / "contactpolicy.db-wal").exists()


@pytest.mark.parametrize(
    ("header", "what"),
    [
        (bytes.fromhex("377f0682"), "a SQLite write-ahead log"),
        (bytes.fromhex("377f0683"), "a SQLite write-ahead log"),
        (bytes.fromhex("d9d505f920a163d7"), "a SQLite rollback journal"),
    ],
    ids=["wal", "wal-big-endian-checksums", "journal"],
)
def test_a_sqlite_log_or_journal_anywhere_is_never_written(
    command: CommandLine, header: bytes, what: str
) -> None:
    """A file that begins as SQLite's write-ahead log or rollback journal
    begins, of any database wherever it is, is refused, status 2, and kept."""
    command.report()
    other = command.folder / "elsewhere"
    other.mkdir()
    kept = other / "cases.bin"
    kept.write_bytes(header + b"\x00" * 28)
    ran = command("--as", "lwong", "register", "--xlsx", "elsewhere/cases.bin")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: --xlsx: elsewhere/cases.bin is {what}; name another file\n"
    assert kept.read_bytes() == header + b"\x00" * 28


def test_init_never_writes_its_configuration_over_the_database_log(
    command: CommandLine,
) -> None:
    """``init --config contactpolicy.db-wal`` is refused, status 2, and
    leaves the log as it was."""
    command.report()
    log = command.folder / "contactpolicy.db-wal"
    log.write_bytes(b"held by a running server")
    ran = command("--config", "contactpolicy.db-wal", "init", "--force")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: --config: contactpolicy.db-wal is the database's write-ahead log; "
        "name another file\n"
    )
    assert log.read_bytes() == b"held by a running server"


def test_a_register_that_cannot_be_written_whole_leaves_the_old_one(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills while the register is written is status 2, one
    line; the register written before is kept whole, and no part of the
    new one is left in the folder."""
    command.designated()
    old = command.folder / "register.csv"
    old.write_text("the register of last week\n")
    old.chmod(0o600)

    def fills(_rows: object, path: Path) -> None:
        path.write_text("Name and contact details,")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("contactpolicy.cli.register.write_csv", fills)
    before = _snapshot(command.folder)
    ran = command("--as", "lwong", "register", "--csv", "register.csv")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == "error: --csv: cannot write register.csv: No space left on device\n"
    assert _snapshot(command.folder) == before


def test_a_subject_access_export_cut_short_leaves_no_part_file(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills while ``subject-access.json`` is written leaves no
    truncated export of personal data behind: status 2, one line, and the
    folder holds nothing."""
    command.report()
    written = Path.write_bytes

    def fills(path: Path, content: bytes) -> int:
        written(path, content[:10])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", fills)
    ran = command("--as", "lwong", "subject-access", CUSTOMER, "--out", "sar")
    assert (ran.status, ran.out) == (2, "")
    assert (
        ran.err == "error: --out: cannot write sar/subject-access.json: No space left on device\n"
    )
    assert list((command.folder / "sar").iterdir()) == []


def test_a_file_written_is_private_from_the_start_and_replaces_the_old(
    command: CommandLine,
) -> None:
    """A register written over an older, readable one is private (0600), and
    the folder holds nothing else new."""
    command.designated()
    old = command.folder / "register.csv"
    old.write_text("the register of last week\n")
    old.chmod(0o644)
    before = set(_snapshot(command.folder))
    ran = command("--as", "lwong", "register", "--csv", "register.csv")
    assert ran.status == 0, ran.err
    assert _mode(old) == 0o600
    assert old.read_text(encoding="utf-8-sig").startswith("Name and contact details,")
    assert set(_snapshot(command.folder)) == before
