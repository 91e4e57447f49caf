"""Regression: an issue written with a blank-looking character (the blank
Braille pattern U+2800, a Hangul filler, a hair space) or with a whole
word in Cyrillic letters that all look like Latin ones (``COUNCIL
\u0422\u0410\u0425``) was taken, and never matched the issue a
no-further-enquiries restriction names, so a contact on a restricted issue
was registered as a new enquiry without a word (5.1, 7.3). A department
was held to the mixed-script rule across its whole name, so a name in two
languages was refused, naming the wrong script; and the Cyrillic palochka
was hinted as ``i``. Issues and services are now held to one rule, word by
word (:func:`~contactpolicy.domain.validation.name_problem`), and an issue
kept before the rule that only looks like the restricted one is told to
staff as one that could not be compared."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Channel, Contact, ContactDecision, InvalidInput
from contactpolicy.domain.lookalikes import latin_lookalike
from contactpolicy.domain.validation import (
    BLANKS,
    issue_field,
    kept,
    name_problem,
    service_field,
)
from contactpolicy.restrictions import NoFurtherEnquiriesOnIssue
from contactpolicy.testing import strategies

from support.contact_cases import AT, case, run

TAX = "COUNCIL \u0422\u0410\u0425"
WHOLE = (
    "must not hold a word in Cyrillic letters that all look like Latin ones beside Latin "
    "letters: U+0422 at character 9; use Latin letters, 'T' (U+0054) for this one"
)
BLANK = "must not contain blank-looking characters"

ISSUE = issue_field("issue", "6.2")
DEPARTMENT = service_field("Contact.department", "5.1")


def _refused(check: object, value: str) -> str:
    """The message ``check`` refuses ``value`` with, checked not to quote it."""
    with pytest.raises(InvalidInput) as refused:
        check(value)  # type: ignore[operator]
    assert value not in str(refused.value)
    return refused.value.message


def test_a_whole_word_of_cyrillic_look_alikes_is_refused_wherever_it_is_given() -> None:
    assert _refused(ISSUE, TAX) == WHOLE
    assert _refused(NoFurtherEnquiriesOnIssue, TAX) == WHOLE
    assert _refused(lambda text: Contact(Channel.EMAIL, AT, issue=text), TAX) == WHOLE
    assert _refused(DEPARTMENT, "Revenues \u0422\u0410\u0425") == WHOLE.replace("9", "10")


@pytest.mark.parametrize(
    ("issue", "found"),
    [
        ("council\u2800tax", "U+2800 at character 8"),
        ("council\u3164tax", "U+3164 at character 8"),
        ("council\u115ftax", "U+115F at character 8"),
        ("coun\u200acil tax", "U+200A at character 5"),
        ("council\u2009tax", "U+2009 at character 8"),
    ],
)
def test_a_blank_looking_character_is_refused_in_an_issue(issue: str, found: str) -> None:
    assert _refused(ISSUE, issue) == f"{BLANK}: {found}"
    assert _refused(lambda text: Contact(Channel.EMAIL, AT, issue=text), issue) == (
        f"{BLANK}: {found}"
    )


def test_a_blank_looking_space_is_refused_in_a_department() -> None:
    assert _refused(DEPARTMENT, "Revenues\u200aand Benefits") == f"{BLANK}: U+200A at character 9"


@pytest.mark.parametrize(
    "name",
    [
        "Housing / \u0416\u0438\u043b\u044c\u0451",
        "Revenues (\u06a9\u0648\u0646\u0633\u0644 \u0679\u06cc\u06a9\u0633)",
    ],
)
def test_a_department_in_two_languages_is_kept(name: str) -> None:
    assert DEPARTMENT(name) == name


@pytest.mark.parametrize(
    "issue",
    [
        "Ysgol Gymraeg",
        "Podatek od nieruchomo\u015bci \u2013 \u0141\u00f3d\u017a",
        "\u06a9\u0648\u0646\u0633\u0644 \u0679\u06cc\u06a9\u0633",
        "\u0394\u03b7\u03bc\u03bf\u03c4\u03b9\u03ba\u03ad\u03c2",
        "\u6771\u4eac\u3000\u30bf\u30ef\u30fc",  # with an ideographic space
        "T\u30b7\u30e3\u30c4",
        "\u05e2\u05b4\u05d1\u05b0\u05e8\u05b4\u05d9\u05ea",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian, with a zero-width non-joiner
        "\u0915\u094d\u200d\u0937",  # Devanagari, with a zero-width joiner
        "\U0001f468\u200d\U0001f469\u200d\U0001f467 family, 1\ufe0f\u20e3",
        "O'Brien's bill",
        "\u0418\u0432\u0430\u043d's bill",
        "council\u00a0tax",
        "\u0422\u0410\u0425",  # one other script alone, however its letters look
    ],
)
def test_legitimate_issues_are_kept(issue: str) -> None:
    assert ISSUE(issue) == issue


def test_the_palochka_and_capital_iotas_are_hinted_as_what_they_look_like() -> None:
    assert _refused(ISSUE, "counci\u04cf tax") == (
        "must not mix letters of different scripts within a word: U+04CF at character 7, a "
        "Cyrillic character among Latin ones; use 'l' (U+006C)"
    )
    assert _refused(ISSUE, "B\u0399LL") == (
        "must not mix letters of different scripts within a word: U+0399 at character 2, a "
        "Greek character among Latin ones; use 'I' (U+0049)"
    )
    assert _refused(ISSUE, "B\u0406LL") == (
        "must not mix letters of different scripts within a word: U+0406 at character 2, a "
        "Cyrillic character among Latin ones; use 'I' (U+0049)"
    )


def _looks_like(issue: str) -> ContactDecision:
    return ContactDecision(
        reasons=(
            f"Further enquiries or complaints about {issue!r} are not registered (5.1): this "
            "contact's issue looks like it but is written in other characters, so they could "
            f"not be compared; if it is about {issue!r}, do not register it and tell the "
            "customer the council's answer on it stands.",
        )
    )


@pytest.mark.parametrize("issue", ["council tax", "COUNCIL TAX"])
def test_a_restriction_kept_on_a_whole_cyrillic_word_is_told_to_staff(issue: str) -> None:
    with kept():
        restriction = NoFurtherEnquiriesOnIssue(TAX)
    decided = run([case(restriction)], Contact(Channel.EMAIL, AT, issue=issue))
    assert decided == _looks_like(TAX)


@pytest.mark.parametrize(
    "issue",
    ["council\u2800tax", "council\u3164tax", "coun\u200acil tax", "COUNCIL \u0422\u0410\u0425"],
)
def test_a_contact_kept_with_a_disguise_is_told_to_staff(issue: str) -> None:
    with kept():
        contact = Contact(Channel.EMAIL, AT, issue=issue)
    decided = run([case(NoFurtherEnquiriesOnIssue("COUNCIL TAX"))], contact)
    assert decided == _looks_like("COUNCIL TAX")


_LIKE_LATIN = st.sampled_from(
    [
        chr(code)
        for code in range(0x0400, 0x0530)
        if chr(code).isalpha() and latin_lookalike(chr(code), plain=True) is not None
    ]
)
"""The Cyrillic letters that each look like a letter ``a`` to ``z`` or ``A``
to ``Z``."""


@given(
    latin=st.text(st.sampled_from(string.ascii_letters), min_size=1, max_size=8),
    word=st.text(_LIKE_LATIN, min_size=1, max_size=8),
)
def test_any_cyrillic_word_of_look_alikes_is_refused_beside_latin_letters(
    latin: str, word: str
) -> None:
    """Beside a Latin word, a word of Cyrillic letters each like a Latin
    one is refused, naming its first letter; alone it is kept."""
    problem = name_problem(f"{latin} {word}")
    assert problem is not None
    assert problem.startswith(
        "must not hold a word in Cyrillic letters that all look like Latin ones beside Latin "
        f"letters: U+{ord(word[0]):04X} at character {len(latin) + 2}; use Latin letters, "
    )
    assert name_problem(word) is None


@given(
    before=strategies.issues(),
    blank=st.sampled_from([chr(code) for code in range(0x10000) if BLANKS.match(chr(code))]).map(
        lambda blank: unicodedata.normalize("NFC", blank)
    ),
    after=strategies.issues(),
)
def test_any_issue_holding_a_blank_looking_character_is_refused(
    before: str, blank: str, after: str
) -> None:
    """Whatever the issue, a blank-looking character in it is refused by
    its code point and place."""
    issue = f"{before}{blank}{after}"
    found = f"U+{ord(blank):04X} at character {len(before) + 1}"
    assert _refused(ISSUE, issue) == f"{BLANK}: {found}"


@given(first=strategies.services(), second=strategies.services())
def test_any_two_services_of_scripts_of_their_own_make_one_name(first: str, second: str) -> None:
    """Two departments' names, each in letters of one script, make one
    name in two languages; the one thing that can still refuse it is a
    word whose letters all look like Latin ones beside Latin letters."""
    name = f"{first} / {second}"
    problem = name_problem(name)
    assert problem is None or problem.startswith("must not hold a word in "), problem
    if problem is None:
        assert DEPARTMENT(name) == name
