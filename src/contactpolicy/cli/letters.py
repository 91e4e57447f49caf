"""``letter``: the letter to the customer of a case's warning or decision
(6.3), as text on standard output, or written as HTML or PDF.

A letter holds the case file's personal data, so a file it is written to
is made readable by its owner only (mode 0600)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from contactpolicy.cli.files import check_writable, write_private
from contactpolicy.cli.parse import BadInput
from contactpolicy.cli.render import say, shown, write_lines
from contactpolicy.cli.session import CaseId, session
from contactpolicy.domain.vocabulary import LetterKind

__all__ = ["app"]

app = typer.Typer()

_KINDS = ", ".join(kind.value for kind in LetterKind)


@app.command()
def letter(
    context: typer.Context,
    case_id: CaseId,
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            help=(
                f"Which letter: {_KINDS} (or no-action, as the command is named). It is about "
                "the latest decision of that kind."
            ),
            show_default=False,
        ),
    ],
    html: Annotated[
        Path | None,
        typer.Option("--html", metavar="PATH", help="Write the letter as accessible HTML."),
    ] = None,
    pdf: Annotated[
        Path | None,
        typer.Option("--pdf", metavar="PATH", help="Write the letter as PDF."),
    ] = None,
) -> None:
    """Print the letter to the customer of a case's warning or latest decision of a kind (6.3).

    Only an officer who may take or record that decision has it written (``--as``)."""
    if html is not None and pdf is not None:
        raise BadInput("give --html or --pdf, not both")
    run = session(context)
    if html is not None:
        check_writable(html, "--html", run.kept())
    if pdf is not None:
        check_writable(pdf, "--pdf", run.kept())
    casework = run.casework(run.policy())
    # The command line names commands with hyphens (no-action); the library
    # takes a kind as written, in lower case with underscores.
    written = casework.letter(case_id, kind.replace("-", "_"), by=run.reader(casework))
    if html is not None:
        write_private(html, written.html.encode("utf-8"), "--html", run.kept())
    elif pdf is not None:
        write_private(pdf, written.pdf(), "--pdf", run.kept())
    else:
        # A tab is spacing in a letter; any other control character stays escaped.
        write_lines(run.out, [shown(line, tabs=True) for line in written.text.splitlines()])
        return
    say(run.out, f"Wrote the {written.kind.value} letter of {written.case_id} to {html or pdf}.")
