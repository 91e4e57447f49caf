"""A customer's cases, each the one its history ends with (7.4).

Whatever decides or reports on a customer's cases (a restriction's channel
check, the evidence summary, a subject access export, a purge's contact
log, a customer's listing) reads them here, not from their rows alone: a
case whose row was edited in the database (its state or version) would
otherwise be decided or reported on as edited, though no event records
the edit (an export misstating the case, a contact log erased early).
Commands and the point of contact read the same way
(:func:`~contactpolicy.audit.replay.check_continues`,
:func:`~contactpolicy.audit.replay.trusted`).
"""

from __future__ import annotations

from contactpolicy.audit import replay
from contactpolicy.audit.keys import AuditKeys
from contactpolicy.domain.model import Case
from contactpolicy.stores.protocols import Store

__all__ = ["customer_cases"]


def customer_cases(store: Store, keys: AuditKeys, customer_id: str) -> list[Case]:
    """Every case of ``customer_id`` (a customer reference as the policy
    compares them), in the order of ``store.cases(customer_id=...)``, each
    checked against the last event of its history, read with it in one
    query (``Store.customer_cases``), so the cost follows the customer's
    cases, not their histories. A case whose row disagrees with its history
    (its state or version changed outside the system) is
    :class:`~contactpolicy.errors.StoreDamaged` naming the case and what
    differs, never personal data (7.4); nothing is written. ``keys``, the
    audit keys, check a last event recorded before events carried the
    digest of the case they leave (:func:`~contactpolicy.audit.replay.check_continues`)."""
    cases, _ = replay.trusted(store.customer_cases(customer_id), keys, heard=False)
    return cases
