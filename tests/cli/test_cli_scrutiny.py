"""The command line's options for issue 12: the warning's content, the
evidence base, lengths, overrides, concerns and no action (6.1-6.4, 7.2)."""

import pendulum

from contactpolicy.stores import SQLiteStore

from support.command_line import DESIGNATE, CommandLine

LONDON = "Europe/London"


def test_show_gives_the_evidence_the_overrides_and_the_length(command: CommandLine) -> None:
    """``designate --evidence --override --ends-on`` are kept and shown."""
    case_id = command.warned()
    command.clock.set(pendulum.datetime(2026, 1, 30, 11, tz=LONDON))
    ran = command(
        "--as",
        "apatel",
        "designate",
        case_id,
        *DESIGNATE,
        "--evidence",
        "2",
        "--evidence-because",
        "Logged by the contact centre.",
        "--ends-on",
        "2026-03-31",
        "--ends-on-because",
        "Two months covers the billing cycle.",
    )
    assert ran.status == 0, ran.err
    facts = command("--as", "lwong", "show", case_id).facts
    assert facts["Evidence"] == "incidents 2"
    assert facts["Ends on"] == "31 March 2026: Two months covers the billing cycle."
    designation = SQLiteStore(command.folder / "contactpolicy.db").load(case_id).designation
    assert designation is not None
    assert designation.assessment.evidence_because == "Logged by the contact centre."


def test_an_override_is_code_equals_reason(command: CommandLine) -> None:
    """``--override CODE=REASON``; a code the policy does not make soft is
    refused naming the codes, and a malformed one shows the form."""
    case_id = command.report()
    assert command("--as", "jsmith", "warn", case_id, "--method", "letter").status == 0
    ran = command("--as", "apatel", "designate", case_id, *DESIGNATE, "--override", "oops")
    assert (ran.status, ran.err) == (
        2,
        "error: --override: write it as CODE=REASON, such as evidence_stale=why\n",
    )
    ran = command(
        "--as", "apatel", "designate", case_id, *DESIGNATE, "--override", "issue_not_investigated=x"
    )
    assert ran.status == 2
    assert "codes: evidence_stale, no_incident_since_decision" in ran.err
    ran = command(
        "--as",
        "apatel",
        "designate",
        case_id,
        *DESIGNATE,
        "--override",
        "no_incident_since_warning=Calls went on through a relative.",
    )
    assert ran.status == 0, ran.err
    assert command("--as", "lwong", "show", case_id).facts["Overridden"] == (
        "no_incident_since_warning: Calls went on through a relative."
    )


def test_a_concern_is_taken_up_and_decided_no_action(command: CommandLine) -> None:
    """``concern``, ``concerns``, ``request`` and ``no-action`` (6.1)."""
    ran = command(
        "--as",
        "kdaly",
        "concern",
        "CRM-104233",
        "--name",
        "Sam Taylor",
        "--behaviour",
        "other",
        "--channel",
        "face_to_face",
        "--description",
        "Waited outside for a colleague.",
        "--json",
    )
    assert ran.status == 0, ran.err
    case_id = ran.json["id"]
    assert ran.json["state"] == "concern"
    listed = command("--as", "jsmith", "concerns")
    assert listed.rows[4][0] == case_id
    assert command("--as", "lwong", "concerns").out == "No concern is waiting for you.\n"
    ran = command("--as", "jsmith", "request", case_id, "--issue", "council tax bill")
    assert ran.out == f"Case {case_id} is reported: action requested.\n"
    ran = command("--as", "apatel", "no-action", case_id, "--reasons", "One incident.")
    assert ran.out == f"Case {case_id} is closed: no action (6.1).\n"
    assert command("--as", "lwong", "show", case_id).facts["Closed"] == (
        "5 January 2026 09:30 by apatel (no action): One incident."
    )


def test_warn_names_its_incidents_behaviours_and_day(command: CommandLine) -> None:
    """``warn --at --incident --behaviour`` (6.3); a number not on file is
    refused with how many there are."""
    case_id = command.report()
    ran = command("--as", "jsmith", "warn", case_id, "--method", "letter", "--incident", "3")
    assert (ran.status, ran.err) == (
        2,
        "error: --incident: names a number the case has none of: it has 1, numbered "
        "from 1 as 'contactpolicy show' numbers them\n",
    )
    ran = command(
        "--as",
        "jsmith",
        "warn",
        case_id,
        "--method",
        "letter",
        "--at",
        "2026-01-03 10:00",
        "--incident",
        "1",
        "--behaviour",
        "excessive_demands",
        "--behaviour",
        "threats",
    )
    assert ran.status == 0, ran.err
    facts = command("--as", "lwong", "show", case_id).facts
    assert facts["Warned"] == (
        "3 January 2026 10:00 by jsmith, letter: no initial measures (recorded 5 January 2026)"
    )
    assert facts["Warned about"] == "excessive demands, threats"


def test_an_appeal_that_tightens_is_refused_even_reassessed(command: CommandLine) -> None:
    """``appeal decide --outcome varied`` adding a call time limit is
    refused, with or without ``--reassess`` (``appeal_tightens``, 8.1: only
    the decision maker makes restrictions stricter, 6.1); one that removes a
    restriction is decided, keeping an assessment given. (This test once
    expected a call limit accepted when reassessed, then refused; email only
    already refuses every ordinary call, so a call limit adds nothing.)"""
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 2, 10, 9, tz=LONDON))
    assert command("--as", "lwong", "appeal", "record", case_id, "--grounds", "Unfair.").status == 0
    decide = ("--as", "mobrien", "appeal", "decide", case_id, "--outcome", "varied")
    varied = (*decide, "--reasons", "Calls as well.", "--restrict", "single-contact-method=email")
    tightening = "call-time-limit=5"
    for reassess in ((), ("--reassess", *DESIGNATE[:4])):
        ran = command(*varied, "--restrict", tightening, *reassess)
        assert (ran.status, ran.err.splitlines()[-1]) == (
            1,
            "  - [8.1] the variation sets a call time limit of 5 minutes (cutting short a call "
            "those in force let last longer): an appeal may remove or relax the restrictions, "
            "or replace them with ones "
            "no stricter; restrictions are made stricter only by the decision maker (6.1), on "
            "a review with evidence (7.2, 7.3) (appeal_tightens)",
        )
    ran = command(*varied, "--reassess", *DESIGNATE[:4])
    assert ran.out == f"Case {case_id} is designated; review due 30 April 2026.\n"
    appeal = SQLiteStore(command.folder / "contactpolicy.db").load(case_id).appeal
    assert appeal is not None
    assert appeal.assessment is not None
    assert appeal.assessment.adjustments_considered is True
