"""An SQLite database that holds nothing yet (another tool's new file, made
by ``VACUUM`` on a new connection) is no contactpolicy database: every
command refuses it as it refuses a missing file, in the same words, and
leaves it as it was, byte for byte, with nothing made beside it; ``--create``
and ``init`` make the database in it, readable by its owner only (0600).
A ``check --preview`` used to answer "Take it YES" from such a file after
writing this store's tables into it, leaving it readable by all."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from support.command_line import CUSTOMER, CommandLine


def _vacuumed(path: Path) -> None:
    """What ``sqlite3.connect(path).execute("vacuum")`` leaves: a 4096-byte
    file whose header page holds no schema."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("VACUUM")


def _in_wal_mode(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("VACUUM")


def _versioned(path: Path) -> None:
    """Another tool's header settings, and no table."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA page_size = 1024")
        connection.execute("PRAGMA user_version = 7")
        connection.execute("VACUUM")


def _table_dropped(path: Path) -> None:
    """A database whose only table was dropped again."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE people (id INTEGER, name TEXT)")
        connection.execute("DROP TABLE people")
        connection.commit()


HOLDING_NOTHING: dict[str, Callable[[Path], None]] = {
    "vacuumed": _vacuumed,
    "wal": _in_wal_mode,
    "versioned": _versioned,
    "table_dropped": _table_dropped,
}

READ_ONLY = (
    ("check", CUSTOMER, "--channel", "telephone", "--preview"),
    ("show", "C-1A2B3C4D5E"),
    ("history", "C-1A2B3C4D5E"),
    ("list",),
    ("verify", "C-1A2B3C4D5E"),
    ("verify", "--all"),
    ("due",),
    ("todo",),
    ("register",),
    ("evidence", CUSTOMER),
    ("letter", "C-1A2B3C4D5E", "warning"),
    ("feed",),
    ("not-communicated",),
)
"""Commands that read and write nothing, as an officer runs them."""


def _no_database(path: Path) -> str:
    return (
        f"error: --db: there is no database {path}: check the path and the folder; "
        "'contactpolicy init' creates a new one there, as does --create given before the "
        "command\n"
    )


def _folder(path: Path) -> dict[str, tuple[bytes, int]]:
    return {
        found.name: (found.read_bytes(), stat.S_IMODE(found.stat().st_mode))
        for found in sorted(path.parent.iterdir())
        if found.is_file()
    }


@pytest.mark.parametrize("kind", sorted(HOLDING_NOTHING))
@pytest.mark.parametrize("argv", READ_ONLY, ids=lambda argv: " ".join(argv[:2]))
def test_a_database_holding_nothing_is_refused_as_no_database_and_left_as_it_was(
    command: CommandLine, kind: str, argv: tuple[str, ...]
) -> None:
    empty = command.folder / "other.db"
    HOLDING_NOTHING[kind](empty)
    empty.chmod(0o644)
    before = _folder(empty)
    ran = command("--db", "sqlite:///other.db", "--as", "lwong", *argv)
    assert (ran.status, ran.out, ran.err) == (2, "", _no_database(empty))
    assert _folder(empty) == before


@pytest.mark.parametrize("kind", sorted(HOLDING_NOTHING))
def test_create_makes_the_database_in_it_readable_by_its_owner_only(
    command: CommandLine, kind: str
) -> None:
    empty = command.folder / "other.db"
    HOLDING_NOTHING[kind](empty)
    empty.chmod(0o644)
    ran = command("--db", "sqlite:///other.db", "--create", "--as", "lwong", "list")
    assert (ran.status, ran.err) == (0, "")
    assert stat.S_IMODE(empty.stat().st_mode) == 0o600
    again = command("--db", "sqlite:///other.db", "--as", "lwong", "list")
    assert (again.status, again.out, again.err) == (ran.status, ran.out, "")


def test_init_makes_the_database_in_it_and_says_it_created_one(command: CommandLine) -> None:
    empty = command.folder / "other.db"
    _vacuumed(empty)
    empty.chmod(0o644)
    (command.folder / "contactpolicy.toml").unlink()
    ran = command("--db", "sqlite:///other.db", "init")
    assert ran.status == 0
    assert ran.out.splitlines()[-1] == (
        "Created the database other.db, readable and writable by its owner only."
    )
    assert stat.S_IMODE(empty.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"SQLite format 3\x00", "file is not a database"),
        (b"SQLite format 3\x00garbage", "file is not a database"),
        (b"hello world\n", "file is not a database"),
    ],
    ids=["magic only", "magic and garbage", "text"],
)
def test_a_file_sqlite_cannot_read_is_still_damaged_and_untouched(
    command: CommandLine, content: bytes, problem: str
) -> None:
    """A file SQLite cannot read as a database is the store's to name, status
    4, with or without ``--create``; nothing is written to it."""
    odd = command.folder / "odd.db"
    odd.write_bytes(content)
    before = _folder(odd)
    for create in ((), ("--create",)):
        ran = command("--db", "sqlite:///odd.db", *create, "--as", "lwong", "list")
        assert (ran.status, ran.out) == (4, "")
        assert ran.err == (
            f"not done: the file odd.db is damaged or is not a database ({problem}); "
            "trying again will fail the same way: ask an operator to look\n"
        )
        assert _folder(odd) == before
