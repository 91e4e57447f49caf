"""Regression: identifiers (customer references, officer ids, case ids, team
names, command ids) took characters that look like the common ones but are
other text: a hyphen U+2010 or U+2011 for ``-``, a Cyrillic U+0421 among
Latin letters, fullwidth letters. ``CRM\u2010104233`` opened a customer of its
own beside ``CRM-104233``, looking the same in every listing, so the
customer's restrictions were not found at the point of contact (5.1) and a
data request missed cases (7.4). They are refused with ``InvalidInput``
naming the code point and its place and what to use instead, never the
text; identifiers already kept with them stay readable and are found,
exactly as kept."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from contactpolicy import (
    MAIDSTONE,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    InvalidInput,
    Officer,
    Role,
)
from contactpolicy.domain.lookalikes import NEUTRAL, script
from contactpolicy.domain.validation import identifier, kept, normal_form, require_command_id
from contactpolicy.restrictions import SinglePointOfContact
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.strategies import identifiers

from support.builders import MANAGER, RECORDS, START, designated_and_told, incident

DASH = "must not contain a dash or hyphen other than '-'"
COMPATIBILITY = (
    "must not contain compatibility characters (fullwidth, ligature, superscript or styled forms)"
)
MIXED = "must not mix letters of different scripts"

REPRODUCTIONS = {
    "hyphen": (
        "CRM\u2010104233",
        f"{DASH}: U+2010 at character 4; use '-' (U+002D)",
    ),
    "non-breaking hyphen": (
        "CRM\u2011104233",
        f"{DASH}: U+2011 at character 4; use '-' (U+002D)",
    ),
    "cyrillic es": (
        "\u0421RM-104233",
        f"{MIXED}: U+0421 at character 1, a Cyrillic character among Latin ones; use 'C' (U+0043)",
    ),
    "fullwidth": (
        "\uff23\uff32\uff2d-104233",
        f"{COMPATIBILITY}: U+FF23 at character 1; use 'C' (U+0043)",
    ),
    "en dash": ("CRM\u2013104233", f"{DASH}: U+2013 at character 4; use '-' (U+002D)"),
    "minus sign": ("CRM\u2212104233", f"{DASH}: U+2212 at character 4; use '-' (U+002D)"),
    "fullwidth hyphen-minus": (
        "CRM\uff0d104233",
        f"{DASH}: U+FF0D at character 4; use '-' (U+002D)",
    ),
    "fullwidth digit": (
        "CRM-10423\uff13",
        f"{COMPATIBILITY}: U+FF13 at character 10; use '3' (U+0033)",
    ),
    "superscript digit": (
        "CRM-10423\u00b3",
        f"{COMPATIBILITY}: U+00B3 at character 10; use '3' (U+0033)",
    ),
    "circled digit": ("CRM-\u2460", f"{COMPATIBILITY}: U+2460 at character 5; use '1' (U+0031)"),
    "greek alpha": (
        "CRM-\u0391B",
        f"{MIXED}: U+0391 at character 5, a Greek character among Latin ones; use 'A' (U+0041)",
    ),
    "arabic-indic digit": (
        "CRM-\u0661",
        f"{MIXED}: U+0661 at character 5, an Arabic character among Latin ones",
    ),
    "whole-script cyrillic": (
        "\u0421\u0420\u041c-104233",
        "must not be written in Cyrillic letters that all look like Latin ones: U+0421 at "
        "character 1; use Latin letters, 'C' (U+0043) for this one",
    ),
}
"""Each look-alike of ``CRM-104233`` (or of a reference like it) and the
message refusing it as a Maidstone customer reference."""

KEPT = ["\u0418\u0412\u0410\u041d-7", "\u0394\u0397\u039c-7", "\u6771\u4eac\u30bf\u30ef\u30fc-1"]
"""References in one script besides Latin whose letters do not all look
like Latin ones (Cyrillic, Greek, Japanese): still references."""


def _refused(make: Callable[[], Any]) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        make()
    return refused.value


@pytest.mark.parametrize(("reference", "message"), REPRODUCTIONS.values(), ids=list(REPRODUCTIONS))
def test_a_reference_that_looks_like_another_is_refused_naming_the_code_point(
    reference: str, message: str
) -> None:
    """A Maidstone reference is refused with the rule, the code point and
    its place and what to use instead; the value is never repeated."""
    error = _refused(lambda: MAIDSTONE.customer_reference(reference))
    assert (error.field, error.section, error.message) == ("customer_id", "7.4", message)
    assert reference not in str(error)


@pytest.mark.parametrize("reference", KEPT)
def test_a_reference_in_one_other_script_is_kept(reference: str) -> None:
    """Cyrillic, Greek or Japanese letters that do not pass for Latin ones
    are a reference as before."""
    assert Customer(reference, "Sam Taylor").id == reference


def test_a_japanese_reference_may_hold_latin_letters() -> None:
    """Latin with Han, Hiragana and Katakana is "highly restrictive" in
    UTS #39: the way Japanese is written."""
    assert identifier("ABC-\u6771\u4eac\u3072\u30bf", "customer_id", "7.4") == (
        "ABC-\u6771\u4eac\u3072\u30bf"
    )


def test_the_library_never_keeps_a_lookalike_reference_given_to_it() -> None:
    """``report`` of a customer whose reference holds U+2010 is refused
    before anything is written; the contact at the point of contact for a
    look-alike is refused and not logged."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    error = _refused(
        lambda: casework.report(
            Customer("CRM\u2010104233", "Sam Taylor"), "council tax", [incident()], MANAGER
        )
    )
    assert (error.field, error.message) == ("Customer.id", REPRODUCTIONS["hyphen"][1])
    assert casework.cases() == []
    call = Contact(Channel.TELEPHONE, START)
    error = _refused(lambda: casework.decide_contact("CRM\u2011104233", call))
    assert (error.field, error.message) == ("customer_id", REPRODUCTIONS["non-breaking hyphen"][1])
    assert casework.store.contacts("CRM-104233") == []


@pytest.mark.parametrize(
    ("make", "field", "message"),
    [
        (
            lambda: Officer("j\u0455mith", "Jo Smith", {Role.MANAGER}),
            "Officer.id",
            f"{MIXED}: U+0455 at character 2, a Cyrillic character among Latin ones; "
            "use 's' (U+0073)",
        ),
        (
            lambda: Officer("kdaly", "Kim Daly", {Role.STAFF}, team="Revenues \u2013 Benefits"),
            "Officer.team",
            f"{DASH}: U+2013 at character 10; use '-' (U+002D)",
        ),
        (
            lambda: SinglePointOfContact("lwong\uff12"),
            "SinglePointOfContact.officer_id",
            f"{COMPATIBILITY}: U+FF12 at character 6; use '2' (U+0032)",
        ),
        (
            lambda: require_command_id("cmd\u20101"),
            "command_id",
            f"{DASH}: U+2010 at character 4; use '-' (U+002D)",
        ),
    ],
    ids=["officer", "team", "single point of contact", "command id"],
)
def test_every_identifier_refuses_lookalikes(
    make: Callable[[], Any], field: str, message: str
) -> None:
    """Officer ids, team names, officers a restriction names and command ids
    hold to the same rule."""
    error = _refused(make)
    assert (error.field, error.message) == (field, message)


def test_every_look_up_by_case_id_refuses_a_lookalike() -> None:
    """A case id with a hyphen U+2010 is refused naming ``case_id``."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    error = _refused(lambda: casework.get("C\u20101"))
    assert (error.field, error.message) == (
        "case_id",
        f"{DASH}: U+2010 at character 2; use '-' (U+002D)",
    )


@pytest.mark.parametrize("reference", ["CRM\u2010104233", "\u0421RM-104233"])
def test_a_kept_lookalike_reference_is_found_by_that_reference_and_no_other(
    reference: str,
) -> None:
    """A customer designated under a look-alike reference kept before the
    rule is found by exactly that reference: at the point of contact their
    restrictions apply (5.1), and their cases and data request are reached
    by it (7.4). Another look-alike is still refused, the contact not
    logged."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    with kept():
        customer = Customer(reference, "Sam Taylor", "12 Week Street")
        case_id = designated_and_told(casework, customer=customer)
    casework.record_communicated(case_id, RECORDS, casework.clock.now(), Channel.LETTER)
    call = Contact(Channel.TELEPHONE, casework.clock.now())
    decision = casework.decide_contact(reference, call)
    assert (decision.allowed, decision.accepted_channels) == (False, frozenset({Channel.EMAIL}))
    assert [case.id for case in casework.cases(customer_id=reference)] == [case_id]
    assert casework.subject_access(reference, by=RECORDS).customer_id == reference
    error = _refused(functools.partial(casework.decide_contact, "CRM\u2012104233", call))
    assert (error.field, error.message) == (
        "customer_id",
        f"{DASH}: U+2012 at character 4; use '-' (U+002D)",
    )
    assert [logged.contact for logged in casework.store.contacts(reference)] == [call]


DASHES = st.characters(categories=["Pd"]).filter(lambda character: character != "-") | (
    st.sampled_from("\u2212\u2043\u02d7\u2796")
)
"""Any dash or hyphen but ``-``, and the common characters that look like it."""

LOOKALIKE_LETTERS = st.sampled_from(
    "\u0410\u0412\u0421\u0415\u041d\u041a\u041c\u041e\u0420\u0422\u0425"
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7"
)
"""Cyrillic and Greek capitals that look like Latin ones."""


@given(identifiers(), DASHES, st.integers(min_value=0))
def test_any_identifier_with_another_dash_anywhere_is_refused(
    reference: str, dash: str, at: int
) -> None:
    """Whatever identifier the kit draws, it is accepted as it is, and with a
    dash other than ``-`` put anywhere in it is refused naming the dash's
    code point and place and saying to use ``-``."""
    assert identifier(reference, "customer_id", "7.4") == reference
    place = at % (len(reference) + 1)
    bad = reference[:place] + dash + reference[place:]
    assume(normal_form(bad) == bad)
    error = _refused(lambda: identifier(bad, "customer_id", "7.4"))
    assert error.message == (
        f"{DASH}: U+{ord(dash):04X} at character {place + 1}; use '-' (U+002D)"
    )
    assert bad not in str(error)


@given(st.text(st.characters(codec="ascii", min_codepoint=0x21, max_codepoint=0x7E), min_size=1))
def test_any_fullwidth_character_is_refused_naming_the_plain_one(reference: str) -> None:
    """A printable ASCII reference with its last character typed fullwidth
    is refused naming the fullwidth code point and the ASCII one to use."""
    last = reference[-1]
    assume(last != "-")  # its fullwidth form is a dash, refused as one
    wide = chr(ord(last) - 0x21 + 0xFF01)
    error = _refused(lambda: identifier(reference[:-1] + wide, "customer_id", "7.4"))
    message = f"{COMPATIBILITY}: U+{ord(wide):04X} at character {len(reference)}"
    assert error.message == f"{message}; use '{last}' (U+{ord(last):04X})"


@given(identifiers(), LOOKALIKE_LETTERS, st.integers(min_value=0))
def test_a_lookalike_letter_among_latin_ones_is_refused(
    reference: str, letter: str, at: int
) -> None:
    """A Cyrillic or Greek capital put among the letters of a Latin
    reference is refused, naming it; the Latin letter it looks like is
    named to use instead."""
    assume(any(script(each) == "LATIN" for each in reference))
    place = at % (len(reference) + 1)
    bad = reference[:place] + letter + reference[place:]
    assume(normal_form(bad) == bad)
    error = _refused(lambda: identifier(bad, "customer_id", "7.4"))
    assert error.message.startswith(f"{MIXED}: U+{ord(letter):04X} at character {place + 1}, ")


@given(st.text(st.characters(codec="utf-8"), min_size=1, max_size=20))
def test_an_accepted_identifier_cannot_pass_for_another(text: str) -> None:
    """Whatever text is accepted as an identifier is its own NFKC form, holds
    no dash but ``-``, and no letters of two scripts but the mixes UTS #39
    calls highly restrictive (Latin with Han, Hiragana, Katakana, Bopomofo
    or Hangul)."""
    try:
        normal = identifier(text, "officer_id", "5.1")
    except InvalidInput:
        return
    assert unicodedata.is_normalized("NFKC", normal)
    assert all(each == "-" or unicodedata.category(each) != "Pd" for each in normal)
    scripts = {script(each) for each in normal} - NEUTRAL
    japanese, chinese, korean = (
        {"LATIN", "HAN", "HIRAGANA", "KATAKANA"},
        {"LATIN", "HAN", "BOPOMOFO"},
        {"LATIN", "HAN", "HANGUL"},
    )
    assert len(scripts) <= 1 or any(scripts <= mix for mix in (japanese, chinese, korean))
