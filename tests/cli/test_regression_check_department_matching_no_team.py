"""``check --department Revenues`` for restrictions covering "Revenues and
Benefits" answered "No restriction applies." (5.1). With the council's
officers configured, a department that matches none of their teams now gets
the reason line of an unknown service, as a contact with no department
does, naming the services and the teams but not the department typed."""

from __future__ import annotations

import pendulum

from support.command_line import CUSTOMER, DESIGNATE, CommandLine

SCOPED = (
    *DESIGNATE[: DESIGNATE.index("--council-wide-because")],
    "--service",
    "Revenues and Benefits",
)
"""A designation that meets every condition, for the Revenues and Benefits service."""
UNKNOWN = [
    "- Restrictions cover contacts for Revenues and Benefits only (5.1): the ",
    "department given for this contact matches none of the council's teams (Policy ",
    "and Information or Revenues and Benefits), so its service is not known and they ",
    "are not applied; if it is for one of those services, decide it again naming the ",
    "service as its team is named.",
    "A preview: the contact was not logged.",
]


def _told(command: CommandLine) -> None:
    case_id = command.warned()
    command.clock.set(pendulum.datetime(2026, 1, 30, 11, tz="Europe/London"))
    ran = command("--as", "apatel", "designate", case_id, *SCOPED)
    assert ran.status == 0, ran.err
    ran = command("--as", "lwong", "communicated", case_id, "--method", "letter")
    assert ran.status == 0, ran.err
    command.clock.set(pendulum.datetime(2026, 3, 5, 10, tz="Europe/London"))


def _check(command: CommandLine, *department: str) -> list[str]:
    ran = command(
        "--as", "kdaly", "check", CUSTOMER, "--channel", "telephone", *department, "--preview"
    )
    assert ran.status == 0, ran.err
    return ran.out.splitlines()


def test_a_department_short_of_the_team_s_name_is_told_as_an_unknown_service(
    command: CommandLine,
) -> None:
    _told(command)
    for department in ("Revenues", "Benefits", "Priya Shah 07700900123"):
        out = _check(command, "--department", department)
        assert out[-6:] == UNKNOWN
        assert ("No restriction applies." in out, "07700900123" in "\n".join(out)) == (
            False,
            False,
        )


def test_the_team_s_own_name_meets_the_restrictions(command: CommandLine) -> None:
    _told(command)
    out = _check(command, "--department", "revenues and benefits")
    assert out[-4:] == [
        "- Contact is limited to email (5.1): do not accept this telephone contact; tell ",
        "the customer to use email.",
        "- Pass it to the single point of contact, officer lwong (5.1).",
        "A preview: the contact was not logged.",
    ]
