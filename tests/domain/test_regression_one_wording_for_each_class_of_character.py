"""Regression: the same character was refused in different words by
different fields (7.4, 5.1, 6.2).

The blank Braille pattern U+2800 in a department was refused as an
"invisible" character, and in an issue as a "blank-looking" one; a right-to-left
override U+202E was "invisible" in a customer reference and a
"bidirectional control" in an issue; an em space was "white space but the
plain space" in a reference and "blank-looking" in an issue. Which
characters a field refuses is still its own rule, but what is said of a
character refused is now one wording for its class, wherever it is given
(``domain.validation.character_refused``): control characters,
bidirectional controls, blank-looking characters and invisible ones, each
named by its code point and place, never the text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import pendulum
import pytest

from contactpolicy import (
    Behaviour,
    Channel,
    Contact,
    Customer,
    Incident,
    InvalidInput,
    InvalidPolicy,
    Officer,
    Policy,
    Role,
)
from contactpolicy.domain.validation import (
    BLANKS,
    IGNORABLE,
    character_refused,
    issue_field,
    require_command_id,
    service_field,
    url_text,
)
from contactpolicy.restrictions import NoFurtherEnquiriesOnIssue

AT = pendulum.datetime(2026, 3, 2, 10, tz="Europe/London")


def _policy(text: str) -> None:
    try:
        Policy(signatory=text)
    except InvalidPolicy as refused:
        raise InvalidInput("signatory", refused.problems[0].message) from None


FIELDS: dict[str, Callable[[str], Any]] = {
    "Customer.id": lambda text: Customer(text, "Sam Taylor"),
    "Officer.id": lambda text: Officer(text, "Lee Wong", {Role.STAFF}),
    "command_id": require_command_id,
    "Contact.department": lambda text: Contact(Channel.EMAIL, AT, department=text),
    "Incident.department": lambda text: Incident(
        Behaviour.THREATS, AT, Channel.EMAIL, "Threatened staff.", department=text
    ),
    "services": service_field("services[0]", "5.1"),
    "issue": issue_field("issue", "6.2"),
    "Contact.issue": lambda text: Contact(Channel.EMAIL, AT, issue=text),
    "NoFurtherEnquiriesOnIssue.issue": NoFurtherEnquiriesOnIssue,
    "url": lambda text: url_text(text, "url", "9.1"),
    "Policy.signatory": _policy,
}
"""Every field whose refusal names a character, each given a text."""


def _refusals(character: str) -> dict[str, str | None]:
    """What each field says of ``Rev`` + ``character`` + ``enues``: the
    refusal's message, or ``None`` when the field keeps it."""
    said: dict[str, str | None] = {}
    for field, check in FIELDS.items():
        try:
            check(f"Rev{character}enues")
        except InvalidInput as refused:
            said[field] = refused.message
        else:
            said[field] = None
    return said


IDENTIFIERS_SERVICES_URL = [
    "Customer.id",
    "Officer.id",
    "command_id",
    "Contact.department",
    "Incident.department",
    "services",
    "url",
]
ISSUES = ["issue", "Contact.issue", "NoFurtherEnquiriesOnIssue.issue"]


@pytest.mark.parametrize(
    ("character", "refusing", "message"),
    [
        (
            "\u2800",
            IDENTIFIERS_SERVICES_URL + ISSUES,
            "must not contain blank-looking characters: U+2800 at character 4",
        ),
        (
            "\u3164",
            IDENTIFIERS_SERVICES_URL + ISSUES,
            "must not contain blank-looking characters: U+3164 at character 4",
        ),
        (
            "\u2003",
            IDENTIFIERS_SERVICES_URL + ISSUES,
            "must not contain blank-looking characters: U+2003 at character 4",
        ),
        (
            "\u202e",
            IDENTIFIERS_SERVICES_URL + ISSUES,
            "must not contain bidirectional controls, which change the order text is shown in: "
            "U+202E at character 4",
        ),
        (
            "\u200b",
            IDENTIFIERS_SERVICES_URL,
            "must not contain invisible characters: U+200B at character 4",
        ),
        (
            "\ufe0f",
            IDENTIFIERS_SERVICES_URL,
            "must not contain invisible characters: U+FE0F at character 4",
        ),
        (
            "\x1b",
            [*IDENTIFIERS_SERVICES_URL, *ISSUES, "Policy.signatory"],
            "must not contain control characters: U+001B at character 4",
        ),
    ],
    ids=[
        "braille blank",
        "hangul filler",
        "em space",
        "override",
        "zero-width space",
        "variation selector",
        "escape",
    ],
)
def test_every_field_refusing_a_character_says_the_same_of_it(
    character: str, refusing: list[str], message: str
) -> None:
    """The fields that refuse the character give one message, word for
    word; the others keep it."""
    said = _refusals(character)
    assert sorted(field for field, words in said.items() if words is not None) == sorted(refusing)
    assert {words for words in said.values() if words is not None} == {message}


BLANK = [
    chr(code)
    for code in range(0x110000)
    if BLANKS.match(chr(code)) and unicodedata.is_normalized("NFC", chr(code))
]
"""Every blank-looking character in its normal form (U+2000 and U+2001
are U+2002 and U+2003 in Unicode NFC, as the fields keep them)."""


@pytest.mark.parametrize("character", BLANK, ids=lambda character: f"U+{ord(character):04X}")
def test_any_blank_looking_character_is_called_so_wherever_it_is_refused(
    character: str,
) -> None:
    """Every character of ``BLANKS``, the list of blank-looking ones, is
    called blank-looking by every field, those that hold it invisible too
    (the Hangul fillers, the Khmer inherent vowels, U+2800, which an
    identifier refuses as default-ignorable)."""
    said = _refusals(character)
    expected = f"must not contain blank-looking characters: U+{ord(character):04X} at character 4"
    assert {words for words in said.values() if words is not None} == {expected}
    assert said["issue"] == said["Customer.id"] == said["Contact.department"] == expected


def test_the_wording_of_each_class() -> None:
    """One example of each class, as ``character_refused`` words it."""
    assert [
        character_refused(character, 2) for character in ("\x07", "\u2066", "\u115f", "\u034f")
    ] == [
        "must not contain control characters: U+0007 at character 2",
        "must not contain bidirectional controls, which change the order text is shown in: "
        "U+2066 at character 2",
        "must not contain blank-looking characters: U+115F at character 2",
        "must not contain invisible characters: U+034F at character 2",
    ]
    assert IGNORABLE.match("\u034f")
