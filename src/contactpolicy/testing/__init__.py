"""Tools for testing code that uses contactpolicy, and for testing stores.

- :class:`~contactpolicy.testing.workflow.CaseworkWorkflow`: a hypothesis
  stateful test that drives random command sequences by random officers at
  random times and checks the policy's invariants after every step. Its
  officers and rules follow the policy it is given; subclass it and
  override one factory to run it against your own store, policy, officer
  directory or notifier; :func:`~contactpolicy.testing.workflow.officers_for`
  is its default officer directory, to extend with your own.
- :mod:`~contactpolicy.testing.strategies`: hypothesis strategies for the
  domain model (officers, customers, incidents, assessments, restrictions,
  contacts, hostile text), and :mod:`~contactpolicy.testing.sequences` for
  whole command sequences.
- The store contract, split like the store protocols:
  :class:`~contactpolicy.testing.contract.CaseStoreContract` (with
  :class:`~contactpolicy.testing.open_items_contract.OpenItemsContract`,
  the cases an item a contact left waits on, and
  :class:`~contactpolicy.testing.last_event_contract.CasesWithLastContract`,
  pages of cases each with its last event),
  :class:`~contactpolicy.testing.contract.FeedContract`,
  :class:`~contactpolicy.testing.contact_log_contract.ContactLogContract`,
  :class:`~contactpolicy.testing.delivery_contract.DeliveryContract` (the
  outbox's positions and webhook subscriptions, 9.1),
  :class:`~contactpolicy.testing.read_log_contract.ReadLogContract` (the read
  log, 7.4),
  :class:`~contactpolicy.testing.purge_run_contract.PurgeRunContract` (purge
  runs kept under their command ids with their erasures, 7.2),
  :class:`~contactpolicy.testing.command_id_contract.CommandIdContract`
  (command ids unique in the store whatever the kind of command, 7.4),
  and :class:`~contactpolicy.testing.contract.StoreContract` for them all,
  hostile values at every method
  (:class:`~contactpolicy.testing.boundary_contract.HostileCallsContract`),
  racing threads (:class:`~contactpolicy.testing.race_contract.RaceContract`)
  and customer references
  (:class:`~contactpolicy.testing.reference_contract.CustomerReferenceContract`)
  included; :class:`~contactpolicy.testing.race_contract.ProcessRaceContract`
  for a store several processes open. Subclass one to test a store of your
  own.
- :mod:`~contactpolicy.testing.examples`: ready-made cases, histories, a story
  through the lifecycle, and hostile text.
- :mod:`~contactpolicy.testing.profiles`: the ``dev``, ``ci`` and ``nightly``
  hypothesis profiles, and the settings of a reproducible run
  (``REPRODUCIBLE``, run inside ``reproducible()``).
- The pytest plugin (:mod:`~contactpolicy.testing.plugin`), loaded by pytest
  itself: the fixtures ``frozen_clock``, ``memory_casework``,
  ``sqlite_casework`` and ``postgres_url``.

All need pytest and hypothesis (``pip install contactpolicy[testing]``); they
are imported when first named, and ``import contactpolicy`` imports none.

>>> from contactpolicy.testing import StoreContract, strategies
>>> StoreContract.__name__, strategies.__name__
('StoreContract', 'contactpolicy.testing.strategies')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from contactpolicy.testing import examples, profiles, sequences, strategies
    from contactpolicy.testing.boundary_contract import HostileCallsContract
    from contactpolicy.testing.command_id_contract import CommandIdContract
    from contactpolicy.testing.contact_log_contract import ContactLogContract
    from contactpolicy.testing.contract import CaseStoreContract, FeedContract, StoreContract
    from contactpolicy.testing.delivery_contract import DeliveryContract
    from contactpolicy.testing.last_event_contract import CasesWithLastContract
    from contactpolicy.testing.open_items_contract import OpenItemsContract
    from contactpolicy.testing.purge_run_contract import PurgeRunContract
    from contactpolicy.testing.race_contract import ProcessRaceContract, RaceContract
    from contactpolicy.testing.read_log_contract import ReadLogContract
    from contactpolicy.testing.reference_contract import CustomerReferenceContract
    from contactpolicy.testing.workflow import CaseworkWorkflow, officers_for

__all__ = [
    "CaseStoreContract",
    "CasesWithLastContract",
    "CaseworkWorkflow",
    "CommandIdContract",
    "ContactLogContract",
    "CustomerReferenceContract",
    "DeliveryContract",
    "FeedContract",
    "HostileCallsContract",
    "OpenItemsContract",
    "ProcessRaceContract",
    "PurgeRunContract",
    "RaceContract",
    "ReadLogContract",
    "StoreContract",
    "examples",
    "officers_for",
    "profiles",
    "sequences",
    "strategies",
]

_HOMES = {
    "CaseStoreContract": "contract",
    "CasesWithLastContract": "last_event_contract",
    "CaseworkWorkflow": "workflow",
    "CommandIdContract": "command_id_contract",
    "ContactLogContract": "contact_log_contract",
    "CustomerReferenceContract": "reference_contract",
    "DeliveryContract": "delivery_contract",
    "FeedContract": "contract",
    "HostileCallsContract": "boundary_contract",
    "OpenItemsContract": "open_items_contract",
    "ProcessRaceContract": "race_contract",
    "PurgeRunContract": "purge_run_contract",
    "RaceContract": "race_contract",
    "ReadLogContract": "read_log_contract",
    "StoreContract": "contract",
    "officers_for": "workflow",
}

_MODULES = frozenset({"examples", "profiles", "sequences", "strategies"})


_NEEDED = frozenset({"hypothesis", "pytest"})
"""What the kit needs beyond the library: its ``testing`` extra."""


def __getattr__(name: str) -> Any:
    home = name if name in _MODULES else _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        module = importlib.import_module(f"{__name__}.{home}")
    except ModuleNotFoundError as missing:
        if missing.name not in _NEEDED:
            raise
        # The kit's own needs are an extra: a council's application does not install them.
        raise ModuleNotFoundError(
            f"contactpolicy.testing needs {missing.name}, which is not installed; install "
            "contactpolicy with its testing extra: pip install 'contactpolicy[testing]'",
            name=missing.name,
        ) from None
    return module if name in _MODULES else getattr(module, name)
