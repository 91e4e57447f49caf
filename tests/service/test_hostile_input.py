"""Every public Casework method and value constructor, given hostile values
on every store, succeeds or raises a PolicyError, changes nothing when it
refuses, and never repeats personal data in an error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import (
    ActedOn,
    Adjustment,
    Appeal,
    AppealOutcome,
    Assessment,
    Behaviour,
    Casework,
    Channel,
    Communication,
    Contact,
    Customer,
    Designation,
    Dissemination,
    Ending,
    FrozenClock,
    Incident,
    Note,
    Officer,
    Policy,
    PolicyError,
    ReadOutcome,
    Review,
    ReviewOutcome,
    ReviewTrigger,
    Role,
    Warning,
)
from contactpolicy.restrictions import (
    CallLimit,
    CallTimeLimit,
    NoFurtherEnquiriesOnIssue,
    ReadAndFile,
    SingleContactMethod,
    SinglePointOfContact,
)
from contactpolicy.stores import MemoryStore, PostgresStore, SQLiteStore, Store
from contactpolicy.testing import strategies as s

from support.builders import EVERY_SERVICE

START = pendulum.datetime(2026, 3, 2, 9, tz="Europe/London")
EVERYONE = Officer("tester", "Hostile Tester", set(Role))
CUSTOMER = "CRM-2001"
CASE = object()
"""Stands for the id of the example's own case."""

hostile = s.hostile_values()


def maybe(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A valid value most of the time, so calls reach deep, else a hostile one."""
    return st.one_of(valid, valid, hostile)


INCIDENT = Incident(Behaviour.THREATS, START.subtract(days=1), Channel.TELEPHONE, "Shouted.")
PASSED = Assessment(
    issue_investigated=True,
    communications_adequate=True,
    no_significant_new_information=True,
    adjustments_considered=True,
)
RESTRICTIONS = st.lists(s.restrictions(), max_size=2)
CASE_ID = maybe(st.just(CASE))
BY = st.one_of(st.just(EVERYONE), st.just(EVERYONE), hostile)
TEXT = maybe(st.sampled_from(["Persistent calls.", "bins"]))
CHANNEL = maybe(st.sampled_from(Channel))

Call = tuple[str, tuple[Any, ...], dict[str, Any]]

COMMANDS: dict[str, tuple[st.SearchStrategy[Any], ...]] = {
    "report": (
        maybe(st.just(Customer(CUSTOMER, "Alex Reed"))),
        TEXT,
        maybe(st.just([INCIDENT])),
        BY,
    ),
    "add_incident": (CASE_ID, maybe(st.just(INCIDENT)), BY),
    "add_note": (CASE_ID, TEXT, BY),
    "warn": (CASE_ID, BY, CHANNEL, maybe(st.just(["calls limited"]))),
    "close": (CASE_ID, BY, TEXT),
    "designate": (CASE_ID, BY, maybe(st.just(PASSED)), maybe(RESTRICTIONS), TEXT, hostile),
    "record_communicated": (CASE_ID, BY, maybe(st.just(START)), CHANNEL),
    "start_review": (CASE_ID, BY, maybe(st.sampled_from(ReviewTrigger)), TEXT),
    "complete_review": (CASE_ID, BY, maybe(st.sampled_from(ReviewOutcome)), TEXT, hostile),
    "appeal": (CASE_ID, BY, TEXT, maybe(st.just(START))),
    "decide_appeal": (CASE_ID, BY, maybe(st.sampled_from(AppealOutcome)), TEXT, hostile),
    "lift": (CASE_ID, BY, TEXT),
    "record_informed": (CASE_ID, BY, maybe(st.just(["Revenues"]))),
    "reassign": (CASE_ID, BY, maybe(st.just("records")), TEXT, TEXT),
    "decide_no_action": (CASE_ID, BY, TEXT),
    "raise_concern": (
        maybe(st.just(Customer(CUSTOMER, "Alex Reed"))),
        maybe(st.just([INCIDENT])),
        BY,
    ),
    "request": (CASE_ID, BY, TEXT),
    "concerns": (BY,),
    "get": (CASE_ID,),
    "history": (CASE_ID,),
    "verify": (CASE_ID,),
    "events_since": (maybe(st.just(0)), maybe(st.just(10))),
    "cases": (hostile, maybe(st.just(CUSTOMER))),
    "summaries": (hostile, maybe(st.just(CUSTOMER))),
    "due_reviews": (maybe(st.just(pendulum.Date(2026, 7, 1))),),
    "not_communicated": (),
    "work_queue": (BY,),
    "decide_contact": (
        maybe(st.just(CUSTOMER)),
        maybe(st.just(Contact(Channel.TELEPHONE, START))),
    ),
    "evidence": (maybe(st.just(CUSTOMER)), hostile, hostile),
    "record_read": (maybe(st.just(1)), BY, maybe(st.sampled_from(ReadOutcome))),
    "record_acted_on": (maybe(st.just(1)), BY),
    "to_read": (maybe(st.just(EVERYONE)),),
    "new_issues": (),
}
"""Each public Casework method and the strategies of its positional arguments."""

QUERIES = {"get", "history", "verify", "events_since", "cases", "summaries"}
QUERIES |= {
    "due_reviews",
    "not_communicated",
    "decide_contact",
    "evidence",
    "work_queue",
    "concerns",
    "to_read",
    "new_issues",
}
KEYWORDS: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "due_reviews": {"within": maybe(st.just(pendulum.duration(days=14)))},
    "designate": {
        "services": maybe(st.just(["Revenues"])),
        "council_wide_because": maybe(st.none()),
        "adjustments": maybe(st.just([Adjustment("May telephone", Channel.TELEPHONE)])),
        "evidence": maybe(st.none()),
        "overrides": maybe(st.none()),
        "ends_on": maybe(st.none()),
        "ends_on_because": maybe(st.none()),
    },
    "warn": {"at": maybe(st.none()), "incidents": maybe(st.none()), "behaviours": hostile},
    "complete_review": {"assessment": maybe(st.none()), "overrides": hostile, "ends_on": hostile},
    "decide_appeal": {"assessment": hostile},
    "decide_contact": {"record": maybe(st.booleans())},
    "record_acted_on": {"reason": TEXT},
    "cases": {"after": maybe(st.none()), "limit": maybe(st.none())},
    "summaries": {"after": maybe(st.none()), "limit": maybe(st.none())},
}
"""The keyword arguments of the queries and of the commands that have more
than ``command_id``, which every command takes."""

VALUES: dict[Callable[..., Any], tuple[st.SearchStrategy[Any], ...]] = {
    Officer: (TEXT, TEXT, maybe(st.just([Role.MANAGER])), hostile),
    Customer: (maybe(st.just(CUSTOMER)), TEXT, hostile),
    Incident: (maybe(st.sampled_from(Behaviour)), maybe(st.just(START)), CHANNEL, TEXT, hostile),
    Assessment: (hostile, hostile, hostile, hostile, hostile),
    Contact: (CHANNEL, maybe(st.just(START)), hostile, hostile),
    Communication: (maybe(st.just(START)), CHANNEL, TEXT),
    Note: (maybe(st.just(START)), TEXT, TEXT),
    NoFurtherEnquiriesOnIssue: (TEXT,),
    CallTimeLimit: (hostile,),
    CallLimit: (hostile, hostile),
    SingleContactMethod: (hostile,),
    SinglePointOfContact: (TEXT,),
    ReadAndFile: (TEXT,),
    Policy: (hostile, hostile, hostile),
    Warning: (maybe(st.just(START)), TEXT, CHANNEL, hostile, hostile, hostile),
    Designation: (
        maybe(st.just(START)),
        TEXT,
        maybe(st.just(PASSED)),
        hostile,
        TEXT,
        maybe(st.just(pendulum.Date(2026, 6, 2))),
    ),
    Review: (maybe(st.just(START)), TEXT, hostile, TEXT, hostile, hostile),
    Appeal: (maybe(st.just(START)), TEXT, TEXT, hostile, hostile),
    Dissemination: (maybe(st.just(START)), TEXT, hostile),
    Ending: (maybe(st.just(START)), TEXT, TEXT),
    Adjustment: (TEXT, maybe(st.sampled_from(Channel)), hostile),
    ActedOn: (TEXT, maybe(st.just(START)), TEXT, hostile),
}
"""Each public value and the strategies of its positional arguments."""

_KEYWORDS = {Assessment}
_ASSESSMENT_FIELDS = (
    "issue_investigated",
    "communications_adequate",
    "no_significant_new_information",
    "adjustments_considered",
    "notes",
)


def calls() -> st.SearchStrategy[Call]:
    """One call of a Casework method with drawn arguments."""

    def drawn(name: str) -> st.SearchStrategy[Call]:
        keywords = KEYWORDS.get(name, {})
        if name not in QUERIES:
            keywords = {**keywords, "command_id": maybe(st.none())}
        return st.tuples(st.just(name), st.tuples(*COMMANDS[name]), st.fixed_dictionaries(keywords))

    return st.sampled_from(sorted(COMMANDS)).flatmap(drawn)


def constructions() -> st.SearchStrategy[tuple[Callable[..., Any], tuple[Any, ...]]]:
    """One call of a public value's constructor with drawn arguments."""
    kinds = list(VALUES)
    return st.sampled_from(kinds).flatmap(
        lambda kind: st.tuples(st.just(kind), st.tuples(*VALUES[kind]))
    )


def assert_private(error: PolicyError) -> None:
    """No personal text appears in the error's message."""
    message = str(error)
    for personal in s.PERSONAL_TEXTS:
        assert personal not in message, type(error).__name__


class World:
    """A store with one case of the example's own, and the feed's end."""

    def __init__(self, store: Store) -> None:
        # One officer of every role reports, decides and hears appeals, as a
        # council may allow by saying why (6.1, 8.1).
        policy = Policy(
            requester_may_decide=True,
            appeal_decider_designates_because="One officer runs every step in these tests.",
        )
        self.casework = Casework(store, policy, FrozenClock(START))
        self.position = 0

    def fresh_case(self) -> str:
        case = self.casework.report(Customer(CUSTOMER, "Alex Reed"), "bins", [INCIDENT], EVERYONE)
        self.casework.designate(
            case.id,
            EVERYONE,
            PASSED,
            [CallTimeLimit(5)],
            "Threats.",
            "Threatened staff.",
            council_wide_because=EVERY_SERVICE,
        )
        self.catch_up()
        return case.id

    def catch_up(self) -> None:
        while events := self.casework.store.events_since(self.position, 1000):
            self.position = events[-1].position

    def snapshot(self, case_id: str) -> tuple[Any, ...]:
        store = self.casework.store
        return (
            store.trail(case_id),
            store.contacts(CUSTOMER, START.subtract(years=1)),
            store.events_since(self.position, 1),
        )

    def check(self, call: Call) -> None:
        """Run ``call`` on a fresh case; a refusal changes nothing."""
        name, drawn, keywords = call
        case_id = self.fresh_case()
        arguments = tuple(case_id if value is CASE else value for value in drawn)
        before = self.snapshot(case_id)
        try:
            getattr(self.casework, name)(*arguments, **keywords)
        except PolicyError as error:
            assert_private(error)
            assert self.snapshot(case_id) == before
        self.catch_up()


def build(kind: Callable[..., Any], drawn: tuple[Any, ...]) -> None:
    """Build a value; a refusal is a private PolicyError."""
    try:
        if kind in _KEYWORDS:
            kind(**dict(zip(_ASSESSMENT_FIELDS, drawn, strict=False)))
        else:
            kind(*drawn)
    except PolicyError as error:
        assert_private(error)


@pytest.fixture(params=["memory", "sqlite"])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    """A world on the in-memory store and on SQLite."""
    store: Store
    if request.param == "memory":
        store = MemoryStore()
    else:
        store = SQLiteStore(tmp_path / "hostile.db", synchronous="NORMAL")
    yield World(store)
    store.close()


MANY = settings(
    max_examples=settings().max_examples * 8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@MANY
@given(call=calls())
def test_every_method_answers_hostile_values_with_a_policy_error_or_success(
    world: World, call: Call
) -> None:
    """Any method of Casework, called with hostile values, succeeds or raises
    a PolicyError that repeats no personal data, and a refusal leaves the
    case, its history, the feed and the contact log as they were."""
    world.check(call)


@MANY
@given(construction=constructions())
def test_every_value_answers_hostile_values_with_a_policy_error_or_success(
    construction: tuple[Callable[..., Any], tuple[Any, ...]],
) -> None:
    """Every public value, built from hostile values, is built or refused
    with a PolicyError that repeats no personal data."""
    build(*construction)


@settings(
    max_examples=max(10, settings().max_examples // 3),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(call=calls())
def test_postgres_answers_hostile_values_as_the_other_stores_do(
    postgres_world: World, call: Call
) -> None:
    """On PostgreSQL too, a hostile call succeeds or is a private
    PolicyError that changes nothing."""
    postgres_world.check(call)


@pytest.fixture
def postgres_world(postgres_dsn: str) -> Iterator[World]:
    """A world on a PostgreSQL database of this test's own."""
    store = PostgresStore(postgres_dsn)
    yield World(store)
    store.close()
