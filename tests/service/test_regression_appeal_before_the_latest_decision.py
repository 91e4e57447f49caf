"""Regression: an appeal was accepted as received on 15 May although the
latest decision, which it appeals (8.1), was a review taken on 1 June, and
on 15 May no restrictions applied (they had lapsed at the end of 30 April).

An appeal recorded by an officer is against the latest decision: an appeal
names no earlier one, so one received before the latest was taken is
``appeal_before_decision`` (8.1), writing nothing. One made at the point
of contact is against the decision in force when the contact was made, so
it is recorded as received then, before a review taken since.
"""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import (
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
    PreconditionsNotMet,
    ReviewOutcome,
    ReviewTrigger,
)
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    KEPT_UP,
    ONE_OF_EACH,
    RECORDS,
    STAFF,
    designated_and_told,
)

LONDON = "Europe/London"
DESIGNATED = pendulum.datetime(2026, 1, 31, 10, tz=LONDON)
MAY = pendulum.datetime(2026, 5, 15, 10, tz=LONDON)
"""During the lapse: after 30 April, the designation's review day."""
CONTINUED = pendulum.datetime(2026, 6, 1, 10, 30, tz=LONDON)
"""When the review continued the restrictions."""
REPLACED = (
    "the appeal was received before the latest decision (the review decision) was taken, "
    "which replaced the decision it could have been against; an appeal is against the "
    "latest decision: record one received since it was taken"
)


def _casework(clock: FrozenClock) -> tuple[Casework, str]:
    """A designation of :data:`DESIGNATED`, told then; the clock there."""
    clock.set(DESIGNATED)
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    return casework, case_id


def _continue(casework: Casework, clock: FrozenClock, case_id: str) -> None:
    """The review of :data:`CONTINUED`; the clock at 13:00 that day."""
    clock.set(pendulum.datetime(2026, 6, 1, 9, tz=LONDON))
    casework.start_review(case_id, RECORDS, ReviewTrigger.REQUESTED)
    clock.set(CONTINUED)
    casework.complete_review(
        case_id, DECIDER, ReviewOutcome.CONTINUE, "Still needed.", overrides=KEPT_UP
    )
    clock.set(pendulum.datetime(2026, 6, 1, 13, tz=LONDON))


def _refused(
    casework: Casework, case_id: str, received: pendulum.DateTime
) -> list[tuple[str, str, str]]:
    before = casework.history(case_id, by=RECORDS)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.appeal(case_id, RECORDS, "Email only is hard for me.", received)
    assert casework.history(case_id, by=RECORDS) == before
    return [(each.section, each.code, each.message) for each in refused.value.failures]


def test_received_before_the_review_it_appeals_is_refused(clock: FrozenClock) -> None:
    """The reproduction: received on 15 May, recorded after the review of
    1 June; refused under 8.1, nothing written."""
    casework, case_id = _casework(clock)
    _continue(casework, clock, case_id)
    assert _refused(casework, case_id, MAY) == [("8.1", "appeal_before_decision", REPLACED)]
    assert _refused(casework, case_id, CONTINUED.subtract(minutes=1)) == [
        ("8.1", "appeal_before_decision", REPLACED)
    ]


def test_received_when_the_review_was_taken_or_later_is_recorded(clock: FrozenClock) -> None:
    casework, case_id = _casework(clock)
    _continue(casework, clock, case_id)
    case = casework.appeal(case_id, RECORDS, "Email only is hard for me.", CONTINUED)
    assert case.appeal is not None
    assert case.appeal.received_at == CONTINUED


def test_received_before_the_designation_is_refused(clock: FrozenClock) -> None:
    """With the designation the only decision, the message names none
    replaced."""
    casework, case_id = _casework(clock)
    clock.set(MAY)
    assert _refused(casework, case_id, DESIGNATED.subtract(days=1)) == [
        (
            "8.1",
            "appeal_before_decision",
            "an appeal cannot be received before the decision it appeals was taken",
        )
    ]


def test_made_at_the_point_of_contact_before_a_review_is_recorded_as_made(
    clock: FrozenClock,
) -> None:
    """An appeal made at the point of contact on 15 May, against the
    designation then in force, is recorded after the review of 1 June with
    its contact id, received when it was made (8.1)."""
    casework, case_id = _casework(clock)
    clock.set(MAY)
    contact = Contact(Channel.LETTER, MAY, department="Revenues", purpose=ContactPurpose.APPEAL)
    contact_id = casework.decide_contact(CUSTOMER.id, contact, by=STAFF).contact_id
    assert contact_id is not None
    _continue(casework, clock, case_id)
    case = casework.appeal(case_id, RECORDS, "Email only is hard for me.", contact_id=contact_id)
    assert case.appeal is not None
    assert case.appeal.received_at == MAY
