"""``notify`` without the key on a keyed store said of a webhook "its record
does not verify with the audit key (its seal cannot be checked: the audit
key 'default' is not given)": a seal that could not be checked worded as
one found not to verify. A seal not checked (no key, or a key retired by a
rotation and not given) is said to be not checked; a record changed with
the key given still does not verify. Nothing is sent in either case (7.4)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from support.command_line import CommandLine

OLD = "11" * 32
NEW = "22" * 32

NOT_CHECKED = (
    "Not delivered: event 1 to webhook:crm (webhook subscription crm: its seal is not checked "
    "(the audit key 'default' is not given), so nothing is sent to it (7.4)); it, and "
    "everything later for it, waits until that is put right, and the next pass tries again."
)


@pytest.fixture
def subscribed(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> CommandLine:
    """A keyed store (key id ``default``) with a webhook subscription
    ``crm``, sealed under ``default``, and a case reported (event 1)."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", OLD)
    added = command("--as", "lwong", "webhook", "add", "http://127.0.0.1:9/h", "--id", "crm")
    assert added.status == 0, added.err
    command.report()
    return command


def test_without_the_key_the_seal_is_not_checked(
    subscribed: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    ran = subscribed("--as", "lwong", "notify")
    assert (ran.status, " ".join(ran.out.split()), ran.err) == (1, NOT_CHECKED, "")


def test_with_only_the_new_key_of_a_rotation_the_seal_is_not_checked(
    subscribed: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", f"k2={NEW}")
    ran = subscribed("--as", "lwong", "notify")
    assert (ran.status, " ".join(ran.out.split()), ran.err) == (1, NOT_CHECKED, "")


def test_a_changed_record_with_the_key_does_not_verify(subscribed: CommandLine) -> None:
    database = subscribed.folder / "contactpolicy.db"
    with sqlite3.connect(database) as connection:
        [document] = connection.execute("SELECT document FROM webhooks").fetchone()
        changed = json.loads(document)
        changed["url"] = "http://127.0.0.1:9/elsewhere"
        connection.execute("UPDATE webhooks SET document = ?", (json.dumps(changed),))
    ran = subscribed("--as", "lwong", "notify")
    assert (ran.status, " ".join(ran.out.split()), ran.err) == (
        1,
        "Not delivered: event 1 to webhook:crm (webhook subscription crm: its record does not "
        "verify with the audit key (its record was changed after it was added), so nothing is "
        "sent to it (7.4)); it, and everything later for it, waits until that is put right, "
        "and the next pass tries again.",
        "",
    )
