"""The officer directory: who works for the council, and in which roles.

Given to :class:`~contactpolicy.casework.Casework` as ``officers=``, it is
authoritative: the acting officer must be in it and their roles are the
directory's, not those of the object passed in (6.1); restrictions may name
only officers in it (5.1); and a named officer who leaves it is a work item
on every case naming them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from contactpolicy.domain.model import Officer
from contactpolicy.domain.validation import describe, require
from contactpolicy.errors import InvalidInput

__all__ = ["directory"]


def directory(officers: Mapping[str, Officer] | Iterable[Officer]) -> Mapping[str, Officer]:
    """``officers`` by id, read-only: a mapping of id to :class:`Officer`
    (each under its own id) or any collection of officers, each id once;
    anything else is :class:`InvalidInput` naming ``officers`` (6.1)."""
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
    return MappingProxyType(found)
