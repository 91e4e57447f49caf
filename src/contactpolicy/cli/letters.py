"""``letter``: the letter to the customer of a case's warning or decision
(6.3), as text on standard output, or written as text, HTML or PDF.

On standard output, which a terminal may show, every format character is
escaped, the isolates around right-to-left lines included
(:func:`~contactpolicy.domain.wording.shown`), so no stored character can
act on the terminal or reorder its lines. A file is the letter as sent,
ready to print or post: its text as :func:`contactpolicy.documents.written`
makes it, right-to-left lines isolated, as the HTTP API's ``text/plain``.
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
    text: Annotated[
        Path | None,
        typer.Option(
            "--text",
            metavar="PATH",
            help="Write the letter as plain text (UTF-8), ready to print or send.",
        ),
    ] = None,
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
    files = {"--text": text, "--html": html, "--pdf": pdf}
    chosen = [(option, path) for option, path in files.items() if path is not None]
    if len(chosen) > 1:
        raise BadInput("give one of --text, --html and --pdf, not more")
    run = session(context)
    for option, path in chosen:
        check_writable(path, option, run.kept())
    casework = run.casework(run.policy())
    # The command line names commands with hyphens (no-action); the library
    # takes a kind as written, in lower case with underscores.
    written = casework.letter(case_id, kind.replace("-", "_"), by=run.reader(casework))
    if not chosen:
        # A tab is spacing in a letter; any other control character stays escaped.
        write_lines(run.out, [shown(line, tabs=True) for line in written.text.splitlines()])
        return
    option, path = chosen[0]
    # A file is the letter as sent: its text as the documents write it.
    if option == "--text":
        content = written.text.encode("utf-8")
    elif option == "--html":
        content = written.html.encode("utf-8")
    else:
        content = written.pdf()
    write_private(path, content, option, run.kept())
    say(run.out, f"Wrote the {written.kind.value} letter of {written.case_id} to {path}.")
