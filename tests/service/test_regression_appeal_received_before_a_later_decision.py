"""An appeal received on 15 May, while the designation's restrictions had
lapsed (at the end of 30 April), and recorded after a review on 1 June
continued them: an appeal is against the restrictions the designation set
(8.1), so it is recorded as received when the council had it, and its 20
working days count from then, whether an officer records it with
``received_at`` or it was made at the point of contact. Refusing it, or
recording it as received after the review, would count the customer's
deadline from later than the council had their appeal. Only one received
before the designation is ``appeal_before_decision``, writing nothing.
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


def test_received_before_the_review_is_recorded_as_received(clock: FrozenClock) -> None:
    """Received on 15 May, recorded after the review of 1 June: received on
    15 May, a Friday, due 20 working days later (15 June, with the Spring
    bank holiday of 25 May left out)."""
    casework, case_id = _casework(clock)
    _continue(casework, clock, case_id)
    case = casework.appeal(case_id, RECORDS, "Email only is hard for me.", MAY)
    assert case.appeal is not None
    assert case.appeal.received_at == MAY
    assert casework.policy.appeal_decision_due(MAY) == pendulum.date(2026, 6, 15)


def test_received_before_the_designation_is_refused(clock: FrozenClock) -> None:
    """A day before the designation: refused under 8.1, nothing written."""
    casework, case_id = _casework(clock)
    clock.set(MAY)
    assert _refused(casework, case_id, DESIGNATED.subtract(days=1)) == [
        (
            "8.1",
            "appeal_before_decision",
            "an appeal cannot be received (2026-01-30T10:00:00+00:00) before the "
            "designation it appeals was decided (2026-01-31T10:00:00+00:00)",
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
