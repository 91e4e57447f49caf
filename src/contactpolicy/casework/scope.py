"""What a decision's restrictions reach, as its command is given it: the
services they cover, why they must be council-wide, and the agreed
reasonable adjustments (5.1, 4.2; ``docs/safeguards.md``).

The arguments of ``designate`` and of a review or appeal outcome that varies
the decision are checked here once, and the one :class:`Scope` says what
the event records and how the designation changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from contactpolicy.audit import codec
from contactpolicy.casework.arguments import unordered_sets
from contactpolicy.domain import preconditions as guards
from contactpolicy.domain.model import Designation
from contactpolicy.domain.restrictions import Restriction
from contactpolicy.domain.safeguards import Adjustment
from contactpolicy.domain.validation import (
    collection_field,
    optional_text_field,
    reason_field,
    require,
    service_field,
    service_key,
)
from contactpolicy.errors import Failure

__all__ = ["Scope"]

_COUNCIL_WIDE = reason_field("council_wide_because", "5.1", optional_text_field)
_SERVICES = unordered_sets(collection_field("services", "5.1", lambda at: service_field(at, "5.1")))


def _adjustment(field: str) -> Callable[[Any], Adjustment]:
    def check(value: Any) -> Adjustment:
        require(value, Adjustment, field, "4.2")
        return value  # type: ignore[no-any-return]

    return check


_ADJUSTMENTS = unordered_sets(collection_field("adjustments", "4.2", _adjustment))


def _once(services: Iterable[str]) -> tuple[str, ...]:
    """Each service once, as first written: two spellings of one service
    (:func:`~contactpolicy.domain.validation.service_key`) are one."""
    first: dict[str, str] = {}
    for service in services:
        first.setdefault(service_key(service), service)
    return tuple(first.values())


@attrs.frozen
class Scope:
    """What the restrictions of a decision reach: the services they cover
    (none: every service), why they must be council-wide, and the agreed
    adjustments. ``None`` for a part the caller leaves as it was."""

    services: tuple[str, ...] | None
    council_wide_because: str | None
    adjustments: tuple[Adjustment, ...] | None
    as_given: tuple[str, ...] = ()
    """The services in the order given, before each is kept once: an
    unknown one is named by its number here, as the officer typed them."""

    @classmethod
    def given(
        cls,
        services: Iterable[str] | None,
        council_wide_because: str | None,
        adjustments: Iterable[Adjustment] | None,
    ) -> Scope:
        """The arguments checked; services and adjustments each kept once."""
        council_wide_because = _COUNCIL_WIDE(council_wide_because)
        named = None if services is None else _SERVICES(services)
        if named is None and council_wide_because is not None:
            named = ()
        unique = None if named is None else _once(named)
        found = None if adjustments is None else tuple(dict.fromkeys(_ADJUSTMENTS(adjustments)))
        return cls(unique, council_wide_because, found, named or ())

    def failures(self, teams: Iterable[str], *, new: bool = False) -> list[Failure]:
        """5.1: services or a council-wide reason, one of them and not both,
        and each service one of the council's ``teams`` when it knows them
        (:func:`~contactpolicy.domain.preconditions.check_services_known`,
        9.1).

        A new designation (``new``) must give one (``scope_missing``); a
        variation that gives neither keeps the designation's scope."""
        if self.services is None and not new:
            return []
        services = self.services or ()
        return guards.check_scope(services, self.council_wide_because) + (
            guards.check_services_known(self.as_given, teams)
        )

    def encoded(self) -> dict[str, Any]:
        """The event's data: each part, or ``None`` to keep it."""
        return {
            "services": None if self.services is None else list(self.services),
            "council_wide_because": self.council_wide_because,
            "adjustments": None
            if self.adjustments is None
            else codec.unstructure(self.adjustments, tuple[Adjustment, ...]),
        }

    def given_any(self) -> bool:
        """Whether the caller changes any part."""
        return self.services is not None or self.adjustments is not None

    def applied(
        self, designation: Designation, restrictions: tuple[Restriction, ...] | None
    ) -> Designation:
        """``designation`` as this scope and ``restrictions`` change it."""
        changes: dict[str, Any] = {}
        if restrictions is not None:
            changes["restrictions"] = restrictions
        if self.services is not None:
            changes["services"] = self.services
            changes["council_wide_because"] = self.council_wide_because
        if self.adjustments is not None:
            changes["adjustments"] = self.adjustments
        return attrs.evolve(designation, **changes)
