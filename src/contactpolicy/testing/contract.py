"""``StoreContract``: the tests every store passes.

To test a store, subclass ``StoreContract`` in a test module under a name
pytest collects, and override the ``make_store`` fixture::

    class TestMyStore(StoreContract):
        @pytest.fixture
        def make_store(self, tmp_path):
            return lambda: MyStore(tmp_path / "cases")

``StoreContract`` itself is not collected: its name does not start with
``Test``. Needs pytest and hypothesis.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy.audit import replay
from contactpolicy.audit.events import AuditEvent
from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.model import Case, Customer, Incident
from contactpolicy.domain.restrictions import Restriction
from contactpolicy.domain.vocabulary import Behaviour, CaseState, Channel
from contactpolicy.errors import CaseNotFound, ConcurrentUpdate, InvalidInput, StoreError
from contactpolicy.stores.protocols import Store
from contactpolicy.testing import strategies
from contactpolicy.testing.contact_log_contract import ContactLogContract
from contactpolicy.testing.examples import (
    HOSTILE_TEXTS,
    MANAGER,
    START,
    example_case,
    fresh_id,
    history,
    saved,
    tell,
)

__all__ = ["StoreContract"]

# Examples share the test's store, so each example uses case ids of its own;
# store calls do I/O, so no deadline; and every subclass runs the same test
# functions, so their failing examples are replayed for every store, which is
# what a contract wants.
PROPERTY = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.differing_executors],
)
COSTLY = settings(PROPERTY, max_examples=25)


class StoreContract(ContactLogContract):
    """The behaviour every :class:`~contactpolicy.stores.Store` shares.

    Subclasses override the ``make_store`` fixture; each test starts from an
    empty database.
    """

    @pytest.fixture
    def make_store(self) -> Callable[[], Store]:
        """Override: a function that opens a store on this test's own database,
        empty at the start of the test; called again, it opens another store
        object on the same database."""
        raise NotImplementedError("a StoreContract subclass must override the make_store fixture")

    @pytest.fixture
    def store(self, make_store: Callable[[], Store]) -> Store:
        """The store under test."""
        return make_store()

    def test_a_new_store_is_empty(self, store: Store) -> None:
        """A new store has no cases, no reviews due and an empty feed."""
        assert store.cases() == []
        assert store.due_reviews(pendulum.date(2100, 1, 1)) == []
        assert store.events_since(0, 10) == []

    def test_an_unknown_case_is_not_found(self, store: Store) -> None:
        """Loading an unknown case, or its events, is CaseNotFound naming it."""
        with pytest.raises(CaseNotFound, match="'C-UNKNOWN'"):
            store.load("C-UNKNOWN")
        with pytest.raises(CaseNotFound, match="'C-UNKNOWN'"):
            store.events("C-UNKNOWN")

    @PROPERTY
    @given(case=strategies.cases())
    def test_a_saved_case_loads_equal(self, store: Store, case: Case) -> None:
        """Every case shape comes back from the store exactly as it was saved."""
        case = saved(store, attrs.evolve(case, id=fresh_id()))
        assert store.load(case.id) == case

    def test_saved_events_come_back_in_order_with_feed_positions(self, store: Store) -> None:
        """A case's events come back as saved, numbered by their feed position."""
        first = saved(store, example_case())
        later = attrs.evolve(first, version=3)
        events = history(first) + history(later, 1, history(first)[-1])
        store.save(later, events[1:], expected_version=1)
        assert store.events(first.id) == [
            attrs.evolve(event, position=position) for position, event in enumerate(events, 1)
        ]

    def test_events_after_a_number_are_the_later_ones(self, store: Store) -> None:
        """``after`` skips the events numbered up to it: ``after=version - 1``
        reads only the last, as a command does to continue the hash chain."""
        first = saved(store, example_case())
        later = attrs.evolve(first, version=3)
        events = history(first) + history(later, 1, history(first)[-1])
        store.save(later, events[1:], expected_version=1)
        assert [event.seq for event in store.events(first.id, after=2)] == [3]
        assert [event.seq for event in store.events(first.id, after=1)] == [2, 3]
        assert store.events(first.id, after=3) == []
        with pytest.raises(CaseNotFound):
            store.events("C-NOPE", after=1)

    @COSTLY
    @given(
        customer=strategies.customers(),
        incident=strategies.incidents(),
        text=strategies.texts(1),
        chosen=strategies.restriction_sets(),
        steps=st.integers(0, 10),
    )
    def test_replaying_a_history_reproduces_the_stored_case(
        self,
        store: Store,
        customer: Customer,
        incident: Incident,
        text: str,
        chosen: tuple[Restriction, ...],
        steps: int,
    ) -> None:
        """Whatever the lifecycle did, the stored events replay to the stored
        case, and the audit trail verifies."""
        clock = FrozenClock(START)
        casework = Casework(store, clock=clock)
        case = tell(casework, clock, customer, incident, text, chosen, steps)
        assert store.load(case.id) == case
        assert replay.replay(store.events(case.id)) == case
        assert casework.verify(case.id).problems == ()

    @COSTLY
    @given(case=strategies.cases(), stale=st.integers(0, 10))
    def test_a_stale_save_is_refused_and_writes_nothing(
        self, store: Store, case: Case, stale: int
    ) -> None:
        """A save whose expected version is not the stored one is ConcurrentUpdate,
        and the case, its events and the feed stay as they were."""
        case = saved(store, attrs.evolve(case, id=fresh_id()))
        expected = stale if stale != case.version else case.version + 1
        events, feed = store.events(case.id), store.events_since(0, 10**6)
        changed = attrs.evolve(case, version=expected + 1, issue="changed")
        with pytest.raises(ConcurrentUpdate) as refused:
            store.save(changed, history(changed, expected, events[-1]), expected)
        assert (refused.value.expected, refused.value.actual) == (expected, case.version)
        assert store.load(case.id) == case
        assert store.events(case.id) == events
        assert store.events_since(0, 10**6) == feed

    def test_a_stale_save_is_refused_before_its_events_are_checked(self, store: Store) -> None:
        """A stale save is ConcurrentUpdate even when its events are wrong too."""
        case = saved(store, example_case())
        with pytest.raises(ConcurrentUpdate):
            store.save(attrs.evolve(case, version=9), [], expected_version=0)

    def test_a_new_case_with_a_stored_id_is_a_concurrent_update(self, store: Store) -> None:
        """Saving a new case under an id already stored is ConcurrentUpdate."""
        case = saved(store, example_case())
        with pytest.raises(ConcurrentUpdate, match="is at version 1"):
            saved(store, attrs.evolve(case, issue="another issue"))
        assert store.load(case.id) == case

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (lambda case, events: (case, []), "at least one event"),
            (lambda case, events: (attrs.evolve(case, version=2), events), "does not follow"),
            (lambda case, events: (case, [attrs.evolve(events[0], seq=2)]), "does not continue"),
            (
                lambda case, events: (case, [attrs.evolve(events[0], case_id="C-OTHER")]),
                "does not continue",
            ),
        ],
        ids=["no events", "version not counting them", "seq skipped", "another case's event"],
    )
    def test_a_save_that_does_not_continue_the_history_is_refused(
        self,
        store: Store,
        change: Callable[[Case, list[AuditEvent]], tuple[Case, list[AuditEvent]]],
        message: str,
    ) -> None:
        """A save whose events do not continue the case's history is a StoreError
        naming the case, and nothing is written."""
        case = example_case()
        wrong_case, wrong_events = change(case, history(case))
        with pytest.raises(StoreError, match=message) as refused:
            store.save(wrong_case, wrong_events, expected_version=0)
        assert refused.value.case_id == case.id
        assert store.cases() == []
        assert store.events_since(0, 10) == []

    @pytest.mark.parametrize(
        ("name", "message"), [("Sam\x00Taylor", "NUL"), ("Sam\ud800", "lone surrogate")]
    )
    def test_text_a_database_cannot_keep_is_refused(
        self, store: Store, name: str, message: str
    ) -> None:
        """NUL cannot be stored by every database, and a lone surrogate is not
        text, so every store refuses them as InvalidInput naming the field,
        and writes nothing."""
        case = attrs.evolve(example_case(), customer=Customer("CRM-1", name))
        with pytest.raises(InvalidInput, match=message) as refused:
            saved(store, case)
        assert refused.value.field == "case.customer.name"
        assert store.cases() == []

    @pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=lambda text: repr(text[:12]))
    def test_hostile_text_round_trips_exactly(self, store: Store, text: str) -> None:
        """Quotes, SQL, right-to-left marks, emoji and long text come back
        exactly, and the audit trail still verifies."""
        casework = Casework(store, clock=FrozenClock(START))
        incident = Incident(Behaviour.THREATS, START, Channel.EMAIL, text)
        case = casework.report(Customer(text, text, text), text, [incident], by=MANAGER)
        case = casework.add_note(case.id, text, MANAGER)
        assert store.load(case.id) == case
        assert store.events(case.id)[1].data["text"] == text
        assert store.cases(customer_id=text) == [case]
        assert casework.verify(case.id).problems == ()

    @COSTLY
    @given(saves=st.lists(st.tuples(st.integers(0, 2), st.integers(1, 3)), min_size=1, max_size=8))
    def test_the_feed_is_gap_free_and_in_save_order(
        self, store: Store, saves: list[tuple[int, int]]
    ) -> None:
        """The feed numbers every saved event 1, 2, 3... with no gap, in the
        order the saves were made, across cases."""
        before = store.events_since(0, 10**6)
        assert [event.position for event in before] == list(range(1, len(before) + 1))
        cases: list[Case | None] = [None, None, None]
        expected: list[tuple[str, int]] = []
        for which, count in saves:
            found = cases[which]
            if found is None:
                case = attrs.evolve(example_case(), version=count)
                events = history(case)
            else:
                case = attrs.evolve(found, version=found.version + count)
                events = history(case, found.version, store.events(found.id)[-1])
            store.save(case, events, 0 if found is None else found.version)
            cases[which] = case
            expected += [(event.case_id, event.seq) for event in events]
        after = store.events_since(len(before), 10**6)
        assert [(event.case_id, event.seq) for event in after] == expected
        assert [event.position for event in after] == list(
            range(len(before) + 1, len(before) + len(expected) + 1)
        )

    def test_the_feed_pages_by_position_and_limit(self, store: Store) -> None:
        """Reading the feed a page at a time gives the same events as reading it
        at once; past the end it is empty."""
        for _ in range(3):
            case = attrs.evolve(example_case(), version=3)
            store.save(case, history(case), expected_version=0)
        whole = store.events_since(0, 100)
        pages = [store.events_since(start, 4) for start in range(0, 9, 4)]
        assert [len(page) for page in pages] == [4, 4, 1]
        assert [event for page in pages for event in page] == whole
        assert store.events_since(9, 10) == []

    @pytest.mark.parametrize(
        ("position", "limit", "field"),
        [(-1, 10, "position"), (0, 0, "limit"), (0, -5, "limit"), (True, 10, "position")],
    )
    def test_reading_the_feed_with_bad_arguments_is_invalid_input(
        self, store: Store, position: int, limit: int, field: str
    ) -> None:
        """A negative or non-integer position, or a limit below 1, is InvalidInput."""
        with pytest.raises(InvalidInput) as refused:
            store.events_since(position, limit)
        assert refused.value.field == field

    def test_cases_filter_by_state_and_customer_oldest_report_first(self, store: Store) -> None:
        """cases() keeps the cases matching every filter, oldest report first,
        ties in id order."""
        day = pendulum.duration(days=1)
        a = saved(store, example_case(CaseState.WARNED, "CRM-1", START + day, case_id="C-A"))
        b = saved(store, example_case(CaseState.REPORTED, "CRM-2", START, case_id="C-B"))
        c = saved(store, example_case(CaseState.WARNED, "CRM-2", START + day, case_id="C-C"))
        d = saved(store, example_case(CaseState.WARNED, "CRM-2", START - day, case_id="C-D"))
        assert store.cases() == [d, b, a, c]
        assert store.cases(state=CaseState.WARNED) == [d, a, c]
        assert store.cases(customer_id="CRM-2") == [d, b, c]
        assert store.cases(state=CaseState.REPORTED, customer_id="CRM-2") == [b]
        assert store.cases(state=CaseState.LIFTED) == []

    def test_due_reviews_lists_cases_in_force_due_by_the_date(self, store: Store) -> None:
        """due_reviews() keeps designated, under-review and appealed cases due on
        or before the date, longest overdue first, ties in id order."""
        due = pendulum.date(2100, 4, 30)
        a = saved(store, example_case(CaseState.DESIGNATED, review_due=due, case_id="C-A"))
        b = saved(store, example_case(CaseState.UNDER_REVIEW, review_due=due.subtract(days=30)))
        c = saved(store, example_case(CaseState.APPEALED, review_due=due, case_id="C-C"))
        saved(store, example_case(CaseState.DESIGNATED, review_due=due.add(days=1)))
        saved(store, example_case(CaseState.LIFTED, review_due=due.subtract(days=90)))
        assert store.due_reviews(due) == [b, a, c]
        assert store.due_reviews(due.subtract(days=1)) == [b]

    def test_another_store_on_the_same_database_sees_the_saves(
        self, store: Store, make_store: Callable[[], Store]
    ) -> None:
        """A second store object on the same database reads what the first saved."""
        case = saved(store, example_case())
        other = make_store()
        assert other.load(case.id) == case
        assert [event.position for event in other.events_since(0, 10)] == [1]
