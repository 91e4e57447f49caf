"""A scene with an item of every kind waiting, on cases in several states,
for the tests of what waits (``Casework.to_read``, ``to_act_on``,
``new_issues`` and the work queue, 5.1, 7.3, 8.1)."""

from __future__ import annotations

import attrs

from contactpolicy import (
    Casework,
    Channel,
    Contact,
    ContactPurpose,
    Customer,
    FrozenClock,
    ReadOutcome,
)

from support.builders import (
    CUSTOMER,
    DECIDER,
    EVERY_SERVICE,
    MANAGER,
    PASSED,
    RECORDS,
    RESTRICTIONS,
    incident,
    restricted_and_told,
    warn_and_continue,
)

__all__ = ["LIFTED", "OTHER", "Scene", "scene"]

OTHER = Customer("CRM-8", "Alex Reed", "3 Mill Street, Maidstone")
"""A customer with a case reported and nothing decided."""

LIFTED = Customer("CRM-9", "Jo Lane", "9 Bank Street, Maidstone")
"""A customer whose restrictions were lifted after a letter was filed."""


@attrs.frozen
class Scene:
    """The cases of :func:`scene` and the contact log's id of each contact."""

    restricted: str
    reported: str
    lifted: str
    letter: int
    appeal: int
    new_issue: int
    data_request: int
    filed: int
    found: int


def scene(casework: Casework, clock: FrozenClock) -> Scene:
    """On :data:`~support.builders.CUSTOMER`'s case, restricted to email with
    a single point of contact and told: a letter refused (to read, by
    ``records``), an appeal by email (to act on) and an email raising a new
    issue (a marker), an hour apart. On :data:`OTHER`'s reported case, a
    data request (to act on). On :data:`LIFTED`'s case, restricted and
    told: a letter refused and not yet read, and another read after the
    lift and found to raise a new issue (a finding no review can take up).
    Each contact an hour after the one before; returns the ids."""
    restricted = restricted_and_told(casework, RESTRICTIONS)
    other = casework.report(OTHER, "parking", [incident()], by=MANAGER)
    lifted = _restricted_and_told(casework, LIFTED)

    def made(customer: Customer, contact: Contact) -> int:
        clock.advance(hours=1)
        found = casework.decide_contact(customer.id, attrs.evolve(contact, at=clock.now()))
        assert found.contact_id is not None
        return found.contact_id

    now = clock.now()
    letter = made(CUSTOMER, Contact(Channel.LETTER, now))
    appeal = made(CUSTOMER, Contact(Channel.EMAIL, now, purpose=ContactPurpose.APPEAL))
    new_issue = made(CUSTOMER, Contact(Channel.EMAIL, now, issue="housing", new_issue=True))
    data_request = made(OTHER, Contact(Channel.EMAIL, now, purpose=ContactPurpose.DATA_REQUEST))
    filed = made(LIFTED, Contact(Channel.LETTER, now))
    found = made(LIFTED, Contact(Channel.LETTER, now))
    clock.advance(hours=1)
    casework.lift(lifted, DECIDER, "Contact is now reasonable.")
    casework.record_read(found, RECORDS, ReadOutcome.NEW_ISSUE)
    return Scene(
        restricted, other.id, lifted, letter, appeal, new_issue, data_request, filed, found
    )


def _restricted_and_told(casework: Casework, customer: Customer) -> str:
    """:func:`~support.builders.restricted_and_told` for ``customer``."""
    case = casework.report(customer, "council tax", [incident()], by=MANAGER)
    warn_and_continue(casework, case.id)
    casework.designate(
        case.id, DECIDER, PASSED, RESTRICTIONS, "Calls.", council_wide_because=EVERY_SERVICE
    )
    casework.record_communicated(case.id, RECORDS, casework.clock.now(), Channel.LETTER)
    return case.id
