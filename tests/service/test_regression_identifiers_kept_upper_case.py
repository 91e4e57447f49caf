"""The testing kit's ``identifiers()`` drew U+A669, a Cyrillic letter that
looks like no Latin one, as a customer reference; the policy keeps
references upper-cased, and its capital U+A668 does look like one, so
``report`` refused the drawn customer and a property test of letters
failed on a valid story. Every identifier drawn is now a reference the
policy keeps as its upper-case normal form."""

from __future__ import annotations

import pytest
from hypothesis import given

from contactpolicy import MAIDSTONE, InvalidInput
from contactpolicy.domain.validation import normal_form
from contactpolicy.testing import strategies


@given(reference=strategies.identifiers())
def test_every_identifier_drawn_is_a_reference_the_policy_keeps(reference: str) -> None:
    kept = MAIDSTONE.customer_reference(reference, "customer.id")
    assert kept == normal_form(reference, upper=True)


def test_the_letter_whose_capital_looks_latin_is_refused_as_a_reference() -> None:
    with pytest.raises(InvalidInput) as raised:
        MAIDSTONE.customer_reference("\ua669", "customer.id")
    assert str(raised.value) == (
        "[7.4] customer.id: must not be written in Cyrillic letters that all look like "
        "Latin ones: U+A668 at character 1; use Latin letters, U+0298 for this one"
    )
