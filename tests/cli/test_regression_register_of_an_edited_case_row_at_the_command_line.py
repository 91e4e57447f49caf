"""Regression: ``register`` listed a case whose row was edited in the
database as the row said (its state set to ``closed``, column and
document: the open designation listed as closed), and wrote it to a file
alike (7.4). It is now refused as damage with status 4, naming the case
and what differs, never the customer's name; no file is written and no
reading is logged."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from support.command_line import CommandLine

DAMAGED = (
    "not done: case {case!r}: its stored record disagrees with the last event of its history "
    "(event {seq}, record_communicated): the record's state is closed, the event records "
    "designated: it was changed outside the system, or damaged, and nothing was written; "
    "verify the audit trail to see all that was found (7.4); trying again will fail the "
    "same way: ask an operator to look\n"
)


@pytest.mark.parametrize(
    "arguments",
    [(), ("--state", "closed"), ("--csv", "register.csv")],
    ids=["every case", "closed cases", "to a file"],
)
def test_the_register_of_an_edited_row_is_refused(
    command: CommandLine, arguments: tuple[str, ...]
) -> None:
    """On the screen, by the state the row was edited to, or to a file:
    status 4, the case and what differs named, nothing written."""
    case_id = command.told()
    with closing(sqlite3.connect(command.folder / "contactpolicy.db")) as db:
        db.execute(
            "UPDATE cases SET state = 'closed', document = json_set(document, '$.state', "
            "'closed') WHERE id = ?",
            (case_id,),
        )
        db.commit()
        (seq,) = db.execute("SELECT max(seq) FROM events WHERE case_id = ?", (case_id,)).fetchone()
        (logged,) = db.execute("SELECT count(*) FROM read_log").fetchone()
    before = command.record()
    ran = command("--as", "lwong", "register", *arguments)
    assert (ran.status, ran.out, ran.err) == (4, "", DAMAGED.format(case=case_id, seq=seq))
    assert "Sam Taylor" not in ran.err
    assert command.record() == before
    assert not (command.folder / "register.csv").exists()
    with closing(sqlite3.connect(command.folder / "contactpolicy.db")) as db:
        assert db.execute("SELECT count(*) FROM read_log").fetchone() == (logged,)


def test_the_register_of_unedited_rows_lists_the_case(command: CommandLine) -> None:
    """Without the edit, the designated case is in the register."""
    command.told()
    ran = command("--as", "lwong", "register")
    assert (ran.status, ran.out.splitlines()[0]) == (0, "The register (7.4): 1 case")
