"""``check --purpose appeal`` for a reference with no case said only that no
case is recorded for it: nothing told the officer that it cannot be an
appeal under the policy (8.1). It now says so, and to deal with it as a
complaint or enquiry on its merits: register it and reply."""

from __future__ import annotations

from support.command_line import CommandLine

NOT_AN_APPEAL = (
    "- An appeal against the decision or its restrictions (8.1): no restriction is on record "
    "for this customer, so it is not an appeal under this policy; deal with it as a complaint "
    "or enquiry on its merits: register it and reply."
)


def test_check_an_appeal_with_no_case_says_it_is_no_appeal(command: CommandLine) -> None:
    """Status 0; taken, registered and answered; both lines, then logged."""
    command.report()
    ran = command("--as", "kdaly", "check", "CRM-99", "--channel", "letter", "--purpose", "appeal")
    assert ran.status == 0
    assert (ran.facts["Take it"], ran.facts["Register it"], ran.facts["Reply"]) == (
        "YES",
        "yes",
        "yes",
    )
    assert ran.facts["Route to"] == "whoever receives it"
    said = " ".join(ran.out.split("\n\n", 1)[1].split())
    assert said == (
        "- No case is recorded for customer reference CRM-99: check the reference. "
        f"{NOT_AN_APPEAL} Logged."
    )


def test_check_an_appeal_with_no_case_as_json(command: CommandLine) -> None:
    """``--json`` holds the same reasons."""
    command.report()
    ran = command(
        "--as", "kdaly", "check", "CRM-99", "--channel", "letter", "--purpose", "appeal", "--json"
    )
    assert ran.status == 0
    assert ran.json["reasons"] == [
        "No case is recorded for customer reference CRM-99: check the reference.",
        NOT_AN_APPEAL.removeprefix("- "),
    ]
