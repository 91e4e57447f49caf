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
from contactpolicy.domain.vocabulary import Behaviour, LetterKind, ReviewOutcome, Role
from contactpolicy.errors import Failure, PreconditionsNotMet

__all__ = ["OMBUDSMAN", "POLICY_TITLE", "Context", "context"]

POLICY_TITLE = "Unreasonable and Unreasonably Persistent Customer Contact Policy"
"""The policy's title, as the letter encloses it (6.3)."""

OMBUDSMAN = {
    "name": "Local Government and Social Care Ombudsman",
    "website": "www.lgo.org.uk",
    "telephone": "0300 061 0614",
}
"""Where a customer may complain about being restricted."""

Context = Mapping[str, Any]


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
            policy, officers, warning.by, (Role.HEAD_OF_SERVICE, Role.MANAGER, Role.DECISION_MAKER)
        )
        base["date"] = wording.day(policy.date_of(warning.given_at))
        return base, warning.given_at
    decision = _latest(case, kind)
    designation = case.designation
    assert designation is not None, "every decision with a letter follows a designation"
    base.update(_decision(case, kind, decision, designation, policy, named, officers, reason))
    role = Role.APPEAL_DECIDER if kind is LetterKind.APPEAL else Role.DECISION_MAKER
    base["signatory"] = _signatory(policy, officers, decision.decided_by, (role, Role.RECORDS))
    return base, decision.decided_at


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
    letterhead = policy.letterhead.strip() or policy.name
    return {
        "kind": kind.value,
        "council": policy.name,
        "letterhead": [line.strip() for line in letterhead.splitlines() if line.strip()],
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
        "why": {"reasons": "", "behaviours": [], "overrides": [], "without_warning": ""},
        "warning": None,
        "decided": "",
        "received": "",
        "outcome": "",
        "review": None,
        "restrictions": [],
        "contact": None,
        "services": "",
        "council_wide_because": "",
        "adjustments": [],
        "lasts_until": "",
        "ends_early_because": "",
        "review_due": "",
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
        "method": wording.name(warning.method),
        "measures": list(warning.measures),
        "behaviours": behaviours,
    }


def _signatory(
    policy: Policy, officers: Mapping[str, Officer], officer_id: str, roles: Iterable[Role]
) -> list[str]:
    """Who signs: the policy's signatory, else the officer with the title of
    the first of ``roles`` they hold (the first of all without a directory)."""
    if policy.signatory.strip():
        return [line.strip() for line in policy.signatory.splitlines() if line.strip()]
    roles = tuple(roles)
    officer = officers.get(officer_id)
    if officer is None:
        return [officer_id, policy.title(roles[0])]
    role = next((each for each in roles if each in officer.roles), roles[0])
    return [officer.name, policy.title(role)]


def _decision(
    case: Case,
    kind: LetterKind,
    decision: Decision,
    designation: Designation,
    policy: Policy,
    named: Callable[[str], str],
    officers: Mapping[str, Officer],
    reason: str,
) -> dict[str, Any]:
    """What a decision's letter says: why, and while restrictions remain
    what they mean and how long they last."""
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
        found.update(_meaning(restrictions, decision, designation, named, officers))
    return found


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
) -> dict[str, Any]:
    """What restrictions mean for the customer (5.1), for how long (6.4)
    and until when they are reviewed (7.2)."""
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
        "ends_early_because": "" if ends_on is None else designation.ends_on_because,
        "review_due": wording.day(review_due),
    }
