"""Free text that shows nothing (only white space, control characters and
invisible ones such as the zero-width space U+200B) is refused as white
space alone is, by the one text validator, so every text field follows
(7.4: a record says something). Before, a description of one zero-width
space was recorded and shown as ``\\u200b``."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from contactpolicy import Behaviour, Channel, Customer, Incident, Note
from contactpolicy.domain.validation import (
    IGNORABLE,
    empty_or_text_field,
    kept,
    shows_nothing,
    text_field,
)
from contactpolicy.errors import InvalidInput
from contactpolicy.testing.strategies import texts

from support.builders import START

NOTHING = ["\u200b", " \u200b\ufeff ", "\u2060\u200d", "\u3164", "\x07\u200b", "\ufe0f"]


@pytest.mark.parametrize("text", NOTHING)
def test_a_description_that_shows_nothing_is_refused(text: str) -> None:
    """The reproduction: the field, the section, and no repeat of the text."""
    with pytest.raises(InvalidInput) as refused:
        Incident(Behaviour.EXCESSIVE_DEMANDS, START, Channel.TELEPHONE, text)
    assert str(refused.value) == (
        "[4.1] Incident.description: must be text holding a visible character, got a str of "
        "no visible character"
    )


def test_every_text_field_follows() -> None:
    """A customer's name, a note's text, optional contact details."""
    with pytest.raises(InvalidInput) as name:
        Customer("CRM-1", "\u200b", "")
    assert name.value.field == "Customer.name"
    with pytest.raises(InvalidInput) as note:
        Note(START, "lwong", "\u200b\u200b")
    assert note.value.field == "Note.text"
    with pytest.raises(InvalidInput) as contact:
        Customer("CRM-1", "Sam Taylor", "\u200b")
    assert contact.value.message == (
        "must be empty or text holding a visible character, got a str of no visible character"
    )


def test_text_with_something_to_see_is_kept_exactly() -> None:
    """An invisible character beside visible ones is kept as given."""
    assert text_field("Note.text", "7.4")("Called\u200b twice") == "Called\u200b twice"


def test_text_kept_before_the_rule_stays_readable() -> None:
    """Read back from a store, text that shows nothing is taken as kept."""
    with kept():
        assert text_field("Incident.description", "4.1")("\u200b") == "\u200b"
        assert empty_or_text_field("Customer.contact", "7.4")("\u200b") == "\u200b"


MIXED = st.text(st.sampled_from(["\u200b", " ", "\ufeff", "\u3164", "\x07", "\u2028", "a", "7"]))
"""Text mostly of characters that show nothing, sometimes with one that does."""


@given(texts() | MIXED, st.sampled_from(["", "\u200b", " ", "\ufeff\u2060"]))
@example(text="\u115f", around="")
def test_refused_iff_nothing_can_be_seen(text: str, around: str) -> None:
    """Whatever the text, with invisible characters or spaces around it:
    refused exactly when it shows nothing, and text holding a letter or a
    digit always shows something, unless the letter is one of Unicode's
    default-ignorable fillers (U+115F HANGUL CHOSEONG FILLER is a letter
    that shows nothing)."""
    text = around + text + around
    check = text_field("Note.text", "7.4")
    if shows_nothing(text):
        with pytest.raises(InvalidInput):
            check(text)
    else:
        assert check(text) == text
    if any(character.isalnum() and not IGNORABLE.match(character) for character in text):
        assert not shows_nothing(text)


@given(texts(1))
def test_the_testing_kits_texts_always_show_something(text: str) -> None:
    """texts(1) draws what the model takes as text."""
    assert text_field("Note.text", "7.4")(text) == text
