"""The queries: show, history, list, due, verify, feed and diagram."""

from __future__ import annotations

import sqlite3
import textwrap

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import MAIDSTONE, CaseState, CaseSummary, Command, lifecycle
from contactpolicy.cli import render
from contactpolicy.cli.render import COMMANDS
from contactpolicy.stores import SQLiteStore

from support.builders import EVERY_SERVICE
from support.command_line import DESIGNATE, UNKEYED, CommandLine


def test_show_gives_the_case_file_with_dates_as_people_write_them(command: CommandLine) -> None:
    """``show`` lists the customer, the decisions with their dates in the
    policy's time zone, the restrictions as --restrict spells them, the review
    date and the commands possible now."""
    case_id = command.designated()
    ran = command("--as", "lwong", "show", case_id)
    assert ran.status == 0
    assert ran.facts == {
        "Case": f"{case_id}, designated",
        "Customer": "Sam Taylor (CRM-104233)",
        "Contact": "12 Week Street, Maidstone",
        "Issue": "council tax bill",
        "Reported": "5 January 2026 09:30 by jsmith",
        "Warned": "4 January 2026 10:00 by jsmith, letter: no initial measures"
        " (recorded 5 January 2026)",
        "Warned about": "excessive demands",
        "Designated": "30 January 2026 11:00 by apatel: Calls continued after the warning.",
        "Evidence": "incidents 1, 2",
        "Communicated": "not recorded yet",
        "Restrictions": "single-contact-method=email single-point-of-contact=lwong",
        "Covers": f"every service: {EVERY_SERVICE}",
        "Managers told": "NOT YET told of the designation of 30 January 2026 11:00 (9.1)",
        "Review due": "30 April 2026",
        "Possible now": (
            "incident, note, communicated, not-told, review start, appeal record, lift, informed, "
            "reassign, rectify"
        ),
    }
    assert ["2", "January", "2026", "excessive", "demands", "telephone", "Called", "23"] in [
        row[:8] for row in ran.rows
    ]


def test_show_json_is_the_case_as_the_codec_writes_it(command: CommandLine) -> None:
    """``show --json`` prints the whole case for scripts."""
    case_id = command.designated()
    case = command("--as", "lwong", "show", case_id, "--json").json
    assert (case["id"], case["state"], case["version"]) == (case_id, "designated", 4)
    assert case["designation"]["review_due"] == "2026-04-30"
    assert case["designation"]["restrictions"] == [
        {"channel": "email", "type": "SingleContactMethod"},
        {"officer_id": "lwong", "type": "SinglePointOfContact"},
    ]


def test_an_unknown_case_is_one_line(command: CommandLine) -> None:
    """A case id that names no case is status 2, with where to find the cases."""
    command.report()
    ran = command("--as", "lwong", "show", "C-NOPE")
    assert (ran.status, ran.out) == (2, "")
    assert ran.err == "error: no case with id 'C-NOPE'; 'contactpolicy list' shows the cases\n"


def test_history_lists_who_did_what_and_when(command: CommandLine) -> None:
    """``history`` prints one row per audit event, oldest first."""
    case_id = command.designated()
    ran = command("--as", "lwong", "history", case_id)
    assert ran.status == 0
    assert ran.rows[0] == ["History", "of", "case", case_id, "(7.4)"]
    assert ran.rows[4:8] == [
        ["1", "5", "January", "2026", "09:30", "report", "jsmith", "reported"],
        ["2", "5", "January", "2026", "09:30", "warn", "jsmith", "warned"],
        ["3", "5", "January", "2026", "09:30", "add_incident", "jsmith", "warned"],
        ["4", "30", "January", "2026", "11:00", "designate", "apatel", "designated"],
    ]
    events = command("--as", "lwong", "history", case_id, "--json").json
    assert [(event["seq"], event["kind"], event["actor"]) for event in events] == [
        (1, "report", "jsmith"),
        (2, "warn", "jsmith"),
        (3, "add_incident", "jsmith"),
        (4, "designate", "apatel"),
    ]


def test_list_filters_by_state_and_customer(command: CommandLine) -> None:
    """``list --state`` and ``--customer`` keep only the matching cases."""
    designated = command.designated()
    reported = command.report()
    assert [case["id"] for case in command("--as", "lwong", "list", "--json").json] == [
        designated,
        reported,
    ]
    by_state = command("--as", "lwong", "list", "--state", "designated", "--json").json
    assert [case["id"] for case in by_state] == [designated]
    assert command("--as", "lwong", "list", "--customer", "CRM-9", "--json").json == []
    ran = command("--as", "lwong", "list", "--state", "reported")
    assert ran.out.splitlines()[0] == "Cases (1)"
    assert ran.rows[2:] == [
        ["Case", "Customer", "State", "Review", "due", "Issue"],
        ["-" * 12, "-" * 23, "-" * 8, "-" * 10, "-" * 16],
        [reported, "Sam", "Taylor", "(CRM-104233)", "reported", "council", "tax", "bill"],
    ]


def test_list_json_prints_each_case_s_summary(command: CommandLine) -> None:
    """``list --json`` prints what the listing shows of each case, not the
    case files: id, customer, state, report time in UTC, review date while
    restrictions are in force, issue, the last day decided for them (6.4),
    and whether the review is overdue, lapsed, or past the day they ended on
    (7.2)."""
    designated = command.designated()
    reported = command.report()
    assert command("--as", "lwong", "list", "--json").json == [
        {
            "id": designated,
            "customer_id": "CRM-104233",
            "customer_name": "Sam Taylor",
            "state": "designated",
            "reported_at": "2026-01-05T09:30:00+00:00",
            "review_due": "2026-04-30",
            "issue": "council tax bill",
            "ends_on": None,
            "review_overdue": False,
            "lapsed": False,
            "ended_before_review": None,
        },
        {
            "id": reported,
            "customer_id": "CRM-104233",
            "customer_name": "Sam Taylor",
            "state": "reported",
            "reported_at": "2026-01-30T11:00:00+00:00",
            "review_due": None,
            "issue": "council tax bill",
            "ends_on": None,
            "review_overdue": False,
            "lapsed": False,
            "ended_before_review": None,
        },
    ]


def test_list_shows_a_page_and_the_command_for_the_next(command: CommandLine) -> None:
    """``list --limit`` shows that many cases and ends with the command that
    shows the next page; the last page ends without one; ``--json`` pages
    the same way with ``--after``."""
    for _ in range(2):
        command.report()
    command.designated()
    every = [case["id"] for case in command("--as", "lwong", "list", "--json").json]
    first, second = (
        case["id"]
        for case in command("--as", "lwong", "list", "--state", "reported", "--json").json
    )
    ran = command("--as", "lwong", "list", "--state", "reported", "--limit", "1")
    assert ran.status == 0
    assert [row[0] for row in ran.rows[4:-2]] == [first]
    assert ran.out.splitlines()[-2:] == [
        "",
        f"More cases follow: contactpolicy --as lwong list --state reported --limit 1 "
        f"--after {first}",
    ]
    last = command("--as", "lwong", "list", "--state", "reported", "--limit", "1", "--after", first)
    assert [row[0] for row in last.rows[4:]] == [second]
    paged = command("--as", "lwong", "list", "--limit", "2", "--after", every[0], "--json").json
    assert [case["id"] for case in paged] == every[1:]
    assert command("--as", "lwong", "list", "--after", every[-1], "--json").json == []


def test_list_refuses_a_state_that_does_not_exist(command: CommandLine) -> None:
    """An unknown state is status 2 with the states there are."""
    ran = command("--as", "lwong", "list", "--state", "banned")
    assert ran.status == 2
    assert ran.err == (
        "error: --state: is not one of: concern, reported, warned, designated, "
        "under_review, appealed, lifted, closed\n"
    )


def test_due_lists_overdue_reviews_first_with_the_days_overdue(command: CommandLine) -> None:
    """``due`` lists reviews due on or before today, the longest overdue first,
    each with how many days it is overdue and, under Maidstone's policy,
    lapsed (7.2)."""
    first = command.designated()
    second = command.warned()
    command.clock.set(pendulum.datetime(2026, 2, 2, 11, tz="Europe/London"))
    assert command("--as", "apatel", "designate", second, *DESIGNATE).status == 0
    command.clock.set(pendulum.datetime(2026, 5, 12, 9, tz="Europe/London"))
    ran = command("--as", "lwong", "due")
    assert ran.status == 0
    assert ran.rows[0] == ["Reviews", "due", "by", "12", "May", "2026", "(7.2)"]
    assert ran.rows[4][0] == first
    assert ran.rows[4][-6:] == ["designated", "30", "April", "2026", "12", "days"]
    assert ran.rows[6][0] == second
    assert ran.rows[6][-6:] == ["designated", "2", "May", "2026", "10", "days"]
    assert " ".join(ran.out.split()).endswith(
        "Restrictions lapse at the end of their review day (7.2): those overdue no longer "
        "apply until a review continues them and the customer is told (6.3)."
    )
    rows = command("--as", "lwong", "due", "--json").json
    assert [
        (row["case"]["id"], row["days_overdue"], row["review_overdue"], row["lapsed"])
        for row in rows
    ] == [(first, 12, True, True), (second, 10, True, True)]


def test_due_on_the_review_day_says_due_today(command: CommandLine) -> None:
    """``due --as-of`` looks from another day; a review due that day is due today."""
    case_id = command.designated()
    ran = command("--as", "lwong", "due", "--as-of", "2026-04-30")
    assert ran.rows[4][0] == case_id
    assert ran.rows[4][-2:] == ["due", "today"]
    assert command("--as", "lwong", "due").out == "No review is due by 30 January 2026.\n"


def test_due_refuses_a_date_written_another_way(command: CommandLine) -> None:
    """A date that is not 2026-04-30 is status 2 with the form to use."""
    ran = command("--as", "lwong", "due", "--as-of", "30/04/2026")
    assert ran.status == 2
    assert ran.err == "error: [7.2] --as-of: is not a date; write it as 2026-01-31\n"


def test_verify_says_the_trail_is_intact(command: CommandLine) -> None:
    """``verify`` on an untouched case prints that its trail is intact; status 0."""
    case_id = command.designated()
    ran = command("verify", case_id)
    assert (ran.status, ran.out) == (
        0,
        f"Case {case_id}: the audit trail is intact (4 events).\n{UNKEYED}\n",
    )
    assert command("verify", case_id, "--json").json == {
        "case_id": case_id,
        "ok": True,
        "keyed": False,
        "unchecked": {},
        "keys_given": [],
        "events": 4,
        "problems": [],
    }


def test_verify_finds_an_edited_event_and_exits_1(command: CommandLine) -> None:
    """An event edited behind the store's back is reported, with status 1."""
    case_id = command.designated()
    with sqlite3.connect(command.folder / "contactpolicy.db") as database:
        database.execute(
            "UPDATE events SET document = replace(document, 'letter', 'email') WHERE seq = 2"
        )
    ran = command("verify", case_id)
    assert ran.status == 1
    assert ran.out == (
        f"Case {case_id}: the audit trail is NOT intact:\n"
        f"  - case {case_id}, event 2 (warn) at position 2: was changed after it was "
        "recorded\n"
        f"  - case {case_id}: the case as stored differs from what its history records, "
        "in its warning: the case or its history was changed\n"
        f"{UNKEYED}\n"
    )


def test_feed_prints_events_after_a_position(command: CommandLine) -> None:
    """``feed --after --limit`` prints the feed in order, for scripts with --json."""
    case_id = command.designated()
    events = command("--as", "lwong", "feed", "--after", "1", "--limit", "1", "--json").json
    assert [(e["position"], e["case_id"], e["kind"]) for e in events] == [(2, case_id, "warn")]
    ran = command("--as", "lwong", "feed")
    assert ran.rows[4] == ["1", case_id, "1", "report", "5", "January", "2026", "09:30", "jsmith"]
    assert command("--as", "lwong", "feed", "--after", "4").out == "No events after position 4.\n"


def test_feed_refuses_a_negative_position(command: CommandLine) -> None:
    """A position below 0 is a usage error in one line."""
    ran = command("--as", "lwong", "feed", "--after", "-1")
    assert ran.status == 2
    assert ran.err == (
        "error: --after: must be a whole number from 0 to 9223372036854775807, written in the "
        "digits 0 to 9\n"
    )


def test_diagram_is_rendered_from_the_machine(command: CommandLine) -> None:
    """``diagram`` prints the Mermaid diagram, ``--format markdown`` the
    transition table, both from the lifecycle class."""
    assert command("diagram").out == lifecycle.mermaid().rstrip("\n") + "\n"
    markdown = command("diagram", "--format", "markdown").out
    assert markdown == lifecycle.transition_table().rstrip("\n") + "\n"
    ran = command("diagram", "--format", "svg")
    assert (ran.status, ran.err) == (
        2,
        "error: --format: is not one of: mermaid, markdown\n",
    )


def test_every_casework_command_has_a_command_line_name() -> None:
    """``show`` names what is possible now by the command line's names, so
    every ``Casework`` command has one and each names a real command."""
    assert set(COMMANDS) == set(Command)
    assert len(set(COMMANDS.values())) == len(Command)


def test_not_communicated_lists_decisions_not_yet_sent(command: CommandLine) -> None:
    """``not-communicated`` lists cases whose latest decision's letter is not
    recorded, naming the decision (6.3, 7.4); once ``communicated`` records
    it, none are left."""
    case_id = command.designated()
    ran = command("--as", "lwong", "not-communicated")
    assert ran.status == 0
    assert ran.rows[0] == ["Decisions", "not", "recorded", "as", "communicated", "(6.3,", "7.4)"]
    assert ran.rows[4][0] == case_id
    assert ran.rows[4][-5:] == ["designation", "30", "January", "2026", "11:00"]
    assert [case["id"] for case in command("--as", "lwong", "not-communicated", "--json").json] == [
        case_id
    ]
    sent = command("--as", "lwong", "communicated", case_id, "--method", "letter")
    assert sent.status == 0
    assert " ".join(command("--as", "lwong", "not-communicated").out.split()) == (
        "No decision waits to be communicated (decisions recorded as not told to the "
        "customer, 6.3, are not listed here: see the register)."
    )


def test_list_wraps_a_long_issue_within_the_width(command: CommandLine) -> None:
    """An issue too long for the 80 columns left runs on under itself, whole."""
    issue = "council tax bill for the year 2025/26 and every instalment since April"
    ran = command(
        "--as", "jsmith", "report", "CRM-7", "--name", "Sam Taylor", "--issue", issue,
        "--behaviour", "threats", "--channel", "telephone", "--description", "Threats.",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    lines = command("--as", "lwong", "list").out.splitlines()
    assert max(len(line) for line in lines) <= 80
    column = lines[2].index("Issue")
    assert [line[column:] for line in lines[4:]] == [
        "council tax bill for the",
        "year 2025/26 and every",
        "instalment since April",
    ]
    assert lines[5][:column].strip() == ""


@settings(max_examples=300)
@given(
    text=st.one_of(st.text(alphabet=" ab-\t\n\u00a0\u3000", max_size=30), st.text(max_size=40)),
    width=st.integers(1, 12),
)
def test_an_issue_is_wrapped_exactly_as_textwrap_wraps_it(text: str, width: int) -> None:
    """The listing's quick wrapping of an issue gives the lines textwrap
    gives, one empty line for no text, whatever the text and the width."""
    assert render._wrapped(text, width) == (textwrap.wrap(text, width) or [""])


def test_a_page_of_summaries_is_a_plain_table() -> None:
    """``cases_lines`` puts a title, a header and one line a case; an issue
    too long for the width left runs on under itself, and a short one does
    not."""
    reported = pendulum.datetime(2026, 1, 5, 9, 30)
    cases = [
        CaseSummary("C-1", "CRM-7", "Sam Taylor", CaseState.DESIGNATED, reported,
                    pendulum.date(2026, 4, 30), "council tax bill for the year"),
        CaseSummary("C-22", "CRM-8", "Pat Jones", CaseState.REPORTED, reported, None, "bins"),
    ]  # fmt: skip
    assert render.cases_lines(cases, 70, MAIDSTONE, reported) == [
        "Cases (2)",
        "",
        "Case  Customer            State       Review due     Issue",
        "----  ------------------  ----------  -------------  ----------------",
        "C-1   Sam Taylor (CRM-7)  designated  30 April 2026  council tax bill",
        "                                                     for the year",
        "C-22  Pat Jones (CRM-8)   reported                   bins",
    ]


def test_an_issue_with_no_room_beside_its_case_goes_under_it_whole() -> None:
    """When the other columns leave the issue fewer than 12 characters, it
    goes on a line of its own under its case, words whole, instead of being
    cut into pieces a few letters wide."""
    reported = pendulum.datetime(2026, 1, 5, 9, 30)
    cases = [
        CaseSummary("C-1", "CRM-7", "Sam Taylor", CaseState.DESIGNATED, reported,
                    pendulum.date(2026, 4, 30), "council tax bill for the year 2025/26"),
        CaseSummary("C-22", "CRM-8", "Pat Jones", CaseState.REPORTED, reported, None, "bins"),
    ]  # fmt: skip
    assert render.cases_lines(cases, 64, MAIDSTONE, reported) == [
        "Cases (2)",
        "",
        "Case  Customer            State       Review due",
        "----  ------------------  ----------  -------------",
        "C-1   Sam Taylor (CRM-7)  designated  30 April 2026",
        "  Issue: council tax bill for the year 2025/26",
        "C-22  Pat Jones (CRM-8)   reported",
        "  Issue: bins",
    ]
    assert render.cases_lines(cases, 40, MAIDSTONE, reported)[4:7] == [
        "C-1   Sam Taylor (CRM-7)  designated  30 April 2026",
        "  Issue: council tax bill for the year",
        "         2025/26",
    ]


def test_the_next_page_command_names_the_database_it_read(command: CommandLine) -> None:
    """A page read from a database named with ``--db`` ends with a command
    that reads the next page from the same database, not the default one."""
    for _ in range(2):
        command.report()
    database = f"sqlite:///{command.folder / 'contactpolicy.db'}"
    first = command("--db", database, "--as", "lwong", "list", "--json").json[0]["id"]
    ran = command("--db", database, "--as", "lwong", "list", "--limit", "1")
    assert ran.out.splitlines()[-1] == (
        f"More cases follow: contactpolicy --db {database} --as lwong list --limit 1 "
        f"--after {first}"
    )


def test_regression_feed_is_logged_as_a_read_of_each_case(command: CommandLine) -> None:
    """``feed`` shows every case's events to the officer named: each case
    on the page is one entry of the read log, by ``events_since`` (7.4)."""
    case_id = command.report()
    assert command("--as", "lwong", "feed", "--json").status == 0
    store = SQLiteStore(command.folder / "contactpolicy.db")
    try:
        reads = [(read.officer_id, read.case_id, read.query) for read in store.reads()]
    finally:
        store.close()
    assert reads[-1:] == [("lwong", case_id, "events_since")]
    assert [read for read in reads if read[2] == "events_since"] == [
        ("lwong", case_id, "events_since")
    ]
