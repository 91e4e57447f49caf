"""How the command shows cases, histories and decisions: Rich tables and
panels that read well at 80 columns, dates as people write them ("30 April
2026") in the policy's time zone, and JSON for scripts.

Text from the record is never read as Rich markup, and :func:`shown` owns
how it reaches a terminal: control characters, terminal escape sequences and
bidirectional overrides in stored or typed text are written as escapes
(``\\x1b``, ``\\u202e``), so a name or a note can neither clear the
officer's screen nor disguise a line of output.
"""

from __future__ import annotations

import itertools
import json
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

import pendulum
from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from contactpolicy.audit import codec
from contactpolicy.audit.commands import REGISTRY
from contactpolicy.audit.events import AuditEvent, Problem
from contactpolicy.audit.records import OR_EVERY_ONE_CHANGED
from contactpolicy.audit.seal import StoreVerification
from contactpolicy.audit.verify import Verification
from contactpolicy.casework.possible import possible
from contactpolicy.casework.work_queue import WorkItem, appeal_recordable
from contactpolicy.cli.parse import spell
from contactpolicy.domain import wording
from contactpolicy.domain.contact import Contact, ContactDecision
from contactpolicy.domain.model import (
    Case,
    CaseSummary,
    Decision,
    Designation,
    Incident,
    Lateness,
    Officer,
    Override,
    Review,
)
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.safeguards import Adjustment, NewIssue, ToActOn, ToRead
from contactpolicy.domain.vocabulary import (
    CaseState,
    Channel,
    Command,
    ContactPurpose,
    NoticeItem,
    ReviewOutcome,
    Role,
)
from contactpolicy.domain.wording import shown
from contactpolicy.errors import Failure

__all__ = [
    "COMMANDS",
    "NOTICE_ITEMS",
    "audit_key_missing",
    "audit_key_not_matched",
    "audit_key_retired",
    "case_view",
    "cases_lines",
    "concerns_table",
    "decision_view",
    "done",
    "due_status",
    "due_table",
    "feed_table",
    "history_table",
    "not_communicated_table",
    "print_json",
    "review_status",
    "say",
    "seals_not_checked",
    "shown",
    "store_verification_view",
    "summary_status",
    "title",
    "verification_view",
    "when",
    "work_table",
    "write_lines",
]

COMMANDS: dict[Command, str] = {command: entry.cli for command, entry in REGISTRY.items()}
"""The command line's name for each ``Casework`` command, from the registry."""

NOTICE_ITEMS: dict[NoticeItem, str] = {
    NoticeItem.WHY: "why the decision was taken (6.3)",
    NoticeItem.WHAT_IT_MEANS: "what it means for their contact with the council (6.3)",
    NoticeItem.HOW_LONG: "how long the restrictions last (6.3, 6.4)",
    NoticeItem.REVIEW_DATE: "the review date (7.2)",
    NoticeItem.REVIEW_OR_APPEAL: "how to have it reviewed or appeal (6.3, 8.1)",
    NoticeItem.OMBUDSMAN: "the right to complain to the Ombudsman",
    NoticeItem.POLICY_COPY: "a copy of the policy (6.3)",
    NoticeItem.ELECTRONIC_RECORD: "that an electronic record is kept (7.4)",
}
"""Each item of the communication checklist in words."""


def _cell(text: str) -> Text:
    """Stored or typed text for a table cell: escaped, line breaks kept,
    never read as markup."""
    return Text(shown(text, lines=True))


def when(at: pendulum.DateTime, policy: Policy) -> str:
    """A time as people write it, in the policy's time zone: ``30 April 2026 09:30``."""
    return wording.day_and_time(at, policy.timezone)


def say(console: Console, text: str) -> None:
    """Print one line of plain text, :func:`shown` (a line break in ``text``
    is written as an escape too): no markup, no highlighting."""
    console.print(Text(shown(text)))


def title(console: Console, text: str) -> None:
    """Print a table's title in bold where the console shows styles; where
    it shows none (a pipe, a file) the same line is written past Rich."""
    if console.color_system is None:
        write_lines(console, [text])
    else:
        console.print(Text(text, style="bold"), soft_wrap=True)


def write_lines(console: Console, lines: Sequence[str]) -> None:
    """Write ``lines`` to the console's stream as they are, each ended by a
    line break, past Rich: no markup, wrapping or measuring."""
    if lines:
        console.file.write("\n".join(lines) + "\n")


def print_json(console: Console, value: Any, kind: Any = None) -> None:
    """Print ``value`` as indented JSON through the library's codec: plain
    JSON for scripts, with no styling, and in ASCII (``\\u`` escapes for the
    rest), so that no stored character can act on a terminal it reaches."""
    write_lines(console, [json.dumps(codec.unstructure(value, kind), indent=2)])


def _table(title: str, *columns: str) -> Table:
    """A table of ``columns``; a word wider than its column (an override
    code such as ``no_incident_since_decision``) folds onto the next line
    rather than being cut off with an ellipsis."""
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _facts(rows: Iterable[tuple[str, str | None]]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        if value:
            grid.add_row(label, _cell(value))
    return grid


def _unconsidered(designation: Designation, policy: Policy) -> str | None:
    """``None`` when the decision maker confirmed reasonable adjustments
    were considered; otherwise that they were not, with the policy's reason
    for not requiring it (4.2, Equality Act 2010)."""
    if designation.assessment.adjustments_considered:
        return None
    if policy.require_reasonable_adjustments:
        return "no"
    return f"no; the policy does not require it: {policy.adjustments_not_required_because}"


def review_status(case: Case, policy: Policy, now: pendulum.DateTime) -> str:
    """What the review clock says of ``case`` at ``now`` (7.2), as
    :func:`_clock_status` words it."""
    return _clock_status(case, policy, now)


def _clock_status(of: Case | CaseSummary, policy: Policy, now: pendulum.DateTime) -> str:
    """What the review clock says of a case or its summary at ``now``
    (7.2): ``"lapsed"``, ``"overdue"``, that and the last day of their own
    the restrictions ended on before their review day (6.4), whose review
    is then of the record, or ``""``; so ``show`` and ``list`` say the same
    of a case."""
    if of.lapsed(now, policy):
        return "lapsed"
    if not of.review_overdue(now, policy):
        return ""
    ended = of.ended_before_review(policy.date_of(now))
    return "overdue" if ended is None else f"overdue; ended on {wording.day(ended)}"


def _evidence(case: Case, evidence: tuple[Incident, ...]) -> str | None:
    """The incidents a decision relied on, by their numbers in the file."""
    numbers = [str(case.incidents.index(each) + 1) for each in evidence if each in case.incidents]
    return None if not numbers else "incidents " + ", ".join(numbers)


def _overridden(overrides: tuple[Override, ...]) -> str | None:
    """Each soft precondition the decision went ahead without, and why."""
    return "\n".join(f"{each.code}: {each.reason}" for each in overrides) or None


def _review_notes(review: Review, lateness: Lateness | None = None) -> str:
    """A review's notes: held after its day, or never held, how late and
    whether the restrictions lapsed meanwhile
    (:func:`~contactpolicy.domain.wording.review_lateness`, 7.2); a
    continued one's grounds (7.2), and each soft precondition it went
    ahead without, and why (issue 12)."""
    notes = review.notes or review.note
    if review.outcome is ReviewOutcome.CONTINUE:
        notes = f"Grounds: {notes}"
    if lateness is not None and (lateness.late or lateness.missed_by):
        notes = "\n".join(filter(None, (wording.review_lateness(lateness), notes)))
    overridden = _overridden(review.overrides)
    return notes if overridden is None else f"{notes}\nOverridden: {overridden}"


def case_view(case: Case, policy: Policy, now: pendulum.DateTime) -> RenderableType:
    """Everything on the case file at ``now``, for ``show``."""
    customer = case.customer
    rows: list[tuple[str, str | None]] = [
        ("Case", f"{case.id}, {wording.name(case.state)}"),
        ("Customer", f"{customer.name} ({customer.id})"),
        ("Contact", customer.contact),
        ("Issue", case.issue),
        ("Reported", f"{when(case.reported_at, policy)} by {case.reported_by}"),
    ]
    if case.concern is not None:
        concern = case.concern
        raised = f"{when(concern.raised_at, policy)} by {concern.raised_by} ({concern.team})"
        rows.append(("Concern raised", raised))
    if case.warning is not None:
        warning = case.warning
        measures = "; ".join(warning.measures) or "no initial measures"
        rows.append(
            (
                "Warned",
                f"{when(warning.given_at, policy)} by {warning.by}, "
                f"{wording.name(warning.method)}: {measures}"
                f"{wording.recorded(warning.given_at, warning.recorded_at, policy.date_of)}",
            )
        )
        about = ", ".join(sorted(wording.name(behaviour) for behaviour in warning.behaviours))
        rows.append(("Warned about", about or None))
    designation = case.designation
    if designation is not None:
        rows.append(
            (
                "Designated",
                f"{when(designation.decided_at, policy)} by {designation.decided_by}: "
                f"{designation.reasons}",
            )
        )
        rows.append(("Without warning", designation.without_warning_because))
        rows.append(("Evidence", _evidence(case, designation.evidence)))
        rows.append(("Overridden", _overridden(designation.overrides)))
        if designation.ends_on is not None:
            ends = f"{wording.day(designation.ends_on)}: {designation.ends_on_because}"
            rows.append(("Ends on", ends))
        rows.append(("Communicated", _communicated(case, policy)))
        rows += _not_told(case, policy)
        label = "Restrictions" if case.state.restricts else "Restrictions (ended)"
        rows.append((label, "\n".join(spell(chosen) for chosen in designation.restrictions)))
        rows.append(("Covers", _covers(designation)))
        rows.append(("Managers told", _managers_told(case, policy)))
        rows.append(("Adjustments", "\n".join(_adjustment(a) for a in designation.adjustments)))
        rows.append(("Adjustments considered (4.2)", _unconsidered(designation, policy)))
        if case.state.restricts:
            status = review_status(case, policy, now)
            day = wording.day(designation.review_due)
            rows.append(("Review due", f"{day} ({status})" if status else day))
        appeal = case.appeal
        if case.state.restricts and appeal is not None and appeal.outcome is None:
            deadline = case.appeal_lateness(appeal, now, policy)
            late = " (past its deadline)" if deadline.late else ""
            rows.append(("Appeal to decide by", f"{wording.day(deadline.due)}{late} (8.1)"))
    else:
        rows += _not_told(case, policy)
    if case.ended is not None:
        ended = case.ended
        how = "" if ended.closure is None else f" ({wording.name(ended.closure)})"
        rows.append(
            (
                wording.name(case.state).capitalize(),
                f"{when(ended.at, policy)} by {ended.by}{how}: {ended.reason}",
            )
        )
    rows.append(("To read (5.1)", "\n".join(_to_read(item, policy) for item in case.to_read)))
    rows.append(
        (
            "To act on (8.1, 6.3, 5.1, 7.4)",
            "\n".join(_to_act_on(case, item, policy, now) for item in case.to_act_on),
        )
    )
    rows.append(
        ("Review needed (7.3)", "\n".join(_marker(marker, policy) for marker in case.new_issues))
    )
    rows += _possible_now(case, policy, now)
    parts: list[RenderableType] = [_facts(rows), Text("")]
    if case.incidents:
        table = _table("Incidents (4.1)", "When", "Behaviour", "Channel", "What happened")
        for incident in case.incidents:
            table.add_row(
                wording.day(policy.date_of(incident.occurred_at)),
                wording.name(incident.behaviour),
                wording.name(incident.channel),
                _cell(incident.description),
            )
        parts.append(table)
    reviewed = case.review_days(now, policy)
    if reviewed:
        table = _table("Reviews (7.2, 7.3)", "Started", "Why", "Outcome", "Due", "Notes")
        for each in reviewed:
            review, lateness = each.review, each.lateness
            due = "" if lateness is None else wording.day(lateness.due)
            if review is None:
                assert lateness is not None, "a review day without a review has its day"
                held = "never held" if lateness.missed_by else "not held"
                table.add_row("", "", held, due, _cell(wording.review_lateness(lateness)))
                continue
            outcome = "in progress" if review.outcome is None else wording.name(review.outcome)
            if review.incidents_since is not None:
                since = wording.count(review.incidents_since, "incident")
                outcome += f" ({since} since the last decision)"
            table.add_row(
                wording.day(policy.date_of(review.started_at)),
                wording.name(review.trigger),
                outcome,
                due,
                _cell(_review_notes(review, lateness)),
            )
        parts.append(table)
    if case.appeals:
        table = _table("Appeals (8.1)", "Received", "Grounds", "Outcome", "Decide by", "Reasons")
        for appeal in case.appeals:
            outcome = "undecided" if appeal.outcome is None else wording.name(appeal.outcome)
            lateness = case.appeal_lateness(appeal, now, policy)
            table.add_row(
                wording.day(policy.date_of(appeal.received_at)),
                _cell(appeal.grounds),
                outcome,
                wording.day(lateness.due),
                _cell("\n".join(filter(None, (wording.appeal_lateness(lateness), appeal.reasons)))),
            )
        parts.append(table)
    if case.decisions:
        table = _table("Decisions told to the customer (6.3)", "Decided", "Decision", "By", "Told")
        for decision in case.decisions:
            table.add_row(
                when(decision.decided_at, policy),
                wording.name(decision.kind),
                _cell(decision.decided_by),
                _told(decision, policy),
            )
        parts.append(table)
    if case.notes:
        table = _table("Notes (7.4)", "When", "By", "Note")
        for note in case.notes:
            table.add_row(when(note.at, policy), _cell(note.by), _cell(note.text))
        parts.append(table)
    return Group(*parts)


def _possible_now(
    case: Case, policy: Policy, now: pendulum.DateTime
) -> list[tuple[str, str | None]]:
    """The rows of what an officer can do on ``case`` at ``now``
    (:func:`contactpolicy.casework.possible.possible`): the commands open
    now, and each one its state allows that is closed, with why; but
    ``read`` when no correspondence waits, which the "To read" row says,
    and ``correction-told`` when no letter waits for a correction (7.4):
    nothing is owed then, whatever else would refuse it."""
    found = possible(case, policy, now)
    named = ", ".join(COMMANDS[command] for command in found.allowed)
    if not named:
        named = "nothing: the case has ended" if case.ended is not None else "nothing"
    closed = "\n".join(
        f"{COMMANDS[command]}: " + "; ".join(_why_not(each, case, policy, now) for each in failures)
        for command, failures in found.refused.items()
        if not any(each.code in _NOTHING_WAITING for each in failures)
    )
    return [("Possible now", named), ("Not possible", closed)]


_NOTHING_WAITING = frozenset({"nothing_to_read", "no_correction_to_tell"})
"""Why a command is closed when nothing waits for it: not shown."""


def _why_not(failure: Failure, case: Case, policy: Policy, now: pendulum.DateTime) -> str:
    """A condition of the case that closes a command at ``now``, in a few
    plain words with its section; the guard's own message for any other.
    A day the restrictions lapsed or ended on is that of the decision in
    force at ``now`` (:meth:`Case.decision_by`, 7.2, 6.4)."""
    decision, governing = case.decision, case.decision_by(now)
    text = failure.message
    if failure.code == "already_communicated" and decision and decision.communicated:
        told = wording.day(policy.date_of(decision.communicated.at))
        text = f"the latest decision was told on {told}"
    elif failure.code == "already_not_told" and decision and decision.not_told:
        recorded = wording.day(policy.date_of(decision.not_told.at))
        text = f"not telling the customer of the latest decision was recorded on {recorded}"
    elif failure.code == "restrictions_lapsed" and governing and governing.review_due:
        text = f"the restrictions lapsed at the end of {wording.day(governing.review_due)}"
    elif failure.code == "restrictions_ended" and governing and governing.ends_on:
        text = f"the restrictions ended after {wording.day(governing.ends_on)}"
    else:
        text = _WHY_NOT.get(failure.code, text)
    return f"{text} ({failure.section})"


_WHY_NOT = {
    "no_decision": "there is no decision to tell the customer of",
    "appeal_pending": "an appeal waits to be decided",
    "no_appeal_pending": "no appeal waits to be decided",
    "officer_not_named": "the restrictions name no officer to replace",
    "personal_data_erased": "the case was erased past retention",
}
"""The few plain words :func:`_why_not` gives a condition of the case that
needs no date."""


def _not_told(case: Case, policy: Policy) -> list[tuple[str, str | None]]:
    """The row of the exception of not telling the customer of the latest
    decision (6.3), while it stands; none otherwise."""
    decision = case.decision
    if decision is None or case.not_told is None:
        return []
    return [("Not told (6.3)", wording.not_told(decision, policy.date_of))]


def _managers_told(case: Case, policy: Policy) -> str | None:
    """Who was recorded as told the details of the restrictions (9.1), a
    line each time, oldest first, with the decision it followed; then, while
    the managers are still to be told of the latest decision, that they are
    not yet. ``None`` when there is neither."""
    lines = []
    for told in case.disseminations:
        after = [each for each in case.decisions if each.decided_at <= told.at]
        of = ""
        if after:
            of = f" (of the {wording.name(after[-1].kind)} of {when(after[-1].decided_at, policy)})"
        lines.append(f"{', '.join(told.recipients)}: {when(told.at, policy)} by {told.by}{of}")
    latest = case.decision
    if latest is not None and case.awaiting_managers is not None:
        decided = when(latest.decided_at, policy)
        lines.append(f"NOT YET told of the {wording.name(latest.kind)} of {decided} (9.1)")
    return "\n".join(lines) or None


def _told(decision: Decision, policy: Policy) -> str:
    """Whether and how the customer was told of ``decision`` (6.3): the day
    and method, the day the exception of not telling them was recorded
    (before they were told, if they were), or ``NOT YET``."""
    told, exception = decision.communicated, decision.not_told
    excepted = None if exception is None else wording.day(policy.date_of(exception.at))
    if told is None:
        return "NOT YET" if excepted is None else f"NOT TOLD from {excepted}"
    sent = f"{wording.day(policy.date_of(told.at))}, {wording.name(told.method)}"
    return sent if excepted is None else f"{sent}; not told from {excepted}"


def summary_status(summary: CaseSummary, policy: Policy, now: pendulum.DateTime) -> str:
    """What the review clock says of a listed case at ``now`` (7.2), as
    :func:`_clock_status` words it and ``show`` says of the case."""
    return _clock_status(summary, policy, now)


def _review_cell(summary: CaseSummary, policy: Policy, now: pendulum.DateTime) -> str:
    if summary.review_due is None:
        return ""
    status = summary_status(summary, policy, now)
    day = wording.day(summary.review_due)
    return f"{day} ({status})" if status else day


def _communicated(case: Case, policy: Policy) -> str:
    """Whether the customer was told of the latest decision (6.3), as the
    "Decisions told" table has it; after the designation, which decision
    that is."""
    latest = case.decision
    assert latest is not None, "a designated case has a decision"
    told = latest.communicated
    if told is not None:
        recorded = wording.recorded(told.at, told.recorded_at, policy.date_of, told.by)
        said = f"{when(told.at, policy)}, {wording.name(told.method)}{recorded}"
    elif latest.not_told is not None:
        said = "not told: an exception is recorded (6.3)"
    else:
        said = "not recorded yet"
    if len(case.decisions) == 1:
        return said
    decided = when(latest.decided_at, policy)
    return f"{said}, for the latest decision ({wording.name(latest.kind)}, {decided})"


def _covers(designation: Designation) -> str:
    if designation.services:
        return wording.listing(list(designation.services)) + " only"
    if designation.council_wide_because is not None:
        return f"every service: {designation.council_wide_because}"
    return "every service"


def _adjustment(adjustment: Adjustment) -> str:
    parts = [adjustment.description]
    if adjustment.channel is not None:
        parts.append(f"{wording.name(adjustment.channel)} stays open")
    if adjustment.officer_id is not None:
        parts.append(f"officer {adjustment.officer_id}")
    return "; ".join(parts)


def _to_read(item: ToRead, policy: Policy) -> str:
    reader = policy.title(Role.RECORDS) if item.reader is None else f"officer {item.reader}"
    return (
        f"contact {item.contact_id}, {wording.name(item.channel)} of "
        f"{when(item.received_at, policy)}, for {reader}"
    )


def _to_act_on(case: Case, item: ToActOn, policy: Policy, now: pendulum.DateTime) -> str:
    """A safeguard exercised at the point of contact on ``case`` and not yet
    dealt with: what, which contact, when; an appeal with when its decision
    is due (8.1) and a data request when its answer is (UK GDPR Art. 12(3)),
    each counted from then, as worked out then (``ToActOn.deadline``). An
    appeal ``case`` cannot record as one
    (:func:`~contactpolicy.casework.work_queue.appeal_recordable`) has no
    decision due: it is to be dealt with otherwise."""
    line = (
        f"{wording.name(item.purpose)}, contact {item.contact_id}, "
        f"{wording.name(item.channel)} of {when(item.received_at, policy)}, "
        f"for the {policy.title(Role.RECORDS)}"
    )
    if item.purpose is ContactPurpose.APPEAL and not appeal_recordable(case, item.received_at):
        return f"{line}; not an appeal of its own: deal with it otherwise (8.1)"
    if item.purpose is ContactPurpose.APPEAL:
        done = "decided"
    elif item.purpose is ContactPurpose.DATA_REQUEST:
        done = "answered"
    else:
        return line
    due = item.deadline(policy)
    late = " (past its deadline)" if policy.date_of(now) > due else ""
    return f"{line}; to be {done} by {wording.day(due)}{late}"


def _marker(marker: NewIssue, policy: Policy) -> str:
    about = "" if marker.issue is None else f" about {marker.issue}"
    return (
        f"{wording.name(marker.found)}{about}, contact {marker.contact_id} of "
        f"{when(marker.raised_at, policy)}"
    )


def cases_lines(
    cases: Sequence[CaseSummary], width: int, policy: Policy, now: pendulum.DateTime
) -> list[str]:
    """One line a case, for ``list``, under a title and a header: a plain
    table no wider than ``width`` characters where the other columns allow
    (the issue, last, wraps onto lines of its own); a review date past is
    marked as ``show`` marks it (:func:`summary_status`, 7.2, 6.4). When
    the other columns leave the issue
    fewer than :data:`ISSUE_ROOM` characters, it goes on a line of its own
    under its case instead, so that no word is cut. Plain text, because a
    page of cases must print in about the time it takes to read them: only
    an issue too long for its line is wrapped."""
    header = ("Case", "Customer", "State", "Review due")
    ids = [case.id for case in cases]
    customers = [f"{case.customer_name} ({case.customer_id})" for case in cases]
    texts = [case.issue for case in cases]
    # A page with nothing to escape, the usual one, is found so by one check
    # at C speed, and its texts are used as they are.
    if not "".join([*ids, *customers, *texts]).isprintable():
        ids, customers, texts = (
            [shown(text) for text in column] for column in (ids, customers, texts)
        )
    states = [_STATE_NAMES[case.state] for case in cases]
    dues = ["" if case.review_due is None else _review_cell(case, policy, now) for case in cases]
    widths = [
        max([len(title), *map(len, column)])
        for title, column in zip(header, (ids, customers, states, dues), strict=True)
    ]
    first, second, third, fourth = widths
    indent = sum(widths) + 2 * len(widths)
    beside = width - indent >= ISSUE_ROOM
    pad = " " * (indent if beside else len(_ISSUE_BELOW))
    issues = [
        _wrapped(text, width - indent if beside else max(width - len(pad), ISSUE_ROOM))
        for text in texts
    ]
    if beside:
        widths.append(max(len("Issue"), *map(len, itertools.chain.from_iterable(issues))))
    # Padding by str.ljust: half the cost of a format's alignment, which is
    # parsed again at every call. The issue is not padded: each line is
    # stripped of the spaces that end it.
    titles = "  ".join(title.ljust(column) for title, column in zip(header, widths, strict=False))
    lines = [
        f"Cases ({len(cases)})",
        "",
        f"{titles}  Issue" if beside else titles.rstrip(),
        "  ".join("-" * column for column in widths),
    ]
    for case_id, customer, state, due, issue in zip(
        ids, customers, states, dues, issues, strict=True
    ):
        row = f"{case_id.ljust(first)}  {customer.ljust(second)}  {state.ljust(third)}  "
        if beside:
            lines.append(f"{row}{due.ljust(fourth)}  {issue[0]}".rstrip())
        else:
            lines.append(f"{row}{due}".rstrip())
            lines.append(f"{_ISSUE_BELOW}{issue[0]}".rstrip())
        for line in issue[1:]:
            lines.append(f"{pad}{line}".rstrip())
    return lines


ISSUE_ROOM = 12
"""The fewest characters ``list`` gives the issue beside the other columns."""
_ISSUE_BELOW = "  Issue: "
"""How an issue with no room beside its case starts the line under it."""


_STATE_NAMES = {state: wording.name(state) for state in CaseState}
"""Each state in words, as ``list`` shows it."""


def _wrapped(text: str, width: int) -> list[str]:
    """``text`` on lines of at most ``width`` characters, exactly as
    ``textwrap.wrap`` breaks them, with one empty line for no text.

    Most issues are printable words (no whitespace but the space) between
    single spaces, with no hyphen and no word longer than a line: those are
    broken here at the last space that fits, as ``textwrap`` packs them but
    many times faster; anything else goes to ``textwrap``."""
    simple = "  " not in text and text.strip(" ") == text and text.isprintable()
    if simple and len(text) <= width:
        return [text]
    if not simple or "-" in text:
        return textwrap.wrap(text, width) or [""]
    lines = []
    rest = text
    while len(rest) > width:
        cut = rest.rfind(" ", 0, width + 1)
        if cut < 0:  # a word longer than a line, which textwrap breaks
            return textwrap.wrap(text, width)
        lines.append(rest[:cut])
        rest = rest[cut + 1 :]
    lines.append(rest)
    return lines


def overdue(due: pendulum.Date, as_of: pendulum.Date) -> int:
    """Whole days from the review date to ``as_of``: 0 when it is due that day."""
    return (as_of - due).in_days()


def due_status(case: Case, as_of: pendulum.Date, policy: Policy) -> str:
    """Where ``case``'s review stands on ``as_of`` (7.2): ``"coming due"``,
    ``"due today"``, ``"overdue"`` or ``"lapsed"`` (overdue under
    ``on_review_overdue = "lapse"``, unless the restrictions ended before,
    on a last day of their own: :meth:`Case.ended_before_review`, 6.4)."""
    assert case.review_due is not None
    late = overdue(case.review_due, as_of)
    if late < 0:
        return "coming due"
    if late == 0:
        return "due today"
    if policy.on_review_overdue == "lapse" and case.ended_before_review(as_of) is None:
        return "lapsed"
    return "overdue"


def due_table(
    cases: Sequence[Case],
    as_of: pendulum.Date,
    policy: Policy,
    *,
    until: pendulum.Date | None = None,
) -> Table:
    """Reviews due on or before ``until`` (default ``as_of``), the longest
    overdue first, each said to be due in some days, due today or how many
    days overdue on ``as_of``, for ``due``; a caption says when the overdue
    ones have lapsed (7.2)."""
    table = _table(
        f"Reviews due by {wording.day(as_of if until is None else until)} (7.2)",
        "Case",
        "Customer",
        "State",
        "Review due",
        "Overdue",
    )
    for case in cases:
        assert case.designation is not None
        late = overdue(case.designation.review_due, as_of)
        table.add_row(
            _cell(case.id),
            _cell(f"{case.customer.name} ({case.customer.id})"),
            wording.name(case.state),
            wording.day(case.designation.review_due),
            f"due in {wording.count(-late, 'day')}"
            if late < 0
            else "due today"
            if late == 0
            else wording.count(late, "day"),
        )
    captions = []
    if any(due_status(case, as_of, policy) == "lapsed" for case in cases):
        captions.append(
            "Restrictions lapse at the end of their review day (7.2): those overdue no longer "
            "apply until a review continues them and the customer is told (6.3)."
        )
    if any(case.ended_before_review(as_of) is not None for case in cases):
        captions.append(
            "Restrictions that ended on a last day of their own before their review day "
            "(6.4) no longer apply: their review is of the record (7.2)."
        )
    if captions:
        table.caption = " ".join(captions)
        table.caption_justify = "left"
    return table


def work_table(items: Sequence[WorkItem], officer: Officer) -> Table:
    """What waits for ``officer``, the oldest first, for ``todo``: each
    item's due day, case (``none`` for one on no case), the contact it
    waits on (the id ``read`` or ``acted-on`` takes; empty for a duty no
    contact left), kind and what to do."""
    table = _table(
        f"What waits for {shown(officer.name)} ({len(items)})",
        "Due",
        "Case",
        "Contact",
        "Kind",
        "What to do",
    )
    for item in items:
        table.add_row(
            wording.day(item.due),
            _cell(item.case_id or "none"),
            "" if item.contact_id is None else str(item.contact_id),
            wording.words(item.kind),
            item.summary,
        )
    return table


def not_communicated_table(cases: Sequence[Case], policy: Policy) -> Table:
    """Each decision the customer is not recorded as told of
    (:attr:`Case.untold`, an earlier one a later decision overtook
    included), with its case and when it was taken, for
    ``not-communicated`` (6.3, 8.1)."""
    table = _table(
        "Decisions not recorded as communicated (6.3, 7.4)",
        "Case",
        "Customer",
        "Decision",
        "Decided",
    )
    for case in cases:
        for decision in case.untold:
            table.add_row(
                _cell(case.id),
                _cell(f"{case.customer.name} ({case.customer.id})"),
                wording.name(decision.kind),
                when(decision.decided_at, policy),
            )
    return table


def concerns_table(cases: Sequence[Case], policy: Policy) -> Table:
    """Open concerns raised by members of staff, for ``concerns`` (6.1)."""
    table = _table("Concerns raised with you (6.1)", "Case", "Customer", "Raised", "By")
    for case in cases:
        assert case.concern is not None
        table.add_row(
            _cell(case.id),
            _cell(f"{case.customer.name} ({case.customer.id})"),
            when(case.concern.raised_at, policy),
            _cell(case.concern.raised_by),
        )
    return table


def history_table(case_id: str, events: Sequence[AuditEvent], policy: Policy) -> Table:
    """The case's audit events, oldest first, for ``history``."""
    table = _table(
        f"History of case {shown(case_id)} (7.4)", "#", "When", "Event", "By", "State after"
    )
    for event in events:
        table.add_row(
            str(event.seq),
            when(event.at, policy),
            _cell(_event_detail(event, policy)),
            _cell(event.actor),
            wording.name(CaseState(event.data["state"])) if "state" in event.data else "",
        )
    return table


def _event_detail(event: AuditEvent, policy: Policy) -> str:
    """An event's kind, and for a correction what it corrected, to what and
    why (7.4): ``rectify customer.name to 'Sam Taylor-Jones': Name changed by
    deed poll.``; for a contact dealt with otherwise than by the case's own
    record (an appeal made at the point of contact and withdrawn, say: 8.1),
    which contact, what it held and how it was dealt with: ``record_read
    contact 1 (nothing new) dealt with: Withdrawn by the customer.``; for
    the answer to a correction of a letter already sent (6.3, 7.4), the
    corrected letter sent and when, in the policy's time zone, or why none
    is: ``record_correction_told: corrected letter sent by letter on 1
    February 2026`` or ``record_correction_told: no corrected letter:
    Nothing the customer relies on changed.``"""
    data = event.data
    if event.kind == "rectify" and {"field", "value", "reason"} <= data.keys():
        return f"rectify {data['field']} to {str(data['value'])!r}: {data['reason']}"
    if event.kind == "record_correction_told" and data.get("reason"):
        return f"record_correction_told: no corrected letter: {data['reason']}"
    if event.kind == "record_correction_told" and {"at", "method"} <= data.keys():
        sent = wording.day(policy.date_of(codec.structure(data["at"], pendulum.DateTime)))
        how = wording.by_channel(codec.structure(data["method"], Channel))
        return f"record_correction_told: corrected letter sent {how} on {sent}"
    if event.kind == "record_read" and data.get("reason"):
        outcome = wording.words(str(data["outcome"]))
        return f"record_read contact {data['contact_id']} ({outcome}) dealt with: {data['reason']}"
    return event.kind


def feed_table(events: Sequence[AuditEvent], policy: Policy) -> Table:
    """Events of every case in the order the store accepted them, for ``feed``."""
    table = _table("Feed", "Position", "Case", "#", "Event", "When", "By")
    for event in events:
        table.add_row(
            str(event.position),
            _cell(event.case_id),
            str(event.seq),
            _cell(event.kind + _clock(event)),
            when(event.at, policy),
            _cell(event.actor),
        )
    return table


def _clock(event: AuditEvent) -> str:
    """What an event says of the review clock when it was made (7.2), as a
    suffix to its kind: ``(lapsed)``, ``(review overdue)`` or nothing."""
    if event.data.get("lapsed") is True:
        return " (lapsed)"
    return " (review overdue)" if event.data.get("review_overdue") is True else ""


def audit_key_missing(key_id: str) -> str:
    """Why nothing sealed can be checked on a keyed store read without its
    key (7.4): every command that meets it says it in these words."""
    return (
        f"the records are signed with the audit key {key_id!r}, which is not given "
        "(CONTACTPOLICY_AUDIT_KEY)"
    )


def audit_key_not_matched(key_id: str) -> str:
    """Why nothing sealed under ``key_id`` can be checked with a key given
    for it that verifies none of the records signed under it, with the
    caveat ``verify --all`` gives (7.4)."""
    return (
        f"the audit key given for key id {key_id!r} (CONTACTPOLICY_AUDIT_KEY) is not the one "
        f"the records were signed and sealed with {OR_EVERY_ONE_CHANGED}"
    )


def unreadable_lines(problems: Sequence[Problem]) -> list[str]:
    """The lines ``token list`` and ``webhook list`` name each record whose
    row cannot be read with, after the others (7.4)."""
    return [shown(f"{problem.where}  not valid: {problem.what}") for problem in problems]


def problem_said(problem: Problem | None) -> str | None:
    """What ``token list --json`` and ``webhook list --json`` give as a
    record's ``problem``: why its record does not verify with the audit key
    (``its record was changed after it was added``), as the text lists
    say it after ``not valid:``; ``None`` when it verifies or could not be
    checked (7.4)."""
    return None if problem is None else problem.what


def unreadable_rows(problems: Sequence[Problem]) -> list[dict[str, Any]]:
    """Each record whose row cannot be read as ``token list --json`` and
    ``webhook list --json`` give it, after the others: ``record`` names it,
    ``problem`` says what was found, ``valid`` is false (7.4)."""
    return [
        {"record": problem.where, "problem": problem.what, "valid": False} for problem in problems
    ]


def audit_key_retired(key_ids: Sequence[str]) -> str:
    """Why the seals made under ``key_ids`` cannot be checked when other
    keys are given but not theirs (only the new key given after a
    rotation), and what to do (7.4; docs/audit.md, Setting up the key)."""
    ids = wording.listing([repr(key_id) for key_id in key_ids])
    which = "key id" if len(key_ids) == 1 else "key ids"
    return (
        f"records are sealed under {which} {ids}, whose key is not given "
        "(CONTACTPOLICY_AUDIT_KEY); give the key retired by the rotation beside the new one "
        "(docs/audit.md, Setting up the key)"
    )


def seals_not_checked(
    not_given: str | None,
    not_matched: str | None,
    retired: Sequence[str] = (),
    *,
    sealed: Sequence[str] = (),
) -> list[str]:
    """The lines ``token list`` and ``webhook list`` end with when seals
    cannot be checked (7.4): on a keyed store read without its key
    (``not_given``, the key id the records are signed under) none; with a
    key that is not the one they were sealed with (``not_matched``, its
    key id) none sealed under that id; and none sealed under a key id in
    ``retired``, whose key was not given beside the others
    (:func:`~contactpolicy.audit.records.seal_keys_missing`). Without the
    key, ``sealed`` are the key ids the records shown are sealed under:
    named when they are not only ``not_given``, as the keys to give for
    them. No line when every seal was checked."""
    if not_given is not None:
        own = ""
        if sealed and tuple(sealed) != (not_given,):
            which = "key id" if len(sealed) == 1 else "key ids"
            ids = wording.listing([repr(key_id) for key_id in sealed])
            own = f", and these are sealed under {which} {ids}"
        return [
            f"Seals not checked: {audit_key_missing(not_given)}{own}, so none of these can be "
            "told valid."
        ]
    lines = []
    if not_matched is not None:
        lines.append(
            f"Seals not checked: {audit_key_not_matched(not_matched)}, so none of these can be "
            "told valid."
        )
    if retired:
        lines.append(
            f"Seals not checked: {audit_key_retired(retired)}, so those sealed under "
            f"{'it' if len(retired) == 1 else 'them'} cannot be told valid."
        )
    return lines


def verification_view(verification: Verification) -> list[str]:
    """Whether the case's audit trail is intact, and every problem if not,
    or that it could not be checked without the key (7.4), as lines to
    write unwrapped (a problem may be long)."""
    case_id = shown(verification.case_id)
    if verification.problems:
        lines = [f"Case {case_id}: the audit trail is NOT intact:"]
        lines += [f"  - {shown(str(problem))}" for problem in verification.problems]
    elif verification.unchecked:
        lines = [
            f"Case {case_id}: the audit trail cannot be fully checked "
            f"{_without(verification.unchecked)} ({verification.events} events): nothing was "
            "found wrong in what could be checked."
        ]
    else:
        lines = [f"Case {case_id}: the audit trail is intact ({verification.events} events)."]
    return [*lines, _keyed(verification)]


def store_verification_view(verification: StoreVerification) -> list[str]:
    """Whether the whole store's record is intact (7.4), and every problem if
    not, or that it could not be checked without the key, as lines to write
    unwrapped."""
    counts = (
        f"{wording.count(verification.cases, 'case')}, "
        f"{wording.count(verification.events, 'event')}, "
        f"{verification.contacts} contact log "
        f"{'entry' if verification.contacts == 1 else 'entries'}, "
        f"{wording.count(verification.seals, 'seal')}"
    )
    if verification.problems:
        lines = [f"The audit trail is NOT intact ({counts}):"]
        lines += [f"  - {shown(str(problem))}" for problem in verification.problems]
    elif verification.unchecked:
        lines = [
            f"The audit trail cannot be fully checked {_without(verification.unchecked)} "
            f"({counts}): nothing was found wrong in what could be checked."
        ]
    else:
        lines = [f"The audit trail is intact ({counts})."]
    return [*lines, _keyed(verification)]


def _without(unchecked: tuple[tuple[str, int], ...]) -> str:
    """``without the key for key id 'default'``: the key ids of
    ``unchecked``, whose key was not given (7.4), so that a check with
    another key given does not read as one with none."""
    ids = wording.listing([repr(key_id) for key_id, _ in unchecked])
    if len(unchecked) == 1:
        return f"without the key for key id {ids}"
    return f"without the keys for key ids {ids}"


def _keyed(verification: Verification | StoreVerification) -> str:
    """The last line of ``verify``: whether every record was checked with
    the audit key, which could not be for want of its key (and what was
    checked without it), which could not be as the key given matched none
    of them, or that the record is unkeyed (7.4)."""
    unchecked = verification.unchecked
    if unchecked:
        signed = wording.listing(
            [
                f"{wording.count(count, 'record')} under key id {key_id!r}"
                for key_id, count in unchecked
            ]
        )
        keys = "that key was" if len(unchecked) == 1 else "those keys were"
        return (
            f"Not checked with the key: the signatures of {signed} could not be checked, as "
            f"{keys} not given (CONTACTPOLICY_AUDIT_KEY), so whether they were changed cannot "
            "be told. Checked without it: each record's number and its link to the one before "
            "it, the times, and each case as stored against its history. Give the key to check "
            "the rest (7.4)."
        )
    if verification.unmatched:
        ids = wording.listing([repr(key_id) for key_id in verification.unmatched])
        keys = "key id" if len(verification.unmatched) == 1 else "key ids"
        return (
            f"Not checked with the key: the audit key given for {keys} {ids} matched none of "
            "the records signed under it, so whether they were changed cannot be told. Give "
            "the key they were signed with to check them (7.4)."
        )
    if verification.keyed:
        return "Every record was checked with the audit key given."
    return (
        "Unkeyed: not every record is signed with the audit key, so someone with write "
        "access to the database could have rewritten it consistently (see seals, 7.4)."
    )


_YES_NO = {True: "yes", False: "no"}
"""A flag of a contact decision in words."""


def decision_view(
    customer_id: str, contact: Contact, decision: ContactDecision, policy: Policy
) -> RenderableType:
    """How to handle one contact, for ``check``: the instruction, not the file."""
    limit = decision.time_limit_minutes
    rows: list[tuple[str, str | None]] = [
        (
            "Contact",
            f"{wording.name(contact.channel)} from {shown(customer_id)}, "
            f"{when(contact.at, policy)}",
        ),
        ("Take it", "YES" if decision.allowed else "NO, do not take it"),
        ("Route to", shown(_route(decision, policy))),
        ("Time limit", "none" if limit is None else f"{limit} minutes"),
        ("Register it", _YES_NO[decision.register]),
        ("Reply", _YES_NO[decision.respond]),
        ("Review needed", f"{_YES_NO[decision.review_required]} (7.3)"),
        ("Escalate", _YES_NO[decision.escalate]),
        (
            "Channels accepted",
            ", ".join(sorted(wording.name(c) for c in decision.accepted_channels)) or "none",
        ),
    ]
    if decision.contact_id is not None:
        rows.insert(1, ("Contact id", str(decision.contact_id)))
    reasons = Text(
        "\n".join(f"- {shown(reason)}" for reason in decision.reasons) or "No restriction applies."
    )
    return Group(_facts(rows), Text(""), reasons)


def _route(decision: ContactDecision, policy: Policy) -> str:
    if decision.route_to is not None:
        return decision.route_to
    if decision.route_to_role is not None:
        return f"the {policy.title(decision.route_to_role)}"
    return "whoever receives it"


def done(console: Console, case: Case, text: str, *, as_json: bool) -> None:
    """After a command: the updated case as JSON, or one line saying what happened."""
    if as_json:
        print_json(console, case)
    else:
        say(console, text)
