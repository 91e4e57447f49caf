"""The audit key, ``seal`` and ``verify --all [--seal FILE ...]`` (7.4)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from support.command_line import UNKEYED, CommandLine

HEX_KEY = "00112233445566778899aabbccddeeff" * 2
KEYED = "Every record was checked with the audit key given."


def test_seal_prints_the_head_of_the_chain_and_verify_all_checks_it(command: CommandLine) -> None:
    """``seal`` prints the head of the global chain as one line of JSON;
    ``verify --all --seal FILE`` checks the whole store and the seal."""
    case_id = command.designated()
    ran = command("seal")
    sealed = json.loads(ran.out)
    assert (ran.status, sealed["position"], sealed["at"]) == (0, 4, "2026-01-30T11:00:00+00:00")
    assert (
        sealed["digest"] == command("--as", "lwong", "history", case_id, "--json").json[-1]["hash"]
    )
    (command.folder / "seal.json").write_text(ran.out, encoding="utf-8")
    checked = command("verify", "--all", "--seal", "seal.json")
    assert (checked.status, checked.out) == (
        0,
        "The audit trail is intact (1 case, 4 events, 0 contact log entries, 1 seal).\n"
        f"{UNKEYED}\n",
    )
    assert command("verify", "--all", "--json").json == {
        "cases": 1,
        "contacts": 0,
        "seals": 0,
        "ok": True,
        "keyed": False,
        "unchecked": {},
        "keys_given": [],
        "events": 4,
        "problems": [],
    }


def test_verify_all_reports_a_seal_the_store_no_longer_holds(command: CommandLine) -> None:
    """Events deleted after a seal was taken: ``verify --all --seal`` says
    so, with the position, and exits 1."""
    command.designated()
    (command.folder / "seal.json").write_text(command("seal").out, encoding="utf-8")
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        database.execute("DELETE FROM events WHERE position = 4")
        database.execute("UPDATE sqlite_sequence SET seq = 3 WHERE name = 'events'")
    ran = command("verify", "--all", "--seal", "seal.json", "--json")
    assert ran.status == 1
    assert ran.json["problems"][-1] == {
        "where": "the seal of 2026-01-30T11:00:00+00:00",
        "position": 4,
        "what": "seals position 4, beyond the last event (3): sealed events were deleted",
        "detail": None,
    }


def test_the_audit_key_comes_from_the_environment(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``CONTACTPOLICY_AUDIT_KEY`` set, new events are signed with it
    and verify says every record was checked with it."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", HEX_KEY)
    case_id = command.designated()
    assert [
        event["key_id"] for event in command("--as", "lwong", "history", case_id, "--json").json
    ] == ["default"] * 4
    ran = command("verify", case_id)
    assert ran.out.splitlines()[-1] == KEYED
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    unkeyed = command("verify", case_id)
    assert (unkeyed.status, unkeyed.out.splitlines()[0]) == (
        7,
        f"Case {case_id}: the audit trail cannot be fully checked without the key for key id "
        "'default' (4 events): nothing was found wrong in what could be checked.",
    )


def test_the_audit_key_comes_from_the_file_the_configuration_names(
    command: CommandLine,
) -> None:
    """``audit_key_file`` in contactpolicy.toml names a file holding the
    keys, one ``ID=HEX`` a line for rotation, the newest last."""
    config = command.folder / "contactpolicy.toml"
    config.write_text(
        'audit_key_file = "audit.key"\n' + config.read_text(encoding="utf-8"), encoding="utf-8"
    )
    (command.folder / "audit.key").write_text(f"2026={HEX_KEY}\n2027={HEX_KEY[::-1]}\n")
    case_id = command.designated()
    assert command("--as", "lwong", "history", case_id, "--json").json[0]["key_id"] == "2027"
    assert command("verify", "--all").out.splitlines()[-1] == KEYED


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "xyz",
            "CONTACTPOLICY_AUDIT_KEY: the key must be written in hex, two of the digits 0-9 and "
            "a-f for each byte (base64 or other text is not read) (7.4)",
        ),
        (
            "00ff",
            "CONTACTPOLICY_AUDIT_KEY: the key is 2 bytes; an audit key is at least 16 bytes "
            "(32 hex digits) (7.4)",
        ),
        (
            f"2026{HEX_KEY}, 2027",
            "CONTACTPOLICY_AUDIT_KEY: entry 1 must be ID=HEX (or the whole text one key in hex) "
            "(7.4)",
        ),
        (
            f"=2026{HEX_KEY}, 2027={HEX_KEY}",
            "CONTACTPOLICY_AUDIT_KEY: entry 1 must be ID=HEX (or the whole text one key in hex) "
            "(7.4)",
        ),
    ],
)
def test_a_malformed_audit_key_is_wrong_input(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch, value: str, message: str
) -> None:
    """A key that is not hex, too short, or a list not of ID=HEX entries is
    refused, never quoted."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", value)
    ran = command("verify", "--all")
    assert (ran.status, ran.err) == (2, f"error: {message}\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ((), "give a CASE_ID, or --all to check the whole store"),
        (("C-1", "--all"), "give a CASE_ID, or --all to check the whole store, not both"),
        (("C-1", "--seal", "seal.json"), "--seal is checked with --all"),
        (("--all", "--seal", "missing.json"), "--seal: missing.json cannot be read"),
    ],
)
def test_verify_asks_for_a_case_or_all(
    command: CommandLine, argv: tuple[str, ...], message: str
) -> None:
    """verify checks one case or, with --all, the store; a seal goes with --all."""
    ran = command("verify", *argv)
    assert ran.status == 2
    assert ran.err.startswith(f"error: {message}")
