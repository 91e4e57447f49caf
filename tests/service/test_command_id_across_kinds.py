"""A ``command_id`` is one command's in the whole store, whatever the kind
(7.4): a case's command, a contact's decision and a purge run never share
one. Reused by another kind, it is the one refusal, naming neither the id
nor the command, and nothing is written; each kind's true repeat still
answers as first given. On a MemoryStore and a SQLite file alike."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from contactpolicy import Casework, Channel, Contact, FrozenClock, InvalidInput
from contactpolicy.domain.vocabulary import ReadOutcome
from contactpolicy.stores import MemoryStore, SQLiteStore, Store

from support.builders import CUSTOMER, MANAGER, RECORDS, START, incident

NOTHING_NEW = ReadOutcome.NOTHING_NEW
REFUSAL = (
    "[7.4] command_id: was already used for a different command; give each new command its "
    "own id and repeat one only with the same arguments"
)


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    opened: Store = MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "c.db")
    yield opened
    opened.close()


def _refused(call: Callable[[], object]) -> str:
    with pytest.raises(InvalidInput) as refused:
        call()
    return str(refused.value)


def test_each_kind_refuses_the_ids_of_the_others_and_writes_nothing(store: Store) -> None:
    """A note under x-note, a call under x-contact and a purge run under
    x-purge; then each id under each other kind (a call, a note, a new
    report, a purge run, a read recorded) is the refusal, and the feed and
    the customer's log are as they were."""
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(CUSTOMER, "bins", [incident()], MANAGER)
    casework.add_note(case.id, "Called.", MANAGER, command_id="x-note")
    call = Contact(Channel.TELEPHONE, START.subtract(minutes=1))
    casework.decide_contact(CUSTOMER.id, call, by=MANAGER, command_id="x-contact")
    casework.purge(by=RECORDS, command_id="x-purge")
    feed, log = casework.events_since(0, 100), store.contacts(CUSTOMER.id)
    later = Contact(Channel.TELEPHONE, START)
    said = [
        _refused(lambda: casework.decide_contact(CUSTOMER.id, later, command_id="x-note")),
        _refused(lambda: casework.decide_contact(CUSTOMER.id, later, command_id="x-purge")),
        _refused(lambda: casework.add_note(case.id, "n2", MANAGER, command_id="x-contact")),
        _refused(lambda: casework.add_note(case.id, "n3", MANAGER, command_id="x-purge")),
        _refused(
            lambda: casework.report(CUSTOMER, "rent", [incident()], MANAGER, command_id="x-contact")
        ),
        _refused(lambda: casework.purge(by=RECORDS, command_id="x-note")),
        _refused(lambda: casework.purge(by=RECORDS, command_id="x-contact")),
        _refused(
            lambda: casework.record_read(
                7, RECORDS, ReadOutcome.NOTHING_NEW, command_id="x-contact"
            )
        ),
    ]
    assert said == [REFUSAL] * 8
    assert (casework.events_since(0, 100), store.contacts(CUSTOMER.id)) == (feed, log)


def test_each_kind_s_repeat_still_answers_as_first_given(store: Store) -> None:
    """Beside ids of the other kinds, a note, a call and a purge run each
    repeated under their own id answer as first given, writing nothing."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock)
    case = casework.report(CUSTOMER, "bins", [incident()], MANAGER)
    call = Contact(Channel.TELEPHONE, START.subtract(minutes=1))
    noted = casework.add_note(case.id, "Called.", MANAGER, command_id="x-note")
    decided = casework.decide_contact(CUSTOMER.id, call, by=MANAGER, command_id="x-contact")
    run = casework.purge(by=RECORDS, command_id="x-purge")
    clock.advance(minutes=5)
    again = (
        casework.add_note(case.id, "Called.", MANAGER, command_id="x-note"),
        casework.decide_contact(CUSTOMER.id, call, by=MANAGER, command_id="x-contact"),
        casework.purge(by=RECORDS, command_id="x-purge"),
    )
    assert again == (noted, decided, run)
    assert (len(casework.events_since(0, 100)), len(store.contacts(CUSTOMER.id))) == (2, 1)
