"""``@FILE`` read the audit key into the record: with ``audit_key_file`` in
the configuration, ``note CASE @audit.key`` stored the hex key as a case
note, shown by ``show``, the register and subject access exports. A text is
never read from a file in use (the database and its -wal, -shm and journal,
the configuration file, the audit key file it names), recognised by its real
path and by device and inode, so through links, hard links and a
redirection of standard input too: status 2 naming the option, nothing
written and nothing of the file repeated."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from support.command_line import CommandLine

KEY = "ab" * 32


def _keyed(command: CommandLine) -> Path:
    config = command.folder / "contactpolicy.toml"
    config.write_text('audit_key_file = "audit.key"\n' + config.read_text(encoding="utf-8"))
    key = command.folder / "audit.key"
    key.write_text(KEY + "\n")
    return key


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("audit.key", "the audit key file the configuration names"),
        ("key-link", "the audit key file the configuration names"),
        ("key-hard-link", "the audit key file the configuration names"),
        ("contactpolicy.toml", "the configuration file in use"),
        ("contactpolicy.db", "the database"),
        ("contactpolicy.db-wal", "the database's write-ahead log"),
        ("contactpolicy.db-shm", "the database's shared-memory file"),
    ],
)
def test_a_note_is_never_read_from_a_file_in_use(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch, name: str, what: str
) -> None:
    key = _keyed(command)
    case_id = command.report()
    monkeypatch.chdir(command.folder)
    (command.folder / "key-link").symlink_to(key)
    os.link(key, command.folder / "key-hard-link")
    for suffix in ("-wal", "-shm"):
        (command.folder / f"contactpolicy.db{suffix}").touch()
    before = command.record()
    ran = command("--as", "jsmith", "note", case_id, f"@{name}")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: TEXT: {name} is {what}; a text is never read from it\n"
    assert command.record() == before


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (
            ("rectify", "{case}", "--field", "customer.contact", "--reason", "x", "--value"),
            "--value",
        ),
        (("appeal", "record", "{case}", "--grounds"), "--grounds"),
    ],
)
def test_other_texts_refuse_the_audit_key_file_too(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...], option: str
) -> None:
    _keyed(command)
    case_id = command.report()
    monkeypatch.chdir(command.folder)
    given = [part.format(case=case_id) for part in argv]
    ran = command("--as", "lwong", *given, "@audit.key")
    assert ran.status == 2
    assert ran.err == (
        f"error: {option}: audit.key is the audit key file the configuration names; "
        "a text is never read from it\n"
    )
    assert KEY not in ran.err


def test_standard_input_from_the_audit_key_file_is_refused(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = _keyed(command)
    case_id = command.report()
    monkeypatch.chdir(command.folder)
    before = command.record()
    with key.open("r") as stdin:
        monkeypatch.setattr(sys, "stdin", stdin)
        ran = command("--as", "jsmith", "note", case_id, "@-")
    assert ran.err == (
        "error: TEXT: standard input is the audit key file the configuration names; "
        "a text is never read from it\n"
    )
    assert ran.status == 2
    assert command.record() == before


def test_another_file_is_still_read(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> None:
    _keyed(command)
    case_id = command.report()
    monkeypatch.chdir(command.folder)
    (command.folder / "note.txt").write_text("Offered a meeting.\n")
    assert command("--as", "jsmith", "note", case_id, "@note.txt").status == 0
