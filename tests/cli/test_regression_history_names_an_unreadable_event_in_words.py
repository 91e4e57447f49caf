"""Regression: ``contactpolicy history`` of a case one of whose event rows
cannot be read printed the decoder's own error (``stored AuditEvent cannot
be read: JSONDecodeError('Expecting value…')``). It now says, in words,
which event of the case's history cannot be read and to verify the audit
trail; ``verify`` names that event once and the events after it by their
own numbers (7.4)."""

from __future__ import annotations

import sqlite3

from support.command_line import UNKEYED, CommandLine


def test_history_and_verify_name_the_unreadable_event_in_words(command: CommandLine) -> None:
    """Event 2 of a designated case damaged: ``history`` refuses in words,
    without the decoder's error; ``verify`` names event 2 as unreadable and
    event 3 as unchecked after it, nothing as deleted or moved."""
    case_id = command.designated()
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        database.execute("UPDATE events SET document = 'garbage' WHERE position = 2")
    history = command("--as", "lwong", "history", case_id)
    assert (history.status, history.out) == (4, "")
    assert history.err == (
        f"not done: case {case_id!r}: event 2 of its history cannot be read: it was changed "
        "outside the system, or damaged; verify the audit trail to see all that was found; "
        "trying again will fail the same way: ask an operator to look\n"
    )
    checked = command("--as", "lwong", "verify", case_id)
    assert checked.status == 1
    assert checked.out.splitlines()[1:3] == [
        f"  - case {case_id}, event 2 at position 2: cannot be read: it was changed outside "
        "the system, or damaged",
        f"  - case {case_id}, event 3 (add_incident) at position 3: follows event 2, which "
        "cannot be read, so its link could not be checked",
    ]
    assert checked.out.splitlines()[-1] == UNKEYED
