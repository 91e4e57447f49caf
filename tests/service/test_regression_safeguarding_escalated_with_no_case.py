"""``decide_contact`` for a safeguarding concern from a customer reference
with no case (never reported) answered ``escalate=False``, and logged it
so: nobody was told to pass it on. It is now escalated whoever the
customer (5.1), and the contact log keeps the decision that says so. A
customer whose cases ended (lifted, closed with no action) or who is
designated is escalated too, and the concern waits in the Policy and
Information team's work queue on the case ``follow_up.acted_on`` chooses,
as before."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from contactpolicy import (
    CaseState,
    Casework,
    Channel,
    Contact,
    ContactDecision,
    ContactPurpose,
    FrozenClock,
    Role,
    WorkItem,
)
from contactpolicy.stores import MemoryStore

from support.builders import CUSTOMER, ONE_OF_EACH, RECORDS, STAFF, in_state

LONDON = "Europe/London"
TEAM = "Policy and Information team"
URGENT = (
    "Safeguarding or urgent concern: deal with it now, whatever the restrictions, and "
    "escalate it at once under the council's safeguarding procedure."
)
PASSED_ON = (
    "A safeguarding concern (5.1): accept, register and answer it whatever the restrictions, "
    f"and pass it to the {TEAM}."
)


@pytest.fixture
def casework(clock: FrozenClock) -> Casework:
    """The Maidstone policy with one officer of each role, at 31 January 2026."""
    return Casework(MemoryStore(), clock=clock, officers=ONE_OF_EACH.values())


def _concern(casework: Casework, customer_id: str = CUSTOMER.id) -> ContactDecision:
    """A safeguarding concern phoned in now by ``customer_id``, logged."""
    contact = Contact(
        Channel.TELEPHONE,
        casework.clock.now(),
        department="Revenues",
        purpose=ContactPurpose.SAFEGUARDING,
    )
    return casework.decide_contact(customer_id, contact, by=STAFF)


def test_with_no_case_the_concern_is_escalated_and_logged_so(casework: Casework) -> None:
    """The reproduction: ``escalate`` was ``False``, in the answer and the
    log. Nothing is held about the customer, so no case is opened and
    nothing is left on a case: the escalation is the decision's, at once,
    under the council's safeguarding procedure, and the entry waits in the
    log for the team (``waiting_contacts``). The log keeps the decision as
    given, its entry's id being the entry's own."""
    decided = _concern(casework, "CRM-404")
    assert decided == ContactDecision(
        escalate=True,
        reasons=("No case is recorded for customer reference CRM-404: check the reference.",),
        contact_id=1,
    )
    logged = [entry.decision for entry in casework.store.contacts("CRM-404")]
    assert logged == [attrs.evolve(decided, contact_id=None)]
    assert casework.to_act_on() == []
    assert [each.contact_id for each in casework.store.waiting_contacts()] == [1]
    assert casework.store.cases(customer_id="CRM-404") == []


def test_a_preview_with_no_case_is_escalated_too(casework: Casework) -> None:
    """``record=False``: the same answer, nothing logged."""
    contact = Contact(Channel.EMAIL, casework.clock.now(), purpose=ContactPurpose.SAFEGUARDING)
    decided = casework.decide_contact("CRM-404", contact, record=False, by=STAFF)
    assert (decided.escalate, decided.contact_id) == (True, None)
    assert casework.store.contacts("CRM-404") == []


@pytest.mark.parametrize(
    "state",
    [
        CaseState.REPORTED,
        CaseState.WARNED,
        CaseState.DESIGNATED,
        CaseState.LIFTED,
        CaseState.CLOSED,
    ],
)
def test_with_a_case_in_any_state_it_is_escalated_and_waits_for_the_team(
    casework: Casework, clock: FrozenClock, state: CaseState
) -> None:
    """Reported, warned, designated, lifted or closed with no action: the
    concern is escalated, passed to the team and waits in its work queue
    on that case, due the day it was made; only on a case with restrictions
    in force does it ask for a review, which can start nowhere else."""
    case = in_state(casework, state)
    clock.set(pendulum.datetime(2026, 2, 10, 9, tz=LONDON))
    decided = _concern(casework)
    assert (decided.allowed, decided.register, decided.respond) == (True, True, True)
    assert (decided.escalate, decided.route_to, decided.route_to_role) == (
        True,
        None,
        Role.RECORDS,
    )
    assert decided.reasons[:2] == (URGENT, PASSED_ON)
    waiting = [item for item in casework.work_queue(RECORDS) if item.kind == "safeguarding_concern"]
    assert waiting == [
        WorkItem(
            "safeguarding_concern",
            case.id,
            pendulum.date(2026, 2, 10),
            "A safeguarding concern (5.1) made by telephone on 10 February 2026 (contact 1) is "
            + (
                "not yet acted on: escalate it at once if not done, consider whether the "
                "restrictions still suit the customer (start a review), or record how it was "
                "dealt with otherwise."
                if state is CaseState.DESIGNATED
                else "not yet acted on: escalate it at once under the council's safeguarding "
                "procedure if not done, and pass it to the service concerned (1.2). The case is "
                f"{state.value}, so no review can start on it (7.2); record how it was dealt "
                "with, with the reason (record_read with a reason; contactpolicy read --reason)."
            ),
            contact_id=1,
        )
    ]
