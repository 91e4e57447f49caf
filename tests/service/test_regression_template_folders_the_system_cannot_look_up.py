"""Regression: a templates folder the system cannot look up (a name too
long for it, or one holding NUL) raised ``OSError`` repeating the whole
name, from ``subject_access(templates=...)`` and from ``Casework(...)``
with a policy built in code naming such a folder. Both are now
``InvalidInput`` naming ``templates`` (6.3), as a folder that does not
exist is."""

from __future__ import annotations

from pathlib import Path

import pytest

from contactpolicy import Casework, InvalidInput, Policy
from contactpolicy.stores import MemoryStore

from support.builders import RECORDS

UNREADABLE = ["x" * 5000, "a\x00b", "/" + "a" * 300 + "/b"]


@pytest.mark.parametrize("folder", UNREADABLE, ids=["too long", "NUL", "part too long"])
def test_subject_access_with_a_folder_that_cannot_be_looked_up_is_invalid_input(
    folder: str,
) -> None:
    """The error names templates and does not repeat the folder."""
    casework = Casework(MemoryStore())
    with pytest.raises(InvalidInput) as refused:
        casework.subject_access("CRM-1", by=RECORDS, templates=Path(folder))
    assert (refused.value.field, refused.value.section) == ("templates", "6.3")
    assert refused.value.message == "must be a folder that exists"


@pytest.mark.parametrize("folder", UNREADABLE, ids=["too long", "NUL", "part too long"])
def test_a_casework_whose_policy_names_such_a_folder_is_invalid_input(folder: str) -> None:
    """A policy built in code is checked when a Casework loads its templates."""
    policy = Policy(
        name="Example District Council",
        letterhead="Example District Council\nMarket Square",
        letter_templates=Path(folder),
    )
    with pytest.raises(InvalidInput) as refused:
        Casework(MemoryStore(), policy)
    assert (refused.value.field, refused.value.section) == ("templates", "6.3")
    assert "xxxxx" not in str(refused.value)
