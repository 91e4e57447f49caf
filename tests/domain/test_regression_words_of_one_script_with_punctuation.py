"""A contact's issue is refused for a word mixing scripts (5.1), and a word
ends at an apostrophe, a hyphen or a digit: a name in Cyrillic or Greek
with an English possessive, or a Greek abbreviation joined to an English
word by a hyphen, is two words of one script each and is kept as typed.
Before, a word was a run of characters between spaces, so these were
refused as mixing scripts. A disguise inside a word of letters is still
refused, even split by an invisible character."""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import Channel, Contact, InvalidInput
from contactpolicy.domain.validation import contact_issue_field

AT = pendulum.datetime(2026, 3, 2, 10)


@pytest.mark.parametrize(
    "issue",
    [
        "\u0418\u0432\u0430\u043d's bill",
        "\u0418\u0432\u0430\u043d\u2019s bill",
        "\u0399\u03c9\u03ac\u03bd\u03bd\u03b7\u03c2's bill",
        "\u0391\u0392\u0393-council",
        "O'Brien's bin",
        "Flat 3-\u0418",
    ],
)
def test_words_of_one_script_joined_by_punctuation_are_kept(issue: str) -> None:
    assert contact_issue_field("Contact.issue", "5.1")(issue) == issue


@pytest.mark.parametrize(
    ("issue", "message"),
    [
        (
            "Bin c\u043ellections",
            "[5.1] Contact.issue: must not mix letters of different scripts within a word: "
            "U+043E at character 6, a Cyrillic character among Latin ones; use 'o' (U+006F)",
        ),
        (
            "Bin c\u200b\u043ellections",
            "[5.1] Contact.issue: must not mix letters of different scripts within a word: "
            "U+043E at character 7, a Cyrillic character among Latin ones; use 'o' (U+006F)",
        ),
    ],
)
def test_a_disguise_inside_a_word_is_still_refused(issue: str, message: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        Contact(Channel.EMAIL, AT, issue=issue)
    assert str(raised.value) == message
    assert "collections" not in str(raised.value)
