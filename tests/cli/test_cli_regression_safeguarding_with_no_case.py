"""``check --purpose safeguarding`` for a reference with no case said
``Escalate: no``: nobody was told to pass the concern on. It is escalated
whoever the customer (5.1)."""

from __future__ import annotations

from support.command_line import CommandLine

NO_CASE = "No case is recorded for customer reference CRM-99: check the reference."


def test_check_a_safeguarding_concern_with_no_case_escalates_it(command: CommandLine) -> None:
    """Status 0; taken, registered, answered and escalated; then logged."""
    command.report()
    ran = command(
        "--as", "kdaly", "check", "CRM-99", "--channel", "telephone", "--purpose", "safeguarding"
    )
    assert ran.status == 0
    assert (
        ran.facts["Take it"],
        ran.facts["Register it"],
        ran.facts["Reply"],
        ran.facts["Escalate"],
    ) == ("YES", "yes", "yes", "yes")
    assert ran.facts["Route to"] == "whoever receives it"
    said = " ".join(ran.out.split("\n\n", 1)[1].split())
    assert said == f"- {NO_CASE} Logged."


def test_check_a_safeguarding_concern_with_no_case_as_json(command: CommandLine) -> None:
    """``--json`` says the same."""
    command.report()
    ran = command(
        "--as",
        "kdaly",
        "check",
        "CRM-99",
        "--channel",
        "email",
        "--purpose",
        "safeguarding",
        "--json",
    )
    assert ran.status == 0
    assert (ran.json["escalate"], ran.json["reasons"]) == (True, [NO_CASE])
