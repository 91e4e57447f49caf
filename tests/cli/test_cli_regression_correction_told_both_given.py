"""``correction-told`` with ``--reason`` and a letter sent (``--method`` or
``--at``) took the reason and let the rest pass unread; it is refused as
the library refuses it (status 2), naming the options, and nothing is
written (7.4)."""

from __future__ import annotations

import json

import pytest

from support.command_line import CommandLine

REFUSAL = (
    "error: [7.4] --reason: is given with a letter sent (--at, --method): give one or the other"
)


def _corrected(command: CommandLine) -> str:
    case_id = command.told()
    ran = command(
        "--as",
        "lwong",
        "rectify",
        case_id,
        "--field",
        "incident.2.description",
        "--value",
        "Called 3 times after the warning.",
        "--reason",
        "Miscounted: the call log shows 3 calls.",
    )
    assert ran.status == 0, ran.err
    return case_id


@pytest.mark.parametrize(
    "letter", [("--method", "letter"), ("--at", "2026-01-30 12:00"), ("--method", "email")]
)
def test_a_reason_with_a_letter_sent_is_refused_and_nothing_is_written(
    command: CommandLine, letter: tuple[str, str]
) -> None:
    case_id = _corrected(command)
    ran = command(
        "--as", "lwong", "correction-told", case_id, "--reason", "Told by telephone.", *letter
    )
    assert (ran.status, ran.err.strip()) == (2, REFUSAL)
    ran = command("--as", "lwong", "history", case_id, "--json")
    assert [event["kind"] for event in json.loads(ran.out)][-1] == "rectify"
