"""Regression: ``token list``, ``webhook list`` and ``verify --all`` name a
token or webhook whose row cannot be read, in words, after the others, and
finish (7.4, 9.1). A token created "yesterday" made the first and the last
fail with a Python error (status 1); a webhook document that was not JSON
stopped ``webhook list`` and ``verify --all`` with the decoder's error in
the message (status 4)."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from support.command_line import CommandLine

CREATED = "2026-01-05T09:30:00+00:00"
UNREADABLE = "its record cannot be read: it was changed outside the system, or damaged"


def _sql(command: CommandLine, statement: str) -> None:
    with closing(sqlite3.connect(command.folder / "contactpolicy.db")) as connection:
        connection.execute(statement)
        connection.commit()


def test_a_token_that_cannot_be_read_is_listed_as_not_valid(command: CommandLine) -> None:
    first = command("--as", "lwong", "token", "create", "--officer", "jsmith", "--json").json
    second = command("--as", "lwong", "token", "create", "--officer", "kdaly", "--json").json
    _sql(command, f"UPDATE api_tokens SET created_at = 'yesterday' WHERE id = '{first['id']}'")

    listed = command("token", "list")
    assert (listed.status, listed.err) == (0, "")
    assert listed.out == (
        f"{second['id']}  kdaly  created {CREATED} by lwong  active\n"
        f"API token {first['id']}  not valid: {UNREADABLE}; it gives no access\n"
    )
    assert command("token", "list", "--json").json[1] == {
        "record": f"API token {first['id']}",
        "problem": f"{UNREADABLE}; it gives no access",
        "valid": False,
    }
    checked = command("verify", "--all")
    assert (checked.status, checked.err) == (1, "")
    assert checked.out.splitlines()[:2] == [
        "The audit trail is NOT intact (0 cases, 0 events, 0 contact log entries, 0 seals):",
        f"  - API token {first['id']}: {UNREADABLE}; it gives no access",
    ]


def test_a_webhook_that_cannot_be_read_is_listed_and_the_others_shown(
    command: CommandLine,
) -> None:
    for name in ("crm", "other"):
        added = command(
            "--as", "lwong", "webhook", "add", "https://crm.example.gov.uk/hooks", "--id", name
        )
        assert added.status == 0, added.err
    _sql(command, "UPDATE webhooks SET document = '{' WHERE id = 'crm'")

    listed = command("--as", "lwong", "webhook", "list")
    assert (listed.status, listed.err) == (0, "")
    assert listed.out == (
        "other  https://crm.example.gov.uk/hooks  every kind\n"
        f"webhook subscription crm  not valid: {UNREADABLE}; nothing is sent to it\n"
    )
    checked = command("verify", "--all")
    assert (checked.status, checked.err) == (1, "")
    assert checked.out.splitlines()[:2] == [
        "The audit trail is NOT intact (0 cases, 0 events, 0 contact log entries, 0 seals):",
        f"  - webhook subscription crm: {UNREADABLE}; nothing is sent to it",
    ]
    assert "JSONDecodeError" not in checked.out
