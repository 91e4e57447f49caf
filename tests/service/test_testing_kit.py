"""The testing kit as integrators meet it (issue 15): everything exported
from ``contactpolicy.testing``, nothing of it loaded by ``import
contactpolicy``, and a plugin that adds nothing until a fixture is used."""

from __future__ import annotations

import subprocess
import sys

import pytest

import contactpolicy.testing
from contactpolicy.testing import contract, examples, race_contract, strategies, workflow


def loaded_after(code: str) -> set[str]:
    """The top-level packages a fresh interpreter has loaded after ``code``."""
    found = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return {name.split(".")[0] for name in found.stdout.split()}


@pytest.mark.parametrize(
    ("name", "home"),
    [
        ("CaseworkWorkflow", workflow.CaseworkWorkflow),
        ("StoreContract", contract.StoreContract),
        ("CaseStoreContract", contract.CaseStoreContract),
        ("FeedContract", contract.FeedContract),
        ("RaceContract", race_contract.RaceContract),
        ("ProcessRaceContract", race_contract.ProcessRaceContract),
        ("strategies", strategies),
        ("examples", examples),
    ],
)
def test_the_kit_is_importable_from_contactpolicy_testing(name: str, home: object) -> None:
    """Issue 15: ``from contactpolicy.testing import StoreContract`` failed;
    every part of the kit is now a name of the package."""
    assert getattr(contactpolicy.testing, name) is home
    assert name in contactpolicy.testing.__all__


def test_importing_contactpolicy_imports_neither_hypothesis_nor_pytest() -> None:
    """The kit's dependencies stay out of a program that only runs the policy."""
    loaded = loaded_after("import contactpolicy\ncontactpolicy.Casework")
    assert loaded.isdisjoint({"hypothesis", "pytest", "_pytest"})


def test_the_plugin_imports_nothing_of_contactpolicy_until_a_fixture_is_used() -> None:
    """pytest imports the plugin in every project where the kit is
    installed; importing it loads neither hypothesis nor the library."""
    code = "import contactpolicy.testing.plugin\nimport sys\n"
    code += "print(' '.join(m for m in sys.modules if m.startswith('contactpolicy')))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert sorted(found.stdout.split()) == [
        "contactpolicy",
        "contactpolicy.testing",
        "contactpolicy.testing.plugin",
    ]
    assert "hypothesis" not in loaded_after("import contactpolicy.testing.plugin")
