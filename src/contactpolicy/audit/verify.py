"""Checking a case's audit trail.

A trail is intact when its chain is unbroken (:mod:`contactpolicy.audit.events`),
its events' times never go backwards, the stored case is exactly what its
events describe (:mod:`contactpolicy.audit.replay`), each event's digest
of the case it leaves is that of the case its history leaves there, and
the columns a store
indexes it by (customer, state, review date...) say what the case says, so
an edited, reordered or deleted event, an edited snapshot or an edited
column is found. Every problem is reported with where it is and what
differs (:class:`~contactpolicy.audit.events.Problem`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from contactpolicy.audit.events import (
    AuditEvent,
    Problem,
    Signatures,
    UnreadableEvent,
    chain_problems,
    event_name,
)
from contactpolicy.audit.keys import UNKEYED, AuditKeys
from contactpolicy.audit.replay import left
from contactpolicy.domain import wording
from contactpolicy.domain.model import Case
from contactpolicy.domain.vocabulary import CaseState, Command
from contactpolicy.errors import StoreError

__all__ = ["Moves", "Problem", "StoredTrail", "Verification", "verify", "verify_trail"]

Moves = Callable[[CaseState | None, Command, CaseState], bool]
"""Whether a command may take a case from one state (``None``: no case
yet) to another: :func:`contactpolicy.lifecycle.allows`, the lifecycle
being the one source of its transitions, above this layer."""


@attrs.frozen
class StoredTrail:
    """One case as a store read it for verification: its id, the case its
    row holds (``None`` if there is no row or it cannot be read), its events
    in order (each that cannot be read in its place, as an
    :class:`~contactpolicy.audit.events.UnreadableEvent`), the problems
    the store found reading the rows (a row that cannot be read, a column
    that disagrees with the case's document), and whether its row is there
    but ``unreadable`` (it still counts as a case checked)."""

    case_id: str
    case: Case | None
    events: tuple[AuditEvent | UnreadableEvent, ...]
    problems: tuple[Problem, ...] = ()
    unreadable: bool = False

    @property
    def deleted(self) -> bool:
        """Whether the case's own row is gone (not there at all, rather
        than there but unreadable)."""
        return self.case is None and not self.unreadable


@attrs.frozen
class Verification:
    """The result of :func:`verify`; true when the audit trail is intact.

    ``problems`` holds every problem found, each with where it is (and the
    event's feed position) and what was found; ``unchecked`` the records
    that could not be checked, their key not given (a keyed store read
    without its key, or without a key retired by a rotation). ``keyed`` is true when an
    audit key was given and every event there is was checked with it (7.4;
    a case whose events were all deleted is reported as a deletion, and
    stays keyed): an unkeyed trail shows
    accidental damage and naive edits, but someone with write access to the
    database could have rewritten it consistently (``docs/audit.md``).
    """

    case_id: str
    events: int
    problems: tuple[Problem, ...]
    keyed: bool = False
    unchecked: tuple[tuple[str, int], ...] = ()
    """The key ids whose key was not given, each with how many records
    signed under it could not be checked (7.4): none found wrong, none
    checked."""
    unmatched: tuple[str, ...] = ()
    """The key ids whose key was given but verified none of the records
    signed under it (7.4): those records could not be told from changed
    ones, so they were not checked with the key."""
    keys_given: tuple[str, ...] = ()
    """The key ids whose audit key was given, in order (7.4): none when the
    trail was read without a key, so that "no key given" reads apart from
    "not every key given" (``unchecked`` names the key ids missing)."""

    @property
    def ok(self) -> bool:
        """Whether no problem was found and every record could be checked."""
        return not self.problems and not self.unchecked

    def __bool__(self) -> bool:
        return self.ok


def verify(
    case: Case,
    events: Sequence[AuditEvent],
    keys: AuditKeys = UNKEYED,
    found: Sequence[Problem] = (),
    *,
    moves: Moves | None = None,
) -> Verification:
    """Every problem with the trail of ``case``, checked with ``keys``, and
    the problems a store ``found`` reading its rows; with ``moves``, each
    event's move of the case's state checked with it (``Casework.verify``
    gives the lifecycle's)."""
    return verify_trail(StoredTrail(case.id, case, tuple(events), tuple(found)), keys, moves=moves)


def verify_trail(
    trail: StoredTrail,
    keys: AuditKeys = UNKEYED,
    signatures: Signatures | None = None,
    *,
    moves: Moves | None = None,
) -> Verification:
    """Every problem with a case's trail as a store read it (see :func:`verify`).

    A key that verifies none of the case's events signed with it is one
    problem saying so, not each event named as changed
    (:class:`~contactpolicy.audit.events.Signatures`). With ``signatures``
    the events are counted there instead, and the caller settles them over
    everything it checks (the whole store's check does), and says which
    could not be checked (``unchecked`` is then left empty here).

    With ``moves``, an event that takes the case from the state the event
    before it records to one the lifecycle does not allow for its command
    is a problem naming the event: a command decided on a case whose row
    was changed outside the system signs such a move (7.4).
    """
    counted = Signatures() if signatures is None else signatures
    broken = chain_problems(trail.case_id, trail.events, keys, counted)
    problems = [*trail.problems, *broken]
    if moves is not None:
        problems += _move_problems(trail.case_id, trail.events, moves)
    where = f"case {trail.case_id}"
    readable = [event for event in trail.events if isinstance(event, AuditEvent)]
    unreadable = [event for event in trail.events if isinstance(event, UnreadableEvent)]
    if not trail.events:
        # A deleted case says what is left of it where the store found it.
        if not trail.deleted:
            problems.append(Problem(where, "its history was deleted: the case has no events left"))
    elif unreadable:
        if trail.case is not None:
            problems.append(
                Problem(
                    where,
                    f"its history cannot be replayed past event {unreadable[0].seq}, which "
                    "cannot be read, so the case as stored could not be checked against it",
                )
            )
    elif trail.case is not None:
        try:
            replayed, digests = left(readable)
        except StoreError as error:
            problems.append(
                Problem(
                    where,
                    "its history does not make a case: an event was changed or deleted",
                    detail=error.args[0],
                )
            )
        else:
            if not broken:
                problems += _snapshot_problems(trail.case_id, readable, digests)
            differing = _differences(trail.case, replayed)
            if differing:
                problems.append(
                    Problem(
                        where,
                        "the case as stored differs from what its history records, in its "
                        f"{wording.listing([wording.words(name) for name in differing])}: "
                        "the case or its history was changed",
                        detail=f"fields differ: {', '.join(differing)}",
                    )
                )
    # A case whose events were all deleted has nothing unkeyed left: its
    # deletion is reported above, and says nothing of the key.
    keyed = keys.keyed and all(
        event.key_id is not None and event.key_id in keys.by_id for event in readable
    )
    if signatures is None:
        problems = counted.settled(problems)
    unchecked = counted.unchecked() if signatures is None else ()
    unmatched = tuple(sorted(counted.unmatched())) if signatures is None else ()
    return Verification(
        trail.case_id,
        len(trail.events),
        tuple(problems),
        keyed,
        unchecked,
        unmatched,
        tuple(sorted(keys.by_id)),
    )


def _snapshot_problems(
    case_id: str, events: Sequence[AuditEvent], digests: Sequence[str | None]
) -> list[Problem]:
    """The first of ``events`` whose digest of the case it leaves (its
    ``snapshot``) is not the one ``digests`` gives it (the digest of the
    case each leaves as the history replays,
    :func:`~contactpolicy.audit.replay.left`), if any (7.4).
    The digest is not part of an event's hash, so this is how an edit of
    it is found; the events after such an event leave other cases too, and
    are not named again. Only asked of a chain found unbroken: an event
    found changed already accounts for the digests after it."""
    for number, (event, expected) in enumerate(zip(events, digests, strict=True), start=1):
        if event.snapshot != expected:
            return [
                Problem(
                    event_name(case_id, number, event.kind),
                    "records a digest of the case it leaves that is not that of the case its "
                    "history replays to: it, or an event before it, was changed after it was "
                    "recorded",
                    event.position or None,
                    f"snapshot is {event.snapshot}, {expected} expected",
                )
            ]
    return []


def _differences(stored: Case, replayed: Case | None) -> list[str]:
    """The names of the case's fields that differ, or none."""
    return [
        field.name
        for field in attrs.fields(Case)
        if replayed is None or getattr(stored, field.name) != getattr(replayed, field.name)
    ]


_STATES = {state.value: state for state in CaseState}
_COMMANDS = {command.value: command for command in Command}


def _move_problems(
    case_id: str, events: Sequence[AuditEvent | UnreadableEvent], moves: Moves
) -> list[Problem]:
    """Each event, in its own place, whose move from the state the event
    before it left the case in is not one ``moves`` allows. An event after
    one that cannot be read, or out of its place, is not checked: what
    came before it is not known (the chain's check names it), nor is one
    whose kind or state is none the lifecycle knows (the replay names it)."""
    problems: list[Problem] = []
    before: CaseState | None = None
    known = True
    for number, event in enumerate(events, start=1):
        if isinstance(event, UnreadableEvent):
            known = False
            continue
        state = event.data.get("state")
        after = _STATES.get(state) if isinstance(state, str) else None
        command = _COMMANDS.get(event.kind)
        if after is None or command is None or event.seq != number:
            known = False
            continue
        if known and not moves(before, command, after):
            opened = (
                f"opening the case as {wording.name(after)}"
                if before is None
                else f"taking the case from {wording.name(before)} to {wording.name(after)}"
            )
            problems.append(
                Problem(
                    event_name(case_id, number, event.kind),
                    f"records {event.kind} {opened}, which the lifecycle does not allow: it was "
                    "decided on a case changed outside the system, or changed since",
                    event.position or None,
                    f"state {None if before is None else before.value} -> {after.value}",
                )
            )
        before, known = after, True
    return problems
