"""The six restrictions of 5.1.

Each is a frozen value that validates itself: a restriction that could not be
applied as written (a call time limit of 0 minutes, a call limit per no time at
all, a single contact method naming no channel) is :class:`InvalidInput` when
it is built, never a surprise at contact time.
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from contactpolicy.errors import InvalidInput
from contactpolicy.vocabulary import Channel

__all__ = [
    "CallLimit",
    "CallTimeLimit",
    "NoFurtherEnquiriesOnIssue",
    "ReadAndFile",
    "Restriction",
    "SingleContactMethod",
    "SinglePointOfContact",
]


def _fail(instance: object, attribute: attrs.Attribute[Any], message: str) -> InvalidInput:
    return InvalidInput(f"{type(instance).__name__}.{attribute.name}", message, "5.1")


def _text(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise _fail(instance, attribute, f"must be non-empty text, got {value!r}")


def _positive_int(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail(instance, attribute, f"must be a whole number of at least 1, got {value!r}")


def _period(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, pendulum.Duration):
        raise _fail(instance, attribute, f"must be a pendulum.Duration, got {value!r}")
    if value.years or value.months:
        raise _fail(
            instance,
            attribute,
            f"must be in weeks, days or hours (months vary in length), got {value!r}",
        )
    if value.total_seconds() < 3600:
        raise _fail(instance, attribute, f"must be at least one hour, got {value!r}")


def _channel(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Channel):
        names = ", ".join(channel.value for channel in Channel)
        raise _fail(instance, attribute, f"must be one channel of 1.2 ({names}), got {value!r}")


@attrs.frozen
class NoFurtherEnquiriesOnIssue:
    """Not registering further enquiries or complaints about the same issue."""

    issue: str = attrs.field(validator=_text)


@attrs.frozen
class CallTimeLimit:
    """Placing time limits on telephone conversations."""

    minutes: int = attrs.field(validator=_positive_int)


@attrs.frozen
class CallLimit:
    """Restricting the number of telephone calls that will be taken: at most
    ``calls`` in any ``per`` (a rolling period)."""

    calls: int = attrs.field(validator=_positive_int)
    per: pendulum.Duration = attrs.field(validator=_period)


@attrs.frozen
class SingleContactMethod:
    """Limiting the customer's contact to one method of contact."""

    channel: Channel = attrs.field(validator=_channel)


@attrs.frozen
class SinglePointOfContact:
    """Designating a single point of contact for the customer to communicate with."""

    officer_id: str = attrs.field(validator=_text)


@attrs.frozen
class ReadAndFile:
    """Future correspondence is read by the designated officer only and placed on
    file with no further response, unless a new issue is raised."""

    officer_id: str = attrs.field(validator=_text)


Restriction = (
    NoFurtherEnquiriesOnIssue
    | CallTimeLimit
    | CallLimit
    | SingleContactMethod
    | SinglePointOfContact
    | ReadAndFile
)
"""Any one of the six restrictions of 5.1."""

KINDS: tuple[type[Restriction], ...] = (
    NoFurtherEnquiriesOnIssue,
    CallTimeLimit,
    CallLimit,
    SingleContactMethod,
    SinglePointOfContact,
    ReadAndFile,
)
"""The six kinds, in the order 5.1 lists them."""
