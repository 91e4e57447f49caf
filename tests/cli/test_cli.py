"""The contactpolicy command as a whole: exit statuses, global options and
environment variables, errors in one line, and the demo."""

from __future__ import annotations

import stat
from importlib.metadata import entry_points

import pytest

from contactpolicy import CaseState, ConcurrentUpdate
from contactpolicy.casework import Casework
from contactpolicy.stores import SQLiteStore

from support.command_line import UNKEYED, CommandLine


def test_the_demo_leaves_its_database_and_says_how_to_explore_it(command: CommandLine) -> None:
    """``demo`` tells its story in contactpolicy-demo.db in the current folder
    and ends with the commands that explore it."""
    ran = command("demo")
    assert ran.status == 0
    [case] = SQLiteStore(command.folder / "contactpolicy-demo.db").cases()
    assert case.state is CaseState.LIFTED
    explore = "  uv run contactpolicy --db sqlite:///contactpolicy-demo.db --as lwong \\"
    assert ran.out.splitlines()[-9:] == [
        "The story is kept in contactpolicy-demo.db. Explore it further with:",
        explore,
        "      list",
        explore,
        f"      show {case.id}",
        explore,
        f"      history {case.id}",
        explore,
        f"      verify {case.id}",
    ]


def test_the_commands_the_demo_prints_explore_its_database_without_a_configuration(
    command: CommandLine,
) -> None:
    """``list``, ``show``, ``history`` and ``verify`` read the demo's database
    with no configuration file, under the Maidstone policy."""
    command("demo")
    (command.folder / "contactpolicy.toml").unlink()
    db = ("--db", "sqlite:///contactpolicy-demo.db")
    listed = command(*db, "list", "--json")
    assert listed.status == 0
    [case] = listed.json
    assert (case["customer_name"], case["state"]) == ("Sam Taylor", "lifted")
    shown = command(*db, "show", case["id"])
    assert shown.status == 0
    assert shown.facts["Case"] == f"{case['id']}, lifted"
    history = command(*db, "history", case["id"], "--json")
    assert [event["kind"] for event in history.json][-3:] == [
        "complete_review",
        "record_communicated",
        "record_informed",
    ]
    verified = command(*db, "verify", case["id"])
    assert verified.out == (
        f"Case {case['id']}: the audit trail is intact (23 events).\n{UNKEYED}\n"
    )


def test_the_demo_starts_afresh_each_time(command: CommandLine) -> None:
    """Running the demo again replaces the old file, so it holds one case."""
    command("demo")
    command("demo")
    assert len(SQLiteStore(command.folder / "contactpolicy-demo.db").cases()) == 1


def test_the_demo_register_file_is_0600(command: CommandLine) -> None:
    """Reproduction: the demo's register (personal data, 7.4) was left
    readable by everyone; it is its owner's only, as the CLI's own files."""
    assert command("demo").status == 0
    register = command.folder / "contactpolicy-demo-register.xlsx"
    assert stat.S_IMODE(register.stat().st_mode) == 0o600


def test_a_command_without_a_configuration_says_how_to_create_one(
    command: CommandLine,
) -> None:
    """Without contactpolicy.toml a command that changes the record stops with
    one line pointing to ``contactpolicy init``, status 2."""
    (command.folder / "contactpolicy.toml").unlink()
    ran = command("--as", "jsmith", "note", "C-1", "Called again.")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: there is no configuration file contactpolicy.toml: run 'contactpolicy init' "
        "to write a starter file and name the council's officers in it, or give its path "
        "with --config or CONTACTPOLICY_CONFIG\n"
    )


def test_a_command_needs_to_know_who_is_acting(command: CommandLine) -> None:
    """Without ``--as`` or CONTACTPOLICY_OFFICER a command names the officers
    it could be, and writes nothing."""
    ran = command("close", "C-1", "--reason", "Settled.")
    assert ran.status == 2
    assert ran.err == (
        "error: who is acting? give --as OFFICER_ID before the command, or set "
        "CONTACTPOLICY_OFFICER; officers in contactpolicy.toml: jsmith, kdaly, apatel, lwong, "
        "mobrien\n"
    )
    assert command.record() == ([], [], [])


def test_an_unknown_officer_is_one_line_and_nothing_is_written(command: CommandLine) -> None:
    """``--as`` naming no officer of the configuration is status 2, with the
    officers there are, and the store is unchanged."""
    case_id = command.report()
    before = command.record()
    ran = command("--as", "jsmiht", "note", case_id, "Called again.")
    assert ran.status == 2
    assert ran.err == (
        "error: --as: names no officer in contactpolicy.toml; officers: "
        "jsmith, kdaly, apatel, lwong, mobrien\n"
    )
    assert command.record() == before


def test_the_officer_database_and_configuration_come_from_the_environment(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CONTACTPOLICY_OFFICER, CONTACTPOLICY_DB and CONTACTPOLICY_CONFIG stand
    for ``--as``, ``--db`` and ``--config``."""
    (command.folder / "contactpolicy.toml").rename(command.folder / "council.toml")
    monkeypatch.setenv("CONTACTPOLICY_CONFIG", "council.toml")
    monkeypatch.setenv("CONTACTPOLICY_DB", "sqlite:///council.db")
    monkeypatch.setenv("CONTACTPOLICY_OFFICER", "jsmith")
    ran = command(
        "--create",
        "report",
        "CRM-1",
        "--name",
        "Sam Taylor",
        "--issue",
        "council tax",
        "--behaviour",
        "threats",
        "--channel",
        "face_to_face",
        "--description",
        "Threatened the receptionist.",
    )
    assert ran.status == 0, ran.err
    [case] = SQLiteStore(command.folder / "council.db").cases()
    assert (case.reported_by, case.incidents[0].occurred_at) == ("jsmith", command.clock.now())
    assert command.record() == ([], [], [])


def test_options_name_the_database_and_the_configuration(command: CommandLine) -> None:
    """``--db`` and ``--config`` before the command choose where cases are and
    which configuration is read."""
    (command.folder / "contactpolicy.toml").rename(command.folder / "council.toml")
    ran = command(
        "--config",
        "council.toml",
        "--db",
        "sqlite:///other.db",
        "--create",
        "--as",
        "lwong",
        "list",
    )
    assert (ran.status, ran.out) == (0, "No cases match.\n")
    assert (command.folder / "other.db").is_file()


def test_a_missing_option_is_one_line_with_where_to_get_help(command: CommandLine) -> None:
    """A required option left out is a usage error: status 2, one line."""
    ran = command("--as", "jsmith", "warn", "C-1")
    assert ran.status == 2
    assert ran.err == "error: Missing option '--method'. (see 'contactpolicy warn --help')\n"


def test_no_command_shows_the_help(command: CommandLine) -> None:
    """The command alone lists the commands, and prints no error."""
    ran = command()
    assert ran.status == 2
    assert "Usage: contactpolicy [OPTIONS] COMMAND [ARGS]..." in ran.out
    assert ran.err == ""


def test_a_concurrent_update_says_to_try_again(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone changing the case at the same moment is status 3 and says to
    run the command again."""
    case_id = command.report()

    def clash(_self: Casework, case_id: str, *_: object, **__: object) -> None:
        raise ConcurrentUpdate(case_id, 1, 2)

    monkeypatch.setattr(Casework, "close", clash)
    ran = command("--as", "jsmith", "close", case_id, "--reason", "Settled.")
    assert ran.status == 3
    assert ran.err == (
        f"not done: case {case_id!r} changed concurrently: expected version 1, but it is at "
        "version 2; nothing was written; run the command again\n"
    )


def test_a_url_that_names_no_store_is_one_line(command: CommandLine) -> None:
    """``--db`` with a URL no store takes lists the forms accepted; status 2."""
    ran = command("--db", "mysql://db/cases", "list")
    assert ran.status == 2
    assert ran.err == (
        "error: url: unknown store 'mysql'; use memory://, sqlite:///relative/path.db, "
        "sqlite:////absolute/path.db or postgresql://user@host:port/database\n"
    )


def test_the_console_script_runs_the_same_main() -> None:
    """The installed ``contactpolicy`` script is ``contactpolicy.cli:main``."""
    [script] = entry_points(group="console_scripts", name="contactpolicy")
    assert script.value == "contactpolicy.cli:main"
