"""Property: a command decides on a stored case only if it is the case its
history ends with (7.4).

Whatever state and version the stored record says, and whatever the last
event records (the state and number of the case it leaves, and that
case's digest), :func:`contactpolicy.audit.replay.check_continues` passes
exactly when the two agree, and otherwise refuses as damage naming the
case; a command on a case whose stored state was changed to any other
state is refused and writes nothing.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import CaseState, Casework, FrozenClock
from contactpolicy.audit.codec import case_digest
from contactpolicy.audit.keys import UNKEYED
from contactpolicy.audit.replay import check_continues
from contactpolicy.errors import StoreDamaged
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.examples import MANAGER, START

from support.tampering import CUSTOMER, INCIDENT


def _reported() -> tuple[MemoryStore, Casework, str]:
    store = MemoryStore()
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax", [INCIDENT], by=MANAGER)
    return store, casework, case.id


STORE, CASEWORK, CASE_ID = _reported()
CASE, (EVENT,) = STORE.trail(CASE_ID)


@given(
    stored=st.sampled_from(CaseState),
    recorded=st.sampled_from(CaseState),
    version=st.integers(1, 3),
    seq=st.integers(1, 3),
)
def test_passes_exactly_when_the_record_and_the_last_event_agree(
    stored: CaseState, recorded: CaseState, version: int, seq: int
) -> None:
    case = attrs.evolve(CASE, state=stored, version=version)
    left = attrs.evolve(CASE, state=recorded, version=seq)
    last = attrs.evolve(
        EVENT, seq=seq, data={**EVENT.data, "state": recorded.value}, snapshot=case_digest(left)
    )
    if stored is recorded and version == seq:
        check_continues(case, last, UNKEYED)
        return
    with pytest.raises(StoreDamaged) as refused:
        check_continues(case, last, UNKEYED)
    assert refused.value.case_id == CASE_ID
    assert str(refused.value).startswith(
        f"case {CASE_ID!r}: its stored record disagrees with the last event of its history "
        f"(event {seq}, report): the record's "
    )
    assert "Sam Taylor" not in str(refused.value)


@settings(max_examples=20)
@given(edited=st.sampled_from([state for state in CaseState if state is not CaseState.REPORTED]))
def test_a_note_on_a_case_edited_to_any_other_state_is_refused(edited: CaseState) -> None:
    store, casework, case_id = _reported()
    store._cases[case_id] = attrs.evolve(store.load(case_id), state=edited)
    with pytest.raises(StoreDamaged) as refused:
        casework.add_note(case_id, "Called again.", MANAGER)
    assert refused.value.detail == (
        f"cases row: state is {edited.value}, the event records reported"
    )
    assert len(store.trail(case_id)[1]) == 1
