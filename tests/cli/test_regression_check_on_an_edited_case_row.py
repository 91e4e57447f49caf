"""Regression: ``check`` decided a contact on a case whose row was edited
in the database (its state set to ``lifted``, column and document) and
logged it, with nothing to show the case disagreed with its history (5.1,
7.4). It is now refused as damage with status 4, naming the case and what
differs, and nothing is logged."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from support.command_line import CUSTOMER, CommandLine

DAMAGED = (
    "not done: case {case!r}: its stored record disagrees with the last event of its history "
    "(event {seq}, record_communicated): the record's state is lifted, the event records "
    "designated: it was changed outside the system, or damaged, and nothing was written; "
    "verify the audit trail to see all that was found (7.4); trying again will fail the "
    "same way: ask an operator to look\n"
)


def test_check_on_an_edited_row_is_refused(command: CommandLine) -> None:
    case_id = command.told()
    with closing(sqlite3.connect(command.folder / "contactpolicy.db")) as db:
        db.execute(
            "UPDATE cases SET state = 'lifted', document = json_set(document, '$.state', "
            "'lifted') WHERE id = ?",
            (case_id,),
        )
        db.commit()
        (seq,) = db.execute("SELECT max(seq) FROM events WHERE case_id = ?", (case_id,)).fetchone()
    before = command.record()
    ran = command("--as", "lwong", "check", CUSTOMER, "--channel", "telephone")
    assert (ran.status, ran.out, ran.err) == (4, "", DAMAGED.format(case=case_id, seq=seq))
    assert command.record() == before
