"""The arguments a command takes, checked as it reads them.

Every argument is checked before anything is read or written: a value of
the wrong kind is :class:`~contactpolicy.errors.InvalidInput` naming the
argument, the rule and the section, never repeating the value. The checks
here are those the commands of :class:`~contactpolicy.casework.service.Casework`
share: restrictions (5.1) and incidents (4.1, 6.2), reasons (6.3), overrides
of soft preconditions (6.2), how long restrictions last (6.4), and their
forms in an event.

A list or tuple is kept in the order given: the order of restrictions,
services or measures is how letters and notices list them. A set has no
order of its own (its iteration order changes with ``PYTHONHASHSEED``
from one process to the next), so its items are taken in one canonical
order, that of their stored JSON. The same set is then the same request
under a ``command_id`` in any process, its fingerprint the same, and two
equal commands record equal events (7.4).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from typing import Any, TypeVar

from contactpolicy.audit import codec
from contactpolicy.domain import preconditions as guards
from contactpolicy.domain.contact import issue_key
from contactpolicy.domain.grounds import Length
from contactpolicy.domain.model import Assessment, Incident, Officer
from contactpolicy.domain.policy import Policy
from contactpolicy.domain.restrictions import KINDS, NoFurtherEnquiriesOnIssue, Restriction
from contactpolicy.domain.validation import (
    ISSUE_LENGTH,
    TEXT_LENGTH,
    collection_field,
    day_field,
    describe,
    empty_or_text_field,
    enum_field,
    identifier,
    issue_field,
    optional_text_field,
    reason_field,
    require,
    string_field,
    text_field,
    whole_field,
)
from contactpolicy.domain.vocabulary import Behaviour, Channel, NoticeItem, ReadOutcome
from contactpolicy.errors import InvalidInput

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


def _restriction(field: str) -> Callable[[Any], Restriction]:
    def check(value: Any) -> Restriction:
        require(value, KINDS, field, "5.1")
        return value  # type: ignore[no-any-return]

    return check


def _key(restriction: Restriction) -> object:
    """What makes two restrictions the same: two "no further enquiries"
    restrictions on issues differing only in case or spacing are one."""
    if isinstance(restriction, NoFurtherEnquiriesOnIssue):
        return (NoFurtherEnquiriesOnIssue, issue_key(restriction.issue))
    return restriction


def restrictions(
    values: Any, field: str, *, optional: bool = True
) -> tuple[Restriction, ...] | None:
    """The restrictions given, each once (the first of any duplicates kept),
    or ``None`` when none were given and they are ``optional``."""
    if values is None and optional:
        return None
    unique: dict[object, Restriction] = {}
    for each in unordered_sets(collection_field(field, "5.1", _restriction), Restriction)(values):
        unique.setdefault(_key(each), each)
    return tuple(unique.values())


def _incident(field: str) -> Callable[[Any], Incident]:
    def check(value: Any) -> Incident:
        require(value, Incident, field, "4.1")
        return value  # type: ignore[no-any-return]

    return check


WITHOUT_WARNING = reason_field("without_warning_because", "6.3", optional_text_field)
CONTACT_ID = whole_field("contact_id", "5.1", 1, 2**63 - 1, "contact id")
READ_OUTCOME = enum_field(ReadOutcome, "outcome", "5.1", "a read outcome")
BEHAVIOURS = collection_field(
    "behaviours", "6.3", lambda at: enum_field(Behaviour, at, "6.3", "one behaviour of 4.1")
)
_ENDS_ON = day_field("ends_on", "6.4")
_ENDS_ON_BECAUSE = reason_field("ends_on_because", "6.4", optional_text_field)


def overrides(value: Any, policy: Policy) -> dict[str, str]:
    """``overrides=`` checked: a mapping of failure codes the policy makes
    soft to the reason recorded for each (non-empty text of at most 1,000
    characters); ``None`` is none."""
    if value is None:
        return {}
    accepted = ", ".join(sorted(policy.soft_preconditions)) or "none under this policy"
    if not isinstance(value, Mapping):
        message = f"must be a mapping of failure code to reason, got {describe(value)}"
        raise InvalidInput("overrides", f"{message}. Codes: {accepted}", "6.2")
    found: dict[str, str] = {}
    for code, given in value.items():
        if not isinstance(code, str) or code not in policy.soft_preconditions:
            message = (
                f"has a key that is not a precondition this policy lets a decision maker "
                f"override (the 6.2 checks and who may act never are); codes: {accepted}"
            )
            raise InvalidInput("overrides", message, "6.2")
        found[code] = reason(given, f"overrides[{code}]", "6.2", ISSUE_LENGTH)
    return found


def reason(value: Any, field: str, section: str, limit: int = TEXT_LENGTH) -> str:
    """``value`` as a reason ``section`` requires, checked before the
    command: free text (:func:`text_field`) that says something
    (:func:`~contactpolicy.domain.preconditions.named`: a letter or digit),
    else :class:`InvalidInput` naming ``field`` and what it was, never
    repeating it."""
    text: str = reason_field(field, section, text_field, limit=limit)(value)
    if not guards.named(text):
        problem = (
            f"must say why in words holding at least one letter or digit, got {describe(text)}"
        )
        raise InvalidInput(field, problem, section)
    return text


def assessment_given(value: Any) -> Assessment | None:
    if value is not None:
        require(value, Assessment, "assessment", "6.2")
    return value  # type: ignore[no-any-return]


def length(ends_on: Any, because: Any) -> Length:
    return Length(
        None if ends_on is None else _ENDS_ON(ends_on),
        _ENDS_ON_BECAUSE(because),
    )


def encoded_length(length: Length) -> dict[str, Any]:
    ends_on = None if length.ends_on is None else codec.unstructure(length.ends_on)
    return {"ends_on": ends_on, "ends_on_because": length.because}


def officer(by: Any) -> None:
    require(by, Officer, "by", "6.1")


def case_id(value: Any) -> str:
    return identifier(value, "case_id", "7.4")


INCIDENTS = unordered_sets(collection_field("incidents", "4.1", _incident))
EVIDENCE = unordered_sets(collection_field("evidence", "6.2", _incident))
MEASURES = unordered_sets(collection_field("measures", "7.4", lambda at: string_field(at, "7.4")))
RECIPIENTS = unordered_sets(
    collection_field("recipients", "9.1", lambda at: string_field(at, "9.1"))
)
ISSUE = issue_field("issue", "6.2", blank=True)
CORRECTED = string_field("value", "7.4")
CORRECTED_CONTACT = empty_or_text_field("value", "7.4")
"""Corrected contact details: none (``""``) or text, as a ``Customer`` holds them."""
CORRECTED_ISSUE = issue_field("value", "7.4", blank=True)
CHANNEL = enum_field(Channel, "method", "7.4", "one channel of 1.2")
NOTICE = collection_field(
    "covered",
    "6.3",
    lambda at: enum_field(NoticeItem, at, "6.3", "an item of the notice checklist"),
)


def encoded(values: tuple[Restriction, ...] | None) -> Any:
    return None if values is None else codec.unstructure(values, tuple[Restriction, ...])


def encoded_restrictions(values: tuple[Restriction, ...] | None, *, varies: bool) -> Any:
    """The new restrictions for the event: only an outcome that varies them
    carries any, so that an empty list given with another outcome cannot
    silently remove them."""
    return encoded(values) if varies else None
