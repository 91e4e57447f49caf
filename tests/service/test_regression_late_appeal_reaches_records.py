"""Found in use: an appeal past its deadline was only in the appeal
decider's work queue: with the Director away nobody else was prompted
(8.1). It is now also the Policy and Information team's to chase, as other
overdue duties are."""

from __future__ import annotations

import pendulum

from contactpolicy import Casework, Channel, FrozenClock, WorkItem
from contactpolicy.stores import MemoryStore

from support.builders import (
    DECIDER,
    DIRECTOR,
    HEAD_OF_SERVICE,
    MANAGER,
    RECORDS,
    designated_and_told,
)


def test_an_appeal_past_its_deadline_is_also_in_the_records_teams_queue(
    clock: FrozenClock,
) -> None:
    """Before its deadline only the appeal decider sees it; past it the
    Policy and Information team sees it too, saying whom to ask."""
    officers = [MANAGER, HEAD_OF_SERVICE, DECIDER, DIRECTOR, RECORDS]
    casework = Casework(MemoryStore(), clock=clock, officers=officers)
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(pendulum.datetime(2026, 3, 2, 9, tz="Europe/London"))
    casework.appeal(case_id, MANAGER, "Email is hard for me.")
    assert [i.kind for i in casework.work_queue(RECORDS) if i.kind.startswith("appeal")] == []
    clock.set(pendulum.datetime(2026, 4, 1, 9, tz="Europe/London"))
    late = "The appeal received on 2 March 2026 was to be decided by 30 March 2026 and is past "
    assert [i for i in casework.work_queue(RECORDS) if i.kind.startswith("appeal")] == [
        WorkItem(
            "appeal_past_deadline",
            case_id,
            pendulum.date(2026, 3, 30),
            late + "its deadline (8.1). Ask the Director of Finance and Business Improvement "
            "to decide it, or arrange for another officer who may.",
        )
    ]
    assert [i for i in casework.work_queue(DIRECTOR) if i.kind.startswith("appeal")] == [
        WorkItem(
            "appeal_past_deadline",
            case_id,
            pendulum.date(2026, 3, 30),
            late + "its deadline (8.1).",
        )
    ]
    assert [i.kind for i in casework.work_queue(DECIDER) if i.kind.startswith("appeal")] == []
