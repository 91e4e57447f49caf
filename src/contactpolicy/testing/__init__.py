"""Tools for testing code that uses contactpolicy, and for testing stores.

- :class:`~contactpolicy.testing.workflow.CaseworkWorkflow`: a hypothesis
  stateful test that drives random command sequences by random officers at
  random times and checks the policy's invariants after every step. Subclass
  it to run it against your own store or policy.
- :mod:`contactpolicy.testing.strategies`: hypothesis strategies for the
  domain model.
- The store contract, split like the store protocols:
  :class:`~contactpolicy.testing.contract.CaseStoreContract`,
  :class:`~contactpolicy.testing.contract.FeedContract`,
  :class:`~contactpolicy.testing.contact_log_contract.ContactLogContract`,
  and :class:`~contactpolicy.testing.contract.StoreContract` for all three.
  Subclass one to test a store of your own.
- :mod:`contactpolicy.testing.examples`: ready-made cases, histories, a story
  through the lifecycle, and hostile text.

All need pytest and hypothesis (``pip install contactpolicy[testing]``); they
are imported when first named, and ``import contactpolicy`` imports none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from contactpolicy.testing.contact_log_contract import ContactLogContract
    from contactpolicy.testing.contract import CaseStoreContract, FeedContract, StoreContract
    from contactpolicy.testing.workflow import CaseworkWorkflow

__all__ = [
    "CaseStoreContract",
    "CaseworkWorkflow",
    "ContactLogContract",
    "FeedContract",
    "StoreContract",
]

_HOMES = {
    "CaseStoreContract": "contract",
    "CaseworkWorkflow": "workflow",
    "ContactLogContract": "contact_log_contract",
    "FeedContract": "contract",
    "StoreContract": "contract",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
