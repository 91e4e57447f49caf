"""``token list`` writes one line per token whatever the width (a pipe, a
narrow terminal), as ``list`` does: a token's line was wrapped onto two at
80 columns."""

from __future__ import annotations

import json

import pytest

from support.command_line import CommandLine


def test_each_token_is_one_line_at_any_width(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    label = "Dynamics 365 integration user for Revenues and Benefits"
    first = command(
        "--as", "lwong", "token", "create", "--officer", "jsmith", "--label", label, "--json"
    ).json
    second = command("--as", "lwong", "token", "create", "--officer", "apatel", "--json").json
    command("--as", "lwong", "token", "revoke", second["id"])
    for columns in ("80", "40"):
        monkeypatch.setenv("COLUMNS", columns)
        listed = command("token", "list")
        assert (listed.status, listed.err) == (0, "")
        # Created at the same instant: the oldest first, then by id.
        assert listed.out == "".join(
            sorted(
                [
                    f"{first['id']}  jsmith ({label})  created 2026-01-05T09:30:00+00:00 "
                    "by lwong  active\n",
                    f"{second['id']}  apatel  created 2026-01-05T09:30:00+00:00 by lwong  "
                    "revoked 2026-01-05T09:30:00+00:00 by lwong\n",
                ]
            )
        )
    assert sorted(json.loads(command("token", "list", "--json").out), key=str) == sorted(
        [
            {
                "id": first["id"],
                "officer_id": "jsmith",
                "label": label,
                "created_at": "2026-01-05T09:30:00+00:00",
                "revoked_at": None,
                "issued_by": "lwong",
                "revoked_by": None,
                "valid": True,
                "problem": None,
            },
            {
                "id": second["id"],
                "officer_id": "apatel",
                "label": "",
                "created_at": "2026-01-05T09:30:00+00:00",
                "revoked_at": "2026-01-05T09:30:00+00:00",
                "issued_by": "lwong",
                "revoked_by": "lwong",
                "valid": True,
                "problem": None,
            },
        ],
        key=str,
    )


def test_a_label_with_a_line_break_stays_on_its_line(command: CommandLine) -> None:
    issued = command(
        "--as",
        "lwong",
        "token",
        "create",
        "--officer",
        "jsmith",
        "--label",
        "CRM\nsecond",
        "--json",
    )
    assert issued.status == 0, issued.err
    listed = command("token", "list")
    assert listed.out.count("\n") == 1
    assert "\\n" in listed.out
