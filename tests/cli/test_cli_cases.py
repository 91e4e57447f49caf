"""Opening and building a case from the command line: report, incident,
note, warn and close."""

from __future__ import annotations

import pendulum

from contactpolicy import Behaviour, Channel, ProtectedCharacteristic
from contactpolicy.stores import SQLiteStore

from support.command_line import CUSTOMER, CommandLine

REPORT = (
    "--as",
    "jsmith",
    "report",
    CUSTOMER,
    "--name",
    "Sam Taylor",
    "--issue",
    "council tax bill",
    "--channel",
    "telephone",
    "--description",
    "Called 23 times in one day.",
)


def test_report_says_the_customer_reference_as_kept(command: CommandLine) -> None:
    """The reference typed with spaces around it and in lower case is kept
    in its normal form (7.4), and the line saying what was done shows that
    form, the one to look the customer up by."""
    typed = ["--as", "jsmith", "report", " crm-104233 ", *REPORT[4:]]
    ran = command(*typed, "--behaviour", "excessive_demands", "--occurred", "2026-01-02 16:00")
    assert ran.status == 0, ran.err
    [case] = SQLiteStore(command.folder / "contactpolicy.db").cases()
    assert ran.out == f"Reported case {case.id} for Sam Taylor (CRM-104233).\n"


def test_report_opens_a_case_with_its_first_incident(command: CommandLine) -> None:
    """``report`` records the customer, the issue and the incident as typed,
    the time in the policy's time zone, and says which case it opened."""
    ran = command(
        *REPORT,
        "--contact",
        "12 Week Street",
        "--behaviour",
        "offensive-remarks",
        "--characteristic",
        "age",
        "--department",
        "Revenues",
        "--occurred",
        "2026-01-02 16:00",
    )
    assert ran.status == 0, ran.err
    [case] = SQLiteStore(command.folder / "contactpolicy.db").cases()
    assert ran.out == f"Reported case {case.id} for Sam Taylor ({CUSTOMER}).\n"
    assert (case.customer.contact, case.issue, case.reported_by) == (
        "12 Week Street",
        "council tax bill",
        "jsmith",
    )
    [incident] = case.incidents
    assert incident.behaviour is Behaviour.OFFENSIVE_REMARKS
    assert incident.channel is Channel.TELEPHONE
    assert incident.occurred_at == pendulum.datetime(2026, 1, 2, 16, tz="Europe/London")
    assert incident.department == "Revenues"
    assert incident.protected_characteristics == {ProtectedCharacteristic.AGE}


def test_report_refuses_an_unknown_behaviour_and_writes_nothing(command: CommandLine) -> None:
    """A behaviour not in 4.1 is one line with the thirteen there are; no
    database is even created."""
    ran = command(*REPORT, "--behaviour", "rudeness")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == (
        "error: [4.1] --behaviour: is not one of: scatter_gun, "
        "excessive_demands, repeat_enquiries, refusing_decision, refusing_to_specify_grounds, "
        "refusing_timescales, covert_recording, falsified_documents, offensive_remarks, "
        "physical_contact_or_assault, intimidation, threats, excessive_swearing, other\n"
    )
    assert command.record() == ([], [], [])


def test_report_refuses_a_date_that_does_not_parse(command: CommandLine) -> None:
    """An occurrence written another way is one line with the form to use."""
    ran = command(*REPORT, "--behaviour", "threats", "--occurred", "2/1/2026")
    assert ran.status == 2
    assert ran.err == (
        "error: [7.4] --occurred: is not a date and time; write it as 2026-01-31 or "
        "2026-01-31 14:30 (Europe/London time unless an offset such as +01:00 is given)\n"
    )
    assert command.record() == ([], [], [])


def test_report_refuses_an_unknown_channel_and_characteristic(command: CommandLine) -> None:
    """A channel not in 1.2 or a characteristic not in 4.1 is one line each."""
    ran = command(*REPORT[:-4], "--channel", "fax", "--description", "x", "--behaviour", "threats")
    assert ran.err == (
        "error: [4.1] --channel: is not one of: face_to_face, telephone, letter, "
        "email, online_form\n"
    )
    ran = command(*REPORT, "--behaviour", "threats", "--characteristic", "height")
    assert ran.status == 2
    assert ran.err.startswith("error: [4.1] --characteristic: is not one of: age,")


def test_report_without_an_issue_is_refused_with_its_section(command: CommandLine) -> None:
    """The issue the policy needs is checked by the policy: status 1, with the section."""
    ran = command(*REPORT[:5], *REPORT[7:], "--behaviour", "threats")
    assert ran.status == 1
    assert ran.err == (
        "refused: cannot run 'report': the policy requires\n"
        "  - [6.2] the issue the customer raised must be stated (issue_missing)\n"
    )


def test_report_by_an_officer_without_the_power_is_refused(command: CommandLine) -> None:
    """Only a manager or head of service may report (6.1)."""
    ran = command("--as", "lwong", *REPORT[2:], "--behaviour", "threats")
    assert ran.status == 1
    assert ran.err == (
        "refused: [6.1] officer 'lwong' may not run 'report': only Head of Service or "
        "Manager may run 'report'\n"
    )


def test_incident_adds_evidence_to_a_case(command: CommandLine) -> None:
    """``incident`` records another incident, at the time given or now."""
    case_id = command.report()
    ran = command(
        "--as",
        "jsmith",
        "incident",
        case_id,
        "--behaviour",
        "excessive_swearing",
        "--channel",
        "face_to_face",
        "--description",
        "Swore at the receptionist.",
    )
    assert ran.out == f"Recorded incident 2 on case {case_id}.\n"
    [case] = SQLiteStore(command.folder / "contactpolicy.db").cases()
    assert case.incidents[1].occurred_at == command.clock.now()


def test_incident_on_an_unknown_case_changes_nothing(command: CommandLine) -> None:
    """An unknown case is status 2 and the store is as it was."""
    command.report()
    before = command.record()
    args = ("--behaviour", "threats", "--channel", "letter", "--description", "A threat.")
    ran = command("--as", "jsmith", "incident", "C-0000000000", *args)
    assert ran.status == 2
    assert (
        ran.err == "error: no case with id 'C-0000000000'; 'contactpolicy list' shows the cases\n"
    )
    assert command.record() == before


def test_note_adds_a_case_note(command: CommandLine) -> None:
    """``note`` adds the text as a case note by the acting officer."""
    case_id = command.report()
    ran = command("--as", "lwong", "note", case_id, "Offered a meeting.")
    assert ran.out == f"Added note 1 to case {case_id}.\n"
    note = command("--as", "lwong", "show", case_id, "--json").json["notes"][0]
    assert (note["by"], note["text"]) == ("lwong", "Offered a meeting.")


def test_warn_records_the_method_and_measures(command: CommandLine) -> None:
    """``warn`` records how the warning was given and each initial measure (7.4)."""
    case_id = command.report()
    ran = command(
        "--as",
        "jsmith",
        "warn",
        case_id,
        "--method",
        "letter",
        "--measure",
        "calls limited to 10 minutes",
        "--measure",
        "one call a day",
    )
    assert ran.out == f"Case {case_id} is warned.\n"
    warning = command("--as", "lwong", "show", case_id, "--json").json["warning"]
    assert (warning["method"], warning["measures"]) == (
        "letter",
        ["calls limited to 10 minutes", "one call a day"],
    )


def test_warning_twice_is_refused_with_what_is_possible(command: CommandLine) -> None:
    """A command the case's state does not allow is status 1, with its section."""
    case_id = command.warned()
    ran = command("--as", "jsmith", "warn", case_id, "--method", "letter")
    assert ran.status == 1
    assert ran.err == (
        "refused: [6.3] cannot run 'warn': the case is warned; it is possible only when the "
        "case is reported; 'contactpolicy show' says what is possible now\n"
    )


def test_close_needs_a_reason(command: CommandLine) -> None:
    """``close`` without a reason is refused (6.1); with one, by the manager
    who reported it, the request is withdrawn."""
    case_id = command.report()
    ran = command("--as", "jsmith", "close", case_id)
    assert ran.status == 1
    assert ran.err == (
        "refused: cannot run 'close': the policy requires\n"
        "  - [6.1] closing a case needs a reason (reason_missing)\n"
    )
    ran = command("--as", "jsmith", "close", case_id, "--reason", "Contact settled down.")
    assert (ran.status, ran.out) == (0, f"Case {case_id} is closed: withdrawn.\n")
