"""Regression: a customer reference whose upper case is not in Unicode NFC
(U+0390 upper-cases to an iota and two combining accents) was kept by the
model in one form and looked up in another, so the customer's restrictions
were not applied at the point of contact (5.1, 7.4)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import MAIDSTONE, Casework, Channel, Contact, Customer, FrozenClock, InvalidInput
from contactpolicy.restrictions import SingleContactMethod
from contactpolicy.stores import MemoryStore
from contactpolicy.testing.strategies import identifiers

from support.builders import (
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    START,
    incident,
    warn_and_continue,
)

GREEK = "\u0390\u03b0\u1e96\u1e97\u1e98\u1e99\u1e9a\u0345\ufb03\u00df"
"""Characters whose upper case then NFC differs from NFC then upper case,
with the ligature and the sharp s, whose upper case is longer."""

LATIN = "\u1e96\u1e97\u1e98\u1e99\u00df"
"""The Latin ones among them a reference may hold: not mixed with Greek, and
not the compatibility characters U+1E9A and the ligature."""

REFERENCES = (
    st.text(st.sampled_from("crm-7 " + LATIN), max_size=40).map(lambda text: "crm-" + text)
    | st.text(st.sampled_from("\u0394-7 \u0345" + GREEK[:2]), max_size=40).map(
        lambda text: "\u0394-" + text
    )
    | identifiers(40)
).filter(str.isprintable)


def _designated(reference: str) -> tuple[Casework, str]:
    """A case for ``reference`` whose restrictions (email only) are in force."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case = casework.report(Customer(reference, "Sam Taylor"), "council tax", [incident()], MANAGER)
    warn_and_continue(casework, case.id)
    restrictions = [SingleContactMethod(Channel.EMAIL)]
    casework.designate(
        case.id, DECIDER, PASSED, restrictions, "Calls.", council_wide_because=EVERY_SERVICE
    )
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    return casework, case.id


def test_the_reference_as_given_finds_the_designated_customer() -> None:
    """A telephone call from "\\u0394-\\u0390", restricted to email, is
    refused: the case is found under the reference as given."""
    casework, case_id = _designated("\u0394-\u0390")
    call = Contact(Channel.TELEPHONE, casework.clock.now())
    assert [case.id for case in casework.cases(customer_id="\u0394-\u0390")] == [case_id]
    assert casework.get(case_id).customer.id == "\u0394-\u03aa\u0301"
    assert casework.decide_contact("\u0394-\u0390", call, record=False).allowed is False


@given(REFERENCES)
def test_every_reference_finds_its_own_cases(reference: str) -> None:
    """Whatever the text, the case reported for a reference is the one
    ``cases(customer_id=)`` and the contact decision find for it, and the
    stored form is the policy's customer reference, in NFC."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case = casework.report(Customer(reference, "Sam Taylor"), "council tax", [incident()], MANAGER)
    stored = MAIDSTONE.customer_reference(reference)
    assert case.customer.id == stored
    assert unicodedata.is_normalized("NFC", stored)
    assert MAIDSTONE.customer_reference(stored) == stored
    assert [each.id for each in casework.cases(customer_id=reference)] == [case.id]
    call = Contact(Channel.TELEPHONE, START)
    reasons = casework.decide_contact(reference, call, record=False).reasons
    assert not any("No case is recorded" in line for line in reasons)


def test_a_reference_too_long_once_upper_cased_reports_the_length_checked() -> None:
    """67 ligatures are 201 letters upper-cased: the message gives the 201
    it checked, not the 67 typed."""
    with pytest.raises(InvalidInput) as raised:
        MAIDSTONE.customer_reference("\ufb03" * 67)
    assert raised.value.message == (
        "must be at most 200 characters, got a str of 201 characters in its normal form"
    )
    assert raised.value.section == "7.4"


def test_a_reference_within_the_limit_once_normalised_is_kept() -> None:
    """200 characters after upper-casing are accepted, whatever was typed."""
    assert MAIDSTONE.customer_reference("\ufb03" * 66 + "ab") == "FFI" * 66 + "AB"
