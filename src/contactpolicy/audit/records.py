"""Seals of the records that give power without an audit event of their own.

An API token lets a program act as an officer; a webhook subscription sends
the feed's events, with their personal data, to a URL. Neither is an event
of a case's chain, so each row carries its own
:class:`~contactpolicy.domain.notices.RecordSeal`: an HMAC-SHA256 with the
audit key (:meth:`~contactpolicy.audit.keys.AuditKeys.mac`, the one keyed
digest of the audit trail) over canonical JSON of every field of the
record but the seal, the kind of record and the key's id. Someone who can
write to the database but does not hold the key can neither add such a
record nor change one so that it verifies: the HTTP API refuses such a
token as it refuses an unknown one, the outbox does not deliver to such a
subscription, and the whole store's check names each (7.4;
``docs/audit.md``, "Who can do what").

Without an audit key nothing can be sealed, and nothing is checked.

>>> from contactpolicy.audit.keys import AuditKeys
>>> keys = AuditKeys.of(b"k" * 32)
>>> found = seal(keys, "api token", {"id": "tok_1"})
>>> found.key_id, unsealed(keys, "api token", {"id": "tok_1"}, found, "was changed")
('default', None)
>>> unsealed(keys, "api token", {"id": "tok_2"}, found, "was changed")
'was changed'
>>> unsealed(keys, "api token", {"id": "tok_1"}, None, "was changed")
'its record is not sealed with the audit key'
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import attrs

from contactpolicy.audit.codec import utc_text
from contactpolicy.audit.events import Problem, canonical
from contactpolicy.audit.keys import AuditKeys, UnknownKey
from contactpolicy.domain.notices import RecordSeal, Subscription

__all__ = [
    "NOT_SEALED",
    "OR_EVERY_ONE_CHANGED",
    "SealedRecord",
    "seal",
    "seal_keys_missing",
    "seal_subscription",
    "sealed_under",
    "seals_unchecked",
    "subscription_problem",
    "unsealed",
]

NOT_SEALED = "its record is not sealed with the audit key"
"""What a record without a seal is, in a store that keeps an audit key."""

OR_EVERY_ONE_CHANGED = "(or every record signed under it was changed)"
"""The caveat of every reader saying that the key given for a key id is not
the one the records under it were signed and sealed with
(``Casework.key_not_matched``): the right key verifies none of them too
when every one was changed in the database, which cannot be told from a
wrong key (7.4)."""


def _payload(key_id: str, record: str, content: Mapping[str, Any]) -> bytes:
    return canonical({"record": record, "key_id": key_id, "content": dict(content)})


def seal(keys: AuditKeys, record: str, content: Mapping[str, Any]) -> RecordSeal | None:
    """The seal of a ``record`` (its kind, such as ``"api token"``) whose
    fields are ``content`` (JSON-compatible), with the current audit key;
    ``None`` without a key."""
    if keys.current is None:
        return None
    return RecordSeal(keys.current, keys.mac(keys.current, _payload(keys.current, record, content)))


def unsealed(
    keys: AuditKeys,
    record: str,
    content: Mapping[str, Any],
    found: RecordSeal | None,
    changed: str,
) -> str | None:
    """What is wrong with a record's seal ``found``, in words, or ``None``
    when it verifies or there is no audit key to check it with: not
    sealed (:data:`NOT_SEALED`), sealed with a key not given, or
    ``changed`` (it does not match the record)."""
    if not keys.keyed:
        return None
    if found is None:
        return NOT_SEALED
    try:
        expected = keys.mac(found.key_id, _payload(found.key_id, record, content))
    except UnknownKey:
        return f"its record is sealed with the audit key {found.key_id!r}, not given"
    if not isinstance(found.digest, str) or not hmac.compare_digest(expected, found.digest.lower()):
        return changed
    return None


def sealed_under(found: RecordSeal | None, key_id: str | None) -> bool:
    """Whether a record's seal ``found`` is made under ``key_id``: with a
    key given for that id that is not the one the records were signed with
    (``Casework.key_not_matched``), such a seal cannot be checked, and is
    neither believed nor said to be changed (7.4). False for ``None``."""
    return key_id is not None and found is not None and found.key_id == key_id


def seal_keys_missing(seals: Iterable[RecordSeal | None], keys: AuditKeys) -> tuple[str, ...]:
    """The key ids, sorted and each once, that any of ``seals`` (of API
    tokens, webhook subscriptions; ``None`` for a record not sealed) is
    made under and ``keys`` holds no key for: a key not given at all, or
    one retired by a rotation and not given beside the new one. Such a seal
    cannot be checked: it is neither believed nor said to be changed (7.4).

    >>> keys = AuditKeys.of({"2027": b"k" * 32})
    >>> seal_keys_missing([RecordSeal("default", "00"), None, seal(keys, "api token", {})], keys)
    ('default',)
    """
    return tuple(sorted({found.key_id for found in seals if found is not None} - set(keys.by_id)))


class SealedRecord(Protocol):
    """Protocol: a record that carries its own seal, by its id: an API
    token, a webhook subscription."""

    @property
    def id(self) -> str: ...

    @property
    def seal(self) -> RecordSeal | None: ...


def seals_unchecked(
    records: Iterable[SealedRecord],
    keys: AuditKeys,
    *,
    not_given: str | None,
    not_matched: str | None,
) -> tuple[frozenset[str], tuple[str, ...]]:
    """The ids of ``records`` whose seal cannot be checked, and the key ids
    retired by a rotation that some are sealed under
    (:func:`seal_keys_missing`; none without a key): every record when the
    store's records are signed with a key not given (``not_given``, the
    key id ``Casework.key_not_given`` names), else those sealed under the
    key id whose key given is not the one they were signed with
    (``not_matched``, ``Casework.key_not_matched``) or under a retired key.
    Such a record is neither believed nor said to be changed (7.4).

    >>> from types import SimpleNamespace as Record
    >>> keys = AuditKeys.of({"2027": b"k" * 32})
    >>> old = Record(id="tok_1", seal=RecordSeal("2026", "00"))
    >>> new = Record(id="tok_2", seal=seal(keys, "api token", {"id": "tok_2"}))
    >>> seals_unchecked([old, new], keys, not_given=None, not_matched=None)
    (frozenset({'tok_1'}), ('2026',))
    """
    found = list(records)
    retired = seal_keys_missing([each.seal for each in found], keys) if keys.keyed else ()
    unchecked = frozenset(
        each.id
        for each in found
        if not_given is not None
        or any(sealed_under(each.seal, key_id) for key_id in (not_matched, *retired))
    )
    return unchecked, retired


_SUBSCRIPTION = "webhook subscription"


def _subscription_content(subscription: Subscription) -> dict[str, Any]:
    return {
        "id": subscription.id,
        "url": subscription.url,
        "secret": subscription.secret,
        "kinds": sorted(each.value for each in subscription.kinds),
        "starts_after": subscription.starts_after,
        "created_at": utc_text(subscription.created_at),
        "created_by": subscription.created_by,
    }


def seal_subscription(subscription: Subscription, keys: AuditKeys) -> Subscription:
    """``subscription`` sealed with the current audit key (unsealed
    without one)."""
    content = _subscription_content(subscription)
    return attrs.evolve(subscription, seal=seal(keys, _SUBSCRIPTION, content))


def subscription_problem(subscription: Subscription, keys: AuditKeys) -> Problem | None:
    """The problem with a subscription's seal (``webhook subscription ID:
    ...``), or ``None`` when it verifies or there is no audit key."""
    what = unsealed(
        keys,
        _SUBSCRIPTION,
        _subscription_content(subscription),
        subscription.seal,
        "its record was changed after it was added",
    )
    return None if what is None else Problem(f"webhook subscription {subscription.id}", what)
