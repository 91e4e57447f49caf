"""An appeal is never received before an earlier appeal on the case was
decided (8.1): one received while the first waited, or before it, is part
of that appeal, so recording it as a second appeal would put on the record
an appeal "undecided and late" that cannot have happened. It is refused
(``appeal_during_earlier_appeal``), writing nothing, and its grounds go on
the case as a note; one received after the first was decided is recorded.
An appeal made at the point of contact before the designation is never
offered as one to record: the Policy and Information team deal with it
otherwise (``record_read`` with a reason).
"""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import (
    AppealOutcome,
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
    PreconditionsNotMet,
    ReadOutcome,
    WorkItem,
)
from contactpolicy.casework.work_queue import appeal_recordable
from contactpolicy.domain.preconditions import appeal_follows
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
    DIRECTOR,
    EVERY_SERVICE,
    MANAGER,
    ONE_OF_EACH,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    STAFF,
    designated_and_told,
    incident,
    warn_and_continue,
)

LONDON = "Europe/London"
DESIGNATED = pendulum.datetime(2026, 2, 2, 10, tz=LONDON)
FIRST = pendulum.datetime(2026, 2, 6, 10, tz=LONDON)
"""When the first appeal was received."""
DISMISSED = pendulum.datetime(2026, 3, 10, 10, tz=LONDON)
"""When the first appeal was dismissed."""
LATER = pendulum.datetime(2026, 5, 12, 10, tz=LONDON)
"""When the second appeal is recorded."""
DURING = (
    "an appeal cannot be received before the earlier appeal on this case (received "
    "2026-02-06T10:00:00+00:00) was decided (2026-03-10T10:00:00+00:00): one received while it "
    "waited, or before it, is part of that appeal; add its grounds to the case as a note"
)


def _dismissed(clock: FrozenClock) -> tuple[Casework, str]:
    """A designation of :data:`DESIGNATED`, its appeal of :data:`FIRST`
    dismissed at :data:`DISMISSED`; the clock at :data:`LATER`."""
    clock.set(DESIGNATED)
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = designated_and_told(casework)
    clock.set(FIRST)
    casework.appeal(case_id, RECORDS, "Email only is hard for me.")
    clock.set(DISMISSED)
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Still needed.")
    clock.set(LATER)
    return casework, case_id


@pytest.mark.parametrize(
    "received",
    [
        pendulum.datetime(2026, 2, 3, 10, tz=LONDON),
        pendulum.datetime(2026, 3, 1, 10, tz=LONDON),
        DISMISSED.subtract(seconds=1),
    ],
    ids=["before_the_first", "while_it_waited", "a_second_before_its_decision"],
)
def test_received_before_the_earlier_appeal_was_decided_is_refused(
    clock: FrozenClock, received: pendulum.DateTime
) -> None:
    """Back-dated to before the first appeal, or to while it waited:
    refused under 8.1, nothing written."""
    casework, case_id = _dismissed(clock)
    before = casework.history(case_id, by=RECORDS)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.appeal(case_id, RECORDS, "again", received)
    assert [(each.section, each.code, each.message) for each in refused.value.failures] == [
        ("8.1", "appeal_during_earlier_appeal", DURING)
    ]
    assert casework.history(case_id, by=RECORDS) == before
    case = casework.get(case_id, by=RECORDS)
    assert [appeal.received_at for appeal in case.appeals] == [FIRST]


def test_received_before_the_designation_is_still_before_the_decision(
    clock: FrozenClock,
) -> None:
    """Before the designation itself: ``appeal_before_decision``, as before."""
    casework, case_id = _dismissed(clock)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.appeal(case_id, RECORDS, "again", DESIGNATED.subtract(days=1))
    assert [each.code for each in refused.value.failures] == ["appeal_before_decision"]


def test_received_after_the_earlier_appeal_was_decided_is_recorded(clock: FrozenClock) -> None:
    """From the first appeal's decision on, a new appeal is recorded as
    received when the council had it; appeal_follows is that decision."""
    casework, case_id = _dismissed(clock)
    case = casework.get(case_id, by=RECORDS)
    assert appeal_follows(case) == DISMISSED
    received = pendulum.datetime(2026, 4, 1, 10, tz=LONDON)
    case = casework.appeal(case_id, RECORDS, "again", received)
    assert [appeal.received_at for appeal in case.appeals] == [FIRST, received]
    assert case.appeal_pending


def test_received_when_the_earlier_appeal_was_decided_is_recorded(clock: FrozenClock) -> None:
    """At the very moment of the first appeal's decision: recorded."""
    casework, case_id = _dismissed(clock)
    case = casework.appeal(case_id, RECORDS, "again", DISMISSED)
    assert [appeal.received_at for appeal in case.appeals] == [FIRST, DISMISSED]


def _made_before_designation(clock: FrozenClock) -> tuple[Casework, str, int]:
    """A case warned, an appeal made by email at the point of contact on
    1 February, designated on 2 February: the casework, case and contact id."""
    clock.set(pendulum.datetime(2026, 1, 31, 10, tz=LONDON))
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    made = pendulum.datetime(2026, 2, 1, 10, tz=LONDON)
    clock.set(made)
    email = Contact(Channel.EMAIL, made, purpose=ContactPurpose.APPEAL)
    decision = casework.decide_contact(CUSTOMER.id, email, by=STAFF)
    assert decision.reasons == (
        "An appeal against the decision or its restrictions (8.1): no decision it could appeal "
        "had been made, so it is not registered as an appeal; accept and answer it whatever "
        "the restrictions, and pass it to the Policy and Information team to deal with "
        "otherwise.",
    )
    contact_id = decision.contact_id
    assert contact_id is not None
    clock.set(DESIGNATED)
    casework.designate(
        case.id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    clock.set(pendulum.datetime(2026, 2, 3, 10, tz=LONDON))
    return casework, case.id, contact_id


def test_an_appeal_made_before_the_designation_is_dealt_with_otherwise(
    clock: FrozenClock,
) -> None:
    """Made the day before the designation: the work queue never asks to
    record it as an appeal, which the guard refuses; it asks the Policy and
    Information team to deal with it otherwise, which record_read does."""
    casework, case_id, contact_id = _made_before_designation(clock)
    case = casework.get(case_id, by=RECORDS)
    assert not appeal_recordable(case, pendulum.datetime(2026, 2, 1, 10, tz=LONDON))
    assert appeal_recordable(case, DESIGNATED)
    assert [item for item in casework.work_queue(RECORDS) if item.kind == "appeal_to_record"] == [
        WorkItem(
            "appeal_to_record",
            case_id,
            pendulum.date(2026, 2, 1),
            f"An appeal against the decision or its restrictions (8.1) made by email on "
            f"1 February 2026 (contact {contact_id}) came before the designation it would "
            "appeal (8.1). Deal with it otherwise, and record how it was dealt with, with the "
            "reason (record_read with a reason; contactpolicy read --reason).",
            contact_id=contact_id,
        )
    ]
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.appeal(case_id, RECORDS, "g", contact_id=contact_id)
    assert [each.code for each in refused.value.failures] == ["appeal_before_decision"]
    casework.record_read(
        contact_id, RECORDS, ReadOutcome.NOTHING_NEW, reason="Made before the designation."
    )
    assert casework.to_act_on(RECORDS) == []


def test_an_appeal_made_while_an_appeal_waits_is_part_of_it(clock: FrozenClock) -> None:
    """Made at the point of contact while the first appeal waits: never
    offered as a second appeal to record, before or after the first is
    decided; its grounds are a note on the first."""
    clock.set(DESIGNATED)
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = designated_and_told(casework)
    clock.set(FIRST)
    casework.appeal(case_id, RECORDS, "Email only is hard for me.")
    made = pendulum.datetime(2026, 2, 9, 10, tz=LONDON)
    clock.set(made)
    letter = Contact(Channel.LETTER, made, purpose=ContactPurpose.APPEAL)
    contact_id = casework.decide_contact(CUSTOMER.id, letter, by=STAFF).contact_id
    expected = WorkItem(
        "appeal_to_record",
        case_id,
        pendulum.date(2026, 2, 9),
        f"An appeal against the decision or its restrictions (8.1) made by letter on "
        f"9 February 2026 (contact {contact_id}) came before the appeal received on "
        "6 February 2026 was decided, so it is part of that appeal, not a new one (8.1): add "
        "its grounds to the case as a note. Deal with it otherwise, and record how it was dealt "
        "with, with the reason (record_read with a reason; contactpolicy read --reason).",
        contact_id=contact_id,
    )
    waiting = [item for item in casework.work_queue(RECORDS) if item.kind == "appeal_to_record"]
    assert waiting == [expected]
    clock.set(DISMISSED)
    casework.decide_appeal(case_id, DIRECTOR, AppealOutcome.DISMISSED, "Still needed.")
    waiting = [item for item in casework.work_queue(RECORDS) if item.kind == "appeal_to_record"]
    assert waiting == [expected]
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.appeal(case_id, RECORDS, "g", contact_id=contact_id)
    assert [each.code for each in refused.value.failures] == ["appeal_during_earlier_appeal"]
