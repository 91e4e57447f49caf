"""Regression: docs/testing.md named ``OpenItemsContract`` beside the store
contract's parts that import from ``contactpolicy.testing``, and gave
``officers_for(policy)`` as the workflow's default officer directory, but
neither imported from there (``ImportError``), and the page never named
``ReadLogContract`` or ``PurgeRunContract``, which ``StoreContract``
includes. Every part of the kit the page names as a class (``StoreContract``)
or a call (``officers_for(policy)``) now imports from
``contactpolicy.testing``, unless the page imports it from its own module,
and every contract ``StoreContract`` is made of is on the page."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import contactpolicy.testing as kit
from contactpolicy.testing import StoreContract

PAGE = (Path(__file__).parents[2] / "docs" / "testing.md").read_text(encoding="utf-8")


def _exported() -> dict[str, str]:
    """Each name a module of the kit exports (its ``__all__``), with the
    module's name."""
    found: dict[str, str] = {}
    for module in pkgutil.iter_modules(kit.__path__):
        if not module.name.startswith("_"):
            loaded = importlib.import_module(f"{kit.__name__}.{module.name}")
            for name in getattr(loaded, "__all__", ()):
                found.setdefault(name, module.name)
    return found


def _sections() -> list[str]:
    """The page's sections, each from its heading to the next."""
    return re.split(r"\n(?=#)", PAGE)


def _unplaced(section: str, exported: dict[str, str]) -> set[str]:
    """The kit's names ``section`` gives in backticks as a class
    (``StoreContract``) or a call (``officers_for(policy)``), other than
    those of a module the section names (``contactpolicy.testing.strategies``,
    ``strategies.officers``, ``from contactpolicy.testing.sequences import``):
    the names the section presents as importable from ``contactpolicy.testing``."""
    named = {
        *re.findall(r"`([A-Z][a-z]\w*)`", section),
        *re.findall(r"`([a-z_]\w*)\([^`]*\)`", section),
    }
    placed = {
        module
        for module in set(exported.values())
        if f"contactpolicy.testing.{module}" in section or f"`{module}." in section
    }
    return {name for name in named & exported.keys() if exported[name] not in placed}


def test_every_part_of_the_kit_the_page_names_imports_from_the_kit() -> None:
    """Each class or function of the kit the page names, but for those of a
    module its section names, imports from ``contactpolicy.testing``, and is
    the one its module defines."""
    exported = _exported()
    named = {name for section in _sections() for name in _unplaced(section, exported)}
    assert {"OpenItemsContract", "officers_for", "StoreContract"} <= named
    assert sorted(name for name in named if name not in kit.__all__) == []
    for name in sorted(named):
        module = importlib.import_module(f"{kit.__name__}.{exported[name]}")
        assert getattr(kit, name) is getattr(module, name)


def test_the_page_names_every_contract_a_whole_store_passes() -> None:
    """Each contract ``StoreContract`` is made of that the kit exports is
    on the page, so a council testing a store part by part misses none."""
    exported = _exported()
    parts = {
        base.__name__
        for base in StoreContract.__mro__
        if base.__name__.endswith("Contract") and base.__name__ in exported
    }
    assert {"ReadLogContract", "PurgeRunContract", "OpenItemsContract"} <= parts
    assert sorted(part for part in parts if f"`{part}`" not in PAGE) == []
