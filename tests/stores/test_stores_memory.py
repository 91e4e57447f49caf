"""MemoryStore: the contract, and tampering with what it holds."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from contactpolicy.stores import MemoryStore, Store
from contactpolicy.testing.contract import StoreContract

from support.tampering import PROBLEMS, said, told


class TestMemoryStore(StoreContract):
    """MemoryStore keeps the store contract."""

    @pytest.fixture
    def make_store(self) -> Callable[[], Store]:
        store = MemoryStore()
        return lambda: store


def _edit_note(store: MemoryStore, case_id: str) -> None:
    note = store._events[case_id][2]
    store._events[case_id][2] = attrs.evolve(note, data={**note.data, "text": "a careful nose"})


def _delete(seq: int) -> Callable[[MemoryStore, str], None]:
    def delete(store: MemoryStore, case_id: str) -> None:
        del store._events[case_id][seq - 1]

    return delete


def _reorder(store: MemoryStore, case_id: str) -> None:
    positions = store._events[case_id]
    positions[2], positions[3] = positions[3], positions[2]


def _edit_snapshot(store: MemoryStore, case_id: str) -> None:
    case = store._cases[case_id]
    store._cases[case_id] = attrs.evolve(
        case, customer=attrs.evolve(case.customer, name="Sam Tailor")
    )


TAMPERING: dict[str, Callable[[MemoryStore, str], None]] = {
    "edited": _edit_note,
    "deleted": _delete(3),
    "reordered": _reorder,
    "last deleted": _delete(4),
    "snapshot edited": _edit_snapshot,
}


@pytest.mark.parametrize("kind", PROBLEMS)
def test_verify_detects_tampering_with_what_the_store_holds(kind: str) -> None:
    """An edited, deleted or reordered event, or an edited snapshot, changed
    behind the store's back, is reported by verify."""
    store = MemoryStore()
    casework, case = told(store, 3)
    assert casework.verify(case.id).problems == ()
    TAMPERING[kind](store, case.id)
    assert said(casework.verify(case.id).problems, case.id) == PROBLEMS[kind]
