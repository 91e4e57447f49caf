"""What the command says and returns when the store fails, and how it names
each command so that a repeat after a lost reply is saved at most once."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from contactpolicy.casework import Casework
from contactpolicy.errors import OutcomeUnknown, StoreDamaged, StoreError, StoreUnavailable

from support.command_line import CommandLine

NOTE = ("--db", "memory://", "--as", "jsmith", "note", "C-1A2B3C4D5E", "Called again.")
"""A note on a case, in a store that holds nothing: the tests replace ``add_note``."""


def _failing(monkeypatch: pytest.MonkeyPatch, error: StoreError) -> list[dict[str, Any]]:
    """Make ``Casework.add_note`` raise ``error``; the keyword arguments of
    each call are appended to the list returned."""
    calls: list[dict[str, Any]] = []

    def add_note(_self: Casework, _case_id: str, _text: str, **given: Any) -> None:
        calls.append(given)
        raise error

    monkeypatch.setattr(Casework, "add_note", add_note)
    return calls


def test_an_unavailable_store_is_status_3_and_says_to_try_again(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A busy or unreachable store wrote nothing: status 3, run it again."""
    _failing(monkeypatch, StoreUnavailable("the database is locked", "C-1A2B3C4D5E"))
    ran = command(*NOTE)
    assert (ran.status, ran.out) == (3, "")
    assert ran.err == (
        "not done: case 'C-1A2B3C4D5E': the database is locked; nothing was written, so run "
        "the command again\n"
    )


def test_a_damaged_store_is_status_4_and_says_an_operator_must_look(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store that cannot be read or trusted is status 4: trying again would
    fail the same way."""
    _failing(monkeypatch, StoreDamaged("the row of event 3 cannot be read", "C-1A2B3C4D5E"))
    ran = command(*NOTE)
    assert (ran.status, ran.out) == (4, "")
    assert ran.err == (
        "not done: case 'C-1A2B3C4D5E': the row of event 3 cannot be read; trying again will "
        "fail the same way: ask an operator to look\n"
    )


def test_a_lost_commit_is_status_5_with_the_generated_command_id_to_repeat(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the outcome is unknown the command prints the id it generated and
    passed to ``Casework``, and how to repeat the command with it."""
    calls = _failing(
        monkeypatch, OutcomeUnknown("the connection was lost during COMMIT", "C-1A2B3C4D5E")
    )
    ran = command(*NOTE)
    [call] = calls
    assert re.fullmatch(r"[0-9a-f]{32}", call["command_id"])
    assert (ran.status, ran.out) == (5, "")
    assert ran.err == (
        "not known: case 'C-1A2B3C4D5E': the connection was lost during COMMIT; it is saved "
        "at most once if you run the same command again with --command-id "
        f"{call['command_id']}\n"
    )


def test_a_repeat_passes_the_command_id_it_is_given(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--command-id`` is passed to ``Casework`` as it is, and named again if
    the repeat's outcome is unknown too."""
    calls = _failing(monkeypatch, OutcomeUnknown("no reply to COMMIT"))
    ran = command(*NOTE, "--command-id", "note-2026-01-05-1")
    assert calls == [{"by": calls[0]["by"], "command_id": "note-2026-01-05-1"}]
    assert ran.status == 5
    assert ran.err.endswith(
        "it is saved at most once if you run the same command again with "
        "--command-id note-2026-01-05-1\n"
    )


def test_the_run_s_command_id_wins_over_one_the_store_names(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store may name an id the library made for a part of the command
    (a purge's id for one case, ``ID:informed`` for telling the managers);
    the command is repeated under the id it was run with, so that is the
    one printed."""
    _failing(monkeypatch, OutcomeUnknown("no reply to COMMIT", command_id="run-1:informed"))
    ran = command(*NOTE, "--command-id", "run-1")
    assert ran.err.endswith(
        "it is saved at most once if you run the same command again with --command-id run-1\n"
    )


def test_each_run_generates_a_new_command_id(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs of the same command line are two commands: two different ids."""
    calls = _failing(monkeypatch, StoreUnavailable("busy"))
    command(*NOTE)
    command(*NOTE)
    assert len({call["command_id"] for call in calls}) == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "CRM-1"],
        ["incident", "C-1"],
        ["note", "C-1", "text"],
        ["warn", "C-1"],
        ["close", "C-1"],
        ["designate", "C-1"],
        ["communicated", "C-1"],
        ["review", "start", "C-1"],
        ["review", "complete", "C-1"],
        ["appeal", "record", "C-1"],
        ["appeal", "decide", "C-1"],
        ["lift", "C-1"],
        ["informed", "C-1"],
    ],
)
def test_every_command_that_changes_a_case_takes_a_command_id(
    command: CommandLine, argv: list[str]
) -> None:
    """Each command that writes to a case lists ``--command-id`` in its help."""
    ran = command(*argv, "--help")
    assert ran.status == 0
    assert "--command-id" in ran.out


def test_a_command_repeated_with_its_id_is_saved_once(command: CommandLine) -> None:
    """The same note run twice with one ``--command-id`` is one note: the
    repeat prints the case as the first run saved it."""
    case_id = command.report()
    note = ("--as", "jsmith", "note", case_id, "Called again.", "--command-id", "note-1")
    first, again = command(*note, "--json"), command(*note, "--json")
    assert (first.status, again.status) == (0, 0)
    assert again.json == first.json
    assert [saved["text"] for saved in again.json["notes"]] == ["Called again."]
    assert len(command("--as", "lwong", "history", case_id, "--json").json) == 2


def test_an_id_used_for_another_command_is_refused(command: CommandLine) -> None:
    """A command id already used for a different note is status 2 and writes nothing."""
    case_id = command.report()
    command("--as", "jsmith", "note", case_id, "Called again.", "--command-id", "note-1")
    ran = command("--as", "jsmith", "note", case_id, "Wrote again.", "--command-id", "note-1")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        f"error: [7.4] --command-id: was already used for a different command on case {case_id}; "
        "give each new command its own id and repeat one only with the same arguments\n"
    )
    assert len(command("--as", "lwong", "history", case_id, "--json").json) == 2


def test_with_json_an_error_is_one_json_object_on_standard_error(command: CommandLine) -> None:
    """An unknown case with ``--json`` is status 2, nothing on standard
    output, and one JSON line on standard error naming the status."""
    command.report()
    ran = command("--as", "lwong", "show", "C-NOPE", "--json")
    assert (ran.status, ran.out, ran.err.count("\n")) == (2, "", 1)
    error = json.loads(ran.err)
    assert (error["status"], error["error"]) == (2, "wrong_input")
    assert error["message"].endswith("; 'contactpolicy list' shows the cases")


def test_with_json_a_refusal_lists_the_codes_of_the_unmet_conditions(
    command: CommandLine,
) -> None:
    """A designation with no check made, with ``--json``, is status 1 and a
    JSON object whose ``unmet`` lists each condition's code."""
    case_id = command.warned()
    ran = command("--as", "apatel", "designate", case_id, "--json")
    assert (ran.status, ran.out) == (1, "")
    error = json.loads(ran.err)
    assert (error["status"], error["error"]) == (1, "refused")
    assert error["unmet"] == [
        "issue_not_investigated",
        "communications_inadequate",
        "significant_new_information",
        "adjustments_not_considered",
        "restrictions_missing",
        "reasons_missing",
        "scope_missing",
    ]


def test_with_json_a_lost_commit_names_the_command_id(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Status 5 with ``--json`` carries the id to repeat the command with."""
    _failing(monkeypatch, OutcomeUnknown("no reply to COMMIT", command_id="note-7"))
    ran = command(*NOTE, "--command-id", "note-7", "--json")
    assert ran.status == 5
    assert json.loads(ran.err) == {
        "status": 5,
        "error": "outcome_unknown",
        "message": "no reply to COMMIT; it is saved at most once if you run the same "
        "command again with --command-id note-7",
        "command_id": "note-7",
    }


def test_with_json_a_usage_error_is_json_too(command: CommandLine) -> None:
    """A required option left out, with ``--json``, is a JSON error, status 2."""
    ran = command("--as", "jsmith", "warn", "C-1", "--json")
    assert json.loads(ran.err) == {
        "status": 2,
        "error": "wrong_input",
        "message": "Missing option '--method'. (see 'contactpolicy warn --help')",
    }
