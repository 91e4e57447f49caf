"""Regression: ``letter`` and ``webhook list`` refused a member of staff
naming the roles that may by their codes (``only decision_maker or records
may ...``); they now name the council's titles, as every other refusal at
the command line does (6.3, 9.1)."""

from __future__ import annotations

from support.command_line import CommandLine


def test_the_letter_refused_names_the_titles(command: CommandLine) -> None:
    """kdaly (staff) asking for the designation letter is told who may write it."""
    case_id = command.designated()
    refused = command("--as", "kdaly", "letter", case_id, "designation")
    assert (refused.status, refused.out) == (1, "")
    assert refused.err == (
        "refused: [6.3] officer 'kdaly' may not write the designation letter: only Head of "
        "Policy, Communications and Governance or Policy and Information team may write the "
        "designation letter\n"
    )


def test_webhook_list_refused_names_the_titles(command: CommandLine) -> None:
    """kdaly (staff) listing webhooks is told who may."""
    refused = command("--as", "kdaly", "webhook", "list")
    assert (refused.status, refused.out) == (1, "")
    assert refused.err == (
        "refused: [9.1] officer 'kdaly' may not list webhooks: only Head of Policy, "
        "Communications and Governance or Policy and Information team may list webhooks\n"
    )
