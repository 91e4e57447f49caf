"""A contact's decision under a command id is made once (5.1, 7.4): any
decision repeated with its id returns the same answer and the log holds
one entry per id, whatever the calls and however often each is repeated;
a repeat also leaves what the first did not get to leave on the cases."""

from __future__ import annotations

import random

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import Casework, Channel, Contact, ContactDecision, FrozenClock, InvalidInput
from contactpolicy import restrictions as r
from contactpolicy.casework.queries import Queries
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, STAFF, START, restricted_and_told

LIMIT = (r.CallLimit(2, pendulum.duration(days=1)),)


def _casework() -> Casework:
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    restricted_and_told(casework, LIMIT)
    return casework


@settings(max_examples=40, deadline=None)
@given(
    calls=st.lists(
        st.tuples(st.sampled_from(list(Channel)), st.integers(1, 3)), min_size=1, max_size=6
    ),
    order=st.randoms(use_true_random=False),
)
def test_any_decision_repeated_with_its_id_answers_the_same_and_logs_once(
    calls: list[tuple[Channel, int]], order: random.Random
) -> None:
    casework = _casework()
    assert isinstance(casework.clock, FrozenClock)
    asked = []
    for number, (channel, times) in enumerate(calls):
        casework.clock.advance(minutes=1)
        contact = Contact(channel, casework.clock.now())
        asked += [(f"crm-{number}", contact)] * times
    order.shuffle(asked)
    first: dict[str, ContactDecision] = {}
    for command_id, contact in asked:
        decision = casework.decide_contact(CUSTOMER.id, contact, by=STAFF, command_id=command_id)
        assert first.setdefault(command_id, decision) == decision
    assert len(casework.store.contacts(CUSTOMER.id)) == len(calls)
    ids = sorted(decision.contact_id or 0 for decision in first.values())
    assert ids == list(range(1, len(calls) + 1))


def test_the_third_call_under_a_limit_of_two_is_refused_however_often_each_is_sent() -> None:
    """Three calls, each sent twice: the first two allowed, the third
    refused, as if each was sent once."""
    casework = _casework()
    assert isinstance(casework.clock, FrozenClock)
    allowed = []
    for number in range(3):
        casework.clock.advance(minutes=1)
        call = Contact(Channel.TELEPHONE, casework.clock.now())
        for _ in range(2):
            decided = casework.decide_contact(
                CUSTOMER.id, call, by=STAFF, command_id=f"call-{number}"
            )
            allowed.append((decided.allowed, decided.contact_id))
    assert allowed == [(True, 1), (True, 1), (True, 2), (True, 2), (False, 3), (False, 3)]


def test_a_repeat_leaves_the_item_to_read_the_first_did_not_get_to_leave() -> None:
    """The entry logged but the follow-up not left (the process stopped in
    between, as :meth:`Queries.decide_contact` alone does): the repeat
    returns the decision logged and leaves the item once; a third call of it
    changes nothing."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    case_id = restricted_and_told(casework, (r.SingleContactMethod(Channel.EMAIL),))
    letter = Contact(Channel.LETTER, casework.clock.now())
    logged = Queries.decide_contact(casework, CUSTOMER.id, letter, by=STAFF, command_id="l-1")
    assert casework.store.load(case_id).to_read == ()
    repeated = casework.decide_contact(CUSTOMER.id, letter, by=STAFF, command_id="l-1")
    case = casework.store.load(case_id)
    assert (repeated, [item.contact_id for item in case.to_read]) == (logged, [1])
    assert casework.decide_contact(CUSTOMER.id, letter, by=STAFF, command_id="l-1") == logged
    assert casework.store.load(case_id).version == case.version


def test_a_command_id_of_the_wrong_kind_is_refused_before_anything_is_logged() -> None:
    casework = _casework()
    call = Contact(Channel.TELEPHONE, casework.clock.now())
    for wrong in ("", "contactpolicy:informed:1", 7):
        with pytest.raises(InvalidInput) as refused:
            casework.decide_contact(CUSTOMER.id, call, by=STAFF, command_id=wrong)  # type: ignore[arg-type]
        assert refused.value.field == "command_id"
    assert casework.store.contacts(CUSTOMER.id) == []
