"""The work queue: every unmet duty of the policy, for the officer who owes it.

Nothing the policy asks of the council is left silent: each duty not yet met
(a review due or coming due, a review started and not completed,
restrictions lapsed, an appeal to decide, a
decision the customer was not told of, managers not told, a manager's
notices held because one can never be sent as things are, a named officer who
left, correspondence still to be read, an appeal, a request for review, a
complaint about the restrictions, a safeguarding concern or a data request
made at the point of contact and not yet acted on, a new issue waiting for its review
or, where no review can take it up, for the Policy and Information team,
a letter the customer holds corrected since it was sent (7.4),
a member of staff's concern to take up, restrictions whose decided length has
run out, an open case gone stale, two open cases of one customer on one
issue, one customer reference under different names) is a :class:`WorkItem`
in the queue of every officer holding a role that owes it, or of the officer
named to do it. ``Casework.work_queue(officer)`` returns them oldest first;
``contactpolicy todo`` prints them.

Each kind of item comes from one *source*: a function from a :class:`Look`
(the store, the policy, the time, the directory and the cases with
restrictions) to the :class:`Duty` items it finds. Another kind of item is
one more function in :data:`SOURCES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cached_property

import attrs
import pendulum

from contactpolicy import lifecycle
from contactpolicy.audit import replay
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.casework.retention import ENDED
from contactpolicy.documents.letter_facts import appeal_stopped_why
from contactpolicy.domain import wording
from contactpolicy.domain.appeals import appeal_open_at
from contactpolicy.domain.authority import refusal
from contactpolicy.domain.contact import PURPOSES, issue_key, not_relied_on
from contactpolicy.domain.decisions import relaxes
from contactpolicy.domain.follow_up import unreviewable
from contactpolicy.domain.model import Case, CaseSummary, Decision, Designation, Officer
from contactpolicy.domain.policy import COMING_DUE, Policy
from contactpolicy.domain.preconditions import (
    appeal_part_of,
    named_officers,
    rectified,
    told_stopped,
)
from contactpolicy.domain.restrictions import until_told
from contactpolicy.domain.safeguards import NewIssue, ToActOn, ToRead, acted_on_as, due_from
from contactpolicy.domain.validation import text_key
from contactpolicy.domain.vocabulary import (
    CaseState,
    Command,
    ContactPurpose,
    DecisionKind,
    LetterKind,
    ReadOutcome,
    ReviewTrigger,
    Role,
)
from contactpolicy.stores.deliveries import held_recipient, manager_recipient
from contactpolicy.stores.protocols import Store

__all__ = [
    "COMING_DUE",
    "OPEN",
    "SOURCES",
    "Duty",
    "Look",
    "WorkItem",
    "appeal_recordable",
    "findings_to_act_on",
    "names_differing",
    "new_issue_markers",
    "open_items",
    "possible_duplicates",
    "reader",
    "reads",
    "waiting",
    "waiting_in_log",
    "waiting_to_act_on",
    "waiting_to_read",
    "work_queue",
]

_HAD_RESTRICTIONS = (
    CaseState.DESIGNATED,
    CaseState.UNDER_REVIEW,
    CaseState.APPEALED,
    CaseState.LIFTED,
)
"""The states of a case that has had restrictions: correspondence filed
while they applied is still read once they are lifted."""

_REVIEWERS = frozenset({Role.RECORDS, Role.DECISION_MAKER})
"""Who reviews (7.2: the Policy and Information team, with the decision
maker, 7.3) and keeps the record (7.4)."""


@attrs.frozen
class WorkItem:
    """One duty waiting: its ``kind`` (a stable name such as
    ``"review_due"``), the case, the date it is or was due (a calendar date
    in the policy's time zone) and a one-line ``summary`` saying what to do
    and under which section. ``case_id`` is ``None`` for an escalated
    safeguard with no case to hold it, waiting in the contact log
    (:func:`waiting_in_log`): its summary names the contact and the
    customer reference. ``contact_id`` is the contact log's id of the
    contact the item waits on, the one to name when recording it
    (``record_read``, or ``record_acted_on`` for one on no case: 5.1, 7.3,
    8.1), for every item a contact left (correspondence to read, a
    safeguard to act on, a new issue or a finding, an escalated safeguard
    on no case); ``None`` for a duty no contact left (a review, a decision
    not told)."""

    kind: str
    case_id: str | None
    due: pendulum.Date
    summary: str
    contact_id: int | None = None


@attrs.frozen
class Duty:
    """A work item and who owes it: anyone holding one of ``roles`` (in
    ``team`` when one is given), or the officer ``officer_id``. A duty done
    by running ``command`` on ``case`` is owed only by an officer that
    command's guard lets run it (:func:`~contactpolicy.domain.authority.refusal`:
    an appeal is not shown to an officer who took part in the case, 8.1)."""

    item: WorkItem
    roles: frozenset[Role]
    officer_id: str | None = None
    team: str | None = None
    command: Command | None = None
    case: Case | None = None

    def owed_by(self, officer: Officer, policy: Policy | None = None) -> bool:
        """Whether ``officer`` owes this duty (and, with ``policy``, may do
        it under its ``command``'s guard)."""
        if officer.id == self.officer_id:
            return True
        if not (officer.has_any(self.roles) and self.team in (None, officer.team)):
            return False
        if policy is None or self.command is None or self.case is None:
            return True
        return refusal(policy, self.command, officer, self.case) is None


class Look:
    """What the sources read: the store, the policy, the time, the
    directory and the audit keys (which check a case against its last
    event), and the cases with restrictions and those with an item left
    by a contact (each read once, on first use)."""

    def __init__(
        self,
        store: Store,
        policy: Policy,
        now: pendulum.DateTime,
        officers: Mapping[str, Officer] | None,
        keys: AuditKeys,
    ) -> None:
        self.store = store
        self.policy = policy
        self.now = now
        self.officers = officers
        self.keys = keys
        self.today = policy.date_of(now)

    @cached_property
    def open_items(self) -> list[Case]:
        """Every case on which an item left by a contact waits (:func:`open_items`)."""
        return open_items(self.store)

    @cached_property
    def restricted(self) -> list[Case]:
        """Every case whose state restricts (designated, under review, appealed)."""
        return [
            case for state in CaseState if state.restricts for case in self.store.cases(state=state)
        ]


Source = Callable[[Look], Iterable[Duty]]


def open_items(store: Store) -> list[Case]:
    """The cases on which an item left by a contact still waits:
    correspondence to read (5.1), a contact to act on (8.1, 6.3, 5.1; UK
    GDPR Art. 12(3)), a new-issue marker (7.3); in the order cases are
    listed (reported, then by id), which orders items left by one contact
    on several cases. An indexed read (``CaseStore.with_open_items``): its
    cost follows the cases with items, not the store."""
    return sorted(store.with_open_items(), key=lambda case: (case.reported_at, case.id))


def waiting_to_read(cases: Iterable[Case]) -> list[tuple[str, ToRead]]:
    """Correspondence refused or placed on file that is still to be read
    (5.1), as ``(case id, item)`` pairs from those of ``cases``
    (:func:`open_items`) that have had restrictions, the oldest contact
    first: what was filed or passed on while they applied is still dealt
    with once they are lifted."""
    found = [
        (case.id, item)
        for case in cases
        if case.state in _HAD_RESTRICTIONS
        for item in case.to_read
    ]
    return sorted(found, key=lambda pair: (pair[1].received_at, pair[1].contact_id))


def reader(item: ToRead, officers: Mapping[str, Officer] | None) -> str | None:
    """Who reads the filed correspondence ``item`` (5.1): the officer named
    to read it, or ``None``, the Policy and Information team, when none is
    named or, with a directory (``officers``), the one named is no longer in
    it. The one rule for :func:`reads`, the work queue's ``to_read`` items,
    ``Casework.to_read`` and what the HTTP API and the command line show of
    them."""
    if item.reader is not None and officers is not None and item.reader not in officers:
        return None
    return item.reader


def reads(officer: Officer, item: ToRead, officers: Mapping[str, Officer] | None) -> bool:
    """Whether ``officer`` is the one to read ``item`` (:func:`reader`): the
    officer named, or the Policy and Information team (:attr:`Role.RECORDS`)
    when none is named or the one named has left the directory (5.1)."""
    named = reader(item, officers)
    return officer.id == named if named is not None else Role.RECORDS in officer.roles


def waiting_to_act_on(cases: Iterable[Case]) -> list[tuple[str, ToActOn]]:
    """Appeals, requests for review, complaints about the restrictions,
    safeguarding concerns and data requests made at the point of contact
    and not yet dealt with (8.1, 6.3, 5.1; UK GDPR Art. 12(3)), as
    ``(case id, item)`` pairs from ``cases`` (:func:`open_items`) in any
    state (one is left on a case with no restrictions too:
    :func:`~contactpolicy.domain.follow_up.acted_on`), the oldest contact
    first."""
    return [(case.id, item) for case, item in _acting_on(cases)]


def _acting_on(cases: Iterable[Case]) -> list[tuple[Case, ToActOn]]:
    """:func:`waiting_to_act_on`, each item with its case."""
    found = [(case, item) for case in cases for item in case.to_act_on]
    return sorted(found, key=lambda pair: (pair[1].received_at, pair[1].contact_id))


def appeal_recordable(case: Case, made: pendulum.DateTime) -> bool:
    """Whether an appeal made at the point of contact at ``made`` can be
    recorded on ``case`` (``appeal(..., contact_id=)``, 8.1): whether its
    state is one the lifecycle runs ``appeal`` from, no appeal waits on it,
    and ``made`` is not before the earliest an appeal can be received
    (:func:`~contactpolicy.domain.appeals.appeal_open_at`: no earlier than
    :func:`~contactpolicy.domain.appeals.appeal_follows`, no appeal waiting). Otherwise
    (lifted, closed, not yet decided, made before the designation, or part
    of an earlier appeal) it is dealt with otherwise, and recorded so with
    ``record_read`` and the reason."""
    return case.state in lifecycle.allowed_from(Command.APPEAL) and appeal_open_at(case, made)


def _unrecordable(case: Case, made: pendulum.DateTime, policy: Policy) -> str:
    """Why an appeal made at the point of contact at ``made`` cannot be
    recorded on ``case`` (:func:`appeal_recordable` says not), for the
    Policy and Information team (8.1)."""
    earlier = None if case.designation is None else appeal_part_of(case, made)
    if earlier is not None:
        received = wording.day(policy.date_of(earlier.received_at))
        return (
            f"came before the appeal received on {received} was decided, so it is part of "
            "that appeal, not a new one (8.1): add its grounds to the case as a note."
        )
    if case.state in lifecycle.allowed_from(Command.APPEAL):
        return "came before the designation it would appeal (8.1)."
    states = [wording.words(state.value) for state in lifecycle.allowed_from(Command.APPEAL)]
    return (
        f"cannot be recorded on the case, which is {wording.words(case.state.value)}: an "
        f"appeal is recorded only on a case {wording.listing(states, 'or')} (8.1)."
    )


def findings_to_act_on(cases: Iterable[Case]) -> list[tuple[str, NewIssue]]:
    """The new-issue markers no review can take up (7.3,
    :func:`~contactpolicy.domain.follow_up.unreviewable`: on a case lifted,
    closed or not yet designated), as ``(case id, marker)`` pairs from
    ``cases`` (:func:`open_items`), the oldest first: each waits for the
    Policy and Information team to act on it and record how it was dealt
    with."""
    found = [(case.id, marker) for case in cases for marker in unreviewable(case)]
    return sorted(found, key=lambda pair: (pair[1].raised_at, pair[1].contact_id))


def new_issue_markers(cases: Iterable[Case]) -> list[tuple[str, NewIssue]]:
    """The new-issue markers on ``cases`` (7.3), as ``(case id, marker)``
    pairs, the oldest first."""
    found = [(case.id, marker) for case in cases for marker in case.new_issues]
    return sorted(found, key=lambda pair: (pair[1].raised_at, pair[1].contact_id))


def reviews(look: Look) -> Iterable[Duty]:
    """7.2: reviews due, overdue and coming due, and restrictions lapsed;
    each reminds of a customer not told of the latest decision, and why."""
    for case in look.store.due_reviews(look.today + COMING_DUE):
        due = case.review_due
        assert due is not None, "due_reviews holds only cases with a review date"
        day = wording.day(due)
        if case.lapsed(look.now, look.policy):
            kind, summary = (
                "lapsed",
                f"The restrictions lapsed at the end of {day}, their review day (7.2): "
                "review them and continue them with reasons, or lift them.",
            )
        elif (
            case.review_overdue(look.now, look.policy)
            and (ended := case.ended_before_review(look.today)) is not None
        ):
            kind, summary = (
                "review_overdue",
                f"The review was due on {day} and is overdue (7.2): the restrictions ended "
                f"on {wording.day(ended)}, the last day decided for them (6.4); review the "
                "record now.",
            )
        elif case.review_overdue(look.now, look.policy):
            kind, summary = (
                "review_overdue",
                f"The review was due on {day} and is overdue (7.2): the restrictions "
                "still apply; review them now.",
            )
        elif due <= look.today:
            kind, summary = "review_due", f"The review is due today, {day} (7.2)."
        else:
            kind, summary = (
                "review_coming_due",
                f"The review is due on {day} (7.2): start it now and complete it by then, "
                "or the restrictions "
                + ("lapse." if look.policy.on_review_overdue == "lapse" else "become overdue."),
            )
        yield Duty(WorkItem(kind, case.id, due, summary + _reminder(case, look.policy)), _REVIEWERS)


_STARTED_FOR = {
    ReviewTrigger.SCHEDULED: "as its review came due (7.2)",
    ReviewTrigger.NEW_ISSUE: "for a new issue (7.3)",
    ReviewTrigger.REQUESTED: "as the customer asked for it (6.3)",
}
"""Why a review started, in words, after "started on 4 March 2026"."""


def reviews_in_progress(look: Look) -> Iterable[Duty]:
    """7.2, 7.3, 6.3: a review started and not completed, from the day it
    started until it is completed (or the case lifted), naming its trigger,
    for the officers who may complete it (the policy's permissions for
    ``complete_review``: the decision maker), due the day it started: a
    review asked for by the customer or called for by a new issue is owed
    from then, not from the scheduled review date, which may be weeks away
    (the ``reviews`` source lists that date as it comes due)."""
    completes = look.policy.permissions[Command.COMPLETE_REVIEW]
    for case in look.restricted:
        review = case.review
        if case.state is not CaseState.UNDER_REVIEW or review is None:
            continue
        if review.completed_at is not None:
            continue
        day = look.policy.date_of(review.started_at)
        summary = (
            f"A review started on {wording.day(day)} {_STARTED_FOR[review.trigger]} by "
            f"{review.started_by} is not completed: "
            + (_held_by_appeal(case, look) if case.appeal_pending else _COMPLETE_IT)
        )
        yield Duty(
            WorkItem("review_in_progress", case.id, day, summary),
            completes,
            command=Command.COMPLETE_REVIEW,
            case=case,
        )


_COMPLETE_IT = "complete it (continue, vary or lift the restrictions, with its findings in notes)."


def _held_by_appeal(case: Case, look: Look) -> str:
    """What a review in progress can do while an appeal waits to be decided
    (:attr:`Case.appeal_pending`): continue or vary the restrictions now;
    lift them only once the appeal is decided (8.1, ``appeal_pending``),
    naming who decides it and by when."""
    appeal = case.appeal
    assert appeal is not None, "an appeal pending is the latest appeal"
    received = wording.day(look.policy.date_of(appeal.received_at))
    due = wording.day(appeal.decision_due(look.policy))
    return (
        "complete it by continuing or varying the restrictions, with its findings in notes; "
        f"it can lift them only once the appeal received on {received} is decided (8.1), by "
        f"the {look.policy.title(Role.APPEAL_DECIDER)} by {due}."
    )


def _reminder(case: Case, policy: Policy) -> str:
    """What a review item adds while the exception of not telling the
    customer of the latest decision stands (:attr:`Case.not_told`): that
    they were not told, and why, so the review considers telling them now
    (6.3, 7.2); else nothing."""
    decision = case.decision
    if decision is None or case.not_told is None:
        return ""
    return f" {wording.not_told(decision, policy.date_of)} Consider telling them now (7.2)."


def appeals(look: Look) -> Iterable[Duty]:
    """8.1: appeals waiting to be decided, flagged once past their deadline;
    an appeal past it is also the Policy and Information team's to chase, as
    every overdue duty is someone's besides the officer who owes it (7.4), so
    that an appeal decider who is away leaves it in a queue still."""
    for case in look.restricted:
        appeal = case.appeal
        if appeal is None or appeal.outcome is not None:
            continue
        due = appeal.decision_due(look.policy)
        received = wording.day(look.policy.date_of(appeal.received_at))
        if look.today > due:
            kind = "appeal_past_deadline"
            summary = (
                f"The appeal received on {received} was to be decided by "
                f"{wording.day(due)} and is past its deadline (8.1)."
            )
            decider = look.policy.title(Role.APPEAL_DECIDER)
            chase = (
                f"{summary} Ask the {decider} to decide it, or arrange for another officer who may."
            )
            yield Duty(WorkItem(kind, case.id, due, chase), frozenset({Role.RECORDS}))
        else:
            kind = "appeal_to_decide"
            summary = f"Decide the appeal received on {received} by {wording.day(due)} (8.1)."
        summary += _review_waiting(case, look.policy)
        yield Duty(
            WorkItem(kind, case.id, due, summary),
            frozenset({Role.APPEAL_DECIDER}),
            command=Command.DECIDE_APPEAL,
            case=case,
        )


def _review_waiting(case: Case, policy: Policy) -> str:
    """What an appeal item adds while a review is in progress on the case
    (:func:`reviews_in_progress`): that the review can lift the
    restrictions only once the appeal is decided (8.1); else nothing."""
    review = case.review
    if case.state is not CaseState.UNDER_REVIEW or review is None:
        return ""
    started = wording.day(policy.date_of(review.started_at))
    return f" A review started on {started} waits on this decision to lift the restrictions (8.1)."


def not_communicated(look: Look) -> Iterable[Duty]:
    """6.3, 7.4: decisions the customer is not recorded as told of, due from
    the oldest (:attr:`Case.untold`), each with what the letter of the
    latest decision says and whether it applies yet (:func:`_untold`); or,
    once the restrictions it sets lapsed or ended, that it is not written
    now, what to do instead, and that only a letter sent before then is
    recorded (:func:`_untold_stopped`); for an appeal's decision whose
    letter says the restrictions no longer apply, the outcome and that
    (:func:`_untold_appeal`). That letter tells of the earlier decisions
    still owed too (8.1, :func:`_earlier`)."""
    for case in look.store.not_communicated():
        untold, decision = case.untold, case.decision
        assert untold, "not_communicated holds the cases owed a decision"
        assert decision is not None, "a case owed a decision has one"
        due = look.policy.date_of(untold[0].decided_at)
        if decision.owed:
            owed = (
                _untold_appeal(case, decision, look)
                or _untold_stopped(case, look)
                or _untold(case, decision, look.policy)
            )
            summary = (
                f"The {_decided(decision, look.policy)} is not recorded as communicated (6.3): "
                f"{owed}{_earlier(untold[:-1], look.policy)}"
            )
        else:
            summary = (
                f"Not recorded as communicated (6.3, 8.1): {_named(untold, look.policy)}, "
                "overtaken by a later decision before the customer was told. Write the letter "
                f"of the {_decided(decision, look.policy)} again, which tells of what they "
                "were not told, then record it; or record that the customer is not told (6.3)."
            )
        yield Duty(WorkItem("not_communicated", case.id, due, summary), _REVIEWERS)


def _untold_appeal(case: Case, decision: Decision, look: Look) -> str:
    """What to write of an appeal's decision whose letter, written today,
    says the restrictions no longer apply, as they lapsed at their review
    day (7.2) or ended (6.4): the outcome of the appeal and that
    (:func:`~contactpolicy.documents.letter_facts.appeal_stopped_why`, the
    letter's own judgement); else ``""``."""
    if decision.kind is not DecisionKind.APPEAL:
        return ""
    why = appeal_stopped_why(case, decision, look.policy, look.today)
    if why is None:
        return ""
    return (
        f"write to the customer the outcome of their appeal and that the restrictions, which "
        f"{why}, no longer apply (8.1), then record it."
    )


def _decided(decision: Decision, policy: Policy) -> str:
    """A decision as a work item names it, after "the": ``appeal decision
    of 11 February 2026``."""
    day = wording.day(policy.date_of(decision.decided_at))
    return f"{wording.name(decision.kind)} decision of {day}"


def _named(decisions: tuple[Decision, ...], policy: Policy) -> str:
    """``decisions`` in a sentence: ``the appeal decision of 11 February
    2026 and the review decision of ...``."""
    return wording.listing([f"the {_decided(each, policy)}" for each in decisions])


def _earlier(untold: tuple[Decision, ...], policy: Policy) -> str:
    """What a work item adds when earlier decisions the customer is still
    owed (:attr:`Case.untold`) wait for the latest one's letter, which tells
    of them too (6.3, 8.1); else ``""``."""
    if not untold:
        return ""
    return (
        f" Its letter also tells them of {_named(untold, policy)}, which they were not told "
        "of (6.3, 8.1); recording it records those told too."
    )


def _untold_stopped(case: Case, look: Look) -> str:
    """Why the latest decision's letter is not written now, when the
    restrictions it sets lapsed at their review day (7.2) or ended (6.4)
    (:func:`~contactpolicy.domain.preconditions.told_stopped`, the guard
    that refuses both its letter and its communication at a later time);
    else ``""``."""
    decision = case.decision
    if decision is None or not decision.restrictions:
        return ""
    failures = told_stopped(case, look.policy, decision.kind, look.now)
    if not failures:
        return ""
    return (
        f"its letter is not written now, as {failures[0].message} ({failures[0].section}); "
        "record it only if the customer was told before then."
    )


def _untold(case: Case, decision: Decision, policy: Policy) -> str:
    """What to write to the customer of ``decision``, and whether it applies
    before they are told, against what applied when it was taken
    (:meth:`Case.in_force_before`): what it adds or tightens does not (6.3),
    unless it is immediate action or the policy enforces first."""
    if decision.kind is DecisionKind.NO_ACTION:
        return (
            "write to the customer that no action will be taken under the policy, why, and "
            "that a record is kept (6.1, 7.4), then record it."
        )
    if not decision.restrictions:
        return (
            "write to the customer that the restrictions have ended, why, and that a record "
            "is kept (7.2, 7.4), then record it; they ended when it was decided."
        )
    if decision.immediate or policy.enforce_before_communicated:
        return "write to the customer, then record it; its restrictions apply already."
    before = case.in_force_before(decision, policy)
    if relaxes(decision.restrictions, before):
        return (
            "write to the customer, then record it; it adds or tightens no restriction, so it "
            "applies already."
        )
    if until_told(before, decision.restrictions) != tuple(before):
        return (
            "write to the customer, then record it; what it removes or relaxes applies "
            "already, what it adds or tightens not until then."
        )
    return (
        "write to the customer, then record it; restrictions it adds or tightens do not "
        "apply until then."
    )


def not_informed(look: Look) -> Iterable[Duty]:
    """9.1: decisions whose details the managers of teams in contact with the
    customer have not been told, in any state: a lift, an appeal allowed
    and a new named officer as much as a designation (the store's indexed
    ``not_informed``)."""
    for case in look.store.not_informed():
        decision = case.decision
        assert decision is not None, "not_informed holds only cases with a decision"
        due = look.policy.date_of(decision.decided_at)
        summary = (
            f"Tell the managers of teams in contact with the customer the details of the "
            f"{wording.name(decision.kind)} decision of {wording.day(due)}, and record who "
            "was told (9.1)."
        )
        roles = frozenset({Role.DECISION_MAKER, Role.RECORDS})
        yield Duty(WorkItem("managers_not_informed", case.id, due, summary), roles)


def notices_held(look: Look) -> Iterable[Duty]:
    """9.1: a manager's notices held by the outbox at a decision it can never
    send as things are (no email address, one the mail server refuses),
    and everything after it for them: until it is put right and delivered.
    Two positions read per manager of the directory."""
    if look.officers is None:
        return
    for manager in look.officers.values():
        if Role.MANAGER not in manager.roles:
            continue
        recipient = manager_recipient(manager.id)
        held = look.store.delivered(held_recipient(recipient))
        if held == 0 or held <= look.store.delivered(recipient):
            continue
        found = look.store.events_since(held - 1, 1)
        if not found or found[0].position != held:
            continue  # erased with its case
        event = found[0]
        due = look.policy.date_of(event.at)
        summary = (
            f"The notice of this case's decision (event {held}) to manager {manager.id} "
            "cannot be sent as things are, and nothing later is sent to them until it is "
            "(9.1): deliver again (contactpolicy notify) to see what is wrong, put it right "
            "(such as their email address in the officer directory), and tell them another "
            "way meanwhile."
        )
        yield Duty(WorkItem("manager_notice_held", event.case_id, due, summary), _INFORMING)


_INFORMING = frozenset({Role.DECISION_MAKER, Role.RECORDS})
"""Who records that managers were told (9.1) and runs the outbox."""


def officers_left(look: Look) -> Iterable[Duty]:
    """5.1: restrictions or agreed adjustments naming an officer no longer in
    the directory."""
    if look.officers is None:
        return
    for case in look.restricted:
        for officer in named_officers(case.restrictions):
            if officer in look.officers:
                continue
            summary = (
                f"Officer {officer}, named by the restrictions, is no longer in the officer "
                "directory (5.1): name a replacement with reassign."
            )
            yield Duty(WorkItem("officer_left", case.id, look.today, summary), _REVIEWERS)
        for officer in adjustment_officers(case.designation):
            if officer in look.officers:
                continue
            summary = (
                f"Officer {officer}, named by an agreed adjustment, is no longer in the "
                "officer directory (5.1): name a replacement with reassign."
            )
            yield Duty(WorkItem("officer_left", case.id, look.today, summary), _REVIEWERS)


def adjustment_officers(designation: Designation | None) -> list[str]:
    """The officers the agreed adjustments of ``designation`` name, each once."""
    if designation is None:
        return []
    named = (each.officer_id for each in designation.adjustments)
    return list(dict.fromkeys(officer for officer in named if officer is not None))


def to_read(look: Look) -> Iterable[Duty]:
    """5.1: correspondence refused or placed on file, still to be read by the
    officer named to read it, or by the Policy and Information team when
    none is named or the one named has left the directory."""
    for case_id, item in waiting_to_read(look.open_items):
        day = look.policy.date_of(item.received_at)
        summary = (
            f"Read the {wording.name(item.channel)} received on {wording.day(day)} that the "
            "restrictions refused or placed on file (5.1), for a new issue, significant new "
            f"information or a safeguarding concern; record what it held (contact "
            f"{item.contact_id})."
        )
        named = reader(item, look.officers)
        roles = frozenset({Role.RECORDS}) if named is None else frozenset()
        yield Duty(WorkItem("to_read", case_id, day, summary, item.contact_id), roles, named)


def to_act_on(look: Look) -> Iterable[Duty]:
    """8.1, 6.3, 5.1, UK GDPR Art. 12(3): an appeal, a request for review, a
    complaint about the restrictions, a safeguarding concern or a data
    request made at the point of contact and passed to the Policy and
    Information team, until it is dealt with. An appeal is due when its
    decision is (``Policy.appeal_decision_due``) and a data request when
    its answer is (``Policy.data_request_due``), each counted from when the
    contact was made, as worked out then (``ToActOn.deadline``), and
    flagged once past; the others from the day they were made. An appeal on
    a case no appeal can be recorded on (:func:`appeal_recordable`: lifted,
    or made before the designation, say) is never offered as one to record,
    a command the lifecycle would refuse: it is to be dealt with otherwise
    and recorded with ``record_read`` and the reason, due from the day it
    was made."""
    for case, item in _acting_on(look.open_items):
        case_id = case.id
        day = look.policy.date_of(item.received_at)
        what, section = PURPOSES[item.purpose]
        made = (
            f"{what} ({section}) made by {wording.name(item.channel)} on {wording.day(day)} "
            f"(contact {item.contact_id})"
        )
        due = day
        if item.purpose is ContactPurpose.APPEAL and not appeal_recordable(case, item.received_at):
            summary = (
                f"{made} {_unrecordable(case, item.received_at, look.policy)} Deal with it "
                "otherwise, and record how it was dealt with, with the reason (record_read "
                "with a reason; contactpolicy read --reason)."
            )
        elif item.purpose is ContactPurpose.APPEAL:
            due = item.deadline(look.policy)
            summary = (
                f"{made} is not yet recorded on the case: record it with its contact id, or "
                f"record how it was dealt with otherwise. Its decision "
                f"{_deadline(due, look.today)} (8.1)."
            )
        elif item.purpose is ContactPurpose.DATA_REQUEST:
            due = item.deadline(look.policy)
            summary = (
                f"{made} is not yet answered: answer it (a subject access request with the "
                "subject access export of everything held about the customer, subject-access; "
                "a correction with rectify), then record how it was dealt with. Its answer "
                f"{_deadline(due, look.today)} (UK GDPR Art. 12(3))."
            )
        elif item.purpose in _REVIEWED and not case.state.restricts:
            summary = (
                f"{made} is not yet acted on: {_NO_REVIEW[item.purpose]} The case is "
                f"{wording.words(case.state.value)}, so no review can start on it (7.2); "
                "record how it was dealt with, with the reason (record_read with a reason; "
                "contactpolicy read --reason)."
            )
        else:
            summary = f"{made} is not yet acted on: {_ACT[item.purpose]}"
        kind = _KIND[item.purpose]
        yield Duty(
            WorkItem(kind, case_id, due, summary, item.contact_id), frozenset({Role.RECORDS})
        )


def waiting_in_log(look: Look) -> Iterable[Duty]:
    """5.1, 7.4: an escalated safeguard exercised at the point of contact
    that no case holds an item for (the customer has no case, none a purge
    left, or only ones whose record cannot be relied on:
    :func:`~contactpolicy.casework.point_of_contact.waits_on_no_case`),
    waiting in the contact log, for the Policy and Information team, who are
    passed it, until they record it acted on (``record_acted_on``). Due as
    a case's item would be (:func:`~contactpolicy.domain.safeguards.due_from`).
    Its summary names the customer's cases that cannot be relied on now,
    as the contact decision named them (:func:`~contactpolicy.domain.contact.not_relied_on`),
    and asks for them to be verified. An indexed read of the log
    (``ContactLog.waiting_contacts``), and of each waiting entry's
    customer's cases (:func:`_untrusted`): its cost follows the entries
    waiting."""
    for waiting in look.store.waiting_contacts():
        contact = waiting.logged.contact
        purpose = acted_on_as(contact.purpose, urgent=contact.urgent)
        assert purpose is not None, "an entry waits only for a safeguard to act on"
        day = look.policy.date_of(contact.at)
        what, section = PURPOSES[purpose]
        made = (
            f"{what} ({section}) made by {wording.name(contact.channel)} on {wording.day(day)} "
            f"(contact {waiting.contact_id}, customer reference {waiting.customer_id}) was "
            "escalated with no case to hold it"
        )
        damaged = _untrusted(look, waiting.customer_id)
        todo = f"{_IN_LOG.get(purpose, _BY_HAND)}."
        if damaged or purpose not in _IN_LOG:
            todo = f"{todo} {_VERIFY}"
        # Said as the store holds it now: the contact decision named the
        # cases that could not be relied on as the contact was made.
        held = f". {not_relied_on(damaged)}" if damaged else _NONE_HELD
        summary = (
            f"{made}{held}: {todo} Then record it acted on, with what was done (record_acted_on; "
            f"contactpolicy acted-on {waiting.contact_id} --reason)."
        )
        due = due_from(purpose, contact.at, look.policy)
        item = WorkItem(_KIND[purpose], None, due, summary, waiting.contact_id)
        yield Duty(item, frozenset({Role.RECORDS}))


_IN_LOG = {
    ContactPurpose.SAFEGUARDING: (
        "escalate it at once under the council's safeguarding procedure if not done, and "
        "pass it to the service concerned (1.2)"
    ),
}
"""What to do with an escalated safeguard no case holds, by purpose, when
not :data:`_BY_HAND`."""

_BY_HAND = "deal with it by hand, as the policy asks of it"
"""What to do with an escalated safeguard other than a safeguarding concern
that no case holds: one whose customer's case cannot be relied on."""

_NONE_HELD = " (no case, or none whose record can be relied on)"
"""Why no case holds a waiting safeguard, when none of the customer's cases
is found that cannot be relied on: they have none, or none a purge left."""

_VERIFY = "Have the case's record verified (verify) so that it can be held on the case again (7.4)."
"""What is asked besides, of a safeguard waiting because the customer's case
cannot be relied on (:func:`~contactpolicy.domain.contact.not_relied_on`)."""


def _untrusted(look: Look, customer_id: str) -> list[str]:
    """The ids of ``customer_id``'s cases whose record cannot be relied on
    now (7.4): rows that disagree with the last event of their history
    (:func:`~contactpolicy.audit.replay.trusted`) or are missing while their
    history remains, as the point of contact finds them; two indexed reads,
    whose cost follows the customer's cases."""
    store = look.store
    _, damaged = replay.trusted(store.customer_cases(customer_id), look.keys, heard=True)
    return [*store.missing_cases(customer_id), *damaged]


_REVIEWED = frozenset({ContactPurpose.REVIEW_REQUEST, ContactPurpose.SAFEGUARDING})
"""The items to act on whose wording asks for a review to start."""

_NO_REVIEW = {
    ContactPurpose.REVIEW_REQUEST: (
        "tell the customer no restrictions are in force to review, and answer it as an "
        "enquiry on its merits."
    ),
    ContactPurpose.SAFEGUARDING: (
        "escalate it at once under the council's safeguarding procedure if not done, and "
        "pass it to the service concerned (1.2)."
    ),
}
"""What to do with an item asking for a review on a case with no restrictions
in force, on which no review can start (7.2, 7.3)."""


def _deadline(due: pendulum.Date, today: pendulum.Date) -> str:
    """When an item to act on is due, after "Its decision" or "Its
    answer": by ``due``, counted from the contact, or past its deadline."""
    if today > due:
        return f"was due by {wording.day(due)} and is past its deadline"
    return f"is due by {wording.day(due)}, counted from then"


_KIND = {
    ContactPurpose.APPEAL: "appeal_to_record",
    ContactPurpose.REVIEW_REQUEST: "review_requested",
    ContactPurpose.COMPLAINT_ABOUT_RESTRICTION: "complaint_about_restriction",
    ContactPurpose.DATA_REQUEST: "data_request",
    ContactPurpose.SAFEGUARDING: "safeguarding_concern",
}
"""Each item to act on's kind of work item."""

_ACT = {
    ContactPurpose.REVIEW_REQUEST: (
        "review the restrictions (start a review), or record how it was dealt with otherwise."
    ),
    ContactPurpose.COMPLAINT_ABOUT_RESTRICTION: (
        "answer it under the complaints procedure (the customer may complain to the "
        "Ombudsman about being restricted), and record how it was dealt with."
    ),
    ContactPurpose.SAFEGUARDING: (
        "escalate it at once if not done, consider whether the restrictions still suit the "
        "customer (start a review), or record how it was dealt with otherwise."
    ),
}
"""What to do with each item to act on but an appeal and a data request, in words."""


_FOUND = {
    ReadOutcome.NEW_ISSUE: "A new issue was raised",
    ReadOutcome.SIGNIFICANT_NEW_INFORMATION: "Significant new information was found",
    ReadOutcome.SAFEGUARDING: "A safeguarding concern was found",
}
"""What a new-issue marker records, in words."""


def new_issues(look: Look) -> Iterable[Duty]:
    """7.3: new issues, and what reading correspondence found, waiting for a
    review for a new issue by the Policy and Information team in
    consultation with the decision maker; on a case no review can take up
    (lifted, closed or not yet designated: :func:`findings_to_act_on`), a
    ``finding_to_act_on`` for the Policy and Information team, until they
    record how it was dealt with, so that no finding waits in nobody's
    queue."""
    restricted = (case for case in look.open_items if case.state.restricts)
    for case_id, marker in new_issue_markers(restricted):
        day = look.policy.date_of(marker.raised_at)
        summary = (
            f"{_FOUND.get(marker.found, 'A new issue was raised')} on {wording.day(day)} "
            f"(7.3): start a review for a new issue (contact {marker.contact_id})."
        )
        yield Duty(WorkItem("new_issue", case_id, day, summary, marker.contact_id), _REVIEWERS)
    for case_id, marker in findings_to_act_on(look.open_items):
        day = look.policy.date_of(marker.raised_at)
        summary = (
            f"{_FOUND.get(marker.found, 'A new issue was raised')} on {wording.day(day)} "
            f"(contact {marker.contact_id}), on a case on which no review can start (7.3): "
            f"{_ACT_ON_FINDING.get(marker.found, _ACT_ON_ISSUE)} Then record how it was dealt "
            f"with (read contact {marker.contact_id} with outcome {marker.found.value} and the "
            "reason)."
        )
        item = WorkItem("finding_to_act_on", case_id, day, summary, marker.contact_id)
        yield Duty(item, frozenset({Role.RECORDS}))


def letters_corrected(look: Look) -> Iterable[Duty]:
    """7.4, 6.3: letters the customer was sent whose text a correction
    changed since (:attr:`Case.letters_corrected`), one item per case,
    naming each letter (by kind and the day of what it told of) and what
    was corrected, due the day of the oldest correction, until a corrected
    letter is recorded as sent or the reason none is
    (``record_correction_told``), for the Policy and Information team and
    the decision maker, who may record either."""
    for case in look.open_items:
        if not case.letters_corrected:
            continue
        found: dict[tuple[LetterKind, pendulum.DateTime], list[str]] = {}
        for item in case.letters_corrected:
            day = wording.day(look.policy.date_of(item.corrected_at))
            found.setdefault((item.letter, item.about), []).append(
                f"{_corrected(item.field)} corrected on {day}"
            )
        parts = [
            f"{_letter(kind, look.policy.date_of(about))} ({wording.listing(fields)})"
            for (kind, about), fields in sorted(found.items(), key=lambda pair: pair[0][1])
        ]
        summary = (
            f"The record was corrected after the customer was sent {wording.listing(parts)} "
            "(7.4): send them a corrected letter and record when and how (correction-told "
            "with --at and --method), or record the reason none is sent (correction-told "
            "--reason), as not telling them is an exception that must itself be recorded (6.3)."
        )
        due = look.policy.date_of(min(item.corrected_at for item in case.letters_corrected))
        yield Duty(
            WorkItem("letter_corrected", case.id, due, summary),
            _REVIEWERS,
            command=Command.RECORD_CORRECTION_TOLD,
            case=case,
        )


def _letter(kind: LetterKind, day: pendulum.Date) -> str:
    """A letter sent, in words: ``the warning of 2 March 2026``, ``the
    designation letter of 2 March 2026``."""
    if kind is LetterKind.WARNING:
        return f"the warning of {wording.day(day)}"
    return f"the {wording.words(kind.value)} letter of {wording.day(day)}"


_GIVEN = {
    "customer.name": "the customer's name",
    "customer.contact": "their contact details",
    "issue": "the issue",
}
"""What every letter gives (:data:`~contactpolicy.domain.corrections.EVERY_LETTER`), in words."""


def _corrected(field: str) -> str:
    """A field ``rectify`` names, in words: ``incident 2``, ``the
    customer's name``, ``the issue``."""
    found = rectified(field, recorded=True)
    if found is not None and found[1] is not None:
        return f"incident {found[1] + 1}"
    return _GIVEN.get(field, field)


_ACT_ON_ISSUE = (
    "pass it to the service concerned to deal with under its own policy (1.2), and consider "
    "whether the customer's contact calls for the policy again (6.1)."
)
"""What to do with a new issue or significant new information no review can take up."""

_ACT_ON_FINDING = {
    ReadOutcome.SAFEGUARDING: "escalate it at once under the council's safeguarding procedure.",
}
"""What to do with a finding no review can take up, by finding, when not
:data:`_ACT_ON_ISSUE`."""


def concerns(look: Look) -> Iterable[Duty]:
    """6.1: concerns members of staff raised, for the managers of their team
    to take up (``request``) or set aside (``close``). A concern from a team
    with no manager in the officer directory goes to the heads of service
    and the Policy and Information team, so that it waits for somebody."""
    for case in look.store.cases(state=CaseState.CONCERN):
        concern = case.concern
        assert concern is not None, "a case in the concern state began with one"
        due = look.policy.date_of(concern.raised_at)
        summary = (
            f"A member of your team raised a concern about a customer on {wording.day(due)} "
            "(6.1): request action under the policy, or close it."
        )
        if look.officers is None or any(
            officer.team == concern.team and officer.has_any({Role.MANAGER})
            for officer in look.officers.values()
        ):
            yield Duty(
                WorkItem("concern_raised", case.id, due, summary),
                frozenset({Role.MANAGER}),
                team=concern.team,
            )
        else:
            summary = (
                f"A member of staff raised a concern about a customer on {wording.day(due)} "
                "and their team has no manager in the officer directory (6.1): pass it to "
                "a manager, request action under the policy, or close it."
            )
            yield Duty(
                WorkItem("concern_raised", case.id, due, summary),
                frozenset({Role.HEAD_OF_SERVICE, Role.RECORDS}),
            )


def ended(look: Look) -> Iterable[Duty]:
    """6.4: restrictions whose length decided per case (``ends_on``) has run
    out while the case is still open: record the end (lift) or review."""
    for case in look.restricted:
        designation = case.designation
        if designation is None or designation.ends_on is None:
            continue
        if not designation.ended(look.today):
            continue
        day = wording.day(designation.ends_on)
        summary = (
            f"The restrictions ended after {day}, the length decided for them (6.4): "
            "they no longer apply; lift the case to record it, or review it."
        )
        yield Duty(
            WorkItem("restrictions_ended", case.id, designation.ends_on, summary), _REVIEWERS
        )


def stale(look: Look) -> Iterable[Duty]:
    """6.1, 7.2: open cases gone stale, to take forward or close with no
    action, as records are not kept past their use: a reported case with no
    warning and no incident for ``report_stale_months``, a warned case once
    its warning has expired (``warning_valid_months``, 6.3). For the officer
    who reported it and the one who warned, and the Policy and Information
    team (:func:`_stale_owners`)."""
    for state in (CaseState.REPORTED, CaseState.WARNED):
        for case in look.store.cases(state=state):
            found = _stale(case, look.policy)
            if found is None or found[0] > look.today:
                continue
            due, summary = found
            yield from _stale_owners(WorkItem("open_case_stale", case.id, due, summary), case, look)


def _stale(case: Case, policy: Policy) -> tuple[pendulum.Date, str] | None:
    """When ``case`` (reported or warned) goes stale and what to do, or
    ``None`` for a case in another state."""
    incident = max((each.occurred_at for each in case.incidents), default=case.reported_at)
    end = (
        "close it with no action (6.1: the decision maker decides no action, or the officer "
        "who reported it withdraws the request)"
    )
    warning = case.warning
    if case.state is CaseState.REPORTED:
        since = policy.date_of(max(incident, case.reported_at))
        return since.add(months=policy.report_stale_months), (
            f"Reported with no warning or decision, and nothing recorded since "
            f"{wording.day(since)} (7.2): take it forward (warn the customer, or ask the "
            f"decision maker to decide), or {end}."
        )
    if case.state is not CaseState.WARNED or warning is None:
        return None
    given = wording.day(policy.date_of(warning.given_at))
    due = policy.date_of(policy.warning_expires(warning.given_at))
    if incident <= warning.given_at:
        return due, (
            f"The warning given on {given} expired on {wording.day(due)} with no incident "
            f"since (6.3, 7.2): {end}, or take it forward."
        )
    return due, (
        f"The warning given on {given} expired on {wording.day(due)}; contact continued after "
        f"it, last on {wording.day(policy.date_of(incident))} (6.3, 7.2): take it forward (a "
        f"designation now needs a recorded reason for the expired warning), or {end}."
    )


def _stale_owners(item: WorkItem, case: Case, look: Look) -> Iterable[Duty]:
    """The duties of a stale case: the officer who reported it, the one who
    warned it, and the Policy and Information team (7.2); when the directory
    holds none of them, the heads of service, and when it holds no head of
    service either, every officer in it, so that it never waits in nobody's
    queue."""
    named = list(dict.fromkeys(each for each in (case.reported_by, _warner(case)) if each))
    owners = [Duty(item, frozenset({Role.RECORDS}), named[0])]
    owners += [Duty(item, frozenset(), officer) for officer in named[1:]]
    if look.officers is None or any(
        duty.owed_by(each) for duty in owners for each in look.officers.values()
    ):
        return owners
    records = look.policy.title(Role.RECORDS)
    heads = frozenset({Role.HEAD_OF_SERVICE})
    if any(each.has_any(heads) for each in look.officers.values()):
        summary = (
            f"{item.summary} Nobody in the officer directory reported or warned it and it "
            f"holds no {records}: pass it to the manager now responsible."
        )
        return [Duty(attrs.evolve(item, summary=summary), heads)]
    summary = (
        f"{item.summary} It is shown to every officer, as the officer directory holds nobody "
        f"who reported or warned it, no {records} and no "
        f"{look.policy.title(Role.HEAD_OF_SERVICE)}."
    )
    return [Duty(attrs.evolve(item, summary=summary), frozenset(Role))]


def _warner(case: Case) -> str | None:
    return None if case.warning is None else case.warning.by


OPEN = tuple(state for state in CaseState if state not in ENDED)
"""The states of a case not finished: every state but lifted and closed,
in which a case has ended (7.2)."""


def possible_duplicates(cases: Iterable[CaseSummary]) -> list[tuple[CaseSummary, list[str]]]:
    """Of the cases of one customer reference, each open one (:data:`OPEN`)
    on the same issue as an earlier open one, with the ids of those earlier
    ones: ``(case, [id, ...])``, in the order reported (then by id, the
    stores' order). Issues are compared as
    :func:`~contactpolicy.domain.contact.issue_key` compares them (Unicode
    compatibility form, case and spacing do not matter); a case with no
    issue yet (a concern, 6.1) is on none."""
    found: list[tuple[CaseSummary, list[str]]] = []
    earlier: dict[str, list[str]] = {}
    for case in _in_order(cases):
        key = issue_key(case.issue)
        if not key:
            continue
        if earlier.get(key):
            found.append((case, list(earlier[key])))
        earlier.setdefault(key, []).append(case.id)
    return found


def names_differing(cases: Iterable[CaseSummary]) -> tuple[CaseSummary, list[str]] | None:
    """Of the cases of one customer reference, when the open ones
    (:data:`OPEN`) hold different customer names (compared as
    :func:`~contactpolicy.domain.validation.text_key` compares text:
    compatibility form, case and spacing do not matter), the newest open
    case and the ids of the others, in the order reported; else ``None``."""
    found = _in_order(cases)
    if len({text_key(case.customer_name) for case in found}) < 2:
        return None
    return found[-1], [case.id for case in found[:-1]]


def _in_order(cases: Iterable[CaseSummary]) -> list[CaseSummary]:
    """The open ones of ``cases``, in the order reported (then by id)."""
    return sorted(
        (case for case in cases if case.state in OPEN),
        key=lambda case: (case.reported_at, case.id),
    )


def same_reference(look: Look) -> Iterable[Duty]:
    """7.4, 8.1: the open cases of one customer reference that may not be
    the record they should be, for the Policy and Information team, who
    maintain it (7.4): a ``possible_duplicate`` on each case open on the
    same issue as an earlier open one (:func:`possible_duplicates`), due
    the day it was reported, and ``customer_names_differ`` on the newest
    open case when the open cases hold different customer names
    (:func:`names_differing`), due the day that one was reported. Each
    names cases by id, never the customer or the issue. Worked out from
    the stores' summaries of the open cases at each look, so an item goes
    once a case is finished, its issue or name corrected, or it is moved to
    another customer reference (``rectify``, 7.4):
    its cost follows the open cases, as the other sources' does, with no
    case file decoded."""
    references: dict[str, list[CaseSummary]] = {}
    for state in OPEN:
        for kept in look.store.summaries(state=state):
            references.setdefault(kept.customer_id, []).append(kept)
    records = frozenset({Role.RECORDS})
    for cases in references.values():
        if len(cases) < 2:
            continue
        for case, others in possible_duplicates(cases):
            summary = (
                f"Possibly a duplicate of {wording.cases(others)}: open under the same customer "
                "reference on the same issue (7.4). Keep one case on the issue: close one with "
                "no further action (6.1), or merge them by hand."
            )
            day = look.policy.date_of(case.reported_at)
            yield Duty(WorkItem("possible_duplicate", case.id, day, summary), records)
        differing = names_differing(cases)
        if differing is not None:
            case, others = differing
            summary = (
                f"This case and {wording.cases(others)}, open under the same customer reference, "
                "hold different customer names (7.4). Check who the customer is: restricting "
                "the wrong person is a ground of appeal (wrong identification, 8.1), and the "
                "record must be accurate (UK GDPR Art. 5(1)(d)). Correct the wrong names with "
                "rectify (customer.name), or, if they are two people, move the case of the one "
                "wrongly under this reference to their own with rectify (customer.id): this item "
                "goes once the names agree."
            )
            day = look.policy.date_of(case.reported_at)
            yield Duty(WorkItem("customer_names_differ", case.id, day, summary), records)


SOURCES: tuple[Source, ...] = (
    reviews,
    reviews_in_progress,
    appeals,
    not_communicated,
    not_informed,
    notices_held,
    officers_left,
    to_read,
    to_act_on,
    waiting_in_log,
    new_issues,
    letters_corrected,
    concerns,
    ended,
    stale,
    same_reference,
)
"""Every source of work items, one per kind of duty."""


def work_queue(
    store: Store,
    policy: Policy,
    officers: Mapping[str, Officer] | None,
    officer: Officer,
    now: pendulum.DateTime,
    keys: AuditKeys,
) -> list[WorkItem]:
    """Every item :data:`SOURCES` find that ``officer`` owes, the oldest due
    date first (then by case and kind); ``keys``, the audit keys."""
    look = Look(store, policy, now, officers, keys)
    items = [duty.item for duty in _duties(look) if duty.owed_by(officer, policy)]
    return sorted(items, key=lambda item: (item.due, item.case_id or "", item.kind))


def waiting(
    store: Store,
    policy: Policy,
    officers: Mapping[str, Officer] | None,
    now: pendulum.DateTime,
    keys: AuditKeys,
) -> dict[str, tuple[str, ...]]:
    """What the work queue holds on each case at ``now``, whoever owes it
    (an item on no case, :func:`waiting_in_log`, is on none):
    case id to the kinds of its items (``"data_request"``, ``"to_read"``,
    ``"not_communicated"``, ...), each once, in the order :data:`SOURCES`
    find them; a case with none is absent. What a purge holds a case for
    (7.2: ``contactpolicy.casework.retention``)."""
    found: dict[str, dict[str, None]] = {}
    for duty in _duties(Look(store, policy, now, officers, keys)):
        if duty.item.case_id is not None:
            found.setdefault(duty.item.case_id, {})[duty.item.kind] = None
    return {case_id: tuple(kinds) for case_id, kinds in found.items()}


def _duties(look: Look) -> Iterable[Duty]:
    """Every duty :data:`SOURCES` find, each passed to whoever may do it
    (:func:`_eligible`)."""
    return (_eligible(found, look) for source in SOURCES for found in source(look))


_OWNERS = frozenset({Role.RECORDS, Role.HEAD_OF_SERVICE})
"""Who finds someone for a duty nobody in the directory may do: the Policy
and Information team, who keep the record (7.4), and the heads of service."""


def _eligible(duty: Duty, look: Look) -> Duty:
    """``duty``, or, when no officer in the directory may do it (the only
    appeal decider designated the customer, say: 8.1), a ``no_one_eligible``
    item for the Policy and Information team and the heads of service to
    find someone who may, so that it never waits in nobody's queue: for
    every officer in the directory when it holds neither."""
    if duty.command is None or duty.case is None or look.officers is None:
        return duty
    holders = [each for each in look.officers.values() if duty.owed_by(each)]
    if any(duty.owed_by(each, look.policy) for each in holders):
        return duty
    titles = wording.listing(sorted(look.policy.title(role) for role in duty.roles))
    barred = [refusal(look.policy, duty.command, each, duty.case) for each in holders]
    if holders and all(barred):
        section, because = next(found for found in barred if found is not None)
        why = f"every {titles} in it may not ({section}: {because.split(';')[0]})"
    else:
        why = f"it holds no {titles}"
    summary = (
        f"Nobody in the officer directory may do this, as {why}: {duty.item.summary} "
        "Arrange for an officer who may, and add them to the directory."
    )
    owners = _OWNERS
    if not any(each.has_any(_OWNERS) for each in look.officers.values()):
        # Nobody to pass it to: every officer in the directory sees it.
        owners = frozenset(Role)
        head, records = (look.policy.title(role) for role in (Role.HEAD_OF_SERVICE, Role.RECORDS))
        summary += (
            f" It is shown to every officer, as the directory holds no {head} and no {records}."
        )
    item = attrs.evolve(duty.item, kind="no_one_eligible", summary=summary)
    return Duty(item, owners)
