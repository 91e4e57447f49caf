"""Regression: ``check`` at the point of contact, refused for the audit key
(a wrong key, or none on a store signed with one), left the person on the
telephone with no handling and no idea what to do (7.4). Nothing is still
written, and the message now says that ``check --preview`` gives the
handling without logging the contact, and to ask the records officer for
the key; the preview gives it."""

from __future__ import annotations

import json

import pytest

from support.command_line import CUSTOMER, CommandLine

RIGHT = "11" * 32
WRONG = "33" * 32
CHECK = ("--as", "kdaly", "check", CUSTOMER, "--channel", "telephone")
MEANWHILE = (
    ". Meanwhile, the same check with --preview says how to handle the contact without "
    "logging it; ask the records officer for the audit key to log contacts again"
)
WRONG_KEY = (
    "[7.4] CONTACTPOLICY_AUDIT_KEY: the key given does not match the one the records under "
    "key id 'default' were signed with (or those records were changed: verify says which), so "
    "nothing it signed could be verified, and nothing was written: give the key they were "
    "signed with, or a new key under a new key id to rotate (docs/audit.md, Setting up the key)"
)
NO_KEY = (
    "[7.4] the audit key: the records are signed under key id 'default', which was not given, "
    "and nothing was written: give the audit key (the file the configuration's audit_key_file "
    "names, or CONTACTPOLICY_AUDIT_KEY) to write (docs/audit.md, Setting up the key)"
)


@pytest.fixture
def designated(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> CommandLine:
    """The customer designated, email only, on a store signed with ``RIGHT``."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", RIGHT)
    command.designated()
    return command


def test_with_the_wrong_key_check_says_to_preview_and_ask_for_the_key(
    designated: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = designated.record()
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", WRONG)
    ran = designated(*CHECK)
    assert (ran.status, ran.out, ran.err) == (2, "", f"error: {WRONG_KEY}{MEANWHILE}\n")
    assert designated.record() == held
    preview = designated(*CHECK, "--preview")
    assert (preview.status, preview.out.splitlines()[-1]) == (
        0,
        "A preview: the contact was not logged.",
    )
    assert designated.record() == held


def test_without_the_key_check_says_the_same_in_json(
    designated: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = designated.record()
    monkeypatch.delenv("CONTACTPOLICY_AUDIT_KEY")
    ran = designated(*CHECK, "--json")
    assert (ran.status, ran.out, json.loads(ran.err)) == (
        2,
        "",
        {"status": 2, "error": "wrong_input", "message": f"{NO_KEY}{MEANWHILE}"},
    )
    assert designated.record() == held
