"""A ``--command-id`` is one command's in the whole database, whatever the
kind (7.4): ``check`` under a note's id, a note under a ``check``'s, and
``purge`` under either are status 2 with the one refusal, which cites 7.4
and does not repeat the id, and nothing is written."""

from __future__ import annotations

from support.command_line import CUSTOMER, CommandLine

USED = (
    "error: [7.4] --command-id: was already used for a different command; give each new "
    "command its own id and repeat one only with the same arguments\n"
)
CHECK = ("--as", "jsmith", "check", CUSTOMER, "--channel", "email", "--at", "2026-01-05 09:00")


def test_check_under_a_note_s_id_is_refused_and_logs_nothing(command: CommandLine) -> None:
    """A note added under ns-cli-1, then a contact checked under ns-cli-1:
    status 2, the refusal, nothing logged."""
    case_id = command.report()
    noted = command("--as", "jsmith", "note", case_id, "Called.", "--command-id", "ns-cli-1")
    assert noted.status == 0, noted.err
    before = command.record()
    ran = command(*CHECK, "--command-id", "ns-cli-1")
    assert (ran.status, ran.out, ran.err) == (2, "", USED)
    assert command.record() == before


def test_a_note_or_a_purge_under_a_check_s_id_is_refused_and_writes_nothing(
    command: CommandLine,
) -> None:
    """A contact checked under call-1, then a note and a purge run under
    call-1: each status 2, the refusal, nothing written."""
    case_id = command.report()
    checked = command(*CHECK, "--command-id", "call-1")
    assert checked.status == 0, checked.err
    before = command.record()
    note = command("--as", "jsmith", "note", case_id, "Called.", "--command-id", "call-1")
    purge = command("--as", "lwong", "purge", "--command-id", "call-1")
    assert [(ran.status, ran.out, ran.err) for ran in (note, purge)] == [(2, "", USED)] * 2
    assert command.record() == before
