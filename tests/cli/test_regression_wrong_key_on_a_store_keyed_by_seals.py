"""Regression: on a store whose only signed records are an API token and a
webhook subscription sealed with the audit key, a wrong key was refused to
every command that writes, but ``token list`` and ``webhook list`` named
each record "not valid: its record was changed after it was issued/added",
and ``verify --all`` named each as changed and closed with "Every record
was checked with the audit key given." (7.4). Readers now judge the key by
the same records as writers (``casework.signing.key_not_matched``): the
seals cannot be checked with that key, which is said once."""

from __future__ import annotations

import pytest

from support.command_line import CommandLine

RIGHT = "11" * 32
WRONG = "33" * 32
NOT_MATCHED = (
    "Seals not checked: the audit key given for key id 'default' (CONTACTPOLICY_AUDIT_KEY) is "
    "not the one the records were signed and sealed with (or every record signed under it "
    "was changed), so none of these can be told valid."
)
REFUSED = (
    "error: [7.4] CONTACTPOLICY_AUDIT_KEY: the key given does not match the one the records "
    "under key id 'default' were signed with (or those records were changed: verify says "
    "which), so nothing it signed could be verified, and nothing was written: give the key "
    "they were signed with, or a new key under a new key id to rotate (docs/audit.md, "
    "Setting up the key)"
)
MEANWHILE = (
    ". Meanwhile, the same check with --preview says how to handle the contact without "
    "logging it; ask the records officer for the audit key to log contacts again\n"
)


@pytest.fixture
def wrong(command: CommandLine, monkeypatch: pytest.MonkeyPatch) -> CommandLine:
    """A token for kdaly and a webhook subscription ``crm``, sealed with
    ``RIGHT``, no case and no contact; then ``WRONG`` given in its place."""
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", RIGHT)
    issued = command("--as", "lwong", "token", "create", "--officer", "kdaly", "--label", "CRM")
    assert issued.status == 0, issued.err
    added = command(
        "--as", "lwong", "webhook", "add", "https://crm.example.gov.uk/h", "--id", "crm"
    )
    assert added.status == 0, added.err
    monkeypatch.setenv("CONTACTPOLICY_AUDIT_KEY", WRONG)
    return command


def test_the_lists_say_once_that_the_seals_could_not_be_checked(wrong: CommandLine) -> None:
    tokens = wrong("token", "list")
    assert (tokens.status, tokens.out.splitlines()[1:]) == (0, [NOT_MATCHED])
    assert [row["valid"] for row in wrong("token", "list", "--json").json] == [None]
    webhooks = wrong("--as", "lwong", "webhook", "list")
    assert (webhooks.status, webhooks.out.splitlines()) == (
        0,
        ["crm  https://crm.example.gov.uk/h  every kind", NOT_MATCHED],
    )


def test_verify_all_names_no_record_as_changed(wrong: CommandLine) -> None:
    checked = wrong("verify", "--all")
    assert (checked.status, checked.out.splitlines()) == (
        1,
        [
            "The audit trail is NOT intact (0 cases, 0 events, 0 contact log entries, 0 seals):",
            "  - the API tokens and webhook subscriptions sealed under key id 'default': the "
            "seals of 2 records could not be checked: the key given for that id is not the "
            "one they were sealed with (or every record signed under it was changed)",
            "Not checked with the key: the audit key given for key id 'default' matched none of "
            "the records signed under it, so whether they were changed cannot be told. Give the "
            "key they were signed with to check them (7.4).",
        ],
    )


def test_a_contact_checked_with_the_wrong_key_is_refused(wrong: CommandLine) -> None:
    checked = wrong("--as", "jsmith", "check", "CRM-1", "--channel", "telephone")
    assert (checked.status, checked.out, checked.err) == (2, "", REFUSED + MEANWHILE)
