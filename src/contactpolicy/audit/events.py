"""Audit events and their hash chain.

Every successful command appends exactly one :class:`AuditEvent` to its case's
history. Each event's ``hash`` covers its content and the previous event's
hash, so an edited, reordered or deleted event breaks the chain
(:func:`chain_problems`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import pendulum

from contactpolicy.audit.codec import utc_text

__all__ = ["GENESIS", "AuditEvent", "chain_problems", "digest", "next_event"]

GENESIS = "0" * 64
"""The ``prev_hash`` of a case's first event."""


@attrs.frozen(eq=True, hash=False)
class AuditEvent:
    """One entry of a case's history: who did what, when, with what data.

    ``seq`` counts from 1 within the case. ``data`` is JSON-compatible and
    holds everything the command changed, with ``state`` the case's state
    afterwards. ``position`` is the event's place in the store's global feed
    (0 until a store has saved it); it is not part of the hash, so an event
    hashes the same in every store.
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


def digest(
    case_id: str,
    seq: int,
    kind: str,
    at: pendulum.DateTime,
    actor: str,
    data: Mapping[str, Any],
    prev_hash: str,
) -> str:
    """The SHA-256 of an event's content, as hex, over canonical JSON."""
    content = {
        "case_id": case_id,
        "seq": seq,
        "kind": kind,
        "at": utc_text(at),
        "actor": actor,
        "data": data,
        "prev_hash": prev_hash,
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def next_event(
    previous: AuditEvent | None,
    case_id: str,
    kind: str,
    at: pendulum.DateTime,
    actor: str,
    data: Mapping[str, Any],
) -> AuditEvent:
    """The event that follows ``previous`` (``None`` for a case's first)."""
    seq = 1 if previous is None else previous.seq + 1
    prev_hash = GENESIS if previous is None else previous.hash
    return AuditEvent(
        case_id=case_id,
        seq=seq,
        kind=kind,
        at=at,
        actor=actor,
        data=data,
        prev_hash=prev_hash,
        hash=digest(case_id, seq, kind, at, actor, data, prev_hash),
    )


def chain_problems(case_id: str, events: Sequence[AuditEvent]) -> list[str]:
    """Every break in a case's hash chain, in plain English; empty if intact."""
    problems: list[str] = []
    prev_hash = GENESIS
    for expected_seq, event in enumerate(events, start=1):
        where = f"event {expected_seq} ({event.kind})"
        if event.case_id != case_id:
            problems.append(f"{where} belongs to case {event.case_id!r}")
        if event.seq != expected_seq:
            problems.append(f"{where} is numbered {event.seq}: an event is missing or out of order")
        if event.prev_hash != prev_hash:
            problems.append(f"{where} does not follow the event before it")
        recomputed = digest(
            event.case_id,
            event.seq,
            event.kind,
            event.at,
            event.actor,
            event.data,
            event.prev_hash,
        )
        if recomputed != event.hash:
            problems.append(f"{where} was changed after it was recorded")
        prev_hash = event.hash
    return problems
