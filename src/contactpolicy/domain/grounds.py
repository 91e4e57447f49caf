"""The grounds a decision rests on, as pure functions: the evidence base
(6.2), what a warning names (6.3), contact continued after a warning (6.3),
incidents since the last
decision (7.2), the length decided (6.4), and the soft preconditions the
decision maker went ahead without, with their reasons.

The guards of :mod:`contactpolicy.domain.preconditions` check them; the
service uses the same functions to record what a decision relied on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs
import pendulum

from contactpolicy.domain.model import Case, Incident
from contactpolicy.domain.policy import OVERRIDABLE, Policy
from contactpolicy.domain.vocabulary import AppealOutcome, Behaviour, ReviewOutcome
from contactpolicy.errors import Failure

__all__ = [
    "Decision",
    "Length",
    "contact_continued",
    "default_evidence",
    "incidents_since",
    "last_decision_at",
    "soften",
    "warned_about",
]


def default_evidence(case: Case, policy: Policy, now: pendulum.DateTime) -> tuple[Incident, ...]:
    """The evidence base a designation relies on when none is named (6.2):
    the incidents on file inside the evidence window, or every incident on
    file when none is (the decision is then refused as ``evidence_stale``
    unless a reason is recorded)."""
    start = policy.evidence_from(now)
    current = tuple(incident for incident in case.incidents if incident.occurred_at >= start)
    return current or case.incidents


def warned_about(
    case: Case,
    incidents: Iterable[Incident] | None,
    behaviours: Iterable[Behaviour] | None,
) -> tuple[tuple[Incident, ...], frozenset[Behaviour]]:
    """What a warning names (6.3) when the officer leaves part of it out:
    the incidents it is about and the behaviours it warns about.

    The customer's letter lists the incidents as what the council is
    concerned about, and a designation after the warning counts contact
    "in the same manner" by the behaviours warned about
    (:func:`contact_continued`), so each incident named is of a behaviour
    warned about (``check_warn`` refuses one that is not). Given neither,
    every incident on file and their behaviours; given only the
    behaviours, the incidents on file of those behaviours (a warning about
    threats names the threats, not the calls); given only the incidents,
    their behaviours.
    """
    about = None if behaviours is None else frozenset(behaviours)
    if incidents is not None:
        named = tuple(incidents)
    elif about is None:
        named = case.incidents
    else:
        named = tuple(incident for incident in case.incidents if incident.behaviour in about)
    return named, frozenset(i.behaviour for i in named) if about is None else about


def last_decision_at(case: Case) -> pendulum.DateTime | None:
    """When restrictions were last decided on (6.4, 7.2): the designation,
    or a later review or appeal decision that kept them."""
    if case.designation is None:
        return None
    times = [case.designation.decided_at]
    times += [
        review.completed_at
        for review in case.reviews
        if review.completed_at is not None and review.outcome is not ReviewOutcome.LIFT
    ]
    times += [
        appeal.decided_at
        for appeal in case.appeals
        if appeal.decided_at is not None and appeal.outcome is not AppealOutcome.ALLOWED
    ]
    return max(times)


def incidents_since(case: Case) -> int:
    """How many incidents on file are dated after the last decision (7.2)."""
    since = last_decision_at(case)
    if since is None:
        return len(case.incidents)
    return sum(1 for incident in case.incidents if incident.occurred_at > since)


def soften(failures: list[Failure], overrides: Mapping[str, str], policy: Policy) -> list[Failure]:
    """``failures`` less the soft ones the decision maker overrode with a
    reason, plus one for each override that had nothing to override.

    Which codes are soft is the policy's (``Policy.soft_preconditions``);
    the service refuses an override of any other code before it gets here.
    """
    found = {failure.code for failure in failures}
    kept = [
        failure
        for failure in failures
        if not (failure.code in overrides and failure.code in policy.soft_preconditions)
    ]
    kept += [
        Failure(
            OVERRIDABLE[code],
            "override_not_needed",
            f"{code} is met, so there is nothing to override; leave it out",
        )
        for code in overrides
        if code not in found
    ]
    return kept


@attrs.frozen
class Length:
    """How long restrictions last when the decision sets it (6.3, 6.4):
    the last day they apply and why; the next review date bounds it."""

    ends_on: pendulum.Date | None = None
    because: str | None = None


@attrs.frozen
class Decision:
    """What the decision maker decides on designation, besides its checks:
    the evidence base relied on (6.2), the soft preconditions overridden
    with their reasons, and the length (6.4)."""

    evidence: tuple[Incident, ...]
    overrides: Mapping[str, str] = attrs.field(factory=dict)
    length: Length = Length()


def contact_continued(case: Case) -> bool:
    """6.3: an incident after the warning of a behaviour it warned about (of
    any behaviour for a warning recorded before behaviours were kept)."""
    warning = case.warning
    assert warning is not None, "a warned case has a warning"
    return any(
        incident.occurred_at > warning.given_at
        and (not warning.behaviours or incident.behaviour in warning.behaviours)
        for incident in case.incidents
    )
