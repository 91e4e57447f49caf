"""``check --at`` later than now was refused as ``--at: is later than now:
a contact not yet made``, naming neither time; it now names both, written
as the record states times, as the lifecycle's refusals do (7.4)."""

from __future__ import annotations

import json

import pytest

from contactpolicy.stores import SQLiteStore

from support.command_line import CUSTOMER, CommandLine


@pytest.mark.parametrize(
    ("at", "said"),
    [
        (
            "2026-01-30 11:00:30",
            "(30 January 2026 11:00) is later than now (30 January 2026 11:00) by 30 seconds",
        ),
        ("2026-01-31 09:00", "(31 January 2026 09:00) is later than now (30 January 2026 11:00)"),
    ],
)
@pytest.mark.parametrize("preview", [(), ("--preview",)])
def test_check_later_than_now_names_now(
    command: CommandLine, at: str, said: str, preview: tuple[str, ...]
) -> None:
    """Status 2, the contact's time and now named, nothing logged."""
    command.designated()
    ran = command("--as", "lwong", "check", CUSTOMER, "--channel", "email", "--at", at, *preview)
    assert ran.status == 2
    assert ran.err == f"error: [7.4] --at: the contact {said}; records must be accurate\n"
    assert SQLiteStore(command.folder / "contactpolicy.db").contacts(CUSTOMER) == []


def test_check_later_than_now_as_json_names_now(command: CommandLine) -> None:
    """``--json`` gives the same words."""
    command.designated()
    ran = command(
        "--as",
        "lwong",
        "check",
        CUSTOMER,
        "--channel",
        "email",
        "--at",
        "2026-01-30 12:00",
        "--json",
    )
    assert ran.status == 2
    found = json.loads(ran.out or ran.err)
    assert found["message"] == (
        "[7.4] --at: the contact (30 January 2026 12:00) is later than now "
        "(30 January 2026 11:00); records must be accurate"
    )
