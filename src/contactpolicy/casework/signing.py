"""The audit key checked against the store before anything is signed with it.

A key given under a key id the store's records were signed with, but not
the key they were signed with (a mistyped ``CONTACTPOLICY_AUDIT_KEY``, the
key file of another council's test system), would sign events and contact
entries that can never verify, and erase personal text with field digests
that break the records they are in (7.4). So before a ``Casework`` first
signs, each key it holds is tried on the latest records signed under its
id, however far back they are: the events of the feed
(:meth:`~contactpolicy.stores.protocols.EventFeed.signed_events`), or,
while no event is signed under it, the contact log's entries
(:meth:`~contactpolicy.stores.protocols.ContactLog.signed_contacts`), or,
while none is either, the API tokens not revoked and webhook
subscriptions sealed under it (:func:`live_seals`): the key is taken if it
verifies any one of the last :data:`MATCHES` of them, so that a single
tampered record does not lock every writer out, and refused otherwise. A
key id no record is signed under has nothing to check against.

Whether the store is keyed, and under which key id, is :func:`keyed_under`'s
to say, for writers and readers alike: the key id of the feed's newest
signed event
(:meth:`~contactpolicy.stores.protocols.EventFeed.newest_key_id`), or, while
no event is signed, that of the newest of the contact log's newest signed
entry (staff checking customers before any case exists) and the newest API
token not revoked or webhook subscription sealed with a key (a key given,
tokens issued, no command run yet), by when each was logged or created:
any signed record keys the store. A ``Casework`` given no key on a keyed
store writes nothing at all: every record it wrote would be unsigned or
unsealed, and nobody could trust it (7.4). Whether a key given is the one
the records under its id were signed with is :func:`key_not_matched`'s to
say, for writers (:func:`check_keys`) and readers alike, on the same
records.

The check reads a few rows of the store's indexes (no more as the feed
grows) and runs once per ``Casework`` (:class:`KeyCheck`): a long-running
process pays for it on its first command only.
"""

from __future__ import annotations

import threading

import pendulum

from contactpolicy.audit.contacts import contact_intact
from contactpolicy.audit.events import intact
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.audit.records import seal_keys_missing, sealed_under, subscription_problem
from contactpolicy.domain.notices import RecordSeal, Subscription
from contactpolicy.errors import InvalidInput, StoreDamaged
from contactpolicy.stores.protocols import Store
from contactpolicy.stores.tokens import ApiToken, token_problem, token_store

__all__ = [
    "MATCHES",
    "KeyCheck",
    "check_keys",
    "first_sealed",
    "key_not_given",
    "key_not_matched",
    "keyed_under",
    "live_seals",
    "seal_checkable",
]

MATCHES = 5
"""How many of the latest records (events, else contact log entries, else
sealed API tokens and webhook subscriptions) signed under a key id are
tried: the key is taken if it verifies any one of them."""


def live_seals(store: Store) -> list[RecordSeal | None]:
    """The seals (``None`` for a record not sealed) of the API tokens not
    revoked, when ``store`` keeps tokens
    (:class:`~contactpolicy.stores.tokens.TokenStore`), and of the webhook
    subscriptions, the oldest record first (by ``created_at``): the records
    that give power without an audit event of their own
    (:mod:`contactpolicy.audit.records`, 7.4)."""
    return [each.seal for each in _live_records(store)]


def _live_records(store: Store) -> list[ApiToken | Subscription]:
    """The API tokens not revoked and the webhook subscriptions, the oldest
    first: the records of :func:`live_seals`."""
    tokens = token_store(store)
    records: list[ApiToken | Subscription] = [
        each for each in ([] if tokens is None else tokens.tokens()) if each.revoked_at is None
    ]
    records += store.subscriptions()
    return sorted(records, key=lambda each: each.created_at)


def first_sealed(store: Store) -> pendulum.DateTime | None:
    """When the first API token (revoked or not; when ``store`` keeps
    tokens) or webhook subscription sealed with an audit key was created,
    ``None`` when none is: from then on the store was keyed, and
    :func:`~contactpolicy.audit.seal.verify_all` names each contact log
    entry logged without the key (7.4)."""
    tokens = token_store(store)
    records: list[ApiToken | Subscription] = [] if tokens is None else list(tokens.tokens())
    records += store.subscriptions()
    return min((each.created_at for each in records if each.seal is not None), default=None)


def keyed_under(store: Store) -> str | None:
    """The key id ``store``'s records are signed under now: that of the
    feed's newest signed event, however far back it is
    (:meth:`~contactpolicy.stores.protocols.EventFeed.newest_key_id`), or,
    when no event is signed with a key, that of the newest signed record
    of the others, by when it was made: the contact log's newest signed
    entry (:meth:`~contactpolicy.stores.protocols.ContactLog.newest_contact_key_id`,
    read with :meth:`~contactpolicy.stores.protocols.ContactLog.signed_contacts`,
    by ``logged_at``) and the newest record of :func:`live_seals` sealed
    with one (by ``created_at``); the entry on a tie. Any signed record
    keys the store, and during a rotation made before any event was signed
    the newer record names the newer key id. ``None`` for an unkeyed store,
    which is written without a key as before (7.4). The one answer to
    whether a store is keyed, for :func:`check_keys` and
    :func:`key_not_given`; ``StoreDamaged`` if that event or entry cannot
    be read. Reads one row of the index of signed events and, when none is
    signed, two of the index of signed contact log entries and the tokens
    and subscriptions."""
    newest = store.newest_key_id()
    if newest is not None:
        return newest
    contact_key_id = store.newest_contact_key_id()
    contact = (
        []
        if contact_key_id is None
        else [
            (entry.logged.logged_at, contact_key_id)
            for entry in store.signed_contacts(contact_key_id, 1)
        ]
    )
    sealed = [
        (each.created_at, each.seal.key_id)
        for each in _live_records(store)
        if each.seal is not None
    ]
    # Sorted stably, the contact entry after the seals: it wins a tie.
    oldest_first = sorted([*sealed, *contact], key=lambda each: each[0])
    return oldest_first[-1][1] if oldest_first else None


def check_keys(store: Store, keys: AuditKeys) -> None:
    """Each key of ``keys`` verifies at least one of the latest
    :data:`MATCHES` records of ``store`` signed under its id, if there are
    any (events, else contact log entries, else live seals), and the store
    is keyed (:func:`keyed_under`), if it is, under an id ``keys`` holds (a
    writer given only a key retired by a rotation would go on signing with
    it, and a writer given no key at all would write records nobody can
    trust: a new case, a contact, an API token or a webhook subscription
    unsigned); else ``InvalidInput`` naming
    ``audit_key`` (7.4), which names the key id and never the key. Without
    a key, an unkeyed store passes. Reads what :func:`keyed_under` reads
    (one row of the index of signed events and, when none is signed, two
    of the index of signed contact log entries and the tokens and
    subscriptions), then per key id given up to :data:`MATCHES` events or,
    when none is signed under it, contact log entries or, when none is
    either, the tokens and subscriptions (:func:`key_not_matched`'s
    rule)."""
    newest = keyed_under(store)
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
    unmatched = _unmatched(store, keys)
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


def _unmatched(store: Store, keys: AuditKeys) -> list[str]:
    """The key ids of ``keys`` whose key verifies none of the latest
    :data:`MATCHES` records signed under them (an id no record is signed
    under is not one): events, or, when no event is signed under the id,
    contact log entries, or, when none is either, live seals (7.4). The
    one rule by which :func:`check_keys` refuses a writer's key and
    :func:`key_not_matched` tells a reader its key cannot check the
    seals."""
    return [key_id for key_id in keys.by_id if _verified(store, keys, key_id) is False]


def _verified(store: Store, keys: AuditKeys, key_id: str) -> bool | None:
    """Whether the key of ``key_id`` verifies any of the latest
    :data:`MATCHES` records signed under it, tried in turn on the events,
    the contact log's entries and the live seals, whichever kind first has
    any; ``None`` when no record is signed under it. Reads the tokens and
    subscriptions only when neither events nor entries are signed under
    it."""
    events = store.signed_events(key_id, MATCHES)
    if events:
        return any(intact(event, keys) for event in events)
    contacts = store.signed_contacts(key_id, MATCHES)
    if contacts:
        return any(contact_intact(entry, keys) for entry in contacts)
    sealed = [each for each in _live_records(store) if sealed_under(each.seal, key_id)]
    if sealed:
        return any(_seal_verifies(each, keys) for each in sealed[-MATCHES:])
    return None


def _seal_verifies(record: ApiToken | Subscription, keys: AuditKeys) -> bool:
    """Whether ``record``'s seal verifies with ``keys`` (as ``verify``
    checks it, :func:`~contactpolicy.stores.tokens.token_problem`,
    :func:`~contactpolicy.audit.records.subscription_problem`)."""
    if isinstance(record, Subscription):
        return subscription_problem(record, keys) is None
    return token_problem(record, keys) is None


def key_not_matched(store: Store, keys: AuditKeys) -> str | None:
    """The first key id of ``keys`` whose key verifies none of the latest
    :data:`MATCHES` records of ``store`` signed under it: events, or, none
    being signed under it, contact log entries, or, none being signed
    either, API tokens not revoked and webhook subscriptions sealed under
    it (the one test :func:`check_keys` refuses a writer's key by, so that
    a writer and a reader never disagree on it): it is not the key the
    records under that id were signed and sealed with, so no seal under
    that id (of an API token, a webhook subscription) can be checked, and
    none is believed, nor said to be changed (7.4). ``None`` when every
    key matches, none is given (:func:`key_not_given`), or the latest
    records cannot be read to tell (``verify`` names them; each seal is
    then checked as it is).

    On a store whose only records signed under that id are seals, and every
    one of them was changed in the database, the right key verifies none,
    and cannot be told from a wrong one: the seals are then said not to be
    checkable with the key given, as a writer is refused."""
    if not keys.keyed:
        return None
    try:
        unmatched = _unmatched(store, keys)
    except StoreDamaged:
        return None
    return unmatched[0] if unmatched else None


def key_not_given(store: Store, keys: AuditKeys) -> str | None:
    """The key id ``store`` is keyed under (:func:`keyed_under`), when
    ``keys`` holds no key: without its key no seal (of an API token, a
    webhook subscription) can be checked, so none is believed (7.4).
    ``None`` when a key is given (:func:`check_keys` checks it) or the
    store is unkeyed.

    Decided by :func:`keyed_under`, as :func:`check_keys` decides it, so
    that a writer and a reader never disagree on whether the store is
    keyed."""
    if keys.keyed:
        return None
    return keyed_under(store)


def seal_checkable(record: str, seal: RecordSeal | None, keys: AuditKeys) -> None:
    """Refuse to change the sealed ``record`` (how problems name it: ``API
    token tok_1``) when ``keys`` holds no key for the key id of its
    ``seal`` (:func:`~contactpolicy.audit.records.seal_keys_missing`: a key
    retired by a rotation and not given beside the new one): its old seal
    cannot be checked, so the change could neither be sealed anew (that
    would make a record changed in the database verify) nor keep a seal
    that verifies. ``InvalidInput`` naming ``audit_key`` and the key id to
    give beside the current one, and nothing is to be written (7.4).
    ``None`` (nothing to refuse) for a record not sealed or one whose key
    is given."""
    missing = seal_keys_missing([seal], keys)
    if missing:
        raise InvalidInput(
            "audit_key",
            f"{record} is sealed under key id {missing[0]!r}, which was not given, so its "
            "seal cannot be checked and its change could not be sealed, and nothing was "
            f"written: give the key of key id {missing[0]!r} beside the current one "
            "(docs/audit.md, Setting up the key)",
            "7.4",
        )


class KeyCheck:
    """:func:`check_keys`, done once: the first call checks (one caller at a
    time; the others wait for it), and every later call, once the keys
    passed, returns at once. A refused check is done again on the next
    call."""

    def __init__(self) -> None:
        self._passed = False
        self._lock = threading.Lock()

    def __call__(self, store: Store, keys: AuditKeys) -> None:
        if self._passed:
            return
        with self._lock:
            if not self._passed:
                check_keys(store, keys)
                self._passed = True
