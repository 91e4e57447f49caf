"""Regression: with restrictions scoped to the Revenues service, a contact
for "Revenues" with a zero-width space, a right-to-left mark or an escape,
or for "Revenues" with a full-width R (U+FF32), was allowed with no reason given,
and ``designate`` accepted a service with a zero-width space, a restriction
that would never match. The unseen characters are now refused before
anything is written, and a full-width spelling reaches the restriction."""

from __future__ import annotations

import pendulum
import pytest

from contactpolicy import (
    Assessment,
    Behaviour,
    Casework,
    Channel,
    Contact,
    Customer,
    FrozenClock,
    Incident,
    InvalidInput,
    Officer,
    Role,
)
from contactpolicy.restrictions import SingleContactMethod
from contactpolicy.stores import MemoryStore

START = pendulum.datetime(2026, 1, 5, 9, tz="Europe/London")
MANAGER = Officer("jsmith", "Jo", {Role.MANAGER})
DECIDER = Officer("mking", "Mel", {Role.DECISION_MAKER})
RECORDS = Officer("lwong", "Lee", {Role.RECORDS})
PASSED = Assessment(
    issue_investigated=True,
    communications_adequate=True,
    no_significant_new_information=True,
    adjustments_considered=True,
)
EMAIL_ONLY = (
    "Contact is limited to email (5.1): do not accept this telephone contact; "
    "tell the customer to use email."
)


def _reported(casework: Casework, clock: FrozenClock, customer_id: str) -> str:
    """A case of threats made to Revenues by telephone: its id."""
    threat = Incident(Behaviour.THREATS, clock.now(), Channel.TELEPHONE, "Threats.", "Revenues")
    return casework.report(Customer(customer_id, "Sam"), "tax", [threat], by=MANAGER).id


def _email_only_for_revenues() -> tuple[Casework, FrozenClock]:
    """CRM-1 restricted to email for the Revenues service, told by letter."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _reported(casework, clock, "CRM-1")
    casework.designate(
        case_id,
        DECIDER,
        PASSED,
        [SingleContactMethod(Channel.EMAIL)],
        "Threats to staff.",
        without_warning_because="threat",
        services=["Revenues"],
    )
    casework.record_communicated(case_id, RECORDS, clock.now(), Channel.LETTER)
    clock.advance(minutes=5)
    return casework, clock


@pytest.mark.parametrize("department", ["Revenues", " revenues ", "REVENUES", "\uff32evenues"])
def test_every_spelling_of_the_service_reaches_its_restriction(department: str) -> None:
    """A telephone call for the service, in any case, spacing or width, is
    refused and told to use email."""
    casework, clock = _email_only_for_revenues()
    contact = Contact(Channel.TELEPHONE, clock.now(), department=department)
    decision = casework.decide_contact("CRM-1", contact, record=False)
    assert decision.allowed is False
    assert decision.reasons == (EMAIL_ONLY,)


@pytest.mark.parametrize(
    ("department", "message"),
    [
        ("Revenues\u200b", "must not contain invisible characters: U+200B at character 9"),
        ("Revenues\u200f", "must not contain invisible characters: U+200F at character 9"),
        ("Revenues\x1b", "must not contain control characters: U+001B at character 9"),
        ("\u200f", "must not contain invisible characters: U+200F at character 1"),
    ],
)
def test_a_department_with_an_unseen_character_is_refused(department: str, message: str) -> None:
    """The contact cannot be made, so it is never decided as allowed."""
    with pytest.raises(InvalidInput) as refused:
        Contact(Channel.TELEPHONE, START, department=department)
    assert (refused.value.field, refused.value.section) == ("Contact.department", "5.1")
    assert refused.value.message == message


@pytest.mark.parametrize(
    ("service", "message"),
    [
        ("Revenues\u200b", "must not contain invisible characters: U+200B at character 9"),
        ("Rev\x1benues", "must not contain control characters: U+001B at character 4"),
        ("\u200f", "must not contain invisible characters: U+200F at character 1"),
    ],
)
def test_designating_for_a_service_with_an_unseen_character_is_refused(
    service: str, message: str
) -> None:
    """designate refuses the service naming ``services[0]`` under 5.1, and
    the case is left as reported."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _reported(casework, clock, "CRM-2")
    with pytest.raises(InvalidInput) as refused:
        casework.designate(
            case_id,
            DECIDER,
            PASSED,
            [SingleContactMethod(Channel.EMAIL)],
            "Threats to staff.",
            without_warning_because="threat",
            services=[service],
        )
    assert (refused.value.field, refused.value.section) == ("services[0]", "5.1")
    assert refused.value.message == message
    assert casework.get(case_id, by=RECORDS).version == 1


def test_two_spellings_of_one_service_are_kept_once() -> None:
    """Services that differ only in case or width are one service, kept
    as first written."""
    clock = FrozenClock(START)
    casework = Casework(MemoryStore(), clock=clock)
    case_id = _reported(casework, clock, "CRM-3")
    case = casework.designate(
        case_id,
        DECIDER,
        PASSED,
        [SingleContactMethod(Channel.EMAIL)],
        "Threats to staff.",
        without_warning_because="threat",
        services=["Revenues", "\uff32EVENUES"],
    )
    assert case.designation is not None
    assert case.designation.services == ("Revenues",)
