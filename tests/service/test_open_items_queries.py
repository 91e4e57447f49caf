"""What waits on the cases, read through the indexed cases with an item
(``CaseStore.with_open_items``): ``Casework.to_read``, ``to_act_on`` and
``new_issues`` and the work queue's items answer exactly as when they read
every case (5.1, 7.3, 8.1; UK GDPR Art. 12(3))."""

from __future__ import annotations

import pendulum

from contactpolicy import (
    Casework,
    Channel,
    ContactPurpose,
    FrozenClock,
    NewIssue,
    ReadOutcome,
    ToActOn,
    ToRead,
)
from contactpolicy.casework.work_queue import (
    new_issue_markers,
    waiting_to_act_on,
    waiting_to_read,
)

from support.builders import DECIDER, MANAGER, RECORDS
from support.open_items import scene

HOUR = [pendulum.datetime(2026, 1, 31, hour, tz="UTC") for hour in range(24)]
"""The hours of 31 January 2026, the day of the scene (UTC, as stored)."""

KINDS = {
    "to_read",
    "appeal_to_record",
    "data_request",
    "new_issue",
    "finding_to_act_on",
}


def test_the_three_queries_give_every_item_waiting_the_oldest_first(
    casework: Casework, clock: FrozenClock
) -> None:
    """On the scene: the two letters to read (one on the lifted case), the
    appeal and the data request to act on, and the new issue and the
    finding on the lifted case, each with its contact and time; the Policy
    and Information team reads both letters, named to ``records``."""
    found = scene(casework, clock)
    assert casework.to_read() == [
        (found.restricted, ToRead(found.letter, HOUR[11], Channel.LETTER, reader="records")),
        (found.lifted, ToRead(found.filed, HOUR[15], Channel.LETTER, reader="records")),
    ]
    assert casework.to_read(RECORDS) == casework.to_read()
    assert casework.to_read(MANAGER) == []
    assert casework.to_act_on() == [
        (
            found.restricted,
            ToActOn(
                found.appeal,
                HOUR[12],
                Channel.EMAIL,
                ContactPurpose.APPEAL,
                pendulum.date(2026, 2, 27),
            ),
        ),
        (
            found.reported,
            ToActOn(
                found.data_request,
                HOUR[14],
                Channel.EMAIL,
                ContactPurpose.DATA_REQUEST,
                pendulum.date(2026, 2, 28),
            ),
        ),
    ]
    assert casework.to_act_on(DECIDER) == []
    assert casework.new_issues() == [
        (found.restricted, NewIssue(found.new_issue, HOUR[13], issue="housing")),
        (found.lifted, NewIssue(found.found, HOUR[16], ReadOutcome.NEW_ISSUE)),
    ]


def test_the_queries_answer_as_reading_every_case_does(
    casework: Casework, clock: FrozenClock
) -> None:
    """The same items as the one rule of each query applied to every case
    in the store, in the same order."""
    scene(casework, clock)
    every = casework.store.cases()
    assert len(every) == 3
    assert casework.to_read() == waiting_to_read(every)
    assert casework.to_act_on() == waiting_to_act_on(every)
    assert casework.new_issues() == new_issue_markers(every)


def test_the_work_queue_holds_each_item_on_its_case(casework: Casework, clock: FrozenClock) -> None:
    """The Policy and Information team's queue holds one item for each
    thing waiting, of its kind, on its case, due as the policy says: the
    appeal's decision within 20 working days (8.1), the data request's
    answer within one month (UK GDPR Art. 12(3)), the rest the day they
    were left. (Case ids are drawn at random, so the queue's order by case
    is not pinned here.)"""
    found = scene(casework, clock)
    day = pendulum.date(2026, 1, 31)
    queued = [
        (item.kind, item.case_id, item.due)
        for item in casework.work_queue(RECORDS)
        if item.kind in KINDS
    ]
    assert sorted(queued) == sorted(
        [
            ("finding_to_act_on", found.lifted, day),
            ("to_read", found.lifted, day),
            ("new_issue", found.restricted, day),
            ("to_read", found.restricted, day),
            ("appeal_to_record", found.restricted, pendulum.date(2026, 2, 27)),
            ("data_request", found.reported, pendulum.date(2026, 2, 28)),
        ]
    )
