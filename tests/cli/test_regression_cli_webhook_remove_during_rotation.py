"""``webhook remove`` and ``notify`` during a key rotation (7.4, 9.1).

A subscription was sealed under ``default``, then ``k2`` rotated in and a
note signed under it. Before, ``webhook remove`` with ``k2`` alone said
"Removed webhook wh1." and deleted it with status 0, while ``token revoke``
was refused in the same situation; and ``notify`` with no key at all said
the key "'k2' is not given" of a subscription sealed under ``default``.
Now the removal is refused with status 2, naming the key id to give beside
``k2``, and nothing is removed; with both keys it is removed. ``notify``
names the key id of the subscription's own seal."""

from __future__ import annotations

import sqlite3

import pytest

from support.command_line import CommandLine
from support.rotation import K1, K2, rotate

REFUSED = (
    "error: [7.4] CONTACTPOLICY_AUDIT_KEY: webhook subscription wh1 is sealed under key id "
    "'default', which was not given, so its seal cannot be checked and its change could not "
    "be sealed, and nothing was written: give the key of key id 'default' beside the current "
    "one (docs/audit.md, Setting up the key)\n"
)

NOT_CHECKED = (
    "Not delivered: event 1 to webhook:wh1 (webhook subscription wh1: its seal is not checked "
    "(the audit key 'default' is not given), so nothing is sent to it (7.4)); it, and "
    "everything later for it, waits until that is put right, and the next pass tries again."
)


def _webhooks(command: CommandLine) -> list[tuple[str, str]]:
    """Each subscription's id and the key id of its seal, as stored."""
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        rows = database.execute(
            "SELECT id, json_extract(document, '$.seal.key_id') FROM webhooks ORDER BY id"
        )
        return [(subscription, key_id) for subscription, key_id in rows]


@pytest.fixture
def rotated(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> CommandLine:
    """A subscription ``wh1`` sealed under ``default``, a case reported
    (event 1), then a note signed under ``k2`` with both keys given."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", K1)
    added = command("--as", "lwong", "webhook", "add", "http://127.0.0.1:9/h", "--id", "wh1")
    assert added.status == 0, added.err
    case_id = command.report()
    rotate(command, monkeypatch, case_id)
    return command


def test_removing_with_the_new_key_alone_is_refused(
    rotated: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", f"k2={K2}")
    refused = rotated("--as", "lwong", "webhook", "remove", "wh1")
    assert (refused.status, refused.out, refused.err) == (2, "", REFUSED)
    assert _webhooks(rotated) == [("wh1", "default")]


def test_with_both_keys_it_is_removed(rotated: CommandLine) -> None:
    removed = rotated("--as", "lwong", "webhook", "remove", "wh1")
    assert (removed.status, removed.out, removed.err) == (0, "Removed webhook wh1.\n", "")
    assert _webhooks(rotated) == []


def test_notify_without_a_key_names_the_key_id_of_the_seal(
    rotated: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    ran = rotated("--as", "lwong", "notify")
    assert (ran.status, " ".join(ran.out.split()), ran.err) == (1, NOT_CHECKED, "")


LISTED_NOT_CHECKED = (
    "Seals not checked: the records are signed with the audit key 'k2', which is not given "
    "(CONTACTPOLICY_AUDIT_KEY), and these are sealed under key id 'default', so none of these "
    "can be told valid."
)


def test_lists_without_a_key_name_the_key_id_of_the_seals(
    rotated: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``webhook list`` said only that the records are signed with 'k2', of
    a subscription sealed under 'default': it names both. ``token list`` of
    a token sealed under 'k2' itself says no more than before."""
    issued = rotated("--as", "lwong", "token", "create", "--officer", "lwong")
    assert issued.status == 0, issued.err
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    webhooks = rotated("--as", "lwong", "webhook", "list")
    assert (webhooks.status, webhooks.out.splitlines()[-1], webhooks.err) == (
        0,
        LISTED_NOT_CHECKED,
        "",
    )
    tokens = rotated("--as", "lwong", "token", "list")
    assert (tokens.status, tokens.out.splitlines()[-1], tokens.err) == (
        0,
        "Seals not checked: the records are signed with the audit key 'k2', which is not given "
        "(CONTACTPOLICY_AUDIT_KEY), so none of these can be told valid.",
        "",
    )
