"""Stored rows back into cases and events, the same way in every SQL store.

Each row records the :data:`~contactpolicy.audit.codec.SCHEMA_VERSION` of the JSON
it holds. Opening a store migrates every row to the current version, so a row
at any other version was written by a different release of contactpolicy and
is refused rather than misread.
"""

from __future__ import annotations

import attrs

from contactpolicy.audit import codec
from contactpolicy.audit.events import AuditEvent
from contactpolicy.domain.contact import LoggedContact
from contactpolicy.domain.model import Case
from contactpolicy.errors import StoreError

__all__ = ["event_document", "read_case", "read_contact", "read_event"]


def event_document(event: AuditEvent) -> str:
    """The JSON an ``events`` row holds: the event without its feed position,
    which is the row's own key. Every byte of it is then part of the
    event's hashed content or its structure, so no edit goes unnoticed."""
    data = codec.unstructure(event)
    del data["position"]
    return codec.dumps(data)


def read_case(document: str, schema_version: int, case_id: str) -> Case:
    """The case a ``cases`` row holds; :class:`StoreError` naming the case if
    it cannot be read."""
    _check_version(schema_version, case_id)
    return codec.loads(document, Case, case_id)


def read_event(document: str, schema_version: int, position: int, case_id: str) -> AuditEvent:
    """The event an ``events`` row holds, with its feed position;
    :class:`StoreError` naming the case if it cannot be read."""
    _check_version(schema_version, case_id)
    return attrs.evolve(codec.loads(document, AuditEvent, case_id), position=position)


def read_contact(document: str, schema_version: int) -> LoggedContact:
    """The entry a ``contact_log`` row holds; :class:`StoreError` if it cannot
    be read."""
    _check_version(schema_version, None)
    return codec.loads(document, LoggedContact, None)


def _check_version(schema_version: int, case_id: str | None) -> None:
    if schema_version != codec.SCHEMA_VERSION:
        raise StoreError(
            f"a stored row has schema version {schema_version}, but this release of "
            f"contactpolicy reads version {codec.SCHEMA_VERSION}",
            case_id,
        )
