"""What every store checks and writes for the outbox (9.1): delivery
positions and webhook subscriptions.

The one set of checks on the arguments of
:class:`~contactpolicy.stores.protocols.DeliveryLog`, and the one way a
subscription is written to and read from a row, shared by every store so
that the same bad call is the same ``InvalidInput`` everywhere.
"""

from __future__ import annotations

from typing import Any

from contactpolicy.audit import codec
from contactpolicy.domain.notices import Subscription
from contactpolicy.domain.validation import describe, kept, require
from contactpolicy.errors import InvalidInput
from contactpolicy.stores.checks import POSITION, check_id

__all__ = [
    "check_advance",
    "check_recipient",
    "check_subscription",
    "held_recipient",
    "manager_recipient",
    "read_subscription",
    "subscription_document",
    "webhook_recipient",
]


def manager_recipient(officer_id: str) -> str:
    """The outbox's recipient for a manager's notices."""
    return f"manager:{officer_id}"


def held_recipient(recipient: str) -> str:
    """Where the outbox keeps the feed position at which ``recipient``'s
    deliveries are held because one can never be made as things are (a
    manager without an email address): a position like any recipient's, so
    every store keeps it with no table of its own. The recipient is held
    while this is past its own position; delivering past it releases it."""
    return f"held:{recipient}"


def webhook_recipient(subscription_id: str) -> str:
    """The outbox's recipient for a webhook subscription's deliveries,
    removed with the subscription."""
    return f"webhook:{subscription_id}"


def check_recipient(recipient: Any) -> None:
    """A recipient of the outbox (:func:`manager_recipient`,
    :func:`webhook_recipient`): text of 1 to 250 characters."""
    check_id(recipient, "recipient", "9.1", longest=250)


def check_advance(recipient: Any, position: Any) -> None:
    """The arguments of ``advance``: a recipient and a feed position from 0
    to :data:`~contactpolicy.stores.checks.POSITION`."""
    check_recipient(recipient)
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position <= POSITION:
        raise InvalidInput(
            "position", f"must be a feed position from 0 to {POSITION}, got {describe(position)}"
        )


def check_subscription(subscription: Any) -> None:
    """A :class:`Subscription` to keep."""
    require(subscription, Subscription, "subscription", "9.1")


def subscription_document(subscription: Subscription) -> str:
    """A subscription as the JSON a store keeps."""
    return codec.dumps(subscription)


def read_subscription(document: str) -> Subscription:
    """A subscription back from its JSON; unreadable JSON is ``StoreError``.
    It is held to the rules it was added under (``kept``): one added
    before a rule on URLs existed stays listed, delivered and removable."""
    with kept():
        return codec.loads(document, Subscription, None)
