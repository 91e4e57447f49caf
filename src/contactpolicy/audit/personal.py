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
import re
from collections.abc import Callable, Mapping
from typing import Any

__all__ = [
    "CONTACT_FIELDS",
    "EVENT_FIELDS",
    "EVENT_FIELDS_BEFORE_SCOPE",
    "FieldPath",
    "erase",
    "erased",
    "erased_digest",
    "holds_text",
    "masked",
]

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


EVENT_FIELDS_BEFORE_SCOPE: frozenset[FieldPath] = frozenset(
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
        # rectification (7.4): the corrected text (the reason is "reason")
        ("value",),
    }
)
"""The personal fields of events recorded before the scope's reason
(``council_wide_because``), the adjustments and the issue of a restriction
were listed: their digests cover the text of those three as it is
(:func:`contactpolicy.audit.events.personal_fields` tells the two forms
apart by the hash). Never change this set: the events
digested with it must still verify."""

EVENT_FIELDS: frozenset[FieldPath] = EVENT_FIELDS_BEFORE_SCOPE | {
    # the reason a designation covers every service (5.1), in the
    # designation and in a review's or appeal's variation
    ("designation", "council_wide_because"),
    ("council_wide_because",),
    # reasonable adjustments (4.2): the instruction to staff, which can
    # reveal a disability (health data)
    ("designation", "adjustments", "*", "description"),
    ("adjustments", "*", "description"),
    # the issue of a NoFurtherEnquiriesOnIssue restriction (5.1), wherever
    # restrictions are recorded (designation, review, appeal, reassignment)
    ("designation", "restrictions", "*", "issue"),
    ("restrictions", "*", "issue"),
}
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
    ``hasher(path, value)``; ``None`` and absent values stay as they are,
    and an erased value (:func:`erased`) by the digest it keeps."""

    def digested(path: str, value: Any) -> Any:
        kept = erased_digest(value)
        return hasher(path, value) if kept is None else kept

    return _transformed(data, fields, digested)


def _transformed(
    data: Mapping[str, Any], fields: frozenset[FieldPath], leaf: Hasher
) -> dict[str, Any]:
    """``data`` with the value at each of ``fields`` replaced by ``leaf(path, value)``."""
    tree = _tree(fields)
    return {
        key: _masked(value, tree[key], key, leaf) if key in tree else value
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


_ERASED = re.compile(r"\[erased ([0-9a-f]{64})\]")
"""An erased text: its field's digest, and nothing else of it."""


def erased(value: Any, digest: str) -> Any:
    """What is kept of a personal field's ``value`` once its text is erased
    (retention and rectification, 7.2): the field's ``digest`` as the text
    ``"[erased <digest>]"``, of the same shape, so the record still reads as
    the same kind of thing. A mapping keeps its keys (they are codes, not
    text) and a list its length, each value the marker.

    >>> erased("Sam Taylor", "ab" * 32) == "[erased " + "ab" * 32 + "]"
    True
    >>> erased({"no_warning": "Because"}, "ab" * 32) == {"no_warning": erased("", "ab" * 32)}
    True
    """
    marker = f"[erased {digest}]"
    if isinstance(value, Mapping):
        return dict.fromkeys(value, marker)
    if isinstance(value, list | tuple):
        return [marker] * len(value)
    return marker


def erased_digest(value: Any) -> str | None:
    """The digest an erased value (:func:`erased`) keeps, or ``None`` for a
    value that was not erased.

    >>> erased_digest(erased(["a", "b"], "cd" * 32)) == "cd" * 32
    True
    >>> erased_digest("Sam Taylor") is None
    True
    """
    if isinstance(value, str):
        found = _ERASED.fullmatch(value)
        return None if found is None else found.group(1)
    items = list(value.values()) if isinstance(value, Mapping) else value
    if not isinstance(items, list | tuple) or not items:
        return None
    digests = {erased_digest(item) if isinstance(item, str) else None for item in items}
    return digests.pop() if len(digests) == 1 else None


def holds_text(data: Mapping[str, Any], fields: frozenset[FieldPath]) -> bool:
    """Whether ``data`` holds a value at one of ``fields`` that :func:`erase`
    would erase: present and not erased already (an empty list or mapping
    holds nothing). What a purge looks for (7.2), in the fields it erases.

    >>> holds_text({"reason": "Told us of an illness", "outcome": "nothing_new"}, EVENT_FIELDS)
    True
    >>> holds_text({"reason": erased("Told us", "ab" * 32), "measures": []}, EVENT_FIELDS)
    False
    """
    found: list[str] = []

    def unerased(path: str, value: Any) -> Any:
        if erased_digest(value) is None and (isinstance(value, str) or value):
            found.append(path)
        return value

    _transformed(data, fields, unerased)
    return bool(found)


def erase(data: Mapping[str, Any], fields: frozenset[FieldPath], hasher: Hasher) -> dict[str, Any]:
    """``data`` with each personal field's value (at ``fields``) erased: the
    value :func:`erased` keeps of it, from its digest ``hasher(path,
    value)``, so :func:`masked` gives the same as before. Values erased
    already stay as they are.

    >>> erase({"text": "Called", "state": "lifted"}, EVENT_FIELDS, lambda p, v: "0" * 64)["text"]
    '[erased 0000000000000000000000000000000000000000000000000000000000000000]'
    """

    def kept(path: str, value: Any) -> Any:
        return value if erased_digest(value) is not None else erased(value, hasher(path, value))

    return _transformed(data, fields, kept)
