"""A new user disposed of an appeal made at the point of contact with the
reason ".": the contact was "dealt with", every queue emptied, and no
appeal decision or letter was owed (8.1). A reason the policy requires now
says something, as a person or team told must (9.1): at least one letter or
digit, in any script; ``"."`` is ``reason_missing`` and nothing is written.
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
    InvalidInput,
    PreconditionsNotMet,
    ReadOutcome,
)
from contactpolicy.stores import MemoryStore

from support.builders import (
    CUSTOMER,
    DECIDER,
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
MADE = pendulum.datetime(2026, 3, 2, 10, tz=LONDON)
"""When the customer appeals by telephone: 10:00 on Monday 2 March 2026."""
DEALT_WITH_ONLY_WITH_WORDS = (
    "an appeal against the decision or its restrictions made at the point of contact is "
    "recorded as dealt with otherwise only with the reason, in words holding at least one "
    "letter or digit"
)


def _appealed(clock: FrozenClock) -> tuple[Casework, str, int]:
    """A designation the customer was told of, then an appeal made by
    telephone at 10:00 on 2 March 2026: the casework, the case and the
    contact's id."""
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.set(MADE)
    appeal = Contact(Channel.TELEPHONE, MADE, purpose=ContactPurpose.APPEAL, department="Revenues")
    contact_id = casework.decide_contact(CUSTOMER.id, appeal, by=STAFF).contact_id
    assert contact_id == 1
    return casework, case_id, contact_id


def test_an_appeal_disposed_of_with_a_dot_is_refused_and_still_waits(clock: FrozenClock) -> None:
    """The reproduction: ``read 1 --outcome nothing_new --reason "."`` is
    refused, ``reason_missing`` under 8.1, nothing is written, and the
    appeal still waits to be recorded, due by 30 March 2026."""
    casework, case_id, contact_id = _appealed(clock)
    before = casework.get(case_id, by=RECORDS)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.record_read(contact_id, RECORDS, ReadOutcome.NOTHING_NEW, reason=".")
    assert [(f.section, f.code, f.message) for f in refused.value.failures] == [
        ("8.1", "reason_missing", DEALT_WITH_ONLY_WITH_WORDS)
    ]
    assert casework.get(case_id, by=RECORDS).version == before.version
    assert [
        (item.kind, item.case_id, item.due.isoformat())
        for item in casework.work_queue(RECORDS)
        if item.kind == "appeal_to_record"
    ] == [("appeal_to_record", case_id, "2026-03-30")]


def test_an_appeal_dealt_with_otherwise_keeps_its_reason_in_the_history(
    clock: FrozenClock,
) -> None:
    """A reason in words is taken: the item goes, and the event keeps the
    contact, what it held and the reason (7.4, 8.1)."""
    casework, case_id, contact_id = _appealed(clock)
    reason = "Withdrawn by the customer in writing on 2 March 2026."
    casework.record_read(contact_id, RECORDS, ReadOutcome.NOTHING_NEW, reason=reason)
    assert casework.to_act_on(RECORDS) == []
    last = casework.history(case_id, by=RECORDS)[-1]
    assert (last.kind, last.actor, dict(last.data)) == (
        "record_read",
        "records",
        {"contact_id": 1, "outcome": "nothing_new", "reason": reason, "state": "designated"},
    )


def test_lifting_for_the_reason_dash_is_refused(clock: FrozenClock) -> None:
    """Every reason the policy requires takes the same rule: lifting
    restrictions for the reason "-" is ``reason_missing`` (7.2)."""
    casework, case_id, _ = _appealed(clock)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.lift(case_id, DECIDER, "-")
    assert [(f.section, f.code, f.message) for f in refused.value.failures] == [
        (
            "7.2",
            "reason_missing",
            "lifting restrictions needs a reason, in words holding at least one letter or digit",
        )
    ]
    assert casework.get(case_id, by=RECORDS).state.value == "designated"


def test_not_telling_the_customer_for_the_reason_dot_is_refused(clock: FrozenClock) -> None:
    """The reason for not telling the customer (6.3) takes the rule too,
    checked before the command: ``InvalidInput`` naming ``reason``, the
    text described, not repeated; nothing written."""
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case_id = designated_and_told(casework)
    version = casework.get(case_id, by=RECORDS).version
    with pytest.raises(InvalidInput) as refused:
        casework.record_not_told(case_id, DECIDER, ".")
    assert str(refused.value) == (
        "[6.3] reason: must say why in words holding at least one letter or digit, got a str "
        "of 1 character"
    )
    assert casework.get(case_id, by=RECORDS).version == version


def test_overriding_a_soft_precondition_for_the_reason_dash_is_refused(
    clock: FrozenClock,
) -> None:
    """So does the reason for overriding a soft precondition (6.2): a
    designation overriding ``no_incident_since_warning`` for "-" is
    ``InvalidInput`` naming the override, and no designation is made."""
    casework = Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())
    case = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    with pytest.raises(InvalidInput) as refused:
        casework.designate(
            case.id,
            DECIDER,
            PASSED,
            RESTRICTIONS,
            "Calls.",
            council_wide_because=EVERY_SERVICE,
            overrides={"no_incident_since_warning": "-"},
        )
    assert str(refused.value) == (
        "[6.2] overrides[no_incident_since_warning]: must say why in words holding at least "
        "one letter or digit, got a str of 1 character"
    )
    assert casework.get(case.id, by=RECORDS).state.value == "warned"
