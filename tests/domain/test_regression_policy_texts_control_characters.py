"""Regression: ``Policy(name="Ex\\x00DC")`` and ``signatory="Jo\\x1bSmith"``
were accepted and printed into letters, while every stored text refuses
NUL. The council's name, letterhead, signatory and titles now refuse control
characters (line breaks between the lines of a letterhead or signatory
excepted), naming the field and the character's code point, never the
text."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import InvalidPolicy, Policy, Role

LETTERHEAD = "Example DC\nMarket Square"


@pytest.mark.parametrize(
    ("settings", "field", "section", "message"),
    [
        (
            {"name": "Ex\x00DC", "letterhead": LETTERHEAD},
            "Policy.name",
            "6.3",
            "must not contain control characters: U+0000 at character 3",
        ),
        (
            {"signatory": "Jo\x1bSmith"},
            "Policy.signatory",
            "6.3",
            "must not contain control characters: U+001B at character 3",
        ),
        (
            {"name": "Example DC", "letterhead": "Example DC\nMarket\tSquare"},
            "Policy.letterhead",
            "6.3",
            "must not contain control characters: U+0009 at character 18",
        ),
        (
            {"titles": {"decision_maker": "Head\nof Policy"}},
            "Policy.titles.decision_maker",
            "6.1",
            "must not contain control characters: U+000A at character 5",
        ),
    ],
)
def test_a_policy_text_with_a_control_character_is_refused(
    settings: dict[str, Any], field: str, section: str, message: str
) -> None:
    """InvalidPolicy holds one problem naming the field and the character."""
    with pytest.raises(InvalidPolicy) as refused:
        Policy(**settings)
    [problem] = refused.value.problems
    assert (problem.field, problem.section, problem.message) == (field, section, message)


def test_line_breaks_separate_the_lines_of_a_letterhead_and_a_signatory() -> None:
    """LF and CR LF (a file saved on Windows) are line breaks there."""
    policy = Policy(
        name="Example DC",
        letterhead="Example DC\r\nMarket Square",
        signatory="Alex Morgan\nMonitoring Officer",
    )
    assert policy.signatory == "Alex Morgan\nMonitoring Officer"
    assert policy.title(Role.STAFF) == "Member of staff"


@given(control=st.characters(categories=["Cc"]).filter(lambda c: c not in "\r\n"))
def test_every_control_character_but_a_line_break_is_refused_in_a_signatory(
    control: str,
) -> None:
    """Whatever the control character, it is named by its code point."""
    with pytest.raises(InvalidPolicy) as refused:
        Policy(signatory=f"Alex{control}Morgan")
    [problem] = refused.value.problems
    assert problem.message == (
        f"must not contain control characters: U+{ord(control):04X} at character 5"
    )
