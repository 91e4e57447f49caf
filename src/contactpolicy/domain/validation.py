"""Checks on the values given to the library.

Every failure is :class:`~contactpolicy.errors.InvalidInput` naming the field,
the value seen and the policy section that needs it. The ``*_field`` functions
are attrs validators for the domain's values; the ``require_*`` functions check
the arguments of commands and queries before anything is read or written.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import attrs
import pendulum

from contactpolicy.domain import wording
from contactpolicy.errors import InvalidInput

__all__ = [
    "IDENTIFIER_LENGTH",
    "aware_field",
    "describe",
    "enum_field",
    "flag_field",
    "optional_text_field",
    "positive_int_field",
    "require",
    "require_aware",
    "require_command_id",
    "require_text",
    "text_field",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _invalid(
    instance: object, attribute: attrs.Attribute[Any], message: str, section: str
) -> InvalidInput:
    return InvalidInput(f"{type(instance).__name__}.{attribute.name}", message, section)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_aware(value: Any) -> bool:
    return isinstance(value, pendulum.DateTime) and value.tzinfo is not None


_AWARE = "must be a time-zone-aware pendulum.DateTime"


def text_field(section: str) -> Validator:
    """Non-empty text: something besides spaces."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not _is_text(value):
            raise _invalid(instance, attribute, f"must be non-empty text, got {value!r}", section)

    return check


def optional_text_field(section: str) -> Validator:
    """``None`` or non-empty text."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not _is_text(value):
            message = f"must be None or non-empty text, got {value!r}"
            raise _invalid(instance, attribute, message, section)

    return check


def aware_field(section: str = "7.4") -> Validator:
    """A time-zone-aware ``pendulum.DateTime``: a naive time would be read in
    whatever zone the machine happens to be in (7.4: accurate records)."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not _is_aware(value):
            raise _invalid(instance, attribute, f"{_AWARE}, got {value!r}", section)

    return check


def enum_field(kind: type[enum.Enum], section: str, what: str) -> Validator:
    """A member of ``kind``; the message lists the accepted values."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, kind):
            names = ", ".join(str(member.value) for member in kind)
            raise _invalid(instance, attribute, f"must be {what} ({names}), got {value!r}", section)

    return check


def flag_field(section: str) -> Validator:
    """``True`` or ``False``, nothing merely truthy."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, bool):
            raise _invalid(instance, attribute, f"must be True or False, got {value!r}", section)

    return check


def positive_int_field(section: str) -> Validator:
    """A whole number of at least 1 (``True`` is not a number here)."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            message = f"must be a whole number of at least 1, got {value!r}"
            raise _invalid(instance, attribute, message, section)

    return check


def require(value: Any, kind: type[Any] | tuple[type[Any], ...], field: str, section: str) -> None:
    """An argument is an instance of ``kind``."""
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise InvalidInput(field, f"must be a {names}, got {value!r}", section)


def require_aware(value: Any, field: str, section: str = "7.4") -> None:
    """An argument is a time-zone-aware ``pendulum.DateTime``."""
    if not _is_aware(value):
        raise InvalidInput(field, f"{_AWARE}, got {value!r}", section)


def require_text(value: Any, field: str, section: str) -> None:
    """An argument is non-empty text."""
    if not _is_text(value):
        raise InvalidInput(field, f"must be non-empty text, got {value!r}", section)


COMMAND_ID_LENGTH = 200
"""The longest ``command_id`` a caller may give, in characters."""

IDENTIFIER_LENGTH = 200
"""The longest identifier (a customer reference, a case id, an officer id) any
store keeps, in characters: every store refuses a longer one the same way."""


def describe(value: Any) -> str:
    """What a refused value was, without repeating it (it may be personal
    data): its type, and its length when it has one.

    >>> describe("Sam Taylor, 12 Week Street")
    'a str of 26 characters'
    >>> describe(["calls"]), describe(None), describe(7)
    ('a list of 1 item', 'None', 'an int')
    """
    if value is None:
        return "None"
    kind = type(value).__name__
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    if isinstance(value, str | bytes):
        return f"{article} {kind} of {wording.count(len(value), 'character')}"
    if isinstance(value, list | tuple | set | frozenset | dict):
        return f"{article} {kind} of {wording.count(len(value), 'item')}"
    return f"{article} {kind}"


def require_command_id(value: Any) -> None:
    """A ``command_id`` is ``None`` or non-empty text of at most
    :data:`COMMAND_ID_LENGTH` characters holding no NUL; else
    :class:`InvalidInput`, which describes the value without repeating it.

    >>> require_command_id("crm-7f3a-1")
    >>> require_command_id("")
    Traceback (most recent call last):
    ...
    contactpolicy.errors.InvalidInput: command_id: must be non-empty text, got a str of 0 characters
    """
    if value is None:
        return
    if not _is_text(value):
        size = f" of {len(value)} characters" if isinstance(value, str) else ""
        raise InvalidInput(
            "command_id", f"must be non-empty text, got a {type(value).__name__}{size}"
        )
    if len(value) > COMMAND_ID_LENGTH:
        raise InvalidInput(
            "command_id",
            f"must be at most {COMMAND_ID_LENGTH} characters, got {len(value)}",
        )
    if "\x00" in value:
        raise InvalidInput("command_id", "must not hold a NUL character")
