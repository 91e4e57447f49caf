"""Regression: ``verify`` with a key that matches none of the records
signed under its key id said so, then closed with "Every record was
checked with the audit key given." (untrue: none of them could be told
from a changed one). Now the closing line names the key id and says those
records were not checked with the key (7.4), for one case and for the
whole store."""

from __future__ import annotations

import pytest

from support.command_line import CommandLine

RIGHT = "11" * 32
WRONG = "33" * 32
PROBLEM = (
    "  - the audit key given for key id 'default': matches none of the 4 records signed "
    "with it: it is not the key they were signed with (or every one of them was changed)"
)
CLOSING = (
    "Not checked with the key: the audit key given for key id 'default' matched none of the "
    "records signed under it, so whether they were changed cannot be told. Give the key they "
    "were signed with to check them (7.4)."
)


def test_verify_all_with_a_key_matching_nothing_does_not_say_every_record_was_checked(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole store, then the one case, with the wrong key: the problem
    once, then the closing line naming the key id; status 1."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", RIGHT)
    case_id = command.designated()
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", WRONG)
    store = command("verify", "--all")
    assert (store.status, store.out) == (
        1,
        "The audit trail is NOT intact (1 case, 4 events, 0 contact log entries, 0 seals):\n"
        f"{PROBLEM}\n{CLOSING}\n",
    )
    one = command("verify", case_id)
    assert (one.status, one.out) == (
        1,
        f"Case {case_id}: the audit trail is NOT intact:\n{PROBLEM}\n{CLOSING}\n",
    )


def test_the_right_key_still_closes_with_every_record_checked(
    command: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same store with the key it was signed with: intact, and every
    record checked with it."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", RIGHT)
    command.designated()
    store = command("verify", "--all")
    assert (store.status, store.out) == (
        0,
        "The audit trail is intact (1 case, 4 events, 0 contact log entries, 0 seals).\n"
        "Every record was checked with the audit key given.\n",
    )
