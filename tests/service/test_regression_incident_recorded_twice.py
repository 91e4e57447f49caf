"""The same ``incident`` command run twice without a command id recorded
the incident twice, and both counted as evidence (6.2). An incident the
case holds already, the same in every field, is refused (7.4), naming its
number, and nothing is written; one that differs in any field is another
incident."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    Behaviour,
    Casework,
    Channel,
    FrozenClock,
    Incident,
    PreconditionsNotMet,
)
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, MANAGER, STAFF, START, incident

AGAIN = Incident(
    Behaviour.EXCESSIVE_DEMANDS,
    pendulum.datetime(2026, 1, 30, 16, tz="Europe/London"),
    Channel.TELEPHONE,
    "Called 12 times again.",
)


def _reported() -> tuple[Casework, str]:
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    return casework, case.id


def test_an_incident_on_file_is_refused_and_nothing_is_written() -> None:
    casework, case_id = _reported()
    casework.add_incident(case_id, AGAIN, STAFF)
    before = (casework.store.load(case_id), casework.history(case_id))
    with pytest.raises(PreconditionsNotMet) as raised:
        casework.add_incident(case_id, AGAIN, STAFF)
    assert [(f.section, f.code, f.message) for f in raised.value.failures] == [
        (
            "7.4",
            "incident_already_recorded",
            "the case holds this incident already, as incident 2; records must be accurate",
        )
    ]
    assert (casework.store.load(case_id), casework.history(case_id)) == before


def test_the_report_s_own_incident_given_again_is_refused_as_incident_1() -> None:
    casework, case_id = _reported()
    with pytest.raises(PreconditionsNotMet) as raised:
        casework.add_incident(case_id, incident(), STAFF)
    assert [failure.code for failure in raised.value.failures] == ["incident_already_recorded"]
    assert "as incident 1;" in str(raised.value)


_CHANGES = st.sampled_from(
    [
        {"behaviour": Behaviour.REPEAT_ENQUIRIES},
        {"occurred_at": AGAIN.occurred_at.add(minutes=1)},
        {"channel": Channel.EMAIL},
        {"description": "Called 13 times again."},
        {"department": "Revenues and Benefits"},
    ]
)


@given(change=_CHANGES)
def test_an_incident_differing_in_any_field_is_another_one(change: dict[str, Any]) -> None:
    casework, case_id = _reported()
    casework.add_incident(case_id, AGAIN, STAFF)
    other = attrs.evolve(AGAIN, **change)
    case = casework.add_incident(case_id, other, STAFF)
    assert case.incidents[1:] == (AGAIN, other)
