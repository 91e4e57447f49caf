"""Deciding under the policy: ``designate``, ``communicated``, ``review
start`` and ``review complete``, ``appeal record`` and ``appeal decide``, and
``lift`` (5.1, 6.1-6.4, 7.2, 7.3, 8.1).

Text the policy requires (reasons, notes, grounds) is checked by the policy
itself, so a command without it is refused with the section that asks for it.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Annotated

import typer

from contactpolicy.cli.parse import adjustment, choice, moment, restriction
from contactpolicy.cli.render import NOTICE_ITEMS, done, write_lines
from contactpolicy.cli.session import FROM_FILE, AsJson, CaseId, CommandId, Session, session
from contactpolicy.domain import wording
from contactpolicy.domain.model import Assessment, Case
from contactpolicy.domain.restrictions import Restriction
from contactpolicy.domain.safeguards import Adjustment
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Channel,
    NoticeItem,
    ReviewOutcome,
    ReviewTrigger,
)

__all__ = ["app"]

app = typer.Typer()
review = typer.Typer(help="Start and complete reviews (7.2, 7.3).", no_args_is_help=True)
appeal = typer.Typer(help="Record and decide appeals (8.1).", no_args_is_help=True)
app.add_typer(review, name="review")
app.add_typer(appeal, name="appeal")

Restrict = Annotated[
    list[str] | None,
    typer.Option(
        "--restrict",
        metavar="KIND=VALUE",
        help=(
            "A 5.1 restriction as KIND=VALUE, such as single-contact-method=email; repeatable. "
            "An issue may be @FILE or @-."
        ),
    ),
]


Services = Annotated[
    list[str] | None,
    typer.Option(
        "--service",
        metavar="SERVICE",
        help="A service (department) the restrictions cover, as contacts name it; repeatable. "
        "None: every service, with --council-wide-because.",
    ),
]
CouncilWide = Annotated[
    str | None,
    typer.Option(
        "--council-wide-because",
        help="Why the restrictions must cover every service (risk to staff, several "
        "services involved)." + FROM_FILE,
    ),
]
Adjustments = Annotated[
    list[str] | None,
    typer.Option(
        "--adjustment",
        metavar="ADJUSTMENT",
        help="An agreed reasonable adjustment (Equality Act 2010), written "
        "[channel=CHANNEL;][officer=OFFICER;]DESCRIPTION; repeatable. CHANNEL (face_to_face, "
        "telephone, letter, email or online_form) stays open; OFFICER takes those contacts.",
    ),
]


def _adjustments(
    texts: list[str] | None, officers: Collection[str]
) -> tuple[Adjustment, ...] | None:
    return None if texts is None else tuple(adjustment(text, officers) for text in texts)


def _council_wide(run: Session, text: str | None) -> str | None:
    return None if text is None else run.text(text, "--council-wide-because")


def _restrictions(
    run: Session, texts: list[str] | None, officers: Collection[str]
) -> tuple[Restriction, ...]:
    """The restrictions typed; an issue may be ``@FILE`` or ``@-``."""

    def issue(value: str) -> str:
        return run.text(value, "the issue").strip()

    return tuple(restriction(text, officers, issue) for text in texts or ())


def _next_review(case: Case) -> str:
    if case.designation is None or not case.state.restricts:
        return ""
    return f"; review due {wording.day(case.designation.review_due)}"


@app.command()
def designate(
    context: typer.Context,
    case_id: CaseId,
    restrict: Restrict = None,
    reasons: Annotated[
        str,
        typer.Option(
            "--reasons",
            help="Why the decision is taken." + FROM_FILE,
        ),
    ] = "",
    issue_investigated: Annotated[
        bool, typer.Option("--issue-investigated", help="6.2: investigated properly.")
    ] = False,
    communications_adequate: Annotated[
        bool, typer.Option("--communications-adequate", help="6.2: communications adequate.")
    ] = False,
    no_significant_new_information: Annotated[
        bool,
        typer.Option(
            "--no-significant-new-information", help="6.2: no significant new information."
        ),
    ] = False,
    adjustments_considered: Annotated[
        bool,
        typer.Option(
            "--adjustments-considered",
            help="Reasonable adjustments and any underlying cause were considered.",
        ),
    ] = False,
    assessment_notes: Annotated[
        str,
        typer.Option(
            "--assessment-notes",
            help="How the checks were made." + FROM_FILE,
        ),
    ] = "",
    without_warning_because: Annotated[
        str | None,
        typer.Option(
            "--without-warning-because",
            help="Why immediate action without a warning is justified (6.3)." + FROM_FILE,
        ),
    ] = None,
    service: Services = None,
    council_wide_because: CouncilWide = None,
    adjustments: Adjustments = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Apply the policy with its restrictions (5.1, 6.1-6.4).

    Each 6.2 check is a flag the decision maker gives only when it holds.
    """
    run = session(context)
    settings, officer = run.acting()
    chosen = _restrictions(run, restrict, settings.officers)
    assessment = Assessment(
        issue_investigated=issue_investigated,
        communications_adequate=communications_adequate,
        no_significant_new_information=no_significant_new_information,
        adjustments_considered=adjustments_considered,
        notes=run.text(assessment_notes, "--assessment-notes"),
    )
    reasons = run.text(reasons, "--reasons")
    if without_warning_because is not None:
        without_warning_because = run.text(without_warning_because, "--without-warning-because")
    case = run.casework(settings.policy).designate(
        case_id,
        officer,
        assessment,
        chosen,
        reasons,
        without_warning_because,
        services=service or (),
        council_wide_because=_council_wide(run, council_wide_because),
        adjustments=_adjustments(adjustments, settings.officers) or (),
        command_id=run.identify(command_id),
    )
    done(run.out, case, f"Case {case.id} is designated{_next_review(case)}.", as_json=as_json)


@app.command()
def communicated(
    context: typer.Context,
    case_id: CaseId,
    method: Annotated[
        str, typer.Option("--method", help="How the customer was told: letter or email (6.3).")
    ],
    at: Annotated[
        str | None,
        typer.Option("--at", metavar="WHEN", help="When, such as 2026-02-02 10:00; default now."),
    ] = None,
    covered: Annotated[
        list[str] | None,
        typer.Option(
            "--covered",
            metavar="ITEM",
            help=(
                "What the letter covered, repeatable: why, what_it_means, how_long, "
                "review_date, review_or_appeal, ombudsman, policy_copy, electronic_record; "
                "default the whole checklist the decision needs."
            ),
        ),
    ] = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Record when and how the latest decision was communicated to the customer,
    in writing, and what the letter covered (6.3, 7.4)."""
    run = session(context)
    settings, officer = run.acting()
    channel = choice(Channel, method, "--method")
    items = None if covered is None else [choice(NoticeItem, item, "--covered") for item in covered]
    told = run.clock.now() if at is None else moment(at, "--at", settings.policy.timezone)
    case = run.casework(settings.policy).record_communicated(
        case_id, officer, told, channel, covered=items, command_id=run.identify(command_id)
    )
    if as_json:
        done(run.out, case, "", as_json=True)
        return
    decision = case.decision
    assert decision is not None
    assert decision.communicated is not None
    when_told = wording.day(settings.policy.date_of(told))
    lines = [
        f"Case {case.id}: the {wording.name(decision.kind)} decision was communicated on "
        f"{when_told}, by {wording.name(channel)}. The letter covered:"
    ]
    lines += [
        f"  [x] {NOTICE_ITEMS[item]}"
        for item in NoticeItem
        if item in decision.communicated.covered
    ]
    write_lines(run.out, lines)


@review.command("start")
def review_start(
    context: typer.Context,
    case_id: CaseId,
    trigger: Annotated[
        str,
        typer.Option("--trigger", help="Why: scheduled (7.2), new_issue (7.3) or requested."),
    ] = "scheduled",
    note: Annotated[
        str,
        typer.Option(
            "--note",
            help="What the review is to consider." + FROM_FILE,
        ),
    ] = "",
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Start a review of the restrictions."""
    run = session(context)
    settings, officer = run.acting()
    why = choice(ReviewTrigger, trigger, "--trigger")
    note = run.text(note, "--note")
    case = run.casework(settings.policy).start_review(
        case_id, officer, why, note, command_id=run.identify(command_id)
    )
    done(run.out, case, f"Case {case.id} is under review.", as_json=as_json)


@review.command("complete")
def review_complete(
    context: typer.Context,
    case_id: CaseId,
    outcome: Annotated[str, typer.Option("--outcome", help="continue, vary or lift.")],
    notes: Annotated[
        str,
        typer.Option(
            "--notes",
            help="What the review found." + FROM_FILE,
        ),
    ] = "",
    restrict: Restrict = None,
    service: Services = None,
    council_wide_because: CouncilWide = None,
    adjustments: Adjustments = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Complete a review: continue, vary (with the new --restrict, and any
    --service or --adjustment that change) or lift (7.2, 7.3)."""
    run = session(context)
    settings, officer = run.acting()
    decided = choice(ReviewOutcome, outcome, "--outcome")
    chosen = _restrictions(run, restrict, settings.officers) or None
    notes = run.text(notes, "--notes")
    case = run.casework(settings.policy).complete_review(
        case_id,
        officer,
        decided,
        notes,
        chosen,
        services=service,
        council_wide_because=_council_wide(run, council_wide_because),
        adjustments=_adjustments(adjustments, settings.officers),
        command_id=run.identify(command_id),
    )
    done(
        run.out, case, f"Case {case.id} is {case.state.value}{_next_review(case)}.", as_json=as_json
    )


@appeal.command("record")
def appeal_record(
    context: typer.Context,
    case_id: CaseId,
    grounds: Annotated[
        str,
        typer.Option(
            "--grounds",
            help="The customer's grounds." + FROM_FILE,
        ),
    ] = "",
    received: Annotated[
        str | None,
        typer.Option(
            "--received", metavar="WHEN", help="When it arrived, such as 2026-05-06; default now."
        ),
    ] = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Record an appeal; the restrictions stay in force until it is decided (8.1)."""
    run = session(context)
    settings, officer = run.acting()
    zone = settings.policy.timezone
    arrived = None if received is None else moment(received, "--received", zone)
    grounds = run.text(grounds, "--grounds")
    case = run.casework(settings.policy).appeal(
        case_id, officer, grounds, arrived, command_id=run.identify(command_id)
    )
    done(run.out, case, f"Case {case.id} is appealed.", as_json=as_json)


@appeal.command("decide")
def appeal_decide(
    context: typer.Context,
    case_id: CaseId,
    outcome: Annotated[str, typer.Option("--outcome", help="allowed, dismissed or varied.")],
    reasons: Annotated[
        str,
        typer.Option("--reasons", help="Why." + FROM_FILE),
    ] = "",
    restrict: Restrict = None,
    service: Services = None,
    council_wide_because: CouncilWide = None,
    adjustments: Adjustments = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Decide an appeal: allowed, dismissed or varied (with the new --restrict,
    and any --service or --adjustment that change) (8.1)."""
    run = session(context)
    settings, officer = run.acting()
    decided = choice(AppealOutcome, outcome, "--outcome")
    chosen = _restrictions(run, restrict, settings.officers) or None
    reasons = run.text(reasons, "--reasons")
    case = run.casework(settings.policy).decide_appeal(
        case_id,
        officer,
        decided,
        reasons,
        chosen,
        services=service,
        council_wide_because=_council_wide(run, council_wide_because),
        adjustments=_adjustments(adjustments, settings.officers),
        command_id=run.identify(command_id),
    )
    done(
        run.out, case, f"Case {case.id} is {case.state.value}{_next_review(case)}.", as_json=as_json
    )


@app.command()
def lift(
    context: typer.Context,
    case_id: CaseId,
    reason: Annotated[
        str,
        typer.Option(
            "--reason",
            help="Why they are no longer needed." + FROM_FILE,
        ),
    ] = "",
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Lift the restrictions (7.2)."""
    run = session(context)
    settings, officer = run.acting()
    reason = run.text(reason, "--reason")
    case = run.casework(settings.policy).lift(
        case_id, officer, reason, command_id=run.identify(command_id)
    )
    done(run.out, case, f"Case {case.id} is lifted.", as_json=as_json)


@app.command()
def reassign(
    context: typer.Context,
    case_id: CaseId,
    old: Annotated[
        str, typer.Option("--from", metavar="OFFICER_ID", help="The officer named now.")
    ],
    new: Annotated[
        str, typer.Option("--to", metavar="OFFICER_ID", help="The officer to name instead.")
    ],
    reason: Annotated[
        str,
        typer.Option("--reason", help="Why, such as the officer leaving." + FROM_FILE),
    ] = "",
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Name a new officer in the restrictions without a review; the review date stays (5.1)."""
    run = session(context)
    settings, officer = run.acting()
    reason = run.text(reason, "--reason")
    case = run.casework(settings.policy).reassign(
        case_id, officer, old, new, reason, command_id=run.identify(command_id)
    )
    done(
        run.out,
        case,
        f"Case {case.id}: officer {new} is named instead of {old}{_next_review(case)}; "
        "tell the customer in writing (6.3).",
        as_json=as_json,
    )


@app.command()
def informed(
    context: typer.Context,
    case_id: CaseId,
    told: Annotated[
        list[str] | None,
        typer.Option("--told", help="A manager or team told the restrictions; repeat for each."),
    ] = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Record who was told the details of the restrictions (9.1)."""
    run = session(context)
    settings, officer = run.acting()
    case = run.casework(settings.policy).record_informed(
        case_id, officer, told or [], command_id=run.identify(command_id)
    )
    done(run.out, case, f"Case {case.id}: who was told is recorded (9.1).", as_json=as_json)
