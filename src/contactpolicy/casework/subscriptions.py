"""Webhook subscriptions: who may add, list and remove them, and how.

A subscription sends the events of the feed to a council system (see
:mod:`contactpolicy.casework.webhooks`). Adding, listing and removing them
is for the officers who keep the record and decide what is disseminated:
the Policy and Information team (7.4) and the decision maker (9.1), as the
officer directory gives their roles. They are not case commands, so they
leave no event on a case; the store keeps who added each one and when.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from contactpolicy.audit.events import Problem
from contactpolicy.audit.records import (
    OR_EVERY_ONE_CHANGED,
    seal_subscription,
    sealed_under,
    subscription_problem,
)
from contactpolicy.casework.signing import seal_checkable
from contactpolicy.domain.authority import refused
from contactpolicy.domain.model import Officer
from contactpolicy.domain.notices import Subscription
from contactpolicy.domain.validation import identifier, require
from contactpolicy.domain.vocabulary import Command, Role
from contactpolicy.errors import InvalidInput
from contactpolicy.stores.rows import SUBSCRIPTION, record_name

if TYPE_CHECKING:
    from contactpolicy.audit.keys import AuditKeys
    from contactpolicy.casework.service import Casework

__all__ = [
    "MANAGE",
    "Removal",
    "Verdict",
    "add_webhook",
    "judged",
    "not_checked",
    "remove_webhook",
    "verdicts",
    "webhooks",
]

MANAGE = frozenset({Role.RECORDS, Role.DECISION_MAKER})
"""Who may add, list and remove webhook subscriptions (7.4, 9.1)."""


def _authorised(casework: Casework, by: Any, action: str) -> Officer:
    """``by`` as the directory knows them, if they may manage webhooks."""
    require(by, Officer, "by", "9.1")
    known = by if casework.officers is None else casework.officers.get(by.id)
    if known is None or not known.has_any(MANAGE):
        raise refused(casework.policy, action, by.id, MANAGE, "9.1")
    return known


@attrs.frozen
class Removal:
    """A webhook subscription removed (9.1): nothing more is delivered to
    it. ``damaged`` is the problem naming its row as it was found when the
    row could not be read (:func:`unreadable_webhooks`; it is removed by
    its id all the same, and no longer named by ``verify_all``), ``None``
    for a subscription read whole."""

    subscription_id: str
    damaged: Problem | None = None


_NOT_IN_A_SEGMENT = ("/", "\\")
"""What an id that is one segment of a URL path may not hold: ``/``, and
``\\``, which many clients read as ``/``."""


def _one_segment(subscription_id: Any) -> str:
    """``subscription_id`` as an identifier that can be one segment of a URL
    path, so that ``DELETE /v1/webhooks/{id}`` reaches it as the command
    line and the library do: no ``/`` or ``\\``, and not ``.`` or ``..``,
    which clients resolve away (RFC 3986, 5.2.4); :class:`InvalidInput`
    naming ``subscription_id`` otherwise (9.1)."""
    found = identifier(subscription_id, "subscription_id", "9.1")
    if found in (".", "..") or any(each in found for each in _NOT_IN_A_SEGMENT):
        raise InvalidInput(
            "subscription_id",
            "must be one segment of a URL path, to be removed by DELETE /v1/webhooks/{id}: "
            "no / or \\, and not . or ..",
            "9.1",
        )
    return found


def add_webhook(
    casework: Casework,
    url: str,
    by: Officer,
    *,
    kinds: Iterable[Command | str] = (),
    secret: str | None = None,
    subscription_id: str | None = None,
) -> Subscription:
    """Subscribe ``url`` to the events of ``kinds`` (all when none) from
    now on; ``secret`` signs the deliveries (one of 43 characters is made
    when none is given: read it from the result). The id is
    ``subscription_id`` (one segment of a URL path: no ``/`` or ``\\``,
    not ``.`` or ``..``) or a new ``wh-`` and eight hex digits.

    The URL's host is checked as written
    (:func:`~contactpolicy.domain.notices.unsafe_address`); its name is not
    looked up here, since what it resolves to now proves nothing about
    later: the outbox's client looks it up, and checks every address, at
    each delivery (:class:`~contactpolicy.casework.webhooks.UrllibPoster`)."""
    officer = _authorised(casework, by, "add a webhook")
    chosen = (
        f"wh-{secrets.token_hex(4)}" if subscription_id is None else _one_segment(subscription_id)
    )
    now: pendulum.DateTime = casework._now()
    subscription = Subscription(
        chosen,
        url,
        secrets.token_urlsafe(32) if secret is None else secret,
        kinds,
        casework.store.head()[0],
        now,
        officer.id,
    )
    # Sealed with the audit key, so that only a subscription added here is
    # delivered to (7.4; contactpolicy.audit.records).
    subscription = seal_subscription(subscription, casework._signing_keys())
    casework.store.add_subscription(subscription)
    return subscription


def webhooks(casework: Casework, by: Officer) -> list[Subscription]:
    """Every subscription that can be read, by id."""
    _authorised(casework, by, "list webhooks")
    return casework.store.subscriptions()


@attrs.frozen
class Verdict:
    """Whether a subscription's record verifies with the audit key (7.4):
    ``valid`` is ``True`` when it does (or the store has no audit key),
    ``False`` when it does not, its record not sealed with the key or
    changed after it was added, and ``None`` when its seal cannot be
    checked (the key not given, or not the one the records were signed
    with); ``problem`` says why it is not ``True`` (``None`` when it is).
    Nothing is sent to a subscription that is not valid (9.1)."""

    valid: bool | None
    problem: str | None


def not_checked(
    subscription: Subscription, keys: AuditKeys, not_given: str | None, wrong: str | None
) -> str | None:
    """Why the seal of ``subscription`` cannot be checked, or ``None`` when
    it can: the store's key ``not_given`` at all, its seal under a key id
    whose key was not given (retired by a rotation), or under the key id
    whose key given is ``wrong`` (not the one the records were signed
    with). Such a seal is neither believed nor found changed (7.4). A key
    not given is named by the key id of the subscription's own seal (the
    key to give for it), the store's ``not_given`` for one not sealed."""
    found = subscription.seal
    if not_given is not None:
        key_id = not_given if found is None else found.key_id
        return f"the audit key {key_id!r} is not given"
    if sealed_under(found, wrong):
        return (
            f"the audit key given for key id {wrong!r} is not the one the records were signed "
            f"with {OR_EVERY_ONE_CHANGED}"
        )
    if found is not None and keys.keyed and found.key_id not in keys.by_id:
        return f"the audit key {found.key_id!r} is not given"
    return None


def judged(
    subscription: Subscription, keys: AuditKeys, not_given: str | None, wrong: str | None
) -> Verdict:
    """The :class:`Verdict` on ``subscription`` with ``keys``, the store's
    key ``not_given`` and the key given that is ``wrong``
    (``Casework.key_not_given``, ``Casework.key_not_matched``)."""
    why = not_checked(subscription, keys, not_given, wrong)
    if why is not None:
        return Verdict(valid=None, problem=why)
    found = subscription_problem(subscription, keys)
    return Verdict(valid=found is None, problem=None if found is None else found.what)


def verdicts(casework: Casework, found: Iterable[Subscription]) -> list[Verdict]:
    """The :class:`Verdict` on each of ``found`` (as :func:`webhooks` lists
    them), in their order, with the casework's audit keys."""
    listed = list(found)
    keys = casework.audit_keys
    not_given = casework.key_not_given() if listed else None
    wrong = casework.key_not_matched() if listed and keys.keyed else None
    return [judged(each, keys, not_given, wrong) for each in listed]


def unreadable_webhooks(casework: Casework, by: Officer) -> list[Problem]:
    """A problem naming each subscription whose row cannot be read, by id:
    nothing is sent to it (9.1, 7.4)."""
    _authorised(casework, by, "list webhooks")
    return casework.store.unreadable_subscriptions()


def remove_webhook(casework: Casework, subscription_id: str, by: Officer) -> Removal | None:
    """Remove a subscription, readable or not; ``None`` when there is none.
    Nothing more is delivered to it. On a store signed with the audit key,
    refused without the key as every write is (``InvalidInput`` naming
    ``audit_key``, 7.4), before anything is removed; so is a readable
    subscription sealed under a key id whose key was not given (a key
    retired by a rotation, not given beside the new one,
    :func:`~contactpolicy.casework.signing.seal_checkable`), as a token's
    revocation is. A subscription whose row cannot be read is removed by
    its id all the same: its seal cannot be read to be checked."""
    _authorised(casework, by, "remove a webhook")
    keys = casework._signing_keys()
    chosen = identifier(subscription_id, "subscription_id", "9.1")
    kept = next((each for each in casework.store.subscriptions() if each.id == chosen), None)
    if kept is not None:
        seal_checkable(f"webhook subscription {chosen}", kept.seal, keys)
    name = record_name(SUBSCRIPTION, chosen)
    damaged = next(
        (each for each in casework.store.unreadable_subscriptions() if each.where == name), None
    )
    if not casework.store.remove_subscription(chosen):
        return None
    return Removal(chosen, damaged)
