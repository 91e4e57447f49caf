"""``contactpolicy register``: the electronic record of 7.4 on the screen,
as CSV and as an Excel workbook."""

from __future__ import annotations

import csv
import datetime
import io
import stat

import openpyxl

from contactpolicy.cli.overview import COMMANDS
from contactpolicy.register import HEADINGS

from support.command_line import CommandLine


def test_register_prints_each_case_with_the_five_columns(command: CommandLine) -> None:
    """Each case in the register with its five columns, labelled, names
    from the configuration's officers."""
    case_id = command.told()
    ran = command("--as", "lwong", "register")
    assert ran.status == 0
    assert ran.out.splitlines()[:12] == [
        "The register (7.4): 1 case",
        "",
        f"{case_id} (designated)",
        "  Name and contact details: Sam Taylor",
        "    12 Week Street, Maidstone",
        "    Customer reference CRM-104233",
        "  Warning given: Given on 4 January 2026 by letter (recorded 5 January 2026).",
        "    Initial measures: none.",
        "    About: excessive demands (4.1).",
        "  Policy applied: Decided on 30 January 2026.",
        "    Communicated on 30 January 2026.",
        "    Single point of contact: Lee Wong (lwong).",
    ]
    assert ran.out.splitlines()[12:14] == [
        "  Date last reviewed: Not yet reviewed.",
        f"  Case notes: Case {case_id}: designated.",
    ]


def test_register_writes_csv_and_xlsx_with_the_policys_headings(command: CommandLine) -> None:
    """--csv and --xlsx write the file and say where; both at once is refused."""
    case_id = command.told()
    ran = command("--as", "lwong", "register", "--csv", "register.csv")
    assert (ran.status, ran.out) == (0, "Wrote the register (7.4), 1 case, to register.csv.\n")
    text = (command.folder / "register.csv").read_text(encoding="utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text, newline="")))
    assert (header, row[0]) == (
        list(HEADINGS),
        "Sam Taylor\n12 Week Street, Maidstone\nCustomer reference CRM-104233",
    )
    ran = command("--as", "lwong", "register", "--xlsx", "register.xlsx")
    assert (ran.status, ran.out) == (0, "Wrote the register (7.4), 1 case, to register.xlsx.\n")
    sheet = openpyxl.load_workbook(command.folder / "register.xlsx").active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]] == list(HEADINGS)
    assert str(sheet.cell(row=2, column=5).value).startswith(f"Case {case_id}: designated.")
    both = command("--as", "lwong", "register", "--csv", "a.csv", "--xlsx", "b.xlsx")
    assert both.status != 0
    assert "give --csv PATH or --xlsx PATH, not both" in both.err


def test_register_filters_by_state_and_review(command: CommandLine) -> None:
    """--state and --review narrow the rows; values outside the lists are
    refused naming the accepted ones."""
    command.told()
    none = "No case in the register matches.\n"
    assert command("--as", "lwong", "register", "--state", "warned").out == none
    assert command("--as", "lwong", "register", "--review", "overdue").out == none
    assert command("--as", "lwong", "register", "--review", "due", "--json").json == []
    [row] = command("--as", "lwong", "register", "--state", "designated", "--json").json
    assert (row["state"], row["review_due"], row["last_reviewed"]) == (
        "designated",
        "2026-04-30",
        None,
    )
    wrong = command("--as", "lwong", "register", "--review", "late")
    assert wrong.status != 0
    assert "[7.4] --review: is not one of: overdue, due" in wrong.err


def test_register_as_an_officer_who_does_not_keep_it_is_refused(command: CommandLine) -> None:
    """Only the record keepers read it (7.4); with the configuration's
    officers, the reader must say who they are."""
    command.told()
    unnamed = command("register")
    assert unnamed.status == 2
    assert unnamed.err.startswith("error: who is acting? give --as OFFICER_ID before the command")
    assert command("--as", "lwong", "register").status == 0
    refused = command("--as", "jsmith", "register")
    assert refused.status == 1
    assert "[7.4] officer 'jsmith' may not read the register" in refused.err


def test_the_overview_lists_register() -> None:
    """The help overview names the command with its one line."""
    assert dict(COMMANDS)["register"] == (
        "Show the electronic record of 7.4, reviews overdue first, or write it as CSV or Excel."
    )


def test_stored_text_reaches_the_terminal_escaped(command: CommandLine) -> None:
    """A note holding a tab, the one control character a note takes but
    its line breaks (a terminal escape is refused), is shown as its
    escape, never sent to the terminal as it is."""
    case_id = command.told()
    assert command("--as", "jsmith", "note", case_id, "Called\tagain").status == 0
    ran = command("--as", "lwong", "register")
    assert "    Note of 30 January 2026: Called\\tagain" in ran.out.splitlines()
    assert "\t" not in ran.out


def test_the_demo_writes_its_register_beside_its_database(command: CommandLine) -> None:
    """``demo`` writes the register of its story as an Excel workbook next
    to contactpolicy-demo.db and says where."""
    ran = command("demo")
    assert ran.status == 0
    assert "The register (7.4) is written beside it, in contactpolicy-demo-register.xlsx, " in (
        ran.out
    )
    sheet = openpyxl.load_workbook(command.folder / "contactpolicy-demo-register.xlsx").active
    assert sheet is not None
    [header, row] = [list(values) for values in sheet.iter_rows(values_only=True)]
    assert header == list(HEADINGS)
    assert (
        row[0]
        == "Sam Taylor\n12 Week Street, Maidstone; 01622 000000\nCustomer reference CRM-104233"
    )
    assert row[3] == datetime.datetime(2026, 7, 30)


def test_register_files_are_readable_by_their_owner_only(command: CommandLine) -> None:
    """The register holds personal data: its CSV and Excel files are
    written with mode 0600, as letters and subject access exports are, a
    file already there included."""
    command.told()
    earlier = command.folder / "register.csv"
    earlier.write_text("old", encoding="utf-8")
    earlier.chmod(0o644)
    assert command("--as", "lwong", "register", "--csv", "register.csv").status == 0
    assert command("--as", "lwong", "register", "--xlsx", "register.xlsx").status == 0
    modes = {
        name: stat.S_IMODE((command.folder / name).stat().st_mode)
        for name in ("register.csv", "register.xlsx")
    }
    assert modes == {"register.csv": 0o600, "register.xlsx": 0o600}
    assert earlier.read_text(encoding="utf-8-sig").startswith("Name and contact details,")


def test_a_register_file_that_cannot_be_written_names_the_option(command: CommandLine) -> None:
    """An unwritable path is refused naming the option and the path (7.4)."""
    command.told()
    ran = command("--as", "lwong", "register", "--xlsx", "missing/register.xlsx")
    assert ran.status != 0
    assert "--xlsx: cannot write missing/register.xlsx: No such file or directory" in ran.err
