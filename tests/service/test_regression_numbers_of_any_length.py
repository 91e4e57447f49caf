"""``rectify`` with an incident number of more than 4,300 digits escaped as
Python's own ``ValueError`` (its ``int`` reads no longer number): a number
read from outside text is read by ``domain.numerals.digits`` alone,
so any length is the refusal of any other number the case has not
(``field_unknown``, 7.4), with nothing written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Casework, PreconditionsNotMet
from contactpolicy.casework.webhooks import sign, verify_signature
from contactpolicy.domain.numerals import NUMBER_DIGITS, digits
from contactpolicy.domain.preconditions import rectified
from contactpolicy.domain.validation import typed_decimal, typed_whole
from contactpolicy.errors import InvalidInput

from support.builders import CUSTOMER, MANAGER, RECORDS, incident

FIELD_UNKNOWN = (
    "[7.4] the case has no such field to correct (customer.id, customer.name, "
    "customer.contact, issue, incident.N.description) (field_unknown)"
)


@pytest.mark.parametrize("length", [4300, 4301, 5000])
def test_an_incident_number_of_any_length_is_no_field(casework: Casework, length: int) -> None:
    case_id = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER).id
    field = f"incident.{'9' * length}.description"
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.rectify(case_id, RECORDS, field, "22 calls in one day", "Typo.")
    assert [str(failure) for failure in refused.value.failures] == [FIELD_UNKNOWN]
    assert [event.kind for event in casework.history(case_id)] == ["report"]
    assert casework.get(case_id).incidents[0].description == incident().description


@pytest.mark.parametrize("length", [4300, 4301, 5000])
def test_a_field_recorded_with_a_number_of_any_length_names_no_incident(length: int) -> None:
    assert rectified(f"incident.{'9' * length}.description", recorded=True) is None


@given(st.integers(min_value=1, max_value=10**NUMBER_DIGITS - 1))
def test_a_whole_number_is_read_back_as_written(number: int) -> None:
    assert digits(str(number)) == number
    assert rectified(f"incident.{number}.description") == ("incident.description", number - 1)


@given(st.integers(min_value=NUMBER_DIGITS + 1, max_value=6000))
def test_a_number_longer_than_any_kept_is_refused_in_words(length: int) -> None:
    text = "9" * length
    assert digits(text) is None
    with pytest.raises(InvalidInput) as whole:
        typed_whole(text, "--within", "7.2")
    assert str(whole.value) == "[7.2] --within: must be a whole number of at most 100 digits"
    with pytest.raises(InvalidInput) as decimal:
        typed_decimal(text + ".5", "--interval")
    assert str(decimal.value) == "--interval: must be a number of at most 100 digits"


def test_the_longest_number_read_has_100_digits() -> None:
    assert digits("9" * 100) == 10**100 - 1
    assert typed_whole(" " + "0" * 99 + "7 ", "minutes", "5.1") == 7
    assert digits("9" * 101) is None


@pytest.mark.parametrize("length", [4300, 4301, 5000])
def test_a_signature_timed_with_a_number_of_any_length_does_not_verify(length: int) -> None:
    """A receiver's check of ``Contactpolicy-Signature`` (docs/notices.md)."""
    body = b'{"kind": "report"}'
    made = sign("secret", body, 1_700_000_000)
    assert verify_signature("secret", made, body, now=1_700_000_000) is True
    forged = made.replace("t=1700000000", f"t={'9' * length}")
    assert verify_signature("secret", forged, body, now=1_700_000_000) is False
