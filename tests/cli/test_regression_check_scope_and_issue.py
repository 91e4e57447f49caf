"""Regression: ``check`` applied restrictions beyond or short of what was
decided (5.1). Two calls to another team used up a call limit decided for
Revenues and Benefits only, so the customer's first call to that service
was refused; and an email naming no issue, under no further enquiries on
an issue, was answered "No restriction applies."."""

from __future__ import annotations

import pendulum

from support.command_line import CUSTOMER, DESIGNATE, CommandLine, Ran

ASSESSED = DESIGNATE[: DESIGNATE.index("--restrict")]
"""The assessment and reasons of a designation that meets every condition."""
REVENUES = "Revenues and Benefits"


def _told(command: CommandLine, restriction: str) -> None:
    """CRM-104233 designated with ``restriction`` for Revenues and Benefits
    only, and told; the clock at 10:00 on 5 March 2026."""
    case_id = command.warned()
    command.clock.set(pendulum.datetime(2026, 1, 30, 11, tz="Europe/London"))
    ran = command(
        "--as", "apatel", "designate", case_id, *ASSESSED,
        "--restrict", restriction, "--service", REVENUES,
    )  # fmt: skip
    assert ran.status == 0, ran.err
    ran = command("--as", "lwong", "communicated", case_id, "--method", "letter")
    assert ran.status == 0, ran.err
    command.clock.set(pendulum.datetime(2026, 3, 5, 10, tz="Europe/London"))


def _check(command: CommandLine, channel: str, *more: str) -> Ran:
    ran = command("--as", "kdaly", "check", CUSTOMER, "--channel", channel, *more)
    assert ran.status == 0, ran.err
    return ran


def test_calls_to_another_team_do_not_use_up_a_revenues_call_limit(
    command: CommandLine,
) -> None:
    _told(command, "call-limit=2/day")
    for _ in range(2):
        command.clock.advance(minutes=5)
        other = _check(command, "telephone", "--department", "Policy and Information")
        assert other.facts["Take it"] == "YES"
        assert "No restriction applies." in other.out.splitlines()
    command.clock.advance(minutes=5)
    ran = _check(command, "telephone", "--department", REVENUES, "--preview")
    assert ran.facts["Take it"] == "YES"
    assert ran.out.splitlines()[-2:] == [
        "- This is call 1 of at most 2 in any day (5.1).",
        "A preview: the contact was not logged.",
    ]


def test_check_without_an_issue_says_the_restriction_was_not_applied(
    command: CommandLine,
) -> None:
    _told(command, "no-further-enquiries=council tax")
    ran = _check(command, "email", "--department", REVENUES, "--preview")
    assert (ran.facts["Register it"], "No restriction applies." in ran.out) == ("yes", False)
    assert ran.out.splitlines()[-4:] == [
        "- Further enquiries or complaints about 'council tax' are not registered (5.1): ",
        "this contact's issue is not known, so that restriction is not applied; if it is ",
        "about 'council tax', decide it again naming the issue.",
        "A preview: the contact was not logged.",
    ]
    named = _check(command, "email", "--department", REVENUES, "--issue", "Council Tax")
    assert named.facts["Register it"] == "no"
