"""The store contract's part for purge runs (7.2): a run under a command id
keeps its record in the transaction that erases (``Store.erase`` with
``run``), read back by ``Store.purge_run``, kept or refused with the
erasure, never one without the other. Part of
:class:`~contactpolicy.testing.contract.StoreContract`. Needs pytest."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from contactpolicy.casework import Casework, retention
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.model import Case, Customer, Incident
from contactpolicy.domain.vocabulary import Behaviour, Channel
from contactpolicy.errors import ConcurrentUpdate, InvalidInput
from contactpolicy.stores.protocols import Erasure, PurgeRun, Store
from contactpolicy.testing.examples import (
    DECISION_MAKER,
    MANAGER,
    RECORDS,
    START,
    fresh_id,
)
from contactpolicy.testing.store_fixtures import StoreFixtures

__all__ = ["PurgeRunContract"]

REPORT = '{"erased":[{"id":"CRM-99#1","kind":"contact"}],"run_id":"P-RUN"}'
"""A run's report as a store keeps it: JSON text, ids only."""


def _past_retention(store: Store) -> tuple[Casework, Case]:
    """A case closed with no action, its customer told, and the clock 24
    months and a day on: past retention, nothing owed waiting on it."""
    clock = FrozenClock(START)
    casework = Casework(store, clock=clock, audit_key=b"a council's audit key, 32 bytes!")
    incident = Incident(Behaviour.THREATS, START, Channel.TELEPHONE, "Quuxworth shouted.")
    case = casework.report(Customer(fresh_id(), "Zeb Quuxworth"), "rent", [incident], MANAGER)
    casework.decide_no_action(case.id, DECISION_MAKER, "Quuxworth settled.")
    case = casework.record_communicated(case.id, RECORDS, START, Channel.LETTER)
    clock.advance(months=24, days=1)
    return casework, case


def _erasure(casework: Casework, case: Case) -> Erasure:
    found = retention.erasure(casework.store, casework.audit_keys, case.id)
    assert found is not None, "the case's events are chained"
    return found


class PurgeRunContract(StoreFixtures):
    """Purge runs kept under their command ids (7.2)."""

    def test_a_run_s_record_is_kept_and_read_back_by_another_store_object(
        self, store: Store, make_store: Callable[[], Store]
    ) -> None:
        """A record kept with no erasure reads back equal, from this store
        and another on the same database; an id never used is ``None``."""
        run = PurgeRun(fresh_id(), "f" * 64, REPORT)
        assert store.purge_run(run.command_id) is None
        store.erase([], [], run)
        assert store.purge_run(run.command_id) == run
        other = make_store()
        assert other.purge_run(run.command_id) == run
        assert other.purge_run(fresh_id()) is None
        other.close()

    def test_a_run_kept_with_its_erasure_goes_in_with_it(self, store: Store) -> None:
        """The record and the case's erased text are written together."""
        casework, case = _past_retention(store)
        run = PurgeRun(fresh_id(), "a" * 64, REPORT)
        store.erase([_erasure(casework, case)], [], run)
        assert store.purge_run(run.command_id) == run
        assert retention.erased(store.load(case.id))

    def test_a_run_id_kept_already_is_refused_and_nothing_is_erased(self, store: Store) -> None:
        """A second record under an id kept is ``InvalidInput`` naming
        ``command_id``: the case's text stays, the first record stays."""
        casework, case = _past_retention(store)
        first = PurgeRun(fresh_id(), "a" * 64, REPORT)
        store.erase([], [], first)
        before = store.trail(case.id)
        with pytest.raises(InvalidInput) as refused:
            store.erase([_erasure(casework, case)], [], PurgeRun(first.command_id, "b" * 64, "{}"))
        assert (refused.value.field, refused.value.section) == ("command_id", "7.4")
        assert store.trail(case.id) == before
        assert store.purge_run(first.command_id) == first

    def test_an_erasure_refused_keeps_no_record(self, store: Store) -> None:
        """An erasure of a case changed since is ``ConcurrentUpdate``, and
        the run's record goes with it: nothing is kept under the id."""
        casework, case = _past_retention(store)
        erasure = _erasure(casework, case)
        stale = attrs.evolve(erasure, case=attrs.evolve(erasure.case, version=1))
        run = PurgeRun(fresh_id(), "a" * 64, REPORT)
        with pytest.raises(ConcurrentUpdate):
            store.erase([stale], [], run)
        assert store.purge_run(run.command_id) is None

    @pytest.mark.parametrize(
        ("call", "field"),
        [
            (lambda store: store.purge_run(""), "command_id"),
            (lambda store: store.purge_run("x" * 201), "command_id"),
            (lambda store: store.erase([], [], "P-1"), "run"),
            (lambda store: store.erase([], [], PurgeRun("P-1", "", "{}")), "fingerprint"),
            (lambda store: store.erase([], [], PurgeRun("P-1", "f", "\x00")), "run"),
        ],
    )
    def test_a_malformed_run_is_refused_naming_the_argument(
        self, store: Store, call: Callable[[Store], object], field: str
    ) -> None:
        """Each bad argument is ``InvalidInput`` naming it, nothing kept."""
        with pytest.raises(InvalidInput) as refused:
            call(store)
        assert refused.value.field == field
        assert store.purge_run("P-1") is None
