"""Audit events and their chains.

Every successful command appends exactly one :class:`AuditEvent` to its case's
history. Each event's ``hash`` covers its content, the previous event of its
case (``prev_hash``) and the previous event of the store's whole feed
(``feed_prev``), so an edited, reordered or deleted event breaks a chain
(:func:`chain_problems` for a case; :mod:`contactpolicy.audit.seal` for the
feed). With an audit key the hash is an HMAC (:mod:`contactpolicy.audit.keys`),
which only the key's holder can recompute. Personal text is digested as a
per-field hash (:mod:`contactpolicy.audit.personal`), so it can later be
erased without breaking the chain.

Events recorded before the global chain existed (``feed_prev`` is ``None``)
keep their original digest, a SHA-256 over their full content, and verify
as unkeyed (``docs/audit.md``, "Upgrading").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs
import pendulum

from contactpolicy.audit import personal
from contactpolicy.audit.codec import encode, utc_text
from contactpolicy.audit.keys import UNKEYED, AuditKeys, UnknownKey

__all__ = [
    "GENESIS",
    "AuditEvent",
    "Problem",
    "Signatures",
    "UnreadableEvent",
    "canonical",
    "chain_problems",
    "digest",
    "erased_event",
    "event_name",
    "intact",
    "next_event",
    "personal_fields",
]

GENESIS = "0" * 64
"""The ``prev_hash`` of a case's first event, and the ``feed_prev`` of the
feed's first."""


@attrs.frozen(eq=True, hash=False)
class AuditEvent:
    """One entry of a case's history: who did what, when, with what data.

    ``seq`` counts from 1 within the case. ``data`` is JSON-compatible and
    holds everything the command changed, with ``state`` the case's state
    afterwards. ``position`` is the event's place in the store's global feed
    (0 until a store has saved it); it is not part of the hash, so an event
    hashes the same in every store. ``feed_prev`` is the hash of the event
    before it in the feed (``None`` for an event recorded before the feed was
    chained); ``key_id`` names the audit key its hash was made with
    (``None``: unkeyed, a SHA-256).

    ``snapshot`` is the SHA-256 of the case the event leaves, as its store
    keeps it in the case's own row (:func:`~contactpolicy.audit.codec.case_digest`:
    the case without its notes); ``None`` for an event recorded before
    events carried it. While the event is its case's last, a command and
    the point of contact decide on the stored case only if it has that
    digest (:func:`~contactpolicy.audit.replay.check_continues`, 7.4).
    Its value is not part of the hash: a purge that erases the case's text
    (7.2) restates it for the erased case, leaving the chains as they
    were, and ``verify`` checks each event's against the case its history
    leaves there. Whether the event carries one is part of the hash
    (:func:`digest`'s ``leaves``), so a digest deleted from a stored event
    makes the event read as changed, never as one recorded before events
    carried it.
    """

    case_id: str
    seq: int
    kind: str
    at: pendulum.DateTime
    actor: str
    data: Mapping[str, Any]
    prev_hash: str
    hash: str
    position: int = 0
    feed_prev: str | None = None
    key_id: str | None = None
    snapshot: str | None = None


@attrs.frozen
class UnreadableEvent:
    """An event whose stored row cannot be read (7.4): it keeps its place in
    its case's history (``seq``, the number its row is filed under) and in
    the history of all cases (``position``), so the events after it are
    named by their own numbers; the link from the event after it cannot be
    checked. ``detail`` is what the store found, for whoever repairs it."""

    seq: int
    position: int
    detail: str | None = None


@attrs.frozen
class Problem:
    """One thing verification found wrong (7.4), worded for the records
    officer: ``where`` (a case, one of its events named by its number in
    the case's history and its kind, the history of all cases, a seal, a
    customer's contact log), ``what`` was found (changed, deleted,
    inserted, reordered, unreadable), the ``position`` of the event
    concerned in the history of all cases when there is one, and the
    technical ``detail`` for whoever repairs the database (the columns,
    fields or error concerned), kept out of the sentence.

    >>> str(Problem("case C-1, event 3 (warn)", "was changed after it was recorded", 7))
    'case C-1, event 3 (warn) at position 7: was changed after it was recorded'
    """

    where: str
    what: str
    position: int | None = None
    detail: str | None = None

    def __str__(self) -> str:
        at = "" if self.position is None else f" at position {self.position}"
        return f"{self.where}{at}: {self.what}"


@attrs.define
class Signatures:
    """What a check found of each audit key given (7.4): by key id, how many
    records signed with it were checked, and the problem of each that its
    key did not verify. A key that verifies none of its records is not the
    key they were signed with (or every one of them was changed), which
    :meth:`settled` says once instead of naming each record as changed.

    >>> found = Signatures()
    >>> for seq in (1, 2):
    ...     found.record("default", Problem(f"case C-1, event {seq} (report)", "was changed"))
    >>> found.unmatched(), found.settled(found.changed["default"])[0].where
    (['default'], "the audit key given for key id 'default'")
    """

    checked: dict[str, int] = attrs.field(factory=dict)
    changed: dict[str, list[Problem]] = attrs.field(factory=dict)
    not_given: dict[str, int] = attrs.field(factory=dict)
    """By key id, how many records signed under it could not be checked,
    its key not given (7.4): not a problem found, but not checked."""

    def record_not_given(self, key_id: str) -> None:
        """Count a record signed under ``key_id``, whose key was not given."""
        self.not_given[key_id] = self.not_given.get(key_id, 0) + 1

    def unchecked(self) -> tuple[tuple[str, int], ...]:
        """The key ids whose key was not given, each with how many records
        signed under it could not be checked, by key id."""
        return tuple(sorted(self.not_given.items()))

    def record(self, key_id: str | None, problem: Problem | None) -> None:
        """Count a record checked with the key ``key_id`` (an unkeyed one,
        ``None``, is not counted), and its ``problem`` if the key did not
        verify it."""
        if key_id is None:
            return
        self.checked[key_id] = self.checked.get(key_id, 0) + 1
        if problem is not None:
            self.changed.setdefault(key_id, []).append(problem)

    def unmatched(self) -> list[str]:
        """The key ids whose key verified none of the records signed with it."""
        return [
            key_id
            for key_id, count in self.checked.items()
            if len(self.changed.get(key_id, ())) == count
        ]

    def settled(self, problems: Iterable[Problem]) -> list[Problem]:
        """``problems`` with the records of each key that verified none of
        them left out, and one problem for each such key first; a key that
        verified some of its records leaves each other one named as
        changed (that is tampering)."""
        unmatched = self.unmatched()
        if not unmatched:
            return list(problems)
        left_out = {problem for key_id in unmatched for problem in self.changed[key_id]}
        return [
            *(self._unmatched(key_id) for key_id in unmatched),
            *(problem for problem in problems if problem not in left_out),
        ]

    def _unmatched(self, key_id: str) -> Problem:
        count = self.checked[key_id]
        what = (
            "does not match the one record signed with it: it is not the key it was signed "
            "with (or the record was changed)"
            if count == 1
            else f"matches none of the {count:,} records signed with it: it is not the key "
            "they were signed with (or every one of them was changed)"
        )
        return Problem(f"the audit key given for key id {key_id!r}", what)


def canonical(content: Any) -> bytes:
    """``content`` as canonical JSON (keys sorted, compact, UTF-8): the one
    form every digest is taken over."""
    return encode(content).encode("utf-8")


def digest(
    case_id: str,
    seq: int,
    kind: str,
    at: pendulum.DateTime,
    actor: str,
    data: Mapping[str, Any],
    prev_hash: str,
    feed_prev: str | None = None,
    key_id: str | None = None,
    keys: AuditKeys = UNKEYED,
    fields: frozenset[personal.FieldPath] = personal.EVENT_FIELDS,
    *,
    leaves: bool = False,
) -> str:
    """An event's digest, as hex.

    With ``feed_prev`` (every event recorded now): an HMAC-SHA256 with the
    audit key ``key_id`` (a SHA-256 when ``None``) over canonical JSON of the
    content, the two previous hashes and the key id, with each personal field
    of ``data`` replaced by its own digest, and, for an event that records
    the digest of the case it leaves (``leaves``: its ``snapshot`` is
    given), a mark saying so (7.4). Without (an event recorded before
    the feed was chained): the original SHA-256 over the full content.
    ``fields`` are the personal fields (:func:`personal_fields` gives those
    a stored event was digested with).
    :class:`~contactpolicy.audit.keys.UnknownKey` if ``key_id`` is not in
    ``keys``.
    """
    content: dict[str, Any] = {
        "case_id": case_id,
        "seq": seq,
        "kind": kind,
        "at": utc_text(at),
        "actor": actor,
        "data": data,
        "prev_hash": prev_hash,
    }
    if feed_prev is None:
        return UNKEYED.mac(None, canonical(content))

    def field(path: str, value: Any) -> str:
        return keys.mac(key_id, canonical({"field": path, "value": value}))

    content |= {
        "data": personal.masked(data, fields, field),
        "feed_prev": feed_prev,
        "key_id": key_id,
    }
    if leaves:
        content["leaves"] = True
    return keys.mac(key_id, canonical(content))


# Why two sets of personal fields. An event's digest covers the hash of each
# personal field instead of its text, so the set of fields is part of how the
# digest is computed. Adding fields to it (the scope's reason, adjustments,
# the issue of a restriction) changes the digest of an event ALREADY
# written with text in them, so those events would no longer verify. No
# digest version is stored with an event (that would change the stored
# rows of every backend), and none is needed: the two sets give different
# digests only for an event holding text in a newly listed field, so the
# hash itself says which set was used. Verification tries the current set,
# then the earlier one (:data:`personal.EVENT_FIELDS_BEFORE_SCOPE`): a forger
# must still match one of two fixed digests of the same content, keyed as
# before, so nothing is weakened. An older event keeps the text of the newly
# listed fields, which its digest covers: a purge reports its case as kept
# (``PurgeReport.kept``) rather than break its chain.
_FIELD_SETS = (personal.EVENT_FIELDS, personal.EVENT_FIELDS_BEFORE_SCOPE)


def personal_fields(event: AuditEvent, keys: AuditKeys) -> frozenset[personal.FieldPath] | None:
    """The personal fields ``event``'s digest was made with, or ``None`` if
    it matches neither set (it was changed) or it was recorded before the
    feed was chained (digested over its full text).
    :class:`~contactpolicy.audit.keys.UnknownKey` if its key is not in
    ``keys``."""
    return _fields(event, keys, leaves=event.snapshot is not None)


def _fields(
    event: AuditEvent, keys: AuditKeys, *, leaves: bool
) -> frozenset[personal.FieldPath] | None:
    """:func:`personal_fields`, the event taken to record the digest of the
    case it leaves or not as ``leaves`` says."""
    if event.feed_prev is None:
        return None
    for fields in _FIELD_SETS:
        recomputed = digest(
            event.case_id,
            event.seq,
            event.kind,
            event.at,
            event.actor,
            event.data,
            event.prev_hash,
            event.feed_prev,
            event.key_id,
            keys,
            fields,
            leaves=leaves,
        )
        if recomputed == event.hash:
            return fields
    return None


def intact(event: AuditEvent, keys: AuditKeys) -> bool:
    """Whether ``event``'s hash is the digest its content gives, made with
    the key its ``key_id`` names (with either set of personal fields,
    :func:`personal_fields`): false if it was changed after it was
    recorded, or ``keys`` holds another key under that id.
    :class:`~contactpolicy.audit.keys.UnknownKey` if its key is not in
    ``keys``. An event recorded before the feed was chained never
    recorded the digest of the case it leaves: one that does was
    changed."""
    if event.feed_prev is not None:
        return personal_fields(event, keys) is not None
    if event.snapshot is not None:
        return False
    recomputed = digest(
        event.case_id,
        event.seq,
        event.kind,
        event.at,
        event.actor,
        event.data,
        event.prev_hash,
    )
    return recomputed == event.hash


def erased_event(event: AuditEvent, keys: AuditKeys) -> AuditEvent:
    """``event`` with the text of each personal field erased, keeping the
    field's digest (:func:`contactpolicy.audit.personal.erase`), so its
    :func:`digest`, and the chains through it, are unchanged (retention,
    7.2). An event recorded before the feed was chained (``feed_prev`` is
    ``None``) is digested over its full text and is returned as it is.
    :class:`~contactpolicy.audit.keys.UnknownKey` if the key the event was
    signed with is not in ``keys``."""
    if event.feed_prev is None:
        return event
    key_id = event.key_id
    fields = personal_fields(event, keys) or personal.EVENT_FIELDS

    def field(path: str, value: Any) -> str:
        return keys.mac(key_id, canonical({"field": path, "value": value}))

    return attrs.evolve(event, data=personal.erase(event.data, fields, field))


def next_event(
    previous: AuditEvent | None,
    case_id: str,
    kind: str,
    at: pendulum.DateTime,
    actor: str,
    data: Mapping[str, Any],
    *,
    feed_prev: str = GENESIS,
    keys: AuditKeys = UNKEYED,
    leaves: bool = False,
) -> AuditEvent:
    """The event that follows ``previous`` (``None`` for a case's first) in
    its case and the event whose hash is ``feed_prev`` in the feed (the
    unit of work's :meth:`~contactpolicy.stores.protocols.UnitOfWork.feed_head`),
    signed with the current key of ``keys``. ``leaves``: it will record
    the digest of the case it leaves (its ``snapshot``, which a store's
    :meth:`~contactpolicy.stores.protocols.UnitOfWork.record` gives it),
    and is hashed saying so (:func:`digest`), as every command's event is;
    an event saved without that digest is made without it."""
    seq = 1 if previous is None else previous.seq + 1
    prev_hash = GENESIS if previous is None else previous.hash
    key_id = keys.current
    return AuditEvent(
        case_id=case_id,
        seq=seq,
        kind=kind,
        at=at,
        actor=actor,
        data=data,
        prev_hash=prev_hash,
        hash=digest(
            case_id, seq, kind, at, actor, data, prev_hash, feed_prev, key_id, keys, leaves=leaves
        ),
        feed_prev=feed_prev,
        key_id=key_id,
    )


_CHANGED = "was changed after it was recorded"


def event_name(case_id: str | None, number: int, kind: str) -> str:
    """How a problem names an event (7.4): its case, its number in the
    case's history and its kind, the one way every check names it.

    >>> event_name("C-1", 3, "warn"), event_name(None, 2, "report")
    ('case C-1, event 3 (warn)', 'event 2 (report)')
    """
    named = f"event {number} ({kind})"
    return named if case_id is None else f"case {case_id}, {named}"


def chain_problems(
    case_id: str,
    events: Sequence[AuditEvent | UnreadableEvent],
    keys: AuditKeys = UNKEYED,
    signatures: Signatures | None = None,
) -> list[Problem]:
    """Every break in a case's chain, with the event's position: an event
    of another case, missing or out of order, not following the one
    before, dated before it, changed after it was recorded, recorded in an
    older or unkeyed form after the chain was keyed, or signed with a key
    not in ``keys`` (which cannot be checked). Empty if intact. An event
    that cannot be read (:class:`UnreadableEvent`, reported by the store
    that found it) keeps its place: the event after it is said, once, to
    follow it unchecked. Each event checked with a key is counted in
    ``signatures``, if given, for the caller to settle
    (:meth:`Signatures.settled`), and each signed with a key not in
    ``keys`` is counted there as not checked (:meth:`Signatures.unchecked`)
    rather than named: it was not found wrong, only not checked (7.4)."""
    problems: list[Problem] = []
    prev_hash = GENESIS
    previous: AuditEvent | UnreadableEvent | None = None
    chained = keyed = False
    for expected_seq, event in enumerate(events, start=1):
        if isinstance(event, UnreadableEvent):
            previous = event
            continue
        where = event_name(case_id, expected_seq, event.kind)

        def found(
            what: str, detail: str | None = None, event: AuditEvent = event, where: str = where
        ) -> None:
            problems.append(Problem(where, what, event.position or None, detail))

        if event.case_id != case_id:
            found(
                f"records itself as part of case {event.case_id!r}: it was moved or copied "
                "from another case"
            )
        if event.seq != expected_seq:
            found(
                f"records itself as event {event.seq}: an event was deleted, inserted or moved",
                f"seq is {event.seq}, {expected_seq} expected",
            )
        if isinstance(previous, UnreadableEvent):
            found(
                f"follows event {previous.seq}, which cannot be read, so its link could not "
                "be checked"
            )
        else:
            _link_problems(event, previous, prev_hash, expected_seq, found)
        if chained and event.feed_prev is None:
            found(
                "is in the form of events recorded before the upgrade, after others that are "
                "not: it was rewritten",
                "feed_prev is empty",
            )
        if keyed and event.key_id is None:
            found("is unkeyed, after events signed with the audit key: it was rewritten")
        chained = chained or event.feed_prev is not None
        keyed = keyed or event.key_id is not None
        try:
            unchanged = intact(event, keys)
        except UnknownKey as unknown:
            if signatures is not None:
                signatures.record_not_given(unknown.key_id)
            else:
                found(f"is signed with the audit key {unknown.key_id!r}, which was not given")
        else:
            changed = (
                None
                if unchanged
                else Problem(where, _CHANGED, event.position or None, _marked(event, keys))
            )
            if changed is not None:
                problems.append(changed)
            if signatures is not None:
                signatures.record(event.key_id, changed)
        prev_hash = event.hash
        previous = event
    return problems


def _marked(event: AuditEvent, keys: AuditKeys) -> str | None:
    """The technical account of a changed ``event`` whose hash is the one
    its content gives with the other answer to whether it records the
    digest of the case it leaves: that digest was deleted from it, or one
    added; ``None`` otherwise."""
    leaves = event.snapshot is None
    if event.feed_prev is None or _fields(event, keys, leaves=leaves) is None:
        return None
    return "its snapshot was deleted" if leaves else "a snapshot was added to it"


def _link_problems(
    event: AuditEvent,
    previous: AuditEvent | None,
    prev_hash: str,
    number: int,
    found: Callable[[str, str | None], None],
) -> None:
    """Whether ``event``, numbered ``number``, follows ``previous`` (whose
    hash is ``prev_hash``; ``None`` for the first) as recorded, and is not
    dated before it."""
    before = "" if previous is None else event_name(None, number - 1, previous.kind)
    if event.prev_hash != prev_hash:
        found(
            "is not the first event recorded for the case: an event before it was deleted"
            if previous is None
            else f"does not follow {before} as recorded: an event was deleted, inserted, "
            "reordered or changed",
            "prev_hash is not the hash of the event before it",
        )
    if previous is not None and event.at < previous.at:
        found(
            f"is dated {utc_text(event.at)}, before {before}, dated "
            f"{utc_text(previous.at)}: its time was changed, or it was moved",
            None,
        )
