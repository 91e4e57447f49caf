"""The store contract's part for command ids across the kinds of command
(7.4): an id is kept once in the whole store, whether with a case's event
(``UnitOfWork.save``), a contact's decision (``ContactUnit.append``) or a
purge run (``Store.erase``). Asked for a kind it was not kept with, it is
``InvalidInput`` naming ``command_id``; kept again with another kind, it is
refused and nothing is written; two writers of different kinds under one id
at once: one wins, the other is refused. Part of
:class:`~contactpolicy.testing.contract.StoreContract`. Needs pytest."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial

import pytest

from contactpolicy.audit.contacts import next_link
from contactpolicy.audit.keys import UNKEYED
from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.contact import Contact
from contactpolicy.domain.model import Case, Customer, Incident
from contactpolicy.domain.vocabulary import Behaviour, Channel
from contactpolicy.errors import InvalidInput
from contactpolicy.stores.protocols import (
    AppliedCommand,
    ContactCommand,
    PurgeRun,
    Store,
)
from contactpolicy.testing.contact_log_contract import logged
from contactpolicy.testing.examples import MANAGER, START, example_case, fresh_id, history
from contactpolicy.testing.store_fixtures import StoreFixtures

__all__ = ["CommandIdContract"]

REFUSAL = (
    "[7.4] command_id: was already used for a different command; give each new command its "
    "own id and repeat one only with the same arguments"
)
"""The refusal of an id kept with another kind of command, word for word:
it names neither the id nor the command (7.4)."""

_REPORT = '{"erased":[],"run_id":"P-RUN"}'
"""A run's report as a store keeps it: JSON text, ids only."""


def _case_command(store: Store, command_id: str) -> Case:
    """A new case saved under ``command_id`` (a case's command)."""
    case = example_case()
    with store.unit_of_work() as work:
        work.save(case, history(case), 0, AppliedCommand(command_id, case.id, "a" * 64))
    return case


def _contact(store: Store, customer_id: str, command_id: str) -> None:
    """A contact logged for ``customer_id`` under ``command_id`` (a
    contact's decision)."""
    entry = logged(0, customer_id)
    with store.contact_unit(customer_id) as unit:
        unit.append(entry, next_link(unit.last(), entry, UNKEYED), ContactCommand(command_id, "b"))


def _run(store: Store, command_id: str) -> None:
    """A purge run's record kept under ``command_id`` with no erasure."""
    store.erase([], [], PurgeRun(command_id, "c" * 64, _REPORT))


_KEEPERS: dict[str, Callable[[Store, str], object]] = {
    "case": _case_command,
    "contact": lambda store, command_id: _contact(store, fresh_id(), command_id),
    "purge": _run,
}
"""Each kind of command a store keeps an id with, keeping one under an id."""


def _at_once(*calls: Callable[[], object]) -> list[str]:
    """What each of ``calls`` gave, each from a thread of its own, all let
    go at once: ``"kept"``, or the refusal's words; sorted."""
    start = threading.Barrier(len(calls))
    said: list[str] = []

    def attempt(call: Callable[[], object]) -> None:
        start.wait()
        try:
            call()
            said.append("kept")
        except InvalidInput as error:
            said.append(str(error))

    threads = [threading.Thread(target=attempt, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(said)


def _refused(call: Callable[[], object]) -> str:
    """What ``call``, which must be refused as InvalidInput, says."""
    with pytest.raises(InvalidInput) as refused:
        call()
    return str(refused.value)


class CommandIdContract(StoreFixtures):
    """Command ids unique in the whole store, whatever the kind (7.4)."""

    @pytest.mark.parametrize("kind", sorted(_KEEPERS))
    def test_an_id_kept_with_one_kind_is_refused_when_asked_for_another(
        self, store: Store, kind: str
    ) -> None:
        """An id kept with a case's command, a contact's decision or a purge
        run, looked up as one of the other kinds (the unit of work's and the
        contact unit's ``applied``, ``purge_run``), is the refusal, in the
        same words from each."""
        command_id = fresh_id()
        _KEEPERS[kind](store, command_id)

        def as_case() -> object:
            with store.unit_of_work() as work:
                return work.applied(command_id)

        def as_contact() -> object:
            with store.contact_unit(fresh_id()) as unit:
                return unit.applied(command_id)

        lookups = {
            "case": as_case,
            "contact": as_contact,
            "purge": lambda: store.purge_run(command_id),
        }
        said = {other: _refused(look) for other, look in lookups.items() if other != kind}
        assert said == {other: REFUSAL for other in lookups if other != kind}

    @pytest.mark.parametrize("kind", sorted(_KEEPERS))
    def test_an_id_kept_with_one_kind_is_not_kept_again_with_another(
        self, store: Store, kind: str
    ) -> None:
        """Keeping an id already kept with one kind of command with another
        kind (a case's event saved, a contact's entry appended, a purge
        run's record kept) is the refusal, and nothing of it is written:
        no case, no entry, no record."""
        command_id = fresh_id()
        _KEEPERS[kind](store, command_id)
        cases, customer_id = store.cases(), fresh_id()
        others = {
            "case": lambda: _case_command(store, command_id),
            "contact": lambda: _contact(store, customer_id, command_id),
            "purge": lambda: _run(store, command_id),
        }
        said = {other: _refused(keep) for other, keep in others.items() if other != kind}
        assert said == {other: REFUSAL for other in others if other != kind}
        assert (store.cases(), store.contacts(customer_id)) == (cases, [])

    def test_each_kind_still_finds_its_own_command(self, store: Store) -> None:
        """Ids of every kind side by side: each is found by its own kind's
        lookup, as kept, and an id never used is ``None`` for every kind."""
        ids = {kind: fresh_id() for kind in _KEEPERS}
        case = _case_command(store, ids["case"])
        _contact(store, "CRM-OWN", ids["contact"])
        _run(store, ids["purge"])
        unused = fresh_id()
        with store.unit_of_work() as work:
            found = work.applied(ids["case"])
            assert work.applied(unused) is None
        with store.contact_unit("CRM-OWN") as unit:
            entry = unit.applied(ids["contact"])
            assert unit.applied(unused) is None
        assert found == AppliedCommand(ids["case"], case.id, "a" * 64)
        assert (None if entry is None else (entry.logged, entry.fingerprint)) == (
            logged(0, "CRM-OWN"),
            "b",
        )
        assert store.purge_run(ids["purge"]) == PurgeRun(ids["purge"], "c" * 64, _REPORT)
        assert store.purge_run(unused) is None

    def test_a_note_and_a_contact_under_one_id_at_once_one_wins(self, store: Store) -> None:
        """Five times, a note added to a case and a contact decided, from
        two threads at once under one new id: each time exactly one is
        kept, and the other is the refusal."""
        casework = Casework(store, clock=FrozenClock(START))
        incident = Incident(Behaviour.THREATS, START, Channel.TELEPHONE, "Shouted.")
        customer = Customer(fresh_id(), "Sam Taylor")
        case = casework.report(customer, "rent", [incident], MANAGER)
        outcomes = []
        for minutes in range(5):
            command_id = fresh_id()
            call = Contact(Channel.EMAIL, START.subtract(minutes=minutes))
            outcomes.append(
                _at_once(
                    partial(
                        casework.add_note, case.id, "Called again.", MANAGER, command_id=command_id
                    ),
                    partial(
                        casework.decide_contact,
                        customer.id,
                        call,
                        by=MANAGER,
                        command_id=command_id,
                    ),
                )
            )
        assert outcomes == [sorted(["kept", REFUSAL])] * 5
        kept = len(store.load(case.id).notes) + len(store.contacts(customer.id))
        assert kept == 5
