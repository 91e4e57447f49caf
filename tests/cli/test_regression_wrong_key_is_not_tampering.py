"""Regression: with a key that is not the one the store's records were
signed with, ``token list`` and ``webhook list`` said each token and
subscription was "not valid: its record was changed after it was
issued/added", ``verify --all`` named each as changed too, and ``serve``
started and refused every good token as unknown (7.4). A wrong key is not
tampering: the seals under its key id cannot be checked, which is said
once, and ``serve`` refuses to start with status 2 in the words every
command that writes uses."""

from __future__ import annotations

import pytest

from support.command_line import CommandLine
from support.http_server import free_port

RIGHT = "11" * 32
WRONG = "33" * 32
NOT_MATCHED = (
    "Seals not checked: the audit key given for key id 'default' (CONTACTPOLICY_AUDIT_KEY) is "
    "not the one the records were signed and sealed with (or every record signed under it "
    "was changed), so none of these can be told valid."
)
REFUSED = (
    "error: [7.4] CONTACTPOLICY_AUDIT_KEY: the key given does not match the one the records "
    "under key id 'default' were signed with (or those records were changed: verify says "
    "which), so nothing it signed could be verified, and nothing was written: give the key "
    "they were signed with, or a new key under a new key id to rotate (docs/audit.md, "
    "Setting up the key)\n"
)


@pytest.fixture
def wrong(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> CommandLine:
    """A case, a token for kdaly and a webhook subscription ``crm``, all
    signed with ``RIGHT``; then ``WRONG`` given in its place."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", RIGHT)
    command.report()
    issued = command("--as", "lwong", "token", "create", "--officer", "kdaly", "--label", "CRM")
    assert issued.status == 0, issued.err
    added = command(
        "--as", "lwong", "webhook", "add", "https://crm.example.gov.uk/h", "--id", "crm"
    )
    assert added.status == 0, added.err
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", WRONG)
    return command


def test_token_list_says_once_that_the_seals_could_not_be_checked(wrong: CommandLine) -> None:
    listed = wrong("token", "list")
    lines = listed.out.splitlines()
    assert (listed.status, [" ".join(line.split()[1:]) for line in lines[:1]], lines[1:]) == (
        0,
        ["kdaly (CRM) created 2026-01-05T09:30:00+00:00 by lwong active"],
        [NOT_MATCHED],
    )
    rows = wrong("token", "list", "--json").json
    assert [(row["officer_id"], row["valid"]) for row in rows] == [("kdaly", None)]


def test_webhook_list_says_once_that_the_seals_could_not_be_checked(wrong: CommandLine) -> None:
    listed = wrong("--as", "lwong", "webhook", "list")
    assert (listed.status, listed.out.splitlines()) == (
        0,
        ["crm  https://crm.example.gov.uk/h  every kind", NOT_MATCHED],
    )
    [row] = wrong("--as", "lwong", "webhook", "list", "--json").json
    assert (row["id"], row["valid"]) == ("crm", None)


def test_verify_all_accuses_no_token_or_subscription(wrong: CommandLine) -> None:
    checked = wrong("verify", "--all")
    assert (checked.status, checked.out.splitlines()[:3]) == (
        1,
        [
            "The audit trail is NOT intact (1 case, 1 event, 0 contact log entries, 0 seals):",
            "  - the audit key given for key id 'default': does not match the one record "
            "signed with it: it is not the key it was signed with (or the record was changed)",
            "  - the API tokens and webhook subscriptions sealed under key id 'default': the "
            "seals of 2 records could not be checked: the key given for that id is not the "
            "one they were sealed with (or every record signed under it was changed)",
        ],
    )


def test_serve_with_the_wrong_key_refuses_to_start(wrong: CommandLine) -> None:
    ran = wrong("serve", "--port", str(free_port()))
    assert (ran.status, ran.out, ran.err) == (2, "", REFUSED)
