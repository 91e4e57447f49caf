"""Regression: identifiers (customer references, officer ids, case ids, a
subscription's id) accepted invisible characters: a right-to-left override
(U+202E), a zero-width space (U+200B), a byte order mark (U+FEFF), a
private-use or unassigned code point. Two references that look the same
could be different customers, so a customer's restrictions would not be
found at the point of contact (5.1, 7.4). Every identifier given to the
library now refuses them with ``InvalidInput`` naming the field and never
the value; identifiers already kept with them stay readable."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import (
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    InvalidInput,
    Officer,
    Role,
)
from contactpolicy.domain import lookalikes
from contactpolicy.domain.validation import (
    BIDI_CONTROLS,
    BLANKS,
    IGNORABLE,
    INVISIBLE,
    identifier,
    kept,
    normal_form,
)
from contactpolicy.restrictions import ReadAndFile, SinglePointOfContact
from contactpolicy.stores import MemoryStore, SQLiteStore
from contactpolicy.testing.strategies import identifiers

from support.builders import CUSTOMER, MANAGER, RECORDS, START, designated_and_told, incident

UNSEEN = {
    "right-to-left override": "\u202e",
    "zero-width space": "\u200b",
    "byte order mark": "\ufeff",
    "zero-width joiner": "\u200d",
    "soft hyphen": "\u00ad",
    "private use": "\ue000",
    "unassigned": "\u0378",
    "tag": "\U000e0041",
    "variation selector": "\ufe0f",
    "combining grapheme joiner": "\u034f",
    "hangul filler": "\u3164",
    "braille blank": "\u2800",
}
"""One character of each kind an identifier may not hold as invisible."""

SPACES = {
    "no-break space": "\u00a0",
    "em space": "\u2003",
    "hair space": "\u200a",
    "ideographic space": "\u3000",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
}
"""White space an identifier may not hold inside, besides the plain space."""

INVISIBLE_CHARACTERS = st.characters(categories=["Cf", "Cn", "Co"])
"""Any format, private-use or unassigned character (a lone surrogate is not
Unicode text, refused as such)."""


def invisible(character: str, place: int) -> str:
    """The message refusing ``character`` at ``place`` (from 1), in the
    words every field uses for its class: a bidirectional control and a
    blank-looking character are called so, any other invisible."""
    where = f"U+{ord(character):04X} at character {place}"
    if BIDI_CONTROLS.match(character):
        return (
            "must not contain bidirectional controls, which change the order text is shown "
            f"in: {where}"
        )
    if BLANKS.match(character):
        return f"must not contain blank-looking characters: {where}"
    return f"must not contain invisible characters: {where}"


def test_the_invisible_categories_are_format_unassigned_private_use_and_surrogates() -> None:
    """The rule's categories, besides control characters (``Cc``)."""
    assert frozenset(("Cf", "Cn", "Co", "Cs")) == INVISIBLE


def _refused(make: Callable[[], Any]) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        make()
    return refused.value


@pytest.mark.parametrize("character", UNSEEN.values(), ids=UNSEEN.keys())
def test_a_customer_reference_with_an_invisible_character_is_refused(character: str) -> None:
    """``Customer("CRM-\\u202e7")`` is InvalidInput for ``Customer.id`` under
    7.4, its message the rule, not the value."""
    error = _refused(lambda: Customer(f"CRM-{character}7", "Sam Taylor"))
    assert (error.field, error.section, error.message) == (
        "Customer.id",
        "7.4",
        invisible(character, 5),
    )
    assert character not in str(error)


@pytest.mark.parametrize("space", SPACES.values(), ids=SPACES.keys())
def test_white_space_inside_but_the_plain_space_is_refused(space: str) -> None:
    """``CRM-1\\u00a004233`` would be a second customer beside
    ``CRM-1 04233``, looking the same: refused naming the code point."""
    error = _refused(lambda: Customer(f"CRM-1{space}04233", "Sam Taylor"))
    assert (error.field, error.message) == (
        "Customer.id",
        f"must not contain blank-looking characters: U+{ord(space):04X} at character 6",
    )
    assert Customer(f" CRM-1 04233{space}", "Sam Taylor").id == "CRM-1 04233"


def test_a_combining_mark_first_is_refused() -> None:
    """A combining accent first would sit on whatever is shown before the
    reference."""
    error = _refused(lambda: Customer("\u0301CRM-7", "Sam Taylor"))
    assert error.message == "must not begin with a combining mark: U+0301 at character 1"
    assert Customer("CRM-e\u0301", "Sam Taylor").id == "CRM-\u00e9"


@pytest.mark.parametrize(
    ("team", "message"),
    [
        ("Revenues\u200b and Benefits", invisible("\u200b", 9)),
        (
            "Revenues\u00a0and Benefits",
            "must not contain blank-looking characters: U+00A0 at character 9",
        ),
    ],
    ids=["zero-width space", "no-break space"],
)
def test_a_team_that_only_looks_like_another_is_refused(team: str, message: str) -> None:
    """Concerns go to the managers of the team named (6.1): a team that
    looks like theirs but is not would hide a concern from them."""
    error = _refused(lambda: Officer("kdaly", "Kim Daly", {Role.STAFF}, team=team))
    assert (error.field, error.section, error.message) == ("Officer.team", "6.1", message)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda bad: Officer(bad, "Jo Smith", {Role.MANAGER}), "Officer.id"),
        (lambda bad: SinglePointOfContact(bad), "SinglePointOfContact.officer_id"),
        (lambda bad: ReadAndFile(bad), "ReadAndFile.officer_id"),
    ],
    ids=["officer", "single point of contact", "read and file"],
)
def test_every_officer_id_refuses_invisible_characters(
    make: Callable[[str], Any], field: str
) -> None:
    """An officer id, in an ``Officer`` or named by a restriction, with a
    zero-width space is InvalidInput naming that field."""
    error = _refused(lambda: make("jsmith\u200b"))
    assert (error.field, error.message) == (field, invisible("\u200b", 7))


def test_every_look_up_refuses_an_invisible_identifier() -> None:
    """``get``, ``cases``, ``decide_contact`` and ``reassign`` name the
    argument with the invisible character, and the contact is not logged."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    call = Contact(Channel.TELEPHONE, START)
    looks = {
        "case_id": lambda: casework.get("C-\u202e1"),
        "customer_id": lambda: casework.cases(customer_id="CRM-7\ufeff"),
        "after": lambda: casework.cases(after="C-1\u200b"),
    }
    for field, look in looks.items():
        assert _refused(look).field == field
    refused = _refused(lambda: casework.decide_contact("CRM-\u202e7", call))
    assert refused.message == invisible("\u202e", 5)
    assert casework.store.contacts("CRM-7") == []


@given(
    identifiers(),
    INVISIBLE_CHARACTERS,
    st.integers(min_value=0),
)
def test_any_identifier_with_an_invisible_character_anywhere_is_refused(
    reference: str, character: str, at: int
) -> None:
    """Whatever identifier the kit draws, it is accepted as it is, and with
    any format, private-use or unassigned character put anywhere in it is
    refused naming the field, the value never repeated."""
    assert identifier(reference, "customer_id", "7.4") == reference
    place = at % (len(reference) + 1)
    bad = reference[:place] + character + reference[place:]
    error = _refused(lambda: identifier(bad, "customer_id", "7.4"))
    place = normal_form(bad).index(character) + 1
    assert (error.field, error.section, error.message) == (
        "customer_id",
        "7.4",
        invisible(character, place),
    )
    assert bad not in str(error)


@given(st.text(st.characters(codec="utf-8"), min_size=1, max_size=20))
def test_an_identifier_is_refused_exactly_when_it_holds_an_unseen_character(text: str) -> None:
    """Text that is valid but for its characters is refused when, in its
    normal form, it holds a control, format, private-use, unassigned or
    ignorable character or white space other than the plain space, or
    begins with a combining mark, and kept otherwise unless it holds a
    character like another (a dash but ``-``, a compatibility form, letters
    of two scripts)."""
    normal = unicodedata.normalize("NFC", text).strip()
    if not normal:
        return
    unseen = unicodedata.category(normal[0]).startswith("M") or any(
        (unicodedata.category(each) in INVISIBLE | {"Cc", "Zs", "Zl", "Zp"} and each != " ")
        or IGNORABLE.match(each)
        for each in normal
    )
    if unseen:
        _refused(lambda: identifier(text, "officer_id", "5.1"))
    elif lookalikes.lookalike(normal) is not None:
        # Seen, but like other characters: test_regression_lookalike_identifiers.
        _refused(lambda: identifier(text, "officer_id", "5.1"))
    else:
        assert identifier(text, "officer_id", "5.1") == normal


def test_a_case_kept_with_an_invisible_reference_stays_readable(tmp_path: Path) -> None:
    """A SQLite store written before the rule, with a customer reference
    holding a zero-width space, is still read, listed, verified, put in the
    register, worked on, corrected and erased; its reference is read back
    exactly."""
    clock = FrozenClock(START)
    path = tmp_path / "contactpolicy.db"
    reference = "CRM-\u200b7"
    with kept():
        customer = Customer(reference, "Sam Taylor", "12 Week Street")
        before = Casework(SQLiteStore(path), clock=clock)
        written = before.report(customer, "council tax", [incident()], MANAGER)
        before.warn(written.id, MANAGER, Channel.LETTER, ["calls limited to 10 minutes"])
    casework = Casework(SQLiteStore(path), clock=clock)
    assert casework.get(written.id).customer.id == reference
    assert [case.id for case in casework.cases()] == [written.id]
    assert [summary.customer_id for summary in casework.store.summaries()] == [reference]
    assert casework.verify(written.id).ok
    assert casework.verify_all().ok
    assert [row.customer.id for row in casework.register(by=RECORDS)] == [reference]
    noted = casework.add_note(written.id, "Called again.", MANAGER)
    fixed = casework.rectify(written.id, RECORDS, "customer.name", "Sam Tailor", "Misspelt.")
    assert (noted.version, fixed.customer.id, fixed.customer.name) == (3, reference, "Sam Tailor")
    assert casework.verify(written.id).ok
    # The warning's letter gave the old name (7.4): answered, as a purge
    # holds a case while a corrected letter waits (7.2).
    casework.record_correction_told(written.id, RECORDS, reason="Only the spelling changed.")
    assert casework.get(written.id, by=MANAGER).customer.id == reference
    assert [read.customer_id for read in casework.store.reads()] == [reference, reference]
    casework.close(written.id, MANAGER, "Not needed.")
    clock.advance(years=7)
    assert [erased.id for erased in casework.purge(by=RECORDS).erased] == [written.id]
    assert (casework.get(written.id).customer.id, casework.verify_all().ok) == (reference, True)


def test_a_kept_invisible_reference_is_found_by_that_reference_and_no_other() -> None:
    """A customer designated under a reference with a zero-width space,
    kept before the rule, is found by exactly that reference: at the point
    of contact their restrictions apply (5.1), and their cases, evidence,
    read log and data request are reached by it (7.4). A reference that
    only looks like theirs (the invisible character elsewhere) is still
    refused, the contact not logged."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    reference = "CRM-\u200b7"
    with kept():
        customer = Customer(reference, "Sam Taylor", "12 Week Street")
        case_id = designated_and_told(casework, customer=customer)
        casework.record_communicated(case_id, RECORDS, casework.clock.now(), Channel.LETTER)
    call = Contact(Channel.TELEPHONE, casework.clock.now())
    decision = casework.decide_contact(reference, call)
    assert (decision.allowed, decision.accepted_channels) == (False, frozenset({Channel.EMAIL}))
    assert [case.id for case in casework.cases(customer_id=reference)] == [case_id]
    assert [each.id for each in casework.summaries(customer_id=reference)] == [case_id]
    assert casework.evidence(reference).customer_id == reference
    assert [read.customer_id for read in casework.read_log(reference, by=RECORDS)] == []
    assert casework.subject_access(reference, by=RECORDS).customer_id == reference
    for lookalike, character, place in (
        ("CRM-7\u200b", "\u200b", 6),
        ("\u200bCRM-7", "\u200b", 1),
        ("CRM-\u200d7", "\u200d", 5),
    ):
        error = _refused(functools.partial(casework.decide_contact, lookalike, call))
        assert (error.field, error.message) == ("customer_id", invisible(character, place))
    assert [logged.contact for logged in casework.store.contacts(reference)] == [call]


def test_the_library_never_keeps_an_invisible_reference_given_to_it() -> None:
    """A customer built for ``report`` is refused before anything is
    written: the store holds no case."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    _refused(
        lambda: casework.report(
            Customer("CRM-\u202e7", "Sam Taylor"), "council tax", [incident()], MANAGER
        )
    )
    assert casework.cases() == []


@pytest.mark.parametrize("character", ["\ufe0f", "\u200b", "\u00a0"], ids=["vs16", "zwsp", "nbsp"])
def test_a_command_id_that_only_looks_like_another_is_refused(character: str) -> None:
    """A repeat must give its command id again exactly (docs/stores.md,
    "Retrying safely"): one holding an unseen character is refused, and
    nothing is written."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax", [incident()], MANAGER)
    error = _refused(
        lambda: casework.add_note(case.id, "Called.", MANAGER, command_id=f"cmd{character}")
    )
    assert error.field == "command_id"
    assert error.message.startswith("must not contain ")
    assert error.message.endswith(f": U+{ord(character):04X} at character 4")
    assert casework.get(case.id) == case
