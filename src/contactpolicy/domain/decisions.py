"""What a decision changes for the customer, and what telling them must cover.

Every decision (designation, review and appeal outcomes, a lift, a new named
officer) is told to the customer in writing (6.3). One that removes or relaxes
restrictions takes effect at once; one that adds or tightens them takes effect
when it is communicated, the restrictions the customer was told of applying
until then (see :meth:`contactpolicy.domain.model.Case.restrictions_in_force`).
:func:`relaxes` says which is which, and :func:`notice_required` what the
letter must cover.

>>> import pendulum
>>> from contactpolicy.domain.restrictions import CallLimit
>>> day = pendulum.duration(days=1)
>>> relaxes((CallLimit(3, day),), (CallLimit(1, day),))
True
>>> relaxes((CallLimit(1, day),), (CallLimit(3, day),))
False
"""

from __future__ import annotations

from collections.abc import Iterable

from contactpolicy.domain.restrictions import Restriction, tightened
from contactpolicy.domain.vocabulary import Channel, DecisionKind, NoticeItem

__all__ = [
    "ENDING_NOTICE",
    "FULL_NOTICE",
    "NOTIFIED",
    "WRITTEN",
    "notice_required",
    "relaxes",
]

NOTIFIED = frozenset(DecisionKind) - {DecisionKind.NO_ACTION}
"""The decisions managers are told of (9.1): every one that imposes, varies,
continues, reassigns or ends restrictions, a lift and an appeal allowed
among them; a decision of no action restricts nothing."""

WRITTEN = frozenset({Channel.LETTER, Channel.EMAIL})
"""How a decision is communicated: in writing (6.3 "will write to the
customer"), by letter or email."""

FULL_NOTICE = frozenset(NoticeItem)
"""What the letter of a decision that restricts must cover (6.3, 7.4, 8.1)."""

ENDING_NOTICE = frozenset({NoticeItem.WHY, NoticeItem.ELECTRONIC_RECORD})
"""What the letter of a decision that ends the restrictions must cover: why,
and that the record is kept (7.2, 7.4)."""


def notice_required(restrictions: Iterable[Restriction]) -> frozenset[NoticeItem]:
    """What the letter telling the customer of a decision leaving
    ``restrictions`` in place must cover: the whole checklist while any
    restriction remains, else :data:`ENDING_NOTICE`."""
    return FULL_NOTICE if tuple(restrictions) else ENDING_NOTICE


def relaxes(new: Iterable[Restriction], old: Iterable[Restriction]) -> bool:
    """Whether a decision replacing ``old`` with ``new`` only removes or
    relaxes restrictions, so that it takes effect at once: none of ``new``
    adds to or tightens ``old``
    (:func:`~contactpolicy.domain.restrictions.tightened`). Anything added or
    tightened waits until the customer is told (6.3)."""
    return not tightened(tuple(old), tuple(new))
