"""Data protection on the command line: ``purge`` erases what is past
retention (7.2), ``rectify`` corrects a record (7.4) and ``subject-access``
exports everything held about a customer (``docs/data-protection.md``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from contactpolicy.audit import codec
from contactpolicy.casework import retention
from contactpolicy.cli.files import check_folder, check_writable, write_private
from contactpolicy.cli.parse import BadInput, moment, typed_text
from contactpolicy.cli.render import done, print_json, say
from contactpolicy.cli.session import FROM_FILE, AsJson, CaseId, CommandId, session, stated
from contactpolicy.domain.preconditions import RECTIFIABLE, rectified
from contactpolicy.domain.wording import count, words

__all__ = ["app"]

app = typer.Typer()


@app.command()
def purge(
    context: typer.Context,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be erased; erase nothing.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Count retention to this date and time (default now); later than now only "
            "with --dry-run, to preview.",
        ),
    ] = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Erase the personal text of cases and contacts past retention, keeping their trace (7.2)."""
    run = session(context)
    settings, officer = run.acting()
    at = (
        None if as_of is None else moment(as_of, "--as-of", settings.policy.timezone, section="7.2")
    )
    if at is not None and at > run.clock.now() and not dry_run:
        raise BadInput(
            "--as-of: a purge that erases counts retention to now or earlier; "
            "add --dry-run to preview a later date (7.2)"
        )
    # A dry run writes nothing, so it takes no id (7.2): one given is refused.
    identified = command_id is not None or not dry_run
    report = run.casework(settings.policy).purge(
        at,
        by=officer,
        dry_run=dry_run,
        command_id=run.identify(command_id or retention.new_run_id()) if identified else None,
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
    if report.held:
        say(run.out, "Past retention but held, as the work queue holds these on them (todo); the")
        say(run.out, "run after they are dealt with erases them (docs/data-protection.md):")
        for held in report.held:
            say(run.out, f"  case {held.id}: {', '.join(map(words, held.waiting))}")
    if (report.cases or report.contacts) and not report.keyed:
        say(
            run.out,
            "The store has no audit key: an erased text's digest can be matched against a "
            "guessed text, so this erasure is pseudonymisation, not anonymisation. Set "
            "CONTACTPOLICY_AUDIT_KEY or audit_key_file before records are written "
            "(docs/data-protection.md).",
        )


@app.command()
def rectify(
    context: typer.Context,
    case_id: CaseId,
    field: Annotated[
        str,
        typer.Option(
            "--field",
            help="customer.id (moves the case to that customer reference), customer.name, "
            "customer.contact, issue or incident.N.description (N from 1).",
        ),
    ],
    value: Annotated[str, typer.Option("--value", help="The corrected text." + FROM_FILE)],
    reason: Annotated[
        str,
        typer.Option("--reason", callback=stated("7.4"), help="Why it is corrected." + FROM_FILE),
    ],
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Correct a customer's details or an incident's record, saying why (7.4)."""
    run = session(context)
    settings, officer = run.acting()
    found = rectified(field)
    if found is None:
        raise BadInput(
            f"--field: there is no such field to correct; use one of: {', '.join(RECTIFIABLE)} "
            "(N from 1)"
        )
    value = run.text(value, "--value")
    if found[0] != "customer.contact":
        # Not stated() on the option: empty contact details clear them, so
        # whether --value must hold something is the field's to say.
        typed_text(value, "--value", "7.4")
    reason = run.text(reason, "--reason")
    casework = run.casework(settings.policy)
    case = casework.rectify(
        case_id, officer, field, value, reason, command_id=run.identify(command_id)
    )
    done(run.out, case, f"Corrected {field} on case {case.id}.", as_json=as_json)
    if as_json or not field.startswith("customer."):
        return
    if field == "customer.id":
        say(
            run.out,
            f"Case {case.id} is now under customer reference {case.customer.id}; contact-log "
            "entries and reads of its file stay under the reference they were written under "
            "(7.4).",
        )
        return
    # A correction is to one case; the customer's other cases keep what they
    # hold until each is corrected with its own reason (7.4).
    attribute = field.removeprefix("customer.")
    others = [
        other.id
        for other in casework.cases(customer_id=case.customer.id, by=officer)
        if other.id != case.id and getattr(other.customer, attribute) != value
    ]
    if others:
        say(
            run.out,
            f"This customer's other cases hold a different {field}: {', '.join(others)}.",
        )


_EXPORTED = (
    "subject-access.json",
    "subject-access.html",
    "subject-access.pdf",
    "redaction-review.json",
)
"""The files a subject access export writes in its folder, in order."""


@app.command("subject-access")
def subject_access(
    context: typer.Context,
    customer_id: Annotated[str, typer.Argument(help="The customer's reference.")],
    out: Annotated[
        Path, typer.Option("--out", help="The folder to write the export to; made if missing.")
    ],
) -> None:
    """Export everything held about a customer as JSON, HTML and PDF (UK GDPR Article 15)."""
    run = session(context)
    settings, officer = run.acting()
    # Every file is checked before the customer's file is read, and the
    # folder made, so a refusal reads and writes nothing.
    check_folder(out, "--out")
    for name in _EXPORTED:
        check_writable(out / name, "--out", run.kept())
    export = run.casework(settings.policy).subject_access(customer_id, by=officer)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BadInput(f"--out: cannot make the folder {out}: {error.strerror}") from None
    files = {
        "subject-access.json": json.dumps(export.data, indent=2, ensure_ascii=False).encode(),
        "subject-access.html": export.html.encode(),
        "subject-access.pdf": export.pdf(),
        "redaction-review.json": json.dumps(
            [codec.unstructure(mention) for mention in export.for_review], indent=2
        ).encode(),
    }
    assert tuple(files) == _EXPORTED, "the files checked are the files written"
    for name, content in files.items():
        write_private(out / name, content, "--out", run.kept())
    if export.data["nothing_held"]:
        say(
            run.out,
            f"Nothing is held under the reference {export.customer_id}; the export says so.",
        )
    say(run.out, f"Wrote the export for {export.customer_id} to {out}: {', '.join(files)}.")
    if export.for_review:
        left_out = sum(1 for mention in export.for_review if mention.left_out)
        reasons = sum(1 for mention in export.for_review if mention.decision is not None)
        names = len(export.for_review) - reasons - left_out
        what = (
            [
                f"{count(left_out, 'case')} under this reference holding another customer's "
                "name, left out of the export (check whose it is; rectify --field customer.id "
                "moves it to its customer's reference)"
            ]
            if left_out
            else []
        )
        if names:
            what.append(f"{count(names, 'place')} naming another customer")
        if reasons:
            what.append(
                f"{count(reasons, 'place')} giving why a decision was not told (6.3), which an "
                "exemption may let the council withhold"
            )
        say(run.out, f"Before sending, review {' and '.join(what)}:")
        say(run.out, "redaction-review.json says where.")
