"""Tools for testing code that uses contactpolicy, and for testing stores.

- :class:`~contactpolicy.testing.workflow.CaseworkWorkflow`: a hypothesis
  stateful test that drives random command sequences by random officers at
  random times and checks the policy's invariants after every step. Subclass
  it to run it against your own store or policy.
- :mod:`contactpolicy.testing.strategies`: hypothesis strategies for the
  domain model.
- :mod:`contactpolicy.testing.contract`: ``StoreContract``, the test suite
  every store passes; subclass it to test a store of your own.
- :mod:`contactpolicy.testing.examples`: ready-made cases, histories, a story
  through the lifecycle, and hostile text.

All need pytest and hypothesis (``pip install contactpolicy[testing]``).
"""

from contactpolicy.testing.workflow import CaseworkWorkflow

__all__ = ["CaseworkWorkflow"]
