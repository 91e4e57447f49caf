"""The contract of ``cases_with_last``: every store gives the page of cases
``cases`` gives, each with the audit event its history ends with, which
the register checks each case against (7.4). Part of
:class:`~contactpolicy.testing.contract.StoreContract`."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy.audit import replay
from contactpolicy.audit.codec import case_digest
from contactpolicy.audit.events import AuditEvent
from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.model import Case, Customer, Incident
from contactpolicy.domain.vocabulary import Behaviour, CaseState, Channel
from contactpolicy.errors import CaseNotFound
from contactpolicy.stores.protocols import Store
from contactpolicy.testing.examples import MANAGER, START, example_case, history, saved
from contactpolicy.testing.store_fixtures import StoreFixtures

__all__ = ["CasesWithLastContract"]

_ASKED: list[tuple[CaseState | None, str | None, int | None]] = [
    (None, None, None),
    (None, None, 4),
    (None, "C-3", 4),
    (None, "C-5", None),
    (CaseState.WARNED, None, None),
    (CaseState.WARNED, "C-0", 1),
    (CaseState.REPORTED, "C-3", None),
    (CaseState.LIFTED, None, None),
]
"""The state, ``after`` and ``limit`` of each page asked for."""


def _six(store: Store) -> list[Case]:
    """Six cases, C-0 to C-5, a day apart, warned and reported in turn;
    C-1 taken on to version 3."""
    day = pendulum.duration(days=1)
    made = [
        saved(store, example_case(state, "CRM-1", START + day * n, case_id=f"C-{n}"))
        for n, state in enumerate([CaseState.WARNED, CaseState.REPORTED] * 3)
    ]
    later = attrs.evolve(made[1], version=3)
    with store.unit_of_work() as work:
        work.save(later, history(later, 1, store.trail("C-1")[1][-1]), expected_version=1)
    made[1] = later
    return made


class CasesWithLastContract(StoreFixtures):
    """Every store gives a page of cases with their last events."""

    def test_cases_with_last_page_as_cases_do_each_with_its_last_event(self, store: Store) -> None:
        """For every state, ``after`` and ``limit``, cases_with_last() gives
        the cases cases() lists for them, in the same order, each with the
        event its history ends with (as trail() reads it)."""
        made = _six(store)
        for state, after, limit in _ASKED:
            listed = store.cases(state, after=after, limit=limit)
            found = store.cases_with_last(state, after=after, limit=limit)
            assert found == [(case, store.trail(case.id)[1][-1]) for case in listed]
        found = store.cases_with_last(after="C-0", limit=2)
        assert [(case, last.seq, last.position) for case, last in found] == [
            (made[1], 3, 8),
            (made[2], 1, 3),
        ]
        assert store.cases_with_last(CaseState.LIFTED) == []

    def test_cases_with_last_continue_their_histories(self, store: Store) -> None:
        """Cases written by commands come each with an event that records
        the digest of the case as it is kept, and the notes it holds, so
        the register's check passes for each; one taken on by a note
        comes with the note's event."""
        clock = FrozenClock(START)
        casework = Casework(store, clock=clock)
        incident = Incident(Behaviour.THREATS, START, Channel.EMAIL, "Shouted.")
        first = casework.report(Customer("CRM-5", "A", "B"), "bins", [incident], by=MANAGER)
        clock.advance(hours=1)
        second = casework.report(Customer("CRM-6", "C", "D"), "rent", [incident], by=MANAGER)
        first = casework.add_note(first.id, "Called again.", MANAGER)
        found = store.cases_with_last(CaseState.REPORTED)
        assert [(case, last.kind, last.seq) for case, last in found] == [
            (first, "add_note", 2),
            (second, "report", 1),
        ]
        assert [last.snapshot for _, last in found] == [case_digest(first), case_digest(second)]
        assert [note.text for note in found[0][0].notes] == ["Called again."]
        assert replay.trusted(found, casework.audit_keys, heard=False) == ([first, second], [])

    def test_cases_with_last_after_an_unknown_case_is_case_not_found(self, store: Store) -> None:
        """``after`` must name a stored case, as for cases()."""
        with pytest.raises(CaseNotFound, match="'C-GONE'"):
            store.cases_with_last(after="C-GONE")

    @settings(
        deadline=None,
        max_examples=25,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.differing_executors,
        ],
    )
    @given(reported=st.lists(st.integers(0, 5), max_size=8), limit=st.integers(1, 4))
    def test_pages_with_last_events_joined_are_the_whole_listing(
        self, store: Store, reported: list[int], limit: int
    ) -> None:
        """Following ``after`` from page to page, whatever the report times
        (ties included) and the page size, lists every warned case once, in
        the order of cases(), each with its last event; a full page is
        followed by one more. The examples share the store, so the listing
        holds the earlier examples' cases too."""
        made = {
            saved(store, example_case(CaseState.WARNED, reported_at=START.add(days=days))).id
            for days in reported
        }
        whole = store.cases(CaseState.WARNED)
        pages: list[tuple[Case, AuditEvent]] = []
        page = store.cases_with_last(CaseState.WARNED, limit=limit)
        while page:
            assert len(page) <= limit
            pages += page
            page = store.cases_with_last(CaseState.WARNED, after=page[-1][0].id, limit=limit)
        assert pages == [(case, store.trail(case.id)[1][-1]) for case in whole]
        assert made <= {case.id for case, _ in pages}
