"""Regression: ``history`` and ``show`` of a case whose audit trail is not
intact say so first, in words, and end with status 1, as ``verify`` does
(7.4). An event's officer changed in the database, an event deleted, or all
of a case's events deleted, were shown as genuine with status 0; only
``verify`` said otherwise. A case whose own record was deleted while its
history remains was called unknown ("no case with id ...; 'contactpolicy
list' shows the cases", status 2): it is now damage, status 4, saying its
history remains. A case deleted whole is still not known (status 2): no
row says it was there, and ``verify --all`` shows the positions its events
held as deleted."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest

from support.command_line import CommandLine


def _sql(command: CommandLine, statement: str, *values: object) -> None:
    with closing(sqlite3.connect(command.folder / "contactpolicy.db")) as connection:
        connection.execute(statement, values)
        connection.commit()


def _actor_changed(command: CommandLine, case_id: str) -> None:
    """The warning (event 2) said to be by apatel rather than jsmith."""
    with closing(sqlite3.connect(command.folder / "contactpolicy.db")) as connection:
        ((text,),) = connection.execute(
            "SELECT document FROM events WHERE case_id = ? AND seq = 2", (case_id,)
        ).fetchall()
        document = json.loads(text)
        document["actor"] = "apatel"
        connection.execute(
            "UPDATE events SET document = ? WHERE case_id = ? AND seq = 2",
            (json.dumps(document, sort_keys=True, separators=(",", ":")), case_id),
        )
        connection.commit()


READ = ("--as", "lwong")
"""The records officer reads the file."""

NOT_INTACT = (
    "The audit trail of case {case} is not intact: 'contactpolicy verify {case}' names "
    "{problems}; what follows is as stored (7.4)."
)


@pytest.mark.parametrize(
    ("tamper", "problems"),
    [
        (_actor_changed, "2 problems"),
        (
            lambda command, case_id: _sql(
                command, "DELETE FROM events WHERE case_id = ? AND seq = 2", case_id
            ),
            "3 problems",
        ),
        (
            lambda command, case_id: _sql(command, "DELETE FROM events WHERE case_id = ?", case_id),
            "1 problem",
        ),
    ],
    ids=["actor changed", "event deleted", "every event deleted"],
)
def test_history_and_show_of_a_trail_not_intact_say_so_first(
    command: CommandLine, tamper: object, problems: str
) -> None:
    case_id = command.warned()
    assert command(*READ, "history", case_id).status == 0
    tamper(command, case_id)  # type: ignore[operator]
    first = NOT_INTACT.format(case=case_id, problems=problems)
    for argv in (("history", case_id), ("show", case_id)):
        ran = command(*READ, *argv)
        assert (ran.status, ran.err) == (1, "")
        assert ran.out.splitlines()[0] == first
    listed = command(*READ, "history", case_id, "--json")
    assert listed.status == 1
    assert json.loads(listed.err) == {"status": 1, "error": "not_intact", "message": first}
    assert isinstance(listed.json, list)


def test_an_intact_history_has_no_such_line(command: CommandLine) -> None:
    case_id = command.warned()
    ran = command(*READ, "history", case_id)
    assert (ran.status, ran.err) == (0, "")
    assert ran.out.splitlines()[0].startswith(f"History of case {case_id} (7.4)")


def test_a_case_whose_own_record_was_deleted_is_damage_not_unknown(command: CommandLine) -> None:
    case_id = command.warned()
    _sql(command, "DELETE FROM cases WHERE id = ?", case_id)
    for argv in (("history", case_id), ("show", case_id)):
        ran = command(*READ, *argv)
        assert (ran.status, ran.out) == (4, "")
        assert ran.err == (
            f"not done: case {case_id!r}: the case's own record is missing while its history "
            "remains: it was deleted outside the system; verify the audit trail to see all that "
            "was found; trying again will fail the same way: ask an operator to look\n"
        )


def test_a_case_deleted_whole_is_not_known(command: CommandLine) -> None:
    case_id = command.warned()
    _sql(command, "DELETE FROM events WHERE case_id = ?", case_id)
    _sql(command, "DELETE FROM cases WHERE id = ?", case_id)
    ran = command(*READ, "show", case_id)
    assert (ran.status, ran.err) == (
        2,
        f"error: no case with id {case_id!r}; 'contactpolicy list' shows the cases\n",
    )
