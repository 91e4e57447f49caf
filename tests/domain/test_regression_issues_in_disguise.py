"""Regression: a contact naming its issue with an invisible character (a
zero-width space, a soft hyphen, a bidirectional mark) or a letter of
another script that looks like a Latin one (a Cyrillic ``\u043e`` in
``collections``) never matched the issue a no-further-enquiries
restriction names, so the customer was taken as raising a new issue
without a word (5.1). Issues are now compared in one form (NFKC, invisible
characters removed wherever they stand, case folded, spacing collapsed); a
contact's issue with a word mixing scripts is refused with
``InvalidInput`` naming the field and section, never the text; and a
contact's issue that still only looks like the restricted one, character
by character, is told to staff as one that could not be compared."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Channel, Contact, ContactDecision, InvalidInput
from contactpolicy.domain.lookalikes import NEUTRAL, script
from contactpolicy.domain.validation import BIDI_CONTROLS, contact_issue_field, kept
from contactpolicy.restrictions import NoFurtherEnquiriesOnIssue
from contactpolicy.testing import strategies

from support.contact_cases import AT, case, run

NOT_REGISTERED = ContactDecision(
    register=False,
    reasons=(
        "Further enquiries or complaints about 'Bin collections' are not registered (5.1): "
        "tell the customer the council's answer on it stands.",
    ),
)


def _looks_like(issue: str) -> ContactDecision:
    """The decision on a contact whose issue only looks like ``issue``."""
    return ContactDecision(
        reasons=(
            f"Further enquiries or complaints about {issue!r} are not registered (5.1): this "
            "contact's issue looks like it but is written in other characters, so they could "
            f"not be compared; if it is about {issue!r}, do not register it and tell the "
            "customer the council's answer on it stands.",
        )
    )


def _decide(issue: str, restricted: str = "Bin collections") -> ContactDecision:
    """The decision on an email about ``issue`` from a customer under no
    further enquiries on ``restricted``."""
    return run(
        [case(NoFurtherEnquiriesOnIssue(restricted))], Contact(Channel.EMAIL, AT, issue=issue)
    )


@pytest.mark.parametrize(
    "issue",
    [
        "Bin\u200b collections",  # a zero-width space
        "Bin col\u00adlections",  # a soft hyphen
        "Bin collections\u200f",  # a right-to-left mark
        "\u200eBin collections",  # a left-to-right mark
        "Bin\ufeff collections",  # a byte order mark
        "Bin\ufe0f collections",  # a variation selector
        "BIN  collections",
        "bin\u00a0COLLECTIONS",  # a no-break space
        "\uff22\uff29\uff2e collections",  # full-width letters
    ],
)
def test_an_issue_in_disguise_is_the_restricted_issue(issue: str) -> None:
    """5.1: invisible characters, case, spacing and full-width forms do not
    make another issue: the contact is not registered."""
    assert _decide(issue) == NOT_REGISTERED


def test_an_invisible_character_between_a_letter_and_its_accent_is_no_other_issue() -> None:
    """A zero-width space between ``e`` and its combining acute is removed
    before the two are composed, so ``Cafe\u200b\u0301 licence`` is
    ``Caf\u00e9 licence``."""
    assert _decide("Cafe\u200b\u0301 licence", "Caf\u00e9 licence") == ContactDecision(
        register=False,
        reasons=(
            "Further enquiries or complaints about 'Caf\u00e9 licence' are not registered "
            "(5.1): tell the customer the council's answer on it stands.",
        ),
    )


@pytest.mark.parametrize(
    ("issue", "message"),
    [
        (
            "Bin c\u043ellections",
            "must not mix letters of different scripts within a word: U+043E at character 6, "
            "a Cyrillic character among Latin ones; use 'o' (U+006F)",
        ),
        (
            "B\u0456n collections",
            "must not mix letters of different scripts within a word: U+0456 at character 2, "
            "a Cyrillic character among Latin ones; use 'i' (U+0069)",
        ),
        (
            "Bin c\u03bfllections",
            "must not mix letters of different scripts within a word: U+03BF at character 6, "
            "a Greek character among Latin ones; use 'o' (U+006F)",
        ),
        (
            "\u0412\u044b\u0432\u043e\u0437 \u043c\u0443\u0441\u043ep\u0430",
            "must not mix letters of different scripts within a word: U+0070 at character 11, "
            "a Latin character among Cyrillic ones",
        ),
    ],
)
def test_an_issue_with_a_word_mixing_scripts_is_refused(issue: str, message: str) -> None:
    """5.1: a word mixing Latin with Cyrillic or Greek letters is refused
    where a contact's issue comes in, naming the character by code point
    and place and the Latin letter to use, never the text."""
    with pytest.raises(InvalidInput) as refused:
        Contact(Channel.EMAIL, AT, issue=issue)
    assert (refused.value.field, refused.value.section, refused.value.message) == (
        "Contact.issue",
        "5.1",
        message,
    )
    assert issue not in str(refused.value)


@pytest.mark.parametrize(
    "issue",
    [
        "\u0412\u044b\u0432\u043e\u0437 \u043c\u0443\u0441\u043e\u0440\u0430",  # in Russian
        "Letter to \u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432 about bins",
        "\u30b4\u30df collection day",  # Katakana beside Latin, in words of their own
        "Parking\u200b permit",
    ],
)
def test_an_issue_whose_words_are_each_of_one_script_is_kept_as_given(issue: str) -> None:
    """Words of one script each, whatever the scripts, are an issue as
    written: the contact keeps the text exactly as given."""
    assert Contact(Channel.EMAIL, AT, issue=issue).issue == issue


def test_a_contact_kept_with_a_word_mixing_scripts_is_read_back_and_told_to_staff() -> None:
    """A contact read back from a store is not held to the rule, and its
    issue, looking like the restricted one, is told to staff as one that
    could not be compared: never taken for a new issue without a word."""
    with kept():
        contact = Contact(Channel.EMAIL, AT, issue="Bin c\u043ellections")
    assert contact.issue == "Bin c\u043ellections"
    assert run([case(NoFurtherEnquiriesOnIssue("Bin collections"))], contact) == _looks_like(
        "Bin collections"
    )


def test_a_word_in_cyrillic_letters_that_look_like_latin_ones_is_told_to_staff() -> None:
    """``Bin \u0455\u0440\u0430\u0441\u0435``, all Cyrillic in its second
    word, kept before the rule refused such a word beside Latin letters,
    looks like the restricted ``Bin space``: staff are told it could not
    be compared, and decide."""
    with kept():
        contact = Contact(Channel.EMAIL, AT, issue="Bin \u0455\u0440\u0430\u0441\u0435")
    decided = run([case(NoFurtherEnquiriesOnIssue("Bin space"))], contact)
    assert decided == _looks_like("Bin space")


def test_a_restricted_issue_kept_with_a_look_alike_letter_is_told_to_staff() -> None:
    """The other way round: a restriction kept on ``Bin c\u043ellections`` (a
    Cyrillic o), as written before the rule held for restrictions, and a
    contact on ``Bin collections`` in Latin letters."""
    with kept():
        restriction = NoFurtherEnquiriesOnIssue("Bin c\u043ellections")
    decided = run([case(restriction)], Contact(Channel.EMAIL, AT, issue="Bin collections"))
    assert decided == _looks_like("Bin c\u043ellections")


@pytest.mark.parametrize("issue", ["Planning application", "Bin collectiona", "Bin collection"])
def test_another_issue_is_registered(issue: str) -> None:
    """An issue that neither is nor looks like the restricted one is
    registered: the restriction does not apply to it."""
    assert _decide(issue) == ContactDecision()


_NEUTRAL_FORMAT = st.characters(categories=["Cf"]).filter(
    lambda c: script(c) in NEUTRAL and not BIDI_CONTROLS.match(c)
)
"""Format characters of no script but the bidirectional controls (which an
issue may not hold): inserting one adds no letter."""

_FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in string.ascii_letters + string.digits}


@given(
    issue=strategies.issues().filter(
        lambda text: _accepted(text) and NoFurtherEnquiriesOnIssue(text).issue == text
    ),
    inserted=st.lists(st.tuples(st.integers(0, 40), _NEUTRAL_FORMAT), max_size=4),
    swap=st.booleans(),
    wide=st.booleans(),
)
def test_any_issue_in_any_such_disguise_is_the_restricted_issue(
    issue: str, inserted: list[tuple[int, str]], *, swap: bool, wide: bool
) -> None:
    """For any issue a contact may name, inserting format characters of no
    script anywhere, swapping the case of its ASCII letters or writing
    them and its digits full width leaves the restricted issue: the
    contact is not registered (5.1)."""
    disguised = "".join(c.swapcase() if swap and c.isascii() else c for c in issue)
    if wide:
        disguised = "".join(_FULL_WIDTH.get(c, c) for c in disguised)
    for place, character in inserted:
        at = place % (len(disguised) + 1)
        disguised = disguised[:at] + character + disguised[at:]
    assert _decide(disguised, issue) == ContactDecision(
        register=False,
        reasons=(
            f"Further enquiries or complaints about {issue!r} are not registered (5.1): "
            "tell the customer the council's answer on it stands.",
        ),
    )


def _accepted(issue: str) -> bool:
    """Whether a contact may name ``issue``."""
    try:
        contact_issue_field("issue", "5.1")(issue)
    except InvalidInput:
        return False
    return True


_LOOK_ALIKES = {"a": "\u0430", "c": "\u0441", "e": "\u0435", "o": "\u043e", "p": "\u0440"}
"""Latin letters and the Cyrillic letters that look like them."""


@given(
    before=st.text(st.sampled_from(string.ascii_letters), min_size=1, max_size=8),
    letter=st.sampled_from(sorted(_LOOK_ALIKES)),
    after=st.text(st.sampled_from(string.ascii_letters), max_size=8),
    rest=st.text(st.sampled_from(string.ascii_letters + " "), min_size=1, max_size=12),
)
def test_any_latin_word_with_a_cyrillic_look_alike_is_refused(
    before: str, letter: str, after: str, rest: str
) -> None:
    """Any issue with a Latin word (of two letters or more) holding one
    Cyrillic look-alike of a Latin letter is refused, naming that letter's
    code point and place and the Latin letter to use."""
    with pytest.raises(InvalidInput) as refused:
        contact_issue_field("Contact.issue", "5.1")(f"{rest} {before}{_LOOK_ALIKES[letter]}{after}")
    place = len(rest) + 1 + len(before) + 1
    assert refused.value.message == (
        "must not mix letters of different scripts within a word: "
        f"U+{ord(_LOOK_ALIKES[letter]):04X} at character {place}, "
        f"a Cyrillic character among Latin ones; use '{letter}' (U+{ord(letter):04X})"
    )
