"""Regression: a lost COMMIT reply on PostgreSQL plus a retry recorded the
command twice.

The connection is cut after the server committed a note and before the reply
reached the client. The client sees ``OutcomeUnknown``; repeating the command
is the only way to be sure it was saved. Without a command id the repeat is a
second command, and the case ends with the note twice; with the same command
id the repeat finds the saved command and writes nothing.
"""

from __future__ import annotations

import pytest

from contactpolicy import Casework, FrozenClock, OutcomeUnknown
from contactpolicy.stores import PostgresStore

from support.builders import CUSTOMER, MANAGER, START, incident
from support.network import commit_reply_lost


def _a_case_behind_a_flaky_network(dsn: str, flaky: str) -> tuple[Casework, str]:
    """A case reported on the server at ``dsn``, and a Casework reaching it
    through ``flaky``, a proxy that loses the reply to the first COMMIT that
    saves an event."""
    direct = PostgresStore(dsn)
    case = Casework(direct, clock=FrozenClock(START)).report(
        CUSTOMER, "council tax", [incident()], by=MANAGER
    )
    direct.close()
    return Casework(PostgresStore(flaky), clock=FrozenClock(START)), case.id


def test_a_retry_without_a_command_id_records_the_note_twice(postgres_dsn: str) -> None:
    """The hazard the command id exists for: the blind retry saves a second note."""
    with commit_reply_lost(postgres_dsn) as flaky:
        casework, case_id = _a_case_behind_a_flaky_network(postgres_dsn, flaky)
        with pytest.raises(OutcomeUnknown):
            casework.add_note(case_id, "Phoned back about the bill.", MANAGER)
        casework.add_note(case_id, "Phoned back about the bill.", MANAGER)
        notes = [note.text for note in casework.get(case_id).notes]
        assert notes == ["Phoned back about the bill.", "Phoned back about the bill."]
        casework.store.close()


def test_a_retry_with_the_same_command_id_records_the_note_once(postgres_dsn: str) -> None:
    """The documented recipe: repeat with the same command id; the saved
    command is found, the case is returned as saved, nothing is written."""
    with commit_reply_lost(postgres_dsn) as flaky:
        casework, case_id = _a_case_behind_a_flaky_network(postgres_dsn, flaky)
        with pytest.raises(OutcomeUnknown) as unknown:
            casework.add_note(case_id, "Phoned back.", MANAGER, command_id="note-7f3a")
        assert unknown.value.command_id == "note-7f3a"
        case = casework.add_note(case_id, "Phoned back.", MANAGER, command_id="note-7f3a")
        assert [note.text for note in case.notes] == ["Phoned back."]
        assert [event.kind for event in casework.history(case_id)] == ["report", "add_note"]
        assert casework.verify(case_id).ok
        casework.store.close()
