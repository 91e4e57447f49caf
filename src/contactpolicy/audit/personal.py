"""Which stored fields hold personal text: the one place that says so.

The digests of the audit trail and the contact log cover a *hash* of each
personal field rather than its text (:func:`masked`), so that the text can
later be erased (retention, rectification) and the record still verifies:
erasing a field will keep its hash in place of its text. Everything else
(states, times, officer ids, choices, restrictions) is digested as it is.

Paths name keys inside an event's ``data`` (or a contact log entry);
``"*"`` stands for every item of a list.

>>> masked({"text": "Called", "state": "reported"}, EVENT_FIELDS, lambda path, value: "#")
{'text': '#', 'state': 'reported'}
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["CONTACT_FIELDS", "EVENT_FIELDS", "FieldPath", "masked"]

FieldPath = tuple[str, ...]
"""Where a field is: the keys leading to it, ``"*"`` for every item of a list."""

_REASONED = (
    "notes",
    "issue_investigated_because",
    "communications_adequate_because",
    "no_significant_new_information_because",
    "evidence_because",
    "adjustments_considered_because",
)
"""The text of an assessment (6.2): its notes and each check's reason."""


def _assessed(at: FieldPath) -> tuple[FieldPath, ...]:
    return tuple((*at, field) for field in _REASONED)


EVENT_FIELDS: frozenset[FieldPath] = frozenset(
    {
        # report (6.1, 7.4): the customer's name and contact details, the issue
        ("customer", "name"),
        ("customer", "contact"),
        ("issue",),
        # incidents (4.1): what happened, in the officer's words
        ("incidents", "*", "description"),
        ("incident", "description"),
        # case notes (7.4) and the measures of a warning (6.3)
        ("text",),
        ("measures", "*"),
        # reasons, notes and grounds of decisions (6.3, 7.2, 7.3, 8.1)
        ("reason",),
        ("reasons",),
        ("notes",),
        ("note",),
        ("grounds",),
        ("designation", "reasons"),
        ("designation", "without_warning_because"),
        *_assessed(("designation", "assessment")),
        # the evidence base, the soft preconditions overridden and the length
        # decided (6.2, 6.4): incidents in the officer's words, and reasons
        ("designation", "evidence", "*", "description"),
        ("designation", "overrides", "*", "reason"),
        ("designation", "ends_on_because"),
        # review and appeal outcomes (7.2, 8.1): a fresh assessment, the
        # overrides (failure code to reason) and the length's reason
        *_assessed(("assessment",)),
        ("overrides",),
        ("ends_on_because",),
    }
)
"""The personal text in audit events' data, by the commands that record it."""

CONTACT_FIELDS: frozenset[FieldPath] = frozenset(
    {
        ("contact", "issue"),
        ("decision", "reasons", "*"),
    }
)
"""The personal text in a contact log entry (the issue raised, and the
decision's reasons, which may quote it)."""

Hasher = Callable[[str, Any], str]
"""The hash of one field's value, given its path as text (``"customer.name"``)."""


def masked(data: Mapping[str, Any], fields: frozenset[FieldPath], hasher: Hasher) -> dict[str, Any]:
    """``data`` with the value at each of ``fields`` replaced by
    ``hasher(path, value)``; ``None`` and absent values stay as they are."""
    tree = _tree(fields)
    return {
        key: _masked(value, tree[key], key, hasher) if key in tree else value
        for key, value in data.items()
    }


_Tree = dict[str, Any]
"""Paths as nested dictionaries; a leaf is ``None``."""


@functools.cache
def _tree(fields: frozenset[FieldPath]) -> _Tree:
    tree: _Tree = {}
    for path in fields:
        node = tree
        for step in path[:-1]:
            node = node.setdefault(step, {})
        node[path[-1]] = None
    return tree


def _masked(value: Any, node: _Tree | None, path: str, hasher: Hasher) -> Any:
    if value is None:
        return None
    if node is None:
        return hasher(path, value)
    if isinstance(value, list | tuple) and "*" in node:
        return [_masked(item, node["*"], f"{path}.*", hasher) for item in value]
    if isinstance(value, Mapping):
        return {
            key: _masked(item, node[key], f"{path}.{key}", hasher) if key in node else item
            for key, item in value.items()
        }
    return value
