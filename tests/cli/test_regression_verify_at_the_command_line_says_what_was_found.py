"""Regression: ``contactpolicy verify --all`` on a keyed database edited
with plain SQL says what was found in the records officer's words, and a
keyed store whose only change is a deletion is not called unkeyed (7.4).

The records officer was told "Unkeyed" of a keyed store whose only change
was one case's events deleted, which sent them to the key instead of the
deletion, and was told of columns by their names. Now the deletion is
named, the store stays keyed, and ``--json`` keeps the column's name in
each problem's ``detail``.
"""

from __future__ import annotations

import sqlite3

import pytest

from support.command_line import CommandLine

HEX_KEY = "00112233445566778899aabbccddeeff" * 2
KEYED = "Every record was checked with the audit key given."


def test_a_case_with_every_event_deleted_is_a_deletion_and_the_store_stays_keyed(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every event of the only case deleted after a seal: the case, the
    positions and the seal are named, and the last line says every record
    there is was checked with the key."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", HEX_KEY)
    case_id = command.designated()
    (command.folder / "seal.json").write_text(command("seal").out, encoding="utf-8")
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        database.execute("DELETE FROM events WHERE case_id = ?", (case_id,))
    ran = command("verify", "--all", "--seal", "seal.json")
    assert (ran.status, ran.out) == (
        1,
        "The audit trail is NOT intact (1 case, 0 events, 0 contact log entries, 1 seal):\n"
        f"  - case {case_id}: its history was deleted: the case has no events left\n"
        "  - the history of all cases at position 1: the 4 events recorded at positions 1 to 4 "
        "were deleted\n"
        "  - the seal of 2026-01-30T11:00:00+00:00 at position 4: seals position 4, beyond the "
        "last event (0): sealed events were deleted\n"
        f"{KEYED}\n",
    )


def test_an_edited_column_is_in_words_with_its_name_in_the_json_detail(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The date managers have not been informed since, cleared: the line
    says it in words; ``--json`` gives the column's name in ``detail``."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", HEX_KEY)
    case_id = command.designated()
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        database.execute("UPDATE cases SET uninformed_since = NULL")
    ran = command("verify", "--all")
    assert (ran.status, ran.out) == (
        1,
        "The audit trail is NOT intact (1 case, 4 events, 0 contact log entries, 0 seals):\n"
        f"  - case {case_id}: what it is listed and searched under was changed: the date "
        "managers have not been informed since listed for it no longer matches the case\n"
        f"{KEYED}\n",
    )
    assert command("verify", "--all", "--json").json["problems"] == [
        {
            "where": f"case {case_id}",
            "position": None,
            "what": "what it is listed and searched under was changed: the date managers have "
            "not been informed since listed for it no longer matches the case",
            "detail": "columns differ from the document: uninformed_since",
        }
    ]
