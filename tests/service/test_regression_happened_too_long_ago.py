"""When something happened is recorded no further back than the council
keeps anything: ``Policy.retention_months`` before now (7.2), or it would
be no accurate record (7.4). Before, an incident of 1 January 1900 was
recorded. Every time of something that happened before it was recorded
follows the one rule: incidents (report, add_incident, raise_concern) and
back-dated contacts; a refusal names the field and the section and writes
nothing."""

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import (
    Behaviour,
    CaseState,
    Casework,
    Channel,
    Contact,
    FrozenClock,
    Incident,
    InvalidInput,
    Policy,
    PreconditionsNotMet,
)
from contactpolicy.stores import MemoryStore

from conftest import CaseIn
from support.builders import CUSTOMER, MANAGER, STAFF, START

MESSAGE = (
    "the incident (1900-01-01T00:00:00+00:00) is earlier than 31 January 2024, 24 months "
    "before now: nothing older is kept (7.2), so it cannot be an accurate record (7.4)"
)


def _incident(at: pendulum.DateTime) -> Incident:
    return Incident(Behaviour.EXCESSIVE_DEMANDS, at, Channel.TELEPHONE, "Called 30 times.")


def test_an_incident_of_1900_is_refused(casework: Casework, case_in: CaseIn) -> None:
    """The reproduction, on a case reported: its code, section and words;
    the case unchanged."""
    case = case_in(CaseState.REPORTED)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.add_incident(case.id, _incident(pendulum.datetime(1900, 1, 1)), STAFF)
    assert [(f.section, f.code, f.message) for f in refused.value.failures] == [
        ("7.4", "incident_too_long_ago", MESSAGE)
    ]
    assert casework.get(case.id) == case


def test_reports_and_concerns_follow_the_same_rule(casework: Casework) -> None:
    """Nothing is opened."""
    old = _incident(pendulum.datetime(1900, 1, 1))
    with pytest.raises(PreconditionsNotMet) as report:
        casework.report(CUSTOMER, "bins", [old], by=MANAGER)
    with pytest.raises(PreconditionsNotMet) as concern:
        casework.raise_concern(CUSTOMER, [old], by=STAFF)
    assert report.value.codes == concern.value.codes == ("incident_too_long_ago",)
    assert casework.cases() == []


def test_the_bound_is_the_day_and_time_retention_months_back(casework: Casework) -> None:
    """On it is taken; a minute before it is not."""
    bound = START.in_timezone("Europe/London").subtract(months=24)
    assert casework.report(CUSTOMER, "bins", [_incident(bound)], by=MANAGER).incidents[0] == (
        _incident(bound)
    )
    with pytest.raises(PreconditionsNotMet):
        casework.report(CUSTOMER, "bins", [_incident(bound.subtract(minutes=1))], by=MANAGER)


def test_a_contact_back_dated_past_retention_is_refused(casework: Casework) -> None:
    """``InvalidInput`` naming ``contact.at`` and 7.4; nothing logged."""
    with pytest.raises(InvalidInput) as refused:
        casework.decide_contact(
            CUSTOMER.id, Contact(Channel.TELEPHONE, pendulum.datetime(1900, 1, 1))
        )
    assert (refused.value.field, refused.value.section, refused.value.message) == (
        "contact.at",
        "7.4",
        "is earlier than 31 January 2024, 24 months before now: nothing older is kept (7.2), "
        "so it cannot be an accurate record (7.4)",
    )
    assert casework.store.contacts(CUSTOMER.id) == []


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=30)
@given(months=st.integers(1, 60), days_back=st.integers(0, 2000))
def test_recorded_iff_within_the_policys_retention(months: int, days_back: int) -> None:
    """Whatever the retention a council sets and however far back: an
    incident is recorded exactly when it is no earlier than that many
    months before now."""
    policy = Policy(retention_months=months)
    casework = Casework(MemoryStore(), policy=policy, clock=FrozenClock(START))
    at = START.subtract(days=days_back)
    within = at >= START.in_timezone(policy.timezone).subtract(months=months)
    if within:
        case = casework.report(CUSTOMER, "bins", [_incident(at)], by=MANAGER)
        assert case.incidents[0].occurred_at == at
    else:
        with pytest.raises(PreconditionsNotMet) as refused:
            casework.report(CUSTOMER, "bins", [_incident(at)], by=MANAGER)
        assert refused.value.codes == ("incident_too_long_ago",)
