"""The kit needs hypothesis and pytest, the ``testing`` extra: without them,
naming a part of ``contactpolicy.testing`` says which extra to install.
(Run in a fresh interpreter: pytest's own hypothesis plugin needs
hypothesis in this one.)"""

from __future__ import annotations

import subprocess
import sys

import pytest

import contactpolicy.testing

WITHOUT_HYPOTHESIS = """
import sys
sys.modules["hypothesis"] = None
import contactpolicy.testing
try:
    getattr(contactpolicy.testing, sys.argv[1])
except ModuleNotFoundError as missing:
    print(missing.name)
    print(missing)
"""


@pytest.mark.parametrize("name", ["StoreContract", "CaseworkWorkflow", "strategies"])
def test_naming_a_part_of_the_kit_without_hypothesis_names_the_extra(name: str) -> None:
    """ModuleNotFoundError for hypothesis, saying which extra brings it."""
    ran = subprocess.run(
        [sys.executable, "-c", WITHOUT_HYPOTHESIS, name],
        capture_output=True,
        text=True,
        check=True,
    )
    assert ran.stdout == (
        "hypothesis\n"
        "contactpolicy.testing needs hypothesis, which is not installed; install "
        "contactpolicy with its testing extra: pip install 'contactpolicy[testing]'\n"
    )


def test_an_unknown_name_is_an_attribute_error() -> None:
    """A name the kit does not have is AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="has no attribute 'Nothing'"):
        contactpolicy.testing.Nothing  # noqa: B018
