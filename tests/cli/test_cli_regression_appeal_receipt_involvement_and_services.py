"""At the command line: an appeal made at the point of contact is received
when the contact was made (8.1); the officer who corrected the record does
not decide the appeal (8.1); a service that is none of the configuration's
teams is refused (5.1, 9.1). Each refusal writes nothing."""

from __future__ import annotations

import pendulum

from support.command_line import CUSTOMER, DESIGNATE, CommandLine

LONDON = "Europe/London"


def _appeal_made(command: CommandLine) -> tuple[str, str]:
    """A case told of its designation, and an appeal made by email at 09:00
    on Monday 2 February 2026 (contact 1); the clock at 31 March. Its id,
    and the contact id."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 2, 2, 9, tz=LONDON))
    ran = command(
        "--as", "kdaly", "check", CUSTOMER, "--channel", "email", "--purpose", "appeal",
        "--department", "Revenues and Benefits", "--json",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    command.clock.set(pendulum.datetime(2026, 3, 31, 9, tz=LONDON))
    return case_id, str(ran.json["contact_id"])


def test_a_later_received_for_the_contact_is_refused(command: CommandLine) -> None:
    """The reproduction: ``--received`` of the day recorded, with the
    contact, is refused naming --received; without the contact, refused
    while it waits; with the contact alone, received when it was made."""
    case_id, contact_id = _appeal_made(command)
    before = command.record()
    record = ("--as", "lwong", "appeal", "record", case_id, "--grounds", "Email only is hard.")
    ran = command(*record, "--contact-id", contact_id, "--received", "2026-03-31")
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == (
        "refused: cannot run 'appeal record': the policy requires\n"
        "  - [8.1] --received (31 March 2026 00:00) is not when contact 1 was made "
        "(2 February 2026 09:00): an appeal made at the point of contact was received then, "
        "and its decision is due counted from then; leave --received out "
        "(appeal_received_not_contact)\n"
    )
    ran = command(*record)
    assert ran.err == (
        "refused: cannot run 'appeal record': the policy requires\n"
        "  - [8.1] an appeal made at the point of contact waits to be recorded on this case "
        "(contact 1): record it with its contact id, so its decision is due counted from when "
        "it was made, or first record how it was dealt with otherwise "
        "(appeal_contact_waiting)\n"
    )
    assert command.record() == before
    ran = command(*record, "--contact-id", contact_id)
    assert (ran.status, ran.out) == (0, f"Case {case_id} is appealed.\n")
    shown = command("--as", "lwong", "show", case_id).facts
    assert shown["Appeal to decide by"] == "2 March 2026 (past its deadline) (8.1)"


def test_the_officer_who_corrected_the_record_may_not_decide_the_appeal(
    command: CommandLine,
) -> None:
    """An officer of the records team who also decides appeals corrects an
    incident, then is refused the appeal."""
    with (command.folder / "contactpolicy.toml").open("a", encoding="utf-8") as config:
        config.write(
            '\n[[officers]]\nid = "rgrant"\nname = "Rory Grant"\n'
            'roles = ["records", "appeal_decider"]\n'
        )
    case_id = command.told()
    ran = command("--as", "lwong", "appeal", "record", case_id, "--grounds", "Unfair.")
    assert ran.status == 0, ran.err
    ran = command(
        "--as", "rgrant", "rectify", case_id, "--field", "incident.2.description",
        "--value", "Called 3 times after the warning.", "--reason", "Miscounted.",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    before = command.record()
    ran = command(
        "--as", "rgrant", "appeal", "decide", case_id, "--outcome", "dismissed",
        "--reasons", "The restriction stands.",
    )  # fmt: skip
    assert (ran.status, ran.err) == (
        1,
        "refused: [8.1] officer 'rgrant' may not run 'appeal decide': an appeal is heard by an "
        "officer not involved in the case; this officer corrected the record\n",
    )
    assert command.record() == before


def test_a_service_that_is_no_team_is_refused_and_a_team_applies(command: CommandLine) -> None:
    """``--service Revenues`` is refused, naming --service and the teams;
    ``--service "revenues and benefits"`` applies to a call to Revenues and
    Benefits once the customer is told."""
    case_id = command.warned()
    command.clock.set(pendulum.datetime(2026, 1, 30, 11, tz=LONDON))
    before = command.record()
    designate = ("--as", "apatel", "designate", case_id, *DESIGNATE[:-2])
    ran = command(*designate, "--service", "Revenues")
    assert ran.err == (
        "refused: cannot run 'designate': the policy requires\n"
        "  - [5.1] each service named (--service) must be one of the council's teams, "
        "'Policy and Information' or 'Revenues and Benefits': service 1 of the 1 named matches "
        "none, so the "
        "restrictions would apply at no contact for it and no manager would be told of them "
        "(9.1) (unknown_service)\n"
    )
    assert command.record() == before
    ran = command(*designate, "--service", "revenues and benefits")
    assert ran.status == 0, ran.err
    ran = command("--as", "lwong", "communicated", case_id, "--method", "letter")
    assert ran.status == 0, ran.err
    ran = command(
        "--as", "kdaly", "check", CUSTOMER, "--channel", "telephone",
        "--department", "Revenues and Benefits", "--preview", "--json",
    )  # fmt: skip
    assert (ran.json["allowed"], ran.json["accepted_channels"]) == (False, ["email"])
