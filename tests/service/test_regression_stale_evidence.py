"""Issue 12, finding 2: the evidence base was checked only as "at least one
incident", so a three-year-old incident supported restrictions and a
four-year-old threat justified immediate action (6.2, 6.3)."""

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    MAIDSTONE,
    Assessment,
    Behaviour,
    Case,
    CaseState,
    Casework,
    Channel,
    FrozenClock,
    Incident,
    Override,
    PreconditionsNotMet,
)
from contactpolicy import restrictions as r
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    START,
    warn_and_continue,
)

OLD = Incident(Behaviour.EXCESSIVE_DEMANDS, START.subtract(years=3), Channel.TELEPHONE, "40 calls.")
THREAT = Incident(Behaviour.THREATS, START.subtract(years=4), Channel.FACE_TO_FACE, "Threat.")
HARSH: list[r.Restriction] = [r.ReadAndFile("records"), r.SingleContactMethod(Channel.LETTER)]


def _reported_then(casework: Casework, incident: Incident) -> Case:
    """A case reported when ``incident`` happened, as a case that has run
    that long holds it (an incident is recorded no longer ago than
    retention keeps anything, 7.2, 7.4); the clock back at START after."""
    clock = casework.clock
    assert isinstance(clock, FrozenClock)
    clock.set(incident.occurred_at)
    case = casework.report(CUSTOMER, "bins", [incident], by=MANAGER)
    clock.set(START)
    return case


def test_a_three_year_old_incident_does_not_support_read_and_file(casework: Casework) -> None:
    """The reproduction: one incident three years old, read-and-file plus a
    single contact method: refused as evidence_stale (6.2)."""
    case = _reported_then(casework, OLD)
    casework.warn(case.id, MANAGER, Channel.LETTER, at=START.subtract(days=1))
    casework.add_incident(
        case.id, Incident(Behaviour.EXCESSIVE_DEMANDS, START, Channel.EMAIL, "Email."), MANAGER
    )
    evidence = [OLD]
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case.id,
            DECIDER,
            PASSED,
            HARSH,
            "Calls.",
            evidence=evidence,
            council_wide_because=EVERY_SERVICE,
        )
    assert [(f.section, f.code) for f in refused.value.failures] == [("6.2", "evidence_stale")]
    assert refused.value.failures[0].message == (
        "no incident relied on is from the last 6 months (since 2025-07-31); the evidence "
        "base must be current"
    )


def test_a_four_year_old_threat_does_not_justify_immediate_action(casework: Casework) -> None:
    """The reproduction: designation without a warning on a threat four years
    old: refused, both as immediate action not justified and as stale."""
    case = _reported_then(casework, THREAT)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case.id,
            DECIDER,
            PASSED,
            HARSH,
            "Threats.",
            "Staff safety.",
            council_wide_because=EVERY_SERVICE,
        )
    assert [(f.section, f.code) for f in refused.value.failures] == [
        ("6.2", "evidence_stale"),
        ("6.3", "immediate_action_not_justified"),
    ]
    stale = {"evidence_stale": "The threat was repeated by phone, unrecorded."}
    with pytest.raises(PreconditionsNotMet) as still:
        casework.designate(
            case.id,
            DECIDER,
            PASSED,
            HARSH,
            "T.",
            "Safety.",
            overrides=stale,
            council_wide_because=EVERY_SERVICE,
        )
    assert still.value.codes == ("immediate_action_not_justified",)
    assert casework.get(case.id).state is CaseState.REPORTED


def test_a_recent_threat_justifies_immediate_action(casework: Casework) -> None:
    """6.3: a threat inside the window, and the justification recorded."""
    recent = Incident(Behaviour.THREATS, START.subtract(days=3), Channel.FACE_TO_FACE, "Threat.")
    case = _reported_then(casework, THREAT)
    casework.add_incident(case.id, recent, MANAGER)
    designated = casework.designate(
        case.id,
        DECIDER,
        PASSED,
        HARSH,
        "Threats.",
        "Staff safety.",
        council_wide_because=EVERY_SERVICE,
    )
    assert designated.designation is not None
    assert designated.designation.evidence == (recent,)


def test_the_evidence_base_is_named_on_the_decision(casework: Casework) -> None:
    """6.2: by default the incidents inside the window; named ones must be
    on file; each check's short reason is kept with the decision."""
    case = _reported_then(casework, OLD)
    casework.warn(case.id, MANAGER, Channel.LETTER, at=START.subtract(days=1))
    recent = Incident(Behaviour.EXCESSIVE_DEMANDS, START, Channel.TELEPHONE, "Called again.")
    casework.add_incident(case.id, recent, MANAGER)
    reasoned = Assessment(
        issue_investigated=True,
        communications_adequate=True,
        no_significant_new_information=True,
        adjustments_considered=True,
        issue_investigated_because="Stage 2 complaint answered 3 January.",
        evidence_because="Calls logged by the contact centre.",
    )
    stranger = Incident(Behaviour.THREATS, START, Channel.EMAIL, "Elsewhere.")
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case.id,
            DECIDER,
            reasoned,
            HARSH,
            "Calls.",
            evidence=[stranger],
            council_wide_because=EVERY_SERVICE,
        )
    assert refused.value.codes == ("evidence_not_on_file",)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case.id,
            DECIDER,
            reasoned,
            HARSH,
            "Calls.",
            evidence=[],
            council_wide_because=EVERY_SERVICE,
        )
    assert refused.value.codes == ("evidence_missing",)
    designated = casework.designate(
        case.id, DECIDER, reasoned, HARSH, "Calls.", council_wide_because=EVERY_SERVICE
    )
    assert designated.designation is not None
    assert designated.designation.evidence == (recent,)
    assert designated.designation.assessment.evidence_because == (
        "Calls logged by the contact centre."
    )
    assert designated.designation.assessment.issue_investigated_because == (
        "Stage 2 complaint answered 3 January."
    )


def test_stale_evidence_goes_ahead_only_with_a_recorded_reason(casework: Casework) -> None:
    """evidence_stale is soft: the reason is stored with the decision."""
    case = _reported_then(casework, OLD)
    casework.warn(case.id, MANAGER, Channel.LETTER)
    because = {
        "evidence_stale": "Cycles of contact every three years; the pattern is the evidence.",
        "no_incident_since_warning": "Contact resumed through a councillor.",
    }
    designated = casework.designate(
        case.id,
        DECIDER,
        PASSED,
        HARSH,
        "Cycles.",
        overrides=because,
        council_wide_because=EVERY_SERVICE,
    )
    assert designated.designation is not None
    assert designated.designation.evidence == (OLD,)
    assert designated.designation.overrides == (
        Override("evidence_stale", because["evidence_stale"]),
        Override("no_incident_since_warning", because["no_incident_since_warning"]),
    )


def test_other_behaviour_is_evidence_as_4_1_is_not_exhaustive(casework: Casework) -> None:
    """4.1 "this list is not exhaustive": Behaviour.OTHER, its description
    saying what the behaviour was, is evidence; it is not one of violence
    or threats, so it never justifies immediate action."""
    followed = Incident(
        Behaviour.OTHER,
        START.subtract(days=2),
        Channel.FACE_TO_FACE,
        "Followed an officer to the car park after closing.",
    )
    case = casework.report(CUSTOMER, "bins", [followed], by=MANAGER)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.designate(
            case.id,
            DECIDER,
            PASSED,
            HARSH,
            "Following staff.",
            "Safety.",
            council_wide_because=EVERY_SERVICE,
        )
    assert refused.value.codes == ("immediate_action_not_justified",)
    warn_and_continue(casework, case.id)
    designated = casework.designate(
        case.id, DECIDER, PASSED, HARSH, "Following staff.", council_wide_because=EVERY_SERVICE
    )
    assert designated.designation is not None
    assert designated.designation.evidence[0].behaviour is Behaviour.OTHER


@given(seconds=st.integers(-3600, 3600))
def test_an_incident_counts_from_the_start_of_the_window(seconds: int) -> None:
    """6.2: an incident at or after the window's start (six calendar months
    before the decision, London time) is current; one second before is stale."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    start = MAIDSTONE.evidence_from(START)
    assert start == pendulum.datetime(2025, 7, 31, 10, tz="Europe/London")
    at = start.add(seconds=seconds)
    calls = Incident(Behaviour.THREATS, at, Channel.TELEPHONE, "Threat.")
    case = casework.report(CUSTOMER, "bins", [calls], by=MANAGER)
    if seconds < 0:
        with pytest.raises(PreconditionsNotMet) as refused:
            casework.designate(
                case.id,
                DECIDER,
                PASSED,
                HARSH,
                "Threats.",
                "Staff safety.",
                council_wide_because=EVERY_SERVICE,
            )
        assert refused.value.codes == ("evidence_stale", "immediate_action_not_justified")
    else:
        designated = casework.designate(
            case.id,
            DECIDER,
            PASSED,
            HARSH,
            "T.",
            "Staff safety.",
            council_wide_because=EVERY_SERVICE,
        )
        assert designated.state is CaseState.DESIGNATED
