"""Regression: after a key rotation, with only the new key given, ``serve``
started, and every API token sealed under the retired key id was refused
as "not known, or was revoked"; ``token list`` called such a token "not
valid: its record is sealed with the audit key 'default', not given",
though its seal was only not checked. Now ``serve`` refuses to start
naming the key id and saying to give the retired key beside the new one;
the API tells the holder of such a token its seal cannot be checked
without that key (401 still); and the lists show such a record as not
checked (``valid`` null), with one closing line naming the key id (7.4;
docs/audit.md, Setting up the key)."""

from __future__ import annotations

import pytest

from contactpolicy.audit.keys import AuditKeys
from contactpolicy.http.auth import Authenticator
from contactpolicy.http.problems import Unauthenticated
from contactpolicy.stores.sqlite import SQLiteStore

from support.command_line import CommandLine
from support.http_server import free_port

OLD = "11" * 32
NEW = "22" * 32
RETIRED = (
    "records are sealed under key id 'default', whose key is not given "
    "(CONTACTPOLICY_AUDIT_KEY); give the key retired by the rotation beside the new one "
    "(docs/audit.md, Setting up the key)"
)


@pytest.fixture
def rotated(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> tuple[CommandLine, str]:
    """A case, a token for kdaly and a webhook subscription sealed under
    'default'; the key rotated to '2027' by a note; then only the new key
    given. Returns the command and the token's secret."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", OLD)
    case_id = command.designated()
    issued = command("--as", "lwong", "token", "create", "--officer", "kdaly", "--json")
    assert issued.status == 0, issued.err
    added = command(
        "--as",
        "lwong",
        "webhook",
        "add",
        "https://hooks.example.gov.uk/in",
        "--id",
        "crm",
        "--secret",
        "0123456789abcdefg",
    )
    assert added.status == 0, added.err
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", f"default={OLD},2027={NEW}")
    noted = command("--as", "lwong", "note", case_id, "Offered a meeting.")
    assert noted.status == 0, noted.err
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", f"2027={NEW}")
    return command, issued.json["token"]


def test_serve_with_only_the_new_key_refuses_to_start(rotated: tuple[CommandLine, str]) -> None:
    command, _ = rotated
    ran = command("serve", "--port", str(free_port()))
    assert (ran.status, ran.out, ran.err) == (
        2,
        "",
        "error: the HTTP API was not started, as not every API token and webhook "
        f"subscription can be checked (7.4): {RETIRED}\n",
    )


def test_with_the_retired_key_beside_the_new_one_every_seal_is_checked(
    rotated: tuple[CommandLine, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both keys given: the token and the subscription are valid, and no
    closing line is added."""
    command, _ = rotated
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", f"default={OLD},2027={NEW}")
    tokens = command("token", "list", "--json").json
    hooks = command("--as", "lwong", "webhook", "list", "--json").json
    assert [row["valid"] for row in tokens + hooks] == [True, True]
    listed = command("--as", "lwong", "webhook", "list")
    assert listed.out == "crm  https://hooks.example.gov.uk/in  every kind\n"


def test_token_list_shows_the_token_not_checked(rotated: tuple[CommandLine, str]) -> None:
    command, _ = rotated
    listed = command("token", "list")
    assert listed.status == 0
    lines = listed.out.splitlines()
    assert len(lines) == 2
    assert "not valid" not in lines[0]
    assert lines[0].split()[1:2] == ["kdaly"]
    assert lines[1] == (
        f"Seals not checked: {RETIRED}, so those sealed under it cannot be told valid."
    )
    rows = command("token", "list", "--json").json
    assert [(row["officer_id"], row["valid"]) for row in rows] == [("kdaly", None)]


def test_webhook_list_shows_the_subscription_not_checked(rotated: tuple[CommandLine, str]) -> None:
    command, _ = rotated
    listed = command("--as", "lwong", "webhook", "list")
    assert (listed.status, listed.out) == (
        0,
        "crm  https://hooks.example.gov.uk/in  every kind\n"
        f"Seals not checked: {RETIRED}, so those sealed under it cannot be told valid.\n",
    )
    rows = command("--as", "lwong", "webhook", "list", "--json").json
    assert [(row["id"], row["valid"]) for row in rows] == [("crm", None)]


def test_the_api_says_the_tokens_seal_cannot_be_checked(rotated: tuple[CommandLine, str]) -> None:
    """A service embedded with only the new key: the token's holder is
    told its seal cannot be checked without key id 'default', not that it
    is unknown."""
    command, secret = rotated
    store = SQLiteStore(command.folder / "contactpolicy.db")
    authenticator = Authenticator(
        {}, store, None, audit_keys=AuditKeys.of({"2027": bytes.fromhex(NEW)})
    )
    with pytest.raises(Unauthenticated) as refused:
        authenticator.officer(f"Bearer {secret}")
    assert str(refused.value) == (
        "the API token's seal cannot be checked without the audit key of key id 'default', "
        "which the service was not given (7.4)"
    )
    with pytest.raises(Unauthenticated) as unknown:
        authenticator.officer("Bearer cp_not_a_token_at_all")
    assert str(unknown.value) == "the API token is not known, or was revoked"
