"""Checks every store makes, so all refuse the same mistakes the same way."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from contactpolicy.audit import codec
from contactpolicy.audit.events import AuditEvent
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case
from contactpolicy.errors import InvalidInput, StoreDamaged
from contactpolicy.stores.protocols import AppliedCommand

__all__ = [
    "check_contact",
    "check_feed",
    "check_page",
    "check_save",
    "check_schema",
    "check_seconds",
    "check_unique_command",
]


def check_save(case: Case, events: Sequence[AuditEvent], expected_version: int) -> None:
    """The new events continue the case's sequence and the snapshot's version
    counts them, else :class:`StoreDamaged` (the data contradicts itself);
    all text can be stored, else :class:`InvalidInput`. Nothing has been
    written when either is raised."""
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
    # Everything the snapshot holds came from its events (replay builds it
    # from them), so checking the new events' text checks the new snapshot.
    for event in events:
        where = f"event {event.seq}"
        _check_text(event.kind, where)
        _check_text(event.actor, where)
        _check_text(event.data, where)


def check_contact(logged: LoggedContact) -> None:
    """All the text of a contact log entry can be stored, else
    :class:`InvalidInput`; nothing has been written."""
    _check_text(codec.unstructure(logged), "contact")


def _check_text(data: Any, field: str) -> None:
    """Every string in ``data`` can be stored. PostgreSQL cannot keep the NUL
    character in text, so no store accepts it: what one store keeps, every
    store keeps. Lone surrogates are not Unicode text at all."""
    if isinstance(data, str):
        if "\x00" in data:
            raise InvalidInput(
                field,
                "must not contain the NUL character (U+0000), which databases cannot store "
                f"in text; got {data[:60]!r}",
            )
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput(
                field, f"must be Unicode text, but holds a lone surrogate; got {data[:60]!r}"
            ) from None
    elif isinstance(data, Mapping):
        for key, value in data.items():
            _check_text(key, field)
            _check_text(value, f"{field}.{key}")
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            _check_text(value, f"{field}[{index}]")


def check_page(after: str | None, limit: int | None) -> None:
    """The paging arguments of ``cases``: ``after`` a case id or ``None``,
    ``limit`` a whole number of at least 1 or ``None``; else
    :class:`InvalidInput`."""
    if after is not None and not isinstance(after, str):
        raise InvalidInput("after", f"must be a case id, got a {type(after).__name__}")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise InvalidInput("limit", f"must be a whole number of at least 1, got {limit!r}")


def check_unique_command(command: AppliedCommand, found: AppliedCommand | None) -> None:
    """A ``command_id`` is used once per store: a second command under an id
    already saved is :class:`InvalidInput` (the service recognises a true
    repeat before it gets here)."""
    if found is not None:
        raise InvalidInput(
            "command_id",
            f"{command.command_id!r} was already used for another command on case "
            f"{found.case_id!r}; give each command its own id",
        )


def check_seconds(name: str, value: float) -> float:
    """A time limit in seconds: a number greater than 0, else
    :class:`InvalidInput` naming the setting.

    >>> check_seconds("lock_timeout", 1.5)
    1.5
    >>> check_seconds("lock_timeout", 0)
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: lock_timeout: must be a number of seconds above 0, got 0
    """
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1e9:
        raise InvalidInput(name, f"must be a number of seconds above 0, got {value!r}")
    return float(value)


def check_feed(position: int, limit: int) -> None:
    """The arguments of ``events_since``: a position of at least 0 (0 is the
    start of the feed) and a limit of at least 1; else :class:`InvalidInput`.

    >>> check_feed(0, 100)
    >>> check_feed(-1, 100)
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: position: must be a whole number of at least 0, got -1
    """
    for name, value, least in (("position", position, 0), ("limit", limit, 1)):
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise InvalidInput(name, f"must be a whole number of at least {least}, got {value!r}")


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
