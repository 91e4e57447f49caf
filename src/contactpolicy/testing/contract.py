"""The store contract: the tests every store passes, split the way the
protocols are.

- :class:`CaseStoreContract`: cases, the unit of work, command ids and the
  queries (:class:`~contactpolicy.stores.protocols.CaseStore`), with
  the cases an item waits on
  (:class:`~contactpolicy.testing.open_items_contract.OpenItemsContract`)
  and the pages of cases with their last events
  (:class:`~contactpolicy.testing.last_event_contract.CasesWithLastContract`);
- :class:`FeedContract`: the event feed (:class:`~contactpolicy.stores.protocols.EventFeed`);
- :class:`~contactpolicy.testing.contact_log_contract.ContactLogContract`:
  the contact log (:class:`~contactpolicy.stores.protocols.ContactLog`);
- :class:`StoreContract`: all three, for a whole
  :class:`~contactpolicy.stores.protocols.Store`, hostile values at every
  method, answered as a ``MemoryStore`` answers them, threads racing on one
  case (:mod:`~contactpolicy.testing.race_contract`), customer references
  matched exactly (:mod:`~contactpolicy.testing.reference_contract`) and
  command ids unique across the kinds of command
  (:mod:`~contactpolicy.testing.command_id_contract`);
- :class:`~contactpolicy.testing.race_contract.ProcessRaceContract`: the race
  across processes, for a store several processes may open.

Each part includes its table of bad calls from
:mod:`contactpolicy.testing.boundary_contract`: the same bad call is the
same ``InvalidInput`` on every store.

To test a store, subclass the contract in a test module under a name pytest
collects, and override the ``make_store`` fixture::

    class TestMyStore(StoreContract):
        @pytest.fixture
        def make_store(self, tmp_path):
            return lambda: MyStore(tmp_path / "cases")

The contracts themselves are not collected: their names do not start with
``Test``. The feed is filled by saving cases, so :class:`FeedContract` needs
a store with a unit of work too. Needs pytest and hypothesis.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy.audit import codec, replay
from contactpolicy.audit.events import GENESIS, AuditEvent, next_event
from contactpolicy.audit.keys import UNKEYED, AuditKeys
from contactpolicy.audit.verify import StoredTrail
from contactpolicy.casework import Casework
from contactpolicy.clock import FrozenClock
from contactpolicy.domain.contact import Contact
from contactpolicy.domain.model import Case, CaseSummary, Communication, Customer, Incident
from contactpolicy.domain.restrictions import CallLimit, CallTimeLimit, Restriction
from contactpolicy.domain.validation import derived_command_id
from contactpolicy.domain.vocabulary import Behaviour, CaseState, Channel
from contactpolicy.errors import (
    CaseNotFound,
    ConcurrentUpdate,
    InvalidInput,
    StoreDamaged,
)
from contactpolicy.stores.checks import LIMIT
from contactpolicy.stores.protocols import ERASED, AppliedCommand, Erasure, Store
from contactpolicy.testing import strategies
from contactpolicy.testing.boundary_contract import (
    CaseStoreBoundary,
    FeedBoundary,
    HostileCallsContract,
)
from contactpolicy.testing.command_id_contract import CommandIdContract
from contactpolicy.testing.contact_log_contract import ContactLogContract
from contactpolicy.testing.delivery_contract import DeliveryContract
from contactpolicy.testing.examples import (
    DECISION_MAKER,
    HOSTILE_TEXTS,
    MANAGER,
    RECORDS,
    START,
    as_kept,
    example_case,
    fresh_id,
    history,
    saved,
    tell,
)
from contactpolicy.testing.last_event_contract import CasesWithLastContract
from contactpolicy.testing.open_items_contract import OpenItemsContract
from contactpolicy.testing.purge_run_contract import PurgeRunContract
from contactpolicy.testing.race_contract import RaceContract
from contactpolicy.testing.read_log_contract import ReadLogContract
from contactpolicy.testing.reference_contract import CustomerReferenceContract

__all__ = ["CaseStoreContract", "FeedContract", "StoreContract"]

# Examples share the test's store, so each example uses case ids and customer
# references of its own (fresh_id): nothing an earlier example left, such as
# a customer's restrictions on another case, may change a later one; store
# calls do I/O, so no deadline; and every subclass runs the same test
# functions, so their failing examples are replayed for every store, which is
# what a contract wants.
PROPERTY = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.differing_executors],
)
COSTLY = settings(PROPERTY, max_examples=25)


def save(
    store: Store,
    case: Case,
    events: Sequence[AuditEvent],
    expected_version: int,
    command: AppliedCommand | None = None,
) -> None:
    """Save ``case`` and ``events`` in a unit of work of their own."""
    with store.unit_of_work() as work:
        work.save(case, events, expected_version, command)


def continued(store: Store, case: Case, count: int = 1) -> tuple[Case, list[AuditEvent]]:
    """``case`` ``count`` versions on, and the made-up events that take it there."""
    later = attrs.evolve(case, version=case.version + count)
    return later, history(later, case.version, store.trail(case.id)[1][-1])


def _save_signed(store: Store, key_ids: Sequence[str | None]) -> Case:
    """A new case saved with one made-up note event per key id given, each
    signed with a key under that id (unsigned for ``None``)."""
    case = attrs.evolve(example_case(), version=len(key_ids))
    events: list[AuditEvent] = []
    for key_id in key_ids:
        keys = UNKEYED if key_id is None else AuditKeys.of({key_id: key_id.encode() * 16})
        before = events[-1] if events else None
        data = {"text": "a note", "state": case.state.value}
        events.append(
            next_event(before, case.id, "add_note", case.reported_at, "manager", data, keys=keys)
        )
    save(store, case, events, expected_version=0)
    return case


def applied(store: Store, command_id: str) -> AppliedCommand | None:
    """The command saved under ``command_id``, read in a unit of work."""
    with store.unit_of_work() as work:
        return work.applied(command_id)


class CaseStoreContract(CaseStoreBoundary, OpenItemsContract, CasesWithLastContract):
    """The behaviour every :class:`~contactpolicy.stores.protocols.CaseStore` shares.

    Subclasses override the ``make_store`` fixture; each test starts from an
    empty database. The examples hypothesis draws for one test share that
    database, so each example saves cases and customers of its own and
    asks only about them.
    """

    def test_a_new_store_is_empty(self, store: Store) -> None:
        """A new store has no cases, no reviews due and no decision awaiting
        communication."""
        assert store.cases() == []
        assert store.due_reviews(pendulum.date(2100, 1, 1)) == []
        assert store.not_communicated() == []
        assert store.not_informed() == []
        assert store.with_open_items() == []

    def test_an_unknown_case_is_not_found(self, store: Store) -> None:
        """Loading an unknown case, its trail, or loading it in a unit of work,
        is CaseNotFound naming it."""
        with pytest.raises(CaseNotFound, match="'C-UNKNOWN'"):
            store.load("C-UNKNOWN")
        with pytest.raises(CaseNotFound, match="'C-UNKNOWN'"):
            store.trail("C-UNKNOWN")
        with pytest.raises(CaseNotFound, match="'C-UNKNOWN'"), store.unit_of_work() as work:
            work.load("C-UNKNOWN")

    @PROPERTY
    @given(case=strategies.cases())
    def test_a_saved_case_loads_equal(self, store: Store, case: Case) -> None:
        """Every case shape comes back from the store exactly as it was saved,
        by load, by its trail and in a unit of work."""
        case = saved(store, as_kept(attrs.evolve(case, id=fresh_id())))
        assert store.load(case.id) == case
        assert store.trail(case.id)[0] == case
        with store.unit_of_work() as work:
            assert work.load(case.id)[0] == case

    def test_the_trail_is_the_case_and_its_events_with_feed_positions(self, store: Store) -> None:
        """trail() gives the case and its events as saved, in order, each
        numbered by its feed position."""
        first = saved(store, example_case())
        later, events = continued(store, first, 2)
        save(store, later, events, expected_version=1)
        whole = history(first) + events
        assert store.trail(first.id) == (
            later,
            [attrs.evolve(event, position=position) for position, event in enumerate(whole, 1)],
        )

    def test_a_unit_of_work_loads_the_case_and_the_event_it_ends_with(self, store: Store) -> None:
        """work.load() gives the case and its last event, feed position
        included, which a command continues the hash chain from."""
        first = saved(store, example_case())
        later, events = continued(store, first, 2)
        save(store, later, events, expected_version=1)
        with store.unit_of_work() as work:
            assert work.load(first.id) == (later, attrs.evolve(events[-1], position=3))

    def test_a_unit_of_work_left_by_an_exception_writes_nothing(self, store: Store) -> None:
        """A block that raises after saving rolls the save back: the case,
        its trail and the command id are as they were."""
        case = saved(store, example_case())
        later, events = continued(store, case)
        command = AppliedCommand("cmd-rolled-back", case.id, "fp")

        def refuse_after_saving() -> None:
            with store.unit_of_work() as work:
                work.save(later, events, case.version, command)
                raise RuntimeError("refused")

        with pytest.raises(RuntimeError, match="refused"):
            refuse_after_saving()
        assert store.trail(case.id) == (case, [attrs.evolve(history(case)[0], position=1)])
        assert applied(store, "cmd-rolled-back") is None

    def test_a_loaded_case_is_saved_in_the_same_unit_of_work(self, store: Store) -> None:
        """Loading and saving in one unit of work changes the case once."""
        case = saved(store, example_case())
        with store.unit_of_work() as work:
            loaded, last = work.load(case.id)
            later = attrs.evolve(loaded, version=2, issue="changed")
            work.save(later, history(later, 1, last), expected_version=1)
        assert store.load(case.id) == later

    def test_reads_inside_the_thread_s_unit_of_work_answer_as_outside(self, store: Store) -> None:
        """Every read of a case answers on the thread that holds a unit of
        work open as it answers outside one, and leaves the unit of work
        whole: a command weighs the customer's other cases in its unit of
        work (``customer_cases`` and ``missing_cases``, for the
        ``no_channel_left`` check, 5.1), so a read that began a transaction
        of its own there would refuse the command, and one that ended the
        unit's transaction would let a refused command write."""
        day = pendulum.duration(days=1)
        first = saved(store, example_case(CaseState.WARNED, "CRM-2", START, case_id="C-A"))
        saved(store, example_case(CaseState.REPORTED, "CRM-2", START + day, case_id="C-B"))

        def reads() -> list[object]:
            return [
                store.load(first.id),
                store.trail(first.id),
                store.cases(customer_id="CRM-2"),
                store.cases(customer_id="CRM-2", after="C-A", limit=1),
                store.customer_cases("CRM-2"),
                store.cases_with_last(CaseState.WARNED),
                store.cases_with_last(after="C-A", limit=1),
                store.summaries(customer_id="CRM-2"),
                store.missing_cases("CRM-2"),
                store.due_reviews(pendulum.date(2100, 1, 1)),
                store.not_communicated(),
                store.not_informed(),
                store.with_open_items(),
            ]

        outside = reads()
        trail = store.trail(first.id)
        later, events = continued(store, first)

        def refuse_after_reading() -> None:
            with store.unit_of_work() as work:
                work.load(first.id)
                assert reads() == outside
                work.save(later, events, first.version)
                raise RuntimeError("refused")

        with pytest.raises(RuntimeError, match="refused"):
            refuse_after_reading()
        assert reads() == outside
        with store.unit_of_work() as work:
            work.load(first.id)
            assert reads() == outside
            work.save(later, events, first.version)
        assert store.trail(first.id) == (later, [*trail[1], attrs.evolve(events[0], position=3)])

    @COSTLY
    @given(
        customer=strategies.customers(),
        incident=strategies.incidents(),
        text=strategies.issues(),
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
        case, and the audit trail verifies. The customer is one of the
        example's own: restrictions an earlier example left on the same
        customer's other case could otherwise leave no channel (5.1). The
        story starts the day after the drawn incident, which is recorded no
        further back than the policy keeps anything (7.2, 7.4). The text,
        the case's issue as well as its notes and reasons, is one the rule
        of every issue accepts (6.2)."""
        clock = FrozenClock(incident.occurred_at.add(days=1))
        casework = Casework(store, clock=clock)
        customer = attrs.evolve(customer, id=fresh_id())
        case = tell(casework, clock, customer, incident, text, chosen, steps)
        assert store.load(case.id) == case
        assert replay.replay(store.trail(case.id)[1]) == case
        assert casework.verify(case.id).problems == ()

    @COSTLY
    @given(case=strategies.cases(), stale=st.integers(0, 10))
    def test_a_stale_save_is_refused_and_writes_nothing(
        self, store: Store, case: Case, stale: int
    ) -> None:
        """A save whose expected version is not the stored one is ConcurrentUpdate,
        and the case and its events stay as they were."""
        case = saved(store, attrs.evolve(case, id=fresh_id()))
        expected = stale if stale != case.version else case.version + 1
        trail = store.trail(case.id)
        changed = attrs.evolve(case, version=expected + 1, issue="changed")
        with pytest.raises(ConcurrentUpdate) as refused:
            save(store, changed, history(changed, expected, trail[1][-1]), expected)
        assert (refused.value.expected, refused.value.actual) == (expected, case.version)
        assert store.trail(case.id) == trail

    def test_a_stale_save_is_refused_before_its_events_are_checked(self, store: Store) -> None:
        """A stale save is ConcurrentUpdate even when its events are wrong too."""
        case = saved(store, example_case())
        with pytest.raises(ConcurrentUpdate):
            save(store, attrs.evolve(case, version=9), [], expected_version=0)

    def test_a_new_case_with_a_stored_id_is_a_concurrent_update(self, store: Store) -> None:
        """Saving a new case under an id already stored is ConcurrentUpdate."""
        case = saved(store, example_case())
        with pytest.raises(ConcurrentUpdate, match="is at version 1"):
            saved(store, attrs.evolve(case, issue="another issue"))
        assert store.load(case.id) == case

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (lambda case, _events: (case, []), "at least one event"),
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
        """A save whose events do not continue the case's history is
        StoreDamaged naming the case, and nothing is written."""
        case = example_case()
        wrong_case, wrong_events = change(case, history(case))
        with pytest.raises(StoreDamaged, match=message) as refused:
            save(store, wrong_case, wrong_events, expected_version=0)
        assert refused.value.case_id == case.id
        assert store.cases() == []

    @pytest.mark.parametrize(
        ("name", "message"), [("Sam\x00Taylor", "NUL"), ("Sam\ud800", "lone surrogate")]
    )
    def test_text_a_database_cannot_keep_is_refused(
        self, store: Store, name: str, message: str
    ) -> None:
        """NUL cannot be stored by every database, and a lone surrogate is not
        text, so every store refuses them as InvalidInput naming where they
        are, and writes nothing."""
        case = example_case()
        event = next_event(None, case.id, "report", START, MANAGER.id, {})
        event = attrs.evolve(event, data={"customer": {"id": "CRM-1", "name": name}})
        with pytest.raises(InvalidInput, match=message) as refused:
            save(store, case, [event], expected_version=0)
        assert refused.value.field == "event 1.customer.name"
        assert store.cases() == []

    @pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=lambda text: repr(text[:12]))
    def test_hostile_text_round_trips_exactly(self, store: Store, text: str) -> None:
        """Quotes, SQL, right-to-left marks, emoji and long text come back
        exactly (a customer id as much of it as an id may hold), and the
        audit trail still verifies."""
        casework = Casework(store, clock=FrozenClock(START))
        incident = Incident(Behaviour.THREATS, START, Channel.EMAIL, text)
        customer = Customer("CRM-1", text, text)
        case = casework.report(customer, "council tax", [incident], by=MANAGER)
        case = casework.add_note(case.id, text, MANAGER)
        assert store.load(case.id) == case
        assert store.trail(case.id)[1][1].data["text"] == text
        assert store.cases(customer_id="CRM-1") == [case]
        assert casework.verify(case.id).problems == ()

    def test_a_command_id_is_kept_with_its_event(self, store: Store) -> None:
        """A save under a command id is found by it, with its case and
        fingerprint; an id never used is not."""
        case = example_case()
        save(store, case, history(case), 0, AppliedCommand("cmd-1", case.id, "report:abc"))
        assert applied(store, "cmd-1") == AppliedCommand("cmd-1", case.id, "report:abc")
        assert applied(store, "cmd-2") is None

    def test_a_command_id_already_used_is_invalid_input_and_writes_nothing(
        self, store: Store
    ) -> None:
        """A second save under an id already used, on any case, is
        InvalidInput for command_id, and nothing of it is written."""
        first = example_case()
        save(store, first, history(first), 0, AppliedCommand("cmd-1", first.id, "a"))
        later, events = continued(store, first)
        other = example_case()
        for case, events_, expected in ((later, events, 1), (other, history(other), 0)):
            with pytest.raises(InvalidInput) as refused:
                save(store, case, events_, expected, AppliedCommand("cmd-1", case.id, "b"))
            assert refused.value.field == "command_id"
        assert store.cases() == [first]
        assert store.load(first.id) == first
        assert applied(store, "cmd-1") == AppliedCommand("cmd-1", first.id, "a")

    def test_saves_without_a_command_id_are_many(self, store: Store) -> None:
        """Command ids are optional: any number of saves may go without one."""
        cases = [saved(store, example_case()) for _ in range(3)]
        later, events = continued(store, cases[0])
        save(store, later, events, 1)
        assert len(store.cases()) == 3

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

    def test_customer_cases_come_each_with_its_last_event(self, store: Store) -> None:
        """customer_cases() lists the customer's cases as cases() does for
        them, oldest report first, each with the event its history ends
        with; a customer with no case has none."""
        day = pendulum.duration(days=1)
        b = saved(store, example_case(CaseState.REPORTED, "CRM-2", START, case_id="C-B"))
        saved(store, example_case(CaseState.WARNED, "CRM-1", START - day, case_id="C-A"))
        c = saved(store, example_case(CaseState.WARNED, "CRM-2", START - day, case_id="C-C"))
        later, events = continued(store, b, 2)
        save(store, later, events, 1)
        found = store.customer_cases("CRM-2")
        assert found == [(c, store.trail("C-C")[1][-1]), (later, store.trail("C-B")[1][-1])]
        assert [(case.id, last.seq) for case, last in found] == [("C-C", 1), ("C-B", 3)]
        assert store.customer_cases("CRM-9") == []

    def test_customer_cases_come_with_their_notes(self, store: Store) -> None:
        """A case listed by customer_cases() holds its notes, as load() does."""
        casework = Casework(store, clock=FrozenClock(START))
        incident = Incident(Behaviour.THREATS, START, Channel.EMAIL, "Shouted.")
        case = casework.report(Customer("CRM-5", "A", "B"), "bins", [incident], by=MANAGER)
        case = casework.add_note(case.id, "Called again.", MANAGER)
        assert store.customer_cases("CRM-5") == [(case, store.trail(case.id)[1][-1])]
        assert [note.text for note in store.customer_cases("CRM-5")[0][0].notes] == [
            "Called again."
        ]

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

    def test_cases_come_a_page_at_a_time(self, store: Store) -> None:
        """``limit`` keeps the first cases of the listing and ``after`` starts
        after the case it names, filters and all; the pages together are
        the whole listing."""
        day = pendulum.duration(days=1)
        made = [
            saved(store, example_case(state, customer, START + day * n, case_id=f"C-{n}"))
            for n, (state, customer) in enumerate(
                [(CaseState.WARNED, "CRM-1"), (CaseState.REPORTED, "CRM-2")] * 3
            )
        ]
        assert store.cases(limit=4) == made[:4]
        assert store.cases(after="C-3", limit=4) == made[4:]
        assert store.cases(after="C-5") == []
        assert store.cases(CaseState.WARNED, after="C-0", limit=1) == [made[2]]
        assert store.cases(customer_id="CRM-2", after="C-1") == [made[3], made[5]]
        assert store.cases(CaseState.REPORTED, "CRM-2", after="C-3") == [made[5]]

    @COSTLY
    @given(
        reported=st.lists(st.integers(0, 5), min_size=0, max_size=8),
        limit=st.integers(1, 4),
    )
    def test_pages_joined_are_the_whole_listing(
        self, store: Store, reported: list[int], limit: int
    ) -> None:
        """Following ``after`` from page to page lists every case once, in
        order, whatever the report times (ties included) and the page size."""
        customer = fresh_id()
        for days in reported:
            at = START + pendulum.duration(days=days)
            saved(store, example_case(customer_id=customer, reported_at=at))
        whole = store.cases(customer_id=customer)
        pages: list[Case] = []
        page = store.cases(customer_id=customer, limit=limit)
        while page:
            assert len(page) <= limit
            pages += page
            page = store.cases(customer_id=customer, after=page[-1].id, limit=limit)
        assert pages == whole
        assert len(whole) == len(reported)

    def test_a_summary_holds_what_a_listing_shows_of_the_case(self, store: Store) -> None:
        """summaries() gives each case's id, customer, state, report time,
        review date while restrictions are in force, and issue."""
        due = pendulum.date(2100, 4, 30)
        saved(store, example_case(CaseState.DESIGNATED, "CRM-7", START, due, case_id="C-D"))
        saved(store, example_case(CaseState.LIFTED, "CRM-7", START.add(days=1), due, "C-L"))
        assert store.summaries() == [
            CaseSummary(
                "C-D", "CRM-7", "Sam Taylor", CaseState.DESIGNATED, START, due, "council tax"
            ),
            CaseSummary(
                "C-L",
                "CRM-7",
                "Sam Taylor",
                CaseState.LIFTED,
                START.add(days=1),
                None,
                "council tax",
            ),
        ]

    def test_a_summary_holds_the_last_day_decided_for_the_restrictions(self, store: Store) -> None:
        """summaries() gives the last day of their own the restrictions in
        force were decided to end on (6.4), none once they are lifted, so a
        listing says restrictions that ended before their review day ended,
        not lapsed (7.2)."""
        due, last = pendulum.date(2100, 4, 30), pendulum.date(2100, 1, 31)
        for state, case_id, reported in [
            (CaseState.DESIGNATED, "C-E", START),
            (CaseState.LIFTED, "C-L", START.add(days=1)),
        ]:
            case = example_case(state, "CRM-7", reported, due, case_id)
            assert case.designation is not None
            designation = attrs.evolve(case.designation, ends_on=last)
            decisions = tuple(attrs.evolve(each, ends_on=last) for each in case.decisions[:1])
            saved(
                store,
                attrs.evolve(
                    case, designation=designation, decisions=decisions + case.decisions[1:]
                ),
            )
        after = pendulum.datetime(2100, 5, 1, 10, tz="Europe/London")
        assert [
            (each.id, each.ends_on, each.lapsed(after), each.ended_before_review(after.date()))
            for each in store.summaries()
        ] == [("C-E", last, False, last), ("C-L", None, False, None)]

    def test_summaries_filter_and_page_as_cases_do(self, store: Store) -> None:
        """For every filter and page, summaries() summarises exactly the cases
        cases() lists for the same arguments, in the same order."""
        day = pendulum.duration(days=1)
        for n, (state, customer) in enumerate(
            [(CaseState.WARNED, "CRM-1"), (CaseState.REPORTED, "CRM-2")] * 3
        ):
            saved(store, example_case(state, customer, START + day * n, case_id=f"C-{n}"))
        asked: list[tuple[CaseState | None, str | None, str | None, int | None]] = [
            (None, None, None, None),
            (None, None, None, 4),
            (None, None, "C-3", 4),
            (None, None, "C-5", None),
            (CaseState.WARNED, None, "C-0", 1),
            (None, "CRM-2", "C-1", None),
            (CaseState.REPORTED, "CRM-2", "C-3", None),
            (CaseState.LIFTED, None, None, None),
        ]
        for wanted, customer_id, after, limit in asked:
            listed = store.cases(wanted, customer_id, after=after, limit=limit)
            summaries = store.summaries(wanted, customer_id, after=after, limit=limit)
            assert summaries == [CaseSummary.of(case) for case in listed]
        assert [summary.id for summary in store.summaries(after="C-3", limit=4)] == ["C-4", "C-5"]

    @COSTLY
    @given(case=strategies.cases())
    def test_any_case_is_summarised_as_it_was_saved(self, store: Store, case: Case) -> None:
        """Every case shape, with any text in its name and issue, reads back
        from summaries() as the summary of the case saved."""
        case = attrs.evolve(
            case, id=fresh_id(), customer=attrs.evolve(case.customer, id=fresh_id())
        )
        case = saved(store, as_kept(case))
        assert store.summaries(customer_id=case.customer.id) == [CaseSummary.of(case)]

    def test_paging_after_an_unknown_case_is_case_not_found(self, store: Store) -> None:
        """``after`` must name a stored case, for cases() and summaries() alike."""
        with pytest.raises(CaseNotFound, match="'C-GONE'"):
            store.cases(after="C-GONE")
        with pytest.raises(CaseNotFound, match="'C-GONE'"):
            store.summaries(after="C-GONE")

    def test_not_communicated_lists_decisions_in_force_not_yet_sent(self, store: Store) -> None:
        """Cases with a decision not recorded as communicated (6.3, 7.4) are
        listed, the oldest such decision first; a case whose decisions were
        all communicated is not."""
        due = pendulum.date(2100, 4, 30)
        hour = pendulum.duration(hours=1)
        cases = {
            state: example_case(state, review_due=due, reported_at=START + hour * n)
            for n, state in enumerate(
                [CaseState.APPEALED, CaseState.DESIGNATED, CaseState.UNDER_REVIEW, CaseState.LIFTED]
            )
        }
        for case in cases.values():
            saved(store, case)
        designated = cases[CaseState.DESIGNATED]
        told = Communication(START, Channel.LETTER, "records")
        sent = attrs.evolve(
            designated,
            id=fresh_id(),
            decisions=tuple(
                attrs.evolve(decision, communicated=told) for decision in designated.decisions
            ),
        )
        saved(store, sent)
        assert store.not_communicated() == [
            cases[CaseState.APPEALED],
            cases[CaseState.DESIGNATED],
            cases[CaseState.UNDER_REVIEW],
        ]

    def test_not_informed_lists_every_decision_managers_were_not_told_of(
        self, store: Store
    ) -> None:
        """Cases in any state whose latest decision the managers are not
        recorded as told of (9.1), a lift included, are listed, the oldest
        decision first; recording who was told takes a case off the list,
        and a later decision puts it back."""
        clock = FrozenClock(START)
        casework = Casework(store, clock=clock)
        customer = Customer("CRM-7", "Sam Taylor")
        incident = Incident(Behaviour.THREATS, START, Channel.TELEPHONE, "Shouted threats.")
        designated = tell(casework, clock, customer, incident, "calls", (CallTimeLimit(10),), 4)
        lifted = tell(casework, clock, customer, incident, "parking", (CallTimeLimit(5),), 10)
        assert lifted.state is CaseState.LIFTED
        assert store.not_informed() == [store.load(designated.id), lifted]
        told = casework.record_informed(lifted.id, RECORDS, ["Jo Smith"])
        told = casework.record_informed(designated.id, RECORDS, ["Jo Smith"])
        assert store.not_informed() == []
        clock.advance(days=1)
        ended = casework.lift(told.id, DECISION_MAKER, "No longer needed.")
        assert store.not_informed() == [ended]

    def test_recording_the_communication_takes_a_case_off_the_list(self, store: Store) -> None:
        """Once the lifecycle records the decision as communicated, the case
        no longer awaits it."""
        clock = FrozenClock(START)
        casework = Casework(store, clock=clock)
        customer = Customer("CRM-7", "Sam Taylor")
        incident = Incident(Behaviour.THREATS, START, Channel.TELEPHONE, "Shouted threats.")
        case = tell(casework, clock, customer, incident, "calls", (CallTimeLimit(10),), 4)
        assert store.not_communicated() == [case]
        casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
        assert store.not_communicated() == []


class FeedContract(FeedBoundary):
    """The behaviour every :class:`~contactpolicy.stores.protocols.EventFeed`
    shares; the feed is filled by saving cases."""

    def test_a_new_feed_is_empty(self, store: Store) -> None:
        """A new store's feed has no events."""
        assert store.events_since(0, 10) == []

    @COSTLY
    @given(saves=st.lists(st.tuples(st.integers(0, 2), st.integers(1, 3)), min_size=1, max_size=8))
    def test_the_feed_is_gap_free_and_in_save_order(
        self, store: Store, saves: list[tuple[int, int]]
    ) -> None:
        """The feed numbers every saved event 1, 2, 3... with no gap, in the
        order the saves were made, across cases."""
        before = store.events_since(0, LIMIT)
        assert [event.position for event in before] == list(range(1, len(before) + 1))
        cases: list[Case | None] = [None, None, None]
        expected: list[tuple[str, int]] = []
        for which, count in saves:
            found = cases[which]
            if found is None:
                case = attrs.evolve(example_case(), version=count)
                events = history(case)
            else:
                case, events = continued(store, found, count)
            save(store, case, events, 0 if found is None else found.version)
            cases[which] = case
            expected += [(event.case_id, event.seq) for event in events]
        after = store.events_since(len(before), LIMIT)
        assert [(event.case_id, event.seq) for event in after] == expected
        assert [event.position for event in after] == list(
            range(len(before) + 1, len(before) + len(expected) + 1)
        )

    def test_a_refused_save_leaves_the_feed_as_it_was(self, store: Store) -> None:
        """A stale save writes no event to the feed."""
        case = saved(store, example_case())
        feed = store.events_since(0, 10)
        later, events = continued(store, case)
        with pytest.raises(ConcurrentUpdate):
            save(store, later, events, expected_version=0)
        assert store.events_since(0, 10) == feed

    def test_the_feed_pages_by_position_and_limit(self, store: Store) -> None:
        """Reading the feed a page at a time gives the same events as reading it
        at once; past the end it is empty."""
        for _ in range(3):
            case = attrs.evolve(example_case(), version=3)
            save(store, case, history(case), expected_version=0)
        whole = store.events_since(0, 100)
        pages = [store.events_since(start, 4) for start in range(0, 9, 4)]
        assert [len(page) for page in pages] == [4, 4, 1]
        assert [event for page in pages for event in page] == whole
        assert store.events_since(9, 10) == []

    def test_the_head_is_the_feed_s_last_event(self, store: Store) -> None:
        """The head (what a seal records) is (0, GENESIS) for an empty feed,
        then the position and hash of the last event saved; a unit of work
        gives the same hash as the one its next event chains to."""
        assert store.head() == (0, GENESIS)
        with store.unit_of_work() as work:
            assert work.feed_head() == GENESIS
        saved(store, example_case())
        case = saved(store, attrs.evolve(example_case(), version=2))
        last = store.trail(case.id)[1][-1]
        assert store.head() == (3, last.hash)
        with store.unit_of_work() as work:
            assert work.feed_head() == last.hash

    def test_the_newest_key_id_is_that_of_the_newest_signed_event(self, store: Store) -> None:
        """No event signed: ``None``; then the key id of the newest event
        signed with a key, whatever unsigned events follow it (7.4)."""
        assert store.newest_key_id() is None
        saved(store, attrs.evolve(example_case(), version=2))
        assert store.newest_key_id() is None
        _save_signed(store, ["2026", "2026"])
        saved(store, attrs.evolve(example_case(), version=3))
        assert store.newest_key_id() == "2026"
        _save_signed(store, ["2027"])
        assert store.newest_key_id() == "2027"

    def test_the_events_signed_under_a_key_id_are_the_latest_first(self, store: Store) -> None:
        """``signed_events`` gives the latest events signed under the key id,
        the latest first, as the feed holds them (positions included), at
        most ``limit`` of them; none for a key id nothing is signed under."""
        _save_signed(store, ["2026", None, "2026", "2027", "2026"])
        feed = store.events_since(0, LIMIT)
        assert [event.position for event in store.signed_events("2026", 5)] == [5, 3, 1]
        assert store.signed_events("2026", 2) == [feed[4], feed[2]]
        assert store.signed_events("2027", 5) == [feed[3]]
        assert store.signed_events("2028", 5) == []

    def test_a_signed_event_far_back_is_found(self, store: Store) -> None:
        """The one signed event of a feed whose 1,500 later events are not
        signed is found, however far back it is: an indexed read, not a
        walk back along the feed."""
        _save_signed(store, ["2026"])
        case = attrs.evolve(example_case(), version=1_500)
        save(store, case, history(case), expected_version=0)
        first = store.events_since(0, 1)
        assert (store.newest_key_id(), store.signed_events("2026", 5)) == ("2026", first)

    @COSTLY
    @given(key_ids=st.lists(st.sampled_from([None, "2026", "2027"]), min_size=1, max_size=12))
    def test_the_signed_events_are_the_feed_s_filtered(
        self, store: Store, key_ids: list[str | None]
    ) -> None:
        """Whatever events were signed under whichever key ids, in whatever
        order: the newest key id is that of the last signed event of the
        feed, and the events signed under a key id are the feed's events
        under it, the latest first, cut to the limit."""
        _save_signed(store, key_ids)
        feed = store.events_since(0, LIMIT)
        signed = [event.key_id for event in feed if event.key_id is not None]
        assert store.newest_key_id() == (signed[-1] if signed else None)
        for key_id in ("2026", "2027"):
            under = [event for event in reversed(feed) if event.key_id == key_id]
            assert store.signed_events(key_id, 3) == under[:3]
            assert store.signed_events(key_id, LIMIT) == under

    def test_an_audit_scan_reads_every_case_in_id_order(self, store: Store) -> None:
        """The scan for verify_all gives every case's trail, by case id, with
        nothing found wrong in rows the store wrote, and the feed's counter."""
        cases = [saved(store, attrs.evolve(example_case(), version=2)) for _ in range(3)]
        with store.audit_scan() as scan:
            trails = list(scan.trails())
            assert scan.feed_end() == 6
        assert trails == [
            StoredTrail(case.id, case, tuple(store.trail(case.id)[1]))
            for case in sorted(cases, key=lambda case: case.id)
        ]


class StoreContract(
    CaseStoreContract,
    FeedContract,
    ContactLogContract,
    DeliveryContract,
    ReadLogContract,
    HostileCallsContract,
    RaceContract,
    CustomerReferenceContract,
    PurgeRunContract,
    CommandIdContract,
):
    """The behaviour every :class:`~contactpolicy.stores.protocols.Store` shares:
    all four parts of the contract (the delivery log's is
    :class:`~contactpolicy.testing.delivery_contract.DeliveryContract`, the
    read log's :class:`~contactpolicy.testing.read_log_contract.ReadLogContract`), two
    store objects on one database,
    threads racing on one store (:mod:`~contactpolicy.testing.race_contract`)
    and customer references matched exactly
    (:mod:`~contactpolicy.testing.reference_contract`), purge runs kept
    under their command ids with their erasures
    (:mod:`~contactpolicy.testing.purge_run_contract`), and command ids
    unique in the whole store, whatever the kind of command
    (:mod:`~contactpolicy.testing.command_id_contract`).
    """

    def test_a_stored_trail_is_the_trail_with_nothing_found(self, store: Store) -> None:
        """A case as the store wrote it reads for verification as its trail,
        with no problem; an unknown case is CaseNotFound."""
        case = saved(store, attrs.evolve(example_case(), version=3))
        assert store.stored_trail(case.id) == StoredTrail(
            case.id, case, tuple(store.trail(case.id)[1])
        )
        with pytest.raises(CaseNotFound):
            store.stored_trail(fresh_id())

    def test_contacts_decided_at_once_are_counted_against_each_other(self, store: Store) -> None:
        """Six calls decided at the same moment from six threads under a
        limit of one call a day: exactly one is allowed (5.1), because each
        decision reads the log and adds to it holding the customer's log."""
        clock = FrozenClock(START)
        casework = Casework(store, clock=clock)
        customer = Customer(fresh_id(), "Sam Taylor")
        incident = Incident(Behaviour.THREATS, START, Channel.TELEPHONE, "Shouted.")
        limit = (CallLimit(1, pendulum.duration(days=1)),)
        tell(casework, clock, customer, incident, "calls", limit, 5)
        call = Contact(Channel.TELEPHONE, clock.now())
        start = threading.Barrier(6)
        allowed: list[bool] = []

        def decide() -> None:
            start.wait()
            allowed.append(casework.decide_contact(customer.id, call).allowed)

        threads = [threading.Thread(target=decide) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(allowed) == [False] * 5 + [True]
        assert len(store.contacts(customer.id)) == 6

    def test_a_purge_erases_the_text_and_the_record_still_verifies(self, store: Store) -> None:
        """7.2: a closed case past retention and its customer's contacts
        lose their personal text, in the store's rows, while the case, its
        events' positions and digests stay and verify_all passes; another
        customer's open case is untouched."""
        clock = FrozenClock(START)
        casework = Casework(store, clock=clock, audit_key=b"a council's audit key, 32 bytes!")
        incident = Incident(Behaviour.THREATS, START, Channel.TELEPHONE, "Quuxworth shouted.")
        gone = casework.report(Customer(fresh_id(), "Zeb Quuxworth"), "rent", [incident], MANAGER)
        casework.decide_contact(
            gone.customer.id, Contact(Channel.TELEPHONE, START, issue="Quuxworth")
        )
        casework.decide_no_action(gone.id, DECISION_MAKER, "Quuxworth settled.")
        # The customer told of it: nothing owed waits on the case, or a
        # purge would hold it.
        gone = casework.record_communicated(gone.id, RECORDS, START, Channel.LETTER)
        kept = casework.report(Customer(fresh_id(), "Kit Keeper"), "rent", [incident], MANAGER)
        before = store.trail(gone.id)[1]
        clock.advance(months=24, days=1)
        report = casework.purge(by=RECORDS)
        assert (report.cases, report.contacts) == (1, 1)
        case, events = store.trail(gone.id)
        held = codec.dumps(case) + "".join(codec.dumps(event) for event in events)
        held += "".join(codec.dumps(entry) for entry in store.contacts(gone.customer.id))
        assert "Quuxworth" not in held
        assert [(e.position, e.hash) for e in events[:-1]] == [(e.position, e.hash) for e in before]
        assert events[-1].kind == "purge"
        with store.unit_of_work() as work:
            applied = work.applied(derived_command_id("purge", report.run_id, gone.id))
        assert applied == AppliedCommand(
            derived_command_id("purge", report.run_id, gone.id), gone.id, ERASED
        )
        assert store.load(kept.id) == kept
        checked = casework.verify_all()
        assert (checked.ok, checked.problems) == (True, ())

    def test_an_erasure_of_a_case_changed_since_is_refused_and_writes_nothing(
        self, store: Store
    ) -> None:
        """An erasure made from a case that has changed since (a note added)
        is ConcurrentUpdate, and one whose events are not the stored ones
        StoreDamaged; neither writes anything."""
        case = saved(store, attrs.evolve(example_case(), version=2))
        case_now, events = store.trail(case.id)
        stale = Erasure(attrs.evolve(case_now, version=1), tuple(events[:1]))
        with pytest.raises(ConcurrentUpdate):
            store.erase([stale], [])
        edited = attrs.evolve(events[1], hash="0" * 64)
        with pytest.raises(StoreDamaged):
            store.erase([Erasure(case_now, (events[0], edited))], [])
        assert store.trail(case.id) == (case_now, events)

    def test_another_store_on_the_same_database_sees_the_saves(
        self, store: Store, make_store: Callable[[], Store]
    ) -> None:
        """A second store object on the same database reads what the first saved."""
        case = saved(store, example_case())
        other = make_store()
        assert other.load(case.id) == case
        assert [event.position for event in other.events_since(0, 10)] == [1]
        other.close()
