"""``If-Match`` is checked inside the command's unit of work, on the case it
loads under the write lock: a write that lands between the client's read
and its command is caught, and nothing is written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contactpolicy import Casework, FrozenClock
from contactpolicy.http.conditional import expecting, matches
from contactpolicy.http.problems import StaleVersion
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, MANAGER, START, incident


def test_a_write_between_the_read_and_the_command_is_caught() -> None:
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER)
    checked = expecting(casework, f'"{case.version}"')
    casework.add_note(case.id, "Another officer's note.", MANAGER)
    with pytest.raises(StaleVersion) as refused:
        checked.add_note(case.id, "Called.", MANAGER)
    assert (refused.value.current, refused.value.given) == (2, '"1"')
    assert [event.kind for event in casework.history(case.id)] == ["report", "add_note"]


def test_the_version_named_lets_the_command_run_once() -> None:
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER)
    noted = expecting(casework, '"7", "1"').add_note(case.id, "Called.", MANAGER)
    assert noted.version == 2
    assert expecting(casework, "*").add_note(case.id, "Again.", MANAGER).version == 3
    with pytest.raises(StaleVersion):
        expecting(casework, 'W/"3"').add_note(case.id, "Weak tags never match.", MANAGER)


def test_a_retry_of_a_command_applied_is_not_refused_for_its_own_write() -> None:
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "council tax bill", [incident()], by=MANAGER)
    first = expecting(casework, '"1"').add_note(case.id, "Called.", MANAGER, command_id="n-1")
    again = expecting(casework, '"1"').add_note(case.id, "Called.", MANAGER, command_id="n-1")
    assert first == again
    assert len(casework.history(case.id)) == 2


@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_property_an_etag_matches_only_its_own_version(named: int, version: int) -> None:
    assert matches(f'"{named}"', version) is (named == version)
    assert matches(f'"{named}", "{version}"', version) is True
    assert matches(f'W/"{version}"', version) is False
