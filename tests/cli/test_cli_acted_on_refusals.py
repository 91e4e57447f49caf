"""``acted-on`` refuses in the command line's words: a contact id with
nothing waiting on no case names ``CONTACT_ID`` and points at ``todo`` and
``read --reason``, not at the library's ``work_queue()`` and
``record_read``; a reason typed empty is wrong input, status 2, naming
``--reason`` and 5.1, before anything is read or written, as every text
that must hold something is (5.1, 7.4)."""

from __future__ import annotations

import pytest

from support.command_line import CommandLine

DONE = "Passed to the adult safeguarding team the same day."


def test_a_contact_not_waiting_names_todo_and_read(command: CommandLine) -> None:
    contact_id = command.checked("telephone", "enquiry")
    before = command.record()
    ran = command("--as", "lwong", "acted-on", str(contact_id), "--reason", DONE)
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: [5.1] CONTACT_ID: names no escalated contact waiting to be acted on with no "
        "case to hold it (see 'contactpolicy todo'; one waiting on a case is recorded with "
        "'contactpolicy read --reason')\n"
    )
    assert command.record() == before


@pytest.mark.parametrize("typed", ["", "   "])
def test_a_reason_typed_empty_is_wrong_input(command: CommandLine, typed: str) -> None:
    contact_id = command.checked("telephone", "safeguarding")
    before = command.record()
    ran = command("--as", "lwong", "acted-on", str(contact_id), "--reason", typed)
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == "error: [5.1] --reason: is empty or only white space; give the text\n"
    assert command.record() == before
