"""A database in which an API token was issued with the audit key, and no
command has run yet, is keyed (7.4). Before, the key check read the event
feed only, so without the key ``token create`` issued an unsealed token
there and ``report`` wrote an unsigned case. Now each is refused with
status 2, in the words of every write without the key, and nothing is
written."""

from __future__ import annotations

import sqlite3

import pytest

from support.command_line import REPORT_NOW, CommandLine

HEX_KEY = "ab" * 32

REFUSED = (
    "error: [7.4] the audit key: the records are signed under key id 'default', which was "
    "not given, and nothing was written: give the audit key (the file the configuration's "
    "audit_key_file names, or CONTACTPOLICY_AUDIT_KEY) to write (docs/audit.md, Setting up "
    "the key)\n"
)


def _tokens(command: CommandLine) -> list[tuple[str, str | None]]:
    """Each token's officer and the key id of its seal."""
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        rows = database.execute("SELECT officer_id, seal_key_id FROM api_tokens ORDER BY id")
        return [(officer, key_id) for officer, key_id in rows]


@pytest.mark.parametrize(
    "args",
    [("--as", "lwong", "token", "create", "--officer", "jsmith"), REPORT_NOW],
    ids=["token create", "report"],
)
def test_a_write_without_the_key_after_a_sealed_token_is_refused(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", HEX_KEY)
    issued = command("--as", "lwong", "token", "create", "--officer", "kdaly")
    assert issued.status == 0, issued.err
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    before = (command.record(), _tokens(command))
    assert before == (([], [], []), [("kdaly", "default")])
    refused = command(*args)
    assert (refused.status, refused.out, refused.err) == (2, "", REFUSED)
    assert (command.record(), _tokens(command)) == before
