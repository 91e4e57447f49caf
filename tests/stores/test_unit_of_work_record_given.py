"""A store's unit of work gets ``record`` from the ``UnitOfWork`` protocol
by subclassing it, without writing it: the one new event is saved, as
``save`` saves it, recording the digest of the case it leaves (its
``snapshot``), whatever it held there (7.4). A store that keeps the
digest otherwise (``MemoryStore``, lazily) writes its own."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from contactpolicy.audit.codec import case_digest
from contactpolicy.audit.events import AuditEvent, next_event
from contactpolicy.domain.model import Case
from contactpolicy.stores.protocols import AppliedCommand, UnitOfWork
from contactpolicy.testing.examples import example_case


class SavingOnly(UnitOfWork):
    """A unit of work that writes ``save`` alone, keeping what it is given."""

    def __init__(self) -> None:
        self.saved: list[tuple[Case, list[AuditEvent], int, AppliedCommand | None]] = []

    def applied(self, command_id: str) -> AppliedCommand | None:
        raise AssertionError(f"{command_id} not asked for")

    def load(self, case_id: str) -> tuple[Case, AuditEvent]:
        raise AssertionError(f"{case_id} not read")

    def feed_head(self) -> str:
        raise AssertionError("the feed's head not read")

    def save(
        self,
        case: Case,
        events: Sequence[AuditEvent],
        expected_version: int,
        command: AppliedCommand | None = None,
    ) -> None:
        self.saved.append((case, list(events), expected_version, command))


def test_record_saves_the_event_with_the_digest_of_the_case_it_leaves() -> None:
    """``record`` without a line of the store's own: one ``save`` of the
    case and its one event, the event's ``snapshot`` the digest of the
    case, the one it held replaced, the version and command passed on."""
    case = example_case(case_id="C-RECORDED")
    event = next_event(
        None, case.id, "add_note", case.reported_at, "manager", {"state": "reported"}
    )
    command = AppliedCommand("cmd-1", case.id, "fingerprint")
    work = SavingOnly()
    work.record(case, attrs.evolve(event, snapshot="not the digest"), 0, command)
    assert work.saved == [(case, [attrs.evolve(event, snapshot=case_digest(case))], 0, command)]
