"""``Customer("   ", ...)`` was refused as ``got a str of 0 characters``:
the reference was trimmed before it was checked, so three spaces were
told as nothing. A whole number too long to print was told as ``got an
int``. Text empty or only white space is now said to be so, and such a
number too large or too small."""

from __future__ import annotations

import pytest

from contactpolicy import Customer, InvalidInput
from contactpolicy.domain.validation import describe
from contactpolicy.restrictions import CallTimeLimit


@pytest.mark.parametrize(
    ("reference", "said"), [("   ", "a str of only white space"), ("", "an empty str")]
)
def test_a_blank_customer_reference_is_said_to_be_blank(reference: str, said: str) -> None:
    """The reference is checked as given when it is white space alone."""
    with pytest.raises(InvalidInput) as refused:
        Customer(reference, "Sam Taylor")
    assert str(refused.value) == f"[7.4] Customer.id: must be non-empty text, got {said}"


def test_a_reference_with_spaces_around_it_is_still_trimmed() -> None:
    """Only white space alone is kept as given, for the refusal."""
    assert Customer("  CRM-1 ", "Sam Taylor").id == "CRM-1"


@pytest.mark.parametrize(("minutes", "said"), [(10**30, "too large"), (-(10**30), "too small")])
def test_a_number_too_long_to_print_is_said_to_be_too_large_or_small(
    minutes: int, said: str
) -> None:
    """The bound, and which side of it."""
    with pytest.raises(InvalidInput) as refused:
        CallTimeLimit(minutes)
    assert refused.value.message == (
        f"must be a whole number of minutes from 1 to 1440, got a number {said}"
    )


def test_describe_says_text_is_blank_and_the_length_of_other_text() -> None:
    """A length of 0 or of spaces alone says nothing useful."""
    assert (describe(""), describe(" \t"), describe("Sam")) == (
        "an empty str",
        "a str of only white space",
        "a str of 3 characters",
    )
