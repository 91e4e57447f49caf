"""Seals and the check of a whole store.

A :class:`Seal` is the head of the global chain at a moment: the position and
hash of the feed's last event. The council keeps it outside the database
(printed in the monthly report, emailed to the Monitoring Officer, stored in
another system); as every event chains to the one before it in the feed,
a later check that finds the sealed event still at its position, with the
same hash, and the chain unbroken up to it, shows that nothing sealed was
changed, deleted or reordered since (7.4; ``docs/audit.md``).

:func:`verify_all` checks everything decisions depend on, reading each row
once: every case's chain, times and snapshot against its replayed history,
the indexed columns, the feed's chain and continuity, each seal, every
customer's contact log chain, and what the database's own check of its
storage finds (on SQLite, its indexes and file).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

import attrs
import pendulum

from contactpolicy.audit import codec
from contactpolicy.audit.contacts import ContactLink, contact_problems
from contactpolicy.audit.events import GENESIS, Problem, Signatures, UnreadableEvent, event_name
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.audit.verify import Moves, StoredTrail, verify_trail
from contactpolicy.domain import wording
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.validation import SCHEMA
from contactpolicy.errors import InvalidInput

__all__ = [
    "AuditScan",
    "Seal",
    "StoreVerification",
    "StoredContact",
    "verify_all",
]

_HEX = frozenset("0123456789abcdef")
DIGEST_LENGTH = 64
"""The hex digits of a seal's digest (SHA-256)."""


def _hex(value: object) -> object:
    """A digest as kept: hex digits in lower case (hex is read in either
    case: .NET's ``Convert.ToHexString`` writes upper case); anything else
    as given, for the seal to refuse."""
    if isinstance(value, str) and value.isascii():
        return value.lower()
    return value


@attrs.frozen
class Seal:
    """The head of the global audit chain: the feed ``position`` of its last
    event (0 for an empty store), that event's hash (``digest``, 64 hex
    digits, read in either case and kept in lower case) and when the seal
    was taken (``at``, UTC). Keep it outside the database; :meth:`to_json`
    and :meth:`from_json` write and read it.

    >>> seal = Seal(12, "ab" * 32, pendulum.datetime(2026, 1, 5, 9))
    >>> Seal.from_json(seal.to_json()) == seal
    True
    """

    position: int = attrs.field(metadata={SCHEMA: {"minimum": 0}})
    digest: str = attrs.field(
        converter=_hex,
        metadata={SCHEMA: {"pattern": f"^[0-9a-fA-F]{{{DIGEST_LENGTH}}}$"}},
    )
    at: pendulum.DateTime

    def to_json(self) -> str:
        """The seal as one line of JSON: ``position``, ``digest``, ``at``."""
        return json.dumps(
            {"position": self.position, "digest": self.digest, "at": codec.utc_text(self.at)}
        )

    @classmethod
    def from_json(cls, text: str) -> Seal:
        """The seal :meth:`to_json` wrote; anything else is ``InvalidInput``
        naming ``seal`` (7.4)."""
        try:
            data = json.loads(text)
            position, digest = data["position"], data["digest"]
            at = codec.structure(data["at"], pendulum.DateTime)
        except (ValueError, TypeError, KeyError, OverflowError, RecursionError) as error:
            # OverflowError: a time past year 9999 in its offset's direction;
            # RecursionError: JSON nested deeper than the decoder goes.
            raise InvalidInput(
                "seal",
                "must be the JSON a seal is written as, with its position, digest and at",
                "7.4",
            ) from error
        return cls(position, digest, at)

    def __attrs_post_init__(self) -> None:
        """A position that is not a whole number from 0, a digest that is not
        64 hex digits or a time that is not an aware
        ``pendulum.DateTime`` is ``InvalidInput`` naming ``seal`` (7.4)."""
        position: Any = self.position
        digest: Any = self.digest
        at: Any = self.at
        if isinstance(position, bool) or not isinstance(position, int) or position < 0:
            raise InvalidInput("seal", "its position must be a whole number from 0", "7.4")
        if not isinstance(digest, str) or len(digest) != DIGEST_LENGTH or not set(digest) <= _HEX:
            raise InvalidInput("seal", "its digest must be 64 hex digits", "7.4")
        if not isinstance(at, pendulum.DateTime) or at.tzinfo is None:
            raise InvalidInput("seal", "its time must be an aware pendulum.DateTime", "7.4")


@attrs.frozen
class StoredContact:
    """One contact log entry as a store read it for verification: the
    customer, the entry (``None`` if it cannot be read), its link in the
    customer's chain, and the problems the store found reading the row."""

    customer_id: str
    logged: LoggedContact | None
    link: ContactLink
    problems: tuple[Problem, ...] = ()


class AuditScan(Protocol):
    """Protocol: a store's rows read once, in one consistent read, for
    :func:`verify_all` (``Store.audit_scan``)."""

    def feed_end(self) -> int:
        """The highest feed position the store has handed out (its counter),
        0 for none."""
        ...

    def trails(self) -> Iterator[StoredTrail]:
        """Every case's trail, ordered by case id, read a page at a time;
        events whose case has no row come as a trail whose case is ``None``,
        with a problem saying so."""
        ...

    def contacts(self) -> Iterator[StoredContact]:
        """Every contact log entry, ordered by customer, then by its number
        in the customer's chain, read a page at a time."""
        ...

    def storage_problems(self) -> Sequence[Problem]:
        """What the database's own check of its storage finds wrong, each a
        problem of the store rather than of a case: an index that no longer
        holds what its table holds, through which a customer's cases, a
        listing or a command id would be looked up and missed (5.1, 7.4),
        or a damaged file. None where the store has no such check (a store
        in memory), or leaves it to the database's own tools (PostgreSQL)."""
        ...


@attrs.frozen
class StoreVerification:
    """The result of :func:`verify_all`: how many ``cases``, ``events`` and
    contact log entries (``contacts``) were checked, against how many
    ``seals``; every problem found, each with where it is and what differs;
    and whether an audit key was given and every event and entry was checked
    with it (``keyed``); the records that could not be checked, their key
    not given (``unchecked``). True when nothing was found and every record
    could be checked."""

    cases: int
    events: int
    contacts: int
    seals: int
    problems: tuple[Problem, ...]
    keyed: bool
    unchecked: tuple[tuple[str, int], ...] = ()
    """As :attr:`~contactpolicy.audit.verify.Verification.unchecked`: the
    key ids whose key was not given, each with how many records (events,
    contact log entries, seals of API tokens and webhook subscriptions)
    signed under it could not be checked (7.4)."""
    unmatched: tuple[str, ...] = ()
    """As :attr:`~contactpolicy.audit.verify.Verification.unmatched`: the
    key ids whose key given verified none of the records signed under it."""
    keys_given: tuple[str, ...] = ()
    """As :attr:`~contactpolicy.audit.verify.Verification.keys_given`: the
    key ids whose audit key was given."""

    @property
    def ok(self) -> bool:
        """Whether no problem was found and every record could be checked."""
        return not self.problems and not self.unchecked

    def __bool__(self) -> bool:
        return self.ok


Progress = Callable[[int, int], None]
"""Told ``(events checked, events in the store)`` as the check goes."""


def verify_all(
    scan: AuditScan,
    keys: AuditKeys,
    seals: Iterable[Seal] = (),
    progress: Progress | None = None,
    sealed_since: pendulum.DateTime | None = None,
    *,
    moves: Moves | None = None,
) -> StoreVerification:
    """Check everything the store holds (see the module's docstring).
    ``sealed_since`` is when the store's first API token or webhook
    subscription sealed with an audit key was created (``None``: none is):
    with the feed's first signed event and the contact log's first signed
    entry, it dates the store's first signed record, after which every
    contact log entry is to be signed (7.4)."""
    end = scan.feed_end()
    problems = list(scan.storage_problems())
    links: dict[int, _Link] = {}
    signed: dict[int, bool | None] = {}
    # The first event signed with the key, in the feed: its position and time.
    first_signed: tuple[int, pendulum.DateTime] | None = None
    cases = events = 0
    keyed = True
    signatures = Signatures()
    for trail in scan.trails():
        verification = verify_trail(trail, keys, signatures, moves=moves)
        problems += verification.problems
        keyed = keyed and verification.keyed
        cases += trail.case is not None or trail.unreadable
        events += len(trail.events)
        case_signed = False
        unread: int | None = None
        for number, event in enumerate(trail.events, start=1):
            if isinstance(event, UnreadableEvent):
                # Its case's check names it; in the feed it keeps its place.
                named = f"case {trail.case_id}, event {event.seq}"
                links[event.position] = _Link(None, None, named)
                unread = event.position
                continue
            named = event_name(trail.case_id, number, event.kind)
            links[event.position] = _Link(event.hash, event.feed_prev, named, unread)
            unread = None
            # None: unsigned after signed events of its own case, which the
            # case's own check reports.
            signed[event.position] = (
                True if event.key_id is not None else None if case_signed else False
            )
            case_signed = case_signed or event.key_id is not None
            if event.key_id is not None and (
                first_signed is None or event.position < first_signed[0]
            ):
                first_signed = (event.position, event.at)
        if progress is not None:
            progress(events, end)
    problems += _feed_problems(links, end)
    problems += _signing_problems(signed, links)
    checked = tuple(seals)
    problems += _seal_problems(links, checked)
    contacts, contacts_keyed = _contacts(
        scan.contacts(),
        keys,
        problems,
        signatures,
        [sealed_since, None if first_signed is None else first_signed[1]],
    )
    keyed = keys.keyed and keyed and contacts_keyed
    settled = tuple(signatures.settled(problems))
    return StoreVerification(
        cases,
        events,
        contacts,
        len(checked),
        settled,
        keyed,
        signatures.unchecked(),
        tuple(sorted(signatures.unmatched())),
        tuple(sorted(keys.by_id)),
    )


@attrs.frozen
class _Link:
    """An event's place in the history of all cases: its hash (``None``
    when its row cannot be read), the hash of the event it was recorded
    after (``None`` before the upgrade, or unreadable), and how problems
    name it (:func:`~contactpolicy.audit.events.event_name`), and the
    position of the event before it in its case when that cannot be read
    (its case's check says its link there could not be checked)."""

    hash: str | None
    feed_prev: str | None
    name: str
    after_unread: int | None = None


_HISTORY = "the history of all cases"
"""How a problem names the feed: every case's events in the order recorded."""


def _feed_problems(links: dict[int, _Link], end: int) -> list[Problem]:
    """The feed's continuity and chain: positions 1 to the last the counter
    handed out without a gap (so events deleted at the end show while the
    counter is left alone), each event following the one before it (one
    that follows another event, or is a copy of one, is named as reordered
    or inserted), and the events recorded before the chain all before it.
    An event that cannot be read keeps its place: the link from the event
    after it cannot be checked, which is said once (here, unless that event
    follows it in its own case too, whose check says so)."""
    problems: list[Problem] = []
    last = max(links, default=0)
    missing = [position for position in range(1, max(last, end) + 1) if position not in links]
    for start, stop in _runs(missing):
        what = (
            "the event recorded there was deleted"
            if start == stop
            else f"the {stop - start + 1} events recorded at positions {start} to {stop} "
            "were deleted"
        )
        problems.append(Problem(_HISTORY, what, start))
    if end < last:
        problems.append(
            Problem(
                _HISTORY,
                f"counts {wording.count(end, 'event')} recorded, but holds one at position "
                f"{last}: it was changed",
                detail=f"the feed's counter is at {end}",
            )
        )
    by_hash: dict[str, int] = {}
    for position in sorted(links):
        found = links[position].hash
        if found is not None:
            by_hash.setdefault(found, position)
    chained = False
    for position in sorted(links):
        link = links[position]
        if link.hash is None:
            continue
        if link.feed_prev is None:
            if chained:
                problems.append(
                    Problem(
                        link.name,
                        "is in the form of events recorded before the upgrade, after others "
                        "that are not: it was rewritten",
                        position,
                        "feed_prev is empty",
                    )
                )
            continue
        chained = True
        previous = links.get(position - 1)
        before = GENESIS if position == 1 else None if previous is None else previous.hash
        if previous is not None and before is None and link.after_unread != position - 1:
            problems.append(
                Problem(
                    link.name,
                    f"follows {previous.name} in the history of all cases, which cannot be "
                    "read, so its link there could not be checked",
                    position,
                )
            )
        if before is None:
            continue  # the gap is reported above
        if link.feed_prev != before:
            problems.append(
                Problem(link.name, _out_of_order(link, position, links, by_hash), position)
            )
    return problems


def _out_of_order(
    link: _Link, position: int, links: dict[int, _Link], by_hash: dict[str, int]
) -> str:
    """What an event that does not follow the one before it in the feed
    shows: a copy of another event (inserted), recorded after another
    event (reordered), or neither (changed, or the event before it was)."""
    original = by_hash[link.hash or ""]
    if original != position:
        return f"is a copy of {links[original].name} at position {original}: it was inserted"
    after = by_hash.get(link.feed_prev or "")
    if after is not None:
        return (
            f"was recorded after {links[after].name} at position {after}, not after the "
            "event now before it: the events were reordered"
        )
    return (
        "does not follow the event before it in the history of all cases: an event was "
        "deleted, inserted or changed"
    )


def _signing_problems(signed: dict[int, bool | None], links: dict[int, _Link]) -> list[Problem]:
    """Once the feed holds an event signed with the audit key, every event
    after it is signed too (7.4): one without the key after it was written
    by a ``Casework`` missing the key, or by someone with database access
    adding or rewriting a case at the end of the feed. (``None`` marks an
    unsigned event after signed ones of its own case: its case's check
    reports it.)"""
    problems: list[Problem] = []
    seen = False
    for position in sorted(signed):
        if signed[position]:
            seen = True
        elif seen and signed[position] is False:
            problems.append(
                Problem(
                    links[position].name,
                    "is not signed with the audit key, after events of other cases that are: "
                    "it was written without the key",
                    position,
                )
            )
    return problems


def _seal_problems(links: dict[int, _Link], seals: tuple[Seal, ...]) -> list[Problem]:
    """Each seal still a prefix of the chain: its event still there, with
    its hash: an event sealed and since deleted, or replaced, is named."""
    problems: list[Problem] = []
    last = max(links, default=0)
    for seal in seals:
        where = f"the seal of {codec.utc_text(seal.at)}"
        if seal.position == 0:
            continue
        if seal.position > last:
            problems.append(
                Problem(
                    where,
                    f"seals position {seal.position}, beyond the last event ({last}): "
                    "sealed events were deleted",
                    seal.position,
                )
            )
        elif seal.position not in links:
            problems.append(Problem(where, "the event it sealed was deleted since", seal.position))
        elif links[seal.position].hash is None:
            problems.append(
                Problem(
                    where,
                    f"the event there, {links[seal.position].name}, cannot be read, so it could "
                    "not be checked against the seal",
                    seal.position,
                )
            )
        elif links[seal.position].hash != seal.digest:
            problems.append(
                Problem(
                    where,
                    f"the event there, {links[seal.position].name}, is not the one sealed: "
                    "the history was rewritten since",
                    seal.position,
                )
            )
    return problems


def _contacts(
    entries: Iterator[StoredContact],
    keys: AuditKeys,
    problems: list[Problem],
    signatures: Signatures,
    signed: list[pendulum.DateTime | None],
) -> tuple[int, bool]:
    """Check every customer's chain, naming each entry logged without the
    key since the store's first signed record (as :func:`_signing_problems`
    names each event after the first signed one): the earliest of the
    times in ``signed`` (the feed's first signed event, the first sealed
    API token or webhook subscription; ``None`` for none) and the logged
    time of the log's first entry signed with a key. Add the problems,
    return the number of entries and whether all were checked with a
    key."""
    stored = list(entries)
    times = [each for each in signed if each is not None] + [
        entry.logged.logged_at
        for entry in stored
        if entry.logged is not None and entry.link.key_id is not None
    ]
    signed_since = min(times, default=None)
    count = 0
    keyed = True
    current: str | None = None
    chain: list[tuple[LoggedContact | None, ContactLink]] = []

    def close() -> None:
        nonlocal keyed
        if current is not None:
            found, chain_keyed = contact_problems(current, chain, keys, signatures, signed_since)
            problems.extend(found)
            keyed = keyed and chain_keyed

    for entry in stored:
        if entry.customer_id != current:
            close()
            current, chain = entry.customer_id, []
        problems.extend(entry.problems)
        chain.append((entry.logged, entry.link))
        count += 1
    close()
    return count, keyed


def _runs(numbers: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive numbers as (first, last) runs."""
    start = previous = None
    for number in numbers:
        if previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None and previous is not None:
            yield start, previous
        start = previous = number
    if start is not None and previous is not None:
        yield start, previous
