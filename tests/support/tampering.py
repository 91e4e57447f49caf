"""A case to tamper with, and what verify reports for each kind of tampering.

Each store's tests change its rows behind its back with the SQL for each
kind, and expect the same problems. The insider's scenarios, on both SQL
stores, are in :mod:`support.insider`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from contactpolicy.audit import replay
from contactpolicy.audit.events import GENESIS, AuditEvent, digest, next_event
from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.model import Case, Customer, Incident
from contactpolicy.domain.vocabulary import Behaviour, Channel
from contactpolicy.restrictions import CallTimeLimit
from contactpolicy.stores import MemoryStore, Store
from contactpolicy.testing.examples import START, tell

__all__ = [
    "CUSTOMER",
    "INCIDENT",
    "KEY",
    "PROBLEMS",
    "REORDER",
    "ROW_PROBLEMS",
    "legacy",
    "said",
    "told",
    "written_unsigned",
]

KEY = b"the council's audit key, 32 byte"
"""The audit key the keyed scenes are signed with."""

REORDER = [
    "UPDATE events SET seq = -seq WHERE seq IN (3, 4)",
    "UPDATE events SET seq = 7 + seq WHERE seq < 0",
]
"""Swap events 3 and 4 without breaking the unique (case_id, seq) key."""

PROBLEMS = {
    "edited": (
        "{case}, event 3 (add_note) at position 3: was changed after it was recorded",
        "{case}: the case as stored differs from what its history records, in its "
        "notes: the case or its history was changed",
    ),
    "deleted": (
        "{case}, event 3 (add_incident) at position 4: records itself as event 4: an event was "
        "deleted, inserted or moved",
        "{case}, event 3 (add_incident) at position 4: does not follow event 2 (warn) as "
        "recorded: an event was deleted, inserted, reordered or changed",
        "{case}: the case as stored differs from what its history records, in its "
        "version and notes: the case or its history was changed",
    ),
    "reordered": (
        "{case}, event 3 (add_incident) at position 4: records itself as event 4: an event was "
        "deleted, inserted or moved",
        "{case}, event 3 (add_incident) at position 4: does not follow event 2 (warn) as "
        "recorded: an event was deleted, inserted, reordered or changed",
        "{case}, event 4 (add_note) at position 3: records itself as event 3: an event was "
        "deleted, inserted or moved",
        "{case}, event 4 (add_note) at position 3: does not follow event 3 (add_incident) as "
        "recorded: an event was deleted, inserted, reordered or changed",
        "{case}, event 4 (add_note) at position 3: is dated 2100-01-06T09:00:00+00:00, before "
        "event 3 (add_incident), dated 2100-01-07T09:00:00+00:00: its time was changed, or it was "
        "moved",
    ),
    "last deleted": (
        "{case}: the case as stored differs from what its history records, in its "
        "version, incidents and participants: the case or its history was changed",
    ),
    "snapshot edited": (
        "{case}: the case as stored differs from what its history records, in its "
        "customer: the case or its history was changed",
    ),
}
"""What verify reports once, in a case :func:`told` 3 steps (report,
warning, note, an incident after the warning), the note (event 3) is
edited, the note deleted, the note and that incident (event 4) swapped,
that incident deleted, or the snapshot's customer name edited (``{case}``
standing for "case ID"). Swapping the note and the incident leaves the same
case, so only the numbers and times say so."""

ROW_PROBLEMS = {
    "reordered": (
        "{case}, event 3 (add_note) at position 3: is filed as event 4: its filed position "
        "was changed outside the system",
        "{case}, event 4 (add_incident) at position 4: is filed as event 3: its filed position "
        "was changed outside the system",
    ),
}
"""What a SQL store reports instead of :data:`PROBLEMS` from its rows: with
the number columns of events 3 and 4 swapped (:data:`REORDER`), each event
is read in the place of the number it records for itself, which is signed
with it (7.4), so only each changed column is said, once; nothing is said
to be renumbered or retimed."""


def said(problems: Sequence[object], case_id: str) -> tuple[str, ...]:
    """``problems`` in words, with ``{case}`` for "case ``case_id``"."""
    return tuple(str(problem).replace(f"case {case_id}", "{case}") for problem in problems)


CUSTOMER = Customer("CRM-7", "Sam Taylor", "12 Week Street")
INCIDENT = Incident(Behaviour.THREATS, START, Channel.TELEPHONE, "Shouted threats.")


def told(
    store: Store, steps: int, key: bytes | Mapping[str, bytes] | None = None
) -> tuple[Casework, Case]:
    """A case reported and taken ``steps`` along: 3 adds a warning, the
    note "a careful note" and an incident after the warning (events 1 to 4),
    4 also designates.
    The customer is Sam Taylor."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock, audit_key=key)
    case = tell(casework, clock, CUSTOMER, INCIDENT, "a careful note", (CallTimeLimit(10),), steps)
    return casework, case


def written_unsigned(store: Store) -> Case:
    """A case of Sam Taylor's reported on ``store`` as someone with access
    to the database but not the audit key would write it, past every check
    of the key: its first event made without the key on a store of its
    own, chained onto ``store``'s feed and saved through ``store``'s unit of
    work."""
    own = MemoryStore()
    _, made = told(own, 0)
    (first,) = own.trail(made.id)[1]
    with store.unit_of_work() as work:
        event = next_event(
            None,
            first.case_id,
            first.kind,
            first.at,
            first.actor,
            first.data,
            feed_prev=work.feed_head(),
        )
        case = replay.apply(None, event)
        work.save(case, [event], expected_version=0)
    return case


def legacy(events: Sequence[AuditEvent]) -> list[AuditEvent]:
    """``events`` as the last release recorded them: no feed link, no key,
    no digest of the case each leaves, each hash the original SHA-256 over
    the full content."""
    before = GENESIS
    found = []
    for event in events:
        old = attrs.evolve(event, prev_hash=before, feed_prev=None, key_id=None, snapshot=None)
        old = attrs.evolve(
            old,
            hash=digest(old.case_id, old.seq, old.kind, old.at, old.actor, old.data, old.prev_hash),
        )
        found.append(old)
        before = old.hash
    return found
