"""Regression: a scheduled review could not start before its review day,
while the work queue already said "plan it, or the restrictions lapse".

Designated on 6 January 2026 (review due 6 April), ``start_review`` with
the scheduled trigger on 1 April was refused ``review_not_due`` with an ISO
date, and the only way to start sooner recorded it as asked for by the
customer (7.4: the record must be accurate). A scheduled review now starts
from when the work queue shows it coming due (``COMING_DUE``, 14 days
before its day), up to and past its day; before then the refusal gives
both dates in words (7.2).
"""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import (
    Behaviour,
    Casework,
    Channel,
    Failure,
    FrozenClock,
    Incident,
    PreconditionsNotMet,
    ReviewTrigger,
)
from contactpolicy import restrictions as r
from contactpolicy.casework import work_queue
from contactpolicy.domain import policy
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    warn_and_continue,
)
from support.command_line import CommandLine

LONDON = "Europe/London"


def _designated() -> tuple[Casework, FrozenClock, str]:
    """A case designated at 10:00 on 6 January 2026 and told: the casework,
    its clock and the case's id."""
    clock = FrozenClock(pendulum.datetime(2026, 1, 6, 10, tz=LONDON))
    casework = Casework(MemoryStore(), clock=clock)
    first = Incident(
        Behaviour.EXCESSIVE_DEMANDS,
        pendulum.datetime(2026, 1, 2, 10, tz=LONDON),
        Channel.TELEPHONE,
        "23 calls in one day",
    )
    case = casework.report(CUSTOMER, "council tax", [first], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id,
        DECIDER,
        PASSED,
        [r.CallTimeLimit(30)],
        "Calls.",
        council_wide_because=EVERY_SERVICE,
    )
    casework.record_communicated(case.id, RECORDS, clock.now(), Channel.LETTER)
    casework.record_informed(case.id, RECORDS, ["Jo Smith"])
    return casework, clock, case.id


def test_the_work_queue_and_the_guard_read_one_coming_due() -> None:
    """One owner: the work queue's ``COMING_DUE`` is the domain policy's,
    14 days."""
    assert work_queue.COMING_DUE is policy.COMING_DUE
    assert pendulum.duration(days=14) == policy.COMING_DUE


def test_a_scheduled_review_starts_on_1_april_once_it_shows_as_coming_due() -> None:
    """The reproduction: on 1 April the work queue lists the review coming
    due, and a scheduled review starts then, recorded as scheduled."""
    casework, clock, case_id = _designated()
    assert casework.get(case_id).review_due == pendulum.date(2026, 4, 6)
    clock.set(pendulum.datetime(2026, 4, 1, 10, tz=LONDON))
    [item] = casework.work_queue(RECORDS)
    assert (item.kind, item.summary) == (
        "review_coming_due",
        "The review is due on 6 April 2026 (7.2): start it now and complete it by then, or "
        "the restrictions lapse.",
    )
    started = casework.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    assert started.review is not None
    assert (started.review.trigger, started.review.started_at) == (
        ReviewTrigger.SCHEDULED,
        pendulum.datetime(2026, 4, 1, 10, tz=LONDON),
    )


def test_before_it_comes_due_a_scheduled_review_is_refused_with_dates_in_words() -> None:
    """On 22 March, the day before it comes due, nothing shows in the work
    queue and ``start_review`` is refused, naming the review day and the
    first day it may start, in words; nothing is written. From the start of
    23 March it starts."""
    casework, clock, case_id = _designated()
    clock.set(pendulum.datetime(2026, 3, 22, 23, 59, tz=LONDON))
    assert casework.work_queue(RECORDS) == []
    history = casework.history(case_id)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    assert refused.value.failures == (
        Failure(
            "7.2",
            "review_not_due",
            "the scheduled review is due on 6 April 2026 and may start from 23 March 2026, "
            "when it comes due",
        ),
    )
    assert casework.history(case_id) == history
    clock.set(pendulum.datetime(2026, 3, 23, 0, 0, tz=LONDON))
    assert [item.kind for item in casework.work_queue(RECORDS)] == ["review_coming_due"]
    started = casework.start_review(case_id, RECORDS, ReviewTrigger.SCHEDULED)
    assert started.review is not None
    assert started.review.trigger is ReviewTrigger.SCHEDULED


def test_a_scheduled_review_starts_at_the_command_line_once_it_comes_due(
    command: CommandLine,
) -> None:
    """At the command line: designated on 30 January 2026 (review due 30
    April), ``review start`` on 15 April is refused with both dates in
    words, and on 16 April it starts."""
    case_id = command.told()
    command.clock.set(pendulum.datetime(2026, 4, 15, 12, tz=LONDON))
    ran = command("--as", "lwong", "review", "start", case_id)
    assert ran.status == 1
    assert ran.err == (
        "refused: cannot run 'review start': the policy requires\n"
        "  - [7.2] the scheduled review is due on 30 April 2026 and may start from "
        "16 April 2026, when it comes due (review_not_due)\n"
    )
    command.clock.set(pendulum.datetime(2026, 4, 16, 9, tz=LONDON))
    ran = command("--as", "lwong", "review", "start", case_id)
    assert ran.out == f"Case {case_id} is under review.\n"
