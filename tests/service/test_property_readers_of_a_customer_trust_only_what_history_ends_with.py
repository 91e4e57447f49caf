"""Property: every reader of a customer's cases reads a case only as its
history ends with it (7.4, 7.2, UK GDPR Art. 15).

A ``MemoryStore``'s copy of a reported case replaced behind its back
stands for a row edited in the database: whatever state or version it is
given, other than the ones its one event records, or with an ending long
past retention written into it, the customer's listing, evidence summary
and subject access export refuse it as damage naming the case and what
differs (its state, its version, or else its document's digest); the
copy it was reported in is read as ever.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from contactpolicy import CaseState, Casework, FrozenClock
from contactpolicy.audit.codec import case_digest
from contactpolicy.domain.model import Ending
from contactpolicy.errors import StoreDamaged
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.examples import MANAGER, RECORDS, START

from support.tampering import CUSTOMER, INCIDENT


@settings(max_examples=30, deadline=None)
@example(state=CaseState.REPORTED, version=1, ended=True)
@given(
    state=st.sampled_from(CaseState),
    version=st.integers(min_value=1, max_value=12),
    ended=st.booleans(),
)
def test_readers_refuse_a_copy_its_history_does_not_end_with(
    state: CaseState, version: int, ended: bool
) -> None:
    store = MemoryStore()
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    case = casework.report(CUSTOMER, "council tax", [INCIDENT], by=MANAGER)
    ending = Ending(START.subtract(years=10), MANAGER.id, "Closed.") if ended else None
    store._cases[case.id] = attrs.evolve(case, state=state, version=version, ended=ending)
    readers: dict[str, Callable[[], object]] = {
        "cases": lambda: [each.id for each in casework.cases(customer_id=CUSTOMER.id)],
        "evidence": lambda: casework.evidence(CUSTOMER.id).incidents,
        "subject access": lambda: [
            entry["case"]["id"]
            for entry in casework.subject_access(CUSTOMER.id, by=RECORDS).data["cases"]
        ],
    }
    if (state, version, ended) == (CaseState.REPORTED, 1, False):
        assert readers["cases"]() == [case.id]
        assert readers["evidence"]() == (INCIDENT,)
        assert readers["subject access"]() == [case.id]
        return
    differing = [
        *([f"state is {state.value}, the event records reported"] * (state != CaseState.REPORTED)),
        *([f"version is {version}, the event's number 1"] * (version != 1)),
    ]
    if not differing:
        # Only the ending written in: the copy is not the case its report
        # left, by the digest that event records of it.
        edited = store._cases[case.id]
        recorded = store.trail(case.id)[1][-1].snapshot
        differing = [f"document's SHA-256 is {case_digest(edited)}, the event records {recorded}"]
    for name, read in readers.items():
        with pytest.raises(StoreDamaged) as refused:
            read()
        assert (refused.value.case_id, refused.value.detail) == (
            case.id,
            f"cases row: {'; '.join(differing)}",
        ), name
    assert [event.kind for event in store.trail(case.id)[1]] == ["report"]
    assert store.reads() == []
