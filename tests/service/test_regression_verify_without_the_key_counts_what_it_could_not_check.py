"""Regression: ``verify`` without the key on a store signed with it named
every untouched event as a problem ("is signed with the audit key
'default', which was not given") and called the trail not intact; after a
rotation, with only the new key, the events signed with the old one were
named so too (7.4). An event that could not be checked was not found
wrong: it is now counted in ``unchecked`` by key id, not named, and ``ok``
stays false, as the trail could not be told intact; on every store."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import Casework, FrozenClock
from contactpolicy.stores import MemoryStore, Store
from contactpolicy.testing.examples import MANAGER, START

from support.tampering import KEY, told

NEW = b"the council's new audit key, 32b"


def test_without_the_key_nothing_is_named_and_every_event_is_counted(store: Store) -> None:
    _signed, case = told(store, 3, key=KEY)
    unkeyed = Casework(store, clock=FrozenClock(START.add(days=1)))
    one, whole = unkeyed.verify(case.id), unkeyed.verify_all()
    assert (one.problems, one.unchecked, one.ok, one.keyed) == ((), (("default", 4),), False, False)
    assert (whole.problems, whole.unchecked, whole.ok, whole.keyed) == (
        (),
        (("default", 4),),
        False,
        False,
    )


def test_with_only_the_new_key_the_old_events_are_counted_not_named(store: Store) -> None:
    _signed, case = told(store, 3, key=KEY)
    clock = FrozenClock(START.add(days=1))
    rotated = Casework(store, clock=clock, audit_key={"default": KEY, "2027": NEW})
    rotated.add_note(case.id, "After the rotation.", MANAGER)
    new_only = Casework(store, clock=clock, audit_key={"2027": NEW})
    checked = new_only.verify_all()
    assert (checked.problems, checked.unchecked, checked.ok, checked.keyed) == (
        (),
        (("default", 4),),
        False,
        False,
    )


@settings(max_examples=10, deadline=None)
@given(steps=st.integers(min_value=0, max_value=4))
def test_every_signed_event_is_counted_once(steps: int) -> None:
    store = MemoryStore()
    _signed, case = told(store, steps, key=KEY)
    checked = Casework(store, clock=FrozenClock(START.add(days=1))).verify(case.id)
    events = len(store.trail(case.id)[1])
    assert (checked.problems, checked.unchecked, checked.events) == (
        (),
        (("default", events),),
        events,
    )
