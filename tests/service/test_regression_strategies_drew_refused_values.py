"""warnings() drew measures that say nothing, which warn refuses
(measure_blank, 7.4); services() drew compatibility characters (U+00AF,
the ligature U+FB01, a superscript two), accepted as an incident's
department but refused as an officer's team (6.1), so restrictions
covering them were refused as unknown_service (5.1). Both now draw only
what the library accepts."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import find, given, settings
from hypothesis.errors import NoSuchExample

from contactpolicy import (
    Behaviour,
    Casework,
    Channel,
    FrozenClock,
    Incident,
    Officer,
    Role,
)
from contactpolicy.domain.preconditions import named
from contactpolicy.domain.validation import service_field
from contactpolicy.errors import InvalidInput, PreconditionsNotMet
from contactpolicy.stores import MemoryStore
from contactpolicy.testing import strategies

from support.builders import CUSTOMER, MANAGER, START


def reported() -> tuple[Casework, str]:
    """A case the manager reported on threats made now."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    incident = Incident(Behaviour.THREATS, START, Channel.TELEPHONE, "Threatened staff.")
    return casework, casework.report(CUSTOMER, "council tax", [incident], MANAGER).id


def test_a_measure_that_says_nothing_is_refused_by_warn() -> None:
    """What warnings() once drew: a measure of no letter or digit is refused
    (7.4, measure_blank)."""
    casework, case_id = reported()
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.warn(case_id, MANAGER, Channel.LETTER, ["."])
    assert [failure.code for failure in refused.value.failures] == ["measure_blank"]


def test_warnings_never_draw_a_measure_that_says_nothing() -> None:
    """No drawn warning has a measure without a letter or digit."""
    with pytest.raises(NoSuchExample):
        find(
            strategies.warnings(),
            lambda warning: not all(map(named, warning.measures)),
            settings=settings(max_examples=300, deadline=None, database=None),
        )


@settings(max_examples=50, deadline=None)
@given(strategies.warnings())
def test_a_drawn_warning_is_given_as_drawn(warning: object) -> None:
    """warn takes a drawn warning's method and measures."""
    casework, case_id = reported()
    case = casework.warn(case_id, MANAGER, warning.method, warning.measures)  # type: ignore[attr-defined]
    assert case.warning is not None
    assert case.warning.measures == warning.measures  # type: ignore[attr-defined]


@pytest.mark.parametrize("service", ["\u00af", "\ufb01nance", "Revenues\u00b2"])
def test_a_compatibility_character_is_a_department_but_no_team(service: str) -> None:
    """The values services() once drew: a department may hold them, an
    officer's team may not (6.1: no compatibility characters)."""
    assert service_field("department", "5.1")(service) == service
    with pytest.raises(InvalidInput) as refused:
        Officer("m2", "M Two", {Role.MANAGER}, team=service)
    assert "compatibility characters" in refused.value.message


def test_services_never_draw_a_compatibility_character() -> None:
    """No drawn service changes in Unicode compatibility form (NFKC)."""
    with pytest.raises(NoSuchExample):
        find(
            strategies.services(),
            lambda service: not unicodedata.is_normalized("NFKC", service),
            settings=settings(max_examples=300, deadline=None, database=None),
        )
