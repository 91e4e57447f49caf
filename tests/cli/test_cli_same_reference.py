"""``report`` tells the officer at once when the case it opened is possibly
a duplicate, or its name differs from another open case's under the same
customer reference (7.4, 8.1): by case id, never a name or an issue, and
the case is taken all the same; the Policy and Information team's ``todo``
holds it."""

from __future__ import annotations

import re

from support.command_line import CommandLine


def _report(
    command: CommandLine, reference: str, name: str, issue: str, officer: str = "jsmith"
) -> str:
    """Run ``report`` as ``officer`` a minute after the clock's time: its
    output, its lines joined as one (the console wraps at 80 columns)."""
    command.clock.advance(minutes=1)
    ran = command(
        "--as",
        officer,
        "report",
        reference,
        "--name",
        name,
        "--issue",
        issue,
        "--behaviour",
        "excessive_demands",
        "--channel",
        "telephone",
        "--description",
        "Called 23 times in one day.",
    )
    assert ran.status == 0, ran.err
    return " ".join(ran.out.split())


def _id(output: str) -> str:
    """The id of the case a report's output names first."""
    found = re.match(r"Reported case (C-[0-9A-F]{10}) ", output)
    assert found is not None, output
    return found.group(1)


def test_a_second_report_on_the_same_issue_says_it_may_be_a_duplicate(
    command: CommandLine,
) -> None:
    """The second open report for C-1, on " noise  complaint", names the
    first case; lwong's ``todo`` lists it as a possible duplicate."""
    first = _id(_report(command, "C-1", "Jane Smith", "Noise complaint"))
    output = _report(command, "C-1", "Jane Smith", " noise  complaint")
    second = _id(output)
    assert output == (
        f"Reported case {second} for Jane Smith (C-1). Possibly a duplicate: open under this "
        f"customer reference on the same issue as case {first}; the Policy and Information "
        "team will check it (7.4)."
    )
    queued = command("--as", "lwong", "todo", "--json").json
    assert [(item["kind"], item["case_id"], item["due"]) for item in queued] == [
        ("possible_duplicate", second, "2026-01-05")
    ]


def test_a_report_under_another_name_says_the_names_differ(command: CommandLine) -> None:
    """A report naming "J. Smyth" under C-2, where "Jane Smith" has an open
    case: the output names the other case, not the other name."""
    first = _id(_report(command, "C-2", "Jane Smith", "Noise complaint"))
    output = _report(command, "C-2", "J. Smyth", "Parking")
    assert output == (
        f"Reported case {_id(output)} for J. Smyth (C-2). The customer names differ among the "
        f"open cases under this customer reference (this case and case {first}); the Policy "
        "and Information team will check who the customer is (7.4, 8.1)."
    )


def test_a_report_on_another_issue_under_the_same_name_says_nothing_more(
    command: CommandLine,
) -> None:
    """Another issue, the same name: one line, as ever."""
    _report(command, "C-1", "Jane Smith", "Noise complaint")
    output = _report(command, "C-1", "Jane  SMITH", "Parking")
    assert output == f"Reported case {_id(output)} for Jane SMITH (C-1)."


def test_a_report_as_json_prints_the_case_alone(command: CommandLine) -> None:
    """``--json`` prints the case, and nothing else, for programs: the work
    queue is the record of the duplicate."""
    first = _id(_report(command, "C-1", "Jane Smith", "Noise complaint"))
    command.clock.advance(minutes=1)
    ran = command(
        "--as",
        "jsmith",
        "report",
        "C-1",
        "--name",
        "Jane Smith",
        "--issue",
        "Noise complaint",
        "--behaviour",
        "excessive_demands",
        "--channel",
        "telephone",
        "--description",
        "Called 20 times in one day.",
        "--json",
    )
    assert (ran.status, ran.json["customer"]["id"], ran.json["issue"]) == (
        0,
        "C-1",
        "Noise complaint",
    )
    queued = command("--as", "lwong", "todo", "--json").json
    assert [(item["kind"], item["summary"].split(":")[0]) for item in queued] == [
        ("possible_duplicate", f"Possibly a duplicate of case {first}")
    ]


def test_a_manager_who_may_not_read_the_other_case_is_told_nothing_of_it(
    command: CommandLine,
) -> None:
    """A manager of another team may not read jsmith's case (9.1: need to
    know), so their report says nothing of it; the Policy and Information
    team's ``todo`` holds the possible duplicate all the same."""
    with (command.folder / "contactpolicy.toml").open("a", encoding="utf-8") as config:
        config.write(
            '\n[[officers]]\nid = "hbrown"\nname = "Hal Brown"\nroles = ["manager"]\n'
            'team = "Housing"\n'
        )
    first = _id(_report(command, "C-1", "Jane Smith", "Noise complaint"))
    output = _report(command, "C-1", "Jane Smith", "Noise complaint", officer="hbrown")
    second = _id(output)
    assert output == f"Reported case {second} for Jane Smith (C-1)."
    queued = command("--as", "lwong", "todo", "--json").json
    assert [(item["kind"], item["case_id"], item["summary"].split(":")[0]) for item in queued] == [
        ("possible_duplicate", second, f"Possibly a duplicate of case {first}")
    ]


def test_action_requested_on_a_concern_on_the_same_issue_says_it_may_be_a_duplicate(
    command: CommandLine,
) -> None:
    """A concern taken up (``request``, 6.1) on the issue of an open case of
    its customer reference is told the same way."""
    first = _id(_report(command, "C-1", "Jane Smith", "Noise complaint"))
    raised = command(
        "--as",
        "kdaly",
        "concern",
        "C-1",
        "--name",
        "Jane Smith",
        "--behaviour",
        "excessive_demands",
        "--channel",
        "telephone",
        "--description",
        "Called 20 times in one day.",
        "--json",
    )
    concern = raised.json["id"]
    command.clock.advance(minutes=1)
    ran = command("--as", "jsmith", "request", concern, "--issue", "NOISE COMPLAINT")
    assert (ran.status, " ".join(ran.out.split())) == (
        0,
        f"Case {concern} is reported: action requested. Possibly a duplicate: open under this "
        f"customer reference on the same issue as case {first}; the Policy and Information "
        "team will check it (7.4).",
    )
