"""With an audit key, ``token create`` and ``token revoke`` seal the token;
``token list`` shows a token whose record does not verify as not valid
instead of believing its issuer, and ``verify --all`` names it (7.4).
Before, a row inserted into ``api_tokens`` by someone without the key was
listed as issued by whoever it named, and the store verified."""

from __future__ import annotations

import sqlite3

import pytest

from contactpolicy.stores.tokens import new_secret

from support.command_line import CommandLine

HEX_KEY = "ab" * 32
FORGED = "tok_0000000000000001"


@pytest.fixture
def keyed(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> CommandLine:
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", HEX_KEY)
    return command


def _sql(command: CommandLine, statement: str, *values: object) -> None:
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        database.execute(statement, values)


def test_a_token_issued_and_revoked_with_the_key_is_listed_valid(keyed: CommandLine) -> None:
    issued = keyed("--as", "lwong", "token", "create", "--officer", "jsmith", "--json").json
    assert keyed("--as", "jsmith", "token", "revoke", issued["id"]).status == 0
    [listed] = keyed("token", "list", "--json").json
    assert (listed["valid"], listed["issued_by"], listed["revoked_by"]) == (
        True,
        "lwong",
        "jsmith",
    )
    assert keyed("verify", "--all", "--json").json["problems"] == []


def test_a_token_inserted_in_the_database_is_listed_not_valid_and_reported(
    keyed: CommandLine,
) -> None:
    _, digest = new_secret()
    _sql(
        keyed,
        "INSERT INTO api_tokens (id, digest, officer_id, label, created_at, revoked_at, "
        "issued_by) VALUES (?, ?, 'apatel', 'CRM', '2026-01-05T09:00:00+00:00', NULL, 'lwong')",
        FORGED,
        digest,
    )
    listed = keyed("token", "list")
    assert (listed.status, " ".join(listed.out.split())) == (
        0,
        f"{FORGED} apatel (CRM) not valid: its record is not sealed with the audit key",
    )
    [row] = keyed("token", "list", "--json").json
    assert (row["valid"], row["issued_by"]) == (False, "lwong")
    checked = keyed("verify", "--all", "--json")
    assert (checked.status, checked.json["ok"], checked.json["problems"]) == (
        1,
        False,
        [
            {
                "where": f"API token {FORGED}",
                "position": None,
                "what": "its record is not sealed with the audit key",
                "detail": None,
            }
        ],
    )


def test_a_token_whose_officer_is_changed_is_listed_not_valid(keyed: CommandLine) -> None:
    """Beside a token kept as issued, which the key verifies (a lone sealed
    record changed cannot be told from a wrong key: docs/development.md,
    Known gaps)."""
    kept = keyed("--as", "lwong", "token", "create", "--officer", "kdaly", "--json").json
    issued = keyed("--as", "lwong", "token", "create", "--officer", "jsmith", "--json").json
    _sql(keyed, "UPDATE api_tokens SET officer_id = 'apatel' WHERE id = ?", issued["id"])
    listed = keyed("token", "list", "--json").json
    assert [(row["id"], row["valid"]) for row in listed] == sorted(
        [(kept["id"], True), (issued["id"], False)]
    )
    listed = keyed("token", "list")
    rows = {
        issued["id"]: "apatel not valid: its record was changed after it was issued",
        kept["id"]: "kdaly created 2026-01-05T09:30:00+00:00 by lwong active",
    }
    assert " ".join(listed.out.split()) == " ".join(
        f"{token_id} {row}" for token_id, row in sorted(rows.items())
    )
    # Revoking it does not make what was changed verify.
    assert keyed("--as", "lwong", "token", "revoke", issued["id"]).status == 0
    [row] = [each for each in keyed("token", "list", "--json").json if each["id"] == issued["id"]]
    assert (row["valid"], row["revoked_by"]) == (False, "lwong")
