"""An appeal or a data request made at the point of contact waits for the
Policy and Information team with a deadline counted from the contact (8.1;
UK GDPR Art. 12(3)). It was worked out whenever the work queue was read, so
closure days added afterwards moved an appeal waiting to be recorded from
14 to 18 January 2027, and the appeal then recorded with its contact was
given 18 January; a changed ``timezone`` moved a data request's month. The
day is now worked out as the contact is made, kept in its event and on
the item (``ToActOn.due``), and the appeal recorded with its contact keeps
it. Items left before it was kept are worked out as before."""

from __future__ import annotations

import attrs
import pendulum

from contactpolicy import Casework, ContactPurpose, FrozenClock, WorkItem
from contactpolicy.domain.policy import Policy
from contactpolicy.stores import MemoryStore, Store

from support.appeal_deadlines import (
    AS_RECEIVED,
    CLOSED,
    DUE,
    OFFICERS,
    RECEIVED,
    as_last_release,
    made_at_contact,
)
from support.builders import MANAGER, RECORDS

REQUESTED = pendulum.datetime(2026, 12, 31, 23, 30, tz="UTC")
"""A data request at 23:30 on 31 December 2026 in London, 12:30 on 1
January 2027 in Auckland."""
AUCKLAND = attrs.evolve(AS_RECEIVED, timezone="Pacific/Auckland")
"""The same council, keeping its days in New Zealand's time zone."""


def _under(policy: Policy, store: Store, clock: FrozenClock) -> Casework:
    """The council's casework on ``store`` once its configuration is ``policy``."""
    return Casework(store, policy, clock=clock, officers=OFFICERS)


def _waiting(casework: Casework, kind: str) -> list[WorkItem]:
    return [item for item in casework.work_queue(RECORDS) if item.kind == kind]


def test_an_appeal_waiting_to_be_recorded_keeps_the_day_counted_from_the_contact() -> None:
    store = MemoryStore()
    clock, case_id, _ = made_at_contact(store, ContactPurpose.APPEAL, RECEIVED)
    casework = _under(CLOSED, store, clock)
    [item] = casework.get(case_id, by=RECORDS).to_act_on
    assert (item.due, item.deadline(CLOSED)) == (DUE, DUE)
    [waiting] = _waiting(casework, "appeal_to_record")
    assert waiting.due == DUE
    assert waiting.summary.endswith(
        "Its decision is due by 14 January 2027, counted from then (8.1)."
    )


def test_the_appeal_recorded_with_its_contact_keeps_that_day() -> None:
    """Recorded on 4 January 2027 under :data:`CLOSED`, which counts 18
    January: the appeal is due on the day kept with the contact."""
    store = MemoryStore()
    clock, case_id, contact_id = made_at_contact(store, ContactPurpose.APPEAL, RECEIVED)
    casework = _under(CLOSED, store, clock)
    clock.set(pendulum.datetime(2027, 1, 4, 10, tz="Europe/London"))
    case = casework.appeal(case_id, MANAGER, "Email is hard for me.", contact_id=contact_id)
    [appeal] = case.appeals
    assert (appeal.received_at, appeal.due) == (RECEIVED, DUE)
    assert casework.history(case_id, by=RECORDS)[-1].data["due"] == "2027-01-14"


def test_a_data_requests_month_is_kept_when_the_time_zone_changes() -> None:
    """31 December in London: due 31 January 2027; in Auckland it would be
    1 January, due 1 February."""
    assert AUCKLAND.data_request_due(REQUESTED) == pendulum.date(2027, 2, 1)
    store = MemoryStore()
    clock, case_id, _ = made_at_contact(store, ContactPurpose.DATA_REQUEST, REQUESTED)
    casework = _under(AUCKLAND, store, clock)
    [waiting] = _waiting(casework, "data_request")
    assert (waiting.case_id, waiting.due) == (case_id, pendulum.date(2027, 1, 31))
    assert casework.verify(case_id).ok


def test_an_item_left_before_the_day_was_kept_is_worked_out_as_before() -> None:
    """No ``due`` in its event: worked out from :data:`CLOSED`, the
    configuration in use, 18 January 2027; and so is the appeal recorded
    with it now."""
    made = MemoryStore()
    clock, case_id, contact_id = made_at_contact(made, ContactPurpose.APPEAL, RECEIVED)
    held = MemoryStore()
    as_last_release(made, case_id, held)
    casework = _under(CLOSED, held, clock)
    [item] = casework.get(case_id, by=RECORDS).to_act_on
    assert (item.due, item.deadline(CLOSED)) == (None, pendulum.date(2027, 1, 18))
    assert [each.due for each in _waiting(casework, "appeal_to_record")] == [
        pendulum.date(2027, 1, 18)
    ]
    assert casework.verify(case_id).ok
    case = casework.appeal(case_id, MANAGER, "Email is hard for me.", contact_id=contact_id)
    assert case.appeals[0].due == pendulum.date(2027, 1, 18)
