"""Regression: a letter to a customer the case holds no contact details of
was written with an empty address block (the customer's name, then
nothing), and nothing said it could not be addressed. It is now refused,
``contact_details_missing`` (6.3), saying how to record them; once
``customer.contact`` is corrected (7.4) the letter is addressed. Recording
that the decision was communicated by letter stays possible: a letter sent
through the council's own systems did tell the customer."""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import (
    Casework,
    Channel,
    Customer,
    FrozenClock,
    LetterKind,
    PreconditionsNotMet,
)
from contactpolicy.stores import MemoryStore

from support.builders import DECIDER, MANAGER, RECORDS, START, incident


def _no_action_for(casework: Casework, contact: str) -> str:
    """A case of Chris Doe, holding ``contact`` as their contact details,
    closed with no action (6.1); its id."""
    customer = Customer("CRM-20", "Chris Doe", contact)
    case = casework.report(customer, "benefits claim", [incident()], MANAGER)
    casework.decide_no_action(case.id, DECIDER, "Single incident; not persistent")
    return case.id


def test_a_letter_to_a_customer_with_no_contact_details_is_refused() -> None:
    """The no action letter is refused naming 6.3 and saying how to record
    the contact details, for every kind asked of the case."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    case_id = _no_action_for(casework, "")
    with pytest.raises(PreconditionsNotMet) as refused:
        casework.letter(case_id, LetterKind.NO_ACTION, by=RECORDS)
    assert str(refused.value) == (
        "cannot write the no action letter: the policy requires\n"
        "  - [6.3] the case holds no contact details for the customer, so the letter "
        "cannot be addressed: record them first, as a correction of customer.contact "
        "(rectify, 7.4) (contact_details_missing)"
    )
    assert refused.value.codes == ("contact_details_missing",)


def test_the_letter_is_addressed_once_the_contact_details_are_corrected() -> None:
    """After ``rectify`` of ``customer.contact`` the letter gives the address
    under the customer's name."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    case_id = _no_action_for(casework, "")
    casework.rectify(
        case_id, RECORDS, "customer.contact", "3 High Street\nMaidstone", "Given by phone"
    )
    letter = casework.letter(case_id, LetterKind.NO_ACTION, by=RECORDS)
    assert letter.text.splitlines()[4:8] == ["Chris Doe", "3 High Street", "Maidstone", ""]


def test_communicated_by_letter_is_still_recorded_without_contact_details() -> None:
    """A decision told by a letter sent through the council's own systems
    is recorded as communicated, contact details or none (6.3)."""
    casework = Casework(MemoryStore(), clock=FrozenClock(START))
    case_id = _no_action_for(casework, "")
    told = pendulum.datetime(2026, 2, 2, 10, tz="Europe/London")
    casework.clock.set(told)  # type: ignore[attr-defined]
    case = casework.record_communicated(case_id, RECORDS, told, Channel.LETTER)
    assert case.decision is not None
    communication = case.decision.communicated
    assert communication is not None
    assert (communication.method, communication.at) == (Channel.LETTER, told)
