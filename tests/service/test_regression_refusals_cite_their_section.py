"""Every refusal names the section it rests on, the same one in Python, over
HTTP and at the command line: a command refused in the case's state cites
the section that gives the power to run it (its command registry entry's),
a blank initial measure the record's (7.4); and an appeal made at the point
of contact on a case it cannot be recorded on is not offered as one to
record (8.1)."""

from collections.abc import Callable

import pendulum
import pytest

from contactpolicy import (
    Behaviour,
    Case,
    CaseState,
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    FrozenClock,
    PreconditionsNotMet,
    ReadOutcome,
    TransitionNotAllowed,
    WorkItem,
)
from contactpolicy.audit.commands import REGISTRY
from contactpolicy.casework.work_queue import appeal_recordable
from contactpolicy.domain.vocabulary import Command

from support.builders import CUSTOMER, DECIDER, RECORDS

CaseIn = Callable[[CaseState], Case]


def test_a_refusal_in_the_wrong_state_cites_the_section_of_the_command(
    casework: Casework, case_in: CaseIn
) -> None:
    """Finding: ``lift`` on a reported case was refused with no section in
    Python and over HTTP, while the command line cited 7.2."""
    case = case_in(CaseState.REPORTED)
    with pytest.raises(TransitionNotAllowed) as refused:
        casework.lift(case.id, DECIDER, "Contact is now reasonable.")
    assert refused.value.section == "7.2" == REGISTRY[Command.LIFT].section
    assert str(refused.value) == (
        "[7.2] cannot lift a case that is reported: lift is possible only when the case is "
        "designated, under_review, appealed"
    )
    with pytest.raises(TransitionNotAllowed) as refused:
        casework.appeal(case.id, RECORDS, "The restrictions are not needed.")
    assert (refused.value.section, refused.value.command, refused.value.state) == (
        "8.1",
        "appeal",
        "reported",
    )
    assert str(refused.value).startswith("[8.1] cannot appeal a case that is reported: ")


def test_a_blank_measure_is_refused_under_the_records_section(
    casework: Casework, case_in: CaseIn
) -> None:
    """The record of a warning holds any initial measures put in place (7.4):
    a blank one is refused under 7.4 here as at the command line."""
    case = case_in(CaseState.REPORTED)
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.warn(
            case.id,
            DECIDER,
            Channel.LETTER,
            measures=[" . "],
            behaviours=[Behaviour.EXCESSIVE_DEMANDS],
        )
    assert [str(failure) for failure in refused.value.failures] == [
        "[7.4] each initial measure must be described, in words holding at least one letter "
        "or digit (measure_blank)"
    ]


def test_an_appeal_made_after_the_lift_is_not_offered_as_one_to_record(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """Finding: an appeal made at the point of contact after the case was
    lifted waited as "record it with its contact id", which every attempt
    refused: a dead end. It now says to deal with it otherwise, which
    ``record_read`` with a reason does (8.1)."""
    case = case_in(CaseState.LIFTED)
    assert not appeal_recordable(case, clock.now())
    clock.advance(days=2)
    letter = Contact(Channel.LETTER, clock.now(), purpose=ContactPurpose.APPEAL)
    contact_id = casework.decide_contact(CUSTOMER.id, letter, by=RECORDS).contact_id
    assert contact_id == 1
    with pytest.raises(TransitionNotAllowed) as refused:
        casework.appeal(case.id, RECORDS, "Unfair.", contact_id=contact_id)
    assert refused.value.section == "8.1"
    assert [item for item in casework.work_queue(RECORDS) if item.kind == "appeal_to_record"] == [
        WorkItem(
            "appeal_to_record",
            case.id,
            pendulum.date(2026, 2, 2),
            "An appeal against the decision or its restrictions (8.1) made by letter on "
            "2 February 2026 (contact 1) cannot be recorded on the case, which is lifted: an "
            "appeal is recorded only on a case designated or under review (8.1). Deal with it "
            "otherwise, and record how it was dealt with, with the reason (record_read with a "
            "reason; contactpolicy read --reason).",
            contact_id=1,
        )
    ]
    casework.record_read(
        contact_id, RECORDS, ReadOutcome.NOTHING_NEW, reason="The restrictions were lifted."
    )
    assert [item.kind for item in casework.work_queue(RECORDS)] == [
        "managers_not_informed",
        "not_communicated",
    ]
    assert casework.to_act_on(RECORDS) == []


def test_an_appeal_on_a_designated_case_is_still_one_to_record(
    casework: Casework, case_in: CaseIn, clock: FrozenClock
) -> None:
    """On a case an appeal can be recorded on, the item says to record it."""
    case = case_in(CaseState.DESIGNATED)
    assert appeal_recordable(case, clock.now())
    letter = Contact(Channel.LETTER, clock.now(), purpose=ContactPurpose.APPEAL)
    casework.decide_contact(CUSTOMER.id, letter, by=RECORDS)
    [item] = [item for item in casework.work_queue(RECORDS) if item.kind == "appeal_to_record"]
    assert "record it with its contact id" in item.summary
