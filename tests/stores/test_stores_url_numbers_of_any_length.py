"""A PostgreSQL URL's port or whole-number parameter of more than 4,300
digits escaped as Python's ``ValueError``: it is refused as any other
number out of range, naming the parameter and not its value."""

from __future__ import annotations

import pytest

from contactpolicy.errors import InvalidInput
from contactpolicy.stores.url import check_parameters


@pytest.mark.parametrize("digits", [4300, 4301, 5000])
def test_a_port_of_any_length_is_refused(digits: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_parameters({"host": "db", "port": "9" * digits})
    assert str(refused.value) == (
        "port: must be a number from 1 to 65535 for each host; host 1's is text of "
        f"{digits} characters"
    )


@pytest.mark.parametrize("digits", [4300, 4301, 5000])
def test_a_whole_number_parameter_of_any_length_is_refused(digits: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_parameters({"keepalives_idle": "-" + "9" * digits})
    assert str(refused.value) == (
        "keepalives_idle: must be a whole number from -2147483648 to 2147483647, got text "
        f"of {digits + 1} characters"
    )


def test_a_whole_number_as_libpq_reads_it_is_taken() -> None:
    check_parameters({"keepalives_idle": " -2147483648 ", "port": "5432"})
