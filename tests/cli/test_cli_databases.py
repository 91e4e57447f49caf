"""Which database and configuration a run uses: an existing database only
(a new one through ``init`` or ``--create``, readable by its owner only), and
a configuration file that must be there when it is named."""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from contactpolicy.stores import SQLiteStore

from support.command_line import CUSTOMER, CommandLine


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _no_database(path: Path) -> str:
    return (
        f"error: --db: there is no database {path}: check the path and the folder; "
        "'contactpolicy init' creates a new one there, as does --create given before the "
        "command\n"
    )


def test_a_mistyped_database_path_fails_closed_at_the_point_of_contact(
    command: CommandLine,
) -> None:
    """A designated customer checked against a mistyped ``--db`` gets no
    "No restriction applies": status 2, one line naming the path and how to
    create a database, and no file is created (the issue's fail-open)."""
    command.designated()
    ran = command("--db", "sqlite:///contactpolicy.bd", "check", CUSTOMER, "--channel", "telephone")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == _no_database(command.folder / "contactpolicy.bd")
    assert not (command.folder / "contactpolicy.bd").exists()


def test_another_applications_database_is_wrong_input_and_left_as_it_was(
    command: CommandLine,
) -> None:
    """``--db`` naming another application's SQLite file (a CRM's) is status
    2 at the point of contact, and the file is not migrated or changed: it
    used to gain this store's tables and answer "No case is recorded"."""
    command.designated()
    crm = command.folder / "crm.db"
    with closing(sqlite3.connect(crm)) as other:
        other.execute("CREATE TABLE customers (id TEXT, name TEXT)")
        other.commit()
    before = crm.read_bytes()
    ran = command("--db", "sqlite:///crm.db", "check", CUSTOMER, "--channel", "telephone")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: --db: crm.db is a database of something else (it has tables, but not this "
        "store's): give the path of the council's contactpolicy database\n"
    )
    assert crm.read_bytes() == before
    assert not (command.folder / "crm.db-wal").exists()


def test_a_query_in_the_wrong_folder_creates_no_database(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``list`` run in a folder without contactpolicy.db is status 2 and leaves
    the folder as it was, rather than listing an empty new database."""
    elsewhere = command.folder / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    ran = command("--as", "lwong", "list")
    assert (ran.status, ran.out, ran.err) == (2, "", _no_database(elsewhere / "contactpolicy.db"))
    assert list(elsewhere.iterdir()) == []


def test_the_database_named_by_the_environment_must_exist_too(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CONTACTPOLICY_DB naming a missing file is refused like ``--db``."""
    monkeypatch.setenv("CONTACTPOLICY_DB", "sqlite:///council.db")
    ran = command("--as", "lwong", "history", "C-1A2B3C4D5E")
    assert (ran.status, ran.err) == (2, _no_database(command.folder / "council.db"))


def test_create_makes_a_new_database_only_its_owner_can_read(command: CommandLine) -> None:
    """``--create`` makes the missing database, mode 0600 whatever the umask
    allows beyond it, and the command then runs on it."""
    ran = command("--db", "sqlite:///new.db", "--create", "--as", "lwong", "list")
    assert (ran.status, ran.out) == (0, "No cases match.\n")
    assert _mode(command.folder / "new.db") == 0o600
    again = command("--db", "sqlite:///new.db", "--create", "--as", "lwong", "list")
    assert (again.status, _mode(command.folder / "new.db")) == (0, 0o600)


def test_init_creates_the_configuration_and_the_database_for_their_owner_only(
    tmp_path: Path, command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``init`` in an empty folder writes contactpolicy.toml and creates
    contactpolicy.db, both mode 0600 (they name officers and will hold
    personal data), and says so."""
    folder = tmp_path / "council"
    folder.mkdir()
    monkeypatch.chdir(folder)
    ran = command("init")
    assert (ran.status, ran.out) == (
        0,
        "Wrote contactpolicy.toml: name the council's officers in it.\n"
        "Created the database contactpolicy.db, readable and writable by its owner only.\n",
    )
    assert _mode(folder / "contactpolicy.toml") == 0o600
    assert _mode(folder / "contactpolicy.db") == 0o600
    assert SQLiteStore(folder / "contactpolicy.db").cases() == []


def test_init_force_makes_a_readable_configuration_private(command: CommandLine) -> None:
    """A configuration replaced by ``init --force`` is mode 0600 even if the
    file it replaces was readable by everyone."""
    path = command.folder / "contactpolicy.toml"
    path.chmod(0o644)
    assert command("init", "--force").status == 0
    assert _mode(path) == 0o600


def test_the_demo_database_is_for_its_owner_only(command: CommandLine) -> None:
    """The demo's own database is created, afresh, mode 0600."""
    assert command("demo").status == 0
    assert _mode(command.folder / "contactpolicy-demo.db") == 0o600


def test_a_database_that_cannot_be_created_is_one_line(command: CommandLine) -> None:
    """``--create`` in a folder that does not exist is status 2, naming the path."""
    ran = command("--db", "sqlite:///missing/cases.db", "--create", "list")
    assert (ran.status, ran.err) == (
        2,
        f"error: --db: cannot create {command.folder / 'missing' / 'cases.db'}: "
        "No such file or directory\n",
    )


@pytest.mark.parametrize(
    "argv",
    [["list"], ["show", "C-1A2B3C4D5E"], ["check", CUSTOMER, "--channel", "email", "--preview"]],
)
def test_a_named_configuration_that_is_missing_is_an_error_for_queries_too(
    command: CommandLine, argv: list[str]
) -> None:
    """``--config`` naming no file stops every command, a query too, with
    status 2, rather than reading under the Maidstone policy."""
    ran = command("--config", "council.toml", *argv)
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: there is no configuration file council.toml: run 'contactpolicy init' to "
        "write a starter file and name the council's officers in it, or give its path with "
        "--config or CONTACTPOLICY_CONFIG\n"
    )


def test_a_configuration_named_by_the_environment_must_exist_too(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CONTACTPOLICY_CONFIG naming no file stops a query as ``--config`` does."""
    monkeypatch.setenv("CONTACTPOLICY_CONFIG", "council.toml")
    assert command("--as", "lwong", "list").status == 2


def test_a_query_without_the_default_configuration_reads_under_maidstone(
    command: CommandLine,
) -> None:
    """With no configuration named and none in the folder, a query still runs."""
    (command.folder / "contactpolicy.toml").unlink()
    assert command("--as", "lwong", "list").out == "No cases match.\n"


def test_an_empty_configuration_is_maidstone_with_no_officers(command: CommandLine) -> None:
    """``--config /dev/null`` names an empty configuration: queries run under
    the Maidstone policy, and no officer can act."""
    assert command("--config", os.devnull, "list").out == "No cases match.\n"
    ran = command("--config", os.devnull, "--as", "jsmith", "note", "C-1A2B3C4D5E", "Called.")
    assert (ran.status, ran.err) == (
        2,
        f"error: --as: names no officer in {os.devnull}; officers: none\n",
    )


def test_a_configuration_with_a_byte_order_mark_is_read(command: CommandLine) -> None:
    """A configuration saved as UTF-8 with a byte-order mark (as some Windows
    editors save it) is read as the same file without one."""
    config = command.folder / "contactpolicy.toml"
    config.write_bytes(b"\xef\xbb\xbf" + config.read_bytes())
    assert command("--as", "lwong", "list").out == "No cases match.\n"
    ran = command("list")
    assert (ran.status, ran.err.split(":")[0]) == (2, "error")
    assert "who is acting? give --as OFFICER_ID" in ran.err


def test_a_configuration_that_never_ends_is_one_line(command: CommandLine) -> None:
    """``--config /dev/zero`` is read to its limit, 1 MiB, then refused in
    one line, status 2, instead of read for ever."""
    ran = command("--config", "/dev/zero", "list")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: /dev/zero: is larger than 1 MiB; a configuration file is a few kilobytes\n"
    )


def test_a_default_configuration_that_cannot_be_looked_at_is_not_skipped(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A default contactpolicy.toml that the user may not look at (its folder
    not searchable) is not taken for no file, which would run the command
    without the council's officers: it is read, and says why it cannot be."""
    real = Path.stat

    def refused(path: Path, *, follow_symlinks: bool = True) -> os.stat_result:
        if path.name == "contactpolicy.toml":
            raise PermissionError(13, "Permission denied")
        return real(path, follow_symlinks=follow_symlinks)

    monkeypatch.setattr(Path, "stat", refused)
    ran = command("list")
    assert (ran.status, ran.out) == (2, "")
    assert "who is acting? give --as OFFICER_ID" in ran.err


def test_a_folder_named_as_the_database_is_wrong_input_not_try_again(
    command: CommandLine,
) -> None:
    """Running the command again cannot help when --db names a folder: it is
    status 2, naming the folder, not status 3."""
    folder = command.folder / "cases.db"
    folder.mkdir()
    ran = command("--db", f"sqlite:///{folder}", "list")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (f"error: --db: {folder} is a folder; name a database file in it\n")


@pytest.mark.parametrize(
    ("kind", "why"),
    [("under a file", "Not a directory"), ("a loop of links", "Too many levels of symbolic links")],
)
def test_a_path_that_cannot_lead_to_a_file_is_wrong_input(
    command: CommandLine, kind: str, why: str
) -> None:
    """A --db path through a file that is not a folder, or a link to itself,
    can lead to no database: status 2 naming the path and why, not status 3
    (trying again cannot help); nothing is created."""
    if kind == "under a file":
        (command.folder / "notes.txt").write_text("not a folder")
        path = command.folder / "notes.txt" / "cases.db"
    else:
        path = command.folder / "cases.db"
        path.symlink_to(path)
    before = sorted(command.folder.iterdir())
    ran = command("--db", f"sqlite:///{path}", "list")
    assert (ran.status, ran.out, ran.err) == (2, "", f"error: --db: cannot look at {path}: {why}\n")
    assert sorted(command.folder.iterdir()) == before


@pytest.mark.parametrize("how", [("init",), ("--config", os.devnull, "--create", "list")])
def test_a_database_made_through_a_link_is_private(
    tmp_path: Path, command: CommandLine, monkeypatch: pytest.MonkeyPatch, how: tuple[str, ...]
) -> None:
    """A --db that is a link to a file not there yet makes that file, mode
    0600, as a database made at the path itself is: SQLite would otherwise
    make it through the link with the default mode, readable by all."""
    folder = tmp_path / "council"
    folder.mkdir()
    monkeypatch.chdir(folder)
    (folder / "cases.db").symlink_to(folder / "real.db")
    ran = command("--db", "sqlite:///cases.db", *how)
    assert ran.status == 0
    assert _mode(folder / "real.db") == 0o600


def test_init_writes_no_configuration_when_the_database_cannot_be_opened(
    tmp_path: Path, command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``init`` opens the database before it writes the starter file: a
    --db whose name is too long for the file system is one line, status 2
    (running it again cannot help), and no contactpolicy.toml is left behind
    to refuse the next attempt."""
    folder = tmp_path / "council"
    folder.mkdir()
    monkeypatch.chdir(folder)
    ran = command("--db", f"sqlite:///{'a' * 300}.db", "init")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: --db: cannot look at {folder / ('a' * 300)}.db: File name too long\n"
    assert list(folder.iterdir()) == []


def test_create_through_a_loop_of_links_is_wrong_input(command: CommandLine) -> None:
    """``--create`` on a link to itself cannot make a database there: status
    2, naming the path and why, not status 3; nothing is created."""
    path = command.folder / "cases.db"
    path.symlink_to(path)
    before = sorted(command.folder.iterdir())
    ran = command("--db", f"sqlite:///{path}", "--create", "list")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: --db: cannot look at {path}: Too many levels of symbolic links\n"
    assert sorted(command.folder.iterdir()) == before


@pytest.mark.parametrize("create", [(), ("--create",)], ids=["existing", "--create"])
def test_a_pipe_named_as_the_database_is_wrong_input(
    command: CommandLine, create: tuple[str, ...]
) -> None:
    """A --db that is a named pipe (or a device) is no database file: status
    2, not status 3, and SQLite never opens it."""
    path = command.folder / "cases.db"
    os.mkfifo(path)
    ran = command("--db", f"sqlite:///{path}", *create, "list")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        f"error: --db: {path} is not a regular file (a pipe or a device, say); "
        "name a database file\n"
    )


def test_init_in_an_empty_file_makes_it_private(command: CommandLine) -> None:
    """``init`` on an existing empty file (readable by all) makes the database
    in it and the file private, mode 0600, as it says; a file that already
    holds a database keeps its mode."""
    empty = command.folder / "cases.db"
    empty.touch()
    empty.chmod(0o644)
    ran = command("--db", "sqlite:///cases.db", "init", "--force")
    assert ran.status == 0
    assert ran.out.splitlines()[1] == (
        "Created the database cases.db, readable and writable by its owner only."
    )
    assert _mode(empty) == 0o600
    empty.chmod(0o644)
    ran = command("--db", "sqlite:///cases.db", "init", "--force")
    assert ran.out.splitlines()[1] == "The database cases.db is there already: kept as it is."
    assert _mode(empty) == 0o644


def test_init_refused_for_its_configuration_writes_no_database(command: CommandLine) -> None:
    """``init`` where contactpolicy.toml is there already is refused, status
    2, before it makes a database: no new file, and an empty one keeps its
    size and mode (status 2 writes nothing)."""
    empty = command.folder / "empty.db"
    empty.touch()
    empty.chmod(0o644)
    for db in ("new.db", "empty.db"):
        ran = command("--db", f"sqlite:///{db}", "init")
        assert (ran.status, ran.out) == (2, "")
        assert ran.err == (
            "error: contactpolicy.toml exists already; edit it, or replace it with 'init --force'\n"
        )
    assert not (command.folder / "new.db").exists()
    assert (empty.stat().st_size, _mode(empty)) == (0, 0o644)


def test_a_default_configuration_that_links_nowhere_is_missing_not_absent(
    command: CommandLine,
) -> None:
    """A default contactpolicy.toml that is a link to a file not there (on a
    share not mounted, say) is not taken for no configuration, which would
    run queries without the council's officers: it is status 2, no file."""
    config = command.folder / "contactpolicy.toml"
    config.unlink()
    config.symlink_to(command.folder / "unmounted" / "contactpolicy.toml")
    ran = command("list")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err.startswith("error: there is no configuration file contactpolicy.toml: ")


def test_a_database_the_user_may_not_read_is_wrong_input(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A --db file this user may not read is status 2, naming the file and
    what to check, not status 3: running the command again cannot help."""
    database = command.folder / "contactpolicy.db"
    SQLiteStore(database).close()
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: False if Path(path) == database else real(path, mode)
    )
    ran = command("--db", f"sqlite:///{database}", "list")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        f"error: --db: this user may not read {database}: check its owner and permissions\n"
    )


def test_a_configuration_that_is_not_utf8_says_how_to_save_it(command: CommandLine) -> None:
    """A configuration saved as UTF-16 (or any other encoding) is status 2,
    saying to save it as UTF-8, without the decoder's own message."""
    config = command.folder / "contactpolicy.toml"
    config.write_text(config.read_text(encoding="utf-8"), encoding="utf-16")
    ran = command("list")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: contactpolicy.toml: is not UTF-8 text; save it as UTF-8 and try again\n"
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "postgresql://casework:hunter2@127.0.0.1:notaport/cases",
            "port: must be a number from 1 to 65535 for each host; host 1's is text of "
            "8 characters",
        ),
        (
            "postgresql://casework:hunter2@db1:5432,db2:70000/cases",
            "port: must be a number from 1 to 65535 for each host; host 2's is text of "
            "5 characters",
        ),
        (
            "postgresql://casework:hunter2@127.0.0.1/cases?sslmode=bogus",
            "sslmode: must be one of disable, allow, prefer, require, verify-ca, "
            "verify-full, got text of 5 characters",
        ),
        (
            "postgres://casework@127.0.0.1/cases?target_session_attrs=any-old",
            "target_session_attrs: must be one of any, read-write, read-only, primary, "
            "standby, prefer-standby, got text of 7 characters",
        ),
        (
            "postgresql://casework@127.0.0.1/cases?keepalives=often",
            "keepalives: must be a whole number from -2147483648 to 2147483647, "
            "got text of 5 characters",
        ),
    ],
    ids=["port", "second-port", "sslmode", "target_session_attrs", "keepalives"],
)
def test_a_postgresql_url_no_server_would_take_is_wrong_input(
    command: CommandLine, url: str, message: str
) -> None:
    """A PostgreSQL URL with a part libpq will never take is status 2 (once
    3, "run the command again"), one line naming the part, before any
    connection is tried, and never the password: the check ``open_store``
    makes for every caller (``stores.url.check_parameters``)."""
    ran = command("--db", url, "list")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == f"error: {message}\n"


def test_a_postgresql_server_that_does_not_answer_is_still_try_again(
    command: CommandLine,
) -> None:
    """A well-formed URL to a server that refuses the connection stays
    status 3: the server may be back when the command is run again."""
    ran = command(
        "--db", "postgresql://casework:hunter2@127.0.0.1:1/cases?connect_timeout=2", "list"
    )
    assert ran.status == 3
    assert ran.err.startswith("not done: cannot use the PostgreSQL server")
    assert "hunter2" not in ran.err
