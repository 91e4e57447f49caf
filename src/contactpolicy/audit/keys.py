"""The audit key: the secret that makes the 7.4 record hold up against
someone who can write to the database but does not hold the key.

Every event's digest, and every contact log entry's, is an HMAC-SHA256 with
the key (``docs/audit.md``). The key is kept outside the database: in the
``CONTACTPOLICY_AUDIT_KEY`` environment variable or a key file for the
command line, and given to :class:`~contactpolicy.Casework` as
``audit_key=`` in code. Without a key the digests are plain SHA-256, as
before, and verification says the record is unkeyed.

Keys rotate: give a mapping of key id to key, the newest last. New records
are signed with the last one; older records name the key id they were
signed with and verify with it. A single key given as ``bytes`` has the id
``"default"``, so a council that started with one key rotates with
``{"default": old_key, "2027": new_key}``.

>>> keys = AuditKeys.of(b"k" * 32)
>>> keys.current, AuditKeys.of(None).current
('default', None)
>>> keys.mac("default", b"text") == keys.mac("default", b"text")
True
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from contactpolicy.domain.validation import describe
from contactpolicy.errors import InvalidInput

__all__ = [
    "DEFAULT_KEY_ID",
    "KEY_ID_LENGTH",
    "MINIMUM_KEY_BYTES",
    "UNKEYED",
    "AuditKeys",
    "UnknownKey",
    "key_id_problem",
    "key_problem",
]

DEFAULT_KEY_ID = "default"
"""The id of a key given as plain ``bytes``."""

KEY_ID_LENGTH = 64
"""The longest key id, in characters."""

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

MINIMUM_KEY_BYTES = 16
"""The shortest key accepted: 128 bits. Generate one with
``python -c "import secrets; print(secrets.token_hex(32))"``."""


def key_id_problem(value: object) -> str | None:
    """What is wrong with ``value`` as a key id, in words that never repeat
    it, or ``None`` for a key id: text of 1 to :data:`KEY_ID_LENGTH`
    characters, with something besides spaces and no control characters
    (7.4). The one rule for a key id given (:meth:`AuditKeys.of`) and one
    read back from a record signed or sealed under it (the stores refuse
    to read any other, ``StoreDamaged``).

    >>> key_id_problem("2027") is None
    True
    >>> key_id_problem("   "), key_id_problem("a\\nb"), key_id_problem("k" * 65)
    ('is empty or only spaces', 'holds a control character', 'is longer than 64 characters')
    """
    if not isinstance(value, str):
        return "is not text"
    if not value.strip():
        return "is empty or only spaces"
    if len(value) > KEY_ID_LENGTH:
        return f"is longer than {KEY_ID_LENGTH} characters"
    if _CONTROL.search(value):
        return "holds a control character"
    return None


def key_problem(key: object) -> str | None:
    """What is wrong with ``key`` as an audit key, in words that never
    repeat any of it (its type, and its length in bytes), or ``None`` for
    ``bytes`` of at least :data:`MINIMUM_KEY_BYTES` (7.4).

    >>> key_problem(b"k" * 16) is None
    True
    >>> key_problem(b"short")
    'is 5 bytes; an audit key is at least 16 bytes'
    >>> key_problem("a key written as text")
    'must be bytes, at least 16 of them, got a str of 21 characters'
    """
    if not isinstance(key, bytes | bytearray):
        return f"must be bytes, at least {MINIMUM_KEY_BYTES} of them, got {describe(key)}"
    if len(key) < MINIMUM_KEY_BYTES:
        return f"is {len(key)} bytes; an audit key is at least {MINIMUM_KEY_BYTES} bytes"
    return None


class UnknownKey(LookupError):
    """A record names a key id that was not given, so it cannot be checked."""

    def __init__(self, key_id: str) -> None:
        super().__init__(key_id)
        self.key_id = key_id


@attrs.frozen
class AuditKeys:
    """The audit keys by id, and the id new records are signed with
    (``None``: unkeyed, digests are plain SHA-256)."""

    by_id: Mapping[str, bytes] = attrs.field(repr=lambda by_id: f"<the keys of ids {list(by_id)}>")
    """The keys by id; shown by their ids alone, never the keys."""
    current: str | None

    @classmethod
    def of(cls, value: Any) -> AuditKeys:
        """The keys ``Casework(audit_key=...)`` was given: ``None``, one key
        as ``bytes`` or a mapping of key id to ``bytes`` (the last is
        current). Anything else, an empty mapping, an id that is not one
        (:func:`key_id_problem`) or a key that is not one
        (:func:`key_problem`: not bytes, or shorter than
        :data:`MINIMUM_KEY_BYTES`) is ``InvalidInput`` naming ``audit_key``
        (7.4). The message names a key by its place among those given,
        never by its id, and never repeats any of a key."""
        if value is None:
            return UNKEYED
        if isinstance(value, bytes | bytearray):
            value = {DEFAULT_KEY_ID: bytes(value)}
        if not isinstance(value, Mapping) or not value:
            raise InvalidInput(
                "audit_key",
                f"must be bytes or a non-empty mapping of key id to bytes, got {describe(value)}",
                "7.4",
            )
        keys: dict[str, bytes] = {}
        for number, (key_id, key) in enumerate(value.items(), start=1):
            if key_id_problem(key_id) is not None:
                raise InvalidInput(
                    "audit_key",
                    f"each key id must be text of 1 to {KEY_ID_LENGTH} characters with "
                    "something besides spaces and no control characters",
                    "7.4",
                )
            problem = key_problem(key)
            if problem is not None:
                # Named by its place, never by its id: a mapping written the
                # wrong way round holds the key where the id should be.
                which = "the key" if len(value) == 1 else f"key {number} of {len(value)}"
                raise InvalidInput("audit_key", f"{which} {problem}", "7.4")
            keys[key_id] = bytes(key)
        return cls(MappingProxyType(keys), list(keys)[-1])

    @property
    def keyed(self) -> bool:
        """Whether new records are signed with a key."""
        return self.current is not None

    def mac(self, key_id: str | None, payload: bytes) -> str:
        """The digest of ``payload`` as hex: HMAC-SHA256 with the key
        ``key_id``, or plain SHA-256 when ``key_id`` is ``None``;
        :class:`UnknownKey` if that key was not given."""
        if key_id is None:
            return hashlib.sha256(payload).hexdigest()
        key = self.by_id.get(key_id)
        if key is None:
            raise UnknownKey(key_id)
        return hmac.new(key, payload, hashlib.sha256).hexdigest()


UNKEYED = AuditKeys(MappingProxyType({}), None)
"""No key: digests are plain SHA-256."""
