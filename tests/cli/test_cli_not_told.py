"""Recording at the command line that the customer is not told of a
decision (``not-told``, 6.3): by the decision maker, with a reason, and
shown by ``show``, ``history`` and ``todo``."""

from __future__ import annotations

import json

import pendulum

from support.command_line import CUSTOMER, CommandLine

LONDON = "Europe/London"
REASON = "Writing to them would reveal a police investigation"
"""Why the decision maker does not tell the customer."""


def _not_told(command: CommandLine) -> str:
    """A case designated on 30 January 2026 whose customer the decision
    maker does not tell, recorded at 09:00 on 2 February 2026; its id."""
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 2, 2, 9, tz=LONDON))
    ran = command("--as", "apatel", "not-told", case_id, "--reason", REASON)
    assert ran.status == 0, ran.err
    return case_id


def test_the_decision_maker_records_it_and_is_told_what_it_means(
    command: CommandLine,
) -> None:
    """6.3: the line says which decision, who recorded it, when and why, and
    that its restrictions apply from now."""
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 2, 2, 9, tz=LONDON))
    ran = command("--as", "apatel", "not-told", case_id, "--reason", REASON)
    assert (ran.status, ran.err) == (0, "")
    assert " ".join(ran.out.split()) == (
        f"Case {case_id}: The customer was not told of the designation decision of 30 "
        "January 2026, as apatel recorded on 2 February 2026 (6.3): Writing to them would "
        "reveal a police investigation. Its restrictions apply from now."
    )


def test_as_json_it_prints_the_case_with_the_exception(command: CommandLine) -> None:
    """``--json`` prints the case; its latest decision carries who, when and why."""
    case_id = command.designated()
    command.clock.set(pendulum.datetime(2026, 2, 2, 9, tz=LONDON))
    ran = command("--as", "apatel", "not-told", case_id, "--reason", REASON, "--json")
    assert ran.status == 0, ran.err
    decision = json.loads(ran.out)["decisions"][-1]
    assert (decision["communicated"], decision["not_told"]) == (
        None,
        {"at": "2026-02-02T09:00:00+00:00", "by": "apatel", "reason": REASON},
    )


def test_the_records_team_may_not_record_it(command: CommandLine) -> None:
    """6.1, 6.3: only the decision maker decides not to tell the customer."""
    case_id = command.designated()
    before = command.record()
    ran = command("--as", "lwong", "not-told", case_id, "--reason", REASON)
    assert (ran.status, ran.out) == (1, "")
    assert ran.err == (
        "refused: [6.3] officer 'lwong' may not run 'not-told': only Head of Policy, "
        "Communications and Governance may run 'not-told'\n"
    )
    assert command.record() == before


def test_a_reason_is_required(command: CommandLine) -> None:
    """6.3: without a reason, or with white space only, nothing is recorded
    and the error names ``reason`` without repeating it."""
    case_id = command.designated()
    before = command.record()
    ran = command("--as", "apatel", "not-told", case_id)
    assert (ran.status, ran.err) == (
        2,
        "error: [6.3] --reason: must be non-empty text, got empty text\n",
    )
    ran = command("--as", "apatel", "not-told", case_id, "--reason", "   ")
    assert (ran.status, ran.err) == (
        2,
        "error: [6.3] --reason: is empty or only white space; give the text\n",
    )
    assert command.record() == before


def test_a_second_exception_is_refused(command: CommandLine) -> None:
    """6.3: the exception is recorded once for a decision."""
    case_id = _not_told(command)
    ran = command("--as", "apatel", "not-told", case_id, "--reason", REASON)
    assert (ran.status, ran.err) == (
        1,
        "refused: cannot run 'not-told': the policy requires\n"
        "  - [6.3] not telling the customer of the latest decision was already recorded on "
        "2 February 2026 09:00 (already_not_told)\n",
    )


def test_show_and_history_say_the_customer_was_not_told_and_why(command: CommandLine) -> None:
    """The case view gives the exception beside the communication, and the
    table of decisions says the decision was not told; the history lists
    the event."""
    case_id = _not_told(command)
    shown = command("--as", "apatel", "show", case_id).out.splitlines()
    assert shown[11:15] == [
        "Communicated    not told: an exception is recorded (6.3)                        ",
        "Not told (6.3)  The customer was not told of the designation decision of 30     ",
        "                January 2026, as apatel recorded on 2 February 2026 (6.3):      ",
        "                Writing to them would reveal a police investigation.            ",
    ]
    assert shown[-2].rstrip() == (
        "  30 January 2026 11:00   designation   apatel   NOT TOLD from 2 February 2026"
    )
    history = command("--as", "apatel", "history", case_id).out.splitlines()
    assert history[-2].rstrip() == (
        "  5   2 February 2026 09:00   record_not_told   apatel   designated"
    )


def test_todo_reminds_the_reviewer_of_the_exception(command: CommandLine) -> None:
    """7.2: the review item says the customer was not told and why."""
    case_id = _not_told(command)
    command.clock.set(pendulum.datetime(2026, 4, 30, 9, tz=LONDON))
    items = json.loads(command("--as", "lwong", "todo", "--json").out)
    assert [item for item in items if item["kind"] == "review_due"] == [
        {
            "kind": "review_due",
            "case_id": case_id,
            "due": "2026-04-30",
            "contact_id": None,
            "summary": "The review is due today, 30 April 2026 (7.2). The customer was not told "
            "of the designation decision of 30 January 2026, as apatel recorded on 2 February "
            f"2026 (6.3): {REASON}. Consider telling them now (7.2).",
        }
    ]


def test_subject_access_says_to_weigh_the_reason_and_lists_where_it_is(
    command: CommandLine,
) -> None:
    """UK GDPR Article 15: the export holds the reason; the command says to
    review it before sending, and ``redaction-review.json`` says where."""
    case_id = _not_told(command)
    ran = command("--as", "lwong", "subject-access", "CRM-104233", "--out", "sar")
    assert ran.status == 0, ran.err
    assert " ".join(ran.out.split()).endswith(
        "Before sending, review 2 places giving why a decision was not told (6.3), which an "
        "exemption may let the council withhold: redaction-review.json says where."
    )
    review = json.loads((command.folder / "sar" / "redaction-review.json").read_text("utf-8"))
    history = [
        each["what"]
        for each in json.loads((command.folder / "sar" / "subject-access.json").read_text("utf-8"))[
            "cases"
        ][0]["history"]
    ]
    number = history.index("record_not_told")
    assert review == [
        {
            "where": "cases.0.case.decisions.0.not_told.reason",
            "other": "",
            "case_id": case_id,
            "decision": 0,
            "left_out": False,
        },
        {
            "where": f"cases.0.history.{number}.data.reason",
            "other": "",
            "case_id": case_id,
            "decision": 0,
            "left_out": False,
        },
    ]


def test_subject_access_counts_names_and_reasons_apart(command: CommandLine) -> None:
    """A reason naming another customer of the store is both a name to
    redact and a reason to weigh: the line counts each."""
    case_id = command.designated()
    ran = command(
        "--as",
        "jsmith",
        "report",
        "CRM-9",
        "--name",
        "Alex Morgan",
        "--issue",
        "housing",
        "--behaviour",
        "excessive_demands",
        "--channel",
        "telephone",
        "--description",
        "Called 12 times in one day.",
    )
    assert ran.status == 0, ran.err
    ran = command(
        "--as", "apatel", "not-told", case_id, "--reason", "Alex Morgan reported threats."
    )
    assert ran.status == 0, ran.err
    ran = command("--as", "lwong", "subject-access", CUSTOMER, "--out", "sar")
    assert ran.status == 0, ran.err
    assert " ".join(ran.out.split()).endswith(
        "Before sending, review 2 places naming another customer and 2 places giving why a "
        "decision was not told (6.3), which an exemption may let the council withhold: "
        "redaction-review.json says where."
    )
    review = json.loads((command.folder / "sar" / "redaction-review.json").read_text("utf-8"))
    assert [(each["other"], each["decision"]) for each in review] == [
        ("CRM-9", None),
        ("CRM-9", None),
        ("", 0),
        ("", 0),
    ]
