"""Cases, notes and events as rows, and rows back into them, the same way in
every SQL store.

A ``cases`` row holds the snapshot *without its notes*: the notes are rows
of their own (``notes``), appended one per note, so a command on a case with
a long history writes what it adds rather than re-encoding every note
before it. Reading a case assembles the two.

Each row records the :data:`~contactpolicy.audit.codec.SCHEMA_VERSION` of the
JSON it holds. Opening a store migrates every row to the current version, so
a row at any other version was written by a different release of
contactpolicy and is refused (:class:`StoreDamaged`) rather than misread.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import attrs
import pendulum

from contactpolicy.audit import codec
from contactpolicy.audit.codec import case_document
from contactpolicy.audit.contacts import ContactLink, SignedContact
from contactpolicy.audit.events import GENESIS, AuditEvent, Problem, UnreadableEvent, event_name
from contactpolicy.audit.keys import key_id_problem
from contactpolicy.audit.seal import StoredContact
from contactpolicy.audit.verify import StoredTrail
from contactpolicy.domain import wording
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.follow_up import open_since
from contactpolicy.domain.model import Case, CaseSummary, Note
from contactpolicy.domain.notices import RecordSeal, Subscription
from contactpolicy.domain.safeguards import ActedOn
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import StoreDamaged, StoreError
from contactpolicy.stores.deliveries import read_subscription
from contactpolicy.stores.tokens import ApiToken, UnreadableToken

__all__ = [
    "SUBSCRIPTION",
    "TOKEN",
    "CaseRow",
    "ContactRow",
    "DecodedCases",
    "EventRow",
    "NoteRow",
    "awaiting_since",
    "case_document",
    "customer_named",
    "event_document",
    "filed",
    "note_document",
    "open_items_since",
    "read_acted_on",
    "read_case",
    "read_contact",
    "read_contact_key_id",
    "read_event",
    "read_history",
    "read_last_event",
    "read_note",
    "read_seal",
    "read_signed_contact",
    "read_summary",
    "read_token",
    "read_webhook",
    "readable_subscriptions",
    "readable_tokens",
    "record_name",
    "revoked_words",
    "scanned_contacts",
    "scanned_trails",
    "seal_columns",
    "token_row",
    "uninformed_since",
    "unreadable_token",
]

_T = TypeVar("_T")


def note_document(note: Note) -> str:
    """The JSON a ``notes`` row holds: one note of a case (7.4)."""
    return codec.dumps(note)


def event_document(event: AuditEvent) -> str:
    """The JSON an ``events`` row holds: the event without its feed position,
    which is the row's own key. Every byte of it is then part of the
    event's hashed content or its structure, but for the value of the
    digest of the case it leaves (``snapshot``: whether there is one is
    hashed), which ``verify`` checks against the case its history leaves
    there, so no edit goes unnoticed."""
    data = codec.unstructure(event)
    del data["position"]
    return codec.encode(data)


def customer_named(event: AuditEvent) -> str | None:
    """The customer reference ``event`` gives its case (7.4): a report's or
    a concern's customer (6.1), or the reference a correction moves the
    case to (``rectify`` of ``customer.id``); ``None`` for any other event.
    Stores index their events by it, so that the cases a customer's
    history names are found even when a case's own row is missing
    (``CaseStore.missing_cases``); the SQL stores' indexes say the same in
    SQL (``NAMED`` in :mod:`~contactpolicy.stores.sqlite` and
    :mod:`~contactpolicy.stores.postgres`)."""
    data = event.data
    customer = data.get("customer")
    if isinstance(customer, Mapping) and isinstance(customer.get("id"), str):
        return str(customer["id"])
    if data.get("field") == "customer.id" and isinstance(data.get("value"), str):
        return str(data["value"])
    return None


def awaiting_since(case: Case) -> pendulum.DateTime | None:
    """When the oldest decision the customer is owed was made: neither
    recorded as communicated to them nor as not told (6.3, 7.4, 8.1);
    ``None`` otherwise (:attr:`Case.awaiting_communication`). Stores keep
    it in a column of its own, indexed, for ``not_communicated``."""
    return case.awaiting_communication


def uninformed_since(case: Case) -> pendulum.DateTime | None:
    """When the latest decision was made, if it is one managers are told of
    and nobody is recorded as having told them (9.1); ``None`` otherwise
    (:attr:`Case.awaiting_managers`). Stores keep it in a column of its own,
    indexed, for ``not_informed``."""
    return case.awaiting_managers


def open_items_since(case: Case) -> pendulum.DateTime | None:
    """When the oldest item still waiting on the case was left: correspondence
    to read (5.1), a contact to act on (8.1, 6.3, 5.1), a new-issue marker
    (7.3) or a letter corrected since it was sent (7.4); ``None`` when none waits
    (:func:`~contactpolicy.domain.follow_up.open_since`). Stores keep it in
    a column of their own, indexed, for ``with_open_items``."""
    return open_since(case)


def read_case(document: str, schema_version: int, case_id: str, notes: Iterable[Note] = ()) -> Case:
    """The case a ``cases`` row holds, with its notes read from their rows;
    :class:`StoreDamaged` naming the case if it cannot be read."""
    _check_version(schema_version, case_id)
    case = _loads(document, Case, case_id, "the case")
    found = tuple(notes)
    return attrs.evolve(case, notes=found) if found else case


def read_summary(
    case_id: str,
    customer_id: str,
    customer_name: object,
    state: str,
    reported_at: str | datetime,
    review_due: str | date | None,
    issue: object,
    ends_on: str | date | None,
    schema_version: int,
) -> CaseSummary:
    """The summary a ``cases`` row's columns hold (the customer's name and
    the issue in columns of their own or read out of the document by the
    database). Times come as
    ISO 8601 text with an offset or as an aware ``datetime``, review dates
    and last days (``ends_on``, 6.4) as ``YYYY-MM-DD`` text or a ``date``,
    as the driver gives them; :class:`StoreDamaged` naming the case if any
    of them cannot be read."""
    if schema_version != codec.SCHEMA_VERSION:
        _check_version(schema_version, case_id)
    if not isinstance(customer_name, str) or not isinstance(issue, str):
        raise StoreDamaged("the case's document has no customer name or issue text", case_id)
    try:
        return CaseSummary(
            case_id,
            customer_id,
            customer_name,
            _STATES[state],
            _utc(reported_at),
            None if review_due is None else _day(review_due),
            issue,
            None if ends_on is None else _day(ends_on),
        )
    except (KeyError, ValueError, TypeError) as error:
        raise StoreDamaged(
            "the case's state, report time, review date or last day cannot be read", case_id
        ) from error


_STATES = {state.value: state for state in CaseState}
"""Each state by its stored value: a lookup several times faster than
calling the enumeration, on every row of a listing."""


def _utc(value: str | datetime) -> pendulum.DateTime:
    """An aware time as a pendulum time in UTC, built directly (several times
    faster than ``pendulum.instance``); ``ValueError`` without an offset."""
    at = datetime.fromisoformat(value) if isinstance(value, str) else value
    if at.tzinfo is not UTC:
        offset = at.utcoffset()
        if offset is None:
            raise ValueError("a time without an offset")
        at = at - offset
    # The time zone given by position: by keyword it costs half as much again.
    return pendulum.DateTime(
        at.year, at.month, at.day, at.hour, at.minute, at.second, at.microsecond, pendulum.UTC
    )


def _time_column(value: object) -> pendulum.DateTime | None:
    """A time column's value (ISO 8601 text with an offset, or an aware
    ``datetime``) in UTC; ``None`` for anything else, which cannot be read."""
    if not isinstance(value, str | datetime):
        return None
    try:
        return _utc(value)
    except ValueError:
        return None


def _day(value: str | date) -> pendulum.Date:
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return pendulum.Date(day.year, day.month, day.day)


def token_row(
    token: ApiToken,
) -> tuple[str, str, str, str, str, str | None, str | None, str | None, str | None, str | None]:
    """An API token's columns: id, digest, officer id, label, the times
    created and revoked as UTC text, which SQLite keeps and PostgreSQL reads
    into ``timestamptz``, who issued and who revoked it (``None`` when
    not known, or not revoked), and its seal's key id and digest (``None``
    when not sealed), the last four as they were added to the table after
    the others."""
    revoked = None if token.revoked_at is None else codec.utc_text(token.revoked_at)
    return (
        token.id,
        token.digest,
        token.officer_id,
        token.label,
        codec.utc_text(token.created_at),
        revoked,
        token.issued_by,
        token.revoked_by,
        *seal_columns(token.seal),
    )


def seal_columns(seal: RecordSeal | None) -> tuple[str | None, str | None]:
    """A record's seal as its two columns: the key id and the digest."""
    return (None, None) if seal is None else (seal.key_id, seal.digest)


def read_seal(key_id: Any, digest: Any) -> RecordSeal | None:
    """A seal from its two columns; ``None`` unless both hold text (a row
    with half a seal is not sealed)."""
    if isinstance(key_id, str) and isinstance(digest, str):
        return RecordSeal(key_id, digest)
    return None


def read_token(row: Sequence[Any]) -> ApiToken:
    """An API token from the columns :func:`token_row` gives, in that order;
    a row of the first six only, as a store kept them before it recorded
    who issued and revoked a token, reads with neither known (``None``),
    and one of the first eight, as kept before tokens were sealed, reads
    unsealed. Every column is read here, the one reader of a token row:
    a value of the wrong kind (a time that is not one, a number for an
    id, a seal's key id that is not one,
    :func:`~contactpolicy.audit.keys.key_id_problem`) is
    :class:`StoreDamaged` with what was wrong as its ``detail`` (7.4),
    never another error."""
    token_id, digest, officer_id, label, created_at, revoked_at, *more = row
    issued_by, revoked_by, key_id, sealed = (*more, None, None, None, None)[:4]
    texts = {"id": token_id, "digest": digest, "officer_id": officer_id, "label": label}
    wrong = [name for name, value in texts.items() if not isinstance(value, str)]
    if isinstance(key_id, str) and key_id_problem(key_id) is not None:
        wrong.append("seal_key_id")
    wrong += [
        name
        for name, value in (("issued_by", issued_by), ("revoked_by", revoked_by))
        if value is not None and not isinstance(value, str)
    ]
    created = _time_column(created_at)
    if created is None:
        wrong.append("created_at")
    revoked = None if revoked_at is None else _time_column(revoked_at)
    if revoked_at is not None and revoked is None:
        wrong.append("revoked_at")
    if wrong or created is None:
        raise StoreDamaged(
            f"an API token cannot be read: {_DAMAGED}",
            detail=f"api_tokens columns not readable: {', '.join(wrong)}",
        )
    return ApiToken(
        token_id,
        digest,
        officer_id,
        label,
        created,
        revoked,
        issued_by=issued_by,
        revoked_by=revoked_by,
        seal=read_seal(key_id, sealed),
    )


def read_webhook(row: Sequence[Any]) -> Subscription:
    """A webhook subscription from a ``webhooks`` row (its id, then its
    document); :class:`StoreDamaged` with the decoder's error as its
    ``detail`` if the document cannot be read, names another id or holds a
    seal whose key id is not one
    (:func:`~contactpolicy.audit.keys.key_id_problem`) (9.1, 7.4)."""
    subscription_id, document = row
    try:
        subscription = read_subscription(document)
    except StoreError as error:
        raise StoreDamaged(
            f"a webhook subscription cannot be read: {_DAMAGED}", detail=str(error.args[0])
        ) from error.__cause__
    if subscription.id != subscription_id:
        raise StoreDamaged(
            f"a webhook subscription cannot be read: {_DAMAGED}",
            detail="webhooks.id differs from the document's id",
        )
    sealed_under = None if subscription.seal is None else subscription.seal.key_id
    problem = None if sealed_under is None else key_id_problem(sealed_under)
    if problem is not None:
        raise StoreDamaged(
            f"a webhook subscription cannot be read: {_DAMAGED}",
            detail=f"the key id of the document's seal {problem}",
        )
    return subscription


TOKEN = "API token"
SUBSCRIPTION = "webhook subscription"
"""What :func:`readable_tokens` and :func:`readable_subscriptions` call
the records they name (:func:`record_name`)."""


def record_name(record: str, record_id: str) -> str:
    """How a problem names the record ``record`` (:data:`TOKEN`,
    :data:`SUBSCRIPTION`) kept under ``record_id``: its ``where``.

    >>> record_name(TOKEN, "tok_1")
    'API token tok_1'
    """
    return f"{record} {record_id}"


def revoked_words(revoked_at: pendulum.DateTime, revoked_by: str | None) -> str:
    """When and by whom a token was revoked, as ``token list`` and the
    problem of a token whose row cannot be read say it: ``revoked`` and the
    time in ISO 8601, then ``by OFFICER_ID``, or ``(revoker not recorded)``
    for a token revoked before the stores recorded who did (7.4).

    >>> revoked_words(pendulum.datetime(2026, 3, 2, 10), "lwong")
    'revoked 2026-03-02T10:00:00+00:00 by lwong'
    >>> revoked_words(pendulum.datetime(2026, 3, 2, 10), None)
    'revoked 2026-03-02T10:00:00+00:00 (revoker not recorded)'
    """
    by = "(revoker not recorded)" if revoked_by is None else f"by {revoked_by}"
    return f"revoked {revoked_at.isoformat()} {by}"


def readable_tokens(rows: Iterable[Sequence[Any]]) -> tuple[list[ApiToken], list[Problem]]:
    """The tokens of ``api_tokens`` rows (:func:`read_token`) the oldest
    first (then by id), and a problem naming each row that cannot be read:
    such a token gives no access (7.4). A row that cannot be read but whose
    revocation can (its ``revoked_at`` a time, its ``revoked_by`` text or
    empty) says so after, in :func:`revoked_words`: it was taken out of
    use, and its damage is still named."""
    found, problems = _readable(rows, read_token, TOKEN, _no_access)
    return sorted(found, key=lambda token: (token.created_at, token.id)), problems


def unreadable_token(row: Sequence[Any]) -> UnreadableToken | None:
    """The token of an ``api_tokens`` row as far as it can be read, when
    the row cannot be read whole (:func:`read_token`); ``None`` when it can.
    Its problem is the one :func:`readable_tokens` names the row with; its
    revocation and seal are read from their columns alone (7.4)."""
    problems = readable_tokens([row])[1]
    if not problems:
        return None
    revoked = _revocation(row)
    return UnreadableToken(
        row[0],
        problems[0],
        revoked=row[5] is not None,
        revoked_at=None if revoked is None else revoked[0],
        revoked_by=None if revoked is None else revoked[1],
        seal=read_seal(*(*row[8:], None, None)[:2]),
    )


def _revocation(row: Sequence[Any]) -> tuple[pendulum.DateTime, str | None] | None:
    """The time (UTC) and revoker of a token row's revocation, when its
    ``revoked_at`` column is a time and its ``revoked_by`` text or empty;
    ``None`` otherwise (not revoked, or either cannot be read)."""
    revoked_at = None if row[5] is None else _time_column(row[5])
    revoked_by = (*row[6:], None, None)[1]
    if revoked_at is None or not isinstance(revoked_by, str | None):
        return None
    return revoked_at, revoked_by


def _no_access(row: Sequence[Any]) -> str:
    """What a token whose row cannot be read no longer does, and, once
    revoked, when and by whom (7.4)."""
    revoked = _revocation(row)
    return "it gives no access" + ("" if revoked is None else f"; {revoked_words(*revoked)}")


def readable_subscriptions(
    rows: Iterable[Sequence[Any]],
) -> tuple[list[Subscription], list[Problem]]:
    """The subscriptions of ``webhooks`` rows (:func:`read_webhook`), in
    the rows' order, and a problem naming each row that cannot be read:
    nothing is sent to it (9.1, 7.4)."""
    return _readable(rows, read_webhook, SUBSCRIPTION, lambda _row: "nothing is sent to it")


def _readable(
    rows: Iterable[Sequence[Any]],
    read: Callable[[Sequence[Any]], _T],
    record: str,
    gives: Callable[[Sequence[Any]], str],
) -> tuple[list[_T], list[Problem]]:
    """The records ``read`` makes of ``rows`` (each row's first column its
    id), and a :class:`Problem` for each row it cannot read
    (:class:`StoreDamaged`): ``record`` and its id (or its number among the
    rows when the id itself is not text), "cannot be read", and what the
    record no longer does, ``gives`` of the row (7.4). One unreadable row
    neither hides the others nor stops a check."""
    found: list[_T] = []
    problems: list[Problem] = []
    for number, row in enumerate(rows, start=1):
        try:
            found.append(read(row))
        except StoreDamaged as error:
            name = row[0] if isinstance(row[0], str) else f"number {number}"
            problems.append(
                Problem(
                    record_name(record, name),
                    f"its record cannot be read: {_DAMAGED}; {gives(row)}",
                    detail=_detail(error),
                )
            )
    return found, problems


def read_note(document: str, schema_version: int, case_id: str) -> Note:
    """The note a ``notes`` row holds; :class:`StoreDamaged` naming the case
    if it cannot be read."""
    _check_version(schema_version, case_id)
    return _loads(document, Note, case_id, "a note of the case")


def read_event(
    document: str, schema_version: int, position: int, case_id: str, seq: int | None = None
) -> AuditEvent:
    """The event an ``events`` row holds, with its feed position;
    :class:`StoreDamaged` naming the case, and the event by the number its
    row is filed under (``seq``) when given, if it cannot be read, if that
    number is not a whole number, or if the key id it is signed under is
    not one (:func:`~contactpolicy.audit.keys.key_id_problem`: it would
    otherwise be asked for as a key) (7.4)."""
    _check_version(schema_version, case_id)
    if seq is not None and not _whole(seq):
        raise StoreDamaged(
            f"the event at position {position} of its history cannot be read: {_DAMAGED}; "
            "verify the audit trail to see all that was found",
            case_id,
            detail="events.seq is not a whole number",
        )
    what = (
        f"the event at position {position} of its history"
        if seq is None
        else f"event {seq} of its history"
    )
    event = _loads(document, AuditEvent, case_id, what)
    problem = None if event.key_id is None else key_id_problem(event.key_id)
    if problem is not None:
        raise StoreDamaged(
            f"{what} cannot be read: {_DAMAGED}; verify the audit trail to see all that was found",
            case_id,
            detail=f"the key id of the event's document {problem}",
        )
    return attrs.evolve(event, position=position)


def read_history(rows: Iterable[tuple[str, int, int, str, Any]]) -> list[AuditEvent]:
    """A case's events from its ``events`` rows (document, schema version,
    position, case id, number filed under), read in the order of the
    numbers they are filed under, oldest first; :class:`StoreDamaged`
    naming the case if a row cannot be read (:func:`read_event`) or is
    filed under a number other than the one its event records for itself
    (7.4): its place in the history is then not known, as for a row that
    cannot be read, and verify names it."""
    return [
        filed(read_event(document, version, position, case_id, seq), seq, case_id)
        for document, version, position, case_id, seq in rows
    ]


def filed(event: AuditEvent, seq: int, case_id: str) -> AuditEvent:
    """``event``, read from a row of ``case_id`` filed under the number
    ``seq``; :class:`StoreDamaged` if the event records another number for
    itself (7.4): its place in the history is not known, and whatever reads
    the case (its history, or a command taking its last event) is refused
    in the same words, which tell an operator to verify it."""
    if event.seq != seq:
        raise StoreDamaged(
            f"event {event.seq} of its history is filed as event {seq}: {_DAMAGED}; "
            "verify the audit trail to see all that was found",
            case_id,
            detail=_refiled(seq, event.seq),
        )
    return event


def read_last_event(case_id: str, row: Sequence[Any]) -> AuditEvent:
    """The event a case's history ends with, from the columns of its row
    joined to the case's (document, schema version, feed position and
    number, all ``None`` when the join found no event):
    :class:`StoreDamaged` naming the case if it has no events, or if the
    event cannot be read or is filed under another number (7.4)."""
    document, schema_version, position, seq = row
    if document is None:
        raise StoreDamaged("the case has no events", case_id)
    return filed(read_event(document, schema_version, position, case_id, seq), seq, case_id)


def _refiled(seq: int, own: int) -> str:
    """The technical account of an event row filed under another number."""
    return f"events.seq is {seq}; the event records {own}"


def _whole(value: object) -> bool:
    """Whether a number column holds a whole number (not a flag, text or a
    fraction, which SQLite keeps in any column)."""
    return isinstance(value, int) and not isinstance(value, bool)


def read_contact(document: str, schema_version: int) -> LoggedContact:
    """The entry a ``contact_log`` row holds; :class:`StoreDamaged` if it
    cannot be read."""
    _check_version(schema_version, None)
    return _loads(document, LoggedContact, None, "a contact log entry")


def read_acted_on(document: str) -> ActedOn:
    """The record kept with a contact log entry acted on
    (``record_acted_on``); :class:`StoreDamaged` if it cannot be read."""
    return _loads(document, ActedOn, None, "the record of a contact acted on")


def read_signed_contact(
    document: str, schema_version: int, seq: int, digest: str | None, key_id: str, prev: str | None
) -> SignedContact:
    """The signed entry a ``contact_log`` row holds, with the digest of the
    row before it in its customer's chain (``prev``, ``None`` for none);
    :class:`StoreDamaged` if it cannot be read."""
    return SignedContact(
        read_contact(document, schema_version), ContactLink(seq, digest, key_id), prev
    )


def read_contact_key_id(value: object) -> str:
    """The key id a contact log entry is signed under, read back from its
    column (``contact_log.key_id``) as one: :class:`StoreDamaged` saying
    what is wrong with it
    (:func:`~contactpolicy.audit.keys.key_id_problem`), never the value,
    if it is not one, rather than ask for a key under it or pass it to a
    store as a key id given (7.4).

    >>> read_contact_key_id("2027")
    '2027'
    >>> try:
    ...     read_contact_key_id("")
    ... except StoreDamaged as error:
    ...     print(error.detail)
    contact_log.key_id is empty or only spaces
    """
    problem = key_id_problem(value)
    if problem is not None:
        raise StoreDamaged(
            f"a contact log entry cannot be read: its key id {problem}: {_DAMAGED}; verify "
            "the audit trail to see all that was found",
            detail=f"contact_log.key_id {problem}",
        )
    return str(value)


def _loads(document: str, kind: type[_T], case_id: str | None, what: str) -> _T:
    """``document`` read as a ``kind``; :class:`StoreDamaged` saying
    ``what`` cannot be read, in words, with the decoder's error as its
    ``detail``."""
    try:
        return codec.loads(document, kind, case_id)
    except StoreError as error:
        raise StoreDamaged(
            f"{what} cannot be read: {_DAMAGED}; verify the audit trail to see all that was found",
            case_id,
            detail=str(error.args[0]).removeprefix(f"case {case_id!r}: "),
        ) from error.__cause__


def _check_version(schema_version: int, case_id: str | None) -> None:
    if schema_version != codec.SCHEMA_VERSION:
        raise StoreDamaged(
            f"a stored row has schema version {schema_version}, but this release of "
            f"contactpolicy reads version {codec.SCHEMA_VERSION}",
            case_id,
        )


class DecodedCases:
    """The cases a store last read or wrote, decoded, so a command on a case
    it has just handled does not decode the case's history again.

    An entry is used only while the stored rows are byte for byte the ones
    it was decoded from: the case row's version and document and the last
    event's document, which the unit of work reads anyway, or (:meth:`held`)
    by a writer that checks the row's version and document itself as it
    writes. At most ``size``
    cases are kept, the least recently used leaving first. Safe to share
    between threads.
    """

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[int, str, Case, str, AuditEvent]] = {}

    def get(
        self, case_id: str, version: int, document: str, last_event: str
    ) -> tuple[Case, AuditEvent] | None:
        """The decoded case and its last event, if they came from these rows."""
        with self._lock:
            entry = self._entries.pop(case_id, None)
            if entry is None:
                return None
            self._entries[case_id] = entry
        if entry[0] != version or entry[1] != document or entry[3] != last_event:
            return None
        return entry[2], entry[4]

    def put(self, case: Case, document: str, last_event: str, event: AuditEvent) -> None:
        """Remember ``case`` and its last ``event``, decoded from (or written
        as) ``document`` and ``last_event``."""
        with self._lock:
            self._entries.pop(case.id, None)
            self._entries[case.id] = (case.version, document, case, last_event, event)
            while len(self._entries) > self._size:
                del self._entries[next(iter(self._entries))]

    def held(self, case_id: str) -> tuple[Case, str, AuditEvent] | None:
        """The case kept for ``case_id``, the document it came from and its
        last event, whatever the stored rows are now: a writer that decides
        on it must check, as it writes, that the row still has that version
        and document."""
        with self._lock:
            entry = self._entries.get(case_id)
        return None if entry is None else (entry[2], entry[1], entry[4])

    def drop(self, case_id: str) -> None:
        """Forget ``case_id``'s case: its stored row has moved on."""
        with self._lock:
            self._entries.pop(case_id, None)

    def clear(self) -> None:
        """Forget every case."""
        with self._lock:
            self._entries.clear()


CaseRow = tuple[str, str, int, Mapping[str, Any]]
"""A ``cases`` row as a scan reads it: id, document, schema version, and
the indexed columns by name, as the store keeps them."""
EventRow = tuple[int, str, int, str, int]
"""An ``events`` row: position, case id, sequence number, document, schema version."""
NoteRow = tuple[str, int, str, int]
"""A ``notes`` row: case id, number, document, schema version."""
ContactRow = tuple[int, str, Any, str, int, int, str | None, str | None]
"""A ``contact_log`` row: id, customer id, time column, document, schema
version, number in the customer's chain, digest, key id."""


def scanned_trails(
    cases: Iterable[CaseRow],
    events: Iterable[EventRow],
    notes: Iterable[NoteRow],
    columns: Callable[[Case], Mapping[str, Any]],
) -> Iterator[StoredTrail]:
    """Each case's trail from its rows, all three read in case id order
    (events then by number, notes by number), as
    :class:`~contactpolicy.audit.verify.StoredTrail` with every problem found
    reading them: a row that cannot be read, an event whose columns say
    another case or number than its document (one filed under another
    number is read in the place of its own, :func:`_in_order`), notes not
    numbered from 1
    without a gap, events without a case or a case without events, and an
    indexed column that differs from what ``columns`` says the case's
    document gives it. Values are never repeated in a problem: they may be
    personal data."""
    streams = [
        itertools.groupby(cases, lambda row: row[0]),
        itertools.groupby(events, lambda row: row[1]),
        itertools.groupby(notes, lambda row: row[0]),
    ]
    heads: list[tuple[str, list[Any]] | None] = [_next_group(stream) for stream in streams]
    while any(head is not None for head in heads):
        case_id = min(head[0] for head in heads if head is not None)
        found: list[list[Any]] = []
        for index, head in enumerate(heads):
            if head is not None and head[0] == case_id:
                found.append(head[1])
                heads[index] = _next_group(streams[index])
            else:
                found.append([])
        yield _trail(case_id, found[0], found[1], found[2], columns)


def _next_group(stream: Iterator[tuple[str, Iterator[Any]]]) -> tuple[str, list[Any]] | None:
    group = next(stream, None)
    return None if group is None else (group[0], list(group[1]))


_COLUMN_WORDS = {
    "id": "case reference",
    "state": "state",
    "customer_id": "customer reference",
    "customer_name": "customer name",
    "issue": "issue",
    "review_due": "review date",
    "ends_on": "last day decided for the restrictions",
    "awaiting_since": "date it has awaited communication since",
    "uninformed_since": "date managers have not been informed since",
    "open_items_since": "date an item has waited on it since",
    "version": "version number",
    "reported_at": "report time",
}
"""What each column a store finds a case by holds, in the words of the
records officer (7.4): what the case is listed and searched under."""

_DAMAGED = "it was changed outside the system, or damaged"


def _trail(
    case_id: str,
    case_rows: list[CaseRow],
    event_rows: list[EventRow],
    note_rows: list[NoteRow],
    columns: Callable[[Case], Mapping[str, Any]],
) -> StoredTrail:
    where = f"case {case_id}"
    problems: list[Problem] = []
    notes: list[Note] = []
    for expected, (_, number, document, version) in enumerate(note_rows, start=1):
        if number != expected:
            problems.append(
                Problem(
                    f"{where}, note {expected}",
                    f"is filed as note {number}: a note was deleted, inserted or moved",
                    detail=f"notes.number is {number}, {expected} expected",
                )
            )
        try:
            notes.append(read_note(document, version, case_id))
        except StoreDamaged as error:
            problems.append(
                Problem(
                    f"{where}, note {expected}",
                    f"cannot be read: {_DAMAGED}",
                    detail=_detail(error),
                )
            )
    case = None
    unreadable = False
    if not case_rows:
        problems.append(Problem(where, _deleted_case(len(event_rows), len(note_rows))))
    else:
        _, document, version, found = case_rows[0]
        try:
            case = read_case(document, version, case_id, notes)
        except StoreDamaged as error:
            unreadable = True
            problems.append(
                Problem(where, f"the case cannot be read: {_DAMAGED}", detail=_detail(error))
            )
        else:
            differing = [name for name, value in columns(case).items() if found[name] != value]
            if case.id != case_id:
                differing.insert(0, "id")
            if differing:
                listed = wording.listing([_COLUMN_WORDS.get(name, name) for name in differing])
                agree = "matches" if len(differing) == 1 else "match"
                problems.append(
                    Problem(
                        where,
                        f"what it is listed and searched under was changed: the {listed} "
                        f"listed for it no longer {agree} the case",
                        detail=f"columns differ from the document: {', '.join(differing)}",
                    )
                )
    trail: list[AuditEvent | UnreadableEvent] = []
    for number, (position, _, seq, _, _), event in _in_order(case_id, event_rows):
        if isinstance(event, StoreDamaged):
            problems.append(
                Problem(
                    f"{where}, event {number}",
                    f"cannot be read: {_DAMAGED}",
                    position,
                    _detail(event),
                )
            )
            trail.append(UnreadableEvent(number, position, _detail(event)))
            continue
        if number != seq:
            problems.append(
                Problem(
                    event_name(case_id, number, event.kind),
                    f"is filed as event {seq}: its filed position was changed outside the system",
                    position,
                    _refiled(seq, number),
                )
            )
        elif (event.case_id, event.seq) != (case_id, seq):
            problems.append(
                Problem(
                    event_name(case_id, len(trail) + 1, event.kind),
                    "is filed under another case or number than it records: it was inserted, "
                    "copied or moved",
                    position,
                    f"the row says case {case_id} seq {seq}; the document says case "
                    f"{event.case_id} seq {event.seq}",
                )
            )
        trail.append(event)
    return StoredTrail(case_id, case, tuple(trail), tuple(problems), unreadable=unreadable)


def _in_order(
    case_id: str, rows: list[EventRow]
) -> list[tuple[int, EventRow, AuditEvent | StoreDamaged]]:
    """A case's event rows read, in the order of the history (7.4), each
    with the number it is named by and its event (or why it cannot be
    read). The number an event records for itself is signed with it, and
    its row's number column is not: an event of the case filed under
    another number is read in its own place, and named by its own number,
    when it follows the event recorded under the number before it (its
    ``prev_hash``) and no other row is filed under its number as its own,
    so one changed column is one problem (the events after it are not
    renumbered). An event whose own number was edited does not follow the
    one before that number, and a copy's number is another row's own: each
    stays where it is filed. Every other row is read as :func:`_in_place`
    places it."""
    read: list[tuple[int, EventRow, AuditEvent | StoreDamaged]] = []
    for number, row in _in_place(rows):
        position, _, seq, document, version = row
        try:
            read.append((number, row, read_event(document, version, position, case_id, seq)))
        except StoreDamaged as error:
            read.append((number, row, error))
    events = [(row, event) for _, row, event in read if isinstance(event, AuditEvent)]
    held = {event.seq for row, event in events if event.seq == row[2]}
    recorded = {(event.seq, event.hash) for _, event in events} | {(0, GENESIS)}

    def refiled(row: EventRow, event: AuditEvent) -> bool:
        return (
            event.case_id == case_id
            and event.seq != row[2]
            and event.seq not in held
            and (event.seq - 1, event.prev_hash) in recorded
        )

    placed = [
        (event.seq, row, event)
        if isinstance(event, AuditEvent) and refiled(row, event)
        else (number, row, event)
        for number, row, event in read
    ]
    return sorted(placed, key=lambda found: found[0])


def _in_place(rows: list[EventRow]) -> list[tuple[int, EventRow]]:
    """A case's event rows in the order of their numbers, each with the
    number it is named by. A row whose number column is not a whole number
    (:func:`read_event` cannot read it) keeps its place by its position in
    the history of all cases, before the first row after it, and is named
    by that place: the events after it keep their own numbers, and
    nothing is said to have moved that did not (7.4)."""
    placed = [row for row in rows if _whole(row[2])]
    for row in rows:
        if not _whole(row[2]):
            later = (index for index, other in enumerate(placed) if other[0] > row[0])
            placed.insert(next(later, len(placed)), row)
    return [
        (row[2] if _whole(row[2]) else number, row) for number, row in enumerate(placed, start=1)
    ]


def _detail(error: StoreDamaged) -> str:
    """The technical account of a row that cannot be read: the decoder's
    error, or the message itself (a row of another schema version)."""
    return error.detail if error.detail is not None else str(error.args[0])


def _deleted_case(events: int, notes: int) -> str:
    """What a case whose own row was deleted leaves (7.4): its history,
    its notes, or both."""
    left = (["its history"] if events else []) + (
        [f"{wording.count(notes, 'note')} of it"] if notes else []
    )
    verb = "is" if len(left) == 1 and notes < 2 else "are"
    deleted = "the case itself was" if events else "the case and its history were"
    return f"{deleted} deleted; {wording.listing(left)} {verb} left"


def scanned_contacts(
    rows: Iterable[ContactRow], at_column: Callable[[LoggedContact], Any]
) -> Iterator[StoredContact]:
    """Each contact log entry from its row, read in customer then chain
    order, with every problem found reading it: a row that cannot be read,
    a customer or time column that differs from its document (``at_column``
    gives the time column the store writes for an entry), or rows whose
    order of insertion is not their order in the chain. An entry whose key
    id is not one (:func:`read_contact_key_id`) cannot be read: it is not checked
    with a key under that id."""
    last_id: tuple[str, int] | None = None
    for row_id, customer_id, at, document, version, seq, digest, key_id in rows:
        where = f"contact log of customer {customer_id}, entry {seq}"
        problems: list[Problem] = []
        if last_id is not None and last_id[0] == customer_id and last_id[1] > row_id:
            problems.append(
                Problem(
                    where,
                    "was inserted before the entry before it",
                    detail="its row id is lower than the previous entry's",
                )
            )
        last_id = customer_id, row_id
        logged: LoggedContact | None = None
        try:
            logged = read_contact(document, version)
            if key_id is not None:
                read_contact_key_id(key_id)
        except StoreDamaged as error:
            logged = None
            problems.append(Problem(where, f"cannot be read: {_DAMAGED}", detail=_detail(error)))
        else:
            if logged.customer_id != customer_id or at_column(logged) != at:
                problems.append(
                    Problem(
                        where,
                        "the customer or time it is listed under was changed: it no longer "
                        "says what the entry says",
                        detail="customer or time column differs from the document",
                    )
                )
        yield StoredContact(customer_id, logged, ContactLink(seq, digest, key_id), tuple(problems))
