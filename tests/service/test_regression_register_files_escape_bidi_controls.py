"""A customer's name holding a right-to-left override (U+202E) was escaped
by ``show`` and the letters but written raw to the register's CSV and
Excel files, where a spreadsheet showed the name reversed. Both files now
escape every character ``wording.shown`` escapes (7.4), keeping the line
feeds between facts, tabs and the formula (CSV) injection prefix."""

import csv
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import Channel, Customer
from contactpolicy.domain.wording import shown
from contactpolicy.register import neutralised, write_csv, write_xlsx

from support.email_only import MANAGER, RECORDS, reported


def _written(folder: Path, name: str, contact: str = "12 Week Street") -> tuple[str, str]:
    """The "Name and contact details" cell of the CSV and of the workbook
    for a warned case of a customer named ``name``."""
    casework, _clock, case_id = reported(customer=Customer("CRM-8", name, contact))
    casework.warn(case_id, MANAGER, Channel.LETTER, ["calls limited"])
    rows = casework.register(by=RECORDS)
    write_csv(rows, folder / "r.csv")
    write_xlsx(rows, folder / "r.xlsx")
    with (folder / "r.csv").open(encoding="utf-8-sig", newline="") as file:
        [_headings, row] = list(csv.reader(file))
    sheet = openpyxl.load_workbook(folder / "r.xlsx").active
    assert sheet is not None
    return row[0], str(sheet.cell(row=2, column=1).value)


def test_a_right_to_left_override_is_written_escaped(tmp_path: Path) -> None:
    expected = "Sam \\u202eroliaT\\u202c\n12 Week Street\nCustomer reference CRM-8"
    assert _written(tmp_path, "Sam \u202eroliaT\u202c") == (expected, expected)


def test_a_formula_after_an_override_is_still_prefixed(tmp_path: Path) -> None:
    csv_cell, excel_cell = _written(tmp_path, '=HYPERLINK("x")\u2066')
    assert (csv_cell.splitlines()[0], excel_cell.splitlines()[0]) == (
        '\'=HYPERLINK("x")\\u2066',
        '=HYPERLINK("x")\\u2066',
    )


@pytest.mark.parametrize("joiner", ["\u200c", "\u200d"])
def test_the_joiners_of_names_are_kept(tmp_path: Path, joiner: str) -> None:
    name = f"Anu{joiner}pama"
    assert [cell.splitlines()[0] for cell in _written(tmp_path, name)] == [name, name]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(st.characters(categories=["Cf", "Ll"]), min_size=1, max_size=8))
def test_every_cell_is_as_show_writes_it(tmp_path: Path, letters: str) -> None:
    """Whatever format characters a name holds, both files hold it as
    ``shown`` writes it (a name starts with a letter, so no formula)."""
    name = f"Sam{letters}"
    expected = f"{shown(name)}\n12 Week Street\nCustomer reference CRM-8"
    assert _written(tmp_path, name) == (neutralised(expected), expected)
