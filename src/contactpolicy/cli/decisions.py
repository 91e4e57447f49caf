"""Deciding under the policy: ``designate``, ``no-action``,
``communicated``, ``not-told``, ``correction-told``, ``review start`` and
``review complete``, ``appeal record`` and ``appeal decide``, and ``lift``
(5.1, 6.1-6.4, 7.2, 7.3, 7.4, 8.1).

Text the policy requires (reasons, notes, grounds) is checked by the policy
itself, so a command without it is refused with the section that asks for it.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Annotated, Any

import pendulum
import typer
from rich.markup import escape

from contactpolicy.cli.parse import (
    ADJUSTMENT_FORM,
    adjustment,
    calendar_date,
    choice,
    moment,
    numbered,
    overrides,
    restriction,
    whole,
)
from contactpolicy.cli.render import NOTICE_ITEMS, done, write_lines
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
from contactpolicy.domain.model import Assessment, Case
from contactpolicy.domain.policy import COMING_DUE, OVERRIDABLE
from contactpolicy.domain.preconditions import appeal_follows
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
        "A designation names at least one, or gives --council-wide-because (5.1).",
    ),
]
CouncilWide = Annotated[
    str | None,
    typer.Option(
        "--council-wide-because",
        callback=stated("5.1"),
        help="Why the restrictions must cover every service (risk to staff, several "
        "services involved)." + FROM_FILE,
    ),
]
Adjustments = Annotated[
    list[str] | None,
    typer.Option(
        "--adjustment",
        metavar="ADJUSTMENT",
        # The help is read as Rich markup, which takes "[channel=CHANNEL;]"
        # for a tag and drops it.
        help=f"An agreed reasonable adjustment (Equality Act 2010), written "
        f"{escape(ADJUSTMENT_FORM)}; repeatable. CHANNEL (face_to_face, telephone, letter, "
        "email or online_form) stays open; OFFICER takes those contacts.",
    ),
]
Investigated = Annotated[
    bool, typer.Option("--issue-investigated", help="6.2: investigated properly.")
]
Adequate = Annotated[
    bool, typer.Option("--communications-adequate", help="6.2: communications adequate.")
]
NothingNew = Annotated[
    bool,
    typer.Option("--no-significant-new-information", help="6.2: no significant new information."),
]
AdjustmentsConsidered = Annotated[
    bool,
    typer.Option(
        "--adjustments-considered",
        help="Reasonable adjustments and any underlying cause were considered.",
    ),
]
AssessmentNotes = Annotated[
    str, typer.Option("--assessment-notes", help="How the checks were made." + FROM_FILE)
]


def _because(check: str, name: str = "") -> Any:
    return typer.Option(
        f"--{name or check}-because",
        metavar="TEXT",
        help=f"A short reason for --{check} (6.2)." + FROM_FILE,
    )


InvestigatedBecause = Annotated[str, _because("issue-investigated")]
AdequateBecause = Annotated[str, _because("communications-adequate")]
NothingNewBecause = Annotated[str, _because("no-significant-new-information", "nothing-new")]
AdjustmentsBecause = Annotated[str, _because("adjustments-considered")]
Override = Annotated[
    list[str] | None,
    typer.Option(
        "--override",
        metavar="CODE=REASON",
        help=(
            "Go ahead without a soft precondition, recording why; repeatable. CODE is one "
            f"the council's policy makes soft, of: {', '.join(OVERRIDABLE)}. Never the 6.2 "
            "checks or who may act."
        ),
    ),
]
EndsOn = Annotated[
    str | None,
    typer.Option(
        "--ends-on",
        metavar="DATE",
        help=(
            "The last day the restrictions apply, such as 2026-03-31, no later than the "
            "review date; default: until the review (6.4). Needs --ends-on-because."
        ),
    ),
]
EndsOnBecause = Annotated[
    str | None,
    typer.Option(
        "--ends-on-because",
        callback=stated("6.4"),
        metavar="TEXT",
        help="Why this length, from the actualities of the case (6.4)." + FROM_FILE,
    ),
]


def _adjustments(
    texts: list[str] | None, officers: Collection[str]
) -> tuple[Adjustment, ...] | None:
    return None if texts is None else tuple(adjustment(text, officers) for text in texts)


def _council_wide(run: Session, text: str | None) -> str | None:
    return None if text is None else run.text(text, "--council-wide-because")


def _assessment(
    run: Session,
    flags: tuple[bool, bool, bool, bool],
    notes: str,
    reasons: tuple[str, str, str, str],
    evidence_because: str = "",
) -> Assessment:
    """The decision maker's 6.2 assessment from the flags and their reasons."""
    investigated, adequate, nothing_new, adjustments = flags
    return Assessment(
        issue_investigated=investigated,
        communications_adequate=adequate,
        no_significant_new_information=nothing_new,
        adjustments_considered=adjustments,
        notes=run.text(notes, "--assessment-notes"),
        issue_investigated_because=run.text(reasons[0], "--issue-investigated-because"),
        communications_adequate_because=run.text(reasons[1], "--communications-adequate-because"),
        no_significant_new_information_because=run.text(reasons[2], "--nothing-new-because"),
        adjustments_considered_because=run.text(reasons[3], "--adjustments-considered-because"),
        evidence_because=run.text(evidence_because, "--evidence-because"),
    )


def _ends_on(run: Session, ends_on: str | None, because: str | None) -> dict[str, Any]:
    return {
        "ends_on": None if ends_on is None else calendar_date(ends_on, "--ends-on", "5.1"),
        "ends_on_because": None if because is None else run.text(because, "--ends-on-because"),
    }


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
            callback=stated("6.3"),
            help="Why the decision is taken." + FROM_FILE,
        ),
    ] = "",
    issue_investigated: Investigated = False,
    communications_adequate: Adequate = False,
    no_significant_new_information: NothingNew = False,
    adjustments_considered: AdjustmentsConsidered = False,
    assessment_notes: AssessmentNotes = "",
    issue_investigated_because: InvestigatedBecause = "",
    communications_adequate_because: AdequateBecause = "",
    no_significant_new_information_because: NothingNewBecause = "",
    adjustments_considered_because: AdjustmentsBecause = "",
    evidence: Annotated[
        list[int] | None,
        typer.Option(
            "--evidence",
            metavar="N",
            parser=whole("--evidence", "6.2", least=1),
            help=(
                "An incident relied on, by its number in show; repeatable. Default: those "
                "inside the policy's evidence window (6.2)."
            ),
        ),
    ] = None,
    evidence_because: Annotated[
        str,
        typer.Option(
            "--evidence-because",
            metavar="TEXT",
            help="A short reason the evidence is clear (6.2)." + FROM_FILE,
        ),
    ] = "",
    without_warning_because: Annotated[
        str | None,
        typer.Option(
            "--without-warning-because",
            callback=stated("6.3"),
            help="Why immediate action without a warning is justified (6.3)." + FROM_FILE,
        ),
    ] = None,
    service: Services = None,
    council_wide_because: CouncilWide = None,
    adjustments: Adjustments = None,
    override: Override = None,
    ends_on: EndsOn = None,
    ends_on_because: EndsOnBecause = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Apply the policy with its restrictions (5.1, 6.1-6.4).

    Each 6.2 check is a flag the decision maker gives only when it holds.
    """
    run = session(context)
    settings, officer = run.acting()
    chosen = _restrictions(run, restrict, settings.officers)
    assessment = _assessment(
        run,
        (
            issue_investigated,
            communications_adequate,
            no_significant_new_information,
            adjustments_considered,
        ),
        assessment_notes,
        (
            issue_investigated_because,
            communications_adequate_because,
            no_significant_new_information_because,
            adjustments_considered_because,
        ),
        evidence_because,
    )
    reasons = run.text(reasons, "--reasons")
    if without_warning_because is not None:
        without_warning_because = run.text(without_warning_because, "--without-warning-because")
    casework = run.casework(settings.policy)
    relied = (
        None
        if not evidence
        else numbered(evidence, casework.get(case_id, by=officer).incidents, "--evidence")
    )
    case = casework.designate(
        case_id,
        officer,
        assessment,
        chosen,
        reasons,
        without_warning_because,
        services=service or (),
        council_wide_because=_council_wide(run, council_wide_because),
        adjustments=_adjustments(adjustments, settings.officers) or (),
        evidence=relied,
        overrides=overrides(override, "--override"),
        **_ends_on(run, ends_on, ends_on_because),
        command_id=run.identify(command_id),
    )
    done(run.out, case, f"Case {case.id} is designated{_next_review(case)}.", as_json=as_json)


@app.command("no-action")
def no_action(
    context: typer.Context,
    case_id: CaseId,
    reasons: Annotated[
        str,
        typer.Option(
            "--reasons",
            callback=stated("6.1"),
            help="Why no action is taken under the policy." + FROM_FILE,
        ),
    ] = "",
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Decide to take no action on a request, with reasons (6.1)."""
    run = session(context)
    settings, officer = run.acting()
    reasons = run.text(reasons, "--reasons")
    case = run.casework(settings.policy).decide_no_action(
        case_id, officer, reasons, command_id=run.identify(command_id)
    )
    done(run.out, case, f"Case {case.id} is closed: no action (6.1).", as_json=as_json)


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
    channel = choice(Channel, method, "--method", "6.3")
    items = (
        None
        if covered is None
        else [choice(NoticeItem, item, "--covered", "6.3") for item in covered]
    )
    told = (
        run.now("--at")
        if at is None
        else moment(at, "--at", settings.policy.timezone, lambda: _decided(run, case_id), "6.3")
    )
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


@app.command("not-told")
def not_told(
    context: typer.Context,
    case_id: CaseId,
    reason: Annotated[
        str,
        typer.Option(
            "--reason",
            callback=stated("6.3"),
            help="Why the customer is not told of the latest decision (6.3)." + FROM_FILE,
        ),
    ] = "",
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Record that the customer is not told of the latest decision, and why:
    the exception to writing to them, for the decision maker (6.3)."""
    run = session(context)
    settings, officer = run.acting()
    reason = run.text(reason, "--reason")
    case = run.casework(settings.policy).record_not_told(
        case_id, officer, reason, command_id=run.identify(command_id)
    )
    decision = case.decision
    assert decision is not None
    applies = " Its restrictions apply from now." if decision.restrictions else ""
    said = wording.not_told(decision, settings.policy.date_of)
    done(run.out, case, f"Case {case.id}: {said}{applies}", as_json=as_json)


@app.command("correction-told")
def correction_told(
    context: typer.Context,
    case_id: CaseId,
    method: Annotated[
        str | None,
        typer.Option("--method", help="How the corrected letter was sent: letter or email (6.3)."),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", metavar="WHEN", help="When, such as 2026-02-02 10:00; default now."),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            callback=stated("6.3"),
            help="Why no corrected letter is sent, instead of --method (6.3)." + FROM_FILE,
        ),
    ] = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Record that the customer was sent a corrected letter after a correction
    of what a letter they hold gave, or why none is sent (7.4, 6.3)."""
    run = session(context)
    settings, officer = run.acting()
    casework = run.casework(settings.policy)
    channel = None if method is None else choice(Channel, method, "--method", "6.3")
    if reason is not None:
        case = casework.record_correction_told(
            case_id,
            officer,
            at=None if at is None else moment(at, "--at", settings.policy.timezone),
            method=channel,
            reason=run.text(reason, "--reason"),
            command_id=run.identify(command_id),
        )
        said = "no corrected letter is sent, and the reason is recorded (6.3, 7.4)"
    else:
        sent = run.now("--at") if at is None else moment(at, "--at", settings.policy.timezone)
        case = casework.record_correction_told(
            case_id, officer, at=sent, method=channel, command_id=run.identify(command_id)
        )
        how = "" if channel is None else f", by {wording.name(channel)}"
        said = (
            f"the corrected letter was sent on {wording.day(settings.policy.date_of(sent))}"
            f"{how} (7.4)"
        )
    done(run.out, case, f"Case {case.id}: {said}.", as_json=as_json)


@review.command("start")
def review_start(
    context: typer.Context,
    case_id: CaseId,
    trigger: Annotated[
        str,
        typer.Option(
            "--trigger",
            help=f"Why: scheduled (7.2, from {COMING_DUE.in_days()} days before the review "
            "date), new_issue (7.3) or requested.",
        ),
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
    why = choice(ReviewTrigger, trigger, "--trigger", "7.3")
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
            callback=stated("7.2"),
            help="What the review found; to continue, its grounds." + FROM_FILE,
        ),
    ] = "",
    restrict: Restrict = None,
    service: Services = None,
    council_wide_because: CouncilWide = None,
    adjustments: Adjustments = None,
    issue_investigated: Investigated = False,
    communications_adequate: Adequate = False,
    no_significant_new_information: NothingNew = False,
    adjustments_considered: AdjustmentsConsidered = False,
    assessment_notes: AssessmentNotes = "",
    reassess: Annotated[
        bool,
        typer.Option(
            "--reassess",
            help=(
                "Record a fresh 6.2 assessment from the check flags: needed when a new "
                "--restrict limits contact those in force allow."
            ),
        ),
    ] = False,
    override: Override = None,
    ends_on: EndsOn = None,
    ends_on_because: EndsOnBecause = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Complete a review: continue, vary (with the new --restrict, and any
    --service or --adjustment that change) or lift (7.2, 7.3)."""
    run = session(context)
    settings, officer = run.acting()
    decided = choice(ReviewOutcome, outcome, "--outcome", "7.3")
    chosen = _restrictions(run, restrict, settings.officers) or None
    notes = run.text(notes, "--notes")
    flags = (
        issue_investigated,
        communications_adequate,
        no_significant_new_information,
        adjustments_considered,
    )
    assessment = _assessment(run, flags, assessment_notes, ("", "", "", "")) if reassess else None
    case = run.casework(settings.policy).complete_review(
        case_id,
        officer,
        decided,
        notes,
        chosen,
        services=service,
        council_wide_because=_council_wide(run, council_wide_because),
        adjustments=_adjustments(adjustments, settings.officers),
        assessment=assessment,
        overrides=overrides(override, "--override"),
        **_ends_on(run, ends_on, ends_on_because),
        command_id=run.identify(command_id),
    )
    done(
        run.out,
        case,
        f"Case {case.id} is {wording.name(case.state)}{_next_review(case)}.",
        as_json=as_json,
    )


def _decided(run: Session, case_id: str) -> pendulum.DateTime | None:
    """When the case's latest decision was taken, which its communication follows (7.4)."""
    case = run.stored(case_id)
    return None if case is None or case.decision is None else case.decision.decided_at


def _designated(run: Session, case_id: str) -> pendulum.DateTime | None:
    """The earliest an appeal on the case can be received (8.1,
    :func:`~contactpolicy.domain.preconditions.appeal_follows`): when its
    designation, or the earlier appeal since, was decided."""
    case = run.stored(case_id)
    return None if case is None or case.designation is None else appeal_follows(case)


@appeal.command("record")
def appeal_record(
    context: typer.Context,
    case_id: CaseId,
    grounds: Annotated[
        str,
        typer.Option(
            "--grounds",
            callback=stated("8.1"),
            help="The customer's grounds." + FROM_FILE,
        ),
    ] = "",
    received: Annotated[
        str | None,
        typer.Option(
            "--received",
            metavar="WHEN",
            help="When it arrived, such as 2026-05-06; default now. Not with --contact-id: an "
            "appeal made at the point of contact was received when that contact was made.",
        ),
    ] = None,
    contact: Annotated[
        int | None,
        typer.Option(
            "--contact-id",
            metavar="CONTACT_ID",
            parser=whole("--contact-id", "8.1", least=1),
            help="The contact id check gave an appeal made at the point of contact, which "
            "this records.",
        ),
    ] = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Record an appeal; the restrictions stay in force until it is decided (8.1)."""
    run = session(context)
    settings, officer = run.acting()
    zone = settings.policy.timezone
    arrived = (
        None
        if received is None
        else moment(received, "--received", zone, lambda: _designated(run, case_id), "8.1")
    )
    grounds = run.text(grounds, "--grounds")
    case = run.casework(settings.policy).appeal(
        case_id, officer, grounds, arrived, contact_id=contact, command_id=run.identify(command_id)
    )
    done(run.out, case, f"Case {case.id} is appealed.", as_json=as_json)


@appeal.command("decide")
def appeal_decide(
    context: typer.Context,
    case_id: CaseId,
    outcome: Annotated[str, typer.Option("--outcome", help="allowed, dismissed or varied.")],
    reasons: Annotated[
        str,
        typer.Option("--reasons", callback=stated("8.1"), help="Why." + FROM_FILE),
    ] = "",
    restrict: Restrict = None,
    service: Services = None,
    council_wide_because: CouncilWide = None,
    adjustments: Adjustments = None,
    issue_investigated: Investigated = False,
    communications_adequate: Adequate = False,
    no_significant_new_information: NothingNew = False,
    adjustments_considered: AdjustmentsConsidered = False,
    assessment_notes: AssessmentNotes = "",
    reassess: Annotated[
        bool,
        typer.Option(
            "--reassess",
            help=(
                "Record a 6.2 assessment from the check flags; not needed, as a variation "
                "on appeal never limits contact the restrictions allow (8.1)."
            ),
        ),
    ] = False,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Decide an appeal: allowed, dismissed or varied (with the new --restrict,
    and any --service or --adjustment that change) (8.1)."""
    run = session(context)
    settings, officer = run.acting()
    decided = choice(AppealOutcome, outcome, "--outcome", "8.1")
    chosen = _restrictions(run, restrict, settings.officers) or None
    reasons = run.text(reasons, "--reasons")
    flags = (
        issue_investigated,
        communications_adequate,
        no_significant_new_information,
        adjustments_considered,
    )
    assessment = _assessment(run, flags, assessment_notes, ("", "", "", "")) if reassess else None
    case = run.casework(settings.policy).decide_appeal(
        case_id,
        officer,
        decided,
        reasons,
        chosen,
        services=service,
        council_wide_because=_council_wide(run, council_wide_because),
        adjustments=_adjustments(adjustments, settings.officers),
        assessment=assessment,
        command_id=run.identify(command_id),
    )
    done(
        run.out,
        case,
        f"Case {case.id} is {wording.name(case.state)}{_next_review(case)}.",
        as_json=as_json,
    )


@app.command()
def lift(
    context: typer.Context,
    case_id: CaseId,
    reason: Annotated[
        str,
        typer.Option(
            "--reason",
            callback=stated("7.2"),
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
        typer.Option(
            "--reason", callback=stated("5.1"), help="Why, such as the officer leaving." + FROM_FILE
        ),
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
        typer.Option(
            "--told",
            callback=stated("9.1"),
            help="A manager or team told the restrictions; repeat for each.",
        ),
    ] = None,
    command_id: CommandId = None,
    as_json: AsJson = False,
) -> None:
    """Record who was told the details of the restrictions (9.1)."""
    run = session(context)
    settings, officer = run.acting()
    recipients = told or []
    case = run.casework(settings.policy).record_informed(
        case_id, officer, recipients, command_id=run.identify(command_id)
    )
    done(run.out, case, f"Case {case.id}: who was told is recorded (9.1).", as_json=as_json)
