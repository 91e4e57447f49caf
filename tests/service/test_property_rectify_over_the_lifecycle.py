"""Corrections (``rectify``, 7.4) made at any point of any case's story:
every copy the case keeps of an incident (the warning's, 6.3; the
designation's evidence, 6.2) stays an incident on file, the history replays
to the case the commands left, and the audit trail verifies."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import Case, Casework, FrozenClock, PreconditionsNotMet
from contactpolicy.audit.replay import replay
from contactpolicy.errors import PolicyError
from contactpolicy.stores import MemoryStore
from contactpolicy.testing import strategies
from contactpolicy.testing.sequences import Step, command_sequences

from support.builders import RECORDS

Correction = tuple[int, int, str | int]
"""After which step (from 0, the step after the report), which incident
(its position modulo the incidents on file) and to what: a text, or the
description of another incident (its position modulo the incidents)."""

REFUSED = {"nothing_to_correct", "incident_already_recorded"}
"""Why a drawn correction may be refused (7.4): it says what the incident
says already, or makes it another incident on file."""


def _copies(case: Case) -> tuple[tuple[int, ...], ...]:
    """Where each copy of an incident stands in the case's incidents: the
    warning's, then the designation's evidence."""
    held = (
        () if case.warning is None else case.warning.incidents,
        () if case.designation is None else case.designation.evidence,
    )
    return tuple(tuple(case.incidents.index(each) for each in copies) for copies in held)


def _on_file(case: Case) -> None:
    """Every copy of an incident is an incident on file."""
    for copy in (
        *(() if case.warning is None else case.warning.incidents),
        *(() if case.designation is None else case.designation.evidence),
    ):
        assert copy in case.incidents


def _correct(casework: Casework, case: Case, number: int, value: str | int) -> Case:
    index = number % len(case.incidents)
    text = (
        case.incidents[value % len(case.incidents)].description if isinstance(value, int) else value
    )
    field = f"incident.{index + 1}.description"
    before = casework.history(case.id)
    refused: tuple[str, ...] = ()
    try:
        corrected = casework.rectify(case.id, RECORDS, field, text, "The call log says so.")
    except PreconditionsNotMet as error:
        refused = error.codes
    if refused:
        assert set(refused) <= REFUSED
        assert casework.history(case.id) == before
        return case
    assert corrected.incidents[index].description == text
    assert corrected.incidents[:index] == case.incidents[:index]
    assert corrected.incidents[index + 1 :] == case.incidents[index + 1 :]
    assert _copies(corrected) == _copies(case)
    assert casework.history(case.id)[:-1] == before
    return corrected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    steps=command_sequences(max_steps=8),
    corrections=st.lists(
        st.tuples(
            st.integers(0, 8),
            st.integers(0, 3),
            st.one_of(strategies.texts(1, 40), st.integers(0, 3)),
        ),
        max_size=4,
    ),
)
def test_corrections_reach_every_copy_and_replay_to_the_case(
    steps: list[Step], corrections: list[Correction]
) -> None:
    clock = FrozenClock(steps[0].at)
    casework = Casework(MemoryStore(), clock=clock)
    case = steps[0].run(casework, clock)
    for position, step in enumerate(steps[1:]):
        with contextlib.suppress(PolicyError):
            case = step.run(casework, clock, case.id)
        _on_file(case)
        for after, number, value in corrections:
            if after == position:
                case = _correct(casework, case, number, value)
                _on_file(case)
    assert casework.get(case.id) == case
    assert replay(casework.history(case.id)) == case
    assert casework.verify(case.id).problems == ()
