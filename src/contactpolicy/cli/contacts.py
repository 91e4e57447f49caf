"""At the point of contact and before a decision: ``check`` (how to handle
a contact, 5.1, 7.3), ``read`` (correspondence refused or filed, still read,
5.1), ``acted-on`` (an escalated safeguard with no case to hold it, acted
on, 5.1) and ``evidence`` (what the record shows, 2.1, 4.1, 6.4)."""

from __future__ import annotations

from typing import Annotated

import typer

from contactpolicy.cli.parse import calendar_date, choice, moment, whole
from contactpolicy.cli.render import decision_view, done, print_json, say
from contactpolicy.cli.session import FROM_FILE, AsJson, CommandId, session, stated
from contactpolicy.domain.contact import Contact
from contactpolicy.domain.validation import kept
from contactpolicy.domain.vocabulary import Channel, ContactPurpose, ReadOutcome, Role
from contactpolicy.errors import InvalidInput

__all__ = ["MEANWHILE", "app"]

MEANWHILE = (
    "Meanwhile, the same check with --preview says how to handle the contact without "
    "logging it; ask the records officer for the audit key to log contacts again"
)
"""What ``check`` refused for the audit key tells staff to do meanwhile (7.4)."""

app = typer.Typer()

CustomerId = Annotated[
    str, typer.Argument(help="The customer's reference in the council's own system.")
]


@app.command()
def check(
    context: typer.Context,
    customer_id: CustomerId,
    channel: Annotated[
        str,
        typer.Option("--channel", help="face_to_face, telephone, letter, email or online_form."),
    ],
    at: Annotated[
        str | None,
        typer.Option(
            "--at", metavar="WHEN", help="When it was made, 2026-02-03 09:15; default now."
        ),
    ] = None,
    department: Annotated[
        str | None,
        typer.Option(
            "--department",
            help="The service it is for; restrictions scoped to services apply only to theirs.",
        ),
    ] = None,
    issue: Annotated[
        str | None,
        typer.Option("--issue", help="What it is about." + FROM_FILE),
    ] = None,
    new_issue: Annotated[
        bool, typer.Option("--new-issue", help="It raises a new issue (7.3).")
    ] = False,
    urgent: Annotated[
        bool, typer.Option("--urgent", help="A safeguarding or urgent concern.")
    ] = False,
    purpose: Annotated[
        str,
        typer.Option(
            "--purpose",
            help="What it is for: enquiry, or a safeguard that always gets through: appeal, "
            "review_request, complaint_about_restriction, data_request or safeguarding.",
        ),
    ] = "enquiry",
    preview: Annotated[
        bool, typer.Option("--preview", help="Only ask: do not log the contact.")
    ] = False,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Say how to handle a contact from a customer, and log it (5.1, 7.3)."""
    run = session(context)
    policy = run.policy() if preview else run.config().policy
    if at is not None:
        made = moment(at, "--at", policy.timezone, section="5.1")
    else:
        # A contact logged takes now as part of the command, for a repeat
        # under its id to give; a preview logs nothing to repeat.
        made = run.clock.now() if preview else run.now("--at")
        # The log is read by no command of the command line, so only the
        # message of the attempt gives back the time it took.
        run.defaults_shown = "that attempt's message gave with its command id"
    contact = Contact(
        choice(Channel, channel, "--channel", "5.1"),
        made,
        department=department,
        issue=None if issue is None else run.text(issue, "--issue"),
        new_issue=new_issue,
        urgent=urgent,
        purpose=choice(ContactPurpose, purpose, "--purpose", "5.1"),
    )
    casework = run.casework(policy)
    # Given with --preview, the id is refused as the library refuses it.
    identified = run.identify(command_id) if not preview else command_id
    try:
        decision = casework.decide_contact(
            customer_id,
            contact,
            record=not preview,
            by=run.reader(casework),
            command_id=identified,
        )
    except InvalidInput as refused:
        # Refused for the audit key (7.4): the person at the point of contact
        # still needs the handling, which a preview gives without logging.
        if preview or refused.field != "audit_key":
            raise
        raise InvalidInput(
            refused.field, f"{refused.message}. {MEANWHILE}", refused.section
        ) from None
    if as_json:
        print_json(run.out, decision)
        return
    # Shown as kept, the form to look the customer up by; a reference kept
    # before the rule on unseen characters was taken above, so is here.
    with kept():
        reference = policy.customer_reference(customer_id)
    run.out.print(decision_view(reference, contact, decision, policy))
    say(run.out, "A preview: the contact was not logged." if preview else "Logged.")


@app.command()
def read(
    context: typer.Context,
    contact_id: Annotated[
        int,
        typer.Argument(
            metavar="CONTACT_ID",
            parser=whole("CONTACT_ID", "5.1", least=1),
            help="The contact's id, as check gave it (Contact id).",
        ),
    ],
    outcome: Annotated[
        str,
        typer.Option(
            "--outcome",
            help="What it held: nothing_new, new_issue (7.3), significant_new_information "
            "(6.2) or safeguarding.",
        ),
    ],
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            help="How an appeal, request for review, complaint about the restrictions or "
            "safeguarding concern made at the point of contact was dealt with otherwise, or "
            "a finding on a case no review can take up was dealt with (required for one, in "
            "words holding a letter or digit)." + FROM_FILE,
        ),
    ] = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Record that correspondence refused or placed on file was read (5.1),
    that a safeguard exercised at the point of contact was dealt with
    otherwise (8.1, 6.3, 5.1), or that a finding on a case no review can
    take up was dealt with, under its own outcome (7.3)."""
    run = session(context)
    settings, officer = run.acting()
    found = choice(ReadOutcome, outcome, "--outcome", "5.1")
    because = None if reason is None else run.text(reason, "--reason")
    case = run.casework(settings.policy).record_read(
        contact_id, officer, found, reason=because, command_id=run.identify(command_id)
    )
    held = any(each.contact_id == contact_id and each.found is found for each in case.new_issues)
    follow = ""
    if held:
        team = settings.policy.title(Role.RECORDS)
        follow = (
            "; a review is needed (7.3)"
            if case.state.restricts
            else f"; no review can take it up: it waits for the {team} to act on (7.3)"
        )
    what = "dealt with" if because else "read"
    done(run.out, case, f"Case {case.id}: contact {contact_id} is {what}{follow}.", as_json=as_json)


@app.command("acted-on")
def acted_on(
    context: typer.Context,
    contact_id: Annotated[
        int,
        typer.Argument(
            metavar="CONTACT_ID",
            parser=whole("CONTACT_ID", "5.1", least=1),
            help="The contact's id, as check gave it (Contact id) and todo names it.",
        ),
    ],
    reason: Annotated[
        str,
        typer.Option(
            "--reason",
            callback=stated("5.1"),
            help="What was done (required, in words holding a letter or digit)." + FROM_FILE,
        ),
    ],
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Record that an escalated safeguard with no case to hold it, waiting in
    the contact log, was acted on (5.1, 7.4)."""
    run = session(context)
    settings, officer = run.acting()
    because = run.text(reason, "--reason")
    acted = run.casework(settings.policy).record_acted_on(
        contact_id, officer, reason=because, command_id=run.identify(command_id)
    )
    if as_json:
        print_json(run.out, acted)
    else:
        say(run.out, f"Contact {contact_id} is recorded acted on by officer {acted.officer_id}.")


@app.command()
def evidence(
    context: typer.Context,
    customer_id: CustomerId,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="The first day; default 26 weeks ago."),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="The last day; default today.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Summarise a customer's logged contacts and incidents for the decision maker."""
    run = session(context)
    first = None if since is None else calendar_date(since, "--since", "6.4")
    last = None if until is None else calendar_date(until, "--until", "6.4")
    casework = run.casework(run.policy())
    summary = casework.evidence(customer_id, first, last, by=run.reader(casework))
    if as_json:
        print_json(run.out, summary)
    else:
        # The summary's lines one by one, each shown with its control
        # characters escaped.
        for line in summary.text.split("\n"):
            say(run.out, line)
