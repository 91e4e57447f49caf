"""Regression: the rule on look-alike issues held for the issue a contact
names only. A case's issue (``report``, ``request``, a correction) and a
no-further-enquiries restriction's were taken with a word mixing scripts
(``c\u043ellections``, a Cyrillic o), so a restriction so written never
matched the issue typed in Latin letters; and every issue was taken with
a bidirectional control (``\u202e`` before ``snoitcelloc niB`` shows as
``Bin collections``, the restricted issue). One rule
(``validation.issue_problem``) now holds for every issue given, naming
the character by its code point and place and the section, never the
text; an issue read back from a store (kept before the rule) still loads."""

from __future__ import annotations

import pytest
from hypothesis import given

from contactpolicy import Channel, Contact, InvalidInput
from contactpolicy.audit import codec
from contactpolicy.domain.validation import contact_issue_field, issue_field, kept
from contactpolicy.restrictions import NoFurtherEnquiriesOnIssue, Restriction
from contactpolicy.testing import strategies

from support.contact_cases import AT

SCRIPTS = (
    "must not mix letters of different scripts within a word: U+043E at character 6, a "
    "Cyrillic character among Latin ones; use 'o' (U+006F)"
)
CONTROL = "must not contain bidirectional controls, which change the order text is shown in: "


@pytest.mark.parametrize(
    ("issue", "message"),
    [
        ("Bin c\u043ellections", SCRIPTS),
        ("\u202esnoitcelloc niB\u202c", CONTROL + "U+202E at character 1"),
        ("Bin \u2067collections\u2069", CONTROL + "U+2067 at character 5"),
        ("\u0412\u044b\u0432\u043e\u0437\u202a", CONTROL + "U+202A at character 6"),
    ],
)
def test_every_issue_is_refused_alike(issue: str, message: str) -> None:
    """A case's issue (6.2), a restriction's and a contact's (5.1): one
    rule, one message, each citing its own field and section."""
    refusals = []
    for build in (
        issue_field("issue", "6.2"),
        NoFurtherEnquiriesOnIssue,
        lambda text: Contact(Channel.EMAIL, AT, issue=text),
    ):
        with pytest.raises(InvalidInput) as refused:
            build(issue)
        refusals.append((refused.value.field, refused.value.section, refused.value.message))
        assert issue.strip() not in str(refused.value)
    assert refusals == [
        ("issue", "6.2", message),
        ("NoFurtherEnquiriesOnIssue.issue", "5.1", message),
        ("Contact.issue", "5.1", message),
    ]


@pytest.mark.parametrize(
    "issue",
    [
        "Bin collections\u200f",  # a right-to-left mark moves no word
        "\u0412\u044b\u0432\u043e\u0437 \u043c\u0443\u0441\u043e\u0440\u0430",
        "Letter to \u0418\u0432\u0430\u043d about bins",
        "\u05e9\u05dc\u05d5\u05dd bins",  # Hebrew, right to left, in a word of its own
    ],
)
def test_an_issue_of_words_each_of_one_script_is_kept(issue: str) -> None:
    assert issue_field("issue", "6.2")(issue) == issue
    assert NoFurtherEnquiriesOnIssue(issue).issue == issue
    assert Contact(Channel.EMAIL, AT, issue=issue).issue == issue


def test_a_restriction_kept_before_the_rule_is_read_back() -> None:
    """A restriction stored with such an issue before the rule loads, as
    every value read back from a store does (only new input is refused)."""
    with kept():
        stored = NoFurtherEnquiriesOnIssue("Bin c\u043ellections")
    data = codec.unstructure((stored,), tuple[Restriction, ...])
    assert codec.structure(data, tuple[Restriction, ...]) == (stored,)
    with kept():
        assert contact_issue_field("Contact.issue", "5.1")("\u202eBin") == "\u202eBin"


@given(strategies.disguised_issues())
def test_any_disguised_issue_is_refused_wherever_it_is_given(issue: str) -> None:
    """Any issue with a bidirectional control, a word mixing scripts, a
    word of letters that all look like Latin ones beside Latin letters or
    a blank-looking character is refused as a case's, a restriction's and
    a contact's, never quoted."""
    for build in (
        issue_field("issue", "6.2"),
        NoFurtherEnquiriesOnIssue,
        lambda text: Contact(Channel.EMAIL, AT, issue=text),
    ):
        with pytest.raises(InvalidInput) as refused:
            build(issue)
        assert refused.value.message.startswith(
            (
                "must not contain bidirectional controls",
                "must not mix letters",
                "must not hold a word in",
                "must not contain blank-looking characters",
            )
        )
        assert issue not in str(refused.value)


@given(strategies.issues())
def test_any_issue_of_words_each_of_one_script_is_kept(issue: str) -> None:
    """Any issue the testing kit draws (words of one script each, no
    bidirectional control) is kept as given wherever it is given."""
    assert issue_field("issue", "6.2")(issue) == issue
    assert NoFurtherEnquiriesOnIssue(issue).issue == issue
    assert Contact(Channel.EMAIL, AT, issue=issue).issue == issue
