"""The cases with an item waiting (``with_open_items``, the indexed
``open_items_since``) on memory, SQLite and PostgreSQL: exactly the cases
an item a contact left still waits on, the oldest item first, as items are
left and dealt with (5.1, 7.3, 8.1; UK GDPR Art. 12(3)); and, whatever a
case's story, the same cases as reading every case finds."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import Casework, FrozenClock, ReadOutcome
from contactpolicy.casework.work_queue import (
    new_issue_markers,
    waiting_to_act_on,
    waiting_to_read,
)
from contactpolicy.domain.follow_up import open_since
from contactpolicy.errors import PolicyError
from contactpolicy.stores import Store
from contactpolicy.testing.sequences import Step
from contactpolicy.testing.strategies import command_sequences

from support.builders import RECORDS
from support.open_items import scene


def _listed(store: Store) -> list[str]:
    return [case.id for case in store.with_open_items()]


def test_the_cases_with_an_item_are_listed_until_each_is_dealt_with(
    store: Store, clock: FrozenClock
) -> None:
    """After the scene the three cases are listed by their oldest item (the
    restricted case's letter at 11:00, the data request at 14:00, the
    lifted case's letter at 15:00); reading a letter moves a case to its
    next item's time, and a case leaves the list when its last item is
    dealt with: the lifted case's letter read and finding recorded, the
    data request answered, the appeal recorded with its contact; the
    restricted case's new issue still waits for a review (7.3)."""
    casework = Casework(store, clock=clock)
    found = scene(casework, clock)
    assert _listed(store) == [found.restricted, found.reported, found.lifted]
    casework.record_read(found.filed, RECORDS, ReadOutcome.NOTHING_NEW)
    assert _listed(store) == [found.restricted, found.reported, found.lifted]
    casework.record_read(
        found.found, RECORDS, ReadOutcome.NEW_ISSUE, reason="Passed to Housing (1.2)."
    )
    assert _listed(store) == [found.restricted, found.reported]
    casework.record_read(
        found.data_request, RECORDS, ReadOutcome.NOTHING_NEW, reason="Export sent."
    )
    assert _listed(store) == [found.restricted]
    casework.record_read(found.letter, RECORDS, ReadOutcome.NOTHING_NEW)
    casework.appeal(found.restricted, RECORDS, "Email is hard for me.", contact_id=found.appeal)
    case = casework.get(found.restricted)
    assert store.with_open_items() == [case]
    assert (case.to_read, case.to_act_on, [each.contact_id for each in case.new_issues]) == (
        (),
        (),
        [found.new_issue],
    )
    assert open_since(case) == case.new_issues[0].raised_at


@settings(
    deadline=None,
    max_examples=20,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(stories=st.lists(command_sequences(max_steps=10), min_size=1, max_size=2))
def test_property_the_indexed_cases_are_those_reading_every_case_finds(
    store: Store, stories: list[list[Step]]
) -> None:
    """Whatever the stories (contacts leaving items, reads, appeals and
    reviews dealing with them), after every step the cases
    ``with_open_items`` lists are exactly those of the store with an item
    waiting, ordered by their oldest item (then by id); and after each
    story ``to_read``, ``to_act_on`` and ``new_issues`` give what their
    rules give on every case of the store. The store is shared between
    examples, so the comparison covers every case in it."""
    clock = FrozenClock(stories[0][0].at)
    casework = Casework(store, clock=clock)
    for steps in stories:
        case = steps[0].run(casework, clock)
        for step in steps[1:]:
            with contextlib.suppress(PolicyError):
                step.run(casework, clock, case.id)
            waiting = [
                (since, each.id)
                for each in store.cases()
                if (since := open_since(each)) is not None
            ]
            assert _listed(store) == [case_id for _, case_id in sorted(waiting)]
        every = store.cases()
        assert casework.to_read() == waiting_to_read(every)
        assert casework.to_act_on() == waiting_to_act_on(every)
        assert casework.new_issues() == new_issue_markers(every)
