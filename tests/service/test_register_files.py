"""The register written as CSV and as an Excel workbook (7.4): the policy's
own headings, read back with the right types, and nothing in a cell ever
run as a formula."""

from __future__ import annotations

import csv
import datetime
import stat
import sys
from pathlib import Path

import openpyxl
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import (
    MAIDSTONE,
    Case,
    Casework,
    Channel,
    Customer,
    FrozenClock,
    InvalidInput,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.register import HEADINGS, RegisterRow, neutralised, row, write_csv, write_xlsx
from contactpolicy.register.files import EXCEL_CELL_LIMIT
from contactpolicy.testing import strategies

from support.builders import (
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    incident,
    warn_and_continue,
)

POLICY_HEADINGS = [
    "Name and contact details",
    "Warning given (please provide date, method this was communicated to the customer and any "
    "initial measures put in place)",
    "Unreasonable and Unreasonably Persistent Contact Policy applied (please include decision "
    "date, the date this was communicated to the customer, and the single point of contact "
    "going forward)",
    "Date last reviewed",
    "Case Notes (please include any cyclical unreasonable contacts identified, this will help "
    "determine how long the policy should be applied)",
]
"""The five headings of the table in 7.4, copied from the policy's text."""

HOSTILE = Customer("CRM-9", '=HYPERLINK("http://evil.example","Sam")', "+44 1622 000000")


def _rows(casework: Casework, clock: FrozenClock, customer: Customer) -> list[RegisterRow]:
    """A case designated, told, reviewed on 30 April 2026 and continued,
    with a note starting with "@"; and a case only warned."""
    case = casework.report(customer, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id, measures=("-calls limited to 10 minutes",))
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls continued.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    casework.add_note(case.id, "@SUM(A1:A9) said on the phone", MANAGER)
    clock.set(pendulum.datetime(2026, 4, 30, 9, tz="Europe/London"))
    casework.start_review(case.id, RECORDS, ReviewTrigger.SCHEDULED)
    casework.complete_review(
        case.id,
        DECIDER,
        ReviewOutcome.CONTINUE,
        "Still calling.",
        overrides={"no_incident_since_decision": "Within the limits only because of them."},
    )
    other = casework.report(customer, "parking", [incident()], by=MANAGER)
    warn_and_continue(casework, other.id)
    return casework.register()


def test_the_headings_are_the_policys_own() -> None:
    """7.4: the register's columns carry the policy's headings, word for word."""
    assert list(HEADINGS) == POLICY_HEADINGS


def test_the_csv_reads_back_under_the_policys_headings(
    casework: Casework, clock: FrozenClock, tmp_path: Path
) -> None:
    """UTF-8 with a byte order mark (so Excel reads it as UTF-8), the
    headings, then one row per case; "Date last reviewed" an ISO date, empty
    before a review."""
    rows = _rows(casework, clock, Customer("CRM-7", "Siân Taylor", "12 Week Street"))
    path = tmp_path / "register.csv"
    write_csv(rows, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfName and contact details,")
    with path.open(encoding="utf-8-sig", newline="") as file:
        header, first, second = list(csv.reader(file))
    assert header == POLICY_HEADINGS
    assert first[0] == "Siân Taylor\n12 Week Street\nCustomer reference CRM-7"
    assert first[3] == "2026-04-30"
    assert second[3] == ""
    assert [first, second] == [
        [*row.columns[:3], "" if row.last_reviewed is None else "2026-04-30", row.case_notes]
        for row in rows
    ]


def test_formula_injection_is_neutralised_in_the_csv(
    casework: Casework, clock: FrozenClock, tmp_path: Path
) -> None:
    """OWASP: a cell starting with =, +, - or @ is prefixed with ' so a
    spreadsheet shows it as text, never runs it."""
    rows = _rows(casework, clock, HOSTILE)
    path = tmp_path / "register.csv"
    write_csv(rows, path)
    with path.open(encoding="utf-8-sig", newline="") as file:
        _, first, _ = list(csv.reader(file))
    assert first[0] == "'" + rows[0].name_and_contact
    assert first[0].startswith("'=HYPERLINK(")
    assert first[1] == rows[0].warning  # starts with "Given": nothing to neutralise


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_each_start_owasp_names_is_prefixed(start: str) -> None:
    """OWASP's list: =, +, -, @, tab and carriage return; other text is kept."""
    assert neutralised(f"{start}1+1") == f"'{start}1+1"
    assert neutralised(f"x{start}1") == f"x{start}1"


def test_the_workbook_reads_back_with_real_dates_bold_frozen_headings_and_wrapped_text(
    casework: Casework, clock: FrozenClock, tmp_path: Path
) -> None:
    """openpyxl reads back the policy's headings in bold above frozen panes,
    the text as text, and "Date last reviewed" as a date cell shown as
    people write dates; columns are sized to their text, at most 62 wide."""
    rows = _rows(casework, clock, HOSTILE)
    path = tmp_path / "register.xlsx"
    write_xlsx(rows, path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == POLICY_HEADINGS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "B2"
    assert values[1] == [*rows[0].columns[:3], datetime.datetime(2026, 4, 30), rows[0].case_notes]
    assert values[2] == [*rows[1].columns[:3], None, rows[1].case_notes]
    reviewed = sheet.cell(row=2, column=4)
    assert (reviewed.is_date, reviewed.number_format) == (True, "d mmmm yyyy")
    assert all(cell.alignment.wrap_text for row in sheet.iter_rows() for cell in row)
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDE"]
    assert widths[0] == len(HOSTILE.name) + 2
    assert widths[3] == len("30 September 2026") + 2
    assert widths[4] == 62


def test_no_cell_of_the_workbook_is_a_formula(
    casework: Casework, clock: FrozenClock, tmp_path: Path
) -> None:
    """Text starting with = is written as text, never as a formula, and
    read back exactly as it was."""
    rows = _rows(casework, clock, HOSTILE)
    path = tmp_path / "register.xlsx"
    write_xlsx(rows, path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert {cell.data_type for cell in cells if cell.value is not None} == {"s", "d"}
    assert sheet.cell(row=2, column=1).value == rows[0].name_and_contact


def test_control_characters_and_overlong_text_still_make_a_workbook(
    casework: Casework, tmp_path: Path
) -> None:
    """Characters a workbook cannot hold are written as escapes, and text
    longer than Excel's cell limit is cut, saying so."""
    customer = Customer("CRM-5", "Sam\x1b[2J Taylor\uffff", "x" * 40_000)
    case = casework.report(customer, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    path = tmp_path / "register.xlsx"
    write_xlsx(casework.register(), path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    name = sheet.cell(row=2, column=1).value
    assert isinstance(name, str)
    assert name.startswith("Sam\\x1b[2J Taylor\\uffff\nxxx")
    assert len(name) == EXCEL_CELL_LIMIT
    assert name.endswith("\n[cut: the rest is in the case file]")


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_what_is_not_rows_or_a_path_is_refused(writer: object, tmp_path: Path) -> None:
    """``InvalidInput`` naming ``rows`` or ``path`` (7.4), writing nothing."""
    assert callable(writer)
    for rows in (["not a row"], 7, "rows"):
        with pytest.raises(InvalidInput) as refused:
            writer(rows, tmp_path / "out")
        assert (refused.value.field, refused.value.section) == ("rows", "7.4")
    with pytest.raises(InvalidInput) as refused:
        writer([], 7)
    assert (refused.value.field, refused.value.section) == ("path", "7.4")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_register_files_are_written_0600_by_the_library(
    writer: object, casework: Casework, clock: FrozenClock, tmp_path: Path
) -> None:
    """Reproduction: the CLI wrote the register 0600 but the library did not:
    the file, new or already there with a wider mode, ends readable by its
    owner only (it holds personal data, 7.4)."""
    assert callable(writer)
    rows = _rows(casework, clock, Customer("CRM-7", "Siân Taylor", "12 Week Street"))
    target = tmp_path / "register"
    writer(rows, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.chmod(0o644)
    writer(rows, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=st.lists(strategies.cases(), max_size=3), at=strategies.moments())
def test_property_any_case_makes_a_row_that_writes_as_csv_and_excel(
    cases: list[Case], at: pendulum.DateTime, tmp_path: Path
) -> None:
    """Whatever a case holds (any text a store keeps, control characters
    and U+FFFF among it), its row is made and the rows write as CSV and as
    Excel, and read back as many rows as were written."""
    rows = [row(case, MAIDSTONE, at) for case in cases]
    write_csv(rows, tmp_path / "register.csv")
    write_xlsx(rows, tmp_path / "register.xlsx")
    limit = csv.field_size_limit(sys.maxsize)  # the reader's, not the writer's: cells are long
    try:
        with (tmp_path / "register.csv").open(encoding="utf-8-sig", newline="") as file:
            assert len(list(csv.reader(file))) == len(rows) + 1
    finally:
        csv.field_size_limit(limit)
    sheet = openpyxl.load_workbook(tmp_path / "register.xlsx").active
    assert sheet is not None
    assert sheet.max_row == len(rows) + 1
