"""Regression, at the command line: ``check --purpose appeal`` while an
earlier appeal waited printed "Register it  yes" and "accept, register and
answer it", though ``appeal record --contact-id`` refuses it
(``appeal_during_earlier_appeal``, 8.1); once the first appeal was decided,
``show`` listed it under "To act on" with a decision due and "(past its
deadline)". Now ``check`` says it is part of the appeal that waits and not
registered, and ``show`` gives it no deadline: it is dealt with otherwise.
"""

from __future__ import annotations

import pendulum

from support.command_line import CommandLine

LONDON = "Europe/London"
PART_OF = (
    "- An appeal against the decision or its restrictions (8.1): part of the appeal "
    "received on 10 February 2026, not a new one, so it is not registered as an appeal; "
    "accept and answer it whatever the restrictions, and pass it to the Policy and "
    "Information team to deal with otherwise. Logged."
)


def _reasons(out: str) -> str:
    """The reason lines after ``check``'s facts and the word that it was
    logged, each wrapped line joined."""
    lines = out.split("\n\n", 1)[1].splitlines()
    return " ".join(line.strip() for line in lines)


def test_an_appeal_made_while_one_waits_is_not_registered(command: CommandLine) -> None:
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 2, 10, 9, tz=LONDON))
    ran = command("--as", "lwong", "appeal", "record", case_id, "--grounds", "Email is hard.")
    assert ran.status == 0, ran.err
    command.clock.set(pendulum.datetime(2026, 2, 12, 10, tz=LONDON))
    ran = command(
        "--as", "kdaly", "check", "CRM-104233", "--channel", "letter",
        "--department", "Revenues and Benefits", "--purpose", "appeal",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    assert (ran.facts["Register it"], ran.facts["Take it"], ran.facts["Reply"]) == (
        "no",
        "YES",
        "yes",
    )
    assert _reasons(ran.out) == PART_OF
    contact_id = ran.facts["Contact id"]
    command.clock.set(pendulum.datetime(2026, 3, 10, 10, tz=LONDON))
    ran = command(
        "--as", "mobrien", "appeal", "decide", case_id, "--outcome", "dismissed",
        "--reasons", "Email can be sent at any hour.",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    command.clock.set(pendulum.datetime(2026, 4, 20, 10, tz=LONDON))
    shown = command("--as", "lwong", "show", case_id)
    assert shown.facts["To act on (8.1, 6.3, 5.1, 7.4)"] == (
        f"appeal, contact {contact_id}, letter of 12 February 2026 10:00, for the Policy and "
        "Information team; not an appeal of its own: deal with it otherwise (8.1)"
    )
    ran = command(
        "--as", "lwong", "appeal", "record", case_id, "--grounds", "g",
        "--contact-id", contact_id,
    )  # fmt: skip
    assert (ran.status, ran.out) == (1, "")
    assert ran.err.endswith("(appeal_during_earlier_appeal)\n")
