"""How a case's audit events rebuild it.

Commands build an event, and :func:`apply` turns the case before it into the
case after it, with the change the command's registry entry gives
(:mod:`contactpolicy.audit.commands`). The service uses the very same
function, so replaying a case's history always reproduces its stored
snapshot; :func:`replay` does that, and :func:`contactpolicy.audit.verify.verify`
compares the two.
"""

from __future__ import annotations

from collections.abc import Iterable

import cattrs

from contactpolicy.audit.commands import REGISTRY
from contactpolicy.audit.events import AuditEvent
from contactpolicy.domain import authority, validation
from contactpolicy.domain.model import Case
from contactpolicy.domain.vocabulary import Command
from contactpolicy.errors import InvalidInput, StoreError

__all__ = ["apply", "replay"]


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


def replay(events: Iterable[AuditEvent]) -> Case | None:
    """The case its events describe, or ``None`` for no events.

    An event that cannot be applied is a :class:`StoreError` naming the case
    and the event, never a bare ``KeyError``.
    """
    case: Case | None = None
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
    return case
