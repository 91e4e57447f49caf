"""Hypothesis profiles for the kit: ``dev``, ``ci`` and ``nightly``.

- ``dev``: quick, 50 examples a property, for the edit-and-run loop;
- ``ci``: thorough, 150 examples, a failing example printed as a blob to
  reproduce it, no complaint that a store's test is slow;
- ``nightly``: 10,000 examples, for a nightly run of the stateful
  :class:`~contactpolicy.testing.workflow.CaseworkWorkflow` and the store
  contract.

None has a deadline: store calls do I/O, and the tests never time anything.
:func:`load_profile` chooses one by ``CONTACTPOLICY_HYPOTHESIS_PROFILE``, or
else ``HYPOTHESIS_PROFILE``, or else ``dev``. The pytest plugin loads, by
itself, the profile :func:`plugin_profile` names: the one
``CONTACTPOLICY_HYPOTHESIS_PROFILE`` names, or the one ``HYPOTHESIS_PROFILE``
names when it is one of the kit's (a project's own profile of another name
is left to the project).

A run that must draw the same examples every time (a test asserting how
many stories reach an appeal, say) takes :data:`REPRODUCIBLE` as its
settings and runs inside :func:`reproducible`, so that hypothesis draws
nothing from the modules the run has loaded.

>>> from hypothesis import settings
>>> register_profiles()
>>> settings.get_profile("nightly").max_examples
10000
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from hypothesis import HealthCheck, settings

from contactpolicy.errors import InvalidInput

__all__ = [
    "PROFILES",
    "REPRODUCIBLE",
    "VARIABLES",
    "chosen_profile",
    "load_profile",
    "plugin_profile",
    "register_profiles",
    "reproducible",
]

PROFILES: Mapping[str, settings] = {
    "dev": settings(max_examples=50, deadline=None),
    "ci": settings(
        max_examples=150,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    ),
    "nightly": settings(
        max_examples=10_000,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    ),
}
"""Each profile's settings, by name."""

REPRODUCIBLE = settings(
    settings.get_profile("default"),
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
)
"""Settings for a run that draws the same examples every time, whatever
profile is loaded: 100 examples (give ``max_examples`` for another fixed
number, ``settings(REPRODUCIBLE, max_examples=150)``), chosen from a seed
taken from the test's own source (``derandomize``), none replayed from
hypothesis's database, no deadline, and hypothesis's defaults for the
rest. Run the test inside :func:`reproducible` too.

>>> REPRODUCIBLE.max_examples, REPRODUCIBLE.derandomize, REPRODUCIBLE.database
(100, True, None)
"""

VARIABLES = ("CONTACTPOLICY_HYPOTHESIS_PROFILE", "HYPOTHESIS_PROFILE")
"""The environment variables that name the profile, the first set winning."""


def register_profiles() -> None:
    """Register :data:`PROFILES` with hypothesis under their names."""
    for name, chosen in PROFILES.items():
        settings.register_profile(name, chosen)


def chosen_profile(environ: Mapping[str, str] = os.environ) -> str:
    """The profile :data:`VARIABLES` name, or ``dev``; a name that is not one
    of :data:`PROFILES` is ``InvalidInput`` naming the variable.

    >>> chosen_profile({"HYPOTHESIS_PROFILE": "ci"})
    'ci'
    >>> chosen_profile({"CONTACTPOLICY_HYPOTHESIS_PROFILE": "nightly", "HYPOTHESIS_PROFILE": "ci"})
    'nightly'
    >>> chosen_profile({})
    'dev'
    """
    for variable in VARIABLES:
        name = environ.get(variable)
        if name:
            if name not in PROFILES:
                raise InvalidInput(variable, f"must be one of {', '.join(PROFILES)}, got {name!r}")
            return name
    return "dev"


def plugin_profile(environ: Mapping[str, str] = os.environ) -> str | None:
    """The profile the pytest plugin loads by itself, or ``None``: the one
    ``CONTACTPOLICY_HYPOTHESIS_PROFILE`` names (a name that is not one of
    :data:`PROFILES` is ``InvalidInput`` naming it), else the one
    ``HYPOTHESIS_PROFILE`` names if it is one of :data:`PROFILES`; a project
    may register profiles of its own under other names.

    >>> plugin_profile({"HYPOTHESIS_PROFILE": "ci"})
    'ci'
    >>> plugin_profile({"HYPOTHESIS_PROFILE": "councils-own"}) is None
    True
    >>> plugin_profile({})
    """
    if environ.get(VARIABLES[0]):
        return chosen_profile(environ)
    name = environ.get(VARIABLES[1])
    return name if name in PROFILES else None


def load_profile(environ: Mapping[str, str] = os.environ) -> str:
    """Register the profiles and load the one :func:`chosen_profile` names;
    return its name. Call it before the tests are collected (from a
    ``conftest.py``), as hypothesis settings are read when a test is defined."""
    register_profiles()
    name = chosen_profile(environ)
    settings.load_profile(name)
    return name


@contextmanager
def reproducible() -> Iterator[None]:
    """While in it, hypothesis draws no values from the modules the run has
    loaded, so a derandomized test (:data:`REPRODUCIBLE`) draws the same
    examples whether it runs alone or with any other test. Usable as a
    ``with`` block around the call of a hypothesis test, or as a decorator
    (``@reproducible()``) above ``@given``.

    Hypothesis draws one value in twenty or so of an integer, text, bytes
    or float from a pool of the literals of every module loaded from
    outside the standard library and site-packages (test files apart), a
    pool that grows with each module imported: which tests a run collects
    changes the pool, and the draws of a derandomized test with it.
    Hypothesis offers no setting to leave the pool out, so the function that
    gathers it (``hypothesis.internal.conjecture.providers._get_local_constants``)
    answers with none while in the block, and the values already chosen
    from the pool are forgotten on entry and on exit. The values hypothesis
    itself holds (small and boundary numbers, awkward text) are still drawn.
    The change is to the whole process: a test run in another thread at
    the same time draws without the pool too.

    Raises ``ImportError`` or ``AttributeError`` if hypothesis no longer
    has that function; the library's own tests fail on an upgrade of
    hypothesis that changes it.

    >>> from hypothesis import given, settings, strategies as st
    >>> drawn = []
    >>> @reproducible()
    ... @settings(REPRODUCIBLE, max_examples=5)
    ... @given(st.integers(0, 10))
    ... def test_drawn(value):
    ...     drawn.append(value)
    >>> test_drawn()
    >>> len(drawn)
    5
    """
    # Imported here: the profiles need none of hypothesis's internals.
    from hypothesis.internal.conjecture import providers
    from hypothesis.internal.constants_ast import Constants

    none = Constants()

    def none_loaded() -> Constants:
        return none

    gathers = providers._get_local_constants
    providers.CONSTANTS_CACHE.cache.clear()
    providers._get_local_constants = none_loaded
    try:
        yield
    finally:
        providers._get_local_constants = gathers
        providers.CONSTANTS_CACHE.cache.clear()
