"""Regression: at the command line, an appeal varying "email only" to a call
limit was refused as tightening (8.1, ``appeal_tightens``). A call limit
refuses nothing email only allowed, so the variation is accepted and the
telephone is open again at once; a call time limit, which cuts short a call
on a new issue that email only takes in full (7.3), is still refused."""

from __future__ import annotations

import pendulum

from support.command_line import CUSTOMER, CommandLine

LONDON = "Europe/London"


def _decide(command: CommandLine, case_id: str, *restrict: str) -> tuple[int, str, str]:
    options = [each for limit in restrict for each in ("--restrict", limit)]
    ran = command(
        "--as",
        "mobrien",
        "appeal",
        "decide",
        case_id,
        "--outcome",
        "varied",
        "--reasons",
        "Phone allowed, limited.",
        *options,
    )
    return ran.status, ran.out, ran.err


def test_an_appeal_varied_from_email_only_to_a_call_limit_opens_the_telephone(
    command: CommandLine,
) -> None:
    """The reproduction: a call time limit is refused in words that say it
    limits contact in force allows; a call limit is accepted, and a call is
    taken as the first of two in any seven days."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 2, 10, 9, tz=LONDON))
    ran = command("--as", "lwong", "appeal", "record", case_id, "--grounds", "Email is hard.")
    assert ran.status == 0, ran.err
    assert _call(command)[0] == "Take it            NO, do not take it"
    kept = "single-point-of-contact=lwong"
    assert _decide(command, case_id, kept, "call-time-limit=10") == (
        1,
        "",
        "refused: cannot run 'appeal decide': the policy requires\n"
        "  - [8.1] the variation sets a call time limit of 10 minutes (cutting short a call "
        "those in force let last longer): an appeal may remove or relax the restrictions, "
        "or replace them with ones no "
        "stricter; restrictions are made stricter only by the decision maker (6.1), on a "
        "review with evidence (7.2, 7.3) (appeal_tightens)\n",
    )
    status, out, err = _decide(command, case_id, kept, "call-limit=2/week")
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == f"Case {case_id} is designated; review due 30 April 2026."
    assert _call(command)[:2] == ["Take it            YES", "Route to           lwong"]
    assert "- This is call 1 of at most 2 in any 7 days (5.1)." in _call(command)


def _call(command: CommandLine) -> list[str]:
    """``check`` of a telephone call from the customer, previewed: its
    lines after the first, trailing spaces dropped."""
    ran = command("--as", "kdaly", "check", CUSTOMER, "--channel", "telephone", "--preview")
    assert ran.status == 0, ran.err
    return [line.rstrip() for line in ran.out.splitlines()[1:]]
