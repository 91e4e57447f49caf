"""A whole word of Cyrillic letters that all look like Latin ones, beside a
Latin word, is refused in an issue whether it is a disguise (``COUNCIL``
and Cyrillic ``\u0422\u0410\u0425``) or a real word (Cyrillic
``\u0421\u0421\u0421\u0420``, the Soviet Union, beside ``tax``): the two
cannot be told apart by their characters, and the testing kit draws the
real word's shape as a disguise (5.1, 6.2; docs/development.md, "Known
gaps"). Written wholly in one script, or in Latin letters, it is kept."""

from __future__ import annotations

import pytest
from hypothesis import given

from contactpolicy.domain.validation import issue_problem
from contactpolicy.testing.strategies import disguised_issues

REFUSED = (
    "must not hold a word in Cyrillic letters that all look like Latin ones beside Latin "
    "letters: U+0421 at character {place}; use Latin letters, 'C' (U+0043) for this one"
)


@pytest.mark.parametrize(
    ("issue", "problem"),
    [
        ("\u0421\u0421\u0421\u0420 tax", REFUSED.format(place=1)),
        ("tax \u0421\u0421\u0421\u0420", REFUSED.format(place=5)),
        ("\u0421\u0421\u0421\u0420 \u043d\u0430\u043b\u043e\u0433", None),
        ("USSR tax", None),
    ],
    ids=["before a Latin word", "after a Latin word", "wholly Cyrillic", "wholly Latin"],
)
def test_a_real_word_of_look_alikes_beside_latin_is_refused_as_a_disguise(
    issue: str, problem: str | None
) -> None:
    """The known limit, word for word."""
    assert issue_problem(issue) == problem


@given(disguised_issues())
def test_every_disguise_the_kit_draws_is_still_refused(issue: str) -> None:
    """The rule left as it is still refuses every disguise the kit draws."""
    assert issue_problem(issue) is not None
