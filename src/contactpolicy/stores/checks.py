"""Checks every store makes before it writes, so all refuse the same mistakes."""

from __future__ import annotations

from collections.abc import Sequence

from contactpolicy.errors import StoreError
from contactpolicy.events import AuditEvent
from contactpolicy.model import Case

__all__ = ["check_save"]


def check_save(case: Case, events: Sequence[AuditEvent], expected_version: int) -> None:
    """The new events continue the case's sequence and the snapshot's version
    counts them; otherwise :class:`StoreError` (nothing has been written)."""
    if not events:
        raise StoreError("a save must carry at least one event", case.id)
    if case.version != expected_version + len(events):
        raise StoreError(
            f"version {case.version} does not follow version {expected_version} "
            f"with {len(events)} new event(s)",
            case.id,
        )
    for offset, event in enumerate(events, start=1):
        if event.case_id != case.id or event.seq != expected_version + offset:
            raise StoreError(
                f"event {event.seq} of case {event.case_id!r} does not continue the history "
                f"at {expected_version + offset}",
                case.id,
            )
