"""Regression: warned (and only reported) cases stayed open for good with
nobody prompted.

Eight cases warned on 28 July 2027 with no incident since were still
"warned" in March 2035: no officer's work queue listed them, and a purge
never erases an open case. An open case gone stale is now an
``open_case_stale`` item (6.1, 7.2: records are not kept past their use)
for the officer who reported it, the one who warned, and the Policy and
Information team: a warned case from the day its warning expires
(``warning_valid_months``), a reported one with no warning
``report_stale_months`` after the report or its latest incident. It ends
when the case is closed or moves on, and never waits in nobody's queue.
"""

from __future__ import annotations

import pendulum

from contactpolicy import (
    Behaviour,
    Casework,
    Channel,
    FrozenClock,
    Incident,
    Officer,
    Policy,
    Role,
    WorkItem,
)
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    HEAD_OF_SERVICE,
    MANAGER,
    ONE_OF_EACH,
    RECORDS,
    STAFF,
    START,
    incident,
)

WARNER = Officer("warner", "Wyn Warner", {Role.DECISION_MAKER})
"""An officer who warns a case someone else reported: one who may read its
file (a manager acts only on cases within their area, 6.1)."""
END = (
    "close it with no action (6.1: the decision maker decides no action, or the officer "
    "who reported it withdraws the request)"
)


def _casework(clock: FrozenClock, policy: Policy | None = None) -> Casework:
    directory = {each.id: each for each in (*ONE_OF_EACH.values(), WARNER)}
    if policy is None:
        return Casework(MemoryStore(), clock=clock, officers=directory)
    return Casework(MemoryStore(), policy=policy, clock=clock, officers=directory)


def _stale(casework: Casework, officer: Officer) -> list[WorkItem]:
    return [item for item in casework.work_queue(officer) if item.kind == "open_case_stale"]


def test_a_warned_case_with_no_incident_since_waits_once_its_warning_expires() -> None:
    """The reproduction: warned on 31 January 2026 by another officer, no
    incident since; nothing on 30 July, then an item for the manager who
    reported it, the one who warned and the Policy and Information team,
    for nobody else, until the decision maker decides no action."""
    clock = FrozenClock(START)
    casework = _casework(clock)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    casework.warn(case.id, WARNER, Channel.LETTER, ["calls limited to 10 minutes"])
    clock.set(pendulum.datetime(2026, 7, 30, 23, tz="Europe/London"))
    assert _stale(casework, MANAGER) == []
    clock.set(pendulum.datetime(2035, 3, 1, 10, tz="Europe/London"))
    item = WorkItem(
        "open_case_stale",
        case.id,
        pendulum.date(2026, 7, 31),
        "The warning given on 31 January 2026 expired on 31 July 2026 with no incident since "
        f"(6.3, 7.2): {END}, or take it forward.",
    )
    for officer in (MANAGER, WARNER, RECORDS):
        assert _stale(casework, officer) == [item]
    for officer in (STAFF, HEAD_OF_SERVICE, DECIDER):
        assert _stale(casework, officer) == []
    casework.decide_no_action(case.id, DECIDER, "No contact since the warning.")
    for officer in (MANAGER, WARNER, RECORDS):
        assert _stale(casework, officer) == []


def test_contact_continued_after_an_expired_warning_asks_for_a_reason_to_go_forward() -> None:
    """6.3: an incident after the warning, then nothing: from the expiry the
    item says contact continued and a designation needs a recorded reason."""
    clock = FrozenClock(START)
    casework = _casework(clock)
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    casework.warn(case.id, MANAGER, Channel.LETTER, ["calls limited to 10 minutes"])
    clock.advance(days=10)
    again = Incident(Behaviour.EXCESSIVE_DEMANDS, clock.now(), Channel.TELEPHONE, "Called again.")
    casework.add_incident(case.id, again, MANAGER)
    clock.set(pendulum.datetime(2026, 8, 1, 10, tz="Europe/London"))
    assert _stale(casework, RECORDS) == [
        WorkItem(
            "open_case_stale",
            case.id,
            pendulum.date(2026, 7, 31),
            "The warning given on 31 January 2026 expired on 31 July 2026; contact continued "
            "after it, last on 10 February 2026 (6.3, 7.2): take it forward (a designation now "
            f"needs a recorded reason for the expired warning), or {END}.",
        )
    ]


def test_a_reported_case_with_no_warning_waits_after_the_months_the_policy_sets() -> None:
    """7.2: reported on 31 January 2026 (latest incident the day before),
    the item is due on 30 April 2026 under Maidstone's three months; a
    council setting one month gets it on 28 February; it ends once the
    customer is warned."""
    for months, due in ((3, pendulum.date(2026, 4, 30)), (1, pendulum.date(2026, 2, 28))):
        clock = FrozenClock(START)
        casework = _casework(clock, Policy(report_stale_months=months))
        case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
        clock.set(pendulum.datetime(due.year, due.month, due.day, 9, tz="Europe/London"))
        assert _stale(casework, MANAGER) == [
            WorkItem(
                "open_case_stale",
                case.id,
                due,
                "Reported with no warning or decision, and nothing recorded since 31 January "
                "2026 (7.2): take it forward (warn the customer, or ask the decision maker to "
                f"decide), or {END}.",
            )
        ]
        assert _stale(casework, RECORDS) == _stale(casework, MANAGER)
        casework.warn(case.id, MANAGER, Channel.LETTER, ["calls limited to 10 minutes"])
        assert _stale(casework, MANAGER) == []


def test_a_stale_case_nobody_in_the_directory_reported_goes_to_the_heads_of_service() -> None:
    """The manager who reported it has left and there is no Policy and
    Information team: the heads of service get it; with no head of service
    either, every officer in the directory does."""
    clock = FrozenClock(START)
    store = MemoryStore()
    directory = {each.id: each for each in (MANAGER, DECIDER, HEAD_OF_SERVICE, STAFF)}
    case = Casework(store, clock=clock, officers=directory).report(
        CUSTOMER, "council tax", [incident()], by=MANAGER
    )
    clock.set(pendulum.datetime(2026, 5, 1, 10, tz="Europe/London"))
    summary = (
        "Reported with no warning or decision, and nothing recorded since 31 January 2026 "
        "(7.2): take it forward (warn the customer, or ask the decision maker to decide), or "
        f"{END}."
    )
    left = {each.id: each for each in (DECIDER, HEAD_OF_SERVICE, STAFF)}
    casework = Casework(store, clock=clock, officers=left)
    assert _stale(casework, HEAD_OF_SERVICE) == [
        WorkItem(
            "open_case_stale",
            case.id,
            pendulum.date(2026, 4, 30),
            f"{summary} Nobody in the officer directory reported or warned it and it holds no "
            "Policy and Information team: pass it to the manager now responsible.",
        )
    ]
    assert _stale(casework, STAFF) == _stale(casework, DECIDER) == []
    casework = Casework(store, clock=clock, officers={DECIDER.id: DECIDER, STAFF.id: STAFF})
    everyone = [
        WorkItem(
            "open_case_stale",
            case.id,
            pendulum.date(2026, 4, 30),
            f"{summary} It is shown to every officer, as the officer directory holds nobody "
            "who reported or warned it, no Policy and Information team and no Head of Service.",
        )
    ]
    assert _stale(casework, STAFF) == _stale(casework, DECIDER) == everyone
