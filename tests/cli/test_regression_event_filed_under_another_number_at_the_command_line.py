"""Regression: at the command line, an event whose number column was
changed to another whole number (7.4). With the warning (event 2) filed as
event 10, ``verify CASE`` and ``verify --all`` named it event 3 filed
under another number, the incident after it as event 2 "recording itself
as event 3", and the warning as dated before the incident, as if its time
had been changed, and ``history`` listed events 1, 3, 2. Now both name the
warning once, as event 2 filed as event 10 (status 1), ``show`` says the
trail is not intact with that one problem (status 1), and ``history``
refuses as damage (status 4), as for an event that cannot be read."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from support.command_line import CommandLine

READ = ("--as", "lwong")
"""The records officer reads the file."""

UNKEYED = (
    "Unkeyed: not every record is signed with the audit key, so someone with write access to "
    "the database could have rewritten it consistently (see seals, 7.4)."
)


def _filed_as_ten(command: CommandLine, case_id: str) -> None:
    """The warning (event 2) filed as event 10."""
    with closing(sqlite3.connect(command.folder / "contactpolicy.db")) as connection:
        connection.execute("UPDATE events SET seq = 10 WHERE case_id = ? AND seq = 2", (case_id,))
        connection.commit()


def test_verify_names_the_event_once_and_history_refuses(command: CommandLine) -> None:
    case_id = command.warned()
    _filed_as_ten(command, case_id)
    problem = (
        f"  - case {case_id}, event 2 (warn) at position 2: is filed as event 10: its filed "
        "position was changed outside the system"
    )
    ran = command(*READ, "verify", case_id)
    assert (ran.status, ran.out.splitlines(), ran.err) == (
        1,
        [f"Case {case_id}: the audit trail is NOT intact:", problem, UNKEYED],
        "",
    )
    every = command(*READ, "verify", "--all")
    assert (every.status, every.out.splitlines()[1:], every.err) == (1, [problem, UNKEYED], "")
    shown = command(*READ, "show", case_id)
    assert (shown.status, shown.err) == (1, "")
    assert shown.out.splitlines()[0] == (
        f"The audit trail of case {case_id} is not intact: 'contactpolicy verify {case_id}' "
        "names 1 problem; what follows is as stored (7.4)."
    )
    listed = command(*READ, "history", case_id)
    assert (listed.status, listed.out) == (4, "")
    assert listed.err == (
        f"not done: case {case_id!r}: event 2 of its history is filed as event 10: it was "
        "changed outside the system, or damaged; verify the audit trail to see all that was "
        "found; trying again will fail the same way: ask an operator to look\n"
    )
