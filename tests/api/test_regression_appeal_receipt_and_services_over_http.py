"""Over HTTP as in Python: an appeal made at the point of contact is
received when the contact was made, so a ``received_at`` that differs is
refused (8.1); a decision naming a service that is none of the council's
teams is refused (5.1, 9.1). Each refusal writes nothing."""

from __future__ import annotations

import pendulum

from contactpolicy import Channel, Contact, ContactPurpose

from support.api import Api, moment
from support.builders import (
    CUSTOMER,
    MANAGER,
    RECORDS,
    STAFF,
    designated_and_told,
    incident,
    warn_and_continue,
)

LONDON = "Europe/London"
PASSED = {
    "issue_investigated": True,
    "communications_adequate": True,
    "no_significant_new_information": True,
    "adjustments_considered": True,
}


def test_a_received_at_other_than_the_contacts_is_refused(api: Api) -> None:
    """``POST /cases/{id}/appeal`` with the contact and a later time: 422
    naming 8.1 and ``appeal_received_not_contact``; the appeal still waits."""
    casework = api.casework
    case_id = designated_and_told(casework)
    casework.record_communicated(case_id, RECORDS, api.clock.now(), Channel.LETTER)
    made = pendulum.datetime(2026, 2, 3, 10, tz=LONDON)
    api.clock.set(made)
    contact = Contact(Channel.EMAIL, made, department="Revenues", purpose=ContactPurpose.APPEAL)
    contact_id = casework.decide_contact("CRM-7", contact, by=STAFF).contact_id
    api.clock.set(pendulum.datetime(2026, 3, 2, 9, tz=LONDON))
    before = casework.history(case_id, by=RECORDS)
    body = {
        "grounds": "Email only is hard for me.",
        "contact_id": contact_id,
        "received_at": moment(api.clock.now()),
    }
    with api.client("records") as records:
        answer = records.post(f"/cases/{case_id}/appeal", json=body)
    assert answer.status_code == 422
    found = answer.json()
    assert (found["type"], found["section"]) == (
        "urn:contactpolicy:problem:preconditions-not-met",
        "8.1",
    )
    assert [(each["code"], each["message"]) for each in found["failures"]] == [
        (
            "appeal_received_not_contact",
            f"received_at (2026-03-02T09:00:00+00:00) is not when contact {contact_id} was made "
            "(2026-02-03T10:00:00+00:00): an appeal made at the point of contact was received "
            "then, and its decision is due counted from then; leave received_at out",
        )
    ]
    assert casework.history(case_id, by=RECORDS) == before


def test_a_service_that_is_no_team_is_refused(api: Api) -> None:
    """``POST /cases/{id}/designate`` covering "Revenues and Benefits" when
    the directory's only team is "Revenues": 422 naming 5.1, the service
    and the team; the case stays warned."""
    casework = api.casework
    case_id = casework.report(CUSTOMER, "council tax", [incident()], by=MANAGER).id
    warn_and_continue(casework, case_id)
    body = {
        "assessment": PASSED,
        "restrictions": [{"type": "SingleContactMethod", "channel": "email"}],
        "reasons": "Calls continued.",
        "services": ["Revenues and Benefits"],
    }
    before = casework.history(case_id, by=RECORDS)
    with api.client("decider") as decider:
        answer = decider.post(f"/cases/{case_id}/designate", json=body)
    assert answer.status_code == 422
    failures = answer.json()["failures"]
    assert [(each["section"], each["code"], each["message"]) for each in failures] == [
        (
            "5.1",
            "unknown_service",
            "each service named (services) must be one of the council's teams, 'Revenues': "
            "service 1 of the 1 named matches none, so the restrictions would apply at no "
            "contact for it and no manager would be told of them (9.1)",
        )
    ]
    assert casework.history(case_id, by=RECORDS) == before
