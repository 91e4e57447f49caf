"""Regression, the register (7.4):

- its case notes worded the restrictions as the customer's letter does,
  addressing them ("Limiting your contact ...", "for you to communicate
  with"); the register is the council's record, so it words them of the
  customer in the third person, as 5.1 does ("Limiting the customer's
  contact ...");
- a name a spreadsheet would read as a formula is held in the workbook as a
  text cell holding exactly the name, with no apostrophe added, and marked
  with Excel's quote prefix so that it stays text when the cell is edited;
  the CSV file keeps its apostrophe (OWASP).
"""

from __future__ import annotations

import csv
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import Casework, Channel, Customer, FrozenClock
from contactpolicy import restrictions as r
from contactpolicy.domain import wording
from contactpolicy.register import write_csv, write_xlsx
from contactpolicy.stores import MemoryStore

from support.builders import ONE_OF_EACH, RECORDS, START, designated_and_told

IN_FORCE = (
    "Restrictions in force (5.1): Limiting the customer's contact to one method of contact: "
    "email. Designating a single point of contact for the customer to communicate with: "
    "Rui Records (records)."
)


def _register(clock: FrozenClock, name: str = "Sam Taylor") -> Casework:
    """One case designated and told, for a customer called ``name``."""
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = designated_and_told(casework, customer=Customer("CRM-7", name, "1 High St"))
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    return casework


def test_case_notes_word_the_restrictions_in_the_third_person(clock: FrozenClock) -> None:
    [row] = _register(clock).register(by=RECORDS)
    assert row.case_notes.splitlines()[1] == IN_FORCE
    assert "your" not in row.case_notes.lower().split()
    assert " you " not in row.case_notes


def test_the_letter_still_addresses_the_customer() -> None:
    assert [
        wording.restriction(each)
        for each in (r.SingleContactMethod(Channel.EMAIL), r.SinglePointOfContact("lwong"))
    ] == [
        "Limiting your contact to one method of contact: email.",
        "Designating a single point of contact for you to communicate with: lwong.",
    ]


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://evil","x")', "+44 1632 960000", "-2+3", "@SUM(1+1)", " =1+1"]
)
def test_a_formula_like_name_is_text_in_the_workbook_and_prefixed_in_the_csv(
    clock: FrozenClock, tmp_path: Path, name: str
) -> None:
    rows = _register(clock, name).register(by=RECORDS)
    workbook, table = tmp_path / "register.xlsx", tmp_path / "register.csv"
    write_xlsx(rows, workbook)
    write_csv(rows, table)
    sheet = openpyxl.load_workbook(workbook).active
    assert sheet is not None
    cell = sheet.cell(row=2, column=1)
    held = f"{name}\n1 High St\nCustomer reference CRM-7"
    assert (cell.value, cell.data_type, cell.quotePrefix) == (held, "s", True)
    with zipfile.ZipFile(workbook) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    with table.open(encoding="utf-8-sig", newline="") as file:
        assert list(csv.reader(file))[1][0] == "'" + held


def test_plain_text_carries_no_quote_prefix(clock: FrozenClock, tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    write_xlsx(_register(clock).register(by=RECORDS), path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    cell = sheet.cell(row=2, column=1)
    assert (cell.value, cell.quotePrefix) == (
        "Sam Taylor\n1 High St\nCustomer reference CRM-7",
        False,
    )


@settings(max_examples=25, deadline=None)
@given(name=st.text(alphabet='=+-@ aZ(1"', min_size=1, max_size=12).filter(str.strip))
def test_any_name_is_read_back_from_the_workbook_exactly(name: str) -> None:
    """Whatever the name, the workbook's cell holds exactly it, as text."""
    clock = FrozenClock(START)
    rows = _register(clock, name).register(by=RECORDS)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "register.xlsx"
        write_xlsx(rows, path)
        sheet = openpyxl.load_workbook(path).active
        assert sheet is not None
        cell = sheet.cell(row=2, column=1)
        assert (cell.value, cell.data_type) == (
            f"{name}\n1 High St\nCustomer reference CRM-7",
            "s",
        )
