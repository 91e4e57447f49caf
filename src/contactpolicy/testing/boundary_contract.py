"""The store contract's boundary: every store refuses the same bad call with
the same typed error, and writes nothing when it refuses.

Each part of the contract takes the part of the boundary that matches it:
:class:`CaseStoreBoundary` (cases, the unit of work, the queries),
:class:`FeedBoundary` (the event feed) and :class:`ContactLogBoundary` (the
contact log); :class:`HostileCallsContract`, part of
:class:`~contactpolicy.testing.contract.StoreContract`, calls every public
method with hostile values and holds the store to what ``MemoryStore`` does
with them. Needs pytest and hypothesis.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import attrs
import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy.domain.contact import Contact, ContactDecision, LoggedContact
from contactpolicy.domain.model import Case
from contactpolicy.domain.validation import IDENTIFIER_LENGTH
from contactpolicy.domain.vocabulary import CaseState, Channel
from contactpolicy.errors import InvalidInput, PolicyError
from contactpolicy.stores.checks import LIMIT
from contactpolicy.stores.memory import MemoryStore
from contactpolicy.stores.protocols import AppliedCommand, Store
from contactpolicy.testing.examples import START, example_case, history, saved
from contactpolicy.testing.store_fixtures import StoreFixtures

__all__ = [
    "CaseStoreBoundary",
    "ContactLogBoundary",
    "FeedBoundary",
    "HostileCallsContract",
]

LONG_ID = "C" * (IDENTIFIER_LENGTH + 1)
"""An identifier one character longer than any store keeps."""

Call = Callable[[Store], object]


def _in_unit_of_work(act: Callable[[Any], object]) -> Call:
    def call(store: Store) -> object:
        with store.unit_of_work() as work:
            return act(work)

    return call


def _unchecked_case(**changes: Any) -> Case:
    """A case the domain's own checks would refuse, as a careless caller of
    a store could still hand it over."""
    with attrs.validators.disabled():
        return example_case(**changes)


def _save(case: Case, command: AppliedCommand | None = None) -> Call:
    """Save ``case`` as new, with the history of the same case reported at
    an ordinary time (the audit chain cannot hash an impossible one)."""

    def save(work: Any) -> None:
        with attrs.validators.disabled():
            ordinary = attrs.evolve(case, reported_at=START)
        work.save(case, history(ordinary), 0, command)

    return _in_unit_of_work(save)


def _logged(customer_id: Any = "CRM-1", at: Any = START) -> LoggedContact:
    """A contact log entry, built without the domain's checks."""
    decision = ContactDecision(allowed=True, register=True, respond=True, reasons=())
    with attrs.validators.disabled():
        return LoggedContact(customer_id, Contact(Channel.LETTER, at), decision, START)


_NAIVE = pendulum.naive(2026, 3, 2, 10)
_DAY = pendulum.datetime(2026, 4, 30, 9, tz="Europe/London")

CASE_STORE_REFUSALS: dict[str, tuple[Call, str]] = {
    "load a list": (lambda store: store.load(["C-1"]), "case_id"),  # type: ignore[arg-type]
    "load a number": (lambda store: store.load(5), "case_id"),  # type: ignore[arg-type]
    "load an empty id": (lambda store: store.load(""), "case_id"),
    "load spaces": (lambda store: store.load("   "), "case_id"),
    "load a long id": (lambda store: store.load(LONG_ID), "case_id"),
    "load NUL": (lambda store: store.load("C-\x001"), "case_id"),
    "load a surrogate": (lambda store: store.load("C-\ud8001"), "case_id"),
    "trail a list": (lambda store: store.trail(["C-1"]), "case_id"),  # type: ignore[arg-type]
    "trail a long id": (lambda store: store.trail(LONG_ID), "case_id"),
    "work.load a list": (_in_unit_of_work(lambda work: work.load(["C-1"])), "case_id"),
    "work.load a long id": (_in_unit_of_work(lambda work: work.load(LONG_ID)), "case_id"),
    "work.applied a number": (_in_unit_of_work(lambda work: work.applied(7)), "command_id"),
    "work.applied a long id": (
        _in_unit_of_work(lambda work: work.applied("x" * 201)),
        "command_id",
    ),
    "cases by a numeric customer": (
        lambda store: store.cases(customer_id=5),  # type: ignore[arg-type]
        "customer_id",
    ),
    "cases by a long customer id": (lambda store: store.cases(customer_id=LONG_ID), "customer_id"),
    "customer cases of a numeric customer": (
        lambda store: store.customer_cases(5),  # type: ignore[arg-type]
        "customer_id",
    ),
    "customer cases of a long customer id": (
        lambda store: store.customer_cases(LONG_ID),
        "customer_id",
    ),
    "cases by a state's name": (
        lambda store: store.cases(state="designated"),  # type: ignore[arg-type]
        "state",
    ),
    "cases after a number": (lambda store: store.cases(after=7), "after"),  # type: ignore[arg-type]
    "cases after a long id": (lambda store: store.cases(after=LONG_ID), "after"),
    "cases with limit 0": (lambda store: store.cases(limit=0), "limit"),
    "cases with limit True": (lambda store: store.cases(limit=True), "limit"),
    "cases with a huge limit": (lambda store: store.cases(limit=10**30), "limit"),
    "cases with a limit as text": (
        lambda store: store.cases(limit="5"),  # type: ignore[arg-type]
        "limit",
    ),
    "cases with last events by a state's name": (
        lambda store: store.cases_with_last(state="designated"),  # type: ignore[arg-type]
        "state",
    ),
    "cases with last events after a number": (
        lambda store: store.cases_with_last(after=7),  # type: ignore[arg-type]
        "after",
    ),
    "cases with last events with limit 0": (
        lambda store: store.cases_with_last(limit=0),
        "limit",
    ),
    "cases with last events with a huge limit": (
        lambda store: store.cases_with_last(limit=10**30),
        "limit",
    ),
    "summaries by a numeric customer": (
        lambda store: store.summaries(customer_id=5),  # type: ignore[arg-type]
        "customer_id",
    ),
    "summaries by a state's name": (
        lambda store: store.summaries(state="designated"),  # type: ignore[arg-type]
        "state",
    ),
    "summaries with a huge limit": (lambda store: store.summaries(limit=10**30), "limit"),
    "summaries after a list": (
        lambda store: store.summaries(after=["C-1"]),  # type: ignore[arg-type]
        "after",
    ),
    "missing cases of a numeric customer": (
        lambda store: store.missing_cases(5),  # type: ignore[arg-type]
        "customer_id",
    ),
    "missing cases of a long customer id": (
        lambda store: store.missing_cases(LONG_ID),
        "customer_id",
    ),
    "due reviews as of a DateTime": (lambda store: store.due_reviews(_DAY), "as_of"),
    "due reviews as of a stdlib datetime": (
        lambda store: store.due_reviews(datetime.datetime(2026, 4, 30)),  # type: ignore[arg-type]
        "as_of",
    ),
    "due reviews as of text": (
        lambda store: store.due_reviews("2026-04-30"),  # type: ignore[arg-type]
        "as_of",
    ),
    "due reviews as of None": (
        lambda store: store.due_reviews(None),  # type: ignore[arg-type]
        "as_of",
    ),
    "save a long customer id": (
        _save(_unchecked_case(customer_id=LONG_ID)),
        "case.customer.id",
    ),
    "save a long case id": (_save(_unchecked_case(case_id=LONG_ID)), "case.id"),
    "save a report time after year 9999 in UTC": (
        _save(_unchecked_case(reported_at=pendulum.datetime(9999, 12, 31, 23, tz="Etc/GMT+5"))),
        "case.reported_at",
    ),
    "save a long command id": (
        _save(example_case(case_id="C-LONG-COMMAND"), AppliedCommand("x" * 201, "C-1", "fp")),
        "command_id",
    ),
}
"""Every bad call of a case store, and the field its ``InvalidInput`` names."""

FEED_REFUSALS: dict[str, tuple[Call, str]] = {
    "a huge limit": (lambda store: store.events_since(0, 10**30), "limit"),
    "a limit past the most": (lambda store: store.events_since(0, LIMIT + 1), "limit"),
    "a huge position": (lambda store: store.events_since(10**30, 10), "position"),
    "a position past 64 bits": (lambda store: store.events_since(2**63, 10), "position"),
    "a negative position": (lambda store: store.events_since(-1, 10), "position"),
    "a position as text": (
        lambda store: store.events_since("0", 10),  # type: ignore[arg-type]
        "position",
    ),
    "a limit of 0": (lambda store: store.events_since(0, 0), "limit"),
    "a fractional limit": (lambda store: store.events_since(0, 2.5), "limit"),  # type: ignore[arg-type]
    "signed under no key id": (lambda store: store.signed_events("", 5), "key_id"),
    "signed under a blank key id": (lambda store: store.signed_events(" ", 5), "key_id"),
    "signed under a long key id": (lambda store: store.signed_events(LONG_ID, 5), "key_id"),
    "signed under None": (
        lambda store: store.signed_events(None, 5),  # type: ignore[arg-type]
        "key_id",
    ),
    "signed under a key id with a NUL": (
        lambda store: store.signed_events("default\x00", 5),
        "key_id",
    ),
    "signed, a limit of 0": (lambda store: store.signed_events("default", 0), "limit"),
    "signed, a limit past the most": (
        lambda store: store.signed_events("default", LIMIT + 1),
        "limit",
    ),
    "signed, a limit as text": (
        lambda store: store.signed_events("default", "5"),  # type: ignore[arg-type]
        "limit",
    ),
}
"""Every bad call of the feed, and the field its ``InvalidInput`` names."""

CONTACT_LOG_REFUSALS: dict[str, tuple[Call, str]] = {
    "record a dict": (
        lambda store: store.record_contact({"customer_id": "CRM-1"}),  # type: ignore[arg-type]
        "logged",
    ),
    "record None": (lambda store: store.record_contact(None), "logged"),  # type: ignore[arg-type]
    "record a long customer id": (
        lambda store: store.record_contact(_logged(LONG_ID)),
        "logged.customer_id",
    ),
    "record a numeric customer id": (
        lambda store: store.record_contact(_logged(5)),
        "logged.customer_id",
    ),
    "record a naive time": (
        lambda store: store.record_contact(_logged(at=_NAIVE)),
        "logged.contact.at",
    ),
    "record a time before year 1 in UTC": (
        lambda store: store.record_contact(_logged(at=pendulum.datetime(1, 1, 1, tz="Asia/Tokyo"))),
        "logged.contact.at",
    ),
    "record a time after year 9999 in UTC": (
        lambda store: store.record_contact(
            _logged(at=pendulum.datetime(9999, 12, 31, 23, tz="America/New_York"))
        ),
        "logged.contact.at",
    ),
    "contacts of a number": (lambda store: store.contacts(5), "customer_id"),  # type: ignore[arg-type]
    "contacts of a long id": (lambda store: store.contacts(LONG_ID), "customer_id"),
    "contacts since a naive time": (lambda store: store.contacts("CRM-1", _NAIVE), "since"),
    "contacts since a stdlib time": (
        lambda store: store.contacts(
            "CRM-1",
            datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC),  # type: ignore[arg-type]
        ),
        "since",
    ),
    "contacts since a date": (
        lambda store: store.contacts("CRM-1", pendulum.date(2026, 3, 2)),  # type: ignore[arg-type]
        "since",
    ),
    "contacts since text": (
        lambda store: store.contacts("CRM-1", "2026-03-02"),  # type: ignore[arg-type]
        "since",
    ),
    "contacts of one id as text": (
        lambda store: store.contacts_of("CRM-1"),
        "customer_ids",
    ),
    "contacts of None": (
        lambda store: store.contacts_of(None),  # type: ignore[arg-type]
        "customer_ids",
    ),
    "contacts of a dict": (
        lambda store: store.contacts_of({"CRM-1": "CRM-2"}),
        "customer_ids",
    ),
    "contacts of a number among ids": (
        lambda store: store.contacts_of(["CRM-1", 5]),  # type: ignore[list-item]
        "customer_ids",
    ),
    "contacts of a long id among ids": (
        lambda store: store.contacts_of(("CRM-1", LONG_ID)),
        "customer_ids",
    ),
    "contacts of customers since a naive time": (
        lambda store: store.contacts_of(["CRM-1"], _NAIVE),
        "since",
    ),
}
"""Every bad call of the contact log, and the field its ``InvalidInput`` names."""


def _contents(store: Store) -> tuple[object, ...]:
    """Everything a store holds that a refused call might have changed."""
    return (
        store.cases(),
        store.events_since(0, LIMIT),
        store.contacts("CRM-1"),
        store.contacts("CRM-SEED"),
    )


def _refusals(store: Store, table: dict[str, tuple[Call, str]]) -> dict[str, str]:
    """What each call of ``table`` did on ``store``: the field its
    InvalidInput names, or the error or "no error" instead, with " and
    wrote" if the store changed."""
    found: dict[str, str] = {}
    for name, (call, _) in table.items():
        before = _contents(store)
        try:
            call(store)
            found[name] = "no error"
        except InvalidInput as error:
            found[name] = error.field
        except Exception as error:  # any other outcome is shown in the comparison
            found[name] = f"{type(error).__name__}: {error}"
        if _contents(store) != before:
            found[name] += " and wrote"
    return found


def _fields(table: dict[str, tuple[Call, str]]) -> dict[str, str]:
    return {name: field for name, (_, field) in table.items()}


class CaseStoreBoundary(StoreFixtures):
    """The same bad call of a case store is the same ``InvalidInput`` on every store."""

    def test_bad_calls_of_the_case_store_are_invalid_input_naming_the_field(
        self, store: Store
    ) -> None:
        """Ids that are not text, empty, longer than any store keeps or
        holding NUL; states by name; dates and times where a date is wanted;
        pages out of range: each is InvalidInput naming the argument, and
        nothing is written."""
        saved(store, example_case(case_id="C-1"))
        assert _refusals(store, CASE_STORE_REFUSALS) == _fields(CASE_STORE_REFUSALS)


class FeedBoundary(StoreFixtures):
    """The same bad call of the feed is the same ``InvalidInput`` on every store."""

    def test_bad_calls_of_the_feed_are_invalid_input_naming_the_field(self, store: Store) -> None:
        """A position outside 0 to 2**63 - 1 or a limit outside 1 to 10,000,
        or either not a whole number, is InvalidInput naming it; so is a key
        id of the signed events that is not an id (7.4)."""
        assert _refusals(store, FEED_REFUSALS) == _fields(FEED_REFUSALS)


class ContactLogBoundary(StoreFixtures):
    """The same bad call of the contact log is the same ``InvalidInput`` on every store."""

    def test_bad_calls_of_the_contact_log_are_invalid_input_naming_the_field(
        self, store: Store
    ) -> None:
        """Entries that are not a LoggedContact, customer ids no store
        keeps, times that are naive, not pendulum times or beyond the
        years 1 to 9999 in UTC: each is InvalidInput naming it, and nothing
        is logged."""
        assert _refusals(store, CONTACT_LOG_REFUSALS) == _fields(CONTACT_LOG_REFUSALS)


_PERSONAL = "Sam Taylor, 12 Week Street, 07700 900123"

_hostile_text = st.one_of(
    st.sampled_from(["C-SEED", "CRM-SEED", "", " ", "C-SEED ", _PERSONAL, LONG_ID]),
    st.text(st.characters(exclude_categories=()), max_size=20),
    st.text(st.characters(exclude_categories=()), min_size=IDENTIFIER_LENGTH - 2, max_size=300),
)
"""Text: the seeded ids and near misses, empty and blank text, NUL, lone
surrogates and control characters, and text around the longest id."""

_hostile_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    _hostile_text,
    st.lists(_hostile_text, max_size=2),
    st.sampled_from(list(CaseState)),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.timezones()),
    st.builds(
        pendulum.instance,
        st.datetimes(
            min_value=datetime.datetime(1, 1, 2),
            max_value=datetime.datetime(9999, 12, 30),
            timezones=st.sampled_from([datetime.UTC, pendulum.timezone("Pacific/Kiritimati")]),
        ),
    ),
    st.builds(pendulum.Date, st.integers(1, 9999), st.integers(1, 12), st.integers(1, 28)),
)
"""Values of every type a careless or hostile caller might hand a store."""

_METHODS: dict[str, Callable[[Store, Any, Any], object]] = {
    "load": lambda store, first, _: store.load(first),
    "trail": lambda store, first, _: store.trail(first),
    "work.load": lambda store, first, _: _in_unit_of_work(lambda work: work.load(first))(store),
    "work.applied": lambda store, first, _: _in_unit_of_work(lambda work: work.applied(first))(
        store
    ),
    "cases": lambda store, first, second: store.cases(first, second),
    "cases paged": lambda store, first, second: store.cases(after=first, limit=second),
    "cases_with_last": lambda store, first, second: store.cases_with_last(first, limit=second),
    "cases_with_last paged": lambda store, first, second: store.cases_with_last(
        after=first, limit=second
    ),
    "summaries": lambda store, first, second: store.summaries(first, second),
    "summaries paged": lambda store, first, second: store.summaries(after=first, limit=second),
    "due_reviews": lambda store, first, _: store.due_reviews(first),
    "missing_cases": lambda store, first, _: store.missing_cases(first),
    "events_since": lambda store, first, second: store.events_since(first, second),
    "signed_events": lambda store, first, second: store.signed_events(first, second),
    "record_contact": lambda store, first, _: store.record_contact(first),
    "contacts": lambda store, first, second: store.contacts(first, second),
    "contacts_of": lambda store, first, second: store.contacts_of(first, second),
    "delivered": lambda store, first, _: store.delivered(first),
    "remove_subscription": lambda store, first, _: store.remove_subscription(first),
}
"""Every public method of a store, called with two values (some ignore the second)."""


def _outcome(store: Store, method: str, first: Any, second: Any) -> tuple[object, object, str]:
    """What a call did: its result, or the kind of error and the field it
    names; and the error's message."""
    try:
        return "returned", _METHODS[method](store, first, second), ""
    except InvalidInput as error:
        return InvalidInput, error.field, str(error)
    except PolicyError as error:
        return type(error), None, str(error)


def _seed(store: Store) -> None:
    saved(store, example_case(CaseState.DESIGNATED, "CRM-SEED", START, _DAY.date(), "C-SEED"))


class HostileCallsContract(StoreFixtures):
    """Hostile values at every public method: the store does what
    ``MemoryStore`` does, refuses with the library's own errors, and writes
    nothing when it refuses."""

    @settings(
        # Each example is one cheap call, and fifteen methods share them.
        max_examples=settings().max_examples * 5,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.differing_executors,
            HealthCheck.too_slow,
        ],
    )
    @given(method=st.sampled_from(sorted(_METHODS)), first=_hostile_values, second=_hostile_values)
    def test_hostile_values_get_the_same_answer_as_from_a_memory_store(
        self, store: Store, method: str, first: Any, second: Any
    ) -> None:
        """Wrong types, None, huge numbers, empty, blank, huge, NUL and
        surrogate text, naive and foreign times and extreme dates: every
        store returns what a MemoryStore holding the same case returns, or
        raises the same PolicyError naming the same field; it writes
        nothing when it refuses, and never repeats the personal text it
        was given."""
        if not store.cases():
            _seed(store)
        reference = MemoryStore()
        _seed(reference)
        before = _contents(store)
        kind, found, message = _outcome(store, method, first, second)
        assert (kind, found) == _outcome(reference, method, first, second)[:2], message
        if kind != "returned":
            assert _contents(store) == before
        if kind is InvalidInput:
            assert _PERSONAL not in message
