"""An officer's text holding a right-to-left override (U+202E) or another
bidirectional control is the officer's words, kept as typed; wherever text
is shown (``show``, ``list``, the register on the terminal and in its CSV
and Excel files, a letter) the control is escaped visibly
(``domain.wording.shown``), so it cannot make a line read differently from
what is stored (the "Trojan source" problem; 7.4)."""

from __future__ import annotations

import csv

import openpyxl

from support.command_line import CommandLine

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
"""Every bidirectional control: the embeddings, overrides and isolates, and
the two marks."""
TYPED = "Limit \u202eslla\u202c calls to \u2067ten\u2069 minutes"
SHOWN = "Limit \\u202eslla\\u202c calls to \\u2067ten\\u2069 minutes"


def _warned(command: CommandLine) -> str:
    """A case warned by letter with ``TYPED`` as its measure; its id."""
    case_id = command.report()
    ran = command(
        "--as", "jsmith", "warn", case_id, "--method", "letter", "--at", "2026-01-04 10:00",
        "--measure", TYPED,
    )  # fmt: skip
    assert ran.status == 0, ran.err
    return case_id


def test_the_text_is_kept_as_typed(command: CommandLine) -> None:
    case_id = _warned(command)
    shown = command("--as", "lwong", "show", case_id, "--json").json
    assert shown["warning"]["measures"] == [TYPED]


def test_no_bidirectional_control_takes_effect_where_text_is_shown(command: CommandLine) -> None:
    case_id = _warned(command)
    for argv in (
        ("show", case_id),
        ("register",),
        ("letter", case_id, "warning"),
    ):
        ran = command("--as", "lwong", *argv)
        assert ran.status == 0, ran.err
        assert not set(ran.out) & set(CONTROLS), argv
        # Tables wrap long text: compared with the white space taken out.
        assert "".join(SHOWN.split()) in "".join(ran.out.split()), argv


def test_the_register_files_escape_them_too(command: CommandLine) -> None:
    _warned(command)
    assert command("--as", "lwong", "register", "--csv", "register.csv").status == 0
    assert command("--as", "lwong", "register", "--xlsx", "register.xlsx").status == 0
    with (command.folder / "register.csv").open(encoding="utf-8-sig", newline="") as file:
        [_, row] = list(csv.reader(file))
    assert "Initial measures: " + SHOWN + "." in row[1]
    sheet = openpyxl.load_workbook(command.folder / "register.xlsx").active
    assert sheet is not None
    cell = str(sheet.cell(row=2, column=2).value)
    assert "Initial measures: " + SHOWN + "." in cell
    assert not set(row[1] + cell) & set(CONTROLS)
