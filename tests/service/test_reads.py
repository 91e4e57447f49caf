"""Need-to-know reads (7.4, 9.1; UK GDPR Art. 5(1)(f)): who may read what,
and the read log of who read whose case file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contactpolicy import (
    Casework,
    Channel,
    Contact,
    Customer,
    FileRead,
    FrozenClock,
    NotAuthorised,
    Officer,
    Role,
)
from contactpolicy.casework import access
from contactpolicy.errors import InvalidInput
from contactpolicy.stores import MemoryStore, SQLiteStore
from contactpolicy.stores.protocols import Store

from support.builders import (
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    HEAD_OF_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    STAFF,
    START,
    incident,
    warn_and_continue,
)

PLANNING = Officer("planner", "Pat Planner", {Role.MANAGER}, team="Planning")
OFFICERS = (STAFF, MANAGER, PLANNING, HEAD_OF_SERVICE, DECIDER, DIRECTOR, RECORDS)
SAM = Customer("CRM-7", "Sam Taylor", "12 Week Street, Maidstone")
ALEX = Customer("CRM-8", "Alex Green", "3 Mill Street, Maidstone")


def _designated(
    casework: Casework, customer: Customer, by: Officer, *, services: list[str] | None
) -> str:
    """A case of ``customer`` reported by ``by``, warned and designated:
    covering ``services``, or every service when ``None``; its id."""
    case = casework.report(customer, "council tax", [incident()], by=by)
    warn_and_continue(casework, case.id, by=by)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        RESTRICTIONS,
        "Calls continued after the warning.",
        services=services or (),
        council_wide_because=None if services else EVERY_SERVICE,
    )
    return case.id


@pytest.fixture(params=["memory", "sqlite"])
def make_store(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Callable[[], Store]]:
    """A store on memory or on a SQLite file of the test's own."""
    if request.param == "memory":
        store = MemoryStore()
        yield lambda: store
    else:
        opened: list[SQLiteStore] = []

        def make() -> Store:
            opened.append(SQLiteStore(tmp_path / "reads.db"))
            return opened[-1]

        yield make
        for each in opened:
            each.close()


class Scene:
    """Two cases: Sam's, requested by the Revenues manager and covering
    Revenues; Alex's, requested by the Planning manager and council-wide."""

    def __init__(self, store: Store) -> None:
        self.clock = FrozenClock(START)
        self.casework = Casework(store, clock=self.clock, officers=OFFICERS)
        self.revenues = _designated(self.casework, SAM, MANAGER, services=["Revenues"])
        self.council_wide = _designated(self.casework, ALEX, PLANNING, services=None)


@pytest.fixture
def scene(make_store: Callable[[], Store]) -> Scene:
    return Scene(make_store())


FILES = {
    STAFF: set(),
    MANAGER: {"revenues", "council_wide"},
    PLANNING: {"council_wide"},
    HEAD_OF_SERVICE: {"council_wide"},
    DECIDER: {"revenues", "council_wide"},
    DIRECTOR: {"revenues", "council_wide"},
    RECORDS: {"revenues", "council_wide"},
}
"""Which of the scene's cases each officer may read."""


def _ids(scene: Scene, names: set[str]) -> list[str]:
    return sorted(getattr(scene, name) for name in names)


@pytest.mark.parametrize("officer", OFFICERS, ids=lambda officer: officer.id)
@pytest.mark.parametrize("query", ["get", "history"])
def test_the_read_matrix_for_one_file(scene: Scene, officer: Officer, query: str) -> None:
    """One case file: given to those who may read it, refused to the rest
    with ``NotAuthorised`` naming 7.4."""
    for name in ("revenues", "council_wide"):
        case_id = getattr(scene, name)
        read = getattr(scene.casework, query)
        if name in FILES[officer]:
            found = read(case_id, by=officer)
            assert (found.id if query == "get" else found[0].case_id) == case_id
        else:
            with pytest.raises(NotAuthorised) as refused:
                read(case_id, by=officer)
            assert (refused.value.section, refused.value.command) == ("7.4", query)


LISTINGS: dict[str, Callable[[Casework, Officer], list[str]]] = {
    "cases": lambda work, by: [case.id for case in work.cases(by=by)],
    "summaries": lambda work, by: [summary.id for summary in work.summaries(by=by)],
    "due_reviews": lambda work, by: [
        case.id for case in work.due_reviews(pendulum.date(2027, 1, 1), by=by)
    ],
    "not_communicated": lambda work, by: [case.id for case in work.not_communicated(by=by)],
    "not_informed": lambda work, by: [case.id for case in work.not_informed(by=by)],
}


@pytest.mark.parametrize("officer", OFFICERS, ids=lambda officer: officer.id)
@pytest.mark.parametrize("query", sorted(LISTINGS))
def test_the_read_matrix_for_listings(scene: Scene, officer: Officer, query: str) -> None:
    """A listing is filtered to the cases the officer may read: none for
    staff, a manager's own and those covering their service, all for the
    decision maker, appeal decider and records team."""
    assert sorted(LISTINGS[query](scene.casework, officer)) == _ids(scene, FILES[officer])


@pytest.mark.parametrize("officer", OFFICERS, ids=lambda officer: officer.id)
def test_the_read_matrix_for_the_feed_and_the_read_log(scene: Scene, officer: Officer) -> None:
    """The feed is for the decision maker and the records team, the read
    log for the records team only."""
    feed_allowed = officer in (DECIDER, RECORDS)
    if feed_allowed:
        assert len(scene.casework.events_since(0, 1000, by=officer)) == 8
    else:
        with pytest.raises(NotAuthorised):
            scene.casework.events_since(0, by=officer)
    if officer is RECORDS:
        # The feed read just now is in the log, one entry per case on it.
        now = scene.clock.now().in_timezone("UTC")
        assert scene.casework.read_log(by=officer) == [
            FileRead(now, RECORDS.id, SAM.id, scene.revenues, "events_since"),
            FileRead(now, RECORDS.id, ALEX.id, scene.council_wide, "events_since"),
        ]
    else:
        with pytest.raises(NotAuthorised):
            scene.casework.read_log(by=officer)


@pytest.mark.parametrize("officer", OFFICERS, ids=lambda officer: officer.id)
def test_every_officer_gets_the_contact_decision(scene: Scene, officer: Officer) -> None:
    """The handling instruction is for everyone at the point of contact (9.1)."""
    call = Contact(Channel.TELEPHONE, scene.clock.now())
    decision = scene.casework.decide_contact(SAM.id, call, record=False, by=officer)
    assert decision == scene.casework.decide_contact(SAM.id, call, record=False, by=RECORDS)
    assert decision.register is True


def test_evidence_is_refused_to_staff_and_to_a_manager_with_no_case_of_the_customer(
    scene: Scene,
) -> None:
    """Staff get no evidence; nor does the Planning manager of Sam, whose
    only case covers Revenues (9.1); the records team's summary holds both
    of Sam's incidents."""
    for officer in (STAFF, PLANNING):
        with pytest.raises(NotAuthorised) as refused:
            scene.casework.evidence(SAM.id, by=officer)
        assert (refused.value.section, refused.value.command) == ("7.4", "evidence")
    assert len(scene.casework.evidence(SAM.id, by=RECORDS).incidents) == 2


@pytest.mark.parametrize("officer", OFFICERS, ids=lambda officer: officer.id)
def test_the_read_matrix_for_evidence(scene: Scene, officer: Officer) -> None:
    """A customer's evidence is given to those who may read one of the
    customer's cases, each case logged as read by ``evidence``; refused to
    the rest, a customer with no case too (none of a manager's business);
    the decision maker, appeal decider and records team get an unknown
    customer's (empty) summary."""
    customers = {SAM.id: "revenues", ALEX.id: "council_wide", "CRM-404": None}
    for customer_id, name in customers.items():
        full = officer.has_any(access.FULL_FILE)
        if full or name in FILES[officer]:
            found = scene.casework.evidence(customer_id, by=officer)
            logged = [
                (read.officer_id, read.case_id, read.query)
                for read in scene.casework.read_log(customer_id, by=RECORDS)
                if read.officer_id == officer.id
            ]
            assert logged == (
                [] if name is None else [(officer.id, getattr(scene, name), "evidence")]
            )
            assert found.incidents == scene.casework.evidence(customer_id, by=RECORDS).incidents
        else:
            with pytest.raises(NotAuthorised) as refused:
                scene.casework.evidence(customer_id, by=officer)
            assert (refused.value.section, refused.value.command) == ("7.4", "evidence")


@pytest.mark.parametrize(
    "read",
    [
        lambda work, case_id: work.get(case_id),
        lambda work, case_id: work.history(case_id),
        lambda work, _: work.cases(),
        lambda work, _: work.events_since(0),
        lambda work, _: work.decide_contact(SAM.id, Contact(Channel.EMAIL, START), record=False),
        lambda work, _: work.read_log(),
    ],
)
def test_with_a_directory_a_read_without_by_is_invalid_input(
    scene: Scene, read: Callable[[Casework, str], object]
) -> None:
    """With an officer directory every read names its reader (7.4)."""
    with pytest.raises(InvalidInput) as refused:
        read(scene.casework, scene.revenues)
    assert (refused.value.field, refused.value.section) == ("by", "7.4")


def test_an_officer_not_in_the_directory_may_not_read(scene: Scene) -> None:
    """A reader outside the directory is refused, whatever roles they claim."""
    stranger = Officer("stranger", "Sam Stranger", {Role.RECORDS})
    with pytest.raises(NotAuthorised) as refused:
        scene.casework.get(scene.revenues, by=stranger)
    assert refused.value.section == "7.4"


def test_without_a_directory_reads_are_as_before_and_not_logged(
    make_store: Callable[[], Store],
) -> None:
    """In-process use with no directory: no ``by``, every case, no log."""
    store = make_store()
    casework = Casework(store, clock=FrozenClock(START))
    case = casework.report(SAM, "council tax", [incident()], by=MANAGER)
    assert [each.id for each in casework.cases()] == [case.id]
    assert casework.get(case.id) == case
    assert store.reads() == []


def test_reads_are_logged_and_purged_after_retention(scene: Scene) -> None:
    """Each case file read is one entry: who, whose, when, which query. A
    purge erases the entries older than ``retention_months`` and the record
    still verifies."""
    work = scene.casework
    work.get(scene.revenues, by=MANAGER)
    scene.clock.advance(days=1)
    work.cases(by=PLANNING)
    summaries = work.summaries(by=RECORDS)
    assert len(summaries) == 2
    first = START.in_timezone("UTC")
    assert work.read_log(by=RECORDS) == [
        FileRead(first, MANAGER.id, SAM.id, scene.revenues, "get"),
        FileRead(first.add(days=1), PLANNING.id, ALEX.id, scene.council_wide, "cases"),
    ]
    assert work.read_log(ALEX.id, by=RECORDS) == [
        FileRead(first.add(days=1), PLANNING.id, ALEX.id, scene.council_wide, "cases")
    ]
    scene.clock.advance(months=work.policy.retention_months)
    dry = work.purge(by=RECORDS, dry_run=True)
    assert dry.reads == 1
    assert len(work.read_log(by=RECORDS)) == 2
    report = work.purge(by=RECORDS)
    assert report.reads == 1
    assert work.read_log(by=RECORDS) == [
        FileRead(first.add(days=1), PLANNING.id, ALEX.id, scene.council_wide, "cases")
    ]
    assert work.verify_all().ok


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    teams=st.lists(st.sampled_from(["Revenues", "Planning", "Housing"]), min_size=1, max_size=3),
    council_wide=st.lists(st.booleans(), min_size=1, max_size=3),
    staff_team=st.sampled_from(["Revenues", "Planning", "Housing", None]),
)
def test_property_a_member_of_staff_never_receives_a_case_file(
    teams: list[str], council_wide: list[bool], staff_team: str | None
) -> None:
    """For any cases (services covered or council-wide) and any member of
    staff, whatever their team: every listing is empty and every file is
    refused; the contact decision is all they get (9.1)."""
    staff = Officer("counter", "Cal Counter", {Role.STAFF}, team=staff_team)
    housing = Officer("housing", "Hal Housing", {Role.MANAGER}, team="Housing")
    casework = Casework(
        MemoryStore(), clock=FrozenClock(START), officers=(*OFFICERS, staff, housing)
    )
    ids = []
    for number, (team, wide) in enumerate(zip(teams, council_wide, strict=False)):
        customer = Customer(f"CRM-{number + 10}", "Sam Taylor")
        ids.append(_designated(casework, customer, MANAGER, services=None if wide else [team]))
    assert casework.cases(by=staff) == []
    assert casework.due_reviews(pendulum.date(2030, 1, 1), by=staff) == []
    assert casework.not_communicated(by=staff) == []
    for case_id in ids:
        with pytest.raises(NotAuthorised):
            casework.get(case_id, by=staff)
    assert casework.store.reads() == []
    assert not access.may_read(staff, casework.store.load(ids[0]))


def test_a_subject_access_export_is_logged_as_a_read_of_each_file(scene: Scene) -> None:
    """Answering a data request reads the customer's whole file: logged."""
    scene.casework.subject_access(SAM.id, by=RECORDS)
    assert scene.casework.read_log(by=RECORDS) == [
        FileRead(START, RECORDS.id, SAM.id, scene.revenues, "subject_access")
    ]


@pytest.mark.parametrize(
    ("case", "query", "field"),
    [
        ("C-1", "warn", "case"),
        (None, "warn", "case"),
        ("the case", "", "query"),
        ("the case", None, "query"),
        ("the case", "q" * 201, "query"),
    ],
    ids=["case id", "no case", "blank query", "no query", "long query"],
)
def test_file_after_wrong_arguments_are_invalid_input_naming_them(
    scene: Scene, case: Any, query: Any, field: str
) -> None:
    """``file_after`` given a case id instead of the case (once an
    AttributeError), or a query that is not one the read log can name, is
    InvalidInput naming that argument (7.4), and no read is logged."""
    if case == "the case":
        case = scene.casework.store.load(scene.revenues)
    with pytest.raises(InvalidInput) as refused:
        scene.casework.file_after(case, by=DECIDER, query=query)
    assert (refused.value.field, refused.value.section) == (field, "7.4")
    assert scene.casework.read_log(by=RECORDS) == []
