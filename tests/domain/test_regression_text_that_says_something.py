"""A reason the policy requires says something: at least one letter or
digit, in any script (7.4; ``named`` is the one rule, which a person or
team told, 9.1, has always had to meet). Text that shows something but
says nothing (``"."``, ``"- -"``) is refused as empty text is, with the
words it needs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from contactpolicy.domain.preconditions import check_close, check_record_informed, named
from contactpolicy.errors import Failure

PUNCTUATION = st.text(st.sampled_from(".,-_;:!?'\"()[]/\\*#~ "), min_size=1, max_size=12)
"""Text of punctuation and spaces only: it says nothing."""


@given(st.text(max_size=20))
def test_property_a_reason_is_refused_exactly_when_it_holds_no_letter_or_digit(text: str) -> None:
    """The boundary: closing a case for a reason (6.1) is refused exactly
    when the reason holds no letter or digit, and so is a recipient told
    (9.1): one rule for both."""
    says = any(character.isalnum() for character in text)
    assert named(text) is says
    assert (check_close(text) == []) is says
    assert (check_record_informed([text]) == []) is says


@given(PUNCTUATION.filter(str.strip))
def test_property_punctuation_alone_is_refused_naming_the_words_needed(text: str) -> None:
    """Punctuation alone shows something, so the refusal says what it
    lacks: words holding a letter or digit."""
    assert check_close(text) == [
        Failure(
            "6.1",
            "reason_missing",
            "closing a case needs a reason, in words holding at least one letter or digit",
        )
    ]


def test_a_reason_in_another_script_or_of_digits_says_something() -> None:
    """Any script's letters, and digits alone, say something."""
    assert [check_close(text) for text in ("Ретракция", "撤回", "42")] == [[], [], []]
    assert check_close("") == [Failure("6.1", "reason_missing", "closing a case needs a reason")]
