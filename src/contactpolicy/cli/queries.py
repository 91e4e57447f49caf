"""Reading the record: ``show``, ``history``, ``list``, ``due``, ``todo``,
``verify``, ``seal``, ``feed`` and ``diagram``. None of them changes anything,
and none needs the configuration file: without one they read with the
Maidstone policy."""

from __future__ import annotations

import enum
import shlex
from pathlib import Path
from typing import Annotated

import pendulum
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from contactpolicy import lifecycle
from contactpolicy.audit import codec
from contactpolicy.audit.seal import Seal, StoreVerification
from contactpolicy.audit.verify import Verification
from contactpolicy.casework import Casework
from contactpolicy.cli import REFUSED, UNCHECKED, tell
from contactpolicy.cli.parse import BadInput, calendar_date, choice, whole
from contactpolicy.cli.render import (
    case_view,
    cases_lines,
    concerns_table,
    due_status,
    due_table,
    feed_table,
    history_table,
    not_communicated_table,
    overdue,
    print_json,
    say,
    shown,
    store_verification_view,
    title,
    verification_view,
    work_table,
    write_lines,
)
from contactpolicy.cli.session import DEFAULT_DB, AsJson, CaseId, session
from contactpolicy.domain import wording
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import InvalidInput
from contactpolicy.stores.checks import LIMIT, POSITION
from contactpolicy.stores.url import redact

__all__ = ["app"]

app = typer.Typer()


@app.command()
def show(context: typer.Context, case_id: CaseId, as_json: AsJson = False) -> None:
    """Show a case's file and what is possible now.

    Exit status 1, under a first line saying so, if the case's audit trail
    is not intact (7.4)."""
    run = session(context)
    casework = run.casework(run.policy())
    case = casework.get(case_id, by=run.reader(casework))
    warning = _not_intact(casework, case.id)
    now = run.clock.now()
    if as_json:
        policy = casework.policy
        clock = {
            "review_overdue": case.review_overdue(now, policy),
            "lapsed": case.lapsed(now, policy),
            # 7.2, 8.1: when each review and appeal was due, and how late,
            # and each review day passed with no review held or started for it.
            "review_lateness": [case.review_lateness(each, now, policy) for each in case.reviews],
            "reviews_not_held": [
                day.lateness for day in case.review_days(now, policy) if day.review is None
            ],
            "appeal_lateness": [case.appeal_lateness(each, now, policy) for each in case.appeals],
        }
        print_json(run.out, {**codec.unstructure(case), **clock})
    else:
        _warn(run.out, warning)
        run.out.print(case_view(case, casework.policy, now))
    _end(warning, as_json=as_json)


@app.command()
def history(context: typer.Context, case_id: CaseId, as_json: AsJson = False) -> None:
    """Show a case's audit history: who did what and when (7.4).

    Exit status 1, under a first line saying so, if it is not intact."""
    run = session(context)
    casework = run.casework(run.policy())
    events = casework.history(case_id, by=run.reader(casework))
    warning = _not_intact(casework, case_id)
    if as_json:
        print_json(run.out, events)
    else:
        _warn(run.out, warning)
        run.out.print(history_table(case_id, events, casework.policy))
    _end(warning, as_json=as_json)


def _not_intact(casework: Casework, case_id: str) -> str | None:
    """The line ``show`` and ``history`` start with when the case's audit
    trail is not intact, as :meth:`Casework.verify` (the one owner) finds
    it; ``None`` when it is intact (7.4). What follows it is shown as
    stored: it may not be what was recorded."""
    problems = casework.verify(case_id).problems
    if not problems:
        return None
    return (
        f"The audit trail of case {case_id} is not intact: 'contactpolicy verify {case_id}' "
        f"names {wording.count(len(problems), 'problem')}; what follows is as stored (7.4)."
    )


def _warn(out: Console, warning: str | None) -> None:
    """``warning`` as the first line, unwrapped, as ``verify`` writes."""
    if warning is not None:
        write_lines(out, [shown(warning)])


def _end(warning: str | None, *, as_json: bool) -> None:
    """Exit status 1 when ``warning`` was given (the trail is not intact),
    with ``--json`` telling it on standard error, as one JSON object, since
    standard output holds the record alone."""
    if warning is None:
        return
    if as_json:
        tell("warning", warning, REFUSED, as_json=True, error="not_intact")
    raise typer.Exit(REFUSED)


PAGE = 50
"""How many cases ``list`` shows at a time unless ``--limit`` says otherwise."""


@app.command("list")
def list_cases(
    context: typer.Context,
    state: Annotated[
        str | None,
        typer.Option("--state", help="Only cases in this state, such as designated."),
    ] = None,
    customer: Annotated[
        str | None, typer.Option("--customer", help="Only this customer's cases.")
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            parser=whole("--limit", least=1, most=LIMIT),
            help="At most this many cases: one page.",
        ),
    ] = PAGE,
    after: Annotated[
        str | None,
        typer.Option(
            "--after",
            metavar="CASE_ID",
            help="Start after this case: the last one of the page before.",
        ),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """List cases, oldest report first, a page at a time.

    The text ends with the command that shows the next page when there is one;
    with ``--json``, ask for the next page with the last case's id as
    ``--after`` until a page has fewer cases than ``--limit``.
    """
    run = session(context)
    wanted = None if state is None else choice(CaseState, state, "--state")
    casework = run.casework(run.policy())
    reader = run.reader(casework)
    # One case past the page says whether more follow; a page of the most a
    # store gives at once (LIMIT) asks for it separately, below.
    cases = casework.summaries(
        state=wanted, customer_id=customer, after=after, limit=min(limit + 1, LIMIT), by=reader
    )
    page = cases[:limit]
    now = run.clock.now()
    if as_json:
        policy = casework.policy
        today = policy.date_of(now)
        rows = [
            {
                **codec.unstructure(summary),
                "review_overdue": summary.review_overdue(now, policy),
                "lapsed": summary.lapsed(now, policy),
                # 6.4: the last day of their own the restrictions ended on
                # before their review day, once it has passed.
                "ended_before_review": codec.unstructure(summary.ended_before_review(today)),
            }
            for summary in page
        ]
        print_json(run.out, rows)
    elif not page:
        say(run.out, "No cases match.")
    else:
        heading, *lines = cases_lines(page, run.out.width, casework.policy, now)
        title(run.out, heading)
        if len(cases) > limit or (
            len(page) == LIMIT
            and casework.summaries(
                state=wanted, customer_id=customer, after=page[-1].id, limit=1, by=reader
            )
        ):
            again = ["contactpolicy"]
            # The same database and configuration, unless the URL holds a
            # password, which is not printed (CONTACTPOLICY_DB works then).
            again += [] if run.db == DEFAULT_DB or redact(run.db) != run.db else ["--db", run.db]
            again += ["--config", str(run.config_path)] if run.config_given else []
            again += [] if reader is None else ["--as", reader.id]
            again += ["list"]
            again += [] if state is None else ["--state", state]
            again += [] if customer is None else ["--customer", customer]
            again += [] if limit == PAGE else ["--limit", str(limit)]
            again += ["--after", page[-1].id]
            lines += ["", f"More cases follow: {shlex.join(again)}"]
        write_lines(run.out, lines)


@app.command()
def due(
    context: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="The date to look from; default today."),
    ] = None,
    within: Annotated[
        int,
        typer.Option(
            "--within",
            metavar="DAYS",
            parser=whole("--within", "7.2", least=0, most=3660),
            help="Also list reviews coming due.",
        ),
    ] = 0,
    as_json: AsJson = False,
) -> None:
    """List the reviews due and overdue, the longest overdue first, and with
    --within those coming due; each says if it is overdue or lapsed (7.2)."""
    run = session(context)
    looked_from = None if as_of is None else calendar_date(as_of, "--as-of", "7.2")
    casework = run.casework(run.policy())
    if looked_from is None:
        looked_from = casework.policy.date_of(run.clock.now())
    cases = casework.due_reviews(
        looked_from, pendulum.duration(days=within), by=run.reader(casework)
    )
    if as_json:
        rows = []
        for case in cases:
            assert case.designation is not None
            late = overdue(case.designation.review_due, looked_from)
            status = due_status(case, looked_from, casework.policy)
            rows.append(
                {
                    "days_overdue": late,
                    "review_overdue": late > 0,
                    "lapsed": status == "lapsed",
                    "case": case,
                }
            )
        print_json(run.out, rows)
    elif not cases:
        say(run.out, f"No review is due by {wording.day(looked_from.add(days=within))}.")
    else:
        run.out.print(
            due_table(cases, looked_from, casework.policy, until=looked_from.add(days=within))
        )


@app.command()
def concerns(context: typer.Context, as_json: AsJson = False) -> None:
    """List the open concerns your team's staff raised, for you to take up (6.1)."""
    run = session(context)
    settings, officer = run.acting()
    casework = run.casework(settings.policy)
    cases = casework.concerns(officer)
    if as_json:
        print_json(run.out, cases)
    elif not cases:
        say(run.out, "No concern is waiting for you.")
    else:
        run.out.print(concerns_table(cases, casework.policy))


NONE_WAITS = (
    "No decision waits to be communicated (decisions recorded as not told to the "
    "customer, 6.3, are not listed here: see the register)."
)
"""What ``not-communicated`` says when it lists nothing: a decision recorded
as not told (``not-told``, 6.3) is not waiting, yet it was not
communicated either, and no index of the store counts such decisions."""


@app.command("not-communicated")
def not_communicated(context: typer.Context, as_json: AsJson = False) -> None:
    """List the decisions the customer is not recorded as told of (6.3, 7.4, 8.1)."""
    run = session(context)
    casework = run.casework(run.policy())
    cases = casework.not_communicated(by=run.reader(casework))
    if as_json:
        print_json(run.out, cases)
    elif not cases:
        say(run.out, NONE_WAITS)
    else:
        run.out.print(not_communicated_table(cases, casework.policy))


@app.command()
def todo(context: typer.Context, as_json: AsJson = False) -> None:
    """List what waits for the acting officer, the oldest first: every unmet duty."""
    run = session(context)
    settings, officer = run.acting()
    casework = run.casework(settings.policy)
    items = casework.work_queue(officer)
    if as_json:
        print_json(run.out, items)
    elif not items:
        say(run.out, f"Nothing waits for {officer.name}.")
    else:
        run.out.print(work_table(items, officer))


@app.command()
def verify(
    context: typer.Context,
    case_id: Annotated[
        str | None,
        typer.Argument(metavar="[CASE_ID]", help="The case's id; leave out with --all."),
    ] = None,
    whole: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Check the whole store: every case, the global chain, the contact log (7.4).",
        ),
    ] = False,
    seals: Annotated[
        list[Path] | None,
        typer.Option(
            "--seal",
            metavar="FILE",
            help="A seal written by 'contactpolicy seal', to check with --all; repeat for more.",
        ),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Check a case's audit trail, or the whole store's; exit status 1 if not intact."""
    run = session(context)
    if whole and case_id is not None:
        raise BadInput("give a CASE_ID, or --all to check the whole store, not both")
    if not whole and case_id is None:
        raise BadInput("give a CASE_ID, or --all to check the whole store")
    if seals and not whole:
        raise BadInput("--seal is checked with --all")
    found = [_read_seal(path) for path in seals or ()]
    casework = run.casework(run.policy())
    if case_id is not None:
        verification = casework.verify(case_id)
        if as_json:
            print_json(run.out, _verified(verification, case_id=verification.case_id))
        else:
            write_lines(run.out, verification_view(verification))
        ok, found_wrong = verification.ok, bool(verification.problems)
    else:
        errors = Console(stderr=True)
        # Drawn on a terminal only: elsewhere it would leave an empty line
        # before any message on standard error.
        with Progress(
            TextColumn("Checking the audit trail"),
            BarColumn(),
            MofNCompleteColumn(),
            console=errors,
            transient=True,
            disable=not errors.is_terminal,
        ) as bar:
            task = bar.add_task("events", total=None)
            whole_store = casework.verify_all(
                found, progress=lambda done, total: bar.update(task, completed=done, total=total)
            )
        if as_json:
            print_json(
                run.out,
                _verified(
                    whole_store,
                    cases=whole_store.cases,
                    contacts=whole_store.contacts,
                    seals=whole_store.seals,
                ),
            )
        else:
            write_lines(run.out, store_verification_view(whole_store))
        ok, found_wrong = whole_store.ok, bool(whole_store.problems)
    if not ok:
        # Nothing found wrong, but records signed under a key not given
        # could not be checked: neither intact nor not (7.4).
        raise typer.Exit(1 if found_wrong else UNCHECKED)


def _verified(verification: Verification | StoreVerification, **more: object) -> dict[str, object]:
    """What ``verify --json`` prints."""
    return {
        **more,
        "ok": verification.ok,
        "keyed": verification.keyed,
        "unchecked": dict(verification.unchecked),
        "keys_given": list(verification.keys_given),
        "events": verification.events,
        "problems": [
            {
                "where": problem.where,
                "position": problem.position,
                "what": problem.what,
                "detail": problem.detail,
            }
            for problem in verification.problems
        ],
    }


def _read_seal(path: Path) -> Seal:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"--seal: {path} cannot be read: {error}") from None
    try:
        return Seal.from_json(text)
    except InvalidInput as error:
        raise BadInput(f"--seal: {path}: {error.message}") from None


@app.command()
def seal(context: typer.Context) -> None:
    """Print the head of the global audit chain as JSON, to keep outside the database (7.4)."""
    run = session(context)
    write_lines(run.out, [run.casework(run.policy()).seal().to_json()])


@app.command()
def feed(
    context: typer.Context,
    after: Annotated[
        int,
        typer.Option(
            "--after",
            parser=whole("--after", least=0, most=POSITION),
            help="The last position already read; 0 for the start.",
        ),
    ] = 0,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            parser=whole("--limit", least=1, most=LIMIT),
            help="At most this many events.",
        ),
    ] = 100,
    as_json: AsJson = False,
) -> None:
    """Print every case's events after a position, in order, for other systems to follow."""
    run = session(context)
    casework = run.casework(run.policy())
    events = casework.events_since(after, limit, by=run.reader(casework))
    if as_json:
        print_json(run.out, events)
    elif not events:
        say(run.out, f"No events after position {after}.")
    else:
        run.out.print(feed_table(events, casework.policy))


class Format(enum.Enum):
    """What ``diagram`` prints."""

    MERMAID = "mermaid"
    MARKDOWN = "markdown"


@app.command()
def diagram(
    context: typer.Context,
    form: Annotated[
        str,
        typer.Option("--format", help="mermaid (a state diagram) or markdown (a table)."),
    ] = "mermaid",
) -> None:
    """Print the lifecycle, rendered from the state machine itself."""
    run = session(context)
    chosen = choice(Format, form, "--format")
    text = lifecycle.mermaid() if chosen is Format.MERMAID else lifecycle.transition_table()
    run.out.print(text.rstrip("\n"), markup=False, highlight=False, soft_wrap=True)
