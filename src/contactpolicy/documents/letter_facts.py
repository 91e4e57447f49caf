"""What a letter says, taken from the case as it is recorded (6.3).

:func:`context` gives the templates of :mod:`contactpolicy.documents.letters`
plain values: dates as people read them, restrictions and behaviours in the
policy's words (:mod:`contactpolicy.domain.wording`), officers by name from
the directory, and the council's titles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pendulum

from contactpolicy.domain import wording
from contactpolicy.domain.model import (
    Appeal,
    Case,
    Decision,
    Designation,
    Incident,
    Officer,
    Override,
    Review,
    Warning,
)
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.restrictions import Restriction, SinglePointOfContact
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    Command,
    DecisionKind,
    LetterKind,
    ReviewOutcome,
    Role,
)
from contactpolicy.errors import Failure, PreconditionsNotMet

__all__ = [
    "OMBUDSMAN",
    "POLICY_TITLE",
    "WRITTEN_BY",
    "Context",
    "appeal_stopped_why",
    "context",
]

POLICY_TITLE = "Unreasonable and Unreasonably Persistent Customer Contact Policy"
"""The policy's title, as the letter encloses it (6.3)."""

OMBUDSMAN = {
    "name": "Local Government and Social Care Ombudsman",
    "website": "www.lgo.org.uk",
    "telephone": "0300 061 0614",
}
"""Where a customer may complain about being restricted."""

Context = Mapping[str, Any]

WRITTEN_BY = {
    LetterKind.WARNING: Command.WARN,
    LetterKind.DESIGNATION: Command.DESIGNATE,
    LetterKind.REVIEW: Command.COMPLETE_REVIEW,
    LetterKind.APPEAL: Command.DECIDE_APPEAL,
    LetterKind.LIFTED: Command.LIFT,
    LetterKind.REASSIGNED: Command.REASSIGN,
    LetterKind.NO_ACTION: Command.DECIDE_NO_ACTION,
}
"""The command whose outcome each kind of letter tells of: who may run it
may have the letter written, and signs it."""


def context(
    case: Case,
    kind: LetterKind,
    policy: Policy,
    today: pendulum.Date,
    officers: Mapping[str, Officer],
    reason: str,
) -> tuple[dict[str, Any], pendulum.DateTime]:
    """What the templates of ``kind`` are given, and when what the letter
    tells of happened."""

    def named(officer_id: str) -> str:
        found = officers.get(officer_id)
        return officer_id if found is None else found.name

    base = _common(case, kind, policy, today)
    if kind is LetterKind.WARNING:
        warning = case.warning
        if warning is None:
            raise PreconditionsNotMet(
                "write the warning letter",
                [Failure("6.3", "no_warning", "the case has no warning recorded")],
            )
        base["warning"] = _warning(warning, policy)
        base["signatory"] = _signatory(
            policy,
            officers,
            warning.by,
            kind,
            (Role.HEAD_OF_SERVICE, Role.MANAGER, Role.DECISION_MAKER),
        )
        base["rights"] = rights(base)
        return base, warning.given_at
    decision = _latest(case, kind)
    if kind is LetterKind.NO_ACTION:
        base.update(_no_action(case, decision, policy))
        base["signatory"] = _signatory(
            policy, officers, decision.decided_by, kind, (Role.DECISION_MAKER, Role.RECORDS)
        )
        base["rights"] = rights(base)
        return base, decision.decided_at
    designation = case.designation
    assert designation is not None, "every decision with a letter follows a designation"
    base.update(
        _decision(case, kind, decision, designation, policy, named, officers, reason, today)
    )
    base["earlier"] = [_earlier(case, each, base, policy) for each in case.told_with(decision)]
    role = Role.APPEAL_DECIDER if kind is LetterKind.APPEAL else Role.DECISION_MAKER
    base["signatory"] = _signatory(
        policy, officers, decision.decided_by, kind, (role, Role.RECORDS)
    )
    base["rights"] = rights(base)
    return base, decision.decided_at


def rights(facts: Context) -> dict[str, str]:
    """What the customer may do about the letter of ``facts["kind"]``, as
    the library words it: a ``heading`` and, where each applies, the
    sentences ``appeal`` (8.1: against a decision, or restrictions attached
    to one, while they apply — not after the appeal decider has decided an
    appeal, whose ``decided`` sentence says the council's procedure ends
    there), ``review`` (6.3, 7.3: at any time while restricted) and
    ``complaint`` (the council's complaints procedure: a warning is not a
    decision to apply the policy, and a lifted case has nothing to appeal).
    Each names how (in writing), where (the letterhead's address) and the
    reference; a council's templates must show each one word for word."""
    kind, titles, address, reference = (
        facts["kind"],
        facts["titles"],
        facts["address"],
        facts["reference"],
    )
    write = f"write to the {titles['records']} at {address}, quoting our reference {reference}"
    found = {"heading": "", "appeal": "", "review": "", "decided": "", "complaint": ""}
    if kind == LetterKind.WARNING.value:
        found["heading"] = "If you disagree with this warning"
        found["complaint"] = (
            "A warning is not a decision to restrict your contact, so the appeal of section "
            "8.1 of the policy is not the route for it. If you disagree with this warning, "
            f"you may complain through the council's complaints procedure: {write}, saying "
            "what you disagree with and why."
        )
        return found
    if kind == LetterKind.LIFTED.value or not facts["restricting"]:
        found["heading"] = "If you are dissatisfied"
        found["complaint"] = (
            "If you are dissatisfied with how the council handled your case, you may complain "
            f"through the council's complaints procedure: {write}."
        )
        return found
    decider = titles["appeal_decider"]
    if kind == LetterKind.APPEAL.value:
        found["heading"] = "What you can do now"
        found["decided"] = (
            f"Your appeal has been decided by the {decider}, who considers appeals under "
            "section 8.1 of the policy: the council's own procedure for this decision ends "
            "here. If you remain dissatisfied, you may complain to the Ombudsman (below)."
        )
    else:
        found["heading"] = "How to have the decision reviewed or appeal"
        through = facts["contact"]
        found["appeal"] = (
            "If you disagree with this decision or the restrictions attached to it, you may "
            f"appeal to the {decider} (section 8.1 of the policy): write to the {decider} at "
            f"{address}, quoting our reference {reference}, saying what you disagree with and "
            "why. You may appeal at any time while the restrictions apply"
            + (
                ""
                if through is None
                else f", and you may also send your appeal through {through['name']}"
            )
            + f". Your appeal will be decided within {facts['appeal']['within']} of its "
            "receipt; the restrictions stay in place until then."
        )
    if facts["restricting"]:
        found["review"] = (
            "You may also ask for the decision to be reviewed at any time, in particular if "
            "you raise a new issue or have significant new information (sections 6.3 and "
            f"7.3 of the policy): {write}."
        )
    return found


def _latest(case: Case, kind: LetterKind) -> Decision:
    for decision in reversed(case.decisions):
        if decision.kind is kind.decision:
            return decision
    what = wording.name(kind)
    raise PreconditionsNotMet(
        f"write the {what} letter",
        [Failure("6.3", "no_decision", f"the case has no {what} decision to write about")],
    )


def _common(case: Case, kind: LetterKind, policy: Policy, today: pendulum.Date) -> dict[str, Any]:
    letterhead = [line.strip() for line in policy.letterhead.splitlines() if line.strip()]
    address = ", ".join(letterhead[1:])
    return {
        "kind": kind.value,
        "council": policy.name,
        "letterhead": letterhead,
        "address": address,
        "date": wording.day(today),
        "reference": case.id,
        "customer": {
            "name": case.customer.name,
            "address": [
                line.strip() for line in case.customer.contact.splitlines() if line.strip()
            ],
        },
        "issue": case.issue,
        "titles": {
            "decision_maker": policy.title(Role.DECISION_MAKER),
            "appeal_decider": policy.title(Role.APPEAL_DECIDER),
            "records": policy.title(Role.RECORDS),
        },
        "appeal": {
            "days": policy.appeal_decision_days,
            "within": wording.count(policy.appeal_decision_days, "working day"),
        },
        "ombudsman": OMBUDSMAN,
        "policy_title": POLICY_TITLE,
        "restricting": False,
        "rights": {},
        "why": {"reasons": "", "behaviours": [], "overrides": [], "without_warning": ""},
        "warning": None,
        "decided": "",
        "received": "",
        "outcome": "",
        "stopped": None,
        "review": None,
        "restrictions": [],
        "contact": None,
        "services": "",
        "council_wide_because": "",
        "adjustments": [],
        "lasts_until": "",
        "lasting": "",
        "ends_early_because": "",
        "review_due": "",
        "earlier": [],
    }


_REVIEWED = {ReviewOutcome.CONTINUE: "that they continue", ReviewOutcome.VARY: "to change them"}
_APPEALED = {
    AppealOutcome.DISMISSED: "dismissed: the restrictions stood",
    AppealOutcome.VARIED: "allowed in part: the restrictions were changed",
}
"""An earlier decision's outcome in words (:func:`_earlier`): only those
that leave restrictions, as a decision ending them is the last."""


def _earlier(case: Case, decision: Decision, base: Context, policy: Policy) -> dict[str, str]:
    """An earlier decision the customer had not been told of, as the letter
    of a later one tells them of it (6.3, 8.1; :meth:`Case.told_with`):
    when it was taken (``decided``), what was decided (``what``, worded to
    follow "On <date>") and why (``reasons``), as its own letter says. A
    decision that ends the restrictions is always the last, so never an
    earlier one."""
    titles = base["titles"]
    if decision.kind is DecisionKind.DESIGNATION:
        assert case.designation is not None, "a designation decision has its designation"
        what = (
            f"the council decided to apply its {base['policy_title']} to your contact with us "
            f"about {base['issue']}"
        )
        reasons = case.designation.reasons
    elif decision.kind is DecisionKind.REVIEW:
        review = _completed(case.reviews, decision)
        assert review.outcome is not None, "a review decision is a completed review"
        what = (
            f"the {titles['decision_maker']} reviewed the restrictions and decided "
            f"{_REVIEWED[review.outcome]}"
        )
        reasons = review.notes
    elif decision.kind is DecisionKind.APPEAL:
        appeal = _decided(case.appeals, decision)
        assert appeal.outcome is not None, "an appeal decision is a decided appeal"
        received = wording.day(policy.date_of(appeal.received_at))
        what = (
            f"the {titles['appeal_decider']} decided your appeal, received on {received} "
            f"(section 8.1): it was {_APPEALED[appeal.outcome]}"
        )
        reasons = appeal.reasons
    else:
        assert decision.kind is DecisionKind.REASSIGNMENT, "an ending is the last decision"
        what = "the council named a new officer in the restrictions (section 5.1)"
        reasons = ""
    return {
        "decided": wording.day(policy.date_of(decision.decided_at)),
        "what": what,
        "reasons": reasons,
    }


def _behaviour(incident: Incident, policy: Policy) -> dict[str, str]:
    return {
        "when": wording.day(policy.date_of(incident.occurred_at)),
        "behaviour": wording.behaviour(incident.behaviour),
        "description": incident.description,
    }


def _warning(warning: Warning, policy: Policy) -> dict[str, Any]:
    named = {incident.behaviour for incident in warning.incidents}
    behaviours = [_behaviour(incident, policy) for incident in warning.incidents]
    # A behaviour warned about with no incident named still reads in words.
    behaviours += [
        {"when": "", "behaviour": wording.behaviour(each), "description": ""}
        for each in sorted(warning.behaviours - named, key=lambda b: list(Behaviour).index(b))
    ]
    return {
        "given": wording.day(policy.date_of(warning.given_at)),
        "method": wording.by_channel(warning.method),
        "measures": list(warning.measures),
        "behaviours": behaviours,
    }


def _signatory(
    policy: Policy,
    officers: Mapping[str, Officer],
    officer_id: str,
    kind: LetterKind,
    preferred: Iterable[Role],
) -> list[str]:
    """Who signs the letter of ``kind`` (6.3): the policy's signatory; else
    the officer who took what it tells of, by name from the directory, and
    the title of a role the library knows they took it in: of the roles the
    policy lets take it (:data:`WRITTEN_BY`), the first of ``preferred``
    (then the rest, in :class:`Role`'s order) that they hold. Without the
    officer in the directory, their roles are known only when the policy
    lets one role alone take it: that role's title; else the officer's id
    alone, with no title rather than one they may not hold."""
    if policy.signatory.strip():
        return [line.strip() for line in policy.signatory.splitlines() if line.strip()]
    allowed = policy.permissions[WRITTEN_BY[kind]]
    ranked = [role for role in (*preferred, *Role) if role in allowed]
    officer = officers.get(officer_id)
    if officer is None:
        return [officer_id, policy.title(ranked[0])] if len(allowed) == 1 else [officer_id]
    held = next((role for role in ranked if role in officer.roles), None)
    return [officer.name] if held is None else [officer.name, policy.title(held)]


def _decision(
    case: Case,
    kind: LetterKind,
    decision: Decision,
    designation: Designation,
    policy: Policy,
    named: Callable[[str], str],
    officers: Mapping[str, Officer],
    reason: str,
    today: pendulum.Date,
) -> dict[str, Any]:
    """What a decision's letter says: why, and while restrictions remain
    what they mean and how long they last; a letter written on ``today``
    of an appeal not varied says the restrictions no longer apply when they
    have stopped by then (8.1, 7.2, 6.4)."""
    restrictions = decision.restrictions
    overrides: tuple[Override, ...] = designation.overrides
    why: dict[str, Any] = {
        "reasons": designation.reasons,
        "behaviours": [_behaviour(each, policy) for each in designation.evidence],
        "without_warning": designation.without_warning_because or "",
    }
    found: dict[str, Any] = {}
    if kind is LetterKind.REVIEW:
        review = _completed(case.reviews, decision)
        overrides = review.overrides
        why = {"reasons": review.notes, "behaviours": [], "without_warning": ""}
        found["outcome"] = wording.name(review.outcome) if review.outcome else ""
        found["stopped"] = _stopped(case, decision, policy)
        if review.outcome is ReviewOutcome.CONTINUE and review.incidents_since is not None:
            found["review"] = {
                "grounds": review.notes,
                "since": wording.count(review.incidents_since, "incident"),
            }
    elif kind is LetterKind.APPEAL:
        appeal = _decided(case.appeals, decision)
        overrides = ()
        why = {"reasons": appeal.reasons, "behaviours": [], "without_warning": ""}
        found["outcome"] = wording.name(appeal.outcome) if appeal.outcome else ""
        found["received"] = wording.day(policy.date_of(appeal.received_at))
        why_stopped = appeal_stopped_why(case, decision, policy, today)
        if why_stopped is not None:
            found["stopped"] = {"why": why_stopped, "since": ""}
            restrictions = ()
    elif kind is LetterKind.LIFTED:
        overrides = ()
        ended = case.ended
        why = {
            "reasons": "" if ended is None else ended.reason,
            "behaviours": [],
            "without_warning": "",
        }
    elif kind is LetterKind.REASSIGNED:
        overrides = ()
        why = {"reasons": reason, "behaviours": [], "without_warning": ""}
    why["overrides"] = [{"code": o.code, "reason": o.reason} for o in overrides]
    found["why"] = why
    found["decided"] = wording.day(policy.date_of(decision.decided_at))
    found["restricting"] = bool(restrictions)
    if restrictions:
        on = _lasting_on(case, decision, policy, today)
        found.update(_meaning(restrictions, decision, designation, named, officers, policy, on))
    return found


def _lasting_on(
    case: Case, decision: Decision, policy: Policy, today: pendulum.Date
) -> pendulum.Date:
    """The day the letter of ``decision`` (one of ``case``'s decisions)
    written on ``today`` tells how long its restrictions last as of
    (:func:`~contactpolicy.domain.wording.lasting`, 6.4, 7.2): ``today``;
    but once a later decision changed their review date or ended them (a
    review held, a lift), the day ``decision`` was taken, as its letter
    told it then, since the review it awaited is no longer to come nor
    overdue."""
    later = case.decisions[case.decisions.index(decision) + 1 :]
    if all(each.review_due == decision.review_due for each in later):
        return today
    return min(today, policy.date_of(decision.decided_at))


def _stopped(case: Case, decision: Decision, policy: Policy) -> dict[str, str] | None:
    """Why the restrictions a review sets had stopped applying when it was
    decided (``why``, :func:`_stopped_why`); and from when they apply again
    (``since``): when the customer is told of the decision (6.3; the time
    recorded as its communication, not the date the letter is printed), or
    the decision's date under a policy that enforces before telling.
    Set again, they are a new imposition, so the letter does not say they
    continue. ``None`` when it sets none, when restrictions still applied
    then (:meth:`Case.in_force_before`) or when they had never applied."""
    if not decision.restrictions or case.in_force_before(decision, policy):
        return None
    index = case.decisions.index(decision)
    why = _stopped_why(case.decisions[index - 1] if index else None, policy, decision.decided_at)
    if why is None:
        return None
    since = "when this letter is sent to you"
    if policy.enforce_before_communicated:
        since = wording.day(policy.date_of(decision.decided_at))
    return {"why": why, "since": since}


def appeal_stopped_why(
    case: Case, decision: Decision, policy: Policy, today: pendulum.Date
) -> str | None:
    """Why the restrictions the appeal ``decision`` (one of ``case``'s
    decisions of kind appeal) decided was against no longer apply, for its
    letter written on ``today`` (a date in the policy's time zone), worded
    to follow "the restrictions, which" and naming 7.2 or 6.4
    (:func:`_stopped_why`): dismissed, they stand as they were, so stopped
    if they have by the day the letter is written, whenever the appeal was
    decided; allowed, they stopped then anyway, so the letter says they had
    lapsed or ended only when they had by the time it was decided (8.1).
    ``None`` when they had not, and for an appeal that varied them, whose
    letter tells of the restrictions it sets. The work queue asks it too,
    so that what it says is owed is what the letter says."""
    appeal = _decided(case.appeals, decision)
    if appeal.outcome is AppealOutcome.VARIED:
        return None
    if appeal.outcome is AppealOutcome.DISMISSED:
        start = pendulum.datetime(today.year, today.month, today.day, tz=policy.timezone)
        return _stopped_why(decision, policy, start)
    index = case.decisions.index(decision)
    return _stopped_why(case.decisions[index - 1] if index else None, policy, decision.decided_at)


def _stopped_why(decision: Decision | None, policy: Policy, at: pendulum.DateTime) -> str | None:
    """Why the restrictions ``decision`` left had stopped applying by
    ``at``, worded to follow "the restrictions, which": they lapsed at the
    end of their review day (7.2) or ended on the last day decided (6.4);
    ``None`` when they had not, or there were none."""
    if decision is None or not decision.restrictions:
        return None
    if decision.ended(policy.date_of(at)):
        assert decision.ends_on is not None, "only a decision with a length ends"
        return f"ended on {wording.day(decision.ends_on)} (section 6.4)"
    if policy.lapses(decision.review_due, at):
        assert decision.review_due is not None, "only a decision with a review date lapses"
        return (
            f"stopped applying at the end of {wording.day(decision.review_due)}, their review "
            "day, as no review had been completed by then (section 7.2)"
        )
    return None


def _no_action(case: Case, decision: Decision, policy: Policy) -> dict[str, Any]:
    """What the letter of a decision of no action says: that no action is
    taken under the policy, and why (6.1, 6.3); the record kept (7.4) is the
    letter's frame. It restricts nothing, so nothing is appealed."""
    ended = case.ended
    reasons = "" if ended is None or ended.at != decision.decided_at else ended.reason
    return {
        "why": {"reasons": reasons, "behaviours": [], "without_warning": "", "overrides": []},
        "decided": wording.day(policy.date_of(decision.decided_at)),
        "restricting": False,
    }


def _completed(reviews: tuple[Review, ...], decision: Decision) -> Review:
    return next(r for r in reversed(reviews) if r.completed_at == decision.decided_at)


def _decided(appeals: tuple[Appeal, ...], decision: Decision) -> Appeal:
    return next(a for a in reversed(appeals) if a.decided_at == decision.decided_at)


def _meaning(
    restrictions: tuple[Restriction, ...],
    decision: Decision,
    designation: Designation,
    named: Callable[[str], str],
    officers: Mapping[str, Officer],
    policy: Policy,
    on: pendulum.Date,
) -> dict[str, Any]:
    """What restrictions mean for the customer (5.1), for how long (6.4)
    and until when they are reviewed (7.2): ``lasting`` is how long in the
    library's words as of the day ``on`` (:func:`_lasting_on`;
    :func:`~contactpolicy.domain.wording.lasting`, under the policy's
    ``on_review_overdue``), ``lasts_until`` and ``review_due`` the dates
    alone."""
    point = next((r for r in restrictions if isinstance(r, SinglePointOfContact)), None)
    contact: dict[str, str] | None = None
    if point is not None:
        officer = officers.get(point.officer_id)
        contact = {
            "name": named(point.officer_id),
            "telephone": "" if officer is None or officer.telephone is None else officer.telephone,
            "email": "" if officer is None or officer.email is None else officer.email,
        }
    named_services = list(designation.services)
    if not named_services:
        services = "every council service"
    elif len(named_services) == 1:
        services = f"the council's {named_services[0]} service"
    else:
        services = f"these council services: {wording.listing(named_services)}"
    ends_on = decision.ends_on
    review_due = decision.review_due
    assert review_due is not None, "a decision that leaves restrictions has a review date"
    return {
        "restrictions": [wording.restriction(r, named) for r in restrictions],
        "contact": contact,
        "services": services,
        "council_wide_because": designation.council_wide_because or "",
        "adjustments": [a.description for a in designation.adjustments],
        "lasts_until": wording.day(review_due if ends_on is None else ends_on),
        "lasting": wording.lasting(review_due, ends_on, policy.on_review_overdue, on),
        "ends_early_because": "" if ends_on is None else designation.ends_on_because,
        "review_due": wording.day(review_due),
    }
