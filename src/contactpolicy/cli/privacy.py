"""Data protection on the command line: ``purge`` erases what is past
retention (7.2; ``docs/data-protection.md``)."""

from __future__ import annotations

from typing import Annotated

import typer

from contactpolicy.cli.render import print_json, say
from contactpolicy.cli.session import AsJson, CommandId, session
from contactpolicy.domain.wording import count

__all__ = ["app"]

app = typer.Typer()


@app.command()
def purge(
    context: typer.Context,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be erased; erase nothing.")
    ] = False,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Erase the personal text of cases and contacts past retention, keeping their trace (7.2)."""
    run = session(context)
    settings, officer = run.acting()
    report = run.casework(settings.policy).purge(
        by=officer, dry_run=dry_run, command_id=run.identify(command_id)
    )
    if as_json:
        print_json(run.out, report)
        return
    verb = "would erase" if report.dry_run else "erased"
    cases, entries = count(report.cases, "case"), count(report.contacts, "logged contact")
    say(run.out, f"Run {report.run_id} {verb} the personal text of {cases} and {entries}.")
    for item in report.erased:
        say(run.out, f"  {item.kind} {item.id}")
    if report.kept:
        say(run.out, "Past retention but kept: recorded before the record was chained, or signed")
        say(run.out, "with an audit key not given (docs/data-protection.md):")
        for item in report.kept:
            say(run.out, f"  {item.kind} {item.id}")
