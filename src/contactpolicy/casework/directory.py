"""The officer directory: who works for the council, and in which roles.

Given to :class:`~contactpolicy.casework.Casework` as ``officers=``, it is
authoritative: the acting officer must be in it and their roles are the
directory's, not those of the object passed in (6.1); restrictions may name
only officers in it (5.1); and a named officer who leaves it is a work item
on every case naming them. An officer whose roles together let them both
designate and decide appeals is refused unless the policy says why (8.1).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from contactpolicy.domain.authority import blurred
from contactpolicy.domain.model import Officer
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.validation import describe, require
from contactpolicy.errors import InvalidInput

__all__ = ["directory"]


def directory(
    officers: Mapping[str, Officer] | Iterable[Officer], policy: Policy
) -> Mapping[str, Officer]:
    """``officers`` by id, read-only: a mapping of id to :class:`Officer`
    (each under its own id) or any collection of officers, each id once;
    anything else is :class:`InvalidInput` naming ``officers`` (6.1). So is
    an officer who under ``policy`` may both designate and decide appeals
    with no reason given (:func:`~contactpolicy.domain.authority.blurred`,
    8.1), named by id with their roles.

    >>> from contactpolicy.domain.vocabulary import Role
    >>> apatel = Officer("apatel", "Asha Patel", {Role.DECISION_MAKER, Role.APPEAL_DECIDER})
    >>> from contactpolicy.domain.policy import MAIDSTONE
    >>> directory([apatel], MAIDSTONE)
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: [8.1] officers: officer 'apatel', holding decision_maker \
and appeal_decider, may designate and decide appeals, so could hear appeals against decisions \
of their own kind: state why in appeal_decider_designates_because
    """
    if isinstance(officers, str | bytes) or not isinstance(officers, Iterable | Mapping):
        raise InvalidInput(
            "officers",
            f"must be a mapping of officer id to Officer or a collection of Officer, "
            f"got {describe(officers)}",
            "6.1",
        )
    found: dict[str, Officer] = {}
    given: Iterable[Any] = officers.values() if isinstance(officers, Mapping) else officers
    keys: Iterable[Any] = officers.keys() if isinstance(officers, Mapping) else ()
    for each in given:
        require(each, Officer, "officers", "6.1")
        if each.id in found:
            raise InvalidInput("officers", f"names officer {each.id} twice", "6.1")
        found[each.id] = each
    for key in keys:
        if key not in found or found[key].id != key:
            raise InvalidInput("officers", "must key each officer by their own id", "6.1")
    refused = [
        f"officer {officer.id!r}, {why}"
        for officer in found.values()
        if (why := blurred(policy, officer.roles)) is not None
    ]
    if refused:
        raise InvalidInput("officers", "; ".join(refused), "8.1")
    return MappingProxyType(found)
