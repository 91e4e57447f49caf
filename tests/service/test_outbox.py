"""9.1 durably: the outbox tells each manager of each decision once, in
order, through failures and restarts, and records who was told."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contactpolicy import (
    Backoff,
    Casework,
    Customer,
    DeliveryReport,
    FrozenClock,
    InvalidInput,
    Notice,
    Outbox,
    ReviewOutcome,
    ReviewTrigger,
    StoreUnavailable,
    Undelivered,
)
from contactpolicy import restrictions as r
from contactpolicy.domain.notices import managers_to_tell
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, DECIDER, KEPT_UP, MANAGER, RECORDS, START
from support.outbox import (
    DIRECTORY,
    HOUSING,
    INCIDENT,
    NOTE,
    PLANNING,
    REVENUES,
    Recorder,
    decided,
    no_wait,
    outbox_casework,
)


def _told(sender: Recorder) -> list[tuple[str, str, int]]:
    return [(n.recipient.id, n.case_id, n.position) for n in sender.sent]


def test_managers_of_the_services_covered_are_told_and_recorded(clock: FrozenClock) -> None:
    """A designation covering Revenues is told to the Revenues managers
    only (9.1), each once; each notice is recorded on the case, and the
    case leaves not_informed."""
    casework = outbox_casework(MemoryStore(), clock)
    case = decided(casework, CUSTOMER, ("Revenues",))
    position = casework.history(case.id, by=RECORDS)[-1].position
    assert [each.id for each in casework.not_informed(by=RECORDS)] == [case.id]
    sender = Recorder()
    report = Outbox(casework, notices=sender, by=RECORDS, sleep=no_wait).deliver()
    assert _told(sender) == [("manager", case.id, position), ("m-rev", case.id, position)]
    assert report.delivered == (("manager:manager", position), ("manager:m-rev", position))
    assert report.ok
    assert casework.store.delivered("manager:m-hou") == position
    informed = casework.get(case.id, by=RECORDS).disseminations
    assert [(each.by, each.recipients) for each in informed] == [
        ("records", ("Mo Manager (manager)",)),
        ("records", ("Ria Revenue (m-rev)",)),
    ]
    assert casework.not_informed(by=RECORDS) == []
    assert Outbox(casework, notices=sender, by=RECORDS).deliver().delivered == ()
    assert len(sender.sent) == 2


def test_council_wide_restrictions_are_told_to_every_manager() -> None:
    """Restrictions covering every service go to every manager (9.1);
    ``MANAGER`` has no email address, which is the sender's business."""
    found = managers_to_tell((), {each.id: each for each in DIRECTORY})
    assert [each.id for each in found] == ["m-hou", "m-pla", "m-rev", "manager"]
    by_team = managers_to_tell(("housing ", "PLANNING"), {each.id: each for each in DIRECTORY})
    assert [each.id for each in by_team] == ["m-hou", "m-pla"]


def test_the_notice_is_the_handling_instruction_not_the_case_file(clock: FrozenClock) -> None:
    """The notice says what staff must do, names the single point of
    contact with their telephone and email, the services and the review
    date, and holds no note, incident, reason or customer address."""
    casework = outbox_casework(MemoryStore(), clock)
    case = decided(casework, CUSTOMER, ("Revenues",))
    sender = Recorder()
    Outbox(casework, notices=sender, by=RECORDS).deliver()
    notice = sender.sent[-1]
    assert notice.recipient == REVENUES
    assert (
        notice.subject == "Contact restrictions (9.1): Sam Taylor, designation of 31 January 2026"
    )
    assert "Customer: Sam Taylor (customer reference CRM-7)" in notice.text
    assert "Services covered: Revenues" in notice.text
    assert (
        "- Pass every contact to the single point of contact, Sid Contact, officer spoc "
        "(01622 602000, sid@council.example) (5.1)." in notice.text
    )
    assert "- Calls are limited to 10 minutes (5.1)." in notice.text
    assert "- Contact is limited to email (5.1)" in notice.text
    assert "They are reviewed by 30 April 2026 (7.2)." in notice.text
    for private in (NOTE, INCIDENT, "12 Week Street", "Repeated calls after a warning"):
        assert private not in notice.text
    assert case.designation is not None


def test_each_decision_is_told_in_order_and_a_lift_says_they_ended(clock: FrozenClock) -> None:
    """A designation, a varied review and a lift are three notices to the
    same manager, in the order decided; a scheduled start of review and
    notes are none."""
    casework = outbox_casework(MemoryStore(), clock)
    case = decided(casework, CUSTOMER, ("Housing",))
    clock.advance(days=1)
    casework.start_review(case.id, RECORDS, ReviewTrigger.REQUESTED)
    casework.complete_review(
        case.id,
        DECIDER,
        ReviewOutcome.VARY,
        "Calmer.",
        (r.SinglePointOfContact("spoc"),),
        overrides=KEPT_UP,
    )
    casework.lift(case.id, DECIDER, "No contact for months.")
    sender = Recorder()
    Outbox(casework, notices=sender, by=RECORDS).deliver()
    assert [n.recipient.id for n in sender.sent] == ["m-hou"] * 3
    assert [n.subject.rsplit(": ", 1)[1] for n in sender.sent] == [
        "Sam Taylor, designation of 31 January 2026",
        "Sam Taylor, review of 1 February 2026",
        "Sam Taylor, lift of 1 February 2026",
    ]
    assert "The restrictions have ended" in sender.sent[2].text
    positions = [n.position for n in sender.sent]
    assert positions == sorted(positions)


def test_a_managers_failure_does_not_resend_to_the_others(clock: FrozenClock) -> None:
    """While one manager's notices fail, the others get theirs once; the
    failed manager waits at the failed decision and gets it, and those
    after it, in order on a later pass."""
    casework = outbox_casework(MemoryStore(), clock)
    first = decided(casework, CUSTOMER, ())
    second = decided(casework, Customer("CRM-8", "Alex Doe"), ())
    one = casework.history(first.id, by=RECORDS)[-1].position
    two = casework.history(second.id, by=RECORDS)[-1].position
    down = {"m-hou"}
    sender = Recorder(lambda notice: notice.recipient.id in down)
    outbox = Outbox(casework, notices=sender, by=RECORDS, sleep=no_wait)
    report = outbox.deliver()
    assert report.failed == (Undelivered("manager:m-hou", one, "ConnectionRefusedError"),)
    assert sorted(_told(sender)) == sorted(
        (manager, case, position)
        for manager in ("m-pla", "m-rev", "manager")
        for case, position in ((first.id, one), (second.id, two))
    )
    down.clear()
    again = outbox.deliver()
    assert again.ok
    assert again.delivered == (("manager:m-hou", one), ("manager:m-hou", two))
    assert len(sender.sent) == 8


def test_a_manager_without_an_address_is_reported_not_retried(clock: FrozenClock) -> None:
    """A sender that can never deliver (InvalidInput: no email address) is
    reported at once, without waiting through the backoff."""
    casework = outbox_casework(MemoryStore(), clock)
    decided(casework, CUSTOMER, ("Revenues",))
    waits: list[float] = []

    class NoAddress(Recorder):
        def send(self, notice: Notice) -> None:
            if notice.recipient.email is None:
                raise InvalidInput("Officer.email", "no address", "9.1")
            super().send(notice)

    sender = NoAddress()
    report = Outbox(casework, notices=sender, by=RECORDS, sleep=waits.append).deliver()
    assert [(each.recipient, each.reason, each.permanent) for each in report.failed] == [
        ("manager:manager", "Officer.email: no address", True)
    ]
    assert waits == []


def test_failures_are_retried_with_exponential_backoff_up_to_a_cap(clock: FrozenClock) -> None:
    """A failing send is tried ``attempts`` times in a pass, waiting first,
    then twice as long each time, never longer than the cap."""
    casework = outbox_casework(MemoryStore(), clock)
    decided(casework, CUSTOMER, ("Housing",))
    waits: list[float] = []
    backoff = Backoff(first=0.5, factor=2, cap=3, attempts=6)
    outbox = Outbox(
        casework, notices=Recorder(lambda _n: True), by=RECORDS, backoff=backoff, sleep=waits.append
    )
    assert not outbox.deliver().ok
    assert waits == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_positions_survive_a_new_outbox_and_casework(clock: FrozenClock) -> None:
    """A new Casework and Outbox on the same store carry on where the
    last stopped: nothing is told twice (a restart)."""
    store = MemoryStore()
    decided(outbox_casework(store, clock), CUSTOMER, ())
    sender = Recorder()
    Outbox(outbox_casework(store, clock), notices=sender, by=RECORDS).deliver()
    decided(outbox_casework(store, clock), Customer("CRM-9", "Jo Bloggs"), ())
    Outbox(outbox_casework(store, clock), notices=sender, by=RECORDS).deliver()
    counts = {(n.recipient.id, n.case_id) for n in sender.sent}
    assert len(sender.sent) == len(counts) == 8


def test_an_outbox_needs_a_directory_and_an_officer_to_record(clock: FrozenClock) -> None:
    """Without an officer directory the managers are unknown, and without
    ``by`` nobody records who was told: both are InvalidInput (9.1)."""
    with pytest.raises(InvalidInput) as refused:
        Outbox(Casework(MemoryStore(), clock=clock), notices=Recorder(), by=RECORDS)
    assert (refused.value.field, refused.value.section) == ("officers", "9.1")
    with pytest.raises(InvalidInput) as refused:
        Outbox(outbox_casework(MemoryStore(), clock), notices=Recorder())
    assert refused.value.field == "by"


@settings(deadline=None)
@given(
    pattern=st.lists(st.booleans(), min_size=1, max_size=40),
    services=st.lists(
        st.sampled_from([(), ("Revenues",), ("Housing", "Planning")]), min_size=1, max_size=3
    ),
)
def test_every_manager_gets_every_decision_once_in_order_whatever_fails(
    pattern: list[bool], services: list[tuple[str, ...]]
) -> None:
    """Whatever sends fail (a random pattern with a success in it,
    repeated), passes until one succeeds give each manager each notice
    owed to them exactly once, in feed order, and every decision ends up
    recorded as told."""
    clock = FrozenClock(START)
    casework = outbox_casework(MemoryStore(), clock)
    made = [
        decided(casework, Customer(f"CRM-{number}", f"Customer {number}"), scope)
        for number, scope in enumerate(services)
    ]
    tries = iter([*pattern, False] * 100)
    sender = Recorder(lambda _notice: next(tries))
    outbox = Outbox(
        casework, notices=sender, by=RECORDS, backoff=Backoff(attempts=2), sleep=no_wait
    )
    for _ in range(200):
        if outbox.deliver().ok:
            break
    owed = {
        manager.id: [
            case.id
            for case, scope in zip(made, services, strict=True)
            if manager in managers_to_tell(scope, casework.officers or {})
        ]
        for manager in (REVENUES, HOUSING, PLANNING, MANAGER)
    }
    for manager, cases in owed.items():
        got = [n for n in sender.sent if n.recipient.id == manager]
        assert [n.case_id for n in got] == cases
        assert [n.position for n in got] == sorted(n.position for n in got)
    assert casework.not_informed(by=RECORDS) == []
    assert pendulum.instance(clock.now()) == START


class Passes(threading.Event):
    """A stop event that records each wait between passes and is set after
    ``passes`` of them; ``before_wait`` runs first, each time."""

    def __init__(self, passes: int, before_wait: Callable[[], None]) -> None:
        super().__init__()
        self.passes = passes
        self.before_wait = before_wait
        self.waits: list[float] = []

    def wait(self, timeout: float | None = None) -> bool:
        assert timeout is not None
        self.waits.append(timeout)
        self.before_wait()
        if len(self.waits) >= self.passes:
            self.set()
        return self.is_set()


def test_follow_backs_off_after_failed_passes_and_stops_when_told(clock: FrozenClock) -> None:
    """``follow`` waits the interval after a good pass and the backoff's
    growing waits after failed ones (a store out of reach included), and
    returns once its stop event is set."""
    casework = outbox_casework(MemoryStore(), clock)
    decided(casework, CUSTOMER, ("Housing",))
    outcomes = iter(["down", "down", "store", "up", "up"])
    state = {"now": next(outcomes)}

    class Flaky(Recorder):
        def send(self, notice: Notice) -> None:
            if state["now"] == "down":
                raise ConnectionRefusedError
            super().send(notice)

    outbox = Outbox(
        casework,
        notices=Flaky(),
        by=RECORDS,
        backoff=Backoff(first=2, factor=3, cap=10, attempts=1),
        sleep=no_wait,
    )
    real = outbox.deliver

    def deliver() -> DeliveryReport:
        if state["now"] == "store":
            raise StoreUnavailable("the database is busy")
        return real()

    outbox.deliver = deliver  # type: ignore[method-assign]
    reports: list[DeliveryReport] = []
    stop = Passes(5, lambda: state.update(now=next(outcomes, "up")))
    outbox.follow(interval=30, stop=stop, report=reports.append)
    assert stop.waits == [2, 6, 10, 30, 30]
    assert [report.ok for report in reports] == [False, False, True, True]
    assert [len(report.delivered) for report in reports] == [0, 0, 1, 0]
