"""The audit key checked against the store before anything is signed with it.

A key given under a key id the store's records were signed with, but not
the key they were signed with (a mistyped ``CONTACTPOLICY_AUDIT_KEY``, the
key file of another council's test system), would sign events and contact
entries that can never verify, and erase personal text with field digests
that break the records they are in (7.4). So before a ``Casework`` first
signs, each key it holds is tried on the most recent events of the feed
signed under its id: the key is taken if it verifies any one of the last
:data:`MATCHES` of them, so that a single tampered event does not lock
every writer out, and refused otherwise. A key id with no event among the
last :data:`LOOK_BACK` of the feed has nothing to check against. And a
``Casework`` given no key on a store whose newest signed event there names
a key id writes nothing at all: every record it wrote would be unsigned or
unsealed, and nobody could trust it (7.4).

The check reads only through the event feed
(:class:`~contactpolicy.stores.protocols.EventFeed`) and runs once per
``Casework`` (:class:`KeyCheck`): a long-running process pays for it on its
first command only.
"""

from __future__ import annotations

import threading

from contactpolicy.audit.events import AuditEvent, intact
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.errors import InvalidInput, StoreDamaged
from contactpolicy.stores.protocols import EventFeed

__all__ = [
    "LOOK_BACK",
    "MATCHES",
    "KeyCheck",
    "check_keys",
    "key_not_given",
    "key_not_matched",
]

MATCHES = 5
"""How many of the latest events signed under a key id are tried: the key is
taken if it verifies any one of them."""

LOOK_BACK = 1_000
"""How far back from the head of the feed events are looked for."""

_PAGE = 50


def check_keys(feed: EventFeed, keys: AuditKeys) -> None:
    """Each key of ``keys`` verifies at least one of the latest
    :data:`MATCHES` events of ``feed`` signed under its id, if there are any
    among its last :data:`LOOK_BACK`, and the newest event signed with a key
    there is signed under an id ``keys`` holds (a writer given only a key
    retired by a rotation would go on signing with it, and a writer given
    no key at all would write records nobody can trust: a new case, a
    contact, an API token or a webhook subscription unsigned); else
    ``InvalidInput`` naming ``audit_key`` (7.4), which names the key id and
    never the key. Without a key, a feed with no signed event among its
    last :data:`LOOK_BACK` is unkeyed and passes."""
    found, newest = _latest_signed(feed, keys)
    if newest is not None and not keys.keyed:
        raise InvalidInput(
            "audit_key",
            f"the records are signed under key id {newest!r}, which was not given, and "
            "nothing was written: give Casework the audit key (audit_key=, or "
            "CONTACTPOLICY_AUDIT_KEY for the command line) to write "
            "(docs/audit.md, Setting up the key)",
            "7.4",
        )
    if newest is not None and newest not in keys.by_id:
        raise InvalidInput(
            "audit_key",
            f"the latest records are signed under key id {newest!r}, which was not given, "
            "and nothing was written: give the current key with the older ones beside it "
            "(docs/audit.md, Setting up the key)",
            "7.4",
        )
    unmatched = _unmatched(found, keys)
    if unmatched:
        raise InvalidInput(
            "audit_key",
            f"the key given does not match the one the records under key id {unmatched[0]!r} "
            "were signed with (or those records were changed: verify says which), so "
            "nothing it signed could be verified, and nothing was written: give the key "
            "they were signed with, or a new key under a new key id to rotate "
            "(docs/audit.md, Setting up the key)",
            "7.4",
        )


def _unmatched(found: dict[str, list[AuditEvent]], keys: AuditKeys) -> list[str]:
    """The key ids of ``found`` whose key in ``keys`` verifies none of the
    events found signed under them (an id with none found is not one)."""
    return [
        key_id
        for key_id, events in found.items()
        if events and not any(intact(event, keys) for event in events)
    ]


def key_not_matched(feed: EventFeed, keys: AuditKeys) -> str | None:
    """The first key id of ``keys`` whose key verifies none of the latest
    :data:`MATCHES` events of ``feed`` signed under it (the test
    :func:`check_keys` refuses a writer's key by): it is not the key the
    records under that id were signed and sealed with, so no seal under
    that id (of an API token, a webhook subscription) can be checked, and
    none is believed, nor said to be changed (7.4). ``None`` when every key
    matches, none is given (:func:`key_not_given`), or the feed's latest
    events cannot be read to tell (``verify`` names them; each seal is
    then checked as it is)."""
    if not keys.keyed:
        return None
    try:
        found = _latest_signed(feed, keys)[0]
    except StoreDamaged:
        return None
    unmatched = _unmatched(found, keys)
    return unmatched[0] if unmatched else None


def _latest_signed(
    feed: EventFeed, keys: AuditKeys
) -> tuple[dict[str, list[AuditEvent]], str | None]:
    """The latest :data:`MATCHES` events under each key id of ``keys``
    among the last :data:`LOOK_BACK` of the feed, the latest first, and the
    key id of the newest event signed with a key among them (``None`` when
    none is)."""
    found: dict[str, list[AuditEvent]] = {key_id: [] for key_id in keys.by_id}
    newest: str | None = None
    end = start = feed.head()[0]
    while start > 0 and end - start < LOOK_BACK:
        if newest is not None and all(len(events) == MATCHES for events in found.values()):
            break
        after = max(0, start - _PAGE)
        for event in reversed(feed.events_since(after, start - after)):
            if newest is None and event.key_id is not None:
                newest = event.key_id
            if event.key_id in found and len(found[event.key_id]) < MATCHES:
                found[event.key_id].append(event)
        start = after
    return found, newest


def key_not_given(feed: EventFeed, keys: AuditKeys) -> str | None:
    """The key id the newest signed event among the last :data:`LOOK_BACK`
    of ``feed`` is signed under, when ``keys`` holds no key: the store is
    keyed, and without its key no seal (of an API token, a webhook
    subscription) can be checked, so none is believed (7.4). ``None`` when
    a key is given (:func:`check_keys` checks it) or no event there is
    signed with one.

    Decided where :func:`check_keys` decides which key the records are
    signed under now, so that a writer and a reader never disagree on
    whether the store is keyed."""
    if keys.keyed:
        return None
    return _latest_signed(feed, keys)[1]


class KeyCheck:
    """:func:`check_keys`, done once: the first call checks (one caller at a
    time; the others wait for it), and every later call, once the keys
    passed, returns at once. A refused check is done again on the next
    call."""

    def __init__(self) -> None:
        self._passed = False
        self._lock = threading.Lock()

    def __call__(self, feed: EventFeed, keys: AuditKeys) -> None:
        if self._passed:
            return
        with self._lock:
            if not self._passed:
                check_keys(feed, keys)
                self._passed = True
