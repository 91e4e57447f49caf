"""Regression: ``token revoke`` takes out of use a token whose row cannot be
read, and ``webhook remove`` a subscription whose row cannot be read, by
their ids (7.4, 9.1).

``token revoke`` said "TOKEN_ID: names no token" (status 2) for a token
``token list`` and ``verify --all`` named as unreadable, so only editing
the database ended it. Now the Policy and Information team revokes it,
recorded with who and when; ``token list`` and ``verify --all`` still name
the damage, with the revocation. ``webhook remove`` says when the
subscription it removed could not be read."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from support.command_line import UNKEYED, CommandLine

CREATED = "2026-01-05T09:30:00+00:00"
DAMAGED = "its record cannot be read: it was changed outside the system, or damaged"
NOT_INTACT = "The audit trail is NOT intact (0 cases, 0 events, 0 contact log entries, 0 seals):"


def _sql(command: CommandLine, statement: str) -> None:
    with closing(sqlite3.connect(command.folder / "contactpolicy.db")) as connection:
        connection.execute(statement)
        connection.commit()


def test_a_token_that_cannot_be_read_is_revoked_by_the_records_team(
    command: CommandLine,
) -> None:
    first = command("--as", "lwong", "token", "create", "--officer", "jsmith", "--json").json
    second = command("--as", "lwong", "token", "create", "--officer", "kdaly", "--json").json
    damaged = first["id"]
    _sql(command, f"UPDATE api_tokens SET created_at = 'yesterday' WHERE id = '{damaged}'")
    active = f"{second['id']}  kdaly  created {CREATED} by lwong  active\n"
    before = f"API token {damaged}  not valid: {DAMAGED}; it gives no access\n"
    assert command("token", "list").out == active + before

    refused = command("--as", "jsmith", "token", "revoke", damaged)
    assert (refused.status, refused.out) == (1, "")
    assert refused.err == (
        "refused: [7.4] officer 'jsmith' may not revoke a token whose record cannot be read: "
        "whom the token acts for cannot be read from its record; only the Policy and "
        "Information team may, who maintain the record of who may act\n"
    )
    assert command("token", "list").out == active + before

    revoked = command("--as", "lwong", "token", "revoke", damaged)
    assert (revoked.status, revoked.err) == (0, "")
    assert revoked.out == (
        f"Revoked {damaged}. Its record cannot be read: it gives no access, and\n"
        "'contactpolicy verify --all' names it, revoked, until its row is mended.\n"
    )
    after = f"{DAMAGED}; it gives no access; revoked {CREATED} by lwong"
    assert command("token", "list").out == active + f"API token {damaged}  not valid: {after}\n"
    assert command("token", "list", "--json").json[1] == {
        "record": f"API token {damaged}",
        "problem": after,
        "valid": False,
    }
    checked = command("verify", "--all")
    assert (checked.status, checked.err) == (1, "")
    assert checked.out.splitlines() == [NOT_INTACT, f"  - API token {damaged}: {after}", UNKEYED]

    again = command("--as", "lwong", "token", "revoke", damaged)
    assert (again.status, again.err) == (0, "")
    assert again.out == (
        f"{damaged} was already revoked on 5 January 2026 by lwong; nothing \n"
        "changed. Its record cannot be read: it gives no access, and 'contactpolicy \n"
        "verify --all' names it, revoked, until its row is mended.\n"
    )


def test_a_webhook_that_cannot_be_read_is_removed_and_said_to_be(command: CommandLine) -> None:
    for name in ("crm", "other"):
        added = command(
            "--as", "lwong", "webhook", "add", "https://crm.example.gov.uk/hooks", "--id", name
        )
        assert added.status == 0, added.err
    _sql(command, "UPDATE webhooks SET document = '{' WHERE id = 'crm'")

    removed = command("--as", "lwong", "webhook", "remove", "crm")
    assert (removed.status, removed.err) == (0, "")
    assert (
        removed.out
        == "Removed webhook crm. Its record could not be read: nothing was sent to it.\n"
    )
    listed = command("--as", "lwong", "webhook", "list")
    assert listed.out == "other  https://crm.example.gov.uk/hooks  every kind\n"
    checked = command("verify", "--all")
    assert (checked.status, checked.err) == (0, "")
    assert "webhook subscription crm" not in checked.out
    assert command("--as", "lwong", "webhook", "remove", "other").out == "Removed webhook other.\n"
