"""Found using the command line: after ``reassign`` a call was still
routed to the officer replaced, with two routes given (5.1); a decision of
no action had no letter (6.3, 7.4); and a purged case's letters were still
written, to "Dear [erased ...]" (7.2)."""

from __future__ import annotations

import pendulum

from support.command_line import DESIGNATE, CommandLine


def test_reassign_routes_calls_to_the_new_officer_only(command: CommandLine) -> None:
    case_id = command.warned()
    command.clock.set(pendulum.datetime(2026, 1, 30, 11, tz="Europe/London"))
    ran = command(
        "--as",
        "apatel",
        "designate",
        case_id,
        *DESIGNATE,
        "--adjustment",
        "channel=telephone;officer=lwong;May telephone Lee Wong",
    )
    assert ran.status == 0, ran.err
    assert command("--as", "lwong", "communicated", case_id, "--method", "letter").status == 0
    ran = command(
        "--as", "lwong", "reassign", case_id, "--from", "lwong", "--to", "jsmith",
        "--reason", "Lee moved team.",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    ran = command("--as", "kdaly", "check", "CRM-104233", "--channel", "telephone", "--preview")
    assert ran.status == 0, ran.err
    assert ran.facts["Route to"] == "jsmith"
    assert "lwong" not in ran.out
    shown = command("--as", "lwong", "show", case_id)
    assert shown.facts["Adjustments"] == (
        "May telephone Lee Wong; telephone stays open; officer jsmith"
    )


def test_the_no_action_letter_and_none_once_purged(command: CommandLine) -> None:
    case_id = command.report()
    ran = command("--as", "apatel", "no-action", case_id, "--reasons", "One incident only.")
    assert ran.status == 0, ran.err
    ran = command("--as", "lwong", "letter", case_id, "no-action")
    assert ran.status == 0, ran.err
    assert "NO ACTION WILL BE TAKEN UNDER THE COUNCIL'S CONTACT POLICY" in ran.out.splitlines()
    assert "One incident only." in ran.out.splitlines()
    # Told of it, so nothing owed waits on the case (7.2).
    assert command("--as", "lwong", "communicated", case_id, "--method", "letter").status == 0
    command.clock.set(pendulum.datetime(2028, 2, 1, 10, tz="Europe/London"))
    ran = command("--as", "lwong", "purge")
    assert ran.status == 0, ran.err
    for kind in ("no_action", "lifted", "warning"):
        ran = command("--as", "lwong", "letter", case_id, kind)
        assert (ran.status, ran.out) == (1, "")
        assert ran.err == (
            f"refused: cannot write the {kind.replace('_', ' ')} letter: the policy requires\n"
            "  - [7.2] the case's personal data was erased when it passed retention (purge): "
            "there is no customer to write to (personal_data_erased)\n"
        )
