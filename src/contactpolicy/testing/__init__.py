"""Tools for testing code that uses contactpolicy, and for testing stores.

- :mod:`contactpolicy.testing.strategies`: hypothesis strategies for the
  domain model.
- :mod:`contactpolicy.testing.contract`: ``StoreContract``, the test suite
  every store passes; subclass it to test a store of your own.
- :mod:`contactpolicy.testing.examples`: ready-made cases, histories, a story
  through the lifecycle, and hostile text.

Both need pytest and hypothesis (``pip install contactpolicy[testing]``).
"""
