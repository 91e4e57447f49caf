"""At the point of contact a department that matched none of the council's
teams turned restrictions scoped to a service off without a word (5.1).
With an officer directory, ``decide_contact`` now gives such a contact the
reason line of an unknown service, logged with the contact, naming the
services and the teams and never the department as typed; without one, the
council's teams are not known and the contact meets no restriction."""

from __future__ import annotations

from contactpolicy import Casework, Channel, Contact, ContactDecision, FrozenClock
from contactpolicy.stores import MemoryStore

from support.builders import ONE_OF_EACH, STAFF
from support.revenues_only import UNKNOWN_DEPARTMENT as LINE
from support.revenues_only import told

TYPED = "Priya Shah 07700900123"


def test_a_department_matching_no_team_is_logged_with_the_unknown_service_line(
    clock: FrozenClock,
) -> None:
    store = MemoryStore()
    casework = Casework(store, clock=clock, officers=ONE_OF_EACH.values())
    told(casework)
    clock.advance(days=1)
    contact = Contact(Channel.TELEPHONE, clock.now(), TYPED)
    decision = casework.decide_contact("CRM-7", contact, by=STAFF)
    assert (decision.allowed, decision.reasons, decision.contact_id) == (True, (LINE,), 1)
    [logged] = store.contacts("CRM-7", clock.now().subtract(days=1))
    assert (logged.contact.department, logged.decision.reasons) == (TYPED, (LINE,))
    assert TYPED not in " ".join(logged.decision.reasons)
    named = Contact(Channel.TELEPHONE, clock.now(), "revenues")
    refused = casework.decide_contact("CRM-7", named, record=False, by=STAFF)
    assert (refused.allowed, refused.accepted_channels) == (False, frozenset({Channel.EMAIL}))


def test_without_a_directory_the_department_meets_no_restriction(clock: FrozenClock) -> None:
    casework = Casework(MemoryStore(), clock=clock)
    told(casework)
    clock.advance(days=1)
    contact = Contact(Channel.TELEPHONE, clock.now(), "Revenue")
    assert casework.decide_contact("CRM-7", contact, record=False) == ContactDecision()
