"""At the point of contact and before a decision: check and evidence."""

from __future__ import annotations

import pendulum

from contactpolicy.stores import SQLiteStore

from support.command_line import CUSTOMER, CommandLine


def _logged(command: CommandLine) -> int:
    return len(SQLiteStore(command.folder / "contactpolicy.db").contacts(CUSTOMER))


def test_check_refuses_a_call_under_a_single_contact_method_and_logs_it(
    command: CommandLine,
) -> None:
    """``check`` prints the handling instruction with its reasons, and logs the contact."""
    command.told()
    command.clock.set(pendulum.datetime(2026, 2, 3, 9, tz="Europe/London"))
    ran = command("--as", "lwong", "check", CUSTOMER, "--channel", "telephone")
    assert ran.status == 0
    assert ran.facts == {
        "Contact": "telephone from CRM-104233, 3 February 2026 09:00",
        "Contact id": "1",
        "Take it": "NO, do not take it",
        "Route to": "lwong",
        "Time limit": "none",
        "Register it": "no",
        "Reply": "no",
        "Review needed": "no (7.3)",
        "Escalate": "no",
        "Channels accepted": "email",
    }
    assert ran.out.splitlines()[-4:] == [
        "- Contact is limited to email (5.1): do not accept this telephone contact; tell ",
        "the customer to use email.",
        "- Pass it to the single point of contact, officer lwong (5.1).",
        "Logged.",
    ]
    assert _logged(command) == 1


def test_check_preview_logs_nothing_and_needs_no_configuration(command: CommandLine) -> None:
    """``check --preview`` answers without logging, even with no configuration file."""
    command.designated()
    (command.folder / "contactpolicy.toml").unlink()
    command.clock.set(pendulum.datetime(2026, 2, 3, 12, tz="Europe/London"))
    ran = command(
        "--as",
        "lwong",
        "check",
        CUSTOMER,
        "--channel",
        "email",
        "--at",
        "2026-02-03 11:00",
        "--preview",
    )
    assert ran.out.splitlines()[-1] == "A preview: the contact was not logged."
    assert ran.facts["Take it"] == "YES"
    assert _logged(command) == 0


def test_check_json_flags_a_new_issue_for_review(command: CommandLine) -> None:
    """A new issue is taken, registered and answered, and a review is required (7.3)."""
    command.told()
    ran = command(
        "--as",
        "lwong",
        "check",
        CUSTOMER,
        "--channel",
        "email",
        "--issue",
        "housing repair",
        "--new-issue",
        "--json",
    )
    decision = ran.json
    assert (decision["allowed"], decision["register"], decision["respond"]) == (True, True, True)
    assert (decision["review_required"], decision["route_to"]) == (True, "lwong")


def test_check_refuses_a_contact_dated_in_the_future_and_logs_nothing(
    command: CommandLine,
) -> None:
    """A contact not yet made cannot be decided (7.4: accurate records)."""
    command.designated()
    ran = command(
        "--as", "lwong", "check", CUSTOMER, "--channel", "email", "--at", "2026-01-30 11:01"
    )
    assert ran.status == 2
    assert ran.err == (
        "error: [7.4] --at: the contact (30 January 2026 11:01) is later than now "
        "(30 January 2026 11:00); records must be accurate\n"
    )
    assert _logged(command) == 0


def test_check_refuses_an_unknown_channel_and_logs_nothing(command: CommandLine) -> None:
    """A channel not in 1.2 is one line, status 2, and the log is unchanged."""
    command.designated()
    ran = command("--as", "lwong", "check", CUSTOMER, "--channel", "pigeon")
    assert ran.status == 2
    assert ran.err == (
        "error: [5.1] --channel: is not one of: face_to_face, telephone, letter, "
        "email, online_form\n"
    )
    assert _logged(command) == 0


def test_evidence_summarises_the_contact_log_and_the_incidents(command: CommandLine) -> None:
    """``evidence`` prints the plain-English summary; ``--json`` its counts."""
    command.report()
    command.clock.set(pendulum.datetime(2026, 1, 7, 12, tz="Europe/London"))
    for day in (5, 6, 7):
        command(
            "--as",
            "lwong",
            "check",
            CUSTOMER,
            "--channel",
            "telephone",
            "--at",
            f"2026-01-0{day} 10:00",
        )
    ran = command(
        "--as", "lwong", "evidence", CUSTOMER, "--since", "2026-01-01", "--until", "2026-01-07"
    )
    assert ran.status == 0
    assert ran.out.splitlines()[0] == (
        "Contact from customer CRM-104233, 1 January 2026 to 7 January 2026, counted in 2"
    )
    assert "Incidents recorded (4.1): 1, on 2 January 2026: excessive demands 1." in ran.out
    summary = command("--as", "lwong", "evidence", CUSTOMER, "--since", "2026-01-01", "--json").json
    assert (summary["since"], summary["until"], len(summary["incidents"])) == (
        "2026-01-01",
        "2026-01-07",
        1,
    )
    assert [week["contacts"] for week in summary["weeks"]] == [0, 3]


def test_evidence_refuses_a_date_written_another_way(command: CommandLine) -> None:
    """A date that does not parse is one line, status 2."""
    ran = command("--as", "lwong", "evidence", CUSTOMER, "--since", "last week")
    assert ran.status == 2
    assert ran.err == "error: [6.4] --since: is not a date; write it as 2026-01-31\n"


def test_a_refused_letter_is_read_and_what_it_held_recorded(command: CommandLine) -> None:
    """A letter refused under email only waits for the single point of
    contact, who records reading it with ``read``; ``show`` lists it until then."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 2, 3, 9, tz="Europe/London"))
    refused = command("--as", "lwong", "check", CUSTOMER, "--channel", "letter")
    assert (refused.facts["Contact id"], refused.facts["Take it"]) == ("1", "NO, do not take it")
    assert command("--as", "lwong", "show", case_id).facts["To read (5.1)"] == (
        "contact 1, letter of 3 February 2026 09:00, for officer lwong"
    )
    read = command("--as", "lwong", "read", "1", "--outcome", "new_issue")
    assert read.status == 0
    assert read.out == f"Case {case_id}: contact 1 is read; a review is needed (7.3).\n"
    shown = command("--as", "lwong", "show", case_id).facts
    assert "To read (5.1)" not in shown
    assert shown["Review needed (7.3)"] == "new issue, contact 1 of 3 February 2026 09:00"


def test_read_refuses_an_unknown_outcome(command: CommandLine) -> None:
    """An outcome not in ReadOutcome is one line listing the accepted ones."""
    command.designated()
    ran = command("--as", "lwong", "read", "1", "--outcome", "fine")
    assert ran.status == 2
    assert ran.err == (
        "error: [5.1] --outcome: is not one of: nothing_new, new_issue, "
        "significant_new_information, safeguarding\n"
    )


def test_check_takes_an_appeal_through_the_restrictions(command: CommandLine) -> None:
    """``--purpose appeal`` is taken and passed to the Policy and Information team."""
    command.told()
    command.clock.set(pendulum.datetime(2026, 2, 3, 9, tz="Europe/London"))
    ran = command(
        "--as", "lwong", "check", CUSTOMER, "--channel", "telephone", "--purpose", "appeal"
    )
    assert (ran.facts["Take it"], ran.facts["Route to"], ran.facts["Reply"]) == (
        "YES",
        "the Policy and Information team",
        "yes",
    )
    decision = command(
        "--as",
        "lwong",
        "check",
        CUSTOMER,
        "--channel",
        "telephone",
        "--purpose",
        "appeal",
        "--json",
    ).json
    assert (decision["route_to_role"], decision["contact_id"]) == ("records", 2)


def test_a_contact_at_a_time_the_clocks_show_twice_is_refused_and_not_logged(
    command: CommandLine,
) -> None:
    """``check --at 2026-10-25 01:30`` (London shows 01:30 twice that night):
    status 2 naming both offsets, and no contact logged; with an offset it
    is logged (7.4)."""
    command.designated()
    command.clock.set(pendulum.datetime(2026, 10, 26, 12, tz="Europe/London"))
    check = ("--as", "lwong", "check", CUSTOMER, "--channel", "email", "--at")
    ran = command(*check, "2026-10-25 01:30")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: [5.1] --at: the time given happens twice in Europe/London, whose clocks go back "
        "then; give an offset: +01:00 for the first, +00:00 for the second\n"
    )
    assert _logged(command) == 0
    assert command(*check, "2026-10-25 01:30+00:00").status == 0
    assert _logged(command) == 1
