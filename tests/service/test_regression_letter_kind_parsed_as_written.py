"""Regression: ``Casework.letter`` read a kind given as text in any letter
case, with white space around it, or with a hyphen for an underscore
(``"WARNING"``, ``" warning "``, ``"no-action"``). Now a kind is a
:class:`LetterKind` or its value as written; anything else is
``InvalidInput`` naming ``kind`` (6.3) and listing the kinds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import InvalidInput, LetterKind
from contactpolicy.casework.letters import letter_kind

REFUSAL = (
    "[6.3] kind: must be a kind of letter (warning, designation, review, appeal, lifted, "
    "reassigned, no_action)"
)


@pytest.mark.parametrize("given_kind", ["WARNING", "Warning", " warning", "warning\n", "no-action"])
def test_a_kind_not_as_written_is_refused(given_kind: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        letter_kind(given_kind)
    assert (str(refused.value), refused.value.field, refused.value.section) == (
        REFUSAL,
        "kind",
        "6.3",
    )


def test_a_kind_as_written_or_a_member_is_that_kind() -> None:
    assert [letter_kind(kind.value) for kind in LetterKind] == list(LetterKind)
    assert [letter_kind(kind) for kind in LetterKind] == list(LetterKind)


@given(st.text(max_size=20))
def test_property_only_a_value_as_written_is_a_kind(text: str) -> None:
    values = {kind.value: kind for kind in LetterKind}
    if text in values:
        assert letter_kind(text) is values[text]
    else:
        with pytest.raises(InvalidInput):
            letter_kind(text)
