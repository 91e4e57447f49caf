"""``webhook list --json`` and ``token list --json`` give each record's
``problem``: why its record does not verify with the audit key, in the
words the text lists give after ``not valid:`` and the Python API's
``subscription_problem``/``token_problem`` say (7.4); ``null`` when it
verifies; for a subscription whose seal could not be checked (``valid``
null), why not. Before, the
JSON said ``valid: false`` and nothing of why."""

from __future__ import annotations

import sqlite3

import pytest

from support.command_line import CommandLine

HEX_KEY = "cd" * 32


def _sql(command: CommandLine, statement: str) -> None:
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        database.execute(statement)


@pytest.fixture
def keyed(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> CommandLine:
    """A store signed with the key, with subscriptions ``crm`` and ``gis``
    and a token for kdaly."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", HEX_KEY)
    command.report()
    for hook in ("crm", "gis"):
        url = f"https://{hook}.example.gov.uk/h"
        added = command("--as", "lwong", "webhook", "add", url, "--id", hook)
        assert added.status == 0, added.err
    issued = command("--as", "lwong", "token", "create", "--officer", "kdaly")
    assert issued.status == 0, issued.err
    return command


def test_webhook_list_says_why_a_subscription_is_not_valid(keyed: CommandLine) -> None:
    _sql(
        keyed,
        "UPDATE webhooks SET document = json_set(document, '$.url', 'http://127.0.0.1:9/evil') "
        "WHERE id = 'crm'",
    )
    rows = keyed("--as", "lwong", "webhook", "list", "--json").json
    assert [(row["id"], row["valid"], row["problem"]) for row in rows] == [
        ("crm", False, "its record was changed after it was added"),
        ("gis", True, None),
    ]
    listed = keyed("--as", "lwong", "webhook", "list").out.splitlines()
    assert listed[0].endswith("not valid: its record was changed after it was added")


def test_token_list_says_why_a_token_is_not_valid(keyed: CommandLine) -> None:
    _sql(keyed, "UPDATE api_tokens SET officer_id = 'apatel'")
    [row] = keyed("token", "list", "--json").json
    assert (row["officer_id"], row["valid"], row["problem"]) == (
        "apatel",
        False,
        "its record was changed after it was issued",
    )


def test_a_record_not_checked_is_said_so(
    keyed: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the key nothing was checked: ``valid`` null; a subscription's
    ``problem`` says why it could not be checked, as ``GET /v1/webhooks``
    does (one verdict, ``casework.subscriptions.judged``); a token's is
    null."""
    _sql(keyed, "UPDATE api_tokens SET officer_id = 'apatel'")
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    hooks = keyed("--as", "lwong", "webhook", "list", "--json").json
    [token] = keyed("token", "list", "--json").json
    not_given = "the audit key 'default' is not given"
    assert [(row["valid"], row["problem"]) for row in [*hooks, token]] == [
        (None, not_given),
        (None, not_given),
        (None, None),
    ]
