"""The policy's vocabulary and rules as pure values and functions.

Nothing here does I/O, reads the clock, or imports cattrs, python-statemachine
or a store: the domain is what the policy says, and every other layer builds
on it. The public names are re-exported from :mod:`contactpolicy`.
"""
