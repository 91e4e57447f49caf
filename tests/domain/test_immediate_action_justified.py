"""Whether evidence justifies designating without a warning (6.3):
``immediate_action_justified`` is the one rule, and the designation guard's
``immediate_action_not_justified`` is refused exactly when it does not hold."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import MAIDSTONE, Behaviour, Case, CaseState, Channel, Incident, Policy
from contactpolicy.domain.grounds import Decision
from contactpolicy.domain.preconditions import check_designate, immediate_action_justified
from contactpolicy.testing import strategies

from support.builders import CUSTOMER, PASSED, RESTRICTIONS

NOW = pendulum.datetime(2026, 8, 31, 9, tz="Europe/London")
WINDOW_OPENS = pendulum.datetime(2026, 2, 28, 9, tz="Europe/London")
"""Maidstone's evidence window for a decision at NOW: six calendar months (6.2)."""

INTIMIDATION_ONLY = Policy(
    immediate_action_behaviours=frozenset({Behaviour.INTIMIDATION}),
    immediate_action_because="Intimidation of staff at the front desk is treated as a threat.",
)


def _incident(behaviour: Behaviour, at: pendulum.DateTime) -> Incident:
    return Incident(behaviour, at, Channel.FACE_TO_FACE, "At the front desk.")


def test_the_window_opens_six_calendar_months_before_the_decision() -> None:
    """The boundary the cases below are set against is Maidstone's window."""
    assert MAIDSTONE.evidence_from(NOW) == WINDOW_OPENS


@pytest.mark.parametrize(
    ("behaviour", "at", "justified"),
    [
        (Behaviour.THREATS, NOW.subtract(days=1), True),
        (Behaviour.PHYSICAL_CONTACT_OR_ASSAULT, NOW.subtract(months=3), True),
        (Behaviour.THREATS, NOW, True),
        (Behaviour.THREATS, WINDOW_OPENS, True),
        (Behaviour.THREATS, WINDOW_OPENS.subtract(seconds=1), False),
        (Behaviour.PHYSICAL_CONTACT_OR_ASSAULT, WINDOW_OPENS.subtract(years=1), False),
        (Behaviour.INTIMIDATION, NOW.subtract(days=1), False),
        (Behaviour.OFFENSIVE_REMARKS, NOW.subtract(days=1), False),
        (Behaviour.EXCESSIVE_SWEARING, NOW.subtract(days=1), False),
        (Behaviour.REPEAT_ENQUIRIES, NOW.subtract(days=1), False),
    ],
)
def test_violence_or_threats_inside_the_window_justify_immediate_action(
    behaviour: Behaviour, at: pendulum.DateTime, justified: bool
) -> None:
    """Under Maidstone's policy only assault or threats justify designating
    without a warning, and only from the instant the evidence window opens
    (6.2, 6.3): a second earlier is outside it."""
    assert immediate_action_justified(MAIDSTONE, NOW, [_incident(behaviour, at)]) is justified


def test_the_window_boundary_is_one_instant_whatever_the_zone() -> None:
    """The window opens at 09:00 London time on 28 February, which is
    09:00 UTC (GMT): an incident recorded in UTC at that instant counts,
    one a second before does not."""
    opens = pendulum.datetime(2026, 2, 28, 9, tz="UTC")
    assert immediate_action_justified(MAIDSTONE, NOW, [_incident(Behaviour.THREATS, opens)])
    before = opens.subtract(seconds=1)
    assert not immediate_action_justified(MAIDSTONE, NOW, [_incident(Behaviour.THREATS, before)])


def test_one_qualifying_incident_among_others_is_enough() -> None:
    """Other evidence beside it neither adds nor takes away (6.3)."""
    evidence = [
        _incident(Behaviour.REPEAT_ENQUIRIES, NOW.subtract(days=2)),
        _incident(Behaviour.THREATS, WINDOW_OPENS.subtract(days=1)),
        _incident(Behaviour.PHYSICAL_CONTACT_OR_ASSAULT, NOW.subtract(days=1)),
    ]
    assert immediate_action_justified(MAIDSTONE, NOW, evidence) is True
    assert immediate_action_justified(MAIDSTONE, NOW, evidence[:2]) is False
    assert immediate_action_justified(MAIDSTONE, NOW, []) is False


def test_the_behaviours_are_the_policys_own() -> None:
    """A council listing intimidation for immediate action (with its
    reason) is justified by intimidation and no longer by threats; one
    listing none never designates without a warning (6.3)."""
    intimidation = [_incident(Behaviour.INTIMIDATION, NOW.subtract(days=1))]
    threats = [_incident(Behaviour.THREATS, NOW.subtract(days=1))]
    assert immediate_action_justified(INTIMIDATION_ONLY, NOW, intimidation) is True
    assert immediate_action_justified(INTIMIDATION_ONLY, NOW, threats) is False
    never = Policy(immediate_action_behaviours=frozenset())
    assert immediate_action_justified(never, NOW, threats) is False


def _unjustified(policy: Policy, now: pendulum.DateTime, evidence: list[Incident]) -> bool:
    """Whether the designation guard refuses ``evidence`` at ``now`` as not
    justifying immediate action, on a case reported with it on file."""
    case = Case(
        id="case-1",
        state=CaseState.REPORTED,
        version=1,
        customer=CUSTOMER,
        issue="housing",
        reported_at=now.subtract(years=2),
        reported_by="manager",
        incidents=tuple(evidence),
    )
    failures = check_designate(
        case,
        policy,
        now,
        PASSED,
        RESTRICTIONS,
        "Staff safety.",
        "Threatened an officer.",
        Decision(tuple(evidence)),
    )
    return "immediate_action_not_justified" in {failure.code for failure in failures}


@st.composite
def _evidence_near_the_window(
    draw: st.DrawFn, policy: Policy
) -> tuple[pendulum.DateTime, list[Incident]]:
    """A decision's time and incidents around its window's opening, some
    at it to the second, in UTC or London time."""
    now = draw(strategies.moments())
    opens = policy.evidence_from(now)
    offsets = st.integers(-2, 2) | st.integers(-(10**8), 10**8)
    incidents = draw(
        st.lists(
            st.builds(
                Incident,
                behaviour=st.sampled_from(Behaviour),
                occurred_at=offsets.map(lambda seconds: opens.add(seconds=seconds)),
                channel=st.sampled_from(Channel),
                description=st.just("At the front desk."),
            ),
            max_size=4,
        )
    )
    return now, incidents


@given(
    st.sampled_from([MAIDSTONE, INTIMIDATION_ONLY]).flatmap(
        lambda policy: st.tuples(st.just(policy), _evidence_near_the_window(policy))
    )
)
def test_property_the_guard_refuses_exactly_when_the_predicate_does_not_hold(
    drawn: tuple[Policy, tuple[pendulum.DateTime, list[Incident]]],
) -> None:
    """For any evidence and time, the designation without a warning is
    refused as ``immediate_action_not_justified`` exactly when
    ``immediate_action_justified`` is false (6.3): guard and predicate
    never disagree."""
    policy, (now, evidence) = drawn
    assert _unjustified(policy, now, evidence) is not immediate_action_justified(
        policy, now, evidence
    )
