"""``token revoke`` during a key rotation, with the new key only (7.4).

A token was sealed under ``default``, then ``k2`` rotated in and a note
signed under it. Before, ``token revoke`` with ``k2`` alone said "Revoked"
and kept the token's old seal, so ``verify --all`` with both keys named the
token as changed and ``token list`` did not say it was revoked. Now it is
refused with status 2, naming the key id to give beside ``k2``, and nothing
is written; with both keys it is revoked, and ``verify --all`` is intact."""

from __future__ import annotations

import sqlite3

import pytest

from support.command_line import CommandLine
from support.rotation import K1, K2, rotate

REFUSED = (
    "error: [7.4] CONTACTPOLICY_AUDIT_KEY: API token {token} is sealed under key id 'default', "
    "which was not given, so its seal cannot be checked and its change could not be sealed, "
    "and nothing was written: give the key of key id 'default' beside the current one "
    "(docs/audit.md, Setting up the key)\n"
)


def _tokens(command: CommandLine) -> list[tuple[str, str | None, str | None]]:
    """Each token's id, the key id of its seal and when it was revoked."""
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        rows = database.execute("SELECT id, seal_key_id, revoked_at FROM api_tokens")
        return [(token, key_id, revoked) for token, key_id, revoked in rows]


def _rotated(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> str:
    """A token sealed under ``default``, then a note signed under ``k2``;
    the token's id."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", K1)
    case_id = command.report()
    issued = command("--as", "lwong", "token", "create", "--officer", "lwong")
    assert issued.status == 0, issued.err
    [(token_id, _, _)] = _tokens(command)
    rotate(command, monkeypatch, case_id)
    return token_id


def test_revoking_with_the_new_key_alone_is_refused(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    token_id = _rotated(command, monkeypatch)
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", f"k2={K2}")
    refused = command("--as", "lwong", "token", "revoke", token_id)
    assert (refused.status, refused.out, refused.err) == (2, "", REFUSED.format(token=token_id))
    assert _tokens(command) == [(token_id, "default", None)]


def test_with_both_keys_the_revocation_is_sealed_and_verifies(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    token_id = _rotated(command, monkeypatch)
    revoked = command("--as", "lwong", "token", "revoke", token_id)
    assert (revoked.status, revoked.out, revoked.err) == (0, f"Revoked {token_id}.\n", "")
    assert _tokens(command) == [(token_id, "k2", "2026-01-05T09:30:00+00:00")]
    verified = command("--as", "lwong", "verify", "--all")
    assert (verified.status, verified.out.splitlines()[0]) == (
        0,
        "The audit trail is intact (1 case, 2 events, 0 contact log entries, 0 seals).",
    )
