"""Collection arguments as a command reads them.

A list or tuple is kept in the order given: the order of restrictions,
services or measures is how letters and notices list them. A set has no
order of its own (its iteration order changes with ``PYTHONHASHSEED``
from one process to the next), so its items are taken in one canonical
order, that of their stored JSON. The same set is then the same request
under a ``command_id`` in any process, its fingerprint the same, and two
equal commands record equal events (7.4).
"""

from __future__ import annotations

from collections.abc import Callable, Set
from typing import Any, TypeVar

from contactpolicy.audit import codec

__all__ = ["unordered_sets"]

T = TypeVar("T")


def unordered_sets(
    check: Callable[[Any], tuple[T, ...]], kind: Any = None
) -> Callable[[Any], tuple[T, ...]]:
    """``check`` (a :func:`~contactpolicy.domain.validation.collection_field`),
    with the items of a set given in the order of their JSON as the codec
    writes them (``kind`` as for :func:`~contactpolicy.audit.codec.unstructure`).

    >>> from contactpolicy.domain.validation import collection_field, string_field
    >>> measures = unordered_sets(
    ...     collection_field("measures", "7.4", lambda at: string_field(at, "7.4"))
    ... )
    >>> measures({"calls", "emails", "visits"}), measures(["visits", "calls"])
    (('calls', 'emails', 'visits'), ('visits', 'calls'))
    """

    def read(value: Any) -> tuple[T, ...]:
        found = check(value)
        if not isinstance(value, Set):
            return found
        return tuple(sorted(found, key=lambda each: codec.encode(codec.unstructure(each, kind))))

    return read
