"""Regression: at the command line, a command on a case one of whose
events had its number column changed to another whole number (7.4). With
the warning (event 2) filed as event 23, ``note`` was refused (status 4)
with "event 3 of case '…' does not continue the history at 4", which did
not say the record was changed outside the system; with the incident after
it (event 3, the last) filed as event 23 the note was written. Now both
are refused as ``history`` is, in its words (status 4), and nothing is
written."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from support.command_line import CommandLine


@pytest.mark.parametrize("number", [2, 3], ids=["the warning", "the last event"])
def test_a_command_says_what_history_says(command: CommandLine, number: int) -> None:
    case_id = command.warned()
    database = command.folder / "contactpolicy.db"
    with closing(sqlite3.connect(database)) as connection:
        connection.execute(
            "UPDATE events SET seq = 23 WHERE case_id = ? AND seq = ?", (case_id, number)
        )
        connection.commit()
    refused = (
        f"not done: case {case_id!r}: event {number} of its history is filed as event 23: it "
        "was changed outside the system, or damaged; verify the audit trail to see all that "
        "was found; trying again will fail the same way: ask an operator to look\n"
    )
    noted = command("--as", "lwong", "note", case_id, "Called again.")
    listed = command("--as", "lwong", "history", case_id)
    assert (noted.status, noted.out, noted.err) == (4, "", refused)
    assert (listed.status, listed.out, listed.err) == (4, "", refused)
    with closing(sqlite3.connect(database)) as connection:
        stored = connection.execute("SELECT count(*) FROM events WHERE case_id = ?", (case_id,))
        assert stored.fetchall() == [(3,)]
