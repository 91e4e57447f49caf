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

from contactpolicy.domain.validation import enum_field, positive_int_field, text_field
from contactpolicy.domain.vocabulary import Channel
from contactpolicy.errors import InvalidInput

__all__ = [
    "CallLimit",
    "CallTimeLimit",
    "NoFurtherEnquiriesOnIssue",
    "ReadAndFile",
    "Restriction",
    "SingleContactMethod",
    "SinglePointOfContact",
]


def _period(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, pendulum.Duration):
        problem = "must be a pendulum.Duration"
    elif value.years or value.months:
        problem = "must be in weeks, days or hours (months vary in length)"
    elif value.total_seconds() < 3600:
        problem = "must be at least one hour"
    else:
        return
    raise InvalidInput(f"CallLimit.{attribute.name}", f"{problem}, got {value!r}", "5.1")


@attrs.frozen
class NoFurtherEnquiriesOnIssue:
    """Not registering further enquiries or complaints about the same issue."""

    issue: str = attrs.field(validator=text_field("5.1"))


@attrs.frozen
class CallTimeLimit:
    """Placing time limits on telephone conversations."""

    minutes: int = attrs.field(validator=positive_int_field("5.1"))


@attrs.frozen
class CallLimit:
    """Restricting the number of telephone calls that will be taken: at most
    ``calls`` in any ``per`` (a rolling period)."""

    calls: int = attrs.field(validator=positive_int_field("5.1"))
    per: pendulum.Duration = attrs.field(validator=_period)


@attrs.frozen
class SingleContactMethod:
    """Limiting the customer's contact to one method of contact."""

    channel: Channel = attrs.field(validator=enum_field(Channel, "5.1", "one channel of 1.2"))


@attrs.frozen
class SinglePointOfContact:
    """Designating a single point of contact for the customer to communicate with."""

    officer_id: str = attrs.field(validator=text_field("5.1"))


@attrs.frozen
class ReadAndFile:
    """Future correspondence is read by the designated officer only and placed on
    file with no further response, unless a new issue is raised."""

    officer_id: str = attrs.field(validator=text_field("5.1"))


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
