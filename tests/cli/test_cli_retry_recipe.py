"""The retry recipe the command prints works for every command, those whose
time defaults to now among them (issue 8, item 4).

A command's time is part of what it was asked to do: a repeat that took a
new "now" would be a different command, refused under the same id. So the
message that says how to repeat a command names the times the run chose
itself, written so that they read back as the same instant, and a repeat
refused for a different time says which option to give.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pendulum
import psycopg
import pytest

from contactpolicy.casework import Casework
from contactpolicy.errors import OutcomeUnknown

from support.command_line import CUSTOMER, REPORT_NOW, REPORTED_NOW, CommandLine
from support.network import commit_reply_lost

LOST = "the connection was lost during COMMIT"
"""What the stand-in for a lost COMMIT reply says."""
RECIPE = re.compile(r"it is saved at most once if you run the same command again with (.+)\n")
"""The end of a status 5 or 130 message: the options to repeat the command with."""
REPORT = REPORT_NOW
INCIDENT = (
    "--behaviour",
    "excessive_demands",
    "--channel",
    "telephone",
    "--description",
    "Called 9 times more.",
)
"""The options of an incident whose time is left to default to now."""
CONCERN = ("--as", "jsmith", "concern", CUSTOMER, *REPORTED_NOW)
"""A concern whose incident's time is left to default to now."""
ODD_MOMENT = pendulum.datetime(2026, 1, 30, 11, 30, 12, 345678, tz="Europe/London")
"""A time with microseconds: a printed time must read back to the microsecond."""


def _reply_lost(monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    """Make ``Casework.<method>`` save the command and then raise
    ``OutcomeUnknown``, as a COMMIT whose reply was lost does, the first
    time only."""
    original = getattr(Casework, method)
    calls: list[str] = []

    def saved_then_lost(self: Casework, *args: Any, **kwargs: Any) -> Any:
        case = original(self, *args, **kwargs)
        if not calls:
            calls.append(method)
            raise OutcomeUnknown(LOST, case.id)
        return case

    monkeypatch.setattr(Casework, method, saved_then_lost)


def _recipe(err: str) -> list[str]:
    """The options a status 5 or 130 message says to repeat the command with."""
    found = RECIPE.search(err)
    assert found is not None, err
    return shlex.split(found[1])


def _reported(command: CommandLine) -> str:
    return command.report()


def _designated(command: CommandLine) -> str:
    case_id = command.designated()
    command.clock.set(ODD_MOMENT)
    return case_id


Arrange = Callable[[CommandLine], str]
"""Make a case the command applies to; its id (empty for a command that opens one)."""


def _nothing(_command: CommandLine) -> str:
    return ""


COMMANDS: dict[str, tuple[str, str, Arrange, Callable[[str], tuple[str, ...]]]] = {
    "report": ("report", "--occurred", _nothing, lambda _case: REPORT),
    "concern": ("raise_concern", "--occurred", _nothing, lambda _case: CONCERN),
    "incident": (
        "add_incident",
        "--occurred",
        _reported,
        lambda case: ("--as", "jsmith", "incident", case, *INCIDENT),
    ),
    "communicated": (
        "record_communicated",
        "--at",
        _designated,
        lambda case: ("--as", "lwong", "communicated", case, "--method", "letter"),
    ),
}
"""Each command whose time defaults to now: the ``Casework`` method it
calls (and the event it records), the option of that time, how to make a
case it applies to, and its arguments on that case."""


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_command_whose_time_defaulted_is_saved_once_when_repeated_as_the_message_says(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """The reply to the save is lost (status 5); the message names the id
    and the time the run chose, to the microsecond; the command repeated
    with those options a minute later returns the case as saved (status 0)
    and writes nothing."""
    method, option, arrange, arguments = COMMANDS[name]
    case_id = arrange(command)
    command.clock.set(command.clock.now().add(microseconds=345678))
    argv = arguments(case_id)
    _reply_lost(monkeypatch, method)
    lost = command(*argv, "--command-id", f"{name}-1")
    assert (lost.status, lost.out) == (5, "")
    chosen = command.clock.now()
    assert _recipe(lost.err) == ["--command-id", f"{name}-1", option, chosen.isoformat()]
    saved = command.record()
    command.clock.advance(minutes=1)
    again = command(*argv, *_recipe(lost.err), "--json")
    assert again.status == 0, again.err
    assert command.record() == saved
    assert again.json["id"] == (case_id or again.json["id"])
    history = command("--as", "lwong", "history", again.json["id"], "--json").json
    assert [event["kind"] for event in history].count(method) == 1
    assert pendulum.parse(history[-1]["at"]) == chosen


@pytest.mark.parametrize("name", list(COMMANDS))
def test_with_json_a_lost_reply_names_the_times_the_run_chose(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Status 5 with ``--json`` carries the id and, under ``defaults``, each
    option the run chose a value for, as the message names them."""
    method, option, arrange, arguments = COMMANDS[name]
    argv = arguments(arrange(command))
    _reply_lost(monkeypatch, method)
    ran = command(*argv, "--command-id", "x 1", "--json")
    error = json.loads(ran.err)
    chosen = command.clock.now().isoformat()
    assert (ran.status, error["command_id"], error["defaults"]) == (5, "x 1", {option: chosen})
    assert error["message"].endswith(
        f": {LOST}; it is saved at most once if you run the same command again with "
        f"--command-id 'x 1' {option} {chosen}"
    )


def test_the_reviewer_s_repeat_of_a_report_without_its_time_is_refused_with_a_hint(
    command: CommandLine,
) -> None:
    """The review's reproduction: a report run twice with one --command-id
    and no --occurred, a little later. The second run took another now, so
    it is another command: status 2, nothing written, and the message says
    to give the first attempt's --occurred and where to find it."""
    first = command(*REPORT, "--command-id", "rep2", "--json")
    assert first.status == 0, first.err
    saved = command.record()
    command.clock.advance(seconds=3)
    again = command(*REPORT, "--command-id", "rep2")
    assert (again.status, again.out) == (2, "")
    assert again.err == (
        "error: [7.4] --command-id: was already used for a different command on case "
        f"{first.json['id']}; give each new command its own id and repeat one only with the "
        "same arguments; if this repeats an attempt of the same command that also left "
        "--occurred out, that attempt took its own time as now: repeat with that attempt's "
        "--occurred, which 'contactpolicy history' of that case shows to the microsecond "
        "with --json\n"
    )
    assert command.record() == saved
    history = command("--as", "lwong", "history", first.json["id"], "--json").json
    occurred = history[0]["data"]["incidents"][0]["occurred_at"]
    repeat = command(*REPORT, "--command-id", "rep2", "--occurred", occurred, "--json")
    assert (repeat.status, repeat.json) == (0, first.json)
    assert command.record() == saved


def test_a_repeat_with_a_time_given_is_refused_without_the_hint(command: CommandLine) -> None:
    """A run that chose no time itself gets the library's refusal alone."""
    at = ("--occurred", "2026-01-02 16:00")
    assert command(*REPORT, *at, "--command-id", "rep3").status == 0
    again = command(*REPORT, "--occurred", "2026-01-02 16:01", "--command-id", "rep3")
    assert again.status == 2
    assert again.err.endswith("repeat one only with the same arguments\n")


@pytest.mark.parametrize(
    "written",
    [
        "2026-01-05T09:30:00.000001+00:00",
        "2026-07-06T10:15:59.999999+01:00",
        "2026-01-05T09:30:00+00:00",
        "2026-03-29T01:00:00.5+01:00",
    ],
)
def test_a_time_printed_to_repeat_with_reads_back_as_the_same_instant(written: str) -> None:
    """What ``Session.now`` prints is ``isoformat``; ``moment`` reads it back
    exactly, microseconds and offset, whatever the policy's zone."""
    from contactpolicy.audit.codec import utc_text
    from contactpolicy.cli.parse import moment

    at = pendulum.parse(written)
    assert isinstance(at, pendulum.DateTime)
    read = moment(at.isoformat(), "--occurred", "Europe/London")
    assert (read, utc_text(read)) == (at, utc_text(at))


# A contact logged at the point of contact ----------------------------------

CHECK = ("--as", "jsmith", "check", CUSTOMER, "--channel", "telephone")
"""A contact checked and logged, its time left out: now."""


def test_a_lost_reply_to_check_gives_its_id_and_time_and_the_repeat_logs_once(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The contact is logged and the reply lost (status 5): the message
    names the command id and the time the run took as now, to the
    microsecond; ``check`` repeated with them a minute later answers with the
    decision first given, the same contact id, and logs nothing more
    (5.1, 7.4)."""
    original = Casework.decide_contact
    lost: list[int | None] = []

    def logged_then_lost(self: Casework, *args: Any, **kwargs: Any) -> Any:
        decision = original(self, *args, **kwargs)
        if not lost:
            lost.append(decision.contact_id)
            raise OutcomeUnknown(LOST)
        return decision

    monkeypatch.setattr(Casework, "decide_contact", logged_then_lost)
    command.clock.set(command.clock.now().add(microseconds=345678))
    chosen = command.clock.now()
    ran = command(*CHECK, "--command-id", "call-4711")
    assert (ran.status, ran.out) == (5, "")
    assert _recipe(ran.err) == ["--command-id", "call-4711", "--at", chosen.isoformat()]
    assert lost == [1]
    command.clock.advance(minutes=1)
    again = command(*CHECK, *_recipe(ran.err), "--json")
    assert (again.status, again.json["contact_id"]) == (0, 1), again.err
    repeated = command(*CHECK, *_recipe(ran.err), "--json")
    assert (repeated.status, repeated.json) == (0, again.json)
    error = json.loads(command(*CHECK, "--command-id", "call-4711", "--json").err)
    assert (error["status"], error["error"]) == (2, "wrong_input")
    assert error["message"] == (
        "[7.4] --command-id: was already used for a different command; give each new command "
        "its own id and repeat one only with the same arguments; if this repeats an attempt "
        "of the same command that also left --at out, that attempt took its own time as now: "
        "repeat with that attempt's --at, which that attempt's message gave with its command id"
    )


# A lost COMMIT reply on PostgreSQL ------------------------------------------


def _url(dsn: str) -> str:
    """``dsn``, a libpq connection string, as the postgresql:// URL --db takes."""
    parts = psycopg.conninfo.conninfo_to_dict(dsn)
    user = quote(str(parts.get("user", "")))
    password = parts.get("password")
    login = user if password is None else f"{user}:{quote(str(password))}"
    return f"postgresql://{login}@{parts['host']}:{parts['port']}/{parts['dbname']}"


def test_a_report_whose_commit_reply_is_lost_on_postgresql_is_saved_once_by_the_recipe(
    command: CommandLine, postgres_dsn: str
) -> None:
    """End to end: ``report`` without --occurred through a proxy that loses
    the reply to its COMMIT (status 5, the recipe printed), then the
    recipe run a minute later returns the saved case: one case, one event."""
    with commit_reply_lost(postgres_dsn) as flaky:
        db = ("--db", _url(flaky))
        lost = command(*db, *REPORT)
        assert (lost.status, lost.out) == (5, "")
        recipe = _recipe(lost.err)
        assert recipe[2:] == ["--occurred", command.clock.now().isoformat()]
        command.clock.advance(minutes=1)
        again = command(*db, *REPORT, *recipe, "--json")
        assert again.status == 0, again.err
        listed = command(*db, "--as", "lwong", "list", "--json").json
        assert [case["id"] for case in listed] == [again.json["id"]]
        history = command(*db, "--as", "lwong", "history", again.json["id"], "--json").json
        assert [event["kind"] for event in history] == ["report"]


# An empty database file ------------------------------------------------------


def test_an_empty_database_file_is_refused_not_made_a_new_database(command: CommandLine) -> None:
    """A 0-byte file named by --db (a truncated database, say) is status 2,
    naming the path and saying it is empty; it stays 0 bytes."""
    empty = command.folder / "truncated.db"
    empty.touch()
    for argv in (("list",), ("--as", "jsmith", "note", "C-1A2B3C4D5E", "Called.")):
        ran = command("--db", "sqlite:///truncated.db", *argv)
        assert (ran.status, ran.out) == (2, "")
        assert ran.err == (
            f"error: --db: {empty} is empty (0 bytes), so it holds no database: if it was "
            "truncated, restore it from a backup; 'contactpolicy init' makes a new database "
            "there, as does --create given before the command\n"
        )
    assert empty.stat().st_size == 0


@pytest.mark.parametrize("argv", [("--create", "--as", "lwong", "list"), ("init", "--force")])
def test_init_or_create_makes_a_database_in_an_empty_file(
    command: CommandLine, argv: tuple[str, ...]
) -> None:
    """``init`` and ``--create`` may make a new database, in an empty file too."""
    empty: Path = command.folder / "new.db"
    empty.touch()
    ran = command("--db", "sqlite:///new.db", *argv)
    assert ran.status == 0, ran.err
    assert empty.stat().st_size > 0
    if argv[0] == "init":
        assert "Created the database new.db, readable and writable by its owner only." in ran.out


def test_the_reference_s_sample_of_a_lost_reply_is_what_postgresql_prints(
    command: CommandLine, postgres_dsn: str
) -> None:
    """docs/cli.md's status 5 sample is the message a report whose COMMIT
    reply is lost on PostgreSQL prints, with the sample's id and time; only
    the new case's id differs."""
    page = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    [sample] = re.findall(r"```text\n(not known: .*?)```", page, re.S)
    recipe = _recipe(sample)
    at = pendulum.parse(recipe[3])
    assert isinstance(at, pendulum.DateTime)
    command.clock.set(at)
    with commit_reply_lost(postgres_dsn) as flaky:
        lost = command("--db", _url(flaky), *REPORT, "--command-id", recipe[1])
    assert lost.status == 5
    assert re.sub(r"C-[0-9A-F]{10}", "C-1A2B3C4D5E", lost.err) == sample


def _told(command: CommandLine) -> str:
    case_id = command.told()
    command.clock.set(ODD_MOMENT.add(days=7))
    return case_id


LIBRARY_DEFAULTS: dict[str, tuple[str, Arrange, Callable[[str], tuple[str, ...]]]] = {
    "warn": (
        "warn",
        _reported,
        lambda case: ("--as", "jsmith", "warn", case, "--method", "letter"),
    ),
    "appeal record": (
        "appeal",
        _told,
        lambda case: ("--as", "lwong", "appeal", "record", case, "--grounds", "Email is hard."),
    ),
}
"""Each command whose time left out the library takes as now (``warn
--at``, ``appeal record --received``): not an argument of the command, so
the id alone repeats it."""


@pytest.mark.parametrize("name", list(LIBRARY_DEFAULTS))
def test_a_command_whose_time_the_library_defaults_is_repeated_with_its_id_alone(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """The reply is lost; the message names the id only, and the repeat
    with it a minute later writes nothing."""
    method, arrange, arguments = LIBRARY_DEFAULTS[name]
    argv = arguments(arrange(command))
    _reply_lost(monkeypatch, method)
    lost = command(*argv, "--command-id", "once")
    assert (lost.status, _recipe(lost.err)) == (5, ["--command-id", "once"])
    saved = command.record()
    command.clock.advance(minutes=1)
    again = command(*argv, *_recipe(lost.err))
    assert again.status == 0, again.err
    assert command.record() == saved


def test_a_lost_reply_to_a_purge_repeats_under_the_run_s_id(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reproduction: a purge saves each case under an id of its own making
    (the run's id and the case's), and status 5 named that id, so the
    repeat it printed was a new run that purged the case a second time. The
    recipe names the run's id, which the repeat recognises."""

    def purge(_self: Casework, *_args: Any, **_kwargs: Any) -> None:
        raise OutcomeUnknown(LOST, "C-1A2B3C4D5E", "P-RUN:C-1A2B3C4D5E")

    monkeypatch.setattr(Casework, "purge", purge)
    ran = command("--as", "lwong", "purge", "--command-id", "P-RUN")
    assert ran.status == 5
    assert _recipe(ran.err) == ["--command-id", "P-RUN"]
    error = json.loads(command("--as", "lwong", "purge", "--command-id", "P-RUN", "--json").err)
    assert error["command_id"] == "P-RUN"
