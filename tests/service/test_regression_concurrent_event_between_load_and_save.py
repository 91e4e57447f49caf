"""Regression: a command whose case gained an event after it was loaded once
failed with a bare ValueError; it must be refused with ConcurrentUpdate."""

import pytest

from contactpolicy import AuditEvent, Casework, ConcurrentUpdate, FrozenClock
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, MANAGER, START, incident


class _Interleaving(MemoryStore):
    """A store where another officer adds a note just after each load."""

    def __init__(self) -> None:
        super().__init__()
        self.other: Casework | None = None

    def events(self, case_id: str, after: int = 0) -> list[AuditEvent]:
        if self.other is not None:
            other, self.other = self.other, None
            other.add_note(case_id, "Added by someone else meanwhile.", MANAGER)
        return super().events(case_id, after)


def test_an_event_saved_between_load_and_save_is_a_concurrent_update() -> None:
    """The command is refused with ConcurrentUpdate and writes nothing."""
    store = _Interleaving()
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "bins", [incident()], by=MANAGER)
    store.other = casework
    with pytest.raises(ConcurrentUpdate) as refused:
        casework.add_note(case.id, "Mine.", MANAGER)
    assert (refused.value.expected, refused.value.actual) == (1, 2)
    assert [note.text for note in casework.get(case.id).notes] == [
        "Added by someone else meanwhile."
    ]
