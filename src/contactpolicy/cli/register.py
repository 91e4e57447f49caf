"""``register``: the electronic record of 7.4 in the policy's five columns,
printed, or written as CSV or as an Excel workbook for the records team."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from contactpolicy.cli.files import check_writable, private_file
from contactpolicy.cli.parse import BadInput, choice
from contactpolicy.cli.render import print_json, say, shown, title, write_lines
from contactpolicy.cli.session import AsJson, session
from contactpolicy.domain import wording
from contactpolicy.domain.model import Officer
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.register import RegisterRow, write_csv, write_xlsx

__all__ = ["app"]

app = typer.Typer()


class Review(enum.Enum):
    """The values of ``--review``."""

    OVERDUE = "overdue"
    DUE = "due"


LABELS = (
    "Name and contact details",
    "Warning given",
    "Policy applied",
    "Date last reviewed",
    "Case notes",
)
"""Short labels for the policy's five headings, for the terminal; the files
carry the headings in full."""


@app.command("register")
def show_register(
    context: typer.Context,
    state: Annotated[
        str | None,
        typer.Option("--state", help="Only cases in this state, such as designated."),
    ] = None,
    review: Annotated[
        str | None,
        typer.Option(
            "--review",
            metavar="overdue|due",
            help="Only reviews overdue, or due within 14 days (overdue ones included).",
        ),
    ] = None,
    csv_path: Annotated[
        Path | None,
        typer.Option("--csv", metavar="PATH", help="Write the register as CSV (UTF-8) to PATH."),
    ] = None,
    xlsx_path: Annotated[
        Path | None,
        typer.Option("--xlsx", metavar="PATH", help="Write the register as an Excel workbook."),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Show the electronic record of 7.4, reviews overdue first, or write it as CSV or Excel."""
    run = session(context)
    if csv_path is not None and xlsx_path is not None:
        raise BadInput("give --csv PATH or --xlsx PATH, not both")
    target = csv_path or xlsx_path
    option = "--csv" if xlsx_path is None else "--xlsx"
    if target is not None:
        # Before the cases are read, so a refusal reads and writes nothing.
        check_writable(target, option, run.kept())
    wanted = None if state is None else choice(CaseState, state, "--state", "7.4")
    chosen = None if review is None else choice(Review, review, "--review", "7.4").value
    officer: Officer | None
    if run.officer_id is not None:
        settings, officer = run.acting()
        casework = run.casework(settings.policy)
    else:
        # With an officer directory, the reader must say who they are (--as).
        casework = run.casework(run.policy())
        officer = run.reader(casework)
    rows = casework.register(wanted, chosen, by=officer)
    if target is not None:
        # The register holds personal data: its file is private (0600).
        with private_file(target, option, run.kept()) as written:
            (write_csv if xlsx_path is None else write_xlsx)(rows, written)
        say(run.out, f"Wrote the register (7.4), {wording.count(len(rows), 'case')}, to {target}.")
    elif as_json:
        print_json(run.out, rows)
    elif not rows:
        say(run.out, "No case in the register matches.")
    else:
        title(run.out, f"The register (7.4): {wording.count(len(rows), 'case')}")
        write_lines(run.out, [line for each in rows for line in _lines(each)])


def _lines(row: RegisterRow) -> list[str]:
    """One case of the register as text: its five columns, labelled."""
    lines = ["", f"{row.case_id} ({wording.name(row.state)})"]
    for label, value in zip(LABELS, row.columns, strict=True):
        if value is None:
            value = "Not yet reviewed."
        elif not isinstance(value, str):
            value = wording.day(value)
        first, *rest = [shown(line) for line in value.split("\n")]
        lines.append(f"  {label}: {first}")
        lines += [f"    {line}" for line in rest]
    return lines
