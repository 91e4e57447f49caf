"""How a case's audit events rebuild it.

Commands build an event, and :func:`apply` turns the case before it into the
case after it, with the change the command's registry entry gives
(:mod:`contactpolicy.audit.commands`). The service uses the very same
function, so replaying a case's history always reproduces its stored
snapshot; :func:`replay` does that, and :func:`contactpolicy.audit.verify.verify`
compares the two. A command decides on the stored snapshot, not a replay,
so :func:`check_continues` first checks it against what the history's last
event records of it (its state, its number and the digest of the case it
leaves, which its store records as it saves the event), at a cost that
does not grow with the history.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

import attrs
import cattrs

from contactpolicy.audit.codec import case_digest
from contactpolicy.audit.commands import REGISTRY
from contactpolicy.audit.events import AuditEvent, intact
from contactpolicy.audit.keys import AuditKeys, UnknownKey
from contactpolicy.domain import authority, validation
from contactpolicy.domain.model import Case
from contactpolicy.domain.vocabulary import CaseState, Command
from contactpolicy.errors import InvalidInput, StoreDamaged, StoreError

__all__ = [
    "apply",
    "check_continues",
    "kept_as_left",
    "leaving",
    "left",
    "replay",
    "restated",
    "trusted",
]

_STATES = frozenset(state.value for state in CaseState)


def apply(case: Case | None, event: AuditEvent) -> Case:
    """The case after ``event``; ``case`` is ``None`` for a ``report``.
    The case and the event's data were kept (:func:`validation.kept`):
    what the command was given was checked before its event was made.
    The event's officer took part in the case when its command is one
    that does (:func:`authority.took_part`, 8.1), whatever the command."""
    command = Command(event.kind)
    with validation.kept():
        after = REGISTRY[command].effect(case, event, event.data)
    return authority.took_part(after, event.actor, command)


def leaving(case: Case, event: AuditEvent) -> AuditEvent:
    """``event`` recording the digest of ``case``, the case it leaves (its
    ``snapshot``, :func:`~contactpolicy.audit.codec.case_digest`): what a
    store's ``UnitOfWork.record`` saves (7.4)."""
    return attrs.evolve(event, snapshot=case_digest(case))


_KEPT: weakref.WeakValueDictionary[str, Case] = weakref.WeakValueDictionary()
"""For the hash of each event a store recorded without yet taking the
digest of the case it leaves, that very case object (:func:`kept_as_left`)."""


def kept_as_left(case: Case, event: AuditEvent) -> None:
    """Note that ``case`` is the very object ``event`` leaves, as a store
    that keeps case objects (``MemoryStore``) keeps it when it records the
    event without yet taking its digest (``snapshot``), which it takes when
    the event is first read: until then :func:`check_continues` takes that
    object, and no other, for the case the event leaves (7.4). Nothing
    read from a database is such an object, so no edit of one can pass for
    it."""
    _KEPT[event.hash] = case


def replay(events: Iterable[AuditEvent]) -> Case | None:
    """The case its events describe, or ``None`` for no events.

    An event that cannot be applied is a :class:`StoreError` naming the case
    and the event, never a bare ``KeyError``.
    """
    return _replayed(events, digest=False)[0]


def left(events: Iterable[AuditEvent]) -> tuple[Case | None, list[str | None]]:
    """The case ``events`` describe (:func:`replay`), and for each event
    that records the digest of the case it leaves (``snapshot``) the digest
    of the case it leaves as the history replays (``None`` for an event
    recorded before events carried the digest): what ``verify`` compares
    each event's with (7.4)."""
    return _replayed(events, digest=True)


def restated(events: Iterable[AuditEvent]) -> tuple[Case | None, list[AuditEvent]]:
    """The case ``events`` describe (:func:`replay`), and the events with
    each that records the digest of the case it leaves (``snapshot``)
    recording that of the case it leaves now (:func:`left`): what a purge
    writes once it has erased their text (7.2), so that the case stays one
    commands and the point of contact decide on. An event recorded before
    events carried the digest is left without one."""
    listed = list(events)
    case, digests = left(listed)
    return case, [
        attrs.evolve(event, snapshot=digest) for event, digest in zip(listed, digests, strict=True)
    ]


def _replayed(
    events: Iterable[AuditEvent], *, digest: bool
) -> tuple[Case | None, list[str | None]]:
    case: Case | None = None
    digests: list[str | None] = []
    for event in events:
        try:
            case = apply(case, event)
        except (
            KeyError,
            ValueError,
            TypeError,
            AssertionError,
            InvalidInput,
            cattrs.BaseValidationError,
        ) as error:
            raise StoreError(
                f"event {event.seq} ({event.kind}) cannot be applied: {error!r}",
                event.case_id,
            ) from error
        if digest:
            digests.append(None if event.snapshot is None else case_digest(case))
    return case, digests


def check_continues(case: Case, last: AuditEvent, keys: AuditKeys) -> None:
    """Check that ``case``, as its store keeps it, is the case its history
    ends with: in the state the last event ``last`` records for it
    afterwards, at the version that counts ``last`` (its ``seq``), and
    with the digest ``last`` records of the case it leaves (its
    ``snapshot``, :func:`~contactpolicy.audit.codec.case_digest`: every
    field of the case but its notes, which are events of their own).
    Each event records these, so this reads one event whatever the length
    of the history. A stored case that disagrees (its state, version,
    designation, restrictions, review date or any other field edited in
    the database, or the row damaged) is :class:`StoreDamaged` naming the
    case and what differs, never personal data: a command decided on it
    would sign the edit into the audit trail, and the point of contact
    would apply restrictions that are not the ones decided (5.1, 7.4).
    The state and version are named when they differ; otherwise the
    document is.

    A ``last`` with no digest is checked for the state and version only
    if it is one recorded before events carried the digest, as its hash
    (with ``keys``, the audit keys) shows, until the case's next event;
    or if ``case`` is the very object it left, kept by a ``MemoryStore``
    that has not taken its digest yet (:func:`kept_as_left`). Any other
    (its digest deleted in the database, or the event otherwise changed,
    or signed with a key not in ``keys``, which cannot be checked) is
    :class:`StoreDamaged` naming the event.
    :func:`contactpolicy.audit.verify.verify` compares the whole case
    with its whole history.
    """
    recorded = last.data.get("state")
    if not isinstance(recorded, str) or recorded not in _STATES:
        recorded = "no state"
    differing = []
    if case.state.value != recorded:
        differing.append(f"state is {case.state.value}, the event records {recorded}")
    if case.version != last.seq:
        differing.append(f"version is {case.version}, the event's number {last.seq}")
    detail = "; ".join(differing)
    if not differing and last.snapshot is not None:
        found = case_digest(case)
        if found != last.snapshot:
            differing.append("document is not the one the event leaves")
            detail = f"document's SHA-256 is {found}, the event records {last.snapshot}"
    if differing:
        raise StoreDamaged(
            f"its stored record disagrees with the last event of its history (event "
            f"{last.seq}, {last.kind}): the record's {'; its '.join(differing)}: it was "
            "changed outside the system, or damaged, and nothing was written; verify the "
            "audit trail to see all that was found (7.4)",
            case.id,
            detail=f"cases row: {detail}",
        )
    if last.snapshot is None and _KEPT.get(last.hash) is not case:
        _recorded_without_digest(case.id, last, keys)


def _recorded_without_digest(case_id: str, last: AuditEvent, keys: AuditKeys) -> None:
    """Check that ``last``, a case's last event recording no digest of the
    case it leaves, was recorded so (before events carried it): its hash
    is the one its content gives without it. :class:`StoreDamaged` naming
    the event if not, or if it is signed with a key not in ``keys`` (7.4)."""
    event = f"the last event of its history (event {last.seq}, {last.kind})"
    try:
        if intact(last, keys):
            return
    except UnknownKey as unknown:
        raise StoreDamaged(
            f"{event} records no digest of the case it leaves and is signed with the audit key "
            f"{unknown.key_id!r}, which was not given, so the stored record cannot be checked "
            "against it, and nothing was written; give the audit key (7.4)",
            case_id,
            detail=f"events row: key id {unknown.key_id!r} not given",
        ) from unknown
    raise StoreDamaged(
        f"{event} records no digest of the case it leaves and is not as it was recorded, so "
        "the stored record cannot be checked against it: it was changed outside the system, "
        "or damaged, and nothing was written; verify the audit trail to see all that was "
        "found (7.4)",
        case_id,
        detail="events row: its hash is not the one its content gives",
    )


def trusted(
    found: Iterable[tuple[Case, AuditEvent]], keys: AuditKeys, *, heard: bool
) -> tuple[list[Case], list[str]]:
    """The cases of ``found`` (each with the event its history ends with)
    that are the ones their histories end with
    (:func:`check_continues`), and the ids of
    those that are not. A case whose record disagrees with its history is
    :class:`StoreDamaged` (7.4), unless the contact must be ``heard``
    whatever the customer's records (:func:`~contactpolicy.domain.contact.always_heard`):
    then it is left out, and its id returned, so that the contact is taken
    and escalated saying so (:func:`~contactpolicy.domain.contact.heard_despite`)
    rather than refused (5.1, 8.1)."""
    cases: list[Case] = []
    damaged: list[str] = []
    for case, last in found:
        try:
            check_continues(case, last, keys)
        except StoreDamaged:
            if not heard:
                raise
            damaged.append(case.id)
            continue
        cases.append(case)
    return cases, damaged
