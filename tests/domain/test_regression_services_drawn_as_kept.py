"""Regression: ``strategies.services()`` drew a service with a no-break
space U+00A0 at its end (``"0\\u00a0"``), which the library trims, as it
trims all white space around an identifier, a service or an issue; so two
services drawn, joined as one department's name (``"0 / 0\\u00a0"``),
came back as ``"0 / 0"`` and a property test failed whenever hypothesis
drew one. The rule stays one: white space around an identifier, a service
or an issue (U+00A0 among it) is trimmed in every field; the strategy now
draws services in that normal form, so each is kept as drawn."""

from __future__ import annotations

import pytest
from hypothesis import example, find, given, settings
from hypothesis.errors import NoSuchExample

from contactpolicy.domain.validation import (
    identifier,
    issue_field,
    name_problem,
    service_field,
)
from contactpolicy.testing import strategies

DEPARTMENT = service_field("department", "5.1")


def test_a_no_break_space_around_a_value_is_trimmed_in_every_field() -> None:
    """``"0\\u00a0"`` is ``"0"`` as a service, an identifier and an issue,
    and ``"\\u00a0Revenues\\u00a0"`` is ``"Revenues"`` in each."""
    for text, normal in (("0\u00a0", "0"), ("\u00a0Revenues\u00a0", "Revenues")):
        assert DEPARTMENT(text) == normal
        assert identifier(text, "team", "6.1") == normal
        assert issue_field("issue", "6.2")(text) == normal


def test_the_department_drawn_in_the_failing_example_is_trimmed() -> None:
    """The failing draw, ``"0 / 0\\u00a0"``, is kept as ``"0 / 0"``."""
    assert DEPARTMENT("0 / 0\u00a0") == "0 / 0"


def test_no_service_drawn_is_one_the_library_trims() -> None:
    """Searching the strategy for a service the library would keep other
    than drawn (``"0 "``, ``"0\u00a0"``) finds none."""
    with pytest.raises(NoSuchExample):
        find(
            strategies.services(),
            lambda service: DEPARTMENT(service) != service,
            settings=settings(max_examples=300, database=None, derandomize=True),
        )


@given(service=strategies.services())
@example(service="0")
def test_every_service_drawn_is_kept_as_drawn(service: str) -> None:
    """A service drawn is kept exactly as drawn, as a department and as a
    team, never trimmed."""
    assert DEPARTMENT(service) == service
    assert identifier(service, "team", "6.1") == service


@given(first=strategies.services(), second=strategies.services())
@example(first="0", second="0\u00a0")
def test_two_services_joined_are_kept_as_the_library_keeps_them(first: str, second: str) -> None:
    """Two departments' names joined make one name, kept with the white
    space around it trimmed, whether the parts were drawn or typed with a
    no-break space at the end."""
    name = f"{first} / {second}"
    problem = name_problem(name)
    assert problem is None or problem.startswith("must not hold a word in "), problem
    if problem is None:
        assert DEPARTMENT(name) == name.strip()
