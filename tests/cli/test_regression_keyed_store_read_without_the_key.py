"""A store whose records are signed with the audit key, read from the
command line without it (7.4). Before, ``serve`` started and its API took
a token inserted or changed in the database by someone without the key as
good for every read, ``token list`` showed such a token ``active`` with
``valid`` true, ``webhook list`` never showed a subscription's seal at all,
and ``verify --all`` said not every record was signed when only the key was
missing. Now ``serve`` refuses to start naming the key, both lists say that
no seal was checked (``valid`` null), and ``verify`` says what it checked
without the key."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from support.command_line import CommandLine
from support.http_server import free_port

HEX_KEY = "ab" * 32
FORGED = "tok_forged0000001"
NOT_GIVEN = (
    "the records are signed with the audit key 'default', which is not given "
    "(CONTACTPOLICY_AUDIT_KEY)"
)


@pytest.fixture
def keyed(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> CommandLine:
    """A store with a case and a token for kdaly, both signed with the key,
    and the key then taken away."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", HEX_KEY)
    command.report()
    issued = command("--as", "lwong", "token", "create", "--officer", "kdaly", "--json")
    assert issued.status == 0, issued.err
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    return command


def _sql(command: CommandLine, statement: str, *values: object) -> None:
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        database.execute(statement, values)


def _forge(command: CommandLine) -> None:
    """The reproduction: the token issued changed to act for apatel, and a
    token inserted whose secret is ``cp_forged_secret_1``."""
    _sql(command, "UPDATE api_tokens SET officer_id = 'apatel'")
    _sql(
        command,
        "INSERT INTO api_tokens (id, digest, officer_id, label, created_at, revoked_at, "
        "issued_by) VALUES (?, ?, 'apatel', 'CRM', '2026-01-05T09:00:00+00:00', NULL, 'lwong')",
        FORGED,
        hashlib.sha256(b"cp_forged_secret_1").hexdigest(),
    )


def test_serve_without_the_key_refuses_to_start(keyed: CommandLine) -> None:
    """Every token would be refused, so the operator is told at once."""
    ran = keyed("serve", "--port", str(free_port()))
    assert (ran.status, ran.out, ran.err) == (
        2,
        "",
        f"error: {NOT_GIVEN}: no API token can be checked without it, so the HTTP API was "
        "not started (7.4)\n",
    )


def test_token_list_without_the_key_says_no_seal_was_checked(keyed: CommandLine) -> None:
    _forge(keyed)
    listed = keyed("token", "list")
    assert listed.status == 0
    lines = listed.out.splitlines()
    assert [" ".join(line.split()[1:]) for line in lines[:2]] == [
        "apatel (CRM) created 2026-01-05T09:00:00+00:00 by lwong active",
        "apatel created 2026-01-05T09:30:00+00:00 by lwong active",
    ]
    assert lines[2] == f"Seals not checked: {NOT_GIVEN}, so none of these can be told valid."
    rows = keyed("token", "list", "--json").json
    assert [(row["officer_id"], row["valid"]) for row in rows] == [
        ("apatel", None),
        ("apatel", None),
    ]


def test_token_list_with_the_key_still_marks_the_forged_tokens(
    keyed: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _forge(keyed)
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", HEX_KEY)
    rows = keyed("token", "list", "--json").json
    assert [row["valid"] for row in rows] == [False, False]


def test_webhook_list_marks_a_changed_subscription_as_token_list_does(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", HEX_KEY)
    command.report()
    added = command(
        "--as", "lwong", "webhook", "add", "https://crm.example.gov.uk/h", "--id", "crm"
    )
    assert added.status == 0, added.err
    assert command("--as", "lwong", "webhook", "list").out == (
        "crm  https://crm.example.gov.uk/h  every kind\n"
    )
    _sql(
        command,
        "UPDATE webhooks SET document = json_set(document, '$.url', 'http://127.0.0.1:9/evil')",
    )
    listed = command("--as", "lwong", "webhook", "list")
    assert (listed.status, listed.out) == (
        0,
        "crm  http://127.0.0.1:9/evil  every kind  not valid: its record was changed after "
        "it was added\n",
    )
    [row] = command("--as", "lwong", "webhook", "list", "--json").json
    assert (row["url"], row["valid"]) == ("http://127.0.0.1:9/evil", False)
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    unchecked = command("--as", "lwong", "webhook", "list")
    assert unchecked.out.splitlines() == [
        "crm  http://127.0.0.1:9/evil  every kind",
        f"Seals not checked: {NOT_GIVEN}, so none of these can be told valid.",
    ]
    [row] = command("--as", "lwong", "webhook", "list", "--json").json
    assert (row["url"], row["valid"]) == ("http://127.0.0.1:9/evil", None)


def test_notify_without_the_key_sends_nothing_to_a_webhook(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", HEX_KEY)
    added = command("--as", "lwong", "webhook", "add", "http://127.0.0.1:9/h", "--id", "crm")
    assert added.status == 0, added.err
    command.report()
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    ran = command("--as", "lwong", "notify")
    assert (ran.status, " ".join(ran.out.split()), ran.err) == (
        1,
        "Not delivered: event 1 to webhook:crm (webhook subscription crm: its seal is not "
        "checked (the audit key 'default' is not given), so nothing is sent to it (7.4)); it, "
        "and everything later for it, waits until that is put right, and the next pass tries "
        "again.",
        "",
    )


def test_verify_all_without_the_key_says_the_records_were_checked_without_it(
    keyed: CommandLine,
) -> None:
    """No untouched record is named as a problem; the summary says which
    records could not be checked for want of the key, and what was checked,
    not that the records are unsigned; status 7."""
    ran = keyed("verify", "--all")
    assert (ran.status, ran.out.splitlines()) == (
        7,
        [
            "The audit trail cannot be fully checked without the key for key id 'default' (1 "
            "case, 1 event, 0 contact log entries, 0 seals): nothing was found wrong in what "
            "could be checked.",
            "Not checked with the key: the signatures of 2 records under key id 'default' could "
            "not be checked, as that key was not given (CONTACTPOLICY_AUDIT_KEY), so whether "
            "they were changed cannot be told. Checked without it: each record's number and its "
            "link to the one before it, the times, and each case as stored against its history. "
            "Give the key to check the rest (7.4).",
        ],
    )


def test_verify_all_on_an_unkeyed_store_still_says_unkeyed(command: CommandLine) -> None:
    command.report()
    ran = command("verify", "--all")
    assert (ran.status, ran.out.splitlines()[-1]) == (
        0,
        "Unkeyed: not every record is signed with the audit key, so someone with write "
        "access to the database could have rewritten it consistently (see seals, 7.4).",
    )
