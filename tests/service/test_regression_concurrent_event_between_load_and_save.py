"""Regression: a command whose case gained an event after it was loaded once
failed with a bare ValueError. Nothing may be written on the case as it was
loaded: the command is decided once more on the case as it now is (a store
may decide on a copy it holds and learn only as it writes that the copy is
stale), and refused with ConcurrentUpdate if the case changes again."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pytest

from contactpolicy import AuditEvent, Case, Casework, ConcurrentUpdate, FrozenClock
from contactpolicy.stores import MemoryStore
from contactpolicy.stores.protocols import AppliedCommand, UnitOfWork

from support.builders import CUSTOMER, MANAGER, START, incident


class _Interleaving(MemoryStore):
    """A store where another officer adds a note just after each of the
    next ``times`` loads."""

    def __init__(self) -> None:
        super().__init__()
        self.other: Casework | None = None
        self.times = 0

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:  # type: ignore[override]
        with super().unit_of_work() as work:
            yield _AfterLoad(self, work)


class _AfterLoad:
    """A unit of work that lets the store's other officer act after loading."""

    def __init__(self, store: _Interleaving, work: UnitOfWork) -> None:
        self.store = store
        self.work = work

    def applied(self, command_id: str) -> AppliedCommand | None:
        return self.work.applied(command_id)

    def load(self, case_id: str) -> tuple[Case, AuditEvent]:
        loaded = self.work.load(case_id)
        if self.store.other is not None and self.store.times > 0:
            other, self.store.other = self.store.other, None
            other.add_note(case_id, "Added by someone else meanwhile.", MANAGER)
            self.store.other, self.store.times = other, self.store.times - 1
        return loaded

    def feed_head(self) -> str:
        return self.work.feed_head()

    def save(
        self,
        case: Case,
        events: Sequence[AuditEvent],
        expected_version: int,
        command: AppliedCommand | None = None,
    ) -> None:
        self.work.save(case, events, expected_version, command)

    def record(
        self,
        case: Case,
        event: AuditEvent,
        expected_version: int,
        command: AppliedCommand | None = None,
    ) -> None:
        self.work.record(case, event, expected_version, command)


def test_an_event_saved_between_load_and_save_makes_the_command_decided_again() -> None:
    """The command is not saved on the case as it was loaded: it is decided
    again on the case as it now is and saved once, after the other note."""
    store = _Interleaving()
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "bins", [incident()], by=MANAGER)
    store.other, store.times = casework, 1
    assert casework.add_note(case.id, "Mine.", MANAGER).version == 3
    assert [note.text for note in casework.get(case.id).notes] == [
        "Added by someone else meanwhile.",
        "Mine.",
    ]
    assert casework.verify(case.id).problems == ()


def test_an_event_saved_between_load_and_save_twice_is_a_concurrent_update() -> None:
    """When the case changes again while the command is decided the second
    time, it is refused with ConcurrentUpdate and writes nothing."""
    store = _Interleaving()
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "bins", [incident()], by=MANAGER)
    store.other, store.times = casework, 2
    with pytest.raises(ConcurrentUpdate) as refused:
        casework.add_note(case.id, "Mine.", MANAGER)
    assert (refused.value.expected, refused.value.actual) == (2, 3)
    assert [note.text for note in casework.get(case.id).notes] == [
        "Added by someone else meanwhile.",
        "Added by someone else meanwhile.",
    ]
