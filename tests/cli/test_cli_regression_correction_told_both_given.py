"""``correction-told`` with ``--reason`` and a letter sent (``--method`` or
``--at``) took the reason and let the rest pass unread; it is refused as
the library refuses it (status 2), naming the options, and nothing is
written (7.4)."""

from __future__ import annotations

import json

import pytest

from support.command_line import CommandLine
from support.corrections import corrected_at_the_command_line

REFUSAL = (
    "error: [7.4] --reason: is given with a letter sent (--at, --method): give one or the other"
)


@pytest.mark.parametrize(
    "letter", [("--method", "letter"), ("--at", "2026-01-30 12:00"), ("--method", "email")]
)
def test_a_reason_with_a_letter_sent_is_refused_and_nothing_is_written(
    command: CommandLine, letter: tuple[str, str]
) -> None:
    case_id = corrected_at_the_command_line(command)
    ran = command(
        "--as", "lwong", "correction-told", case_id, "--reason", "Told by telephone.", *letter
    )
    assert (ran.status, ran.err.strip()) == (2, REFUSAL)
    ran = command("--as", "lwong", "history", case_id, "--json")
    assert [event["kind"] for event in json.loads(ran.out)][-1] == "rectify"
