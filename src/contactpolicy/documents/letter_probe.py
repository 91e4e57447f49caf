"""The probe: a case with every part a letter can show, against which a
council's letter templates are checked when they are loaded (6.3)."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from contactpolicy.documents.letter_facts import context
from contactpolicy.domain.model import (
    Appeal,
    Assessment,
    Case,
    Communication,
    Customer,
    Decision,
    Designation,
    Ending,
    Incident,
    Officer,
    Override,
    Review,
    Warning,
)
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.restrictions import CallLimit, SinglePointOfContact
from contactpolicy.domain.safeguards import Adjustment
from contactpolicy.domain.vocabulary import (
    AppealOutcome,
    Behaviour,
    CaseState,
    Channel,
    Closure,
    DecisionKind,
    LetterKind,
    ReviewOutcome,
    ReviewTrigger,
    Role,
)

__all__ = ["PROBE_OFFICERS", "probe_case", "probe_context", "probe_no_action"]

_AT = pendulum.datetime(2026, 1, 12, 10, tz="UTC")
PROBE_OFFICERS = {
    "probe-dm": Officer("probe-dm", "Dana Probe", {Role.DECISION_MAKER}),
    "probe-ad": Officer("probe-ad", "Avery Probe", {Role.APPEAL_DECIDER}),
    "probe-m": Officer("probe-m", "Morgan Probe", {Role.MANAGER}),
    "probe-spoc": Officer(
        "probe-spoc",
        "Sam Probe",
        {Role.STAFF},
        telephone="01622 000000",
        email="sam.probe@example.org",
    ),
}


def probe_case() -> Case:
    """A case whose every decision left restrictions, with every optional
    part set, an earlier decision not yet told among them, for checking a
    council's templates (6.3)."""
    passed = Assessment(
        issue_investigated=True,
        communications_adequate=True,
        no_significant_new_information=True,
        adjustments_considered=True,
    )
    incident = Incident(
        Behaviour.EXCESSIVE_DEMANDS, _AT, Channel.TELEPHONE, "Eleven calls in one day."
    )
    later = Incident(
        Behaviour.REPEAT_ENQUIRIES, _AT.add(days=20), Channel.EMAIL, "Probe repeat enquiry."
    )
    restrictions = (SinglePointOfContact("probe-spoc"), CallLimit(2, pendulum.duration(weeks=1)))
    designation = Designation(
        _AT.add(days=30),
        "probe-dm",
        passed,
        restrictions,
        "Probe reasons for the decision.",
        pendulum.Date(2026, 5, 11),
        services=("Revenues",),
        adjustments=(Adjustment("Probe adjustment: large print."),),
        evidence=(later,),
        overrides=(Override("no_incident_since_warning", "Probe override reason."),),
        ends_on=pendulum.Date(2026, 4, 30),
        ends_on_because="Probe length reason.",
    )
    told = Communication(_AT.add(days=31), Channel.LETTER, "probe-dm")

    def decided(kind: DecisionKind, days: int) -> Decision:
        if kind is DecisionKind.LIFT:
            return Decision(kind, _AT.add(days=days), "probe-dm", communicated=told)
        return Decision(
            kind,
            _AT.add(days=days),
            "probe-ad" if kind is DecisionKind.APPEAL else "probe-dm",
            restrictions,
            pendulum.Date(2026, 5, 11),
            communicated=told,
            ends_on=pendulum.Date(2026, 4, 30),
        )

    review = Review(
        _AT.add(days=40),
        "probe-dm",
        ReviewTrigger.REQUESTED,
        completed_at=_AT.add(days=41),
        completed_by="probe-dm",
        outcome=ReviewOutcome.CONTINUE,
        notes="Probe grounds for continuing.",
        incidents_since=2,
        overrides=(Override("no_incident_since_decision", "Probe review override."),),
    )
    appeal = Appeal(
        _AT.add(days=42),
        "probe-m",
        "Probe grounds of appeal.",
        decided_at=_AT.add(days=43),
        decided_by="probe-ad",
        outcome=AppealOutcome.DISMISSED,
        reasons="Probe appeal reasons.",
    )
    return Case(
        "C-PROBE",
        CaseState.DESIGNATED,
        9,
        Customer("PROBE-1", "Pat Probe & Co <probe>", "1 Probe Street\nProbetown PR1 1PR"),
        "Probe issue",
        _AT,
        "probe-m",
        incidents=(incident, later),
        warning=Warning(
            _AT.add(days=1),
            "probe-m",
            Channel.LETTER,
            ("Probe measure.",),
            frozenset({Behaviour.EXCESSIVE_DEMANDS}),
            (incident,),
        ),
        designation=designation,
        reviews=(review,),
        appeals=(appeal,),
        ended=Ending(_AT.add(days=44), "probe-dm", "Probe lift reason."),
        decisions=(
            decided(DecisionKind.DESIGNATION, 30),
            # Not yet told: every later letter tells of it too (6.3).
            attrs.evolve(decided(DecisionKind.REASSIGNMENT, 35), communicated=None),
            decided(DecisionKind.REVIEW, 41),
            decided(DecisionKind.APPEAL, 43),
            decided(DecisionKind.LIFT, 44),
            decided(DecisionKind.REASSIGNMENT, 45),
        ),
    )


def probe_no_action() -> Case:
    """A request closed with a decision of no action (6.1), for checking a
    council's ``no_action`` templates."""
    at = _AT.add(days=30)
    return attrs.evolve(
        probe_case(),
        state=CaseState.CLOSED,
        warning=None,
        designation=None,
        reviews=(),
        appeals=(),
        ended=Ending(at, "probe-dm", "Probe reasons for no action.", closure=Closure.NO_ACTION),
        decisions=(Decision(DecisionKind.NO_ACTION, at, "probe-dm"),),
    )


def probe_context(kind: LetterKind, policy: Policy) -> dict[str, Any]:
    today = pendulum.Date(2026, 3, 2)
    case = probe_no_action() if kind is LetterKind.NO_ACTION else probe_case()
    return context(case, kind, policy, today, PROBE_OFFICERS, "Probe new officer.")[0]
