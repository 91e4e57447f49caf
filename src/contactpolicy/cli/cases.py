"""Opening a case and building its record: ``concern``, ``request``,
``report``, ``incident``, ``note``, ``warn`` and ``close`` (4.1, 6.1, 6.3, 7.4)."""

from __future__ import annotations

from typing import Annotated

import pendulum
import typer

from contactpolicy.casework import Casework
from contactpolicy.casework.work_queue import names_differing, possible_duplicates
from contactpolicy.cli.parse import choice, moment, numbered, whole
from contactpolicy.cli.render import done, say
from contactpolicy.cli.session import (
    FROM_FILE,
    AsJson,
    CaseId,
    CommandId,
    Session,
    session,
    stated,
)
from contactpolicy.domain import wording
from contactpolicy.domain.model import Case, Customer, Incident, Officer
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.preconditions import MEASURES
from contactpolicy.domain.vocabulary import Behaviour, Channel, ProtectedCharacteristic, Role

__all__ = ["app"]

app = typer.Typer()

_BEHAVIOURS = ", ".join(member.value for member in Behaviour)
BehaviourOption = Annotated[
    str,
    typer.Option(
        "--behaviour",
        help=(
            f"The 4.1 behaviour, one of: {_BEHAVIOURS} (4.1 is not exhaustive: other, "
            "with a description that says what the behaviour was)."
        ),
    ),
]
ChannelOption = Annotated[
    str,
    typer.Option("--channel", help="How: face_to_face, telephone, letter, email or online_form."),
]
Description = Annotated[
    str,
    typer.Option(
        "--description",
        callback=stated("4.1"),
        help="What happened, as it happened (4.1)." + FROM_FILE,
    ),
]
Occurred = Annotated[
    str | None,
    typer.Option(
        "--occurred",
        metavar="WHEN",
        help="When it happened, such as 2026-01-31 14:30; default now.",
    ),
]
Department = Annotated[str | None, typer.Option("--department", help="The team it reached.")]
Characteristics = Annotated[
    list[str] | None,
    typer.Option(
        "--characteristic",
        help="A protected characteristic that offensive remarks referred to (4.1); repeatable.",
    ),
]


def _last_incident(run: Session, case_id: str) -> pendulum.DateTime | None:
    """When the case's latest incident happened, which a warning follows (6.3)."""
    case = run.stored(case_id)
    if case is None or not case.incidents:
        return None
    return max(incident.occurred_at for incident in case.incidents)


def _incident(
    policy: Policy,
    run: Session,
    behaviour: str,
    channel: str,
    occurred: str | None,
    description: str,
    department: str | None,
    characteristics: list[str] | None,
) -> Incident:
    return Incident(
        choice(Behaviour, behaviour, "--behaviour", "4.1"),
        run.now("--occurred")
        if occurred is None
        else moment(occurred, "--occurred", policy.timezone, section="7.4"),
        choice(Channel, channel, "--channel", "4.1"),
        description,
        department=department,
        protected_characteristics={
            choice(ProtectedCharacteristic, name, "--characteristic", "4.1")
            for name in characteristics or ()
        },
    )


@app.command()
def report(
    context: typer.Context,
    customer_id: Annotated[
        str, typer.Argument(help="The customer's reference in the council's own system.")
    ],
    name: Annotated[
        str,
        typer.Option(
            "--name",
            callback=stated("7.4"),
            help="The customer's name." + FROM_FILE,
        ),
    ],
    behaviour: BehaviourOption,
    channel: ChannelOption,
    description: Description,
    issue: Annotated[
        str,
        typer.Option(
            "--issue",
            callback=stated("6.2"),
            help="The issue the customer raised." + FROM_FILE,
        ),
    ] = "",
    contact: Annotated[
        str,
        typer.Option(
            "--contact",
            help="Their contact details: address, phone, email." + FROM_FILE,
        ),
    ] = "",
    occurred: Occurred = None,
    department: Department = None,
    characteristics: Characteristics = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Report a customer with a first incident, asking for action (6.1)."""
    run = session(context)
    settings, officer = run.acting()
    first = _incident(
        settings.policy,
        run,
        behaviour,
        channel,
        occurred,
        run.text(description, "--description"),
        department,
        characteristics,
    )
    name = run.text(name, "--name")
    customer = Customer(customer_id, name, run.text(contact, "--contact"))
    issue = run.text(issue, "--issue")
    casework = run.casework(settings.policy)
    case = casework.report(
        customer, issue, [first], by=officer, command_id=run.identify(command_id)
    )
    kept = case.customer
    done(run.out, case, f"Reported case {case.id} for {kept.name} ({kept.id}).", as_json=as_json)
    if not as_json:
        _same_reference(run, casework, case, officer)


def _same_reference(run: Session, casework: Casework, case: Case, officer: Officer) -> None:
    """Tell the officer at once when ``case``, just opened, is open on the
    same issue as another open case of its customer reference, or the open
    cases under the reference hold different names: by case id, never a
    name or an issue, among the cases the officer may read
    (:meth:`~contactpolicy.Casework.summaries`). The case is taken all the
    same; the Policy and Information team's work queue holds it (7.4, 8.1:
    ``possible_duplicate``, ``customer_names_differ``)."""
    found = casework.summaries(customer_id=case.customer.id, by=officer)
    records = casework.policy.title(Role.RECORDS)
    groups = [[newer.id, *earlier] for newer, earlier in possible_duplicates(found)]
    same = [each for ids in groups if case.id in ids for each in ids if each != case.id]
    if same:
        say(
            run.out,
            "Possibly a duplicate: open under this customer reference on the same issue as "
            f"{wording.cases(list(dict.fromkeys(same)))}; the {records} will check it (7.4).",
        )
    differing = names_differing(found)
    named = [] if differing is None else [differing[0].id, *differing[1]]
    if case.id in named:
        others = [each for each in named if each != case.id]
        say(
            run.out,
            "The customer names differ among the open cases under this customer reference "
            f"(this case and {wording.cases(others)}); the {records} will check who the "
            "customer is (7.4, 8.1).",
        )


@app.command()
def incident(
    context: typer.Context,
    case_id: CaseId,
    behaviour: BehaviourOption,
    channel: ChannelOption,
    description: Description,
    occurred: Occurred = None,
    department: Department = None,
    characteristics: Characteristics = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Record another incident on a case as evidence (4.1, 6.1)."""
    run = session(context)
    settings, officer = run.acting()
    found = _incident(
        settings.policy,
        run,
        behaviour,
        channel,
        occurred,
        run.text(description, "--description"),
        department,
        characteristics,
    )
    case = run.casework(settings.policy).add_incident(
        case_id, found, by=officer, command_id=run.identify(command_id)
    )
    done(
        run.out,
        case,
        f"Recorded incident {len(case.incidents)} on case {case.id}.",
        as_json=as_json,
    )


@app.command()
def note(
    context: typer.Context,
    case_id: CaseId,
    text: Annotated[
        str,
        typer.Argument(
            callback=stated("7.4"), help="The note; write it for the customer to read." + FROM_FILE
        ),
    ],
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Add a case note (7.4)."""
    run = session(context)
    settings, officer = run.acting()
    text = run.text(text, "TEXT")
    case = run.casework(settings.policy).add_note(
        case_id, text, by=officer, command_id=run.identify(command_id)
    )
    done(run.out, case, f"Added note {len(case.notes)} to case {case.id}.", as_json=as_json)


@app.command()
def warn(
    context: typer.Context,
    case_id: CaseId,
    method: Annotated[
        str,
        typer.Option(
            "--method",
            help="How it was given: face_to_face, telephone, letter, email or online_form.",
        ),
    ],
    measures: Annotated[
        list[str] | None,
        typer.Option(
            "--measure",
            callback=stated(MEASURES),
            help="An initial measure put in place (7.4); repeatable.",
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="WHEN",
            help="When it was given to the customer, such as 2026-01-31 14:30; default now.",
        ),
    ] = None,
    incidents: Annotated[
        list[int] | None,
        typer.Option(
            "--incident",
            metavar="N",
            parser=whole("--incident", "6.3", least=1),
            help=(
                "An incident it warns about, by its number in show, of a behaviour it warns "
                "about; repeatable; default those of each --behaviour, or all."
            ),
        ),
    ] = None,
    behaviours: Annotated[
        list[str] | None,
        typer.Option(
            "--behaviour",
            help=(
                f"A 4.1 behaviour it warns about, one of: {_BEHAVIOURS}; repeatable; default "
                "those of its incidents."
            ),
        ),
    ] = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Record that the customer was warned (6.3), how, about what, and any initial measures."""
    run = session(context)
    settings, officer = run.acting()
    channel = choice(Channel, method, "--method", "6.3")
    given = (
        None
        if at is None
        else moment(
            at, "--at", settings.policy.timezone, lambda: _last_incident(run, case_id), "6.3"
        )
    )
    about = (
        None
        if not behaviours
        else [choice(Behaviour, name, "--behaviour", "6.3") for name in behaviours]
    )
    casework = run.casework(settings.policy)
    named = (
        None
        if not incidents
        else numbered(incidents, casework.get(case_id, by=officer).incidents, "--incident")
    )
    case = casework.warn(
        case_id,
        officer,
        channel,
        measures or [],
        at=given,
        incidents=named,
        behaviours=about,
        command_id=run.identify(command_id),
    )
    done(run.out, case, f"Case {case.id} is warned.", as_json=as_json)


@app.command()
def close(
    context: typer.Context,
    case_id: CaseId,
    reason: Annotated[
        str,
        typer.Option(
            "--reason",
            callback=stated("6.1"),
            help="Why the request is withdrawn, or the concern not taken further." + FROM_FILE,
        ),
    ] = "",
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Withdraw your request before a decision, or set aside a concern (6.1)."""
    run = session(context)
    settings, officer = run.acting()
    reason = run.text(reason, "--reason")
    case = run.casework(settings.policy).close(
        case_id, officer, reason, command_id=run.identify(command_id)
    )
    closure = "" if case.ended is None or case.ended.closure is None else case.ended.closure.value
    done(run.out, case, f"Case {case.id} is closed: {closure.replace('_', ' ')}.", as_json=as_json)


@app.command()
def concern(
    context: typer.Context,
    customer_id: Annotated[
        str, typer.Argument(help="The customer's reference in the council's own system.")
    ],
    name: Annotated[
        str, typer.Option("--name", callback=stated("7.4"), help="The customer's name." + FROM_FILE)
    ],
    behaviour: BehaviourOption,
    channel: ChannelOption,
    description: Description,
    contact: Annotated[
        str,
        typer.Option("--contact", help="Their contact details: address, phone, email." + FROM_FILE),
    ] = "",
    occurred: Occurred = None,
    department: Department = None,
    characteristics: Characteristics = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Tell your team's managers about a customer, with an incident (6.1)."""
    run = session(context)
    settings, officer = run.acting()
    first = _incident(
        settings.policy,
        run,
        behaviour,
        channel,
        occurred,
        run.text(description, "--description"),
        department,
        characteristics,
    )
    name = run.text(name, "--name")
    customer = Customer(customer_id, name, run.text(contact, "--contact"))
    case = run.casework(settings.policy).raise_concern(
        customer, [first], by=officer, command_id=run.identify(command_id)
    )
    kept = case.customer
    done(run.out, case, f"Raised concern {case.id} about {kept.name} ({kept.id}).", as_json=as_json)


@app.command()
def request(
    context: typer.Context,
    case_id: CaseId,
    issue: Annotated[
        str,
        typer.Option(
            "--issue", callback=stated("6.2"), help="The issue the customer raised." + FROM_FILE
        ),
    ] = "",
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Request action on a concern your team raised (6.1)."""
    run = session(context)
    settings, officer = run.acting()
    issue = run.text(issue, "--issue")
    casework = run.casework(settings.policy)
    case = casework.request(case_id, officer, issue, command_id=run.identify(command_id))
    done(run.out, case, f"Case {case.id} is reported: action requested.", as_json=as_json)
    if not as_json:
        _same_reference(run, casework, case, officer)
