"""``contactpolicy token create`` and ``token revoke`` record the officer
acting (``--as``) as the token's issuer and revoker, and ``token list``
shows both, in its lines and its JSON (7.4; UK GDPR Art. 5(1)(f)). With the
configuration's officers, neither runs without an acting officer (status 2,
naming ``--as``); a configuration naming no officers is refused for both,
as a token acts for one of them; and a token kept before issuers were
recorded lists as not recorded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pendulum
import pytest

from contactpolicy.audit.codec import utc_text
from contactpolicy.stores.sqlite import MIGRATIONS
from contactpolicy.stores.tokens import token_digest

from support.command_line import CommandLine

CREATED = "2026-01-05T09:30:00+00:00"
"""The command's frozen clock, as ``token list`` shows a time."""


def test_create_records_the_acting_officer_as_the_issuer(command: CommandLine) -> None:
    ran = command("--as", "lwong", "token", "create", "--officer", "jsmith", "--json")
    assert ran.status == 0, ran.err
    issued = ran.json
    assert (issued["officer_id"], issued["issued_by"]) == ("jsmith", "lwong")

    listed = command("token", "list")
    assert (listed.status, listed.err) == (0, "")
    assert listed.out == f"{issued['id']}  jsmith  created {CREATED} by lwong  active\n"
    assert command("token", "list", "--json").json == [
        {
            "id": issued["id"],
            "officer_id": "jsmith",
            "label": "",
            "created_at": CREATED,
            "revoked_at": None,
            "issued_by": "lwong",
            "revoked_by": None,
            "valid": True,
            "problem": None,
        }
    ]


def test_the_officer_in_the_environment_is_the_issuer(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``CONTACTPOLICY_OFFICER`` names the acting officer as ``--as`` does."""
    monkeypatch.setenv("CONTACTPOLICY_OFFICER", "apatel")
    issued = command("token", "create", "--officer", "apatel", "--json").json
    assert issued["issued_by"] == "apatel"
    assert command("token", "list", "--json").json[0]["issued_by"] == "apatel"


def test_revoke_records_the_acting_officer_as_the_revoker(command: CommandLine) -> None:
    """The revoker is who revoked the token, not who issued it; revoking
    it again, as someone else and later, keeps the first."""
    issued = command("--as", "lwong", "token", "create", "--officer", "jsmith", "--json").json
    command.clock.set(pendulum.datetime(2026, 1, 6, 14, tz="Europe/London"))
    ran = command("--as", "jsmith", "token", "revoke", issued["id"])
    assert (ran.status, ran.out, ran.err) == (0, f"Revoked {issued['id']}.\n", "")
    command.clock.set(pendulum.datetime(2026, 1, 7, 14, tz="Europe/London"))
    assert command("--as", "lwong", "token", "revoke", issued["id"]).status == 0

    listed = command("token", "list")
    assert listed.out == (
        f"{issued['id']}  jsmith  created {CREATED} by lwong  "
        "revoked 2026-01-06T14:00:00+00:00 by jsmith\n"
    )
    [kept] = command("token", "list", "--json").json
    assert (kept["issued_by"], kept["revoked_at"], kept["revoked_by"]) == (
        "lwong",
        "2026-01-06T14:00:00+00:00",
        "jsmith",
    )


def test_create_without_an_acting_officer_is_refused_naming_as(command: CommandLine) -> None:
    """The starter configuration names officers: without --as nothing is
    issued, status 2, one line naming --as and the officers there are."""
    ran = command("token", "create", "--officer", "jsmith")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: who is acting? give --as OFFICER_ID before the command, or set "
        "CONTACTPOLICY_OFFICER; officers in contactpolicy.toml: jsmith, kdaly, apatel, lwong, "
        "mobrien\n"
    )
    assert command("token", "list").out == "No tokens issued.\n"


def test_create_as_an_officer_not_in_the_configuration_is_refused(command: CommandLine) -> None:
    ran = command("--as", "nobody", "token", "create", "--officer", "jsmith")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err.startswith("error: --as: names no officer in contactpolicy.toml; officers: ")
    assert command("token", "list").out == "No tokens issued.\n"


def test_revoke_without_an_acting_officer_is_refused_and_the_token_stays_active(
    command: CommandLine,
) -> None:
    issued = command("--as", "lwong", "token", "create", "--officer", "jsmith", "--json").json
    ran = command("token", "revoke", issued["id"])
    assert (ran.status, ran.out) == (2, "")
    assert "give --as OFFICER_ID" in ran.err
    assert command("token", "list").out.endswith("  active\n")


def test_a_configuration_naming_no_officers_is_refused_for_create_and_revoke(
    command: CommandLine,
) -> None:
    """A token acts for one of the configuration's officers and records
    who issued or revoked it: with none, both are status 2, saying so."""
    empty = command.folder / "empty.toml"
    empty.write_text("", encoding="utf-8")
    message = (
        f"error: {empty}: names no officers; a token acts for one of the configuration file's "
        "[[officers]], and the officer who issues or revokes it (--as) is recorded (7.4)\n"
    )
    for argv in (
        ("token", "create", "--officer", "jsmith"),
        ("--as", "jsmith", "token", "create", "--officer", "jsmith"),
        ("token", "revoke", "tok_0000000000000000"),
    ):
        ran = command("--config", str(empty), *argv)
        assert (ran.status, ran.out, ran.err) == (2, "", message), argv
    assert command("token", "list").out == "No tokens issued.\n"


BEFORE_ISSUERS = 11
"""The SQLite schema's version before step 12 added who issued and revoked
each token."""


def test_a_token_kept_before_issuers_were_recorded_lists_as_not_recorded(
    command: CommandLine, tmp_path: Path
) -> None:
    """A database at the schema version before the issuer's column, with a
    token issued and one revoked then, is upgraded when opened; ``token
    list`` says the issuer and revoker were not recorded, and ``null`` in
    its JSON."""
    path = tmp_path / "old.db"
    with sqlite3.connect(path, isolation_level=None) as db:
        db.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
            "applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
        )
        for version, statements in enumerate(MIGRATIONS[:BEFORE_ISSUERS], start=1):
            for statement in statements:
                db.execute(statement)
            db.execute("INSERT INTO schema_migrations (version) VALUES (?)", (version,))
        created = utc_text(pendulum.datetime(2025, 12, 1, 9, tz="UTC"))
        revoked = utc_text(pendulum.datetime(2025, 12, 2, 9, tz="UTC"))
        db.execute(
            "INSERT INTO api_tokens VALUES (?, ?, ?, ?, ?, ?)",
            ("tok_1", token_digest("cp_1"), "jsmith", "CRM", created, None),
        )
        db.execute(
            "INSERT INTO api_tokens VALUES (?, ?, ?, ?, ?, ?)",
            ("tok_2", token_digest("cp_2"), "apatel", "", created, revoked),
        )
    db.close()
    url = f"sqlite:///{path}"

    listed = command("--db", url, "token", "list")
    assert (listed.status, listed.err) == (0, "")
    assert listed.out == (
        f"tok_1  jsmith (CRM)  created {created} (issuer not recorded)  active\n"
        f"tok_2  apatel  created {created} (issuer not recorded)  "
        f"revoked {revoked} (revoker not recorded)\n"
    )
    found = command("--db", url, "token", "list", "--json").json
    assert [(each["issued_by"], each["revoked_by"]) for each in found] == [(None, None)] * 2

    assert command("--db", url, "--as", "lwong", "token", "revoke", "tok_1").status == 0
    assert command("--db", url, "token", "list").out.splitlines()[0] == (
        f"tok_1  jsmith (CRM)  created {created} (issuer not recorded)  revoked {CREATED} by lwong"
    )
