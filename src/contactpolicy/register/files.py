"""The register written where a records team opens it: CSV and Excel (7.4).

Both files have one header row holding the policy's own column headings
(:data:`~contactpolicy.register.rows.HEADINGS`) and one row per case, in the
order given.

- **CSV** (:func:`write_csv`): UTF-8 with a byte order mark, so that Excel
  reads the names and notes as UTF-8 rather than in the machine's legacy
  code page; the csv module's Excel dialect (commas, fields quoted where
  needed, line breaks inside quoted fields, CRLF between rows). "Date last
  reviewed" is an ISO 8601 date (``2026-04-30``), which Excel and every
  other tool read as a date. A text cell starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return, or with white space before ``=``,
  ``+``, ``-`` or ``@`` (some imports trim it), is prefixed with ``'`` as
  OWASP recommends against formula (CSV) injection: a customer's name or a
  note is shown as the text it is, never run as a formula.
- **Excel** (:func:`write_xlsx`, openpyxl): a bold header row frozen above
  the rows, text wrapped, columns sized to their text, and "Date last
  reviewed" a real Excel date (``30 April 2026``). Every text cell is
  written as text holding exactly the text, so nothing in it is ever a
  formula, and one a spreadsheet would read as a formula (as above) is
  also marked with Excel's quote prefix, so that it stays text when the
  cell is edited; no apostrophe is added to it. U+FFFE and U+FFFF,
  which a workbook cannot hold, are written as escapes (``\\uffff``), as
  the characters below are; a cell longer than Excel's limit of 32,767
  characters is cut, saying so.
- In both, every character ``show`` and the letters write as an escape
  (:func:`contactpolicy.domain.wording.shown`: control characters, the
  bidirectional overrides and other invisible format characters, such as
  U+202E, which would make a spreadsheet show a name reversed) is written
  as the same escape (``\\u202e``); line feeds and tabs are kept.

Both files hold personal data: each is written readable and writable by its
owner only (mode 0600), a file already there included.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
from collections.abc import Iterable
from os import PathLike
from typing import IO

import pendulum

from contactpolicy.domain.validation import describe, require
from contactpolicy.domain.wording import shown
from contactpolicy.errors import InvalidInput
from contactpolicy.register.rows import HEADINGS, TITLE, RegisterRow

__all__ = ["EXCEL_CELL_LIMIT", "neutralised", "write_csv", "write_xlsx"]

EXCEL_CELL_LIMIT = 32767
"""The most characters an Excel cell holds."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula (OWASP); the
first four after white space too, which a spreadsheet's import may trim."""

_CUT = "\n[cut: the rest is in the case file]"

_DATE_FORMAT = "d mmmm yyyy"
"""How Excel shows the dates: ``30 April 2026``."""

_WIDEST = 60
"""The widest a column is made, in characters; longer lines wrap."""

_LINE = re.compile(r"[^\n]*")

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""The characters a workbook (XML 1.0) cannot hold: control characters,
U+FFFE and U+FFFF, and lone surrogates; all but U+FFFE and U+FFFF are
escaped by ``shown`` first."""

Path = str | PathLike[str]


def neutralised(text: str) -> str:
    """``text`` safe in a CSV cell: prefixed with ``'`` when a spreadsheet
    would read it as a formula (OWASP, CSV injection), white space before
    it included, as an import that trims it would.

    >>> neutralised("=HYPERLINK(\\"http://x\\")"), neutralised("Sam Taylor")
    ('\\'=HYPERLINK("http://x")', 'Sam Taylor')
    >>> neutralised(" =1+1")
    "' =1+1"
    """
    return "'" + text if _formula_like(text) else text


def _formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula (OWASP), white
    space before it included."""
    return text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START)


def _rows(rows: Iterable[RegisterRow]) -> list[RegisterRow]:
    if isinstance(rows, (str, bytes)) or not isinstance(rows, Iterable):
        raise InvalidInput("rows", f"must be register rows, got {describe(rows)}", "7.4")
    found = list(rows)
    for each in found:
        require(each, RegisterRow, "rows", "7.4")
    return found


def _path(path: Path) -> Path:
    if not isinstance(path, (str, PathLike)):
        raise InvalidInput("path", f"must be a file path, got {describe(path)}", "7.4")
    if not isinstance(os.fspath(path), str):
        raise InvalidInput("path", f"must be a file path, got {describe(os.fspath(path))}", "7.4")
    if "\x00" in os.fspath(path):
        raise InvalidInput("path", "must not contain the NUL character (U+0000)", "7.4")
    return path


def _private(path: Path) -> IO[bytes]:
    """``path`` opened to be written in binary, emptied, with mode 0600 (a
    file that was there keeps its mode on opening, so it is set)."""
    descriptor = os.open(_path(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


def write_csv(rows: Iterable[RegisterRow], path: Path) -> None:
    """Write ``rows`` (from :meth:`~contactpolicy.Casework.register`) to the
    CSV file ``path`` under the policy's column headings (7.4), replacing
    any file there, with mode 0600. ``InvalidInput`` for rows that are not
    :class:`RegisterRow` or a path that is not one; ``OSError`` when the
    file cannot be written."""
    found = _rows(rows)
    with (
        _private(path) as raw,
        io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as file,
    ):
        writer = csv.writer(file, dialect="excel")
        writer.writerow(HEADINGS)
        for each in found:
            name, warning, applied, reviewed, notes = each.columns
            writer.writerow(
                [
                    _cell(name),
                    _cell(warning),
                    _cell(applied),
                    "" if reviewed is None else reviewed.isoformat(),
                    _cell(notes),
                ]
            )


def _cell(text: str) -> str:
    """``text`` as a CSV cell holds it: escaped as ``show`` escapes it,
    line feeds and tabs kept, then :func:`neutralised`."""
    return neutralised(shown(text, lines=True, tabs=True))


def _kept(text: str) -> str:
    """``text`` as a workbook cell holds it: escaped as ``show`` escapes it,
    line feeds and tabs kept, and what else XML cannot hold as escapes, at
    most :data:`EXCEL_CELL_LIMIT` characters."""
    text = _NOT_XML.sub(_escape, shown(text, lines=True, tabs=True))
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - len(_CUT)] + _CUT
    return text


def _escape(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def _width(texts: Iterable[str]) -> float:
    """A column's width: its longest line, at most :data:`_WIDEST`."""
    longest = max((len(line) for text in texts for line in _LINE.findall(text)), default=0)
    return min(max(longest, 12), _WIDEST) + 2


def write_xlsx(rows: Iterable[RegisterRow], path: Path) -> None:
    """Write ``rows`` to the Excel workbook ``path`` (7.4), replacing any
    file there, with mode 0600: one sheet, titled as the policy's table, the header row
    bold and frozen, text wrapped, columns sized to fit, "Date last
    reviewed" a date cell. Errors as :func:`write_csv`."""
    # Imported here: openpyxl takes a while to import, and reading the
    # register or writing CSV does not need it.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    found = _rows(rows)
    _path(path)
    book = Workbook()
    sheet = book.active
    assert sheet is not None, "a new workbook has a sheet"
    sheet.title = "Register"
    book.properties.title = TITLE
    sheet.append(list(HEADINGS))
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = wrap
    texts: list[list[str]] = [[], [], [], [], []]
    for number, each in enumerate(found, start=2):
        for column, value in enumerate(each.columns, start=1):
            cell = sheet.cell(row=number, column=column)
            if isinstance(value, pendulum.Date):
                cell.value = datetime.date(value.year, value.month, value.day)
                cell.number_format = _DATE_FORMAT
                texts[column - 1].append("30 September 2026")
            elif value is not None:
                kept = _kept(value)
                cell.value = kept
                # Text, even when it starts with "=": never a formula. One
                # a spreadsheet would read as a formula is marked as text
                # too (Excel's quote prefix), so that editing the cell keeps
                # it text; the value holds no apostrophe.
                cell.data_type = "s"
                cell.quotePrefix = _formula_like(kept)
                texts[column - 1].append(kept)
            cell.alignment = wrap
    for column, values in enumerate(texts, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = _width(values)
    sheet.freeze_panes = "B2"
    with _private(path) as file:
        book.save(file)
