"""The hypothesis strategies for the domain model."""

from __future__ import annotations

import re

import pytest
from hypothesis import find, given

from contactpolicy.domain.model import Case
from contactpolicy.restrictions import KINDS, Restriction
from contactpolicy.testing import strategies


@given(strategies.texts())
def test_texts_are_text_every_store_keeps(text: str) -> None:
    """Drawn text has no NUL and encodes as UTF-8, as stores require."""
    assert "\x00" not in text
    assert text.encode("utf-8").decode("utf-8") == text


@given(strategies.texts(1))
def test_required_texts_are_never_blank(text: str) -> None:
    """Text for a required field always has something besides spaces."""
    assert text.strip() != ""


@given(strategies.cases())
def test_cases_look_like_reported_cases(case: Case) -> None:
    """Drawn cases have ids as report() makes them and versions 1 to 5."""
    assert re.fullmatch("C-[0-9A-F]{10}", case.id)
    assert 1 <= case.version <= 5


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_restrictions_reach_every_kind_of_5_1(kind: type[Restriction]) -> None:
    """restrictions() draws each of the six restrictions of 5.1."""
    assert isinstance(
        find(strategies.restrictions(), lambda chosen: isinstance(chosen, kind)), kind
    )


@given(strategies.restriction_sets())
def test_restriction_sets_never_repeat_a_kind_that_holds_once(
    chosen: tuple[Restriction, ...],
) -> None:
    """A drawn set has no two restrictions of a kind, except enquiries on
    different issues (5.1)."""
    keys = [(type(r).__name__, getattr(r, "issue", "")) for r in chosen]
    assert len(keys) == len(set(keys))
    assert 1 <= len(chosen) <= 4
