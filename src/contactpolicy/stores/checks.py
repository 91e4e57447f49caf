"""Checks every store makes, so all refuse the same mistakes the same way.

Every store calls them at the top of each public method, before it reads or
writes anything, so the same bad call is the same :class:`InvalidInput` on
every store (the store contract pins it). A refused value is described by
its type and length, never repeated: it may be personal data.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import pendulum

from contactpolicy.audit import codec
from contactpolicy.audit.events import AuditEvent
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case
from contactpolicy.domain.notices import RecordSeal
from contactpolicy.domain.safeguards import ActedOn
from contactpolicy.domain.validation import (
    COMMAND_ID_LENGTH,
    IDENTIFIER_LENGTH,
    beyond,
    command_id_used,
    describe,
)
from contactpolicy.domain.vocabulary import CaseState
from contactpolicy.errors import CaseNotFound, ConcurrentUpdate, InvalidInput, StoreDamaged
from contactpolicy.stores.protocols import (
    AppliedCommand,
    ContactCommand,
    ErasedContact,
    Erasure,
    PurgeRun,
)
from contactpolicy.stores.tokens import ApiToken

__all__ = [
    "LIMIT",
    "LONGEST_WAIT",
    "POSITION",
    "check_acted_on",
    "check_as_of",
    "check_command_free",
    "check_command_id",
    "check_contact",
    "check_customer_ids",
    "check_erased",
    "check_erased_contact",
    "check_erasure",
    "check_feed",
    "check_id",
    "check_listing",
    "check_missing",
    "check_page",
    "check_purge_run",
    "check_revoked_at",
    "check_save",
    "check_schema",
    "check_seal",
    "check_seconds",
    "check_signed",
    "check_since",
    "check_token",
    "own_command",
]

T = TypeVar("T")

LIMIT = 10_000
"""The most events one ``events_since`` call, or cases one page of ``cases``
and ``summaries``, returns: a follower or a listing reads more a page at a
time."""

POSITION = 2**63 - 1
"""The highest feed position a store keeps (a signed 64-bit integer, the
largest every database's integer column holds)."""


def check_save(
    case: Case,
    events: Sequence[AuditEvent],
    expected_version: int,
    command: AppliedCommand | None = None,
) -> None:
    """The new events continue the case's sequence and the snapshot's version
    counts them, else :class:`StoreDamaged` (the data contradicts itself);
    the case's id, its customer's id and the command id pass
    :func:`check_id`, the report time can be kept in UTC, and all text can
    be stored, else :class:`InvalidInput`. Nothing has been written when
    either is raised."""
    if not events:
        raise StoreDamaged("a save must carry at least one event", case.id)
    if case.version != expected_version + len(events):
        raise StoreDamaged(
            f"version {case.version} does not follow version {expected_version} "
            f"with {len(events)} new event(s)",
            case.id,
        )
    for offset, event in enumerate(events, start=1):
        if event.case_id != case.id or event.seq != expected_version + offset:
            raise StoreDamaged(
                f"event {event.seq} of case {event.case_id!r} does not continue the history "
                f"at {expected_version + offset}",
                case.id,
            )
    check_id(case.id, "case.id")
    check_id(case.customer.id, "case.customer.id", "6.1")
    _check_instant(case.reported_at, "case.reported_at", "7.4")
    if command is not None:
        check_command_id(command.command_id)
    # Everything the snapshot holds came from its events (replay builds it
    # from them), so checking the new events' text checks the new snapshot.
    for event in events:
        where = f"event {event.seq}"
        _check_text(event.kind, where)
        _check_text(event.actor, where)
        _check_text(event.data, where)


def check_contact(logged: LoggedContact, command: ContactCommand | None = None) -> None:
    """A contact log entry is a :class:`LoggedContact` for a customer id
    :func:`check_id` accepts, made at a time every store can keep in UTC,
    and all its text can be stored, and the command it is logged under, if
    any, is a :class:`ContactCommand` whose id :func:`check_command_id`
    accepts; else :class:`InvalidInput`, and nothing has been written."""
    if not isinstance(logged, LoggedContact):
        raise InvalidInput("logged", f"must be a LoggedContact, got {describe(logged)}", "5.1")
    check_id(logged.customer_id, "logged.customer_id", "5.1")
    _check_instant(logged.contact.at, "logged.contact.at", "5.1")
    _check_instant(logged.logged_at, "logged.logged_at", "5.1")
    _check_text(codec.unstructure(logged), "contact")
    if command is not None:
        if not isinstance(command, ContactCommand):
            raise InvalidInput(
                "command", f"must be a ContactCommand, got {describe(command)}", "7.4"
            )
        check_command_id(command.command_id)


def check_id(value: Any, field: str, section: str = "", longest: int = IDENTIFIER_LENGTH) -> None:
    """An identifier a store keeps or looks up (a case id, a customer id, a
    command id): text of 1 to ``longest`` characters
    (:data:`~contactpolicy.domain.validation.IDENTIFIER_LENGTH` unless
    said), with something besides spaces, no NUL and no lone surrogate;
    else :class:`InvalidInput` naming ``field``.

    >>> check_id("C-1", "case_id")
    >>> check_id(["C-1"], "case_id")
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: case_id: must be text, got a list of 1 item
    """
    if not isinstance(value, str):
        raise InvalidInput(field, f"must be text, got {describe(value)}", section)
    if not value.strip() or len(value) > longest:
        raise InvalidInput(
            field,
            f"must be 1 to {longest} characters with something besides spaces, "
            f"got {describe(value)}",
            section,
        )
    _check_text(value, field)


def check_command_id(command_id: Any) -> None:
    """A command id a store keeps or looks up: :func:`check_id` with
    :data:`~contactpolicy.domain.validation.COMMAND_ID_LENGTH`."""
    check_id(command_id, "command_id", longest=COMMAND_ID_LENGTH)


def check_listing(state: Any, customer_id: Any, after: Any, limit: Any) -> None:
    """The arguments of ``cases`` and ``summaries``: ``state`` a
    :class:`CaseState` or ``None``, ``customer_id`` ``None`` or an id
    :func:`check_id` accepts, and the page (:func:`check_page`); else
    :class:`InvalidInput`."""
    if state is not None and not isinstance(state, CaseState):
        names = ", ".join(f"CaseState.{member.name}" for member in CaseState)
        raise InvalidInput("state", f"must be None or one of {names}, got {describe(state)}")
    if customer_id is not None:
        check_id(customer_id, "customer_id")
    check_page(after, limit)


def check_missing(customer_id: Any) -> None:
    """The argument of ``missing_cases``: ``None`` or a customer id
    :func:`check_id` accepts; else :class:`InvalidInput` (7.4)."""
    if customer_id is not None:
        check_id(customer_id, "customer_id", "7.4")


def check_as_of(as_of: Any) -> None:
    """The day of ``due_reviews``: a calendar date (a ``pendulum.Date`` or
    ``datetime.date``), never a date and time, which would compare
    differently in each store; else :class:`InvalidInput` (7.2).

    >>> check_as_of(pendulum.date(2026, 4, 30))
    >>> check_as_of(pendulum.datetime(2026, 4, 30))
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: [7.2] as_of: must be a date (pendulum.Date), got a DateTime
    """
    if not isinstance(as_of, datetime.date) or isinstance(as_of, datetime.datetime):
        raise InvalidInput("as_of", f"must be a date (pendulum.Date), got {describe(as_of)}", "7.2")


def check_since(since: Any) -> None:
    """The start of ``contacts``: ``None`` or a time-zone-aware
    ``pendulum.DateTime`` every store can keep in UTC; else
    :class:`InvalidInput` (5.1)."""
    if since is not None:
        _check_instant(since, "since", "5.1")


def check_customer_ids(customer_ids: Any) -> list[str]:
    """The customers of ``contacts_of``: a list, tuple, set or frozenset of
    ids :func:`check_id` accepts (text alone is refused, not read as its
    characters); else :class:`InvalidInput` naming ``customer_ids`` (5.1).
    Each id once, in the order first given.

    >>> check_customer_ids(["CRM-2", "CRM-1", "CRM-2"])
    ['CRM-2', 'CRM-1']
    >>> check_customer_ids(None)
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: [5.1] customer_ids: must be a list or set, got None
    """
    if not isinstance(customer_ids, list | tuple | set | frozenset):
        raise InvalidInput(
            "customer_ids",
            f"must be a list or set, got {describe(customer_ids)}",
            "5.1",
        )
    for customer_id in customer_ids:
        check_id(customer_id, "customer_ids", "5.1")
    return list(dict.fromkeys(customer_ids))


def check_token(token: Any) -> None:
    """An API token to keep: an :class:`~contactpolicy.stores.tokens.ApiToken`
    with an id, a 64-digit hex digest, an officer id and storable text, an
    aware creation time, and who issued and revoked it each ``None`` or an
    id (a revoker only with a time revoked); else :class:`InvalidInput`
    (6.1: the token acts for a directory's officer; 7.4: who issued and
    revoked it is recorded)."""
    if not isinstance(token, ApiToken):
        raise InvalidInput("token", f"must be an ApiToken, got {describe(token)}", "6.1")
    check_id(token.id, "token.id")
    check_id(token.officer_id, "token.officer_id", "6.1")
    if not isinstance(token.digest, str) or len(token.digest) != 64:
        raise InvalidInput("token.digest", "must be a SHA-256 as 64 hex digits")
    if not isinstance(token.label, str) or len(token.label) > IDENTIFIER_LENGTH:
        raise InvalidInput("token.label", f"must be text of at most {IDENTIFIER_LENGTH} characters")
    _check_text(token.label, "token.label")
    _check_instant(token.created_at, "token.created_at", "")
    if token.revoked_at is not None:
        _check_instant(token.revoked_at, "token.revoked_at", "")
    if token.issued_by is not None:
        check_id(token.issued_by, "token.issued_by", "7.4")
    if token.revoked_by is not None:
        check_id(token.revoked_by, "token.revoked_by", "7.4")
        if token.revoked_at is None:
            raise InvalidInput("token.revoked_by", "names a revoker of a token not revoked", "7.4")
    check_seal(token.seal, "token.seal")


def check_seal(seal: Any, field: str) -> None:
    """A record's seal to keep: ``None`` or a
    :class:`~contactpolicy.domain.notices.RecordSeal` of a key id and a
    digest of 64 hex digits; else :class:`InvalidInput` (7.4)."""
    if seal is None:
        return
    if (
        not isinstance(seal, RecordSeal)
        or not isinstance(seal.digest, str)
        or len(seal.digest) != 64
        or not set(seal.digest) <= _HEX_DIGITS
    ):
        raise InvalidInput(field, "must be None or a RecordSeal with 64 hex digits", "7.4")
    check_id(seal.key_id, f"{field}.key_id", "7.4")


_HEX_DIGITS = frozenset("0123456789abcdef")


def check_revoked_at(at: Any, by: Any = None) -> None:
    """When a token is revoked, an aware ``pendulum.DateTime``, and by whom,
    ``None`` or an officer's id; else :class:`InvalidInput`."""
    _check_instant(at, "at", "")
    if by is not None:
        check_id(by, "by", "7.4")


def _check_instant(at: Any, field: str, section: str) -> None:
    """A time-zone-aware ``pendulum.DateTime`` that is still a date and time
    when told in UTC (near year 1 or 9999 it may not be)."""
    if isinstance(at, pendulum.DateTime) and at.tzinfo is pendulum.UTC:
        return  # in UTC already, as every time the library makes is
    if not isinstance(at, pendulum.DateTime) or at.utcoffset() is None:
        raise InvalidInput(
            field, f"must be a time-zone-aware pendulum.DateTime, got {describe(at)}", section
        )
    try:
        at.astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        raise InvalidInput(
            field, "must be a time between the years 1 and 9999 in UTC, got one outside", section
        ) from None


def _check_text(data: Any, field: str) -> None:
    """Every string in ``data`` can be stored. PostgreSQL cannot keep the NUL
    character in text, so no store accepts it: what one store keeps, every
    store keeps. Lone surrogates are not Unicode text at all.

    Most data is plainly storable, which one pass at C speed shows; only
    data it cannot clear is walked, to name the field at fault. A string
    alone is checked directly, which is quicker than encoding it."""
    if isinstance(data, str) or not _plainly_storable(data):
        _walk_text(data, field)


_PLAIN = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def _plainly_storable(data: Any) -> bool:
    """Whether JSON-compatible ``data`` surely holds no NUL and no lone
    surrogate: its JSON text has no escaped NUL (``\\u0000``) and encodes as
    UTF-8. ``False`` leaves the answer to :func:`_walk_text` (a backslash
    followed by ``u0000`` in the text looks like a NUL here; a value JSON
    cannot hold is walked too)."""
    try:
        text = _PLAIN.encode(data)
    except (TypeError, ValueError):
        return False
    if "\\u0000" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _walk_text(data: Any, field: str) -> None:
    """:func:`_check_text` string by string, naming the field at fault."""
    if isinstance(data, str):
        if "\x00" in data:
            raise InvalidInput(
                field,
                "must not contain the NUL character (U+0000), which databases cannot store "
                f"in text; got {describe(data)}",
            )
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput(
                field, f"must be Unicode text, but holds a lone surrogate; got {describe(data)}"
            ) from None
    elif isinstance(data, Mapping):
        for key, value in data.items():
            _walk_text(key, field)
            _walk_text(value, f"{field}.{key}")
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            _walk_text(value, f"{field}[{index}]")


def check_page(after: Any, limit: Any) -> None:
    """The paging arguments of ``cases`` and ``summaries``: ``after`` ``None``
    or a case id :func:`check_id` accepts, ``limit`` ``None`` or a whole
    number from 1 to :data:`LIMIT`; else :class:`InvalidInput`."""
    if after is not None:
        check_id(after, "after")
    if limit is not None:
        _check_whole("limit", limit, 1, LIMIT)


def own_command(found: T | None, *, used: bool) -> T | None:
    """What a store answers for a command id it was asked about (a unit of
    work's and a contact unit's ``applied``, ``purge_run``): ``found``, the
    command of the kind asked about kept under the id, or ``None`` when the
    id is not ``used`` at all. Ids are unique in the store whatever the
    kind of command, so an id ``used`` by a command of another kind (a
    case's command, a contact's decision, a purge run) is
    :class:`InvalidInput` naming ``command_id`` (7.4), which names neither
    the id nor the command."""
    if found is None and used:
        raise command_id_used()
    return found


def check_command_free(*, used: bool) -> None:
    """Before a store keeps a command under an id (a case's event, a
    contact's decision, a purge run): an id already ``used`` by any command
    in the store, of whatever kind, is :class:`InvalidInput` naming
    ``command_id`` (7.4), and nothing is written."""
    if used:
        raise command_id_used()


LONGEST_WAIT = 2_147_483.647
"""The longest time limit a store accepts, in seconds (about 24.8 days):
PostgreSQL keeps ``lock_timeout`` and ``statement_timeout`` as whole
milliseconds in a 32-bit integer, at most 2,147,483,647."""


def check_seconds(
    name: str, value: float, *, or_zero: bool = False, shown: str | None = None
) -> float:
    """A time limit in seconds: a number above 0 (or 0 itself, no wait at
    all, with ``or_zero``) and at most :data:`LONGEST_WAIT` once rounded up
    to whole milliseconds (as a store sets it), else :class:`InvalidInput`
    naming the setting and the value given, or ``shown`` in its place (a
    URL's text, described as the URL's other refusals describe theirs,
    rather than the number it was read as).

    >>> check_seconds("lock_timeout", 1.5)
    1.5
    >>> check_seconds("lock_timeout", 3_000_000)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: lock_timeout: must be ... at most 2147483.647 ...
    """
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not (0 < value <= LONGEST_WAIT or (or_zero and value == 0))
        or math.ceil(value * 1000) > round(LONGEST_WAIT * 1000)
    ):
        least = "0 or more" if or_zero else "above 0"
        given = repr(value) if shown is None else shown
        raise InvalidInput(name, f"{_SECONDS.format(least=least)}, got {given}")
    return float(value)


_SECONDS = "must be a number of seconds {least} and at most " + f"{LONGEST_WAIT} (about 24.8 days)"


def check_feed(position: Any, limit: Any) -> None:
    """The arguments of ``events_since``: a position from 0 (the start of the
    feed) to :data:`POSITION` and a limit from 1 to :data:`LIMIT`; else
    :class:`InvalidInput`.

    >>> check_feed(0, 100)
    >>> try:
    ...     check_feed(0, 10**30)
    ... except InvalidInput as error:
    ...     print(error)
    limit: must be a whole number from 1 to 10000, got a number too large
    """
    _check_whole("position", position, 0, POSITION)
    _check_whole("limit", limit, 1, LIMIT)


def check_acted_on(contact_id: Any, acted: Any) -> None:
    """The arguments of ``record_acted_on``: a contact id from 1 to
    :data:`POSITION` (5.1) and an :class:`ActedOn` at a time every store can
    keep, whose text can be stored and whose command id, if any,
    :func:`check_command_id` accepts; else :class:`InvalidInput`."""
    _check_whole("contact_id", contact_id, 1, POSITION)
    if not isinstance(acted, ActedOn):
        raise InvalidInput("acted", f"must be an ActedOn, got {describe(acted)}", "7.4")
    _check_instant(acted.at, "acted.at", "7.4")
    _check_text(codec.unstructure(acted), "acted")
    if acted.command_id is not None:
        check_command_id(acted.command_id)


def check_signed(key_id: Any, limit: Any) -> None:
    """The arguments of ``signed_events``: a key id as an id
    (:func:`check_id`, naming ``key_id``, 7.4) and a limit from 1 to
    :data:`LIMIT`; else :class:`InvalidInput`.

    >>> check_signed("default", 5)
    >>> try:
    ...     check_signed("", 5)
    ... except InvalidInput as error:
    ...     print(error)
    [7.4] key_id: must be 1 to 200 characters with something besides spaces, got an empty str
    """
    check_id(key_id, "key_id", "7.4")
    _check_whole("limit", limit, 1, LIMIT)


def _check_whole(name: str, value: Any, least: int, most: int) -> None:
    """A whole number from ``least`` to ``most`` (``True`` is not a number
    here); a number refused is shown, being no one's personal data, unless
    it is too long to read."""
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        seen = repr(value) if isinstance(value, int | float) else describe(value)
        if len(seen) > 24:
            seen = beyond(value)
        raise InvalidInput(name, f"must be a whole number from {least} to {most}, got {seen}")


def check_schema(found: int, supported: int, where: str) -> None:
    """A database at a schema version newer than this release knows is
    refused: migrations only go forward, and reading a newer
    layout could lose data. Such a database is :class:`StoreDamaged` for this
    release: retrying will not help, upgrading will."""
    if found > supported:
        raise StoreDamaged(
            f"{where} has schema version {found}, but this release of contactpolicy "
            f"understands versions up to {supported}; upgrade contactpolicy to use it"
        )


def check_erasure(cases: Any, contacts: Any, run: Any = None) -> None:
    """The arguments of ``Store.erase``: sequences of :class:`Erasure` and
    :class:`ErasedContact`, each erasure's events its own case's, numbered
    from 1, and each case's text one a store can keep (7.2); ``run``
    ``None`` or a :class:`PurgeRun` (:func:`check_purge_run`)."""
    if run is not None:
        check_purge_run(run)
    for name, items, kind in (("cases", cases, Erasure), ("contacts", contacts, ErasedContact)):
        if not isinstance(items, Sequence) or not all(isinstance(item, kind) for item in items):
            raise InvalidInput(
                name, f"must be a sequence of {kind.__name__}, got {describe(items)}"
            )
    for erasure in cases:
        check_id(erasure.case.id, "case_id")
        numbers = [(event.case_id, event.seq) for event in erasure.events]
        expected = [(erasure.case.id, seq) for seq in range(1, len(erasure.events) + 1)]
        if not erasure.events or numbers != expected:
            raise StoreDamaged(
                "an erasure whose events are not its case's, in order", erasure.case.id
            )
        _check_text(codec.unstructure(erasure.case), "case")
    for entry in contacts:
        check_id(entry.customer_id, "customer_id", "5.1")
        check_contact(entry.logged)


def check_purge_run(run: Any) -> None:
    """A purge run's record (``Store.erase``): a :class:`PurgeRun` whose
    command id :func:`check_command_id` accepts and whose fingerprint and
    report are text a store can keep (7.2)."""
    if not isinstance(run, PurgeRun):
        raise InvalidInput("run", f"must be a PurgeRun or None, got {describe(run)}", "7.2")
    check_command_id(run.command_id)
    for name, value in (("fingerprint", run.fingerprint), ("report", run.report)):
        if not isinstance(value, str) or not value:
            raise InvalidInput(name, f"must be text, got {describe(value)}", "7.2")
        _check_text(value, "run")


def check_erased(erasure: Erasure, version: int | None, stored: Sequence[tuple[int, str]]) -> None:
    """That ``erasure`` rewrites the case as stored: ``version`` its stored
    version (``ConcurrentUpdate`` if not; ``None``, no case:
    ``CaseNotFound``), and ``stored`` the (number, digest) of each stored
    event, which erasing must not change (``StoreDamaged`` if they differ)."""
    case_id = erasure.case.id
    if version is None:
        raise CaseNotFound(case_id)
    if version != erasure.case.version:
        raise ConcurrentUpdate(case_id, erasure.case.version, version)
    if list(stored) != [(event.seq, event.hash) for event in erasure.events]:
        raise StoreDamaged("the case's events are not those erased", case_id)


def check_erased_contact(entry: ErasedContact, digest: str | None) -> None:
    """That the entry erased is stored with its digest (``None``: no such
    entry); ``StoreDamaged`` if not."""
    if digest != entry.digest:
        raise StoreDamaged("a contact log entry erased is not the one stored")
