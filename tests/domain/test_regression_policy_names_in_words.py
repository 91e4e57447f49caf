"""A policy setting ``immediate_action_behaviours = [["threats"]]`` was
refused as "['threats'] is not one of: ...", the value repeated as Python
writes it. A value of the wrong kind where a name belongs (a behaviour of
4.1 or 6.3, a role or command of 6.1) is described in words, as every other
policy error is (``describe``), never repeated."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Policy
from contactpolicy.domain.validation import describe
from contactpolicy.domain.vocabulary import Behaviour, Role
from contactpolicy.errors import InvalidPolicy

BEHAVIOURS = ", ".join(member.value for member in Behaviour)
ROLES = ", ".join(member.value for member in Role)


def test_a_list_in_place_of_a_behaviour_says_so_in_words() -> None:
    """6.3: the setting, the names it takes and what was given instead."""
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_mapping({"immediate_action_behaviours": [["threats"]]})
    assert [(each.section, each.field, each.message) for each in refused.value.problems] == [
        (
            "6.3",
            "Policy.immediate_action_behaviours[0]",
            f"must be text, one of: {BEHAVIOURS}; got a list of 1 item",
        )
    ]


def test_a_number_in_place_of_a_role_says_so_in_words() -> None:
    """6.1: a role in a command's permissions given as a number."""
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_mapping({"permissions": {"lift": [7]}})
    assert [(each.section, each.field, each.message) for each in refused.value.problems] == [
        ("6.1", "Policy.permissions['lift'][0]", f"must be text, one of: {ROLES}; got an int")
    ]


@given(
    st.one_of(
        st.lists(st.text(min_size=1), min_size=1, max_size=3),
        st.integers(),
        st.booleans(),
        st.floats(allow_nan=False),
        st.dictionaries(st.text(min_size=1), st.text(), min_size=1, max_size=2),
    )
)
def test_any_value_not_text_is_described_not_repeated(value: object) -> None:
    """Whatever the value of the wrong kind, the problem reads alike."""
    with pytest.raises(InvalidPolicy) as refused:
        Policy.from_mapping({"immediate_action_behaviours": [value]})
    assert [each.message for each in refused.value.problems] == [
        f"must be text, one of: {BEHAVIOURS}; got {describe(value)}"
    ]
