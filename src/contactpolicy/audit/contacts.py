"""The contact log's chain: each customer's entries chained in the order
they were logged, so a copied, edited, reordered or removed entry is found.

Call limits are counted from the log (5.1) and the evidence summaries rest
on it (2.1, 6.4), so an entry added behind the library's back could turn an
allowed call into a refused one. Each entry's :class:`ContactLink` holds its
number in the customer's log (from 1) and a digest, keyed like the audit
events' (:mod:`contactpolicy.audit.keys`), over the customer, the number,
the entry (personal text as per-field hashes,
:data:`~contactpolicy.audit.personal.CONTACT_FIELDS`) and the digest of
the entry before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from contactpolicy.audit import codec, personal
from contactpolicy.audit.events import GENESIS, Problem, Signatures, canonical
from contactpolicy.audit.keys import AuditKeys, UnknownKey
from contactpolicy.domain.contact import LoggedContact

__all__ = [
    "ContactLink",
    "SignedContact",
    "contact_digest",
    "contact_intact",
    "contact_problems",
    "erased_contact",
    "next_link",
]


@attrs.frozen
class ContactLink:
    """Where an entry stands in its customer's chain: ``seq`` from 1, its
    ``digest`` (``None`` for an entry logged before the log was chained) and
    the ``key_id`` it was made with (``None``: unkeyed)."""

    seq: int
    digest: str | None
    key_id: str | None


@attrs.frozen
class SignedContact:
    """One entry of the contact log signed with an audit key, as
    ``ContactLog.signed_contacts`` reads it to try a key on: the entry, its
    link (whose ``key_id`` is not ``None``) and ``prev``, the digest of the
    entry before it in the customer's chain (``None`` for their first entry,
    or one logged before the log was chained)."""

    logged: LoggedContact
    link: ContactLink
    prev: str | None


def contact_intact(entry: SignedContact, keys: AuditKeys) -> bool:
    """Whether ``entry``'s digest is the one ``keys`` gives it
    (:func:`contact_digest`, as :func:`contact_problems` checks it): False
    for an entry changed after it was logged, or signed with another key
    under the same key id; :class:`UnknownKey` if its key id is not in
    ``keys`` (7.4)."""
    link = entry.link
    prev = GENESIS if entry.prev is None else entry.prev
    return contact_digest(entry.logged, link.seq, prev, link.key_id, keys) == link.digest


def contact_digest(
    logged: LoggedContact, seq: int, prev: str, key_id: str | None, keys: AuditKeys
) -> str:
    """The digest of entry ``seq`` of a customer's log whose previous
    entry's digest is ``prev``; :class:`UnknownKey` if ``key_id`` is not in
    ``keys``."""

    def field(path: str, value: Any) -> str:
        return keys.mac(key_id, canonical({"field": path, "value": value}))

    content = {
        "customer_id": logged.customer_id,
        "seq": seq,
        "entry": personal.masked(codec.unstructure(logged), personal.CONTACT_FIELDS, field),
        "prev": prev,
        "key_id": key_id,
    }
    return keys.mac(key_id, canonical(content))


def erased_contact(logged: LoggedContact, link: ContactLink, keys: AuditKeys) -> LoggedContact:
    """``logged`` with the text of its personal fields erased, keeping each
    field's digest, so its link's digest still verifies (retention, 7.2).
    An entry logged before the log was chained (no digest) is returned as it
    is; :class:`UnknownKey` if its key is not in ``keys``."""
    if link.digest is None:
        return logged
    key_id = link.key_id

    def field(path: str, value: Any) -> str:
        return keys.mac(key_id, canonical({"field": path, "value": value}))

    erased = personal.erase(codec.unstructure(logged), personal.CONTACT_FIELDS, field)
    return codec.structure(erased, LoggedContact)


def next_link(last: ContactLink | None, logged: LoggedContact, keys: AuditKeys) -> ContactLink:
    """The link of ``logged``, appended after the customer's ``last`` entry
    (``None``: their first), signed with the current key of ``keys``."""
    seq = 1 if last is None else last.seq + 1
    prev = GENESIS if last is None or last.digest is None else last.digest
    return ContactLink(seq, contact_digest(logged, seq, prev, keys.current, keys), keys.current)


def contact_problems(
    customer_id: str,
    entries: Iterable[tuple[LoggedContact | None, ContactLink]],
    keys: AuditKeys,
    signatures: Signatures | None = None,
    signed_since: pendulum.DateTime | None = None,
) -> tuple[list[Problem], bool]:
    """Every break in the chain of one customer's log, given its entries in
    chain order (an entry that could not be read is ``None``; the store
    reports why), and whether every entry was checked with a key. Each
    entry checked with a key is counted in ``signatures``, if given, for
    the caller to settle
    (:meth:`~contactpolicy.audit.events.Signatures.settled`), and each
    signed with a key not in ``keys`` is counted there as not checked
    rather than named.

    ``signed_since`` is when the store's first record signed with the audit
    key was made (an event, a contact log entry, a sealed API token or
    webhook subscription; ``None``: none is signed): an entry logged then or
    later without the key, whatever the customer's other entries, was
    written without it and is named (7.4); one logged before it was logged
    before the store was keyed, and only makes the log unkeyed."""
    problems: list[Problem] = []
    prev = GENESIS
    chained = keyed = False
    all_keyed = True
    for expected, (logged, link) in enumerate(entries, start=1):
        where = f"contact log of customer {customer_id}, entry {expected}"
        if link.seq != expected:
            problems.append(Problem(where, f"is numbered {link.seq}: an entry is missing or added"))
        all_keyed = all_keyed and link.key_id is not None
        if link.digest is None:
            all_keyed = False
            if chained:
                problems.append(Problem(where, "has no digest, after entries that have"))
            elif _after(logged, signed_since):
                problems.append(Problem(where, _WITHOUT_THE_KEY))
            continue
        if keyed and link.key_id is None:
            problems.append(Problem(where, "is unkeyed, after entries signed with the audit key"))
        elif link.key_id is None and _after(logged, signed_since):
            problems.append(Problem(where, _WITHOUT_THE_KEY))
        chained, keyed = True, keyed or link.key_id is not None
        if logged is not None:
            try:
                recomputed = contact_digest(logged, link.seq, prev, link.key_id, keys)
            except UnknownKey as unknown:
                all_keyed = False
                if signatures is not None:
                    signatures.record_not_given(unknown.key_id)
                else:
                    problems.append(
                        Problem(
                            where, f"is signed with the audit key {unknown.key_id!r}, not given"
                        )
                    )
            else:
                changed = None
                if recomputed != link.digest:
                    changed = Problem(where, "was changed, copied or moved after it was logged")
                    problems.append(changed)
                if signatures is not None:
                    signatures.record(link.key_id, changed)
        prev = link.digest
    return problems, all_keyed


_WITHOUT_THE_KEY = (
    "is not signed with the audit key, logged after the store's records were signed with it: "
    "it was written without the key"
)
"""What an entry logged without the key on a keyed store is (7.4)."""


def _after(logged: LoggedContact | None, signed_since: pendulum.DateTime | None) -> bool:
    """Whether ``logged`` (``None``: unreadable, which the store reports)
    was logged at or after ``signed_since``."""
    return logged is not None and signed_since is not None and logged.logged_at >= signed_since
